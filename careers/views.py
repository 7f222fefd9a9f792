from urllib.parse import urlencode

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template
from django.views.decorators.http import require_safe

from .caching import fragments, public_page
from .feeds import feed_url
from .forms import PostingFilterForm
from .models import Posting, PrivacyPolicy
from .pagination import list_page
from .referrals import apply_links_carry_source

PAGE_SIZE = 25


@require_safe
@public_page
def posting_list(request):
    if clean := _without_empty_parameters(request):
        return clean
    form = PostingFilterForm.public(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    # Only the page's postings are read here (with their count); their cards come from the fragment cache.
    postings = Posting.objects.open().filtered(**filters).in_stable_order().only("pk", "slug", "title")
    page = list_page(postings, request.GET.get("page"), PAGE_SIZE, ranked=bool(filters.get("q")))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "careers/posting_list.html",
        {
            "form": form,
            "page": page,
            "cards": fragments("posting-card", page.object_list, _render_posting_cards),
            "filtered": any(filters.values()),
            "query_without_page": query_without_page.urlencode(),
            # The very URLs the feeds name as their own (self link), so validators find them identical.
            "feed_rss_url": request.build_absolute_uri(feed_url("feed_rss", filters)),
            "feed_atom_url": request.build_absolute_uri(feed_url("feed_atom", filters)),
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        },
    )


def _without_empty_parameters(request):
    """A redirect to the same list without its empty parameters, or None when there are none.

    The filter form submits every field (``?q=&team=global-affairs&location=&workplace=``);
    the URL people copy and share should say only what they chose.
    """
    pairs = [(key, value) for key, values in request.GET.lists() for value in values]
    kept = [(key, value) for key, value in pairs if value.strip()]
    if len(kept) == len(pairs):
        return None
    return HttpResponsePermanentRedirect(request.path + (f"?{urlencode(kept)}" if kept else ""))


def _render_posting_cards(postings):
    card = get_template("includes/posting_card.html")
    full = Posting.objects.filter(pk__in=[posting.pk for posting in postings]).with_page_data()
    return {posting.pk: card.render({"posting": posting}) for posting in full}


def _posting_for_public(request, slug):
    """The posting for ``slug`` as the public may see it: drafts and scheduled ones only for staff who can edit them.

    Its locations, questions and company texts are read only when its cached
    page fragments are not (templates/careers/posting_detail.html).
    """
    posting = get_object_or_404(Posting.objects.select_related("team").defer("search_vector"), slug=slug)
    if not posting.is_public and not request.user.has_perm("careers.change_posting"):
        raise Http404("No such posting.")
    return posting


@require_safe
@public_page
@apply_links_carry_source
def posting_detail(request, slug):
    posting = _posting_for_public(request, slug)
    if posting.is_closed_for_public:
        return render(request, "careers/posting_closed.html", {"posting": posting}, status=410)
    return render(
        request,
        "careers/posting_detail.html",
        {"posting": posting, "preview": not posting.is_public},
    )


@require_safe
def privacy_policy(request, version=None):
    policies = PrivacyPolicy.objects.in_effect()
    if version is None:
        policy = policies.current()
        if policy is None:
            raise Http404("No privacy policy has been published yet.")
    else:
        policy = get_object_or_404(policies, version=version)
    current = policies.current()
    return render(
        request,
        "careers/privacy.html",
        {"policy": policy, "is_current": policy == current, "current": current, "versions": policies},
    )
