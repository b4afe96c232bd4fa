"""An e-mail backend whose SMTP connection drops a given number of times.

A fault that cannot be caused for real in a test without an SMTP server; it
keeps what it did send so the test can count it.
"""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend

sent: list = []
_failures_left = 0


def reset(*, failures: int) -> None:
    global _failures_left
    _failures_left = failures
    sent.clear()


class FailingTwiceBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        global _failures_left
        if _failures_left > 0:
            _failures_left -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        sent.extend(email_messages)
        return len(email_messages)
