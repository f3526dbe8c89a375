"""API shapes of programmes and survey missions."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from congdoan.core.api import MAX_ID, Date, Id, text


class PlansPage(Schema):
    page: int = Field(1, ge=1, le=MAX_ID // 200, description="Trang, bắt đầu từ 1.")
    page_size: int = Field(50, ge=1, le=200)


class DocumentRef(Schema):
    id: int
    number_symbol: str = Field(description="Số, ký hiệu, ví dụ `92/KH-CĐVC`.")
    signed_on: dt.date | None
    title: str
    status: str = Field(
        description="`issued` (ban hành), `cancelled` (đã hủy: a report may then be issued again)."
    )


class MissionMemberOut(Schema):
    position_id: int
    full_name: str
    position: str
    unit_name: str
    is_head: bool


class HostOut(Schema):
    full_name: str
    position: str
    unit_name: str


class VisitOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(description="Tên đơn vị vào ngày làm việc.")
    on: dt.date
    note: str
    hosts: list[HostOut]


class FindingOut(Schema):
    id: int
    area: str
    visit_id: int | None
    results: str
    shortcomings: str
    proposals: str


class GiftOut(Schema):
    id: int
    kind: str
    description: str
    count: int
    unit_value: int = Field(description="Đồng, số nguyên.")
    amount: int = Field(description="count × unit_value, đồng.")
    visit_id: int | None


class MissionOut(Schema):
    id: int
    title: str
    unit_id: int
    unit_name: str
    plan: DocumentRef
    starts_on: dt.date
    ends_on: dt.date
    report: DocumentRef | None


class MissionDetailOut(MissionOut):
    members: list[MissionMemberOut]
    visits: list[VisitOut]
    findings: list[FindingOut]
    gifts: list[GiftOut]
    gift_total: int


class MissionPageOut(Schema):
    items: list[MissionOut]
    count: int


class MissionIn(Schema):
    unit_id: Id = Field(description="Đơn vị tổ chức đoàn.")
    title: text(500)
    plan_id: Id = Field(description="Kế hoạch (văn bản đã ban hành) đoàn thực hiện.")
    starts_on: Date
    ends_on: Date
    head_position_id: Id = Field(
        description="Chức vụ công đoàn của trưởng đoàn (id chức vụ đoàn viên đang giữ)."
    )
    member_position_ids: list[Id] = Field([], max_length=50)
    programme_ids: list[Id] = Field([], max_length=20)


class MissionUpdateIn(Schema):
    title: text(500) | None = None
    plan_id: Id | None = None
    starts_on: Date | None = None
    ends_on: Date | None = None


class MemberIn(Schema):
    position_id: Id = Field(description="Chức vụ công đoàn của cán bộ (id chức vụ đoàn viên đang giữ).")


class HostIn(Schema):
    full_name: text(150)
    position: text(150) = ""
    unit_name: text(255) = ""


class VisitIn(Schema):
    unit_id: Id
    on: Date
    hosts: list[HostIn] = Field([], max_length=50)
    note: text(2000, multiline=True) = ""


class FindingIn(Schema):
    area: text(32) = Field(description="Mã nội dung, ví dụ `an-sinh-xa-hoi`.")
    visit_id: Id | None = None
    results: text(10000, multiline=True) = ""
    shortcomings: text(10000, multiline=True) = ""
    proposals: text(10000, multiline=True) = ""


class GiftIn(Schema):
    kind: Literal["house", "gift", "cash", "other"]
    description: text(500) = ""
    count: int = Field(ge=1, le=1_000_000)
    unit_value: int = Field(ge=0, le=10**13, description="Đồng, số nguyên.")
    visit_id: Id | None = None


class ReportIn(Schema):
    signed_on: Date
    signer_name: text(120)
    signer_position: text(120)
    place: text(120) = ""


class ProgrammeOut(Schema):
    id: int
    title: str
    unit_id: int
    document: DocumentRef
    party_names: list[str]
    areas: list[str]
    valid_from: dt.date
    valid_to: dt.date | None


class ProgrammePageOut(Schema):
    items: list[ProgrammeOut]
    count: int


class ProgrammeIn(Schema):
    unit_id: Id = Field(description="Đơn vị ghi nhận (một trong các bên).")
    title: text(500)
    document_id: Id = Field(description="Văn bản ký kết (đã ban hành).")
    party_ids: list[Id] = Field(max_length=50)
    areas: list[text(32)] = Field(max_length=30, description="Mã các nội dung phối hợp.")
    valid_from: Date
    valid_to: Date | None = None


class ProgrammeUpdateIn(Schema):
    """Only the fields sent change; ``valid_to: null`` makes the programme open-ended."""

    title: text(500) | None = None
    document_id: Id | None = None
    party_ids: list[Id] | None = Field(None, max_length=50)
    areas: list[text(32)] | None = Field(None, max_length=30)
    valid_from: Date | None = None
    valid_to: Date | None = None
