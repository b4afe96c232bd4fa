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
connection=connection)`` for each mail. It can share the rendering as well:
with ``renders=MailRenders()`` each mail that is the same for many recipients
but for their own few values (``personal``: a name, a cancel link) is
rendered once, and each recipient's values are filled in.
"""

import logging
import secrets
import sys
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from email.mime.base import MIMEBase
from email.policy import Compat32
from email.utils import format_datetime
from functools import lru_cache
from smtplib import SMTPRecipientsRefused, SMTPResponseException
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import SafeMIMEText, sanitize_address
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape

# Mails link to the public address; kept here for the apps that send them.
from .site import site_url as site_url
from .smtp import PLAIN_ADDRESS, PipeliningSMTP
from .smtp import EmailBackend as PipeliningEmailBackend

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


def _subject_line(subject: object) -> str:
    return " ".join(str(subject).split())  # no line breaks in a header


def mail_render(
    *, subject: str, template: str, context: Mapping[str, Any]
) -> tuple[str, str]:
    """The text and the HTML of ``template`` with ``context`` (and the
    ``subject``)."""
    context = {**context, "subject": _subject_line(subject)}
    return (
        _render_text(f"{template}.txt", context),
        render_to_string(f"{template}.html", context),
    )


@dataclass(frozen=True)
class _Shared:
    """A mail rendered once, with a marker where each personal value goes."""

    text: str
    html: str
    markers: dict[str, str]

    def fill(self, personal: Mapping[str, str]) -> tuple[str, str]:
        text, html = self.text, self.html
        for name, marker in self.markers.items():
            value = personal[name]
            text = text.replace(marker, value)
            html = html.replace(marker, str(conditional_escape(value)))
        return text, html


class MailRenders:
    """The renderings a batch of mails shares (the reminders of a chunk).

    Mails with the same subject, template and context, differing only in
    their ``personal`` values, are rendered once: with a marker in the place
    of each value that is not empty, which each mail replaces with its own
    (escaped in the HTML, as the template would). A personal value goes into
    the templates as it is (``{{ name }}``); they decide on it no more than
    whether it is empty. The first use of a rendering checks it against a
    full rendering with odd values (quotes, ``<`` and ``&``); one that does
    not match (a filter on a personal value, say) is left alone and every
    mail of it rendered in full, as without a batch. A model instance in the
    context counts as the same by its primary key: the batch takes it as it
    first met it.
    """

    def __init__(self) -> None:
        self._shared: dict[Hashable, _Shared | None] = {}

    def bodies(
        self,
        *,
        subject: str,
        template: str,
        context: Mapping[str, Any],
        personal: Mapping[str, str],
    ) -> tuple[str, str]:
        """The text and the HTML of ``template`` for one recipient."""
        key: Hashable = (
            template,
            _subject_line(subject),
            tuple(sorted(context.items())),
            tuple(sorted((name, not value) for name, value in personal.items())),
        )
        try:
            shared = self._shared.get(key)
        except TypeError:  # something unhashable in the context
            key, shared = None, None
        if key is not None and key not in self._shared:
            shared = self._shared[key] = _shared_render(
                subject=subject, template=template, context=context, personal=personal
            )
        if shared is None:
            return mail_render(
                subject=subject, template=template, context={**context, **personal}
            )
        return shared.fill(personal)


def _shared_render(
    *,
    subject: str,
    template: str,
    context: Mapping[str, Any],
    personal: Mapping[str, str],
) -> _Shared | None:
    """``template`` rendered with markers for the ``personal`` values that
    are not empty, or None when filling those in does not give what a full
    rendering gives."""
    markers = {
        name: f"mailvalue{secrets.token_hex(16)}"
        for name, value in personal.items()
        if value
    }
    shared = _Shared(
        *mail_render(
            subject=subject,
            template=template,
            context={**context, **personal, **markers},
        ),
        markers=markers,
    )
    odd = {name: f"<{name} & \"{name}\" 'x'>" for name in markers}
    full = mail_render(
        subject=subject, template=template, context={**context, **personal, **odd}
    )
    return shared if shared.fill({**personal, **odd}) == full else None


@lru_cache(maxsize=512)
def _folded(name: str, value: str, policy: tuple[str, int | None, str]) -> bytes:
    linesep, max_line_length, cte_type = policy
    return Compat32(
        linesep=linesep, max_line_length=max_line_length, cte_type=cte_type
    ).fold_binary(name, value)


class _Compat32Folds(Compat32):
    """The headers policy of Django's mails (compat32), folding each header
    the same way, but once for all mails: most headers (From, Reply-To, the
    parts' Content-Type, ...) are the same in every mail of a batch."""

    def fold_binary(self, name: str, value: Any) -> bytes:
        if not isinstance(value, str):
            return super().fold_binary(name, value)
        return _folded(name, value, (self.linesep, self.max_line_length, self.cte_type))


_HEADER_FOLDS = _Compat32Folds()
_BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))


