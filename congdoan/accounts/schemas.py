"""API shapes of the actor's own account and of API tokens."""

import datetime as dt

from ninja import Field, Schema

from congdoan.core.api import secret, text


class TokenIn(Schema):
    username: text(254)
    password: secret(256)
    name: text(100) = ""


class TokenOut(Schema):
    token: str


class RoleOut(Schema):
    role: str = Field(alias="role.code")
    role_name: str = Field(alias="role.name")
    unit_id: int
    unit_name: str
    valid_from: dt.date
    valid_to: dt.date | None
    permissions: list[str] = Field(alias="role.permissions")


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_superuser: bool
    roles: list[RoleOut] = Field(alias="current_roles")
