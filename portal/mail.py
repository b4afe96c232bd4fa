"""Every e-mail of the portal goes through here.

A mail is a pair of templates, ``<template>.txt`` and ``<template>.html``,
rendered with the same context (plus ``subject``), in Dutch. The headers are
set once for all mails: From, a Reply-To that reaches a person
(``MAIL_REPLY_TO``, the coordinators, unless the mail names its own contact),
a ``Date`` with the real local offset, and ``Auto-Submitted: auto-generated``
so that out-of-office replies do not flood the organisers (RFC 3834). The
account mails of django-allauth get the same headers (``mail_headers`` and
``mail_reply_to``, through ``portal.adapters``).

A batch of mails (the reminders of a chunk) shares one connection to the mail
server: ``with mail_connection() as connection:`` and ``mail_send(...,
connection=connection)`` for each mail.
"""

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from email.mime.base import MIMEBase
from email.utils import format_datetime
from smtplib import SMTPRecipientsRefused, SMTPResponseException
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import SafeMIMEText
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

# Mails link to the public address; kept here for the apps that send them.
from .site import site_url as site_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


def _render_text(name: str, context: Mapping[str, Any]) -> str:
    """A plain-text part is not HTML: nothing in it is escaped."""
    text_template = get_template(name).template  # type: ignore[attr-defined]
    return text_template.render(Context(dict(context), autoescape=False))


class PortalMessage(EmailMultiAlternatives):
    """A mail whose text attachments may name parameters in their mimetype
    (``text/calendar; charset=utf-8; method=PUBLISH``): the part's
    Content-Type then carries each of them once (Django would add its own
    charset to the whole string and so name the charset twice)."""

    def _create_mime_attachment(self, content: Any, mimetype: str) -> MIMEBase:
        header = Message()
        header["Content-Type"] = mimetype
        if header.get_content_maintype() != "text" or ";" not in mimetype:
            return super()._create_mime_attachment(content, mimetype)  # type: ignore[misc]
        charset = header.get_content_charset() or self.encoding
        part = SafeMIMEText(
            content, header.get_content_subtype(), charset or settings.DEFAULT_CHARSET
        )
        for name, value in (header.get_params() or [])[1:]:
            if name.lower() != "charset":
                part.set_param(name, value)
        return part


def mail_headers() -> dict[str, str]:
    """The headers every mail of the portal carries."""
    return {
        "Auto-Submitted": "auto-generated",
        "Date": format_datetime(timezone.localtime()),
    }


def mail_reply_to() -> list[str]:
    """Where replies go when a mail names no contact of its own: the
    coordinators' mailbox (``MAIL_REPLY_TO``), read by a person."""
    address = getattr(settings, "MAIL_REPLY_TO", "")
    return [address] if address else []


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
    all_headers = {**mail_headers(), **(headers or {})}
    message = PortalMessage(
        subject=subject,
        body=_render_text(f"{template}.txt", context),
        to=list(to),
        reply_to=list(reply_to) or mail_reply_to() or None,
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
    """Render and send one mail; SMTP errors propagate (tasks retry them).

    ``connection``: one of :func:`mail_connection`, shared by a batch of
    mails; without it the mail opens a connection of its own.
    """
    message = mail_build(
        to=to,
        subject=subject,
        template=template,
        context=context,
        reply_to=reply_to,
        attachments=attachments,
        headers=headers,
        connection=connection,
    )
    if connection is None:
        message.send()
        return
    # Open (again, after a mail that lost the connection); nothing while open.
    connection.open()
    try:
        message.send()
    except (SMTPRecipientsRefused, SMTPResponseException):
        raise  # the server refused this mail; the connection serves the next
    except Exception:
        # The connection broke (or is in an unknown state): the next mail of
        # the batch opens a new one.
        _close(connection)
        raise


@contextmanager
def mail_connection() -> Iterator[BaseEmailBackend]:
    """One connection to the mail server for a batch of mails, closed at the
    end. It opens with the first mail sent over it (a batch with nothing to
    send opens none) and again after one that lost it."""
    connection = get_connection()
    try:
        yield connection
    finally:
        _close(connection)


def _close(connection: BaseEmailBackend) -> None:
    """Close ``connection``; a server that is gone already loses nothing."""
    try:
        connection.close()
    except OSError as error:  # smtplib's errors included
        logger.warning("closing the mail connection failed: %s", error)
