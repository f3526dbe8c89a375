"""API shapes of the emulation module."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from congdoan.core.api import Date, Id, text

# -- out ------------------------------------------------------------------------------------------


class MovementOut(Schema):
    id: int
    kind: str = Field(description="movement (phong trào thi đua) hoặc campaign (cuộc vận động).")
    name: str
    unit_id: int = Field(description="Đơn vị phát động.")
    unit_name: str
    starts_on: dt.date
    ends_on: dt.date
    deadline: dt.date | None = Field(description="Hạn đăng ký (gồm cả ngày đó).")
    plan_reference: str
    description: str


class RegistrationOut(Schema):
    id: int
    movement_id: int
    movement_name: str = Field(alias="movement.name")
    unit_id: int
    unit_name: str
    targets: str
    state: str = Field(description="draft, submitted, returned hoặc accepted.")
    state_reason: str


# -- in -------------------------------------------------------------------------------------------


class MovementIn(Schema):
    unit_id: Id
    kind: Literal["movement", "campaign"] = "movement"
    name: text(255)
    starts_on: Date
    ends_on: Date
    deadline: Date | None = None
    plan_reference: text(100) = ""
    description: text(5000, multiline=True) = ""


class RegistrationIn(Schema):
    movement_id: Id
    unit_id: Id
    targets: text(5000, multiline=True)


class StepIn(Schema):
    step: Literal["submit", "accept", "send_back"]
    reason: text(2000, multiline=True) = ""
