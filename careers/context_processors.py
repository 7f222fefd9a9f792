from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _company():
    from .caching import derived
    from .models import CompanyProfile

    def load():
        company = CompanyProfile.load()
        company.html  # rendered once, kept with the cached copy
        return company

    return derived("company", load)


def site(request):
    """The company texts, loaded only if a template uses them (from the fragment cache, else one query),
    and what ``{% cache %}`` fragments of public content are keyed on."""
    from .caching import _shared_version_known, content_key

    def fragment_seconds():
        # 0: {% cache %} keeps nothing while the shared cache is unreachable (see caching.py).
        return settings.FRAGMENT_CACHE_SECONDS if _shared_version_known() else 0

    return {
        "company": SimpleLazyObject(_company),
        "content_key": SimpleLazyObject(content_key),
        "fragment_seconds": fragment_seconds(),
    }
