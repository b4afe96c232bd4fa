"""Who may use the coordinator's back office: the permission matrix for
events, attendee lists, exports, messages and cancellations."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from network.models import Event, Registration
from portal.roles import Role
from tests.network.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = None


def _urls(event: Event, registration: Registration) -> dict[str, str]:
    viewset = Event.snippet_viewset
    return {
        "list": reverse(viewset.get_url_name("list")),
        "add": reverse(viewset.get_url_name("add")),
        "edit": reverse(viewset.get_url_name("edit"), args=[event.pk]),
        "registrations": reverse("network_admin:event_registrations", args=[event.pk]),
        "export_csv": reverse("network_admin:event_export", args=[event.pk, "csv"]),
        "export_xlsx": reverse("network_admin:event_export", args=[event.pk, "xlsx"]),
        "message": reverse("network_admin:event_message", args=[event.pk]),
        "cancel": reverse("network_admin:event_cancel", args=[event.pk]),
        "cancel_registration": reverse(
            "network_admin:registration_cancel", args=[event.pk, registration.pk]
        ),
    }


@pytest.fixture
def setup(client, make_user):
    event = EventFactory(title="Webinar Op Koers")
    registration = RegistrationFactory(event=event)

    def login(role):
        if role is ANONYMOUS:
            return client
        client.force_login(make_user(role))
        return client

    return login, event, registration


VIEWS = [
    "list",
    "add",
    "edit",
    "registrations",
    "export_csv",
    "export_xlsx",
    "message",
    "cancel",
    "cancel_registration",
]
# Pages that Wagtail's own view set serves: Wagtail sends users without the
# permission back to the dashboard with a message.
WAGTAIL_VIEWS = {"list", "add", "edit"}


@pytest.mark.parametrize("view", VIEWS)
def test_coordinator_may_open_every_page(setup, view):
    login, event, registration = setup
    client = login(Role.COORDINATOR)

    response = client.get(_urls(event, registration)[view])

    assert response.status_code == 200


@pytest.mark.parametrize("view", VIEWS)
def test_superuser_may_open_every_page(setup, client, view):
    _login, event, registration = setup
    from tests.portal.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(_urls(event, registration)[view])

    assert response.status_code == 200


@pytest.mark.parametrize("view", VIEWS)
def test_editor_is_refused_and_sees_no_attendees(setup, view):
    login, event, registration = setup
    client = login(Role.EDITOR)

    response = client.get(_urls(event, registration)[view])

    if view in WAGTAIL_VIEWS:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403
        assert "alleen voor coördinatoren" in response.content.decode()
    assert registration.member.email not in response.content.decode()


@pytest.mark.parametrize("role", [ANONYMOUS, Role.MEMBER, Role.MUNICIPALITY_CONTACT])
@pytest.mark.parametrize("view", VIEWS)
def test_people_without_back_office_access_are_sent_to_login(setup, role, view):
    login, event, registration = setup
    client = login(role)

    response = client.get(_urls(event, registration)[view])

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


@pytest.mark.parametrize(
    "view", ["cancel", "cancel_registration", "message", "registrations"]
)
def test_editor_cannot_change_anything_with_a_post(setup, view, mailoutbox):
    login, event, registration = setup
    client = login(Role.EDITOR)

    response = client.post(
        _urls(event, registration)[view],
        {"subject": "Hallo", "body": "Test", "audience": "bevestigd"},
    )

    assert response.status_code == 403
    event.refresh_from_db()
    registration.refresh_from_db()
    assert event.status == Event.Status.SCHEDULED
    assert registration.status == Registration.Status.CONFIRMED
    assert mailoutbox == []


def test_editor_posting_attendance_is_refused(setup):
    login, event, registration = setup
    client = login(Role.EDITOR)

    response = client.post(
        reverse("network_admin:event_attendance", args=[event.pk]),
        {"present": [registration.pk]},
    )

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.attended is None


def test_the_coordinator_group_has_the_event_permissions_and_the_editor_none():
    coordinator = set(
        Group.objects.get(name=Role.COORDINATOR)
        .permissions.filter(
            content_type__app_label="network", content_type__model="event"
        )
        .values_list("codename", flat=True)
    )
    editor = Group.objects.get(name=Role.EDITOR).permissions.filter(
        content_type__app_label="network"
    )

    assert coordinator == {"add_event", "change_event", "delete_event", "view_event"}
    assert not editor.exists()


def test_menu_shows_events_to_coordinators_only(client, make_user):
    client.force_login(make_user(Role.COORDINATOR))
    coordinator_home = client.get("/beheer/").content.decode()
    client.force_login(make_user(Role.EDITOR))
    editor_home = client.get("/beheer/").content.decode()

    list_url = reverse(Event.snippet_viewset.get_url_name("list"))
    assert list_url in coordinator_home
    assert list_url not in editor_home
