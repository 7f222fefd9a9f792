"""The outbox moves out of the careers app, keeping its table (no data is copied)."""

import django.db.models.deletion
from django.db import migrations, models

# The tables were created by the careers app and keep their names: only Django's
# idea of which app owns the models changes. Content types move too, so
# permissions already granted and the admin's history keep pointing at them.
MOVED_MODELS = ("outgoingemail",)


def move_content_types(apps, schema_editor, source="careers", target="notifications"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        if ContentType.objects.using(db).filter(app_label=source, model=model).exists():
            ContentType.objects.using(db).filter(app_label=target, model=model).delete()
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="notifications", target="careers")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accommodations', '0001_initial'),
        ('applications', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutgoingEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('candidate_confirmation', 'Confirmation to candidate'), ('team_notification', 'Notification to hiring team'), ('accommodation_confirmation', 'Accommodation request confirmation'), ('accommodation_notification', 'Accommodation request notice to coordinators')], max_length=30)),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('sent', 'Sent'), ('failed', 'Gave up')], db_index=True, default='pending', max_length=10)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('last_error', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('accommodation_request', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='emails', to='accommodations.accommodationrequest')),
                        ('application', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='emails', to='applications.application')),
                    ],
                    options={
                        'db_table': 'careers_outgoingemail',
                        'ordering': ['created_at'],
                        'constraints': [models.UniqueConstraint(fields=('application', 'kind'), name='careers_outgoingemail_once_per_kind'), models.UniqueConstraint(fields=('accommodation_request', 'kind'), name='careers_outgoingemail_once_per_request_kind'), models.CheckConstraint(condition=models.Q(models.Q(('accommodation_request__isnull', True), ('application__isnull', False)), models.Q(('accommodation_request__isnull', False), ('application__isnull', True)), _connector='OR'), name='careers_outgoingemail_one_subject')],
                    },
                ),

            ],
            database_operations=[],
        ),
    ]
