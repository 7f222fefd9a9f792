"""Settings of the public postings API (Django REST framework and drf-spectacular), imported by settings.py."""

# The public postings API (api/): anonymous, read-only, JSON only. No authentication
# at all, so no sessions, CSRF or user lookups; no browsable HTML API, which
# would be a public page outside the site's templates.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Careers API",
    "DESCRIPTION": (
        "Read-only access to the open job postings of this careers site, their teams and locations. "
        "No key needed; any origin may read (CORS). Responses carry an ETag: send it back in If-None-Match "
        "to get 304 Not Modified while nothing changed."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "ENUM_NAME_OVERRIDES": {
        "WorkplaceEnum": "careers.models.Posting.Workplace",
        "EmploymentTypeEnum": "careers.models.Posting.EmploymentType",
        "PayPeriodEnum": "careers.models.Posting.PayPeriod",
        "QuestionKindEnum": "careers.models.Question.Kind",
    },
}
