from django.apps import AppConfig


class CandidateEmailsConfig(AppConfig):
    name = "candidate_emails"
    verbose_name = "Candidate emails"

    def ready(self):
        from careers.signals import posting_closed

        from .services import posting_closed_reject_open

        # Closing a posting (admin form, action, command) may reject and email its open candidates.
        posting_closed.connect(posting_closed_reject_open, dispatch_uid="candidate-emails-auto-reject")
