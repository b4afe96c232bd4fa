"""Query budgets: every page type makes at most ``BUDGET`` queries, and the
same number with 10 and with 1,000 rows of what it lists.

One module-scoped world is built with 10 rows of everything, every page is
visited and its queries counted; then the world grows to 1,000 rows and every
page is visited again. The world lives in a transaction that is rolled back
when the module is done. The cache is emptied before each visit, so a count
is that of an uncached request (the footer's partners, the page cache).

A failing count prints the page's queries.
"""

import itertools
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from knowledge.models import (
    Author,
    Bouwopgave,
    ItemType,
    KnowledgeAttachment,
    KnowledgeIndexPage,
    PraatplaatHotspot,
    PraatplaatPage,
    PublicationPage,
    ToolPage,
)
from leergang.models import Application, Edition, Session, TeamMember
from network.models import (
    Event,
    EventBouwopgave,
    MemberProfile,
    MemberRole,
    Municipality,
    Organisation,
    Province,
    Registration,
)
from portal.models import User
from portal.roles import Role
from tests.bulk import pages_bulk_create
from tests.knowledge.factories import home_page_create, knowledge_index_create

BUDGET = 10
SMALL, LARGE = 10, 1_000
# A word every listed item has in its title, so search finds them all.
SEARCH_WORD = "participatie"

_numbers = itertools.count()


# --- Visits -------------------------------------------------------------------


@dataclass
class Visit:
    url: str
    status: int | None
    queries: list[str]
    html: str
    error: str = ""

    def report(self) -> str:
        lines = "\n".join(f"  {n}. {sql}" for n, sql in enumerate(self.queries, 1))
        return f"{self.url}: {len(self.queries)} queries\n{lines}"


def _visit(client: Client, url: str) -> Visit:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        try:
            response = client.get(url)
        except Exception as exc:  # an N+1 (zeal) or a crash: reported per page
            return Visit(
                url, None, [q["sql"] for q in captured.captured_queries], "", repr(exc)
            )
    assert response.get("X-Page-Cache") != "hit", f"{url} came from the page cache"
    return Visit(
        url,
        response.status_code,
        [q["sql"] for q in captured.captured_queries],
        response.content.decode(),
    )


# --- The world ----------------------------------------------------------------


def _user(email: str, *roles: Role) -> User:
    user = User.objects.create_user(email=email, password=None)
    user.groups.add(*Group.objects.filter(name__in=[r.value for r in roles]))
    return user


def _users(count: int) -> list[User]:
    """Members without a password (nobody logs in as them), made in bulk."""
    start = next(_numbers) * 10_000
    users = User.objects.bulk_create(
        User(email=f"lid{start + n}@example.org", password="!", first_name=f"Lid{n}")
        for n in range(count)
    )
    MemberProfile.objects.bulk_create(
        MemberProfile(user=user, role=MemberRole.PROFESSIONAL) for user in users
    )
    return users


def _municipalities(count: int) -> list[Municipality]:
    start = next(_numbers) * 10_000
    return Municipality.objects.bulk_create(
        Municipality(
            name=f"Gemeente {start + n}",
            slug=f"gemeente-{start + n}",
            province=Province.UTRECHT,
        )
        for n in range(count)
    )


def _documents(count: int) -> list[Document]:
    start = next(_numbers) * 10_000
    return Document.objects.bulk_create(
        Document(
            title=f"Bijlage {start + n}",
            file=f"documents/bijlage-{start + n}.pdf",
            file_size=12_345,
        )
        for n in range(count)
    )


