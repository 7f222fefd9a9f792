"""Public media (company logo, team and location images) served in every deployment.

Search engines and link previews fetch the logo from the JobPosting data and
``og:image`` long after staff upload it, so these files must be reachable
without DEBUG. Behind nginx (see the deployment section of the README) nginx
serves ``/media/`` itself and this view is never reached. Only the folders the
public models upload to are served; private files live under another root
(``PRIVATE_MEDIA_ROOT``) that no URL reaches.
"""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

# upload_to folders of the public image fields (Team.image, Location.image, CompanyProfile.logo).
PUBLIC_FOLDERS = ("teams/", "locations/", "company/")
# A new upload never overwrites an existing name (the storage adds a suffix), so a URL's bytes never change.
CACHE_SECONDS = 60 * 60 * 24 * 365


@require_safe
def public_media(request, path):
    if not path.startswith(PUBLIC_FOLDERS) or "\\" in path:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response
