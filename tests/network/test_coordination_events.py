"""Events in the back office: create, edit and cancel go through the
services, so participants hear about changes and the waitlist moves up."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import Event, EventBouwopgave, Registration
from portal.roles import Role
from portal.taxonomy import Bouwopgave
from tests.network.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

ADMIN_DATETIME = "%Y-%m-%d %H:%M"


@pytest.fixture
def coordinator_client(client, make_user):
    client.force_login(make_user(Role.COORDINATOR))
    return client


def _local(dt) -> str:
    return timezone.localtime(dt).strftime(ADMIN_DATETIME)


def _form_data(event: Event | None = None, **changes) -> dict:
    start = timezone.now() + timedelta(days=10)
    data = {
        "title": "Kennisatelier samen werken",
        "slug": "",
        "kind": Event.Kind.KENNISATELIER,
        "summary": "Samen leren.",
        "description": "Een middag vol voorbeelden.",
        "starts_at": _local(start),
        "ends_at": _local(start + timedelta(hours=2)),
        "location": "Stadskantoor Houten",
        "online_url": "",
        "capacity": "20",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "is_published": "on",
        "organiser": "",
        "contact_email": "",
        "recording_url": "",
        "slides": "",
        "report_url": "",
    }
    if event is not None:
        data.update(
            title=event.title,
            slug=event.slug,
            kind=event.kind,
            summary=event.summary,
            description=event.description,
            starts_at=_local(event.starts_at),
            ends_at=_local(event.ends_at),
            location=event.location,
            online_url=event.online_url,
            capacity="" if event.capacity is None else str(event.capacity),
        )
    data.update(changes)
    return data


def _add_url() -> str:
    return reverse(Event.snippet_viewset.get_url_name("add"))


def _edit_url(event: Event) -> str:
    return reverse(Event.snippet_viewset.get_url_name("edit"), args=[event.pk])


def test_create_saves_the_event_with_its_bouwopgaven(coordinator_client):
    data = _form_data(bouwopgaven=[Bouwopgave.WITH_RESIDENT, Bouwopgave.AGREEMENTS])

    response = coordinator_client.post(_add_url(), data)

    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get(title="Kennisatelier samen werken")
    assert event.slug == "kennisatelier-samen-werken"
    assert event.capacity == 20
    assert set(
        EventBouwopgave.objects.filter(event=event).values_list("bouwopgave", flat=True)
    ) == {Bouwopgave.WITH_RESIDENT, Bouwopgave.AGREEMENTS}


def test_create_with_an_end_before_the_start_shows_a_dutch_error(coordinator_client):
    start = timezone.now() + timedelta(days=10)
    data = _form_data(
        starts_at=_local(start), ends_at=_local(start - timedelta(hours=1))
    )

    response = coordinator_client.post(_add_url(), data)

    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//kwaadaardig.example/verslag",
        "/\\kwaadaardig.example/verslag",
        "kennisbank/verslag",
        "https://",
    ],
)
def test_the_report_link_must_be_a_web_address_or_a_page_of_the_site(
    coordinator_client, link
):
    response = coordinator_client.post(_add_url(), _form_data(report_url=link))

    assert response.status_code == 200
    assert response.context["form"].errors["report_url"] == [
        "Vul een webadres in dat begint met https:// of http://, of een pad op "
        "deze site dat begint met /."
    ]
    assert "Vul een webadres in dat begint met https://" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "link", ["/kennisbank/verslag-atelier/", "https://movisie.example/verslag?p=1"]
)
def test_a_report_link_on_the_site_or_on_the_web_is_saved(coordinator_client, link):
    response = coordinator_client.post(_add_url(), _form_data(report_url=link))

    assert response.status_code == 302, response.context["form"].errors
    assert Event.objects.get().report_url == link


def test_the_model_refuses_a_javascript_report_link():
    from django.core.exceptions import ValidationError

    event = EventFactory.build(report_url="javascript:alert(1)")

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert set(error.value.message_dict) == {"report_url"}


def test_registration_cannot_close_after_the_event_begins(coordinator_client):
    start = timezone.now() + timedelta(days=10)
    data = _form_data(
        starts_at=_local(start),
        ends_at=_local(start + timedelta(hours=2)),
        registration_closes_at=_local(start + timedelta(hours=1)),
    )

    response = coordinator_client.post(_add_url(), data)

    assert response.status_code == 200
    errors = response.context["form"].errors["registration_closes_at"]
    assert errors == [
        "Aanmelden moet sluiten voordat de bijeenkomst begint. Kies een moment "
        "vóór het begin, of laat het veld leeg."
    ]
    assert "Aanmelden moet sluiten voordat de bijeenkomst begint." in (
        response.content.decode()
    )
    assert not Event.objects.exists()
    # Closing exactly at the start, or before it, is fine.
    data["registration_closes_at"] = _local(start)
    assert coordinator_client.post(_add_url(), data).status_code == 302


def test_the_model_refuses_registration_closing_after_the_start():
    from django.core.exceptions import ValidationError

    event = EventFactory.build()
    event.registration_closes_at = event.starts_at + timedelta(minutes=1)

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert set(error.value.message_dict) == {"registration_closes_at"}


def test_the_edit_form_shows_the_stored_bouwopgaven_as_ticked(coordinator_client):
    event = EventFactory()
    EventBouwopgave.objects.create(event=event, bouwopgave=Bouwopgave.CONNECTING)

    response = coordinator_client.get(_edit_url(event))

    form = response.context["form"]
    assert form["bouwopgaven"].value() == [Bouwopgave.CONNECTING]


def test_moving_the_start_bumps_the_sequence_and_mails_each_confirmed_person(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    first, second = RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    new_start = event.starts_at + timedelta(days=1)
    data = _form_data(
        event,
        starts_at=_local(new_start),
        ends_at=_local(new_start + timedelta(hours=2)),
        bouwopgaven=[Bouwopgave.PARTICIPATION],
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(_edit_url(event), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.starts_at == new_start
    assert event.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [first.member.email, second.member.email]
    )
    assert all(m.subject.startswith("Gewijzigd:") for m in mailoutbox)
    assert list(event.bouwopgave_links.values_list("bouwopgave", flat=True)) == [
        Bouwopgave.PARTICIPATION
    ]


def test_a_change_mail_invites_only_people_with_a_place(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    from icalendar import Calendar

    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, status=Registration.Status.WAITLISTED, confirmed_at=None
    )
    new_start = event.starts_at + timedelta(days=1)
    data = _form_data(
        event,
        starts_at=_local(new_start),
        ends_at=_local(new_start + timedelta(hours=2)),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(_edit_url(event), data)

    assert response.status_code == 302
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {confirmed.member.email, waiting.member.email}
    assert all(m.subject.startswith("Gewijzigd:") for m in mailoutbox)
    [(name, content, mimetype)] = mails[confirmed.member.email].attachments
    assert name.endswith(".ics")
    assert "method=PUBLISH" in mimetype
    assert Calendar.from_ical(content)["METHOD"] == "PUBLISH"
    for_waiting = mails[waiting.member.email]
    assert for_waiting.attachments == []
    assert "U staat op de wachtlijst op plaats 1." in for_waiting.body
    assert "agenda-bestand werkt uw agenda bij" not in for_waiting.body
    assert timezone.localtime(new_start).strftime("%H:%M") in for_waiting.body


def test_editing_only_the_description_sends_no_mail(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _edit_url(event), _form_data(event, description="Nieuwe tekst.")
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.description == "Nieuwe tekst."
    assert event.sequence == 0
    assert mailoutbox == []


def test_raising_the_capacity_promotes_the_waitlist_in_order(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    now = timezone.now()
    first = RegistrationFactory(
        event=event,
        status=Registration.Status.WAITLISTED,
        requested_at=now - timedelta(hours=2),
    )
    second = RegistrationFactory(
        event=event,
        status=Registration.Status.WAITLISTED,
        requested_at=now - timedelta(hours=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _edit_url(event), _form_data(event, capacity="2")
        )

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITLISTED
    assert [m.to[0] for m in mailoutbox] == [first.member.email]


def test_cancel_asks_for_confirmation_first(coordinator_client, mailoutbox):
    event = EventFactory()
    RegistrationFactory(event=event)

    response = coordinator_client.get(
        reverse("network_admin:event_cancel", args=[event.pk])
    )

    assert "Weet u zeker" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.SCHEDULED
    assert mailoutbox == []


def test_cancel_after_confirmation_mails_everyone_registered(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("network_admin:event_cancel", args=[event.pk])
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert event.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.member.email, waiting.member.email]
    )
    assert all(m.subject.startswith("Gaat niet door:") for m in mailoutbox)


def test_an_event_with_participants_cannot_be_deleted(coordinator_client):
    event = EventFactory()
    RegistrationFactory(event=event)
    delete_url = reverse(Event.snippet_viewset.get_url_name("delete"), args=[event.pk])

    response = coordinator_client.post(delete_url)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "network_admin:event_cancel", args=[event.pk]
    )
    assert Event.objects.filter(pk=event.pk).exists()


def test_list_shows_seats_and_waitlist_and_filters_past_events(coordinator_client):
    upcoming = EventFactory(title="Webinar in de toekomst", capacity=20)
    RegistrationFactory.create_batch(3, event=upcoming)
    RegistrationFactory(event=upcoming, status=Registration.Status.WAITLISTED)
    EventFactory(title="Atelier van vorige week", past=True)
    list_url = reverse(Event.snippet_viewset.get_url_name("list"))

    everything = coordinator_client.get(list_url).content.decode()
    only_upcoming = coordinator_client.get(list_url, {"when": "komend"})
    only_past = coordinator_client.get(list_url, {"when": "voorbij"})
    searched = coordinator_client.get(list_url, {"q": "atelier"})

    assert "3/20" in everything
    assert "Atelier van vorige week" in everything
    assert "Webinar in de toekomst" in only_upcoming.content.decode()
    assert "Atelier van vorige week" not in only_upcoming.content.decode()
    assert "Atelier van vorige week" in only_past.content.decode()
    assert "Webinar in de toekomst" not in only_past.content.decode()
    assert "Atelier van vorige week" in searched.content.decode()
    assert "Webinar in de toekomst" not in searched.content.decode()
    listed = list(only_upcoming.context["object_list"])
    assert listed[0].waitlist_count == 1


def test_saving_unchanged_times_stored_with_seconds_sends_no_change_mail(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    start = (timezone.now() + timedelta(days=5)).replace(second=42, microsecond=0)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    RegistrationFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _edit_url(event), _form_data(event, summary="Iets anders.")
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.starts_at == start
    assert event.sequence == 0
    assert mailoutbox == []


def test_the_history_shows_who_created_the_event(coordinator_client):
    coordinator_client.post(_add_url(), _form_data())
    event = Event.objects.get()

    response = coordinator_client.get(
        reverse(Event.snippet_viewset.get_url_name("history"), args=[event.pk])
    )

    assert response.status_code == 200
    assert response.context["object"] == event
    assert "wagtail.create" in {
        entry.action for entry in response.context["object_list"]
    }


def test_event_list_queries_do_not_grow_with_the_number_of_events(
    coordinator_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    list_url = reverse(Event.snippet_viewset.get_url_name("list"))
    for event in EventFactory.create_batch(3, capacity=20):
        RegistrationFactory(event=event)
    coordinator_client.get(list_url)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(list_url)

    for event in EventFactory.create_batch(27, capacity=20):
        RegistrationFactory(event=event)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator_client.get(list_url)
    assert response.content.decode().count("1/20") == 20  # first page
