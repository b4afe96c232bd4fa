"""The benchmark's data at national scale, made fast and the same every time.

Everything is derived from the seed and the item's number (``Random(f"{seed}
publication {n}")``), so the n-th publication is the same whether it was made
in a run of 1,000 or of 50,000, and asking for more adds only the difference.
Dates of publications are fixed; events and webinars lie relative to today,
so that registering for them stays possible.

Publications are Wagtail pages: multi-table inheritance (``wagtailcore_page``
<- ``knowledge_knowledgeitempage`` <- ``knowledge_publicationpage``), which
``bulk_create`` refuses. They are inserted table by table in batches, with the
tree columns treebeard would compute (materialised path, depth, numchild) and
the columns ``page_publish`` would set (live, first published, url_path), and
indexed for search in the same batches with the SQL of Wagtail's database
backend (see ``_search_index``). They have no revisions: the admin and the
page views work without one, as for a page made by an import.
"""

import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any, TextIO

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.index import RelatedFields, SearchField
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from bench import vocabulary as words
from knowledge.models import (
    Author,
    Bouwopgave,
    Doelgroep,
    ItemType,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    KnowledgePageTag,
    LegalFramework,
    ParticipatiewielDomain,
    PublicationPage,
    SearchDocument,
    Venster,
)
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

PASSWORD = "bench-wachtwoord-2026"  # noqa: S105 - the bench accounts' only password
MEMBER_EMAIL = "lid{n}@bench.example"
WEBINAR_SLUG = "bench-webinar"
RACE_WEBINAR_SLUG = "bench-webinar-race"
RACE_WEBINAR_SEATS = 50
BATCH = 2000

# A generated publication's slug ends in its number: '...-000123'.
GENERATED_SLUG = r"-[0-9]{6}$"
FIRST_DAY = date(2012, 1, 1)
LAST_DAY = date(2025, 12, 31)
PUBLICATION_TYPES = [
    value
    for value, _label in ItemType.choices
    if value not in {ItemType.INSTRUMENT, ItemType.WERKZAAM_ELEMENT}
]


def _rng(seed: int, kind: str, n: int) -> random.Random:
    return random.Random(f"{seed} {kind} {n}")


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _batches(start: int, stop: int, size: int = BATCH) -> Iterator[range]:
    for first in range(start, stop, size):
        yield range(first, min(first + size, stop))


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


def timed(out: TextIO, label: str, make: Callable[[], int]) -> int:
    begun = time.monotonic()
    made = make()
    out.write(f"{label}: {made} gemaakt in {time.monotonic() - begun:.1f} s\n")
    return made


# --- Publications -------------------------------------------------------------


@dataclass
class Taxonomy:
    """The ids (and for the search index the names) of the existing terms."""

    bouwopgaven: list[int]
    vensters: list[int]
    domains: list[int]
    frameworks: list[int]
    doelgroepen: list[int]
    authors: list[tuple[int, str]]
    tags: list[tuple[int, str]]
    organisations: list[tuple[int, str]]

    @classmethod
    def load(cls) -> "Taxonomy":
        for name in words.TAGS:
            Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})

        def ids(model: type[Model]) -> list[int]:
            return list(
                model._default_manager.order_by("pk").values_list("pk", flat=True)
            )

        return cls(
            bouwopgaven=ids(Bouwopgave),
            vensters=ids(Venster),
            domains=ids(ParticipatiewielDomain),
            frameworks=ids(LegalFramework),
            doelgroepen=ids(Doelgroep),
            authors=list(Author.objects.order_by("pk").values_list("pk", "name")),
            tags=list(Tag.objects.order_by("name").values_list("pk", "name")),
            organisations=list(
                Organisation.objects.order_by("slug").values_list("pk", "name")
            ),
        )


@dataclass
class Generated:
    page: PublicationPage
    bouwopgaven: list[int]
    vensters: list[int]
    domains: list[int]
    frameworks: list[int]
    doelgroepen: list[int]
    authors: list[tuple[int, str]]
    tags: list[tuple[int, str]]
    # The body's text as the search index sees it, one string per block.
    body_texts: list[str]


