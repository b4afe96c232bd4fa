"""Every e-mail of the portal goes through here.

A mail is a pair of templates, ``<template>.txt`` and ``<template>.html``,
rendered with the same context (plus ``subject``), in Dutch. The headers are
set once for all mails: From, a Reply-To that reaches a person, a ``Date``
with the real local offset, and ``Auto-Submitted: auto-generated`` so that
out-of-office replies do not flood the organisers (RFC 3834).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


def site_url(path: str = "") -> str:
    """The absolute address of ``path`` on the public site."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _render_text(name: str, context: Mapping[str, Any]) -> str:
    """A plain-text part is not HTML: nothing in it is escaped."""
    text_template = get_template(name).template  # type: ignore[attr-defined]
    return text_template.render(Context(dict(context), autoescape=False))


def mail_build(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    reply_to: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    headers: Mapping[str, str] | None = None,
    connection: Any = None,
) -> EmailMultiAlternatives:
    """Render ``template`` (text and HTML) into a message, ready to send."""
    subject = " ".join(str(subject).split())  # no line breaks in a header
    context = {**context, "subject": subject}
    default_reply_to = getattr(settings, "MAIL_REPLY_TO", "")
    all_headers = {
        "Auto-Submitted": "auto-generated",
        "Date": format_datetime(timezone.localtime()),
        **(headers or {}),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=_render_text(f"{template}.txt", context),
        to=list(to),
        reply_to=list(reply_to) or ([default_reply_to] if default_reply_to else None),
        headers=all_headers,
        connection=connection,
    )
    message.attach_alternative(
        render_to_string(f"{template}.html", context), "text/html"
    )
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def mail_send(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    reply_to: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    headers: Mapping[str, str] | None = None,
    connection: Any = None,
) -> None:
    """Render and send one mail; SMTP errors propagate (tasks retry them)."""
    mail_build(
        to=to,
        subject=subject,
        template=template,
        context=context,
        reply_to=reply_to,
        attachments=attachments,
        headers=headers,
        connection=connection,
    ).send()
