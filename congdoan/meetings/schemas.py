"""API shapes of the conferences module (``/api/v1/meetings/``)."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from congdoan.core.api import MAX_ID, Date, Id, text

from .models import ConferenceKind, DocumentRole, InspectionRole, ReviewKind, ReviewLink

KindCode = Literal[tuple(ConferenceKind.values)]
RoleCode = Literal[tuple(DocumentRole.values)]
COUNT = Field(ge=0, le=1_000_000)


class ConferenceOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    kind: str = Field(description="cbccvc, nld hoặc doi-thoai.")
    year: int
    held_on: dt.date
    place: str
    agency_head: str
    union_chair: str
    expected: int
    present: int


class ConferenceDocumentOut(Schema):
    id: int
    role: str
    title: str


class VoteOut(Schema):
    id: int
    subject: str
    document_id: int | None
    votes_for: int
    votes_against: int
    abstained: int
    percent_for: int | None = Field(description="Tỷ lệ tán thành trên số người có mặt (%, làm tròn).")
    adopted: bool
    rule: str = Field(description="Quy tắc biểu quyết và túc số áp dụng vào ngày hội nghị.")


class ResolutionOut(Schema):
    id: int
    number_symbol: str = Field(description="Số, ký hiệu của nghị quyết, ví dụ 01/NQ-CĐCS.")
    signed_on: dt.date | None
    title: str


class ResolutionIn(Schema):
    document_id: Id


class ConferenceDetailOut(ConferenceOut):
    agenda: str
    resolution: str
    note: str
    deadline: dt.date = Field(description="Hạn tổ chức hội nghị của năm theo quy định có hiệu lực.")
    documents: list[ConferenceDocumentOut]
    votes: list[VoteOut]
    resolution_document: ResolutionOut | None = Field(description="Văn bản nghị quyết (có số) của hội nghị.")


class ConferencePageOut(Schema):
    items: list[ConferenceOut]
    count: int


class UnitPageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_ID // 200, description="Trang, bắt đầu từ 1.")
    page_size: int = Field(50, ge=1, le=200)
    unit: Id | None = Field(None, description="Chỉ của đơn vị này và các đơn vị trực thuộc.")


class ConferenceListQuery(UnitPageQuery):
    year: int | None = Field(None, ge=1900, le=2100)
    kind: Literal["", *ConferenceKind.values] = ""


class ConferenceIn(Schema):
    unit_id: Id
    kind: KindCode
    year: int = Field(description="Năm của hội nghị (hội nghị năm 2024 họp đầu năm 2024).")
    held_on: Date
    expected: int = Field(ge=0, le=1_000_000)
    present: int = Field(ge=0, le=1_000_000)
    place: text(255) = ""
    agency_head: text(150) = ""
    union_chair: text(150) = ""
    agenda: text(5000, multiline=True) = ""
    resolution: text(5000, multiline=True) = ""
    note: text(2000, multiline=True) = ""


class DocumentIn(Schema):
    role: RoleCode
    title: text(500)


class VoteIn(Schema):
    subject: text(500)
    document_id: Id | None = None
    votes_for: int = Field(ge=0, le=1_000_000)
    votes_against: int = Field(0, ge=0, le=1_000_000)
    abstained: int = Field(0, ge=0, le=1_000_000)


class ComplianceQuery(Schema):
    unit: Id | None = Field(None, description="Đơn vị cấp trên; mặc định: đơn vị đầu tiên trong phạm vi.")
    year: int | None = Field(
        None, ge=1900, le=2100, description="Năm; mặc định năm công tác gần nhất đã kết thúc."
    )
    kind: KindCode = ConferenceKind.PUBLIC_EMPLOYEES.value


class ComplianceRowOut(Schema):
    unit_id: int
    unit_name: str
    indent: int
    due: int = Field(description="Số đơn vị phải tổ chức (gồm đơn vị trực thuộc).")
    held: int = Field(description="Số đơn vị đã tổ chức.")
    rate: int | None = Field(description="Tỷ lệ %, làm tròn; null khi không có đơn vị phải tổ chức.")


class ComplianceOut(Schema):
    unit_id: int
    year: int
    kind: str
    rows: list[ComplianceRowOut]


class TermOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    name: str = Field(description="Nhiệm kỳ, ví dụ 2023-2028.")
    planned_on: dt.date | None
    held_on: dt.date | None
    delegates: int | None


class SeatOut(Schema):
    id: int
    person_id: int
    full_name: str
    position: str
    valid_from: dt.date
    valid_to: dt.date | None
    votes: int | None


class TermDetailOut(TermOut):
    note: str
    committee: list[SeatOut]
    lower_levels_not_first: list[str] = Field(
        description="Đơn vị trực thuộc chưa tổ chức đại hội nhiệm kỳ này trước ngày đại hội của đơn vị."
    )


class TermPageOut(Schema):
    items: list[TermOut]
    count: int


class TermListQuery(UnitPageQuery):
    pass


class TermIn(Schema):
    unit_id: Id
    name: text(20)
    planned_on: Date | None = None
    held_on: Date | None = None
    delegates: int | None = Field(None, ge=0, le=1_000_000)
    note: text(2000, multiline=True) = ""


class ElectIn(Schema):
    person_id: Id
    position_id: Id
    votes: int | None = Field(None, ge=0, le=1_000_000)


# -- mid-year and year-end reviews, the inspection board, committee changes, reminders ----------------
ReviewKindCode = Literal[tuple(ReviewKind.values)]
ReviewLinkCode = Literal[tuple(ReviewLink.values)]
InspectionRoleCode = Literal[tuple(InspectionRole.values)]


class ReviewOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    kind: str = Field(description="so-ket (sơ kết 6 tháng) hoặc tong-ket (tổng kết năm).")
    year: int = Field(description="Năm công tác được sơ kết, tổng kết.")
    held_on: dt.date
    place: str
    attendees: int


class ReviewAwardOut(Schema):
    id: int
    form: str
    collectives: int
    individuals: int
    recipients: str


class LinkedRecordOut(Schema):
    label: str
    role: str
    url: str | None


class LinkedDocumentOut(Schema):
    id: int
    number_symbol: str
    signed_on: dt.date | None
    title: str
    elsewhere: list[LinkedRecordOut] = Field(
        description="Các bản ghi khác gắn với văn bản này (phong trào thi đua được phát động, khen thưởng)."
    )


class ReviewDetailOut(ReviewOut):
    guests: str
    results: str
    launched: str
    note: str
    awards: list[ReviewAwardOut]
    collectives: int
    individuals: int
    report: list[LinkedDocumentOut]
    decisions: list[LinkedDocumentOut]
    launch: list[LinkedDocumentOut]


class ReviewPageOut(Schema):
    items: list[ReviewOut]
    count: int


class ReviewListQuery(UnitPageQuery):
    year: int | None = Field(None, ge=1900, le=2100)
    kind: Literal["", *ReviewKind.values] = ""


class ReviewIn(Schema):
    unit_id: Id
    kind: ReviewKindCode
    year: int = Field(ge=1900, le=2100, description="Năm công tác được sơ kết, tổng kết.")
    held_on: Date
    attendees: int = Field(ge=0, le=1_000_000)
    place: text(255) = ""
    guests: text(2000, multiline=True) = ""
    results: text(5000, multiline=True) = ""
    launched: text(255) = ""
    note: text(2000, multiline=True) = ""


class ReviewAwardIn(Schema):
    form: text(255)
    collectives: int = Field(0, ge=0, le=1_000_000)
    individuals: int = Field(0, ge=0, le=1_000_000)
    recipients: text(5000, multiline=True) = ""


class ReviewLinkIn(Schema):
    document_id: Id
    role: ReviewLinkCode


class BoardMemberIn(Schema):
    full_name: text(150)
    role: InspectionRoleCode
    title: text(255) = ""


class BoardIn(Schema):
    members: list[BoardMemberIn] = Field(max_length=50)
    note: text(2000, multiline=True) = ""


class BoardMemberOut(Schema):
    full_name: str
    role: str
    title: str


class BoardOut(Schema):
    id: int
    conference_id: int
    elected_on: dt.date
    ends_on: dt.date = Field(description="Ngày đầu tiên sau nhiệm kỳ (nhiệm kỳ hai năm).")
    members: list[BoardMemberOut]


class ChangeIn(Schema):
    on: Date
    reason: text(2000, multiline=True)
    ended_id: Id | None = Field(None, description="Chức vụ (của sổ đoàn viên) thôi giữ từ ngày này.")
    person_id: Id | None = Field(None, description="Đoàn viên được bầu bổ sung.")
    position_id: Id | None = None
    votes: int | None = Field(None, ge=0, le=1_000_000)


class ChangeOut(Schema):
    id: int
    on: dt.date
    ended_id: int | None
    started_id: int | None
    votes: int | None
    reason: str


class ContactOut(Schema):
    full_name: str
    position: str
    phone: str = Field(description="Chỉ khi có quyền xem thông tin cá nhân; rỗng nếu không.")
    email: str = Field(description="Chỉ khi có quyền xem thông tin cá nhân; rỗng nếu không.")


class OverdueOut(Schema):
    unit_id: int
    unit_name: str
    contacts: list[ContactOut]
    last_reminded: dt.datetime | None


class OverdueListOut(Schema):
    unit_id: int
    year: int
    kind: str
    deadline: dt.date
    units: list[OverdueOut]


class RemindIn(Schema):
    unit_id: Id
    year: int = Field(ge=1900, le=2100)
    kind: KindCode = ConferenceKind.PUBLIC_EMPLOYEES.value


class RemindOut(Schema):
    sent: int
    recent: int = Field(description="Bỏ qua: đã được nhắc trong khoảng thời gian giới hạn.")
    no_address: int = Field(description="Bỏ qua: chưa có địa chỉ email.")
    job_id: str | None = Field(None, description="Khi gửi trong nền: mã công việc.")
