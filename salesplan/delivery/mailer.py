"""Handing the parcels to the mail server (``smtplib``) and the log of what was handed.

One connection serves the run: ``security`` ``ssl`` opens it over TLS, ``starttls`` upgrades
it before the login; the login and password are read from the environment variables
``params/delivery.yaml`` names. Each message goes through MAIL, RCPT and DATA, and its outcome
is logged in ``deliveries`` at once, with the server's answer:

- ``sent``: the server took it (its ``250 …``);
- ``refused``: the server answered with a permanent refusal (5xx), of the address or of the message;
- ``failed``: a temporary refusal (4xx) or the connection broke; the next message reconnects.

A parcel is already sent when the log has it ``sent`` for the same month, kind, recipient and
address with the same files (names and SHA-256); such a parcel is skipped unless ``again``.
A server that cannot be reached, or refuses STARTTLS or the login, stops the run
(``DeliveryError``): nothing can go.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, select

from salesplan import clock, store, users
from salesplan.delivery.message import compose
from salesplan.delivery.params import DeliveryError, DeliveryParams, Smtp
from salesplan.delivery.parcels import Parcel
from salesplan.labels import DELIVERY_ERRORS
from salesplan.periods import Month

SENT, REFUSED, FAILED = "sent", "refused", "failed"


@dataclass(frozen=True)
class Outcome:
    """What became of one parcel: ``status`` (sent, refused, failed; a run also says would_send,
    already or no_address) and the server's answer (or the error)."""

    parcel: Parcel
    status: str
    reply: str = ""


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(text.split())}"


def _status(code: int) -> str:
    return REFUSED if code >= 500 else FAILED


def credentials(smtp: Smtp) -> tuple[str, str] | None:
    """The login and password from the environment; None when the server takes mail without."""
    if smtp.login_env is None or smtp.password_env is None:
        return None
    values = []
    for key in ("login_env", "password_env"):
        variable = getattr(smtp, key)
        value = os.environ.get(variable)
        if not value:
            raise DeliveryError(DELIVERY_ERRORS["no_variable"].format(
                variable=variable, key=key, what=DELIVERY_ERRORS["what"][key]))
        values.append(value)
    return values[0], values[1]


def _detail(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    return str(exc) or type(exc).__name__


def connect(smtp: Smtp) -> smtplib.SMTP:
    """A connection to the server, secured and logged in as ``params/delivery.yaml`` says;
    ``DeliveryError`` naming the step that failed (connecting, STARTTLS, the login)."""
    login = credentials(smtp)
    context = ssl.create_default_context()
    server, step = None, "unreachable"
    try:
        if smtp.security == "ssl":
            server = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_s, context=context)
        else:
            server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s)
        if smtp.security == "starttls":
            step = "starttls"
            server.starttls(context=context)
        if login:
            step = "login"
            server.login(*login)
    except (OSError, smtplib.SMTPException) as exc:
        if server is not None:
            server.close()
        raise DeliveryError(DELIVERY_ERRORS[step].format(
            server=smtp.server, login=login and login[0], detail=_detail(exc))) from exc
    return server


def hand_over(server: smtplib.SMTP, sender: str, address: str, data: bytes) -> tuple[str, str]:
    """MAIL, RCPT, DATA: the status and the server's last answer."""
    server.ehlo_or_helo_if_needed()
    steps: list[tuple[Callable[[], tuple[int, bytes]], tuple[int, ...]]] = [
        (lambda: server.mail(sender), (250,)),
        (lambda: server.rcpt(address), (250, 251)),
        (lambda: server.data(data), (250,)),
    ]
    try:
        for step, accepted in steps:
            code, text = step()
            if code not in accepted:
                server.rset()
                return _status(code), _reply(code, text)
    except smtplib.SMTPResponseException as exc:  # DATA refused before the message
        server.rset()
        return _status(exc.smtp_code), _reply(exc.smtp_code, exc.smtp_error)
    return SENT, _reply(code, text)


@contextmanager
def session(smtp: Smtp) -> Iterator[Callable[[str, str, bytes], tuple[str, str]]]:
    """``send(sender, address, data)`` over one connection, opened at the first message and
    opened again after one that broke it."""
    server: smtplib.SMTP | None = None

    def send(sender: str, address: str, data: bytes) -> tuple[str, str]:
        nonlocal server
        if server is None:
            server = connect(smtp)
        try:
            return hand_over(server, sender, address, data)
        except (OSError, smtplib.SMTPException) as exc:
            server.close()
            server = None
            return FAILED, _detail(exc)

    try:
        yield send
    finally:
        if server is not None:
            try:
                server.quit()
            except (OSError, smtplib.SMTPException):
                server.close()


def already_sent(eng: Engine, month: Month, parcel: Parcel) -> bool:
    """Whether the log has ``parcel`` sent for ``month``: same kind, recipient, address and files."""
    d = store.metadata.tables["deliveries"].c
    with eng.connect() as conn:
        logged = conn.execute(select(d.files).where(
            d.month == str(month), d.kind == parcel.kind, d.recipient == parcel.recipient,
            d.address == parcel.address, d.status == SENT)).scalars().all()
    return parcel.file_list in logged


def log(eng: Engine, month: Month, outcome: Outcome) -> None:
    """One row of ``deliveries`` for ``outcome``, in its own transaction."""
    p = outcome.parcel
    with store.transaction(eng) as conn:
        conn.execute(store.metadata.tables["deliveries"].insert().values(
            month=str(month), kind=p.kind, recipient=p.recipient, address=p.address,
            files=p.file_list, sent_at=clock.now(), status=outcome.status, reply=outcome.reply,
            login=users.login()))


def deliver(eng: Engine, month: Month, parcels: list[Parcel], params: DeliveryParams) -> list[Outcome]:
    """Send each parcel (all have addresses and are not yet sent), logging each outcome."""
    outcomes = []
    with session(params.smtp) as send:
        for parcel in parcels:
            message = compose(parcel, month, params.sender)
            data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))  # SMTP's line ends
            status, reply = send(params.sender.address, parcel.address, data)
            outcome = Outcome(parcel, status, reply)
            log(eng, month, outcome)
            outcomes.append(outcome)
    return outcomes
