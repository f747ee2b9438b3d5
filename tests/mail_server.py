"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1): it keeps every message it takes,
refuses the recipients it is told to, and can ask for a login or speak TLS."""

from __future__ import annotations

import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from ci import unavailable

HOST = "127.0.0.1"
REFUSAL = "550 5.1.1 <{address}>: Recipient address rejected: User unknown"
QUEUED = "250 2.0.0 Ok: queued as Q{n}"
DEFERRAL = "451 4.3.0 Mail server temporarily rejected message"


@dataclass
class Mailbox:
    """The server's side: the envelopes it took and the recipients it refuses."""

    refuse: set[str] = field(default_factory=set)
    defer: set[str] = field(default_factory=set)  # their messages are put off (451) after the data
    envelopes: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return REFUSAL.format(address=address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.defer & set(envelope.rcpt_tos):
            return DEFERRAL
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return QUEUED.format(n=len(self.envelopes))

    def messages(self) -> dict[str, list[EmailMessage]]:
        """Each recipient's messages, parsed, in the order taken."""
        out: dict[str, list[EmailMessage]] = {}
        for _, recipients, content in self.envelopes:
            for address in recipients:
                out.setdefault(address, []).append(message_from_bytes(content, policy=policy.default))
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start(mailbox: Mailbox, **kwargs) -> Controller:
    """A server on a free port handing every session to ``mailbox`` (``kwargs`` go to aiosmtpd)."""
    controller = Controller(mailbox, hostname=HOST, port=free_port(), **kwargs)
    controller.start()
    return controller


def authenticator(login: str, password: str, mailbox: Mailbox):
    """An aiosmtpd authenticator taking ``login`` with ``password`` only, noting every attempt."""

    def check(server, session, envelope, mechanism, data) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        tried = (data.login.decode(), data.password.decode())
        mailbox.logins.append(tried)
        return AuthResult(success=tried == (login, password), handled=False)

    return check


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by the openssl command."""
    if shutil.which("openssl") is None:
        unavailable("openssl is not installed: no certificate for the TLS tests")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "3650", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key