@dataclass
class World:
    """Everything the pages list, with ``rows`` of each."""

    home: Page
    index: KnowledgeIndexPage
    publication: PublicationPage
    tool: ToolPage
    plate: PraatplaatPage
    event: Event
    member: User
    contact: User
    coordinator: User
    cohort_edition: Edition
    contact_municipality: Municipality
    rows: int = 0
    publications: list[PublicationPage] = field(default_factory=list)

    @classmethod
    def build(cls) -> "World":
        home = home_page_create()
        index = knowledge_index_create(home=home)
        plate = PraatplaatPage(
            title="Praatplaat",
            slug="praatplaat",
            intro="De plaat.",
            image_alt="Een huis met vijf verdiepingen.",
        )
        for number, bouwopgave in enumerate(Bouwopgave.objects.order_by("number")):
            plate.hotspots.add(
                PraatplaatHotspot(
                    label=f"Bouwsteen {number + 1}",
                    slug=f"bouwsteen-{number + 1}",
                    bouwopgave=bouwopgave,
                    x=10 + 10 * number,
                    y=50,
                    explanation="Wie doet wat?",
                )
            )
        home.add_child(instance=plate)
        publication = PublicationPage(
            title="Eindrapport over participatie",
            slug="eindrapport",
            item_type=ItemType.EINDRAPPORT,
            summary="Wat werkt bij participatie.",
            publication_date=date(2021, 6, 1),
            organisation=Organisation.objects.create(name="Hogeschool", slug="hs"),
        )
        index.add_child(instance=publication)
        tool = ToolPage(
            title="Participatiewiel",
            slug="participatiewiel",
            summary="Een instrument voor participatie.",
            purpose="<p>Samen kijken.</p>",
            audience="<p>Klantmanagers.</p>",
            usage="<p>Invullen.</p>",
        )
        index.add_child(instance=tool)
        event = Event.objects.create(
            title="Kennisatelier participatie",
            slug="kennisatelier-participatie",
            kind=Event.Kind.KENNISATELIER,
            summary="Samen leren.",
            description="Een middag samen leren.",
            starts_at=timezone.now() + timedelta(days=3),
            ends_at=timezone.now() + timedelta(days=3, hours=2),
            capacity=None,
        )
        member = _user("lid@example.org", Role.MEMBER)
        MemberProfile.objects.create(user=member, role=MemberRole.PROFESSIONAL)
        contact_municipality = _municipalities(1)[0]
        contact = _user("contact@example.org", Role.MEMBER, Role.MUNICIPALITY_CONTACT)
        MemberProfile.objects.create(
            user=contact,
            role=MemberRole.POLICY_MAKER,
            municipality=contact_municipality,
        )
        coordinator = _user("coordinator@example.org", Role.COORDINATOR)
        cohort_edition = Edition.objects.create(
            title="Innovatieleergang cohort",
            slug="cohort",
            description="Het cohort.",
            applications_open_at=timezone.now() - timedelta(days=300),
            applications_close_at=timezone.now() - timedelta(days=200),
        )
        return cls(
            home=home,
            index=index,
            publication=publication,
            tool=tool,
            plate=plate,
            event=event,
            member=member,
            contact=contact,
            coordinator=coordinator,
            cohort_edition=cohort_edition,
            contact_municipality=contact_municipality,
        )

    def grow(self, *, to: int) -> None:
        """Add rows until there are ``to`` of each."""
        count = to - self.rows
        self._grow_knowledge(count)
        self._grow_network(count)
        self._grow_leergang(count)
        self.rows = to

    def _grow_knowledge(self, count: int) -> None:
        bouwopgaven = list(Bouwopgave.objects.order_by("number"))
        start = len(self.publications)
        new = pages_bulk_create(
            parent=self.index,
            pages=[
                PublicationPage(
                    title=f"Participatie in de praktijk {n}",
                    slug=f"participatie-{n}",
                    item_type=ItemType.PRAKTIJKVERHAAL,
                    summary="Een verhaal over participatie.",
                    publication_date=date(2020 + n % 5, 1 + n % 12, 1),
                )
                for n in range(start, start + count)
            ],
            search_index=True,
        )
        self.publications += new
        item_bouwopgaven = PublicationPage.bouwopgaven.through
        item_bouwopgaven.objects.bulk_create(
            item_bouwopgaven(
                knowledgeitempage_id=page.pk,
                bouwopgave_id=bouwopgaven[n % len(bouwopgaven)].pk,
            )
            for n, page in enumerate(new)
        )
        related = PublicationPage.related_pages.through
        related.objects.bulk_create(
            related(publicationpage_id=self.publication.pk, knowledgeitempage_id=p.pk)
            for p in new
        )
        start = next(_numbers) * 10_000
        authors = Author.objects.bulk_create(
            Author(
                name=f"Auteur {start + n}",
                family_name=f"Auteur {start + n}",
                initials="A.",
            )
            for n in range(count)
        )
        # In the through table: a page's add() would wait for its save().
        publication_authors = PublicationPage.authors.through
        publication_authors.objects.bulk_create(
            publication_authors(publicationpage_id=self.publication.pk, author=author)
            for author in authors
        )
        for page, documents in (
            (self.publication, _documents(count)),
            (self.tool, _documents(count)),
        ):
            KnowledgeAttachment.objects.bulk_create(
                KnowledgeAttachment(page=page, document=document, sort_order=n)
                for n, document in enumerate(documents)
            )
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Partner {start + n}",
                slug=f"partner-{start + n}",
                is_partner=True,
            )
            for n in range(count)
        )

    def _grow_network(self, count: int) -> None:
        now = timezone.now()
        start = next(_numbers) * 10_000
        events = Event.objects.bulk_create(
            Event(
                title=f"Webinar participatie {start + n}",
                slug=f"webinar-{past_or_future}-{start + n}",
                kind=Event.Kind.WEBINAR,
                summary="Online samen leren.",
                description="Een uur online.",
                starts_at=now + timedelta(days=past_or_future * (5 + n % 300)),
                ends_at=now + timedelta(days=past_or_future * (5 + n % 300), hours=1),
                capacity=20,
            )
            for past_or_future in (1, -1)
            for n in range(count)
        )
        bouwopgaven = list(Bouwopgave.objects.values_list("number", flat=True))
        EventBouwopgave.objects.bulk_create(
            EventBouwopgave(event=event, bouwopgave=bouwopgaven[n % len(bouwopgaven)])
            for n, event in enumerate(events)
        )
        # The member has a place at every one of them, confirmed or waiting.
        Registration.objects.bulk_create(
            Registration(
                event=event,
                member=self.member,
                status=Registration.Status.CONFIRMED
                if n % 2
                else Registration.Status.WAITLISTED,
                requested_at=now,
                confirmed_at=now if n % 2 else None,
            )
            for n, event in enumerate(events)
        )
        # ... and the event has ``count`` more registrations, some waiting.
        Registration.objects.bulk_create(
            Registration(
                event=self.event,
                member=user,
                status=Registration.Status.CONFIRMED
                if n % 3
                else Registration.Status.WAITLISTED,
                requested_at=now,
            )
            for n, user in enumerate(_users(count))
        )

    def _grow_leergang(self, count: int) -> None:
        now = timezone.now()
        start = next(_numbers) * 10_000
        editions = Edition.objects.bulk_create(
            Edition(
                title=f"Innovatieleergang {start + n}",
                slug=f"leergang-{start + n}",
                description="Een jaar samen leren.",
                applications_open_at=now - timedelta(days=1),
                applications_close_at=now + timedelta(days=30 + n),
            )
            for n in range(count)
        )
        # The contact's gemeente applied for every edition; the cohort has
        # ``count`` more municipalities, with the member in one of the teams.
        applications = Application.objects.bulk_create(
            [
                *(
                    Application(
                        edition=edition,
                        municipality=self.contact_municipality,
                        applicant=self.contact,
                        status=Application.Status.ACCEPTED
                        if n % 2
                        else Application.Status.SUBMITTED,
                        contact_name="Sanne",
                        contact_email="sanne@example.org",
                        submitted_at=now,
                    )
                    for n, edition in enumerate(editions)
                ),
                *(
                    Application(
                        edition=self.cohort_edition,
                        municipality=municipality,
                        status=Application.Status.ACCEPTED,
                        contact_name="Piet",
                        contact_email="piet@example.org",
                        submitted_at=now,
                    )
                    for municipality in _municipalities(count)
                ),
            ]
        )
        TeamMember.objects.bulk_create(
            TeamMember(
                application=application,
                name=f"Teamlid {n}",
                email=f"teamlid{n}@example.org",
                function="Klantmanager",
                domain="wmo",
                user=self.member if n % 50 == 0 else None,
            )
            for n, application in enumerate(applications)
        )
        Session.objects.bulk_create(
            Session(
                edition=self.cohort_edition,
                title=f"Bijeenkomst {start + n}",
                starts_at=now + timedelta(days=n),
            )
            for n in range(count)
        )


