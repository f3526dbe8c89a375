"""API shapes of a block's own records (``block_records``): meetings, plans, the end of a
membership, an officer's correction."""

import datetime as dt

from ninja import Field, Schema

from congdoan.core.api import Date, Id, text


class MeetingOut(Schema):
    id: int
    kind: str = Field(description="conference (hội nghị khối), midyear (sơ kết), yearend (tổng kết), other.")
    title: str
    held_on: dt.date
    place: str
    minutes_id: int | None = Field(description="Văn bản biên bản (sổ văn bản).")
    note: str
    flag_year: int | None = Field(description="Năm của lần trao cờ luân lưu tại hội nghị.")


class MeetingIn(Schema):
    kind: text(16) = Field(description="conference, midyear, yearend hoặc other.")
    title: text(255)
    held_on: Date
    place: text(255) = ""
    minutes_id: Id | None = Field(None, description="Văn bản biên bản.")
    note: text(2000, multiline=True) = ""
    handover_year: int | None = Field(
        None, ge=1900, le=2100, description="Năm của lần trao cờ đã ghi, trao tại hội nghị này."
    )


class PlanOut(Schema):
    id: int
    year: int
    document_id: int
    document_number: str = Field(alias="document.number_symbol")
    document_title: str = Field(alias="document.title")
    adopted_on: dt.date | None
    meeting_id: int | None


class PlanIn(Schema):
    year: int = Field(ge=1900, le=2100)
    document_id: Id = Field(description="Văn bản kế hoạch (đã ban hành).")
    adopted_on: Date | None = None
    meeting_id: Id | None = Field(None, description="Hội nghị của khối thông qua kế hoạch.")


class MemberEndIn(Schema):
    on: Date = Field(description="Ngày đầu tiên không còn là thành viên.")
    reason: text(255)


class OfficerCorrectIn(Schema):
    unit_id: Id = Field(description="Đơn vị thay.")
    on: Date = Field(description="Giữ vai trò từ ngày.")
    decision_id: Id | None = Field(None, description="Văn bản quyết định điều chỉnh.")
    decision_reference: text(100) = ""
    decided_on: Date | None = None
    reason: text(255) = ""
