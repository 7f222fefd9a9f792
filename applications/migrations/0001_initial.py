"""Applications move out of the careers app, keeping their tables (no data is copied)."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import applications.storage
import careers.references

# The tables were created by the careers app and keep their names: only Django's
# idea of which app owns the models changes. Content types move too, so
# permissions already granted and the admin's history keep pointing at them.
MOVED_MODELS = ("application", "answer", "consentrecord", "applicationaccesslog", "erasedapplication",)


def move_content_types(apps, schema_editor, source="careers", target="applications"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        if ContentType.objects.using(db).filter(app_label=source, model=model).exists():
            ContentType.objects.using(db).filter(app_label=target, model=model).delete()
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="applications", target="careers")


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
                    name='Application',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(default=careers.references.new_reference, editable=False, max_length=19, unique=True)),
                        ('submission_token', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('first_name', models.CharField(max_length=100)),
                        ('last_name', models.CharField(max_length=100)),
                        ('email', models.EmailField(db_index=True, max_length=254)),
                        ('phone', models.CharField(blank=True, max_length=32)),
                        ('country', models.CharField(max_length=100, verbose_name='current country')),
                        ('city', models.CharField(blank=True, max_length=100, verbose_name='current city')),
                        ('linkedin_url', models.URLField(blank=True, max_length=300, verbose_name='LinkedIn profile')),
                        ('website_url', models.URLField(blank=True, max_length=300, verbose_name='website')),
                        ('resume', models.FileField(max_length=200, storage=applications.storage.private_storage, upload_to='resumes/%Y/%m/')),
                        ('resume_name', models.CharField(max_length=120, verbose_name='resume file name')),
                        ('resume_size', models.PositiveIntegerField(default=0)),
                        ('cover_letter', models.TextField(blank=True)),
                        ('cover_letter_file', models.FileField(blank=True, max_length=200, storage=applications.storage.private_storage, upload_to='cover-letters/%Y/%m/')),
                        ('cover_letter_name', models.CharField(blank=True, max_length=120)),
                        ('source', models.CharField(blank=True, max_length=200, verbose_name='how they heard about us')),
                        ('stage', models.CharField(choices=[('new', 'New'), ('reviewing', 'Reviewing'), ('interviewing', 'Interviewing'), ('offer', 'Offer'), ('hired', 'Hired'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], db_index=True, default='new', max_length=15)),
                        ('submitted_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('posting', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='careers.posting')),
                    ],
                    options={
                        'db_table': 'careers_application',
                        'ordering': ['-submitted_at'],
                        'permissions': [('download_resume', 'Can download resumes and cover-letter files'), ('view_all_applications', 'Can review applications of every team')],
                    },
                ),
                migrations.CreateModel(
                    name='Answer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('question_label', models.CharField(max_length=300)),
                        ('value', models.TextField(blank=True)),
                        ('question', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='answers', to='careers.question')),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='applications.application')),
                    ],
                    options={
                        'db_table': 'careers_answer',
                        'ordering': ['pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ApplicationAccessLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('application_reference', models.CharField(db_index=True, max_length=19)),
                        ('action', models.CharField(choices=[('viewed', 'Viewed details'), ('resume', 'Downloaded résumé'), ('cover_letter', 'Downloaded cover letter'), ('exported', 'Exported to CSV')], max_length=15)),
                        ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('application', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='access_log', to='applications.application')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'careers_applicationaccesslog',
                        'ordering': ['-at'],
                    },
                ),
                migrations.CreateModel(
                    name='ConsentRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('policy_version', models.CharField(max_length=40)),
                        ('wording', models.TextField()),
                        ('consented_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('talent_pool', models.BooleanField(default=False, verbose_name='keep for future opportunities')),
                        ('talent_pool_wording', models.TextField(blank=True)),
                        ('application', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='consent', to='applications.application')),
                        ('policy', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consents', to='careers.privacypolicy')),
                    ],
                    options={
                        'db_table': 'careers_consentrecord',
                    },
                ),
                migrations.CreateModel(
                    name='ErasedApplication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('stage', models.CharField(choices=[('new', 'New'), ('reviewing', 'Reviewing'), ('interviewing', 'Interviewing'), ('offer', 'Offer'), ('hired', 'Hired'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], max_length=15)),
                        ('submitted_month', models.DateField(help_text='First day of the month it was submitted.')),
                        ('erased_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('posting', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='careers.posting')),
                    ],
                    options={
                        'db_table': 'careers_erasedapplication',
                    },
                ),
                migrations.AddConstraint(
                    model_name='application',
                    constraint=models.UniqueConstraint(condition=models.Q(('stage', 'withdrawn'), _negated=True), fields=('posting', 'email'), name='careers_application_one_per_posting'),
                ),

            ],
            database_operations=[],
        ),
    ]