def _title(rng: random.Random) -> str:
    (topic, topic_lower), (_topic2, topic2_lower) = rng.sample(words.TOPICS, 2)
    return rng.choice(words.TITLE_FORMS).format(
        topic=topic,
        topic_lower=topic_lower,
        topic2_lower=topic2_lower,
        angle=rng.choice(words.ANGLES),
        place=rng.choice(words.PLACES),
        audience=rng.choice(words.AUDIENCES),
    )


def _sentences(rng: random.Random, k: int, topic: str) -> str:
    return " ".join(
        sentence.format(
            topic=topic,
            place=rng.choice(words.PLACES),
            audience=rng.choice(words.AUDIENCES),
        )
        for sentence in rng.sample(words.SENTENCES, k)
    )


def _publication(
    n: int, *, seed: int, taxonomy: Taxonomy, index: Page, path: str, ct: int
) -> Generated:
    rng = _rng(seed, "publication", n)
    title = _title(rng)
    slug = f"{slugify(title)[:60].rstrip('-')}-{n:06d}"
    topic = rng.choice(words.TOPICS)[1]
    item_type = rng.choice(PUBLICATION_TYPES)
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    published = _aware(day, 9 + rng.randrange(8), rng.randrange(60))
    summary = f"Een {ItemType(item_type).label} over {topic}. " + _sentences(
        rng, 2, topic
    )
    sections = [
        (heading, _sentences(rng, 3, topic))
        for heading in rng.sample(words.HEADINGS, 2 + rng.randrange(3))
    ]
    body = [
        {
            "type": "text",
            "id": str(_uuid(rng)),
            "value": f"<h2>{heading}</h2><p>{text}</p>",
        }
        for heading, text in sections
    ]
    organisation = (
        rng.choice(taxonomy.organisations) if taxonomy.organisations else None
    )
    page = PublicationPage(
        title=title,
        draft_title=title,
        slug=slug,
        content_type_id=ct,
        path=path,
        depth=index.depth + 1,
        numchild=0,
        url_path=f"{index.url_path}{slug}/",
        locale_id=index.locale_id,
        translation_key=_uuid(rng),
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        item_type=item_type,
        publication_date=day,
        summary=summary[:1200],
        last_reviewed=day,
        organisation_id=organisation[0] if organisation else None,
        publisher=organisation[1] if organisation else "",
        body=body,
    )

    def some(values: Sequence[Any], most: int) -> list[Any]:
        return sorted(
            rng.sample(list(values), min(len(values), 1 + rng.randrange(most)))
        )

    return Generated(
        page=page,
        bouwopgaven=some(taxonomy.bouwopgaven, 2),
        vensters=some(taxonomy.vensters, 2),
        domains=some(taxonomy.domains, 2),
        frameworks=some(taxonomy.frameworks, 2),
        doelgroepen=some(taxonomy.doelgroepen, 2),
        authors=some(taxonomy.authors, 2),
        tags=some(taxonomy.tags, 3),
        body_texts=[f"{heading} {text}" for heading, text in sections],
    )


def _insert(model: type[Model], objs: list[Any], *, returning: bool = False) -> Any:
    """Insert ``objs`` into ``model``'s own table only (its local columns):
    what ``Model.save()`` does per table of an inherited model, for a batch."""
    fields = [
        f
        for f in model._meta.local_concrete_fields
        if not (returning and f.primary_key)
    ]
    manager: Any = model._base_manager
    return manager._insert(
        objs,
        fields=fields,
        returning_fields=[model._meta.pk] if returning else None,
        using=connection.alias,
    )


def publications_generate(*, total: int, seed: int) -> int:
    """Publications under the kennisbank until there are ``total``."""
    existing = PublicationPage.objects.count()
    if existing >= total:
        return 0
    with transaction.atomic():
        index = KnowledgeIndexPage.objects.select_for_update().get()
        taxonomy = Taxonomy.load()
        ct = ContentType.objects.get_for_model(PublicationPage).pk
        first = PublicationPage.objects.filter(slug__regex=GENERATED_SLUG).count() + 1
        last_child = index.get_last_child()
        step = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
        for numbers in _batches(first, first + total - existing):
            made = []
            for n in numbers:
                step += 1
                path = Page._get_path(index.path, index.depth + 1, step)
                made.append(
                    _publication(
                        n, seed=seed, taxonomy=taxonomy, index=index, path=path, ct=ct
                    )
                )
            _publications_insert(made)
        Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
        get_search_backend().get_index_for_model(PublicationPage)._refresh_title_norms()
    _tidy(IndexEntry, Page, KnowledgeItemPage, PublicationPage, SearchDocument)
    return total - existing