# --- The pages ----------------------------------------------------------------


@dataclass(frozen=True)
class PageType:
    name: str
    url: Callable[[World], str]
    user: Callable[[World], User | None]
    # Text the page shows for the rows it lists, at 10 and at 1,000 rows.
    shows: Callable[[World], str]
    # Pages not yet within the budget: the number of queries they make now
    # (10 rows / 1,000 rows). Strict, so the test fails once a page is fixed
    # and the mark must go.
    over_budget: str = ""


def _anonymous(world: World) -> None:
    return None


PAGE_TYPES = [
    PageType("home", lambda w: "/", _anonymous, lambda w: "Partner "),
    PageType(
        "kennisbank index",
        lambda w: "/kennisbank/",
        _anonymous,
        lambda w: "Participatie in de praktijk",
    ),
    PageType(
        "publication",
        lambda w: w.publication.url,
        _anonymous,
        lambda w: "Participatie in de praktijk",
    ),
    PageType(
        "tool",
        lambda w: w.tool.url,
        _anonymous,
        lambda w: "Bijlage ",
    ),
    PageType(
        "praatplaat",
        lambda w: w.plate.url,
        _anonymous,
        lambda w: "Participatie in de praktijk",
    ),
    PageType(
        "search",
        lambda w: f"/zoeken/?q={SEARCH_WORD}",
        _anonymous,
        lambda w: "Participatie in de praktijk",
    ),
    PageType(
        "agenda",
        lambda w: reverse("network:event_list"),
        _anonymous,
        lambda w: "Webinar participatie",
    ),
    PageType(
        "event",
        lambda w: w.event.get_absolute_url(),
        lambda w: w.member,
        lambda w: "Kennisatelier participatie",
    ),
    PageType(
        "my page",
        lambda w: reverse("network:my_page"),
        lambda w: w.member,
        lambda w: "Webinar participatie",
    ),
    PageType(
        "leergang index",
        lambda w: reverse("leergang:index"),
        lambda w: w.member,
        lambda w: "Innovatieleergang ",
    ),
    PageType(
        "leergang my application",
        lambda w: reverse("leergang:my_application"),
        lambda w: w.contact,
        lambda w: "Innovatieleergang ",
    ),
    PageType(
        "leergang cohort",
        lambda w: reverse("leergang:cohort_home", args=[w.cohort_edition.slug]),
        lambda w: w.coordinator,
        lambda w: "Bijeenkomst ",
    ),
    PageType(
        "leergang cohort overview",
        lambda w: reverse("leergang:cohort_overview", args=[w.cohort_edition.slug]),
        lambda w: w.coordinator,
        lambda w: "Gemeente ",
    ),
    PageType(
        "coordinator: leergang applications",
        lambda w: reverse("leergang:review_list"),
        lambda w: w.coordinator,
        lambda w: "Innovatieleergang ",
    ),
    PageType(
        "coordinator: registrations of an event",
        lambda w: reverse("network_admin:event_registrations", args=[w.event.pk]),
        lambda w: w.coordinator,
        lambda w: "Lid",
    ),
]


