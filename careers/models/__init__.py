"""The careers models, by subject: ``organisation`` (teams, locations, company texts),
``postings`` (postings and their questions), ``sections`` (a posting's body sections), ``privacy`` (the applicant privacy policy).
``careers.models.X`` keeps working for every model."""

from .organisation import CompanyProfile, Location, Team
from .postings import Posting, Question
from .privacy import PrivacyPolicy
from .sections import PostingSection

__all__ = ["CompanyProfile", "Location", "Posting", "PostingSection", "PrivacyPolicy", "Question", "Team"]
