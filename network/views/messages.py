"""Turning off a coordinator's messages about an event, from the link in
such a message or a mail client's one-click unsubscribe (RFC 8058)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..selectors.registrations import registration_get
from ..services.registrations import registration_messages_off
from ..tokens import messages_token_read

TEMPLATE = "network/messages_off.html"


@csrf_exempt  # the signed link is the proof; a mail client posts without cookies
@require_http_methods(["GET", "HEAD", "POST"])
def messages_off_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link scanner changes nothing); POST turns the messages
    off, whether from the button on the page or from the mail client."""
    registration_id = messages_token_read(token)
    registration = registration_get(pk=registration_id) if registration_id else None
    if registration is None or registration.member_id is None:
        return render(request, TEMPLATE, {"invalid": True}, status=404)
    if request.method == "POST":
        registration = registration_messages_off(registration=registration)
    response = render(
        request,
        TEMPLATE,
        {
            "event": registration.event,
            "done": registration.messages_off_at is not None,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
