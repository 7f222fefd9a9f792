from django.db import models

from accounts.querysets import CandidateRowsMixin


class AccommodationRequestQuerySet(CandidateRowsMixin, models.QuerySet):
    pass