def _tidy(*models: type[Model]) -> None:
    """What autovacuum would do a while after a bulk load: move the entries
    waiting in the GIN indexes' pending lists into the indexes proper (a
    search reads the whole pending list, and the planner then prefers a
    sequential scan), and gather the statistics the planner needs."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND i.indrelid = ANY(%s::regclass[])",
            [tables],
        )
        cursor.execute(f"ANALYZE {', '.join(tables)}")


def _publications_insert(made: list[Generated]) -> None:
    pages = [g.page for g in made]
    for page, row in zip(pages, _insert(Page, pages, returning=True), strict=True):
        page.id = page.page_ptr_id = page.knowledgeitempage_ptr_id = row[0]
    _insert(KnowledgeItemPage, pages)
    _insert(PublicationPage, pages)
    item = KnowledgeItemPage
    links: list[tuple[type[Model], str, str, Callable[[Generated], list[int]]]] = [
        (item.bouwopgaven.through, "knowledgeitempage_id", "bouwopgave_id",
         lambda g: g.bouwopgaven),
        (item.vensters.through, "knowledgeitempage_id", "venster_id",
         lambda g: g.vensters),
        (item.domains.through, "knowledgeitempage_id", "participatiewieldomain_id",
         lambda g: g.domains),
        (item.legal_frameworks.through, "knowledgeitempage_id", "legalframework_id",
         lambda g: g.frameworks),
        (item.doelgroepen.through, "knowledgeitempage_id", "doelgroep_id",
         lambda g: g.doelgroepen),
        (PublicationPage.authors.through, "publicationpage_id", "author_id",
         lambda g: [pk for pk, _name in g.authors]),
        (KnowledgePageTag, "content_object_id", "tag_id",
         lambda g: [pk for pk, _name in g.tags]),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        for through, own, other, chosen in links:
            pairs = [(g.page.pk, pk) for g in made for pk in chosen(g)]
            meta = through._meta
            cursor.execute(
                f"INSERT INTO {meta.db_table} ({own}, {other}) "  # noqa: S608
                "SELECT * FROM unnest(%s::integer[], %s::integer[])",
                [[a for a, _b in pairs], [b for _a, b in pairs]],
            )
    _search_index(made)


# --- Search index ---------------------------------------------------------------


def _texts(g: Generated) -> tuple[str, list[tuple[str, str]]]:
    """The title and the body parts (text, weight) of a page: what Wagtail's
    ``ObjectIndexer`` collects, in the order of ``search_fields``, with the
    related names from memory instead of a query per page. Generated
    publications have no attachments, so their ``attachment_text`` is empty;
    the body's text is known from generating it (``_check_texts`` compares
    with Wagtail's own extraction)."""
    page = g.page
    related = {
        "tags": [name for _pk, name in g.tags],
        "authors": [name for _pk, name in g.authors],
    }
    own = {"attachment_text": "", "body": ", ".join(g.body_texts)}
    body: list[tuple[str, str]] = []
    for field in PublicationPage.get_search_fields():
        if isinstance(field, RelatedFields):
            for name in related[field.field_name]:
                for sub in field.fields:
                    body.append((name, get_weight(sub.boost)))
        elif isinstance(field, SearchField) and field.field_name != "title":
            value = own.get(field.field_name)
            if value is None:
                value = str(field.get_value(page))
            body.append((value, get_weight(field.boost)))
    return page.title, body


def _check_texts(g: Generated) -> None:
    """The body parts of ``_texts`` are Wagtail's, for one page of a batch."""
    field = next(
        f for f in PublicationPage.get_search_fields() if f.field_name == "body"
    )
    theirs = ", ".join(field.get_value(g.page))
    if theirs != ", ".join(g.body_texts):
        raise AssertionError(f"search text differs: {theirs!r}")


