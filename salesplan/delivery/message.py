"""A parcel as an e-mail: Russian subject and body, the body listing the files, each file
attached under its own name with the MIME type its extension gives."""

from __future__ import annotations

import mimetypes
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from salesplan import clock
from salesplan.delivery.params import Sender
from salesplan.delivery.parcels import PERSONAL, Parcel
from salesplan.labels import DELIVERY_MESSAGE
from salesplan.periods import Month


def _mime_type(name: str) -> tuple[str, str]:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    main, sub = kind.split("/", 1)
    return main, sub


def body(parcel: Parcel, month: Month) -> str:
    """The text: a greeting, what is attached and for which month, a line per file."""
    t = DELIVERY_MESSAGE
    intro = t["personal_intro" if parcel.kind == PERSONAL else "team_intro"]
    lines = [t["greeting"].format(name=parcel.name), "",
             intro.format(month=month.label, department=parcel.department),
             *(t["file"].format(name=f.name) for f in parcel.files), "", t["signature"]]
    return "\n".join(lines) + "\n"


def subject(parcel: Parcel, month: Month) -> str:
    key = "personal_subject" if parcel.kind == PERSONAL else "team_subject"
    return DELIVERY_MESSAGE[key].format(month=month.label, department=parcel.department)


def compose(parcel: Parcel, month: Month, sender: Sender) -> EmailMessage:
    """The message of ``parcel`` (which must have an address), dated by salesplan's clock."""
    message = EmailMessage()
    message["From"] = Address(display_name=sender.name, addr_spec=sender.address)
    message["To"] = Address(display_name=parcel.name, addr_spec=parcel.address)
    message["Subject"] = subject(parcel, month)
    message["Date"] = format_datetime(clock.now_aware())
    message["Message-ID"] = make_msgid(domain=sender.address.rsplit("@", 1)[1])
    message.set_content(body(parcel, month))
    for attachment in parcel.files:
        main, sub = _mime_type(attachment.name)
        message.add_attachment(attachment.path.read_bytes(), maintype=main, subtype=sub,
                               filename=attachment.name)
    return message
