"""Applications, accommodation requests and the outbox now belong to their own apps.

State only: their tables stay as they are (see each app's 0001_initial).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0012_exact_email_identity'),
        ('applications', '0001_initial'),
        ('accommodations', '0001_initial'),
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='accommodationaccesslog',
                    name='request',
                ),
                migrations.RemoveField(
                    model_name='accommodationaccesslog',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='accommodationrequest',
                    name='posting',
                ),
                migrations.RemoveField(
                    model_name='answer',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='answer',
                    name='question',
                ),
                migrations.RemoveConstraint(
                    model_name='application',
                    name='careers_application_one_per_posting',
                ),
                migrations.RemoveField(
                    model_name='consentrecord',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='applicationaccesslog',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='applicationaccesslog',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='consentrecord',
                    name='policy',
                ),
                migrations.RemoveField(
                    model_name='erasedapplication',
                    name='posting',
                ),
                migrations.RemoveConstraint(
                    model_name='outgoingemail',
                    name='careers_outgoingemail_once_per_kind',
                ),
                migrations.RemoveConstraint(
                    model_name='outgoingemail',
                    name='careers_outgoingemail_once_per_request_kind',
                ),
                migrations.RemoveConstraint(
                    model_name='outgoingemail',
                    name='careers_outgoingemail_one_subject',
                ),
                migrations.DeleteModel(
                    name='AccommodationAccessLog',
                ),
                migrations.DeleteModel(
                    name='Answer',
                ),
                migrations.RemoveField(
                    model_name='application',
                    name='posting',
                ),
                migrations.DeleteModel(
                    name='ApplicationAccessLog',
                ),
                migrations.DeleteModel(
                    name='ConsentRecord',
                ),
                migrations.DeleteModel(
                    name='ErasedApplication',
                ),
                migrations.RemoveField(
                    model_name='outgoingemail',
                    name='accommodation_request',
                ),
                migrations.RemoveField(
                    model_name='outgoingemail',
                    name='application',
                ),
                migrations.DeleteModel(
                    name='AccommodationRequest',
                ),
                migrations.DeleteModel(
                    name='Application',
                ),
                migrations.DeleteModel(
                    name='OutgoingEmail',
                ),

            ],
            database_operations=[],
        ),
    ]
