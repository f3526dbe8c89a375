"""API shapes of the actor's own account and of API tokens."""

import datetime as dt

from ninja import Schema

from congdoan.core.api import text


class TokenIn(Schema):
    username: text(254)
    password: text(256)
    name: text(100) = ""


class TokenOut(Schema):
    token: str


class RoleOut(Schema):
    role: str
    role_name: str
    unit_id: int
    unit_name: str
    valid_from: dt.date
    valid_to: dt.date | None
    permissions: list[str]

    @staticmethod
    def resolve_role(assignment) -> str:
        return assignment.role.code

    @staticmethod
    def resolve_role_name(assignment) -> str:
        return assignment.role.name

    @staticmethod
    def resolve_permissions(assignment) -> list[str]:
        return assignment.role.permissions


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_superuser: bool
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(user) -> list:
        return user.current_roles
