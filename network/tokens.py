"""Signed links that work without logging in: cancel a registration from an
e-mail, turn off a coordinator's messages about an event, and a member's
private calendar feed.

A cancel link names one registration *as it was requested*: the id together
with the moment of the request. Registering again after a cancellation sets a
new moment, so a link from the earlier registration no longer matches. Links
also expire after ``CANCEL_MAX_AGE``.

A messages link names one registration and does not expire: the one-click
unsubscribe of a mail client (RFC 8058) must keep working for as long as the
mail is in someone's inbox, and all it can do is stop messages.

A feed link carries the member's feed secret; making a new secret (a new
link on "Mijn pagina") makes every earlier link stop working. It carries no
moment, so the page shows the same link on every visit. Links given out while
they still carried one (signed with a timestamp) are read too.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from django.core import signing
from django.utils.crypto import constant_time_compare

CANCEL_SALT = "network.registration.cancel"
FEED_SALT = "network.member.feed.stable"
# Links given out while they carried a timestamp (another salt, so that one
# kind of link can never be read as the other).
FEED_SALT_TIMESTAMPED = "network.member.feed"
MESSAGES_SALT = "network.registration.messages"

# Long enough for an event announced half a year ahead.
CANCEL_MAX_AGE = timedelta(days=180)


def _moment(value: datetime) -> int:
    """An exact integer for a moment (microseconds since the epoch)."""
    return int(value.timestamp()) * 1_000_000 + value.microsecond


class CancelLinkState(Enum):
    VALID = "valid"
    INVALID = "invalid"  # forged or garbled
    STALE = "stale"  # expired, or made for an earlier registration


@dataclass(frozen=True)
class CancelLink:
    state: CancelLinkState
    registration_id: int | None = None
    requested_at: int | None = None

    def matches(self, registration) -> bool:
        """Whether the link was made for ``registration`` as it is now."""
        return (
            self.state is CancelLinkState.VALID
            and registration.pk == self.registration_id
            and _moment(registration.requested_at) == self.requested_at
        )


def cancel_token(*, registration) -> str:
    return signing.dumps(
        [registration.pk, _moment(registration.requested_at)],
        salt=CANCEL_SALT,
        compress=True,
    )


def cancel_token_read(token: str) -> CancelLink:
    try:
        value = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    except signing.SignatureExpired:
        return CancelLink(CancelLinkState.STALE)
    except signing.BadSignature:
        return CancelLink(CancelLinkState.INVALID)
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(part, int) for part in value)
    ):
        return CancelLink(CancelLinkState.VALID, value[0], value[1])
    # A genuine link in an older format (the id alone): no longer valid.
    return CancelLink(CancelLinkState.STALE)


def messages_token(*, registration) -> str:
    return signing.dumps([registration.pk], salt=MESSAGES_SALT, compress=True)


def messages_token_read(token: str) -> int | None:
    """The registration id in ``token``, or None when it is not ours."""
    try:
        value = signing.loads(token, salt=MESSAGES_SALT)
    except signing.BadSignature:
        return None
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], int):
        return value[0]
    return None


def feed_token(*, user_id: int, secret: str) -> str:
    return signing.Signer(salt=FEED_SALT).sign_object([user_id, secret], compress=True)


def feed_token_read(token: str) -> tuple[int, str] | None:
    """The user id and feed secret in ``token``, or None when it is not ours."""
    try:
        value = signing.Signer(salt=FEED_SALT).unsign_object(token)
    except signing.BadSignature:
        try:  # a link from before links stopped carrying a timestamp
            value = signing.loads(token, salt=FEED_SALT_TIMESTAMPED)
        except signing.BadSignature:
            return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], str)
    ):
        return value[0], value[1]
    return None


# The secret of a member who never asked for a new link: their first link is
# signed without one, so showing it writes nothing.
FIRST_FEED_SECRET = ""  # nosec B105 - not a password: the empty first secret


def feed_secret_matches(*, given: str, stored: str) -> bool:
    return constant_time_compare(given, stored)
