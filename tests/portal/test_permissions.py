"""One idiom for refusals: AccessDenied, shown on a 403 page in the site's
design, with a page of its own where one explains more."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from portal.permissions import AccessDenied, login_and, require
from portal.views import permission_denied
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_require_raises_access_denied_with_a_dutch_message():
    require(True)
    with pytest.raises(AccessDenied) as refused:
        require(False)
    assert str(refused.value) == "U heeft geen toegang tot deze pagina."


def _view(request):
    return HttpResponse("binnen")


def test_login_and_sends_visitors_to_the_login_page_and_refuses_others():
    view = login_and(
        lambda user: user.email.endswith("@gemeente.nl"), "Alleen gemeenten."
    )(_view)
    factory = RequestFactory()

    request = factory.get("/ergens/?a=1")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/ergens/%3Fa%3D1")

    request.user = UserFactory(email="lid@example.org")
    with pytest.raises(AccessDenied, match=r"Alleen gemeenten\."):
        view(request)

    request.user = UserFactory(email="medewerker@gemeente.nl")
    assert view(request).content == b"binnen"


def test_the_403_page_is_in_the_site_design_with_the_message(client):
    request = RequestFactory().get("/leergang/")
    request.user = AnonymousUser()

    response = permission_denied(request, AccessDenied("Alleen voor het team."))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Alleen voor het team." in page
    assert '<html lang="nl"' in page
    assert "Geen toegang" in page


def test_a_refusal_may_bring_a_page_of_its_own():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = permission_denied(
        request, AccessDenied(template="404.html", context={"extra": 1})
    )

    assert response.status_code == 403
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_plain_permission_denied_gets_the_generic_message(client):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    from django.core.exceptions import PermissionDenied

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert "U heeft geen toegang tot deze pagina." in response.content.decode()
