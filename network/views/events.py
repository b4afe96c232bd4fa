"""Public pages of the agenda: list, archive, event, registration, calendar."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.locking import LockTimeout

from ..exceptions import NetworkError, NotRegistered
from ..forms.events import EventFilterForm
from ..ics import calendar_content_type, events_calendar
from ..models import Event
from ..selectors.events import event_get, event_list, event_seats
from ..selectors.members import feed_owner, member_feed_events
from ..selectors.registrations import (
    registration_for,
    registration_get,
    registration_waitlist_position,
)
from ..services.registrations import (
    CancelledBy,
    registration_cancel,
    registration_cancel_check,
    registration_create,
    registration_may_cancel,
)
from ..structured_data import event_structured_data
from ..tokens import CancelLinkState, cancel_token_read, feed_token_read

# How long a calendar app may keep the private feed before asking again.
FEED_MAX_AGE = 15 * 60
# How often a subscribed calendar app is asked to fetch the feed again.
FEED_REFRESH = timedelta(hours=1)

EVENTS_PER_PAGE = 12


def _event_list_page(request: HttpRequest, *, past: bool) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = event_list(
        past=past,
        kind=filters.get("soort") or None,
        bouwopgave=filters.get("bouwopgave"),
    )
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "network/event_list.html",
        {
            "form": form,
            "page_obj": page,
            "events": page.object_list,
            "past": past,
            "querystring": query.urlencode(),
        },
    )


def event_list_page(request: HttpRequest) -> HttpResponse:
    return _event_list_page(request, past=False)


def event_archive_page(request: HttpRequest) -> HttpResponse:
    return _event_list_page(request, past=True)


def _get_event(slug: str) -> Event:
    try:
        return event_get(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event(slug)
    registration = registration_for(event=event, member=request.user)
    seats = event_seats(event=event)
    return render(
        request,
        "network/event_detail.html",
        {
            "event": event,
            "seats": seats,
            "structured_data": event_structured_data(event=event, seats=seats),
            "registration": registration,
            "is_confirmed": bool(registration and registration.is_confirmed),
            "is_waitlisted": bool(registration and registration.is_waitlisted),
            "is_registered": bool(registration and registration.is_active),
            "may_cancel": registration_may_cancel(registration=registration),
            "waitlist_position": registration
            and registration_waitlist_position(registration=registration),
            "registration_open": event.registration_is_open(),
            "registration_not_open_yet": bool(
                event.registration_opens_at
                and event.registration_opens_at > timezone.now()
            ),
        },
    )


@require_POST
@login_required
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event(slug)
    try:
        registration = registration_create(event=event, member=request.user)
    except (NetworkError, LockTimeout) as error:
        messages.error(request, str(error))
    else:
        if registration.is_confirmed:
            messages.success(
                request,
                _("U bent aangemeld. U krijgt een bevestiging per e-mail met een "
                  "agenda-bestand."),
            )  # fmt: skip
        else:
            position = registration_waitlist_position(registration=registration)
            messages.info(
                request,
                _("De bijeenkomst is vol. U staat op de wachtlijst op plaats "
                  "%(position)s.") % {"position": position},
            )  # fmt: skip
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_unregister(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event(slug)
    registration = registration_for(event=event, member=request.user)
    if registration is None or not registration.is_active:
        messages.error(request, str(NotRegistered()))
    else:
        try:
            registration_cancel(registration=registration, actor=request.user)
        except (NetworkError, LockTimeout) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("U bent afgemeld."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = event.get_absolute_url()
    return redirect(next_url)


def registration_cancel_page(request: HttpRequest, token: str) -> HttpResponse:
    """Cancel from the link in an e-mail: no login needed, a POST to confirm."""
    link = cancel_token_read(token)
    registration = (
        registration_get(pk=link.registration_id)
        if link.state is CancelLinkState.VALID and link.registration_id
        else None
    )
    if link.state is CancelLinkState.INVALID or (
        link.state is CancelLinkState.VALID
        and (registration is None or registration.member_id is None)
    ):
        return render(
            request, "network/registration_cancel.html", {"invalid": True}, status=404
        )
    if registration is None or not link.matches(registration):
        # Expired, or made for an earlier registration of the same person.
        return render(
            request, "network/registration_cancel.html", {"stale": True}, status=410
        )
    event = registration.event
    done = not registration.is_active
    error = ""
    try:
        if not done:
            registration_cancel_check(registration=registration, by=CancelledBy.LINK)
        if request.method == "POST" and not done:
            registration_cancel(registration=registration, by=CancelledBy.LINK)
            done = True
            messages.success(request, _("U bent afgemeld."))
    except (NetworkError, LockTimeout) as exc:
        error = str(exc)
    return render(
        request,
        "network/registration_cancel.html",
        {"registration": registration, "event": event, "done": done, "error": error},
    )


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event(slug)
    response = HttpResponse(
        events_calendar([event]), content_type=calendar_content_type()
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def member_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A member's private, subscribable calendar of the events they attend."""
    parsed = feed_token_read(token)
    user = feed_owner(user_id=parsed[0], secret=parsed[1]) if parsed else None
    if user is None:
        raise Http404
    response = HttpResponse(
        events_calendar(
            member_feed_events(member=user),
            name=_("Mijn bijeenkomsten, Leernetwerk"),
            # Only events where the member has a confirmed place.
            meeting_links=True,
            refresh=FEED_REFRESH,
        ),
        content_type=calendar_content_type(),
    )
    # Personal data: shared caches must not keep it.
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    response["X-Robots-Tag"] = "noindex"
    return response
