"""Accommodation requests move out of the careers app, keeping their tables (no data is copied)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import accommodations.crypto
import careers.references

# The tables were created by the careers app and keep their names: only Django's
# idea of which app owns the models changes. Content types move too, so
# permissions already granted and the admin's history keep pointing at them.
MOVED_MODELS = ("accommodationrequest", "accommodationaccesslog",)


def move_content_types(apps, schema_editor, source="careers", target="accommodations"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        if ContentType.objects.using(db).filter(app_label=source, model=model).exists():
            ContentType.objects.using(db).filter(app_label=target, model=model).delete()
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="accommodations", target="careers")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('careers', '0012_exact_email_identity'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AccommodationRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(default=careers.references.new_reference, editable=False, max_length=19, unique=True)),
                        ('name', models.CharField(max_length=200)),
                        ('email', models.EmailField(max_length=254)),
                        ('stage', models.CharField(choices=[('application', 'Applying'), ('assessment', 'An assessment or test'), ('interview', 'Interviews'), ('other', 'Something else')], default='application', max_length=15, verbose_name='stage it concerns')),
                        ('description', accommodations.crypto.EncryptedTextField(verbose_name='accommodation needed')),
                        ('contact_method', models.CharField(choices=[('email', 'Email'), ('phone', 'Phone'), ('video', 'Video call'), ('other', 'Other (tell us how)')], default='email', max_length=10, verbose_name='preferred contact method')),
                        ('contact_details', accommodations.crypto.EncryptedTextField(blank=True)),
                        ('status', models.CharField(choices=[('new', 'New'), ('in_progress', 'In progress'), ('arranged', 'Arranged'), ('closed', 'Closed')], db_index=True, default='new', max_length=12)),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('posting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='accommodation_requests', to='careers.posting')),
                    ],
                    options={
                        'db_table': 'careers_accommodationrequest',
                        'ordering': ['-created_at'],
                        'permissions': [('coordinate_accommodations', 'Can read and handle accommodation requests')],
                    },
                ),
                migrations.CreateModel(
                    name='AccommodationAccessLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('accessed_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='access_log', to='accommodations.accommodationrequest')),
                    ],
                    options={
                        'db_table': 'careers_accommodationaccesslog',
                        'ordering': ['-accessed_at'],
                    },
                ),

            ],
            database_operations=[],
        ),
    ]
