"""The one pagination helper of the web pages; `includes/pagination.html` draws what it returns."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int, param: str = "page", count: int | None = None) -> Page:
    """The requested page of `items`, with links that keep the other query parameters. `count`, when
    known (e.g. web.versions.count_per_version), spares counting `items` again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is never computed
    page = paginator.get_page(request.GET.get(param))

    def href(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return "?" + query.urlencode()

    page.links = [
        {"gap": True}
        if n == paginator.ELLIPSIS
        else {"number": n, "href": href(n), "current": n == page.number}
        for n in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    page.prev_href = href(page.previous_page_number()) if page.has_previous() else ""
    page.next_href = href(page.next_page_number()) if page.has_next() else ""
    return page
