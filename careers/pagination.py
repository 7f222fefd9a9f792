"""List pages, counted in the cheapest way for the query behind them."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, RowRange, Window


def list_page(queryset, number, per_page, *, ranked=False):
    """Page ``number`` of ``queryset`` as a Django ``Page``; bad or out-of-range numbers as ``get_page``.

    A plain list reads its page's rows from an index in order and counts from
    a covering index: two cheap queries (Django's ``Paginator``). A ranked
    search (``ranked=True``) must read every match anyway to rank them, so the
    count rides along with the page's rows (``COUNT(*) OVER ()``): one pass
    over the matches instead of two.

    As with ``get_page``, a page "number" that is not one gives the first page,
    and a number out of range the last page.
    """
    paginator = Paginator(queryset, per_page)
    if not ranked:
        return paginator.get_page(number)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    # The window orders as the page does, so PostgreSQL ranks the matches once, below the
    # window, and the window holds only the ranked rows (not the documents they were ranked on).
    total = Window(Count("pk"), order_by=queryset.query.order_by, frame=RowRange(start=None, end=None))
    rows = list(_slice(queryset.annotate(total_rows=total), number, per_page)) if number >= 1 else []
    if rows:
        paginator.count = rows[0].total_rows
    elif number == 1:
        paginator.count = 0
    else:  # past either end (or nothing matches): count, then fall back to the last page
        paginator.count = queryset.count()
        number = paginator.num_pages
        rows = list(_slice(queryset, number, per_page)) if paginator.count else []
    return Page(rows, number, paginator)


def _slice(queryset, number, per_page):
    offset = (number - 1) * per_page
    return queryset[offset : offset + per_page]
