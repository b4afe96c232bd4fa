"""Signed links that work without logging in: cancel a registration from an
e-mail, and a member's private calendar feed."""

from django.core import signing

CANCEL_SALT = "network.registration.cancel"
FEED_SALT = "network.member.feed"


def cancel_token(registration_id: int) -> str:
    return signing.dumps(registration_id, salt=CANCEL_SALT, compress=True)


def registration_id_from_cancel_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def feed_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=FEED_SALT, compress=True)


def user_id_from_feed_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
