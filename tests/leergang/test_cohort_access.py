"""Who may enter which page of the cohort space: a matrix of role x page.

Team members of the edition's accepted municipalities see the cohort page and
their own workspace; coordinators see everything; nobody else gets in."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from leergang import urls as leergang_urls
from leergang.models import (
    RESERVED_EDITION_SLUGS,
    Application,
    Edition,
    TeamMember,
    validate_edition_slug,
)
from leergang.wagtail_hooks import EditionViewSet
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    accepted,
    coordinator,
    member_of,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Application.Status

OK, LOGIN, NO = 200, "login", 403

ROLES = [
    "anonymous",
    "outsider",
    "other_edition",
    "submitted",
    "reserve",
    "declined",
    "withdrawn",
    "other_municipality",
    "member",
    "coordinator",
]

# page -> (url name, in workspace?, method, {role: expected}); roles not named
# get NO, anonymous gets LOGIN.
BOTH = {"member": OK, "coordinator": OK}

PAGES = {
    "home": ("cohort_home", False, "get", {**BOTH, "other_municipality": OK}),
    "overview": ("cohort_overview", False, "get", {"coordinator": OK}),
    "export": ("cohort_export", False, "get", {"coordinator": OK}),
    "scan": ("cohort_scan", True, "get", BOTH),
    "scan_post": ("cohort_scan", True, "post", {"member": 302}),
    "results": ("cohort_results", True, "get", BOTH),
    "reflections": ("cohort_reflections", True, "get", BOTH),
    "reflection_add": ("cohort_reflection_add", True, "get", {"member": OK}),
    "praatplaat": ("cohort_praatplaat", True, "get", BOTH),
    "praatplaat_post": ("cohort_praatplaat", True, "post", {"member": 302}),
    "story": ("cohort_story", True, "post", {"coordinator": 302}),
}  # fmt: skip


@pytest.fixture
def world():
    edition = EditionFactory()
    own = accepted(edition=edition)
    other = accepted(edition=edition)
    users = {
        "anonymous": None,
        "outsider": UserFactory(),
        "other_edition": member_of(accepted()),
        "other_municipality": member_of(other),
        "member": member_of(own),
        "coordinator": coordinator(),
    }
    for status in ("submitted", "reserve", "declined", "withdrawn"):
        users[status] = member_of(ApplicationFactory(edition=edition, status=status))
    return edition, own, users


def _url(name, workspace, edition, application):
    kwargs = {"edition_slug": edition.slug}
    if workspace:
        kwargs["municipality_slug"] = application.municipality.slug
    if name == "cohort_scan":
        kwargs["moment"] = "start"
    return reverse(f"leergang:{name}", kwargs=kwargs)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role, page):
    edition, own, users = world
    name, workspace, method, allowed = PAGES[page]
    expected = LOGIN if role == "anonymous" else allowed.get(role, NO)
    if users[role] is not None:
        client.force_login(users[role])
    url = _url(name, workspace, edition, own)
    response = getattr(client, method)(
        url, {"concept": "1"} if method == "post" else {}
    )
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, (role, page)
    if expected == NO:
        assert "Geen toegang" in response.content.decode()


def test_a_member_sees_only_their_own_municipality(client, world):
    edition, own, users = world
    client.force_login(users["other_municipality"])
    response = client.get(_url("cohort_results", True, edition, own))
    assert response.status_code == 403
    home = client.get(_url("cohort_home", False, edition, own)).content.decode()
    assert own.municipality.name not in home


def test_unknown_edition_or_municipality_is_not_found(client, world):
    edition, _own, users = world
    client.force_login(users["coordinator"])
    assert client.get("/leergang/bestaat-niet/").status_code == 404
    url = reverse(
        "leergang:cohort_results",
        kwargs={"edition_slug": edition.slug, "municipality_slug": "nergens"},
    )
    assert client.get(url).status_code == 404


def test_fixed_routes_still_win_over_edition_slugs(client):
    assert client.get("/leergang/aanmelden/").resolver_match.url_name == "apply"
    assert client.get("/leergang/beheer/").resolver_match.url_name == "review_list"


def test_every_fixed_leergang_page_is_a_reserved_slug():
    fixed = {
        str(pattern.pattern).split("/")[1]
        for pattern in leergang_urls.urlpatterns
        if pattern not in leergang_urls.cohort_urlpatterns
        and str(pattern.pattern).startswith("leergang/")
        and str(pattern.pattern) != "leergang/"
    }
    assert fixed == RESERVED_EDITION_SLUGS


@pytest.mark.parametrize("slug", sorted(RESERVED_EDITION_SLUGS))
def test_reserved_slugs_are_refused(slug):
    with pytest.raises(ValidationError):
        validate_edition_slug(slug)
    with pytest.raises(ValidationError) as refused:
        EditionFactory.build(slug=slug).full_clean()
    assert "slug" in refused.value.message_dict
    form_class = EditionViewSet.edit_handler.bind_to_model(Edition).get_form_class()
    form = form_class(
        data={
            "title": "X",
            "slug": slug,
            "description": "d",
            "cohort_size": 5,
            "applications_open_at": "2030-01-01 10:00",
            "applications_close_at": "2030-02-01 10:00",
            "is_published": "on",
        },
        instance=Edition(),
    )
    assert not form.is_valid()
    assert "slug" in form.errors


def test_an_ordinary_slug_is_fine():
    validate_edition_slug("innovatieleergang-2028")


def test_a_member_of_two_teams_in_one_edition_works_in_both(client):
    edition = EditionFactory()
    first, second = accepted(edition=edition), accepted(edition=edition)
    adviser = member_of(first)
    TeamMember.objects.create(
        application=second,
        name="Adviseur UWV",
        email=adviser.email,
        function="Adviseur",
        domain="uwv",
        user=adviser,
    )
    client.force_login(adviser)

    for application in (first, second):
        workspace = {
            "edition_slug": edition.slug,
            "municipality_slug": application.municipality.slug,
        }
        assert (
            client.get(reverse("leergang:cohort_results", kwargs=workspace)).status_code
            == 200
        )
        assert (
            client.get(
                reverse("leergang:cohort_reflection_add", kwargs=workspace)
            ).status_code
            == 200
        )
    home = client.get(reverse("leergang:cohort_home", args=[edition.slug]))
    assert "U zit ook in het team van:" in home.content.decode()
