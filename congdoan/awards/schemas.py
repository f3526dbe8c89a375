"""API shapes of the awards module."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from congdoan.core.api import Date, Id, text


class AwardMultipleOut(Schema):
    recipient: str = Field(description="collective hoặc individual.")
    multiple: float = Field(description="Hệ số tiền thưởng (lần mức lương cơ sở).")
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Ngày hết hiệu lực (không gồm).")
    source: str


class AwardRuleOut(Schema):
    rule: str
    label: str
    params: dict
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Ngày hết hiệu lực (không gồm).")
    source: str


class FormOut(Schema):
    id: int
    kind: str = Field(description="form (hình thức khen thưởng) hoặc title (danh hiệu thi đua).")
    code: str
    name: str
    issuer_level: str = Field(
        description="Cấp khen: mã loại đơn vị (tong-ldld, ldld-tinh, …) hoặc thu-truong."
    )
    recipients: str = Field(description="collective, individual hoặc either.")
    valid_from: dt.date
    valid_to: dt.date | None
    multiples: list[AwardMultipleOut] = Field(
        [], description="Mức tiền thưởng theo thời kỳ (hình thức khen thưởng; danh hiệu: rỗng)."
    )
    rules: list[AwardRuleOut] = Field([], description="Điều kiện khen thưởng (mọi thời kỳ, mới nhất trước).")


class CheckOut(Schema):
    check: str
    label: str
    passed: bool
    reason: str
    data: list[tuple[str, str]]
    source: str
    advisory: bool = Field(False, description="Một trong các tiêu chuẩn thay thế: không đạt chỉ là cảnh báo.")


class LineInitiativeOut(Schema):
    id: int
    title: str
    used: bool = Field(description="Đã làm căn cứ cho một khen thưởng.")


class LineOut(Schema):
    id: int
    person_id: int | None
    person_name: str
    unit_id: int | None
    unit_name: str
    votes_for: int | None
    checks: list[CheckOut] = []
    initiatives: list[LineInitiativeOut] = []


class NominationOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    award: str = Field(description="Tên hình thức khen thưởng hoặc danh hiệu.")
    form_id: int | None
    title_id: int | None
    year: int
    occasion: str
    issuer_id: int | None
    issuer_name: str
    reviewer_id: int
    reviewer_name: str
    council_size: int | None
    council_present: int | None
    state: str = Field(description="proposed, reviewing, passed, failed, returned hoặc decided.")
    state_reason: str


class NominationDetailOut(NominationOut):
    lines: list[LineOut]


class AwardOut(Schema):
    id: int
    decision_id: int
    award: str
    year: int
    person_id: int | None
    person_name: str
    unit_id: int | None
    unit_name: str
    home_id: int
    decided_on: dt.date
    multiple: float
    amount: int = Field(description="Tiền thưởng, đồng.")


class AwardBlockProposalOut(Schema):
    unit_id: int
    unit_name: str
    rank: int = Field(description="Hạng của đơn vị trong khối (xếp hạng cạnh tranh: 1, 2, 2, 4).")
    total: float = Field(description="Tổng điểm.")
    proposal: str = Field(description="co-thi-dua hoặc bang-khen (emulation.selectors.proposals).")
    proposal_label: str
    code: str = Field(
        description="Mã hình thức, danh hiệu trong danh mục khen thưởng ở cấp của khối ('' nếu không có)."
    )
    award: str


class DecisionOut(Schema):
    id: int
    number_symbol: str
    title: str
    decided_on: dt.date
    issuer_id: int | None
    issuer_name: str
    unit_id: int
    base_salary: int
    document_id: int


class DecisionDetailOut(DecisionOut):
    awards: list[AwardOut]


class LineIn(Schema):
    person_id: Id | None = None
    unit_id: Id | None = None
    votes_for: int | None = Field(None, ge=0, le=10000)
    achievements: text(5000, multiline=True) = ""
    initiative_ids: list[Id] = Field(default=[], max_length=20)


class NominationIn(Schema):
    unit_id: Id
    code: text(48) = Field(description="Mã hình thức khen thưởng hoặc danh hiệu thi đua (danh mục).")
    year: int = Field(ge=1900, le=2100)
    occasion: Literal["yearly", "theme", "sudden", "service"] = "yearly"
    issuer_id: Id | None = None
    issuer_name: text(255) = ""
    report: text(20000, multiline=True) = ""
    council_size: int | None = Field(None, ge=1, le=10000)
    council_present: int | None = Field(None, ge=0, le=10000)
    lines: list[LineIn] = Field(max_length=2000)


class NominationVoteIn(Schema):
    line_id: Id
    votes_for: int | None = Field(None, ge=0, le=10000)


class NominationDossierIn(Schema):
    """The dossier of a proposal not yet sent, or returned: fields left out keep their value."""

    report: text(20000, multiline=True) | None = None
    council_size: int | None = Field(None, ge=1, le=10000)
    council_present: int | None = Field(None, ge=0, le=10000)
    votes: list[NominationVoteIn] = Field(default=[], max_length=2000)


class NominationStepIn(Schema):
    step: Literal["submit", "forward", "approve", "reject", "send_back"]
    reason: text(2000, multiline=True) = ""


class AwardDecisionIn(Schema):
    nomination_ids: list[Id] = Field(max_length=50)
    title: text(500)
    signed_on: Date
    signer_name: text(150)
    signer_position: text(150)
    place: text(100) = ""
    number: int | None = Field(None, ge=1, le=999999)
    sender_number: text(100) = ""


# -- discipline, task ratings, earlier union work --------------------------------------------------


class AwardDisciplineIn(Schema):
    owner_id: Id = Field(description="Đơn vị ghi nhận (cần quyền đề nghị, xét khen thưởng ở đó).")
    person_id: Id | None = Field(None, description="Đoàn viên bị kỷ luật (hoặc unit_id).")
    unit_id: Id | None = Field(None, description="Tập thể bị kỷ luật (hoặc person_id).")
    level: Literal["investigation", "reprimand", "warning", "demotion", "dismissal"]
    starts_on: Date
    ends_on: Date | None = Field(None, description="Đến ngày (không gồm); để trống nếu chưa kết thúc.")
    reference: text(100) = ""
    note: text(500) = ""


class AwardDisciplineEndIn(Schema):
    ends_on: Date = Field(description="Ngày kết thúc (không gồm): từ ngày này thành tích được tính lại.")


class AwardDisciplineOut(Schema):
    id: int
    owner_id: int
    owner_name: str
    person_id: int | None
    person_name: str
    unit_id: int | None
    unit_name: str
    level: str
    starts_on: dt.date
    ends_on: dt.date | None
    reference: str
    note: str


class AwardRatingIn(Schema):
    unit_id: Id = Field(description="Đơn vị đánh giá (cần quyền đề nghị, xét khen thưởng ở đó).")
    person_id: Id
    year: int = Field(ge=1900, le=2100)
    grade: Literal["excellent", "good", "done", "not_done"]


class AwardRatingOut(Schema):
    id: int
    person_id: int
    person_name: str
    unit_id: int
    unit_name: str
    year: int
    grade: str


class AwardEarlierServiceIn(Schema):
    owner_id: Id = Field(description="Đơn vị ghi nhận (cần quyền đề nghị, xét khen thưởng ở đó).")
    person_id: Id
    starts_on: Date
    ends_on: Date = Field(description="Đến ngày (không gồm).")
    position: text(150)
    organisation: text(255)


class AwardEarlierServiceOut(Schema):
    id: int
    person_id: int
    person_name: str
    owner_id: int
    owner_name: str
    starts_on: dt.date
    ends_on: dt.date
    position: str
    organisation: str