def _boundaries_set(message: Message) -> None:
    """Give each multipart of ``message`` a boundary that none of its parts
    contains, in the form the email package gives (``===...==``). Left to
    the email package, flattening compiles a regular expression for each
    boundary to check that; a boundary of fifteen ``=`` can only be in a
    part's text or headers as they are (quoted-printable, base64 and encoded
    headers encode ``=``)."""
    parts = list(message.walk())
    texts = [str(part.get_payload()) for part in parts if not part.is_multipart()]
    texts += [str(value) for part in parts for value in part.values()]
    for part in parts:
        if part.is_multipart():
            while True:
                token = secrets.randbelow(sys.maxsize)
                boundary = f"{'=' * 15}{token:0{_BOUNDARY_DIGITS}d}=="
                if not any(boundary in text for text in texts):
                    break
            part.set_boundary(boundary)


class PortalMessage(EmailMultiAlternatives):
    """A mail whose text attachments may name parameters in their mimetype
    (``text/calendar; charset=utf-8; method=PUBLISH``): the part's
    Content-Type then carries each of them once (Django would add its own
    charset to the whole string and so name the charset twice).

    Its message is the one Django makes, with its boundaries set and a
    headers policy that folds each header once (:class:`_Compat32Folds`):
    flattening it gives the same bytes, with less work per mail."""

    def message(self, *args: Any, **kwargs: Any) -> Any:
        message = super().message(*args, **kwargs)
        message.policy = _HEADER_FOLDS
        _boundaries_set(message)
        return message

    def _create_mime_attachment(self, content: Any, mimetype: str) -> MIMEBase:
        if ";" not in mimetype:
            return super()._create_mime_attachment(content, mimetype)  # type: ignore[misc]
        header = Message()
        header["Content-Type"] = mimetype
        if header.get_content_maintype() != "text":
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
    personal: Mapping[str, str] | None = None,
    renders: MailRenders | None = None,
    reply_to: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    headers: Mapping[str, str] | None = None,
    connection: Any = None,
) -> EmailMultiAlternatives:
    """Render ``template`` (text and HTML) into a message, ready to send.

    ``personal``: the recipient's own values, in the context with the rest;
    ``renders``: the renderings of a batch, so that a mail the same for many
    recipients but for those values is rendered once (:class:`MailRenders`).
    """
    subject = _subject_line(subject)
    if renders is None:
        text, html = mail_render(
            subject=subject, template=template, context={**context, **(personal or {})}
        )
    else:
        text, html = renders.bodies(
            subject=subject, template=template, context=context, personal=personal or {}
        )
    all_headers = {**mail_headers(), **(headers or {})}
    message = PortalMessage(
        subject=subject,
        body=text,
        to=list(to),
        reply_to=list(reply_to) or mail_reply_to() or None,
        headers=all_headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def mail_send(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    personal: Mapping[str, str] | None = None,
    renders: MailRenders | None = None,
    reply_to: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    headers: Mapping[str, str] | None = None,
    connection: Any = None,
) -> None:
    """Render and send one mail; SMTP errors propagate (tasks retry them).

    ``connection``: one of :func:`mail_connection`, shared by a batch of
    mails; without it the mail opens a connection of its own. ``personal``
    and ``renders``: see :func:`mail_build`.
    """
    message = mail_build(
        to=to,
        subject=subject,
        template=template,
        context=context,
        personal=personal,
        renders=renders,
        reply_to=reply_to,
        attachments=attachments,
        headers=headers,
        connection=connection,
    )
    mail_deliver(message, connection=connection)


def mail_deliver(
    message: EmailMessage, *, connection: BaseEmailBackend | None = None
) -> None:
    """Send a mail made with :func:`mail_build`, as :func:`mail_send` does."""
    if connection is None:
        message.send()
        return
    outgoing = OutgoingMail(message, connection=connection)
    outgoing.send()
    outgoing.result()


_sanitized_address = lru_cache(maxsize=256)(sanitize_address)


def _envelope_address(address: Any, encoding: str) -> str:
    """An envelope address as Django's SMTP backend writes it: a plain one
    as it is, another parsed once per address (a batch has one sender;
    Django parses the address each time)."""
    if isinstance(address, str) and PLAIN_ADDRESS.fullmatch(address):
        return address
    if isinstance(address, str | tuple):
        return _sanitized_address(address, encoding)
    return sanitize_address(address, encoding)


class OutgoingMail:
    """A mail of a batch (over a :func:`mail_connection`), made ready to go:
    ``send()`` hands it to the mail server, ``result()`` waits for the
    server's answer and raises its error. In between, the sender can make
    its next mail while the server takes this one.

    Over SMTP its bytes and envelope are made here, when it is made ready,
    and ``send()`` only writes them (``portal.smtp``); with another backend
    ``send()`` sends it. ``message`` None: nothing to send.
    """

    def __init__(
        self, message: EmailMessage | None, *, connection: BaseEmailBackend
    ) -> None:
        self.message = message
        self.connection = connection
        self._envelope: tuple[str, list[str], bytes] | None = None
        self._answer: Callable[[], object] | None = None
        self._error: Exception | None = None
        self._unmade: Exception | None = None
        if (
            message is not None
            and isinstance(connection, PipeliningEmailBackend)
            and message.recipients()
        ):
            # What Django's SMTP backend sends (EmailBackend._send).
            encoding = message.encoding or settings.DEFAULT_CHARSET
            mime: Any = message.message()
            self._envelope = (
                _envelope_address(message.from_email, encoding),
                [_envelope_address(to, encoding) for to in message.recipients()],
                mime.as_bytes(linesep="\r\n"),
            )

    @classmethod
    def unmade(
        cls, error: Exception, *, connection: BaseEmailBackend
    ) -> "OutgoingMail":
        """A mail that could not be made: ``result()`` raises ``error``."""
        outgoing = cls(None, connection=connection)
        outgoing._unmade = error
        return outgoing

    def send(self) -> None:
        """Hand the mail to the server, opening the connection (again, after
        a mail that lost it; nothing while open). An error waits for
        ``result()``."""
        if self.message is None:
            return
        try:
            self.connection.open()
            smtp = getattr(self.connection, "connection", None)
            if self._envelope is not None and isinstance(smtp, PipeliningSMTP):
                self._answer = smtp.sendmail_start(*self._envelope)
            else:
                self.message.send()
        except Exception as error:  # raised by result()
            self._error = error

    def result(self) -> None:
        """The server's answer: nothing when it took the mail, else its
        error (SMTP errors propagate; tasks retry them)."""
        if self._unmade is not None:
            raise self._unmade
        try:
            if self._error is not None:
                raise self._error
            if self._answer is not None:
                self._answer()
        except (SMTPRecipientsRefused, SMTPResponseException):
            raise  # the server refused this mail; the connection serves the next
        except Exception:
            # The connection broke (or is in an unknown state): the next mail
            # of the batch opens a new one.
            _close(self.connection)
            raise


DJANGO_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
PIPELINING_SMTP_BACKEND = "portal.smtp.EmailBackend"


@contextmanager
def mail_connection() -> Iterator[BaseEmailBackend]:
    """One connection to the mail server for a batch of mails, closed at the
    end. It opens with the first mail sent over it (a batch with nothing to
    send opens none) and again after one that lost it. Over SMTP it sends
    each mail's commands at once when the server offers that
    (``portal.smtp``)."""
    backend = settings.EMAIL_BACKEND
    connection = get_connection(
        PIPELINING_SMTP_BACKEND if backend == DJANGO_SMTP_BACKEND else backend
    )
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
