"""Which rows belong to a signed-in candidate: the one place that rule is written."""


class CandidateRowsMixin:
    """For querysets of rows a candidate made (applications, accommodation requests), with an ``email``."""

    def for_candidate(self, user):
        """A signed-in candidate's own rows: those made with their verified email.

        Compared exactly: both sides were normalised when stored
        (``accounts.identity.normalize_email``). Never ``iexact``: on PostgreSQL
        ``UPPER('user@ıcloud.com') = UPPER('user@icloud.com')``.
        """
        if not (user.is_authenticated and user.email_verified_at):
            return self.none()
        return self.filter(email=user.email)
