"""Search across the site, with the kennisbank's facets."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from knowledge.selectors.search import facet_filters_from_querydict, knowledge_search


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    outcome = knowledge_search(
        query=request.GET.get("q", ""),
        filters=facet_filters_from_querydict(request.GET),
        page_number=request.GET.get("pagina", "1"),
        per_page=10,
    )
    return render(request, "knowledge/search.html", {"search": outcome})
