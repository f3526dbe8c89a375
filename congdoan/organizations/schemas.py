"""API shapes of the organisation tree. A unit is shown through its version valid on a date."""

import datetime as dt

from ninja import Field, Schema

from congdoan.core.api import Date, Id, text


class UnitOut(Schema):
    """A unit as of a date. ``id`` is the unit's (stable across versions); ``valid_from``/``valid_to``
    bound this version (``valid_to`` exclusive), ``unit_valid_from``/``unit_valid_to`` the unit's life."""

    id: int = Field(alias="unit_id")
    code: str = Field(alias="unit.code")
    name: str
    short_name: str
    kind: str = Field(alias="kind.code")
    kind_name: str = Field(alias="kind.name")
    parent_id: int | None
    guidance_parent_id: int | None
    depth: int
    valid_from: dt.date
    valid_to: dt.date | None
    unit_valid_from: dt.date = Field(alias="unit.valid_from")
    unit_valid_to: dt.date | None = Field(alias="unit.valid_to")


class AncestorOut(Schema):
    id: int = Field(alias="unit_id")
    name: str


class UnitDetailOut(UnitOut):
    """One unit with its address, how it ended (``merged``/``dissolved``, successor) and the managing
    chain above it, root first."""

    address: str
    note: str = Field(alias="unit.note")
    end_reason: str = Field(alias="unit.end_reason")
    successor_id: int | None = Field(alias="unit.successor_id")
    ancestors: list[AncestorOut]


class UnitCreateIn(Schema):
    code: text(32)
    name: text(255)
    short_name: text(120) = ""
    kind: text(32) = Field(description="Mã loại đơn vị, ví dụ `cdcs`.")
    parent_id: Id | None = None
    guidance_parent_id: Id | None = None
    address: text(255) = ""
    valid_from: Date
    note: text(2000, multiline=True) = ""


class UnitUpdateIn(Schema):
    """Fields left out (or null) keep their value; the change takes effect from ``on``."""

    name: text(255) | None = None
    short_name: text(120) | None = None
    kind: text(32) | None = None
    address: text(255) | None = None
    on: Date


class UnitMoveIn(Schema):
    parent_id: Id
    on: Date


class UnitGuidanceIn(Schema):
    guidance_parent_id: Id | None = Field(description="Đơn vị chỉ đạo chuyên môn; null để bỏ.")
    on: Date


class UnitMergeIn(Schema):
    merged_ids: list[Id] = Field(max_length=100, description="Các đơn vị sáp nhập vào đơn vị này.")
    on: Date


class UnitDissolveIn(Schema):
    on: Date


class UnitChoiceOut(Schema):
    """A unit offered by the unit picker: its id, name, kind's name and depth in the tree today."""

    id: int = Field(alias="unit_id")
    name: str
    kind: str = Field(alias="kind.name")
    depth: int
