"""The team invitation: a team member opens the link from the e-mail and
joins the team with their own account."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..exceptions import InvitationInvalid, InvitationNotActive, LeergangError
from ..models import Application
from ..selectors.invitations import (
    team_member_for_invitation,
    user_has_verified_email,
)
from ..services.invitations import team_member_join


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A team member accepts the invitation and joins the team."""
    try:
        member = team_member_for_invitation(token=token)
    except InvitationInvalid as exc:
        return render(
            request,
            "leergang/invitation_invalid.html",
            {"message": str(exc)},
            status=400,
        )
    application = member.application
    context: dict[str, Any] = {
        "member": member,
        "application": application,
        "edition": application.edition,
        "municipality": application.municipality,
    }
    if application.status != Application.Status.ACCEPTED:
        return render(
            request,
            "leergang/invitation_invalid.html",
            {"message": str(InvitationNotActive())},
            status=404,
        )
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.path)
        next_query = urlencode({"next": request.path})
        context |= {
            "login_url": f"{reverse('account_login')}?{next_query}",
            "signup_url": f"{reverse('account_signup')}?{next_query}",
        }
        return render(request, "leergang/invitation_login.html", context)

    status = 200
    if request.method == "POST":
        try:
            team_member_join(team_member=member, user=request.user)
        except LeergangError as exc:
            context["error"] = str(exc)
            status = 409
            member.refresh_from_db(fields=["user", "joined_at"])
        else:
            messages.success(
                request,
                _("Welkom in het team van gemeente %(name)s.")
                % {"name": application.municipality.name},
            )
            return redirect(request.path)
    context |= {
        "joined": member.user_id == request.user.pk,
        "taken": member.user_id is not None and member.user_id != request.user.pk,
        "email_matches": user_has_verified_email(user=request.user, email=member.email),
    }
    return render(request, "leergang/invitation.html", context, status=status)
