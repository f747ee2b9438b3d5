"""``params/delivery.yaml``: the mail server, the sender, and where each department's pack goes.

The login and password are never in the file: ``smtp.login_env`` and ``smtp.password_env``
name the environment variables that hold them, and a file with a ``password`` (or ``login``)
key is refused without repeating its value.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from salesplan.delivery.addresses import is_address
from salesplan.errors import SalesplanError
from salesplan.labels import DELIVERY_ERRORS, PARAMS_ERRORS
from salesplan.paramfile import SECRET

# A credential written in the file → the key that names its environment variable instead.
SECRET_KEYS = {"password": "password_env", "login": "login_env", "user": "login_env",
               "username": "login_env"}


class DeliveryError(SalesplanError):
    """Delivery cannot start: no ``params/delivery.yaml``, no pack, no server, a refused login."""


def _address(text: str) -> str:
    if not is_address(text):
        raise ValueError(PARAMS_ERRORS["bad_address"])
    return text


Address = Annotated[str, AfterValidator(_address)]
EnvName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]


class Smtp(BaseModel):
    """The mail server: ``security`` ``none`` (plain, port 25), ``starttls`` (587) or ``ssl`` (465)."""

    model_config = ConfigDict(extra="forbid")
    host: str = Field(min_length=1)
    port: int = Field(ge=1, le=65535)
    security: Literal["none", "starttls", "ssl"] = "starttls"
    login_env: EnvName | None = None  # the environment variable holding the login
    password_env: EnvName | None = None  # … and the password; both or neither
    timeout_s: float = Field(30, gt=0)

    @model_validator(mode="before")
    @classmethod
    def _no_secrets(cls, data: Any) -> Any:
        for key, env_key in SECRET_KEYS.items():
            if isinstance(data, dict) and key in data:
                raise PydanticCustomError(SECRET, PARAMS_ERRORS[SECRET], {"key": key, "env_key": env_key})
        return data

    @model_validator(mode="after")
    def _login_with_password(self) -> Smtp:
        if (self.login_env is None) != (self.password_env is None):
            raise ValueError(PARAMS_ERRORS["login_without_password"])
        return self

    @property
    def server(self) -> str:
        """``host:port`` for messages."""
        return f"{self.host}:{self.port}"


class Sender(BaseModel):
    """Who the messages are from."""

    model_config = ConfigDict(extra="forbid")
    address: Address
    name: str = ""


class DeliveryParams(BaseModel):
    """``params/delivery.yaml``."""

    model_config = ConfigDict(extra="forbid")
    smtp: Smtp
    sender: Sender
    teams: dict[str, Address] = Field(default_factory=dict)  # department id → its address
    # a department without an address in ``teams``: its pack to each of its active managers
    # (``managers``), or not sent and reported (``none``)
    without_team_address: Literal["managers", "none"] = "managers"


def delivery_params() -> DeliveryParams:
    """``params/delivery.yaml`` from the validated settings; ``DeliveryError`` without it."""
    from salesplan.settings import settings  # the settings are built from this module's model

    found = settings().delivery
    if found is None:
        raise DeliveryError(DELIVERY_ERRORS["no_params"])
    return found
