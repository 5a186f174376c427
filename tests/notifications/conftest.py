import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress

from tests.factories import UserFactory


class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message) per delivery.

    `refuse_after`: after that many messages the server answers DATA with 421 and the client must
    close the connection, as a server going down in the middle of a batch.
    """

    def __init__(self):
        self.deliveries = []
        self.refuse_after = None

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_after is not None and len(self.deliveries) >= self.refuse_after:
            return "421 Service not available, closing transmission channel"
        self.deliveries.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"

    @property
    def recipients(self):
        return [rcpt for rcpt, _message in self.deliveries]

    @property
    def messages(self):
        return [message for _rcpt, message in self.deliveries]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that a test can stop and start again."""

    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://cop.example.org"
    settings.DEFAULT_FROM_EMAIL = "noreply@cop.example.org"
    yield server
    server.stop()


def verify(user):
    """A confirmed address (the user factory already gives one; this keeps the tests explicit)."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@pytest.fixture
def verified_user(db):
    def make(**kwargs):
        return verify(UserFactory(**kwargs))

    return make
