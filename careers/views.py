import functools
from functools import partial
from urllib.parse import urlencode

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from .caching import public_page
from .feeds import feed_url
from .forms import PostingFilterForm
from .fragments import derived, fragments
from .models import Posting, PrivacyPolicy
from .pagination import list_page
from .referrals import apply_links_carry_source

PAGE_SIZE = 25


@require_safe
@public_page
def posting_list(request):
    if clean := _without_empty_parameters(request):
        return clean
    # Computed only if the template renders what it is for: the head and the list are cached
    # fragments of the page's URL (templates/careers/posting_list.html), so most requests read
    # nothing (their postings, count and cards are what the fragment already shows).
    return render(request, "careers/posting_list.html", _lazy_context(partial(_list_data, request), LIST_CONTEXT))


LIST_CONTEXT = ("form", "page", "cards", "filtered", "query_without_page", "feed_rss_url", "feed_atom_url", "page_numbers")


def _lazy_context(compute, names):
    """``names`` as lazy values, all from one call of ``compute()`` made when the first is used."""
    data = functools.cache(compute)
    return {name: SimpleLazyObject(partial(lambda name: data()[name], name)) for name in names}


def _list_data(request):
    form = PostingFilterForm.public(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    # Only the page's postings are read here (with their count); their cards come from the fragment cache.
    postings = Posting.objects.open().filtered(**filters).in_stable_order().only("pk", "slug", "title")
    page = list_page(postings, request.GET.get("page"), PAGE_SIZE, ranked=bool(filters.get("q")))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return {
        "form": form,
        "page": page,
        "cards": fragments("posting-card", page.object_list, _render_posting_cards),
        "filtered": any(filters.values()),
        "query_without_page": query_without_page.urlencode(),
        # The very URLs the feeds name as their own (self link), so validators find them identical.
        "feed_rss_url": request.build_absolute_uri(feed_url("feed_rss", filters)),
        "feed_atom_url": request.build_absolute_uri(feed_url("feed_atom", filters)),
        "page_numbers": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    }


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
    # Kept with the page's fragments (same key, same invalidation): a fragment hit reads nothing.
    posting = derived("posting", partial(_posting_by_slug, slug), slug)
    if posting is None:
        raise Http404("No such posting.")
    if not posting.is_public and not request.user.has_perm("careers.change_posting"):
        raise Http404("No such posting.")
    return posting


def _posting_by_slug(slug):
    return Posting.objects.select_related("team").defer("search_vector").filter(slug=slug).first()


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
