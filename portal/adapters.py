from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from .cache import cache_reachable
from .mail import mail_headers, mail_reply_to
from .roles import Role
from .services import user_assign_role
from .site import site_url_for

# The links allauth puts in its mails (confirm the address, choose a new
# password, sign up instead, log in).
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url", "login_url")


class AccountAdapter(DefaultAccountAdapter):
    """Everyone who signs up becomes a member (lid) of the leernetwerk."""

    def save_user(self, request: Any, user: Any, form: Any, commit: bool = True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user, role=Role.MEMBER)
        return user

    def pre_authenticate(self, request: Any, **credentials: Any) -> None:
        """The limit on wrong passwords counts in the cache: without the
        cache, logging in is refused (fails closed), never left unlimited."""
        if not cache_reachable():
            raise forms.ValidationError(
                _(
                    "Inloggen kan op dit moment niet door een storing. Probeer "
                    "het over een paar minuten opnieuw."
                ),
                code="cache_unavailable",
            )
        super().pre_authenticate(request, **credentials)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Links in the mails lead to the public address, not to the host
        name the request came in on."""
        context = dict(context)
        for key in MAIL_LINKS:
            link = context.get(key)
            if isinstance(link, str) and urlsplit(link).netloc:
                context[key] = site_url_for(link)
        super().send_mail(template_prefix, email, context)

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        """Account mails (confirm your address, a new password) carry the
        headers of every mail of the portal (``portal.mail``)."""
        message = super().render_mail(
            template_prefix,
            email,
            context,
            headers={**mail_headers(), **(headers or {})},
        )
        message.reply_to = mail_reply_to()
        return message