def _search_index(made: list[Generated]) -> None:
    """Index a batch with the tsvectors of Wagtail's ``PostgresIndex.add_items``
    (``ObjectIndexer.as_vector``: a weighted ``to_tsvector`` per text, joined
    with ``||``), for the whole batch in one statement over arrays. Empty
    texts pad the pages to the same number of parts; an empty tsvector
    changes nothing in a ``||``, as Wagtail's skipping of empty texts."""
    backend: Any = get_search_backend()
    config, autocomplete_config = backend.config, backend.autocomplete_config
    if not (config.isidentifier() and autocomplete_config.isidentifier()):
        raise ValueError(config)
    _check_texts(made[0])
    title_weight = get_weight(
        next(f for f in Page.search_fields if f.field_name == "title").boost
    )
    texts = [_texts(g) for g in made]
    width = max(len(body) for _title, body in texts)
    params: dict[str, Any] = {
        "ct": ContentType.objects.get_for_model(PublicationPage).pk,
        "oid": [str(g.page.pk) for g in made],
        "title": [title for title, _body in texts],
        "body_text": [
            " ".join(t.strip() for t, _w in body if t.strip()) for _title, body in texts
        ],
    }
    for k in range(width):
        params[f"b{k}"] = [body[k][0] if k < len(body) else "" for _t, body in texts]
        params[f"w{k}"] = [body[k][1] if k < len(body) else "D" for _t, body in texts]
    columns = ["oid", "title", "body_text"] + [
        f"{c}{k}" for c in "bw" for k in range(width)
    ]
    body_sql = " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE(x.b{k}, '')), "
        f'x.w{k}::"char")'
        for k in range(width)
    )
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (content_type_id, object_id, title, "  # noqa: S608
            "autocomplete, body, title_norm, title_text, body_text) "
            f"SELECT %(ct)s, x.oid, "
            f"setweight(to_tsvector('{config}'::regconfig, x.title), "
            f"'{title_weight}'), "
            f"setweight(to_tsvector('{autocomplete_config}'::regconfig, x.title), "
            "'D'), "
            f"{body_sql}, 1.0, x.title, x.body_text "
            f"FROM unnest({', '.join(f'%({c})s::text[]' for c in columns)}) "
            f"AS x({', '.join(columns)}) "
            "ON CONFLICT (content_type_id, object_id) DO NOTHING",
            params,
        )


# --- Municipalities, members, events ----------------------------------------------


def _municipality_names(seed: int) -> Iterator[str]:
    plain = [p + s for p in words.NAME_PREFIXES for s in words.NAME_STEMS]
    random.Random(f"{seed} municipalities").shuffle(plain)
    yield from plain
    for water in words.NAME_WATERS:
        for name in plain:
            yield f"{name} aan {water}"


def municipalities_generate(*, total: int, seed: int) -> int:
    existing = Municipality.objects.count()
    if existing >= total:
        return 0
    taken_names = set(Municipality.objects.values_list("name", flat=True))
    taken_slugs = set(Municipality.objects.values_list("slug", flat=True))
    provinces = list(Province.values)
    new = []
    for n, name in enumerate(_municipality_names(seed)):
        if len(new) == total - existing:
            break
        slug = slugify(name)
        if name in taken_names or slug in taken_slugs:
            continue
        new.append(Municipality(name=name, slug=slug, province=provinces[n % 12]))
    Municipality.objects.bulk_create(new)
    return len(new)


def members_generate(*, count: int, seed: int) -> int:
    """``count`` member accounts ``lid<n>@bench.example``, verified, in the
    group of members, with a profile; one password hash for all."""
    existing = User.objects.filter(email__endswith="@bench.example").count()
    if existing >= count:
        return 0
    password = make_password(PASSWORD)
    group = Group.objects.get(name=Role.MEMBER.value)
    municipalities = list(
        Municipality.objects.order_by("pk").values_list("pk", flat=True)
    )
    roles = list(MemberRole.values)
    joined = _aware(date(2024, 1, 1), 9)
    with transaction.atomic():
        for numbers in _batches(existing + 1, count + 1):
            users = []
            for n in numbers:
                rng = _rng(seed, "member", n)
                users.append(
                    User(
                        email=MEMBER_EMAIL.format(n=n),
                        password=password,
                        first_name=rng.choice(words.FIRST_NAMES),
                        last_name=rng.choice(words.LAST_NAMES),
                        is_active=True,
                        date_joined=joined + timedelta(minutes=n),
                    )
                )
            User.objects.bulk_create(users)
            EmailAddress.objects.bulk_create(
                EmailAddress(user=u, email=u.email, verified=True, primary=True)
                for u in users
            )
            User.groups.through.objects.bulk_create(
                User.groups.through(user_id=u.pk, group_id=group.pk) for u in users
            )
            MemberProfile.objects.bulk_create(
                MemberProfile(
                    user=u,
                    role=roles[u.pk % len(roles)],
                    municipality_id=municipalities[u.pk % len(municipalities)]
                    if municipalities
                    else None,
                    organisation_name="Gemeente",
                )
                for u in users
            )
    return count - existing


