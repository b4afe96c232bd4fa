"""What the demo seed builds, checked on one seed per module (``demo_site``),
and that running it again on top changes nothing and keeps people's edits."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Site

from knowledge.models import ToolPage
from network.models import Municipality, Organisation, Province, Region
from portal.models import HomePage, User
from portal.roles import Role

pytestmark = pytest.mark.django_db


def seed(**settings) -> str:
    out = StringIO()
    with override_settings(**settings):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "users": User.objects.count(),
        "municipalities": Municipality.objects.count(),
        "regions": Region.objects.count(),
        "organisations": Organisation.objects.count(),
    }


def test_seed_demo_builds_the_portal_from_the_sources(demo_site):
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert Municipality.objects.filter(province=Province.UTRECHT).count() == 26
    ferm_werk = Region.objects.get(name="Ferm Werk")
    assert sorted(ferm_werk.municipalities.values_list("name", flat=True)) == [
        "Bodegraven-Reeuwijk", "Montfoort", "Oudewater", "Woerden",
    ]  # fmt: skip
    assert Region.objects.count() == 3
    assert set(
        Organisation.objects.filter(is_partner=True).values_list("name", flat=True)
    ) >= {"Hogeschool Utrecht", "Movisie", "Divosa", "SAM", "Gemeente Houten"}
    for slug in ("privacy", "kennisbank"):
        assert Page.objects.get(slug=slug).live
    # The accessibility statement is the portal's own page (portal.accessibility).
    assert not Page.objects.filter(slug="toegankelijkheid").exists()
    # The agenda, the leernetwerk and the leergang are the apps' own pages now.
    assert not Page.objects.filter(
        slug__in=["agenda", "leernetwerk", "leergang"]
    ).exists()


def test_seed_demo_makes_one_verified_account_per_role(demo_site):
    for role in Role:
        user = User.objects.get(
            groups__name=role.value,
            email__contains=".org",
            email__startswith=_demo_prefix(role),
        )
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email="beheerder@example.org").is_superuser


def _demo_prefix(role: Role) -> str:
    return {
        Role.MEMBER: "lid@",
        Role.COORDINATOR: "coordinator@",
        Role.EDITOR: "redacteur@",
        Role.MUNICIPALITY_CONTACT: "gemeente@",
    }[role]


def test_running_seed_demo_twice_changes_nothing(demo_site):
    first = counts()

    seed()

    assert counts() == first


def test_a_second_run_keeps_what_people_changed_since(demo_site):
    movisie = Organisation.objects.get(name="Movisie")
    movisie.website = "https://www.movisie.nl/nieuw/"
    movisie.save()
    coordinator = User.objects.get(email="coordinator@example.org")
    coordinator.groups.remove(Group.objects.get(name=Role.COORDINATOR.value))
    coordinator.set_password("zelf-gekozen-wachtwoord-1")
    coordinator.save()

    printed = seed(DEBUG=True)

    assert Organisation.objects.get(name="Movisie").website.endswith("/nieuw/")
    coordinator.refresh_from_db()
    assert not coordinator.has_role(Role.COORDINATOR)
    assert coordinator.check_password("zelf-gekozen-wachtwoord-1")
    assert "coordinator@example.org" not in printed


def test_seeded_pages_are_published_with_a_revision_and_a_history(demo_site):
    pages = Page.objects.filter(depth__gt=1)
    assert pages.count() > 60
    for page in pages:
        assert page.live
        assert not page.has_unpublished_changes
        assert page.first_published_at is not None
        assert page.live_revision_id is not None
        assert page.live_revision_id == page.latest_revision_id
    published = PageLogEntry.objects.filter(action="wagtail.publish")
    assert set(published.values_list("page_id", "revision_id")) == set(
        pages.values_list("pk", "live_revision_id")
    )


def test_seeded_content_is_searchable_and_its_references_are_known(demo_site):
    tool = ToolPage.objects.get(title="Effectencalculator")
    assert list(ToolPage.objects.live().search("Effectencalculator")) == [tool]
    houten = Organisation.objects.get(name="Gemeente Houten")
    assert (
        ReferenceIndex.get_references_to(houten).filter(object_id=str(tool.pk)).exists()
    )
