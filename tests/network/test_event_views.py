"""The agenda, the event page, registering and cancelling through the site."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import Event, EventBouwopgave, Registration
from network.services.registrations import registration_create
from network.tokens import cancel_token
from portal.taxonomy import Bouwopgave
from tests.network.factories import EventFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_agenda_lists_upcoming_events_soonest_first(client):
    later = EventFactory(
        title="Conferentie", starts_at=timezone.now() + timedelta(days=30)
    )
    sooner = EventFactory(title="Webinar", starts_at=timezone.now() + timedelta(days=3))
    past = EventFactory(
        title="Voorbij",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
    )
    EventFactory(title="Verborgen", is_published=False)

    html = client.get("/agenda/").content.decode()

    assert html.index(sooner.title) < html.index(later.title)
    assert past.title not in html
    assert "Verborgen" not in html
    assert past.title in client.get("/agenda/archief/").content.decode()


def test_agenda_filters_by_kind_and_bouwopgave_without_javascript(client):
    webinar = EventFactory(title="Webinar regie", kind=Event.Kind.WEBINAR)
    EventBouwopgave.objects.create(event=webinar, bouwopgave=Bouwopgave.AGREEMENTS)
    atelier = EventFactory(title="Atelier inwoner", kind=Event.Kind.KENNISATELIER)
    EventBouwopgave.objects.create(event=atelier, bouwopgave=Bouwopgave.WITH_RESIDENT)

    by_kind = client.get("/agenda/?soort=webinar").content.decode()
    by_theme = client.get("/agenda/?bouwopgave=2").content.decode()
    nonsense = client.get("/agenda/?bouwopgave=99&soort=x")

    assert "Webinar regie" in by_kind
    assert "Atelier inwoner" not in by_kind
    assert "Atelier inwoner" in by_theme
    assert "Webinar regie" not in by_theme
    assert nonsense.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_agenda_query_count_does_not_grow_with_events(
    client, django_assert_max_num_queries, count
):
    start = timezone.now() + timedelta(days=5)
    events = Event.objects.bulk_create(
        EventFactory.build(
            slug=f"atelier-{n}",
            capacity=5,
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=90),
        )
        for n in range(count)
    )
    events = list(Event.objects.order_by("pk"))
    EventBouwopgave.objects.bulk_create(
        EventBouwopgave(event=event, bouwopgave=1 + n % 5)
        for n, event in enumerate(events)
    )
    members = UserFactory.create_batch(3, verified=False)
    Registration.objects.bulk_create(
        Registration(
            event=event,
            member=member,
            status="bevestigd" if i < 2 else "wachtlijst",
            confirmed_at=timezone.now() if i < 2 else None,
        )
        for event in events
        for i, member in enumerate(members)
    )

    with django_assert_max_num_queries(8):
        response = client.get("/agenda/")
    with django_assert_max_num_queries(8):
        second = client.get("/agenda/", {"pagina": 2, "bouwopgave": 2})

    assert response.status_code == second.status_code == 200
    assert len(response.context["events"]) == min(count, 12)
    assert "Nog 3 plaatsen vrij" in response.content.decode()


def test_anonymous_visitor_is_asked_to_log_in_to_register(client):
    event = EventFactory()

    html = client.get(event.get_absolute_url()).content.decode()
    response = client.post(f"/agenda/{event.slug}/aanmelden/")

    assert "Inloggen om aan te melden" in html
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not Registration.objects.exists()


def test_member_registers_in_one_click_and_sees_the_meeting_link(client):
    event = EventFactory(online_url="https://meet.example.org/geheim", location="")
    member = UserFactory()
    client.force_login(member)
    assert (
        "meet.example.org/geheim"
        not in client.get(event.get_absolute_url()).content.decode()
    )

    response = client.post(f"/agenda/{event.slug}/aanmelden/", follow=True)

    html = response.content.decode()
    assert "U bent aangemeld" in html
    assert "https://meet.example.org/geheim" in html
    assert Registration.objects.get(member=member).status == "bevestigd"


def test_the_meeting_link_is_only_for_confirmed_participants(
    client, mailoutbox, on_commit
):
    secret = "https://meet.example.org/geheim-7f3a"
    event = EventFactory(capacity=1, online_url=secret, location="")
    confirmed, waiting = UserFactory(), UserFactory()
    with on_commit():
        registration_create(event=event, member=confirmed)
        registration_create(event=event, member=waiting)
    event.refresh_from_db()
    # The secret is really there, and participants with a place get it ...
    assert event.online_url == secret
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert secret in mails[confirmed.email].body
    assert secret in mails[confirmed.email].alternatives[0][0]
    client.force_login(confirmed)
    assert secret in client.get(event.get_absolute_url()).content.decode()

    # ... but not someone on the waitlist, nor anyone with the public file.
    client.force_login(waiting)
    html = client.get(event.get_absolute_url()).content.decode()
    client.logout()
    response = client.get(f"/agenda/{event.slug}/agenda.ics")
    ics = response.content.decode()

    assert "U staat op de wachtlijst op plaats 1." in html
    assert "geheim" not in html
    assert "geheim" not in mails[waiting.email].body
    assert response.status_code == 200
    assert event.title in ics
    assert "LOCATION:Online" in ics
    assert "geheim" not in ics


def test_full_event_offers_the_waitlist_and_shows_the_position(client):
    event = EventFactory(capacity=1)
    registration_create(event=event, member=UserFactory())
    member = UserFactory()
    client.force_login(member)

    page = client.get(event.get_absolute_url()).content.decode()
    response = client.post(f"/agenda/{event.slug}/aanmelden/", follow=True)

    assert "Aanmelden voor de wachtlijst" in page
    assert "U staat op de wachtlijst op plaats 1" in response.content.decode()


def test_closed_registration_shows_a_clear_message(client):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(days=1))
    client.force_login(UserFactory())

    page = client.get(event.get_absolute_url()).content.decode()
    response = client.post(f"/agenda/{event.slug}/aanmelden/", follow=True)

    assert "Aanmelden is gesloten." in page
    assert "Aanmelden voor deze bijeenkomst is gesloten." in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelled_event_says_so_and_refuses(client):
    event = EventFactory(status=Event.Status.CANCELLED)
    client.force_login(UserFactory())

    response = client.post(f"/agenda/{event.slug}/aanmelden/", follow=True)

    assert "Deze bijeenkomst gaat niet door." in response.content.decode()
    assert not Registration.objects.exists()


def test_member_cancels_from_the_event_page(client):
    event = EventFactory()
    member = UserFactory()
    registration_create(event=event, member=member)
    client.force_login(member)

    response = client.post(f"/agenda/{event.slug}/afmelden/", follow=True)

    assert "U bent afgemeld." in response.content.decode()
    assert Registration.objects.get(member=member).status == "afgemeld"


def test_cancel_link_from_the_mail_works_without_logging_in(
    client, mailoutbox, on_commit
):
    event = EventFactory(capacity=1)
    with on_commit():
        mine = registration_create(event=event, member=UserFactory())
        waiting = registration_create(event=event, member=UserFactory())
    link = re.search(r"https?://[^/\s]+(/agenda/afmelden/\S+/)", mailoutbox[0].body)
    assert link

    confirm_page = client.get(link.group(1))
    assert "Wilt u zich afmelden" in confirm_page.content.decode()
    mine.refresh_from_db()
    assert mine.status == "bevestigd"  # a GET (a mail scanner) cancels nothing

    done = client.post(link.group(1))

    assert "U bent afgemeld" in done.content.decode()
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == ("afgemeld", "bevestigd")


def test_a_forged_cancel_link_is_refused(client):
    event = EventFactory()
    registration = registration_create(event=event, member=UserFactory())
    forged = cancel_token(registration=registration)[:-3] + "abc"

    response = client.post(f"/agenda/afmelden/{forged}/")

    assert response.status_code == 404
    assert "klopt niet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "bevestigd"


def _cancel_path(mail) -> str:
    link = re.search(r"https?://[^/\s]+(/agenda/afmelden/\S+/)", mail.body)
    assert link, mail.body
    return link.group(1)


def test_a_cancel_link_from_an_earlier_registration_cannot_cancel_a_new_one(
    client, mailoutbox, on_commit
):
    event = EventFactory()
    member = UserFactory()
    with on_commit():
        registration = registration_create(event=event, member=member)
    old_link = _cancel_path(mailoutbox[-1])
    client.post(old_link)
    registration.refresh_from_db()
    assert registration.status == "afgemeld"
    with on_commit():
        registration_create(event=event, member=member)  # changed their mind
    new_link = _cancel_path(mailoutbox[-1])

    page = client.get(old_link)
    response = client.post(old_link)

    assert new_link != old_link
    assert page.status_code == response.status_code == 410
    assert "Deze link is niet meer geldig" in response.content.decode()
    assert "Ja, meld mij af" not in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == "bevestigd"
    # The link in the newest mail still works.
    client.post(new_link)
    registration.refresh_from_db()
    assert registration.status == "afgemeld"


def test_an_expired_or_old_style_cancel_link_changes_nothing(client):
    from django.core import signing

    from network.tokens import CANCEL_MAX_AGE, CANCEL_SALT

    registration = registration_create(event=EventFactory(), member=UserFactory())
    payload = signing.loads(cancel_token(registration=registration), salt=CANCEL_SALT)

    class SignerOfLongAgo(signing.TimestampSigner):
        def timestamp(self):
            made = timezone.now() - CANCEL_MAX_AGE - timedelta(days=1)
            return signing.b62_encode(int(made.timestamp()))

    expired = SignerOfLongAgo(salt=CANCEL_SALT).sign_object(payload, compress=True)
    id_only = signing.dumps(registration.pk, salt=CANCEL_SALT, compress=True)

    for token in (expired, id_only):
        response = client.post(f"/agenda/afmelden/{token}/")
        assert response.status_code == 410
        assert "Deze link is niet meer geldig" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "bevestigd"


def _started_event_with(member, **kwargs):
    start = timezone.now() - timedelta(minutes=10)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), **kwargs)
    registration = Registration.objects.create(
        event=event, member=member, status="bevestigd", confirmed_at=start
    )
    return event, registration


def test_a_member_cannot_cancel_with_the_mail_link_once_the_event_began(
    client, mailoutbox, on_commit
):
    _event, registration = _started_event_with(UserFactory())
    link = f"/agenda/afmelden/{cancel_token(registration=registration)}/"

    page = client.get(link).content.decode()
    with on_commit():
        response = client.post(link)

    assert "Deze bijeenkomst is al begonnen. Afmelden kan niet meer." in page
    assert "Ja, meld mij af" not in page
    assert "Deze bijeenkomst is al begonnen" in response.content.decode()
    assert "U bent afgemeld" not in response.content.decode()
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == ("bevestigd", None)
    assert mailoutbox == []


def test_a_member_cannot_cancel_on_the_site_once_the_event_began(
    client, mailoutbox, on_commit
):
    member = UserFactory()
    event, registration = _started_event_with(member)
    client.force_login(member)

    page = client.get(event.get_absolute_url()).content.decode()
    with on_commit():
        response = client.post(f"/agenda/{event.slug}/afmelden/", follow=True)

    assert f"/agenda/{event.slug}/afmelden/" not in page  # no button
    assert "Afmelden kan niet meer." in page
    assert "Deze bijeenkomst is al begonnen" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "bevestigd"
    assert mailoutbox == []


def test_unknown_event_is_404(client):
    assert client.get("/agenda/bestaat-niet/").status_code == 404


def test_cancelling_never_redirects_to_another_site(client):
    event = EventFactory()
    member = UserFactory()
    registration_create(event=event, member=member)
    client.force_login(member)

    response = client.post(
        f"/agenda/{event.slug}/afmelden/", {"next": "https://kwaadaardig.example/"}
    )

    assert response["Location"] == event.get_absolute_url()


def test_cancelling_from_my_page_returns_there(client):
    event = EventFactory()
    member = UserFactory()
    registration_create(event=event, member=member)
    client.force_login(member)

    response = client.post(f"/agenda/{event.slug}/afmelden/", {"next": "/mijn/"})

    assert response["Location"] == "/mijn/"
