"""A page per legal framework (Participatiewet, Wmo 2015, ...): what the
kennisbank has about it."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from knowledge.models import LegalFramework
from knowledge.selectors.pages import (
    knowledge_items_for_legal_framework,
    legal_framework_get,
    legal_framework_list,
)


@require_GET
def legal_framework(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        framework = legal_framework_get(slug=slug)
    except LegalFramework.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "knowledge/legal_framework.html",
        {
            "framework": framework,
            "page_obj": knowledge_items_for_legal_framework(
                framework=framework, page_number=request.GET.get("pagina", "1")
            ),
            "frameworks": legal_framework_list(),
        },
    )