def events_generate(*, count: int, seed: int) -> int:
    """``count`` events ``bench-event-<n>``, a year back to a year ahead."""
    existing = Event.objects.filter(slug__startswith="bench-event-").count()
    if existing >= count:
        return 0
    today = timezone.localdate()
    kinds = list(Event.Kind.values)
    new, topics = [], []
    for n in range(existing + 1, count + 1):
        rng = _rng(seed, "event", n)
        subject = rng.choice(words.EVENT_SUBJECTS)
        kind = kinds[n % len(kinds)]
        starts = _aware(today + timedelta(days=rng.randrange(-365, 366)), 9 + n % 8)
        online = kind == Event.Kind.WEBINAR
        new.append(
            Event(
                slug=f"bench-event-{n}",
                title=f"{Event.Kind(kind).label}: {subject}",
                kind=kind,
                summary=_sentences(rng, 1, subject.lower())[:300],
                description=_sentences(rng, 4, subject.lower()),
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                capacity=None if online else 20 + rng.randrange(100),
                online_url=f"https://meet.example.org/bench-{n}" if online else "",
                location="" if online else rng.choice(words.PLACES),
                contact_email="leernetwerk@example.org",
            )
        )
        topics.append(sorted(rng.sample(range(1, 6), 1 + rng.randrange(2))))
    Event.objects.bulk_create(new)
    EventBouwopgave.objects.bulk_create(
        EventBouwopgave(event=event, bouwopgave=b)
        for event, chosen in zip(new, topics, strict=True)
        for b in chosen
    )
    return len(new)


def _webinar(slug: str, title: str, *, capacity: int | None) -> Event:
    starts = _aware(timezone.localdate() + timedelta(days=60), 15)
    event, _created = Event.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title,
            "kind": Event.Kind.WEBINAR,
            "summary": "Een webinar over schuldhulp en werk voor het hele land.",
            "description": "Professionals uit zorg en welzijn en werk en inkomen "
            "delen wat werkt bij schuldhulp en re-integratie.",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=1, minutes=30),
            "capacity": capacity,
            "online_url": f"https://meet.example.org/{slug}",
            "contact_email": "leernetwerk@example.org",
        },
    )
    return event


def webinars_generate(*, registrations: int) -> tuple[Event, Event, int]:
    """The national webinar with ``registrations`` confirmed places (members
    1 to R), and the webinar for the registration race: 50 seats, empty."""
    webinar = _webinar(
        WEBINAR_SLUG, "Landelijk webinar: schuldhulp en werk", capacity=None
    )
    race = _webinar(
        RACE_WEBINAR_SLUG,
        "Webinar: wat werkt bij re-integratie",
        capacity=RACE_WEBINAR_SEATS,
    )
    registered = set(
        Registration.objects.filter(event=webinar).values_list("member_id", flat=True)
    )
    emails = [MEMBER_EMAIL.format(n=n) for n in range(1, registrations + 1)]
    members = []
    for numbers in _batches(0, len(emails), 5000):
        members += list(
            User.objects.filter(email__in=[emails[i] for i in numbers]).values_list(
                "pk", flat=True
            )
        )
    if len(members) < registrations:
        raise ValueError(
            f"{registrations} aanmeldingen vragen om evenveel leden; "
            f"er zijn er {len(members)}"
        )
    at = webinar.starts_at - timedelta(days=30)
    new = [
        Registration(
            event=webinar,
            member_id=pk,
            status=Registration.Status.CONFIRMED,
            requested_at=at + timedelta(seconds=pk),
            confirmed_at=at + timedelta(seconds=pk),
        )
        for pk in sorted(members)
        if pk not in registered
    ]
    Registration.objects.bulk_create(new, batch_size=BATCH)
    return webinar, race, len(new)
