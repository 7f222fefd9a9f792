from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _company():
    from .fragments import derived
    from .models import CompanyProfile

    def load():
        company = CompanyProfile.load()
        company.html  # rendered once, kept with the cached copy
        return company

    return derived("company", load)


def site(request):
    """The company texts, loaded only if a template uses them (from the fragment cache, else one query),
    and what ``{% cache %}`` fragments of public content are keyed on."""
    from .versioning import content_key

    return {
        "company": SimpleLazyObject(_company),
        # Read only if a template caches a fragment; unique per request while the shared cache is down.
        "content_key": SimpleLazyObject(content_key),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
