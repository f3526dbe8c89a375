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
    plan_document_id: Id | None = Field(None, description="Văn bản kế hoạch phát động (mô-đun văn bản).")
    description: text(5000, multiline=True) = ""


class RegistrationIn(Schema):
    movement_id: Id
    unit_id: Id
    targets: text(5000, multiline=True)


class StepIn(Schema):
    step: Literal["submit", "accept", "send_back"]
    reason: text(2000, multiline=True) = ""


class BlockOut(Schema):
    id: int
    kind: str = Field(description="block (khối thi đua) hoặc cluster (cụm thi đua).")
    name: str
    unit_id: int = Field(description="Đơn vị thành lập khối.")
    unit_name: str
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Ngày đầu tiên không còn hiệu lực (không gồm).")
    deputies: int = Field(description="Số khối phó mỗi năm.")


class BlockMemberOut(Schema):
    unit_id: int
    unit_name: str
    valid_from: dt.date
    valid_to: dt.date | None


class BlockOfficerOut(Schema):
    year: int
    role: str = Field(description="leader (khối trưởng) hoặc deputy (khối phó).")
    unit_id: int
    unit_name: str
    decision_reference: str
    decided_on: dt.date | None


class FlagOut(Schema):
    year: int
    from_unit_id: int | None
    from_name: str | None
    to_unit_id: int
    to_name: str
    handed_on: dt.date


class PledgeOut(Schema):
    id: int
    year: int
    title: str
    signed_on: dt.date
    place: str
    party_count: int
    party_unit_ids: list[int]


class BlockDetailOut(BlockOut):
    members: list[BlockMemberOut]
    officers: list[BlockOfficerOut]
    flags: list[FlagOut]
    pledges: list[PledgeOut]


class BlockIn(Schema):
    unit_id: Id
    kind: Literal["block", "cluster"] = "block"
    name: text(255)
    valid_from: Date
    deputies: int = Field(2, ge=0, le=5)
    note: text(2000, multiline=True) = ""


class CriterionOut(Schema):
    id: int
    group: str
    name: str
    max_points: float


class SheetOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    name: str
    total: float
    valid_from: dt.date
    valid_to: dt.date | None


class SheetDetailOut(SheetOut):
    criteria: list[CriterionOut]


class CriterionIn(Schema):
    group: text(255) = ""
    name: text(255)
    max_points: text(10) = Field(description="Điểm tối đa, ví dụ 10 hoặc 2,5.")


class SheetIn(Schema):
    unit_id: Id
    name: text(255)
    valid_from: Date
    total: text(10) = Field(description="Tổng điểm tối đa; bằng tổng điểm tối đa của các tiêu chí.")
    criteria: list[CriterionIn] = Field(max_length=200)


class RankOut(Schema):
    rank: int = Field(description="Hạng; đơn vị bằng điểm cùng hạng (1, 2, 2, 4).")
    unit_id: int
    unit_name: str
    total: float
    note: str


class PointIn(Schema):
    criterion_id: Id
    points: text(10) = Field(description="Điểm, ví dụ 9 hoặc 9,5.")


class ScoreIn(Schema):
    year: int = Field(ge=1, le=9998, description="Năm chấm điểm.")
    unit_id: Id
    points: list[PointIn] = Field(max_length=200)
    note: text(500) = ""
