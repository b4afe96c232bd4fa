"""Pages of the membership: join, profile, member directory, my page, my data
and deleting one's account."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import member_areas
from portal.mail import site_url
from portal.taxonomy import Bouwopgave

from ..forms.members import (
    AccountDeleteForm,
    MemberDirectoryFilterForm,
    MemberProfileForm,
)
from ..models import Domain, MemberProfile
from ..permissions import member_required
from ..selectors.members import (
    member_directory,
    member_feed_secret,
    member_profile_get,
    member_registrations,
)
from ..services.members import (
    calendar_feed_rotate,
    member_delete,
    member_export,
    member_profile_save,
)
from ..tokens import feed_token

MEMBERS_PER_PAGE = 25


def _profile_form_page(
    request: HttpRequest,
    *,
    profile: MemberProfile | None,
    template: str,
    success_message: str,
    success_url: str,
) -> HttpResponse | None:
    """Handle a POST of the profile form; returns the response, or None when
    the request is a GET (the caller renders the empty form)."""
    if request.method != "POST":
        return None
    form = MemberProfileForm(request.POST)
    if form.is_valid():
        try:
            member_profile_save(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    return render(request, template, {"form": form, "profile": profile}, status=200)


def join(request: HttpRequest) -> HttpResponse:
    """What the leernetwerk is; the short profile form to join."""
    profile = member_profile_get(user=request.user)
    context: dict[str, object] = {"profile": profile}
    if request.user.is_authenticated and profile is None:
        response = _profile_form_page(
            request,
            profile=None,
            template="network/member_join.html",
            success_message=_("Welkom in het leernetwerk! Uw profiel is opgeslagen."),
            success_url=reverse("network:my_page"),
        )
        if response is not None:
            return response
        context["form"] = MemberProfileForm(
            initial=MemberProfileForm.initial_for(user=request.user, profile=None)
        )
    elif request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return redirect("network:profile_edit")
    context["next_query"] = urlencode({"next": reverse("network:join")})
    return render(request, "network/member_join.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = member_profile_get(user=request.user)
    if profile is None:
        messages.info(
            request, _("U bent nog geen lid. Vul eerst het korte profiel in.")
        )
        return redirect("network:join")
    response = _profile_form_page(
        request,
        profile=profile,
        template="network/member_profile_edit.html",
        success_message=_("Uw profiel is opgeslagen."),
        success_url=reverse("network:my_page"),
    )
    if response is not None:
        return response
    form = MemberProfileForm(
        initial=MemberProfileForm.initial_for(user=request.user, profile=profile)
    )
    return render(
        request,
        "network/member_profile_edit.html",
        {"form": form, "profile": profile},
    )


@member_required
def directory(request: HttpRequest) -> HttpResponse:
    """The member directory: for members only, listing only members who chose
    to be listed."""
    form = MemberDirectoryFilterForm(request.GET or None)
    members = member_directory(**form.filters())
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("pagina"))
    members_on_page = list(page.object_list)
    domain_labels = dict(Domain.choices)
    for member in members_on_page:
        member.domain_labels = [domain_labels.get(d, d) for d in member.domains]
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "network/member_directory.html",
        {
            "form": form,
            "page_obj": page,
            "members": members_on_page,
            "querystring": query.urlencode(),
            "filtered": any(form.filters().values()),
        },
    )


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """The member's own page: registrations, profile, consents, calendar
    feed, data download and account deletion."""
    profile = member_profile_get(user=request.user)
    secret = member_feed_secret(user=request.user)
    feed_url = site_url(
        reverse(
            "network:member_feed",
            args=[feed_token(user_id=request.user.pk, secret=secret)],
        )
    )
    domain_labels = dict(Domain.choices)
    return render(
        request,
        "network/my_page.html",
        {
            "profile": profile,
            "domains": [domain_labels.get(d, d) for d in profile.domains]
            if profile
            else [],
            "interests": [
                Bouwopgave(n).label for n in profile.interests if n in Bouwopgave.values
            ]
            if profile
            else [],
            "upcoming": member_registrations(user=request.user),
            "past": member_registrations(user=request.user, past=True),
            "feed_url": feed_url,
            "extra_sections": member_areas.my_page_sections(user=request.user),
        },
    )


@require_POST
@login_required
def feed_rotate(request: HttpRequest) -> HttpResponse:
    """Make a new calendar link; the old one stops working."""
    calendar_feed_rotate(user=request.user)
    messages.success(
        request,
        _(
            "U heeft een nieuwe link naar uw agenda. De oude link werkt niet meer. "
            "Zet de nieuwe link in uw agenda-app."
        ),
    )
    return redirect(reverse("network:my_page") + "#feed-title")


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Download everything the leernetwerk keeps about me, as JSON."""
    data = member_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mijn-gegevens-leernetwerk-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    """Confirm with the password, then delete the account and log out."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        member_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _(
                "Uw account is verwijderd, met uw profiel en uw gegevens. "
                "Bedankt voor uw deelname aan het leernetwerk."
            ),
        )
        return redirect("/")
    return render(request, "network/my_account_delete.html", {"form": form})