def _visit_all(world: World) -> dict[str, Visit]:
    visits = {}
    for page_type in PAGE_TYPES:
        client = Client()
        user = page_type.user(world)
        if user is not None:
            client.force_login(user)
        # One visit first, as the page's users have visited before: what a
        # first visit does once (Django's per-process content types) is not
        # what grows with the rows. The shared cache is emptied before the
        # measured visit all the same.
        client.get(page_type.url(world))
        visits[page_type.name] = _visit(client, page_type.url(world))
    return visits


def _report(small: dict[str, Visit], large: dict[str, Visit]) -> None:
    """For the benchmark report (bench/queries.py): the counts per page
    type, written where ``QUERY_BUDGET_REPORT`` says."""
    target = os.environ.get("QUERY_BUDGET_REPORT")
    if target:
        counts = {
            name: [len(small[name].queries), len(large[name].queries)] for name in small
        }
        Path(target).write_text(json.dumps(counts))


@pytest.fixture(scope="module")
def measured(
    django_db_setup, django_db_blocker
) -> Iterator[tuple[World, dict[str, Visit], dict[str, Visit]]]:
    """The visits of every page type with 10 and with 1,000 rows."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = World.build()
            world.grow(to=SMALL)
            small = _visit_all(world)
            world.grow(to=LARGE)
            large = _visit_all(world)
            _report(small, large)
            yield world, small, large
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_page_queries_do_not_grow_with_the_rows(measured, db, page_type):
    world, small, large = measured
    for rows, visit in ((SMALL, small[page_type.name]), (LARGE, large[page_type.name])):
        assert not visit.error, f"{visit.url} with {rows} rows: {visit.error}"
        assert visit.status == 200, f"{visit.url} with {rows} rows: {visit.status}"
        assert page_type.shows(world) in visit.html, (
            f"{visit.url} with {rows} rows does not show its rows"
        )
    assert len(small[page_type.name].queries) == len(large[page_type.name].queries), (
        f"the number of queries grows with the rows:\n"
        f"{SMALL} rows: {small[page_type.name].report()}\n"
        f"{LARGE} rows: {large[page_type.name].report()}"
    )


@pytest.mark.parametrize(
    "page_type",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(
                strict=True, reason=f"over the budget: {p.over_budget} queries"
            ),
        )
        if p.over_budget
        else p
        for p in PAGE_TYPES
    ],
    ids=lambda p: p.name,
)
def test_page_queries_stay_within_budget(measured, db, page_type):
    _world, small, large = measured
    for rows, visit in ((SMALL, small[page_type.name]), (LARGE, large[page_type.name])):
        assert len(visit.queries) <= BUDGET, (
            f"over the budget of {BUDGET} with {rows} rows:\n{visit.report()}"
        )
