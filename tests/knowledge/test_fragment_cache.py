"""The fragment cache: members get a publication page whose content comes
from the cache, with their own header; a published change shows at once; a
member's name or CSRF token never reaches another member; previews and
drafts are rendered from the draft, never from the cache."""

import pytest
from django.conf import settings
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from portal.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache_on")]

BODY = "De eerste versie van het verhaal."


@pytest.fixture
def fragment_cache_on():
    with override_settings(FRAGMENT_CACHE_SECONDS=300):
        yield


@pytest.fixture
def publication(make_publication):
    return make_publication(
        title="Werk en zorg in één gesprek",
        body=[("text", RichText(f"<p>{BODY}</p>"))],
    )


@pytest.fixture
def member_client(make_user):
    def make(email: str) -> Client:
        client = Client()
        client.force_login(make_user(Role.MEMBER, email=email))
        return client

    return make


def visit(client: Client, url: str) -> tuple[str, list[str]]:
    """The page's HTML and the queries serving it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def read_the_content(queries: list[str]) -> bool:
    """Whether serving the page read what only its content shows (its
    authors, related items and taxonomy), rather than taking it from the
    cache."""
    return any(
        table in sql
        for sql in queries
        for table in ('"knowledge_author"', '"knowledge_bouwopgave"')
    )


def page_token(html: str) -> str:
    return html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_a_member_is_served_the_content_from_the_cache(publication, member_client):
    member = member_client("gulsen.yildiz@example.nl")

    first, first_queries = visit(member, publication.url)
    second, second_queries = visit(member, publication.url)

    assert read_the_content(first_queries)
    assert not read_the_content(second_queries)
    assert len(second_queries) < len(first_queries)
    assert BODY in second
    assert second == first.replace(page_token(first), page_token(second))


def test_a_published_edit_to_the_body_shows_at_once_for_a_member(
    publication, member_client
):
    member = member_client("gulsen.yildiz@example.nl")
    visit(member, publication.url)
    _html, queries = visit(member, publication.url)
    assert not read_the_content(queries)  # from the cache from now on

    publication.body = [("text", RichText("<p>De herziene versie.</p>"))]
    publication.save_revision().publish()

    html, queries = visit(member, publication.url)
    assert read_the_content(queries)
    assert "De herziene versie." in html
    assert BODY not in html


def test_a_published_related_item_shows_at_once_for_a_member(
    publication, make_publication, member_client
):
    other = make_publication(title="Regie bij de inwoner")
    member = member_client("gulsen.yildiz@example.nl")
    visit(member, publication.url)
    html, queries = visit(member, publication.url)
    assert not read_the_content(queries)
    assert "Regie bij de inwoner" not in html

    publication.related_pages.set([other])
    publication.save_revision().publish()

    html, _queries = visit(member, publication.url)
    assert "Regie bij de inwoner" in html
    assert other.url in html


def test_a_members_name_and_csrf_token_are_not_served_to_another(
    publication, member_client
):
    first = member_client("a.bakker@example.nl")
    second = member_client("gulsen.yildiz@example.nl")
    first_html, _queries = visit(first, publication.url)

    second_html, queries = visit(second, publication.url)

    assert not read_the_content(queries)  # the first member's fragments
    assert "gulsen.yildiz@example.nl" in second_html
    assert "a.bakker@example.nl" not in second_html
    assert page_token(first_html) not in second_html
    # The second member's form carries their own token, the one their
    # CSRF cookie holds.
    secret = second.cookies[settings.CSRF_COOKIE_NAME].value
    assert _unmask_cipher_token(page_token(second_html)) == secret
    assert _unmask_cipher_token(page_token(first_html)) != secret

    anonymous, _queries = visit(Client(), publication.url)
    assert "a.bakker@example.nl" not in anonymous
    assert "gulsen.yildiz@example.nl" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous
    assert BODY in anonymous


def test_a_preview_shows_the_draft_and_leaves_the_cache_alone(
    publication, member_client
):
    publication.body = [("text", RichText("<p>Een concept van de redactie.</p>"))]
    draft = publication.save_revision().as_object()  # a draft, not published
    member = member_client("gulsen.yildiz@example.nl")
    visit(member, publication.url)
    _html, queries = visit(member, publication.url)
    assert not read_the_content(queries)  # the live page is in the cache

    preview = draft.make_preview_request().content.decode()

    assert "Een concept van de redactie." in preview
    assert BODY not in preview
    html, queries = visit(member, publication.url)
    assert not read_the_content(queries)
    assert BODY in html
    assert "Een concept van de redactie." not in html


def test_an_editor_viewing_the_draft_sees_the_draft_not_the_cache(
    publication, member_client, make_user
):
    publication.body = [("text", RichText("<p>Een concept van de redactie.</p>"))]
    publication.save_revision()  # a draft, not published
    member = member_client("gulsen.yildiz@example.nl")
    visit(member, publication.url)
    editor = Client()
    editor.force_login(make_user(Role.EDITOR))

    draft = editor.get(reverse("wagtailadmin_pages:view_draft", args=[publication.pk]))

    assert draft.status_code == 200
    assert "Een concept van de redactie." in draft.content.decode()
    assert BODY not in draft.content.decode()
    # ... and the draft view filled nothing that the live page then shows.
    html, queries = visit(member, publication.url)
    assert not read_the_content(queries)
    assert BODY in html
    assert "Een concept van de redactie." not in html


def test_a_restricted_page_is_never_served_from_fragments(publication, member_client):
    PageViewRestriction.objects.create(
        page=publication, restriction_type=PageViewRestriction.LOGIN
    )
    member = member_client("gulsen.yildiz@example.nl")
    visit(member, publication.url)

    html, queries = visit(member, publication.url)

    assert read_the_content(queries)
    assert BODY in html
    assert Client().get(publication.url).status_code == 302


@override_settings(FRAGMENT_CACHE_SECONDS=0)
def test_without_a_shared_cache_every_page_is_rendered_afresh(
    publication, member_client
):
    member = member_client("gulsen.yildiz@example.nl")
    visit(member, publication.url)

    _html, queries = visit(member, publication.url)

    assert read_the_content(queries)
