"""Sessions on the cohort page, reflections along the three orders of
learning and the municipality's own praatplaat notes."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from knowledge.models import PraatplaatHotspot, PraatplaatPage
from leergang.exceptions import LeergangError
from leergang.models import PraatplaatNote, Reflection, SessionMaterial
from leergang.services.cohort import reflection_save
from tests.leergang.factories import (
    SessionFactory,
    accepted,
    coordinator,
    member_of,
)

pytestmark = pytest.mark.django_db


def _ws(name, app, **extra):
    return reverse(
        f"leergang:{name}",
        kwargs={
            "edition_slug": app.edition.slug,
            "municipality_slug": app.municipality.slug,
            **extra,
        },
    )


def test_the_edition_page_lists_sessions_with_materials(client):
    app = accepted()
    session = SessionFactory(
        edition=app.edition, title="Bouwen aan regie", bouwopgave=4
    )
    SessionMaterial.objects.create(
        session=session, title="Werkblad regie", url="https://example.org/werkblad"
    )
    SessionFactory(title="Van een andere editie")
    client.force_login(member_of(app))
    html = client.get(
        reverse("leergang:cohort_home", args=[app.edition.slug])
    ).content.decode()
    assert "Bouwen aan regie" in html
    assert "Duidelijke afspraken over regie en werkprocessen" in html
    assert 'href="https://example.org/werkblad"' in html
    assert "Van een andere editie" not in html


def test_a_material_is_a_document_or_a_link():
    from django.core.exceptions import ValidationError

    material = SessionMaterial(session=SessionFactory(), title="Leeg")
    with pytest.raises(ValidationError):
        material.clean()


def test_members_add_and_edit_their_own_reflections(client):
    app = accepted()
    session = SessionFactory(edition=app.edition)
    author = member_of(app)
    colleague = member_of(app)
    client.force_login(author)
    response = client.post(
        _ws("cohort_reflection_add", app),
        {
            "session": session.pk,
            "first_order": "",
            "second_order": "",
            "third_order": "",
        },
    )
    assert response.status_code == 200
    assert "ten minste één orde" in response.content.decode()

    response = client.post(
        _ws("cohort_reflection_add", app),
        {
            "session": session.pk,
            "first_order": "We deden het zoals altijd.",
            "third_order": "Regels ter discussie.",
        },
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert reflection.author == author
    listing = client.get(_ws("cohort_reflections", app)).content.decode()
    assert "Regels ter discussie." in listing

    client.post(
        _ws("cohort_reflection_edit", app, pk=reflection.pk),
        {"session": session.pk, "second_order": "Bijgestuurd."},
    )
    reflection.refresh_from_db()
    assert reflection.second_order == "Bijgestuurd."

    client.force_login(colleague)
    assert (
        client.get(_ws("cohort_reflection_edit", app, pk=reflection.pk)).status_code
        == 404
    )
    with pytest.raises(LeergangError):
        reflection_save(
            application=app, session=session, author=colleague,
            first_order="x", second_order="", third_order="", reflection=reflection,
        )  # fmt: skip


def test_a_reflection_must_be_about_a_session_of_the_edition():
    app = accepted()
    with pytest.raises(LeergangError):
        reflection_save(
            application=app, session=SessionFactory(), author=member_of(app),
            first_order="x", second_order="", third_order="",
        )  # fmt: skip


def test_the_praatplaat_workspace_keeps_notes_per_bouwsteen(client):
    root = Page.get_first_root_node()
    plate = PraatplaatPage(
        title="Praatplaat",
        slug="praatplaat-test",
        intro="Plaat",
        image_alt="Een huis met vijf verdiepingen.",
    )
    plate.hotspots.add(
        PraatplaatHotspot(
            label="Regie",
            slug="regie",
            x=50,
            y=50,
            explanation="Wie doet wat?",
            question="Wie is de regisseur?",
        )
    )
    root.add_child(instance=plate)
    hotspot = plate.hotspots.get()
    app = accepted()
    client.force_login(member_of(app))
    url = _ws("cohort_praatplaat", app)
    html = client.get(url).content.decode()
    assert "Wie is de regisseur?" in html
    assert (
        client.post(url, {f"note_{hotspot.pk}": "De klantmanager."}).status_code == 302
    )
    assert PraatplaatNote.objects.get(application=app).text == "De klantmanager."
    assert "De klantmanager." in client.get(url).content.decode()

    other = accepted(edition=app.edition)
    client.force_login(member_of(other))
    assert (
        "De klantmanager."
        not in client.get(_ws("cohort_praatplaat", other)).content.decode()
    )
    client.force_login(coordinator())
    assert "De klantmanager." in client.get(url).content.decode()
