from django.utils.functional import SimpleLazyObject


def site(request):
    """The company texts, loaded only if a template uses them (one query per request at most)."""
    from .models import CompanyProfile

    return {"company": SimpleLazyObject(CompanyProfile.load)}
