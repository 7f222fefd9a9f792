from django.db import migrations, models

import careers.time_zones


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0017_reference_posting_list_split'),
    ]

    operations = [
        migrations.AddField(
            model_name='location',
            name='time_zone',
            field=models.CharField(choices=careers.time_zones.time_zone_choices, default=careers.time_zones.default_time_zone, help_text='Where the office is: a closing date ends at midnight here.', max_length=64),
        ),
    ]
