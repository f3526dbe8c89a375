"""API shapes of the initiatives module."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from congdoan.core.api import Date, Id, text, vnd
from congdoan.documents.schemas import DocumentRefOut


class RoundOut(Schema):
    id: int
    number: int
    starts_on: dt.date
    ends_on: dt.date


class InitiativeProgrammeOut(Schema):
    id: int
    name: str
    unit_id: int = Field(description="Đơn vị phát động.")
    unit_name: str
    starts_on: dt.date
    ends_on: dt.date
    goal: int | None = Field(description="Chỉ tiêu chung (số sáng kiến), nếu có.")
    description: str


class ProgrammeDetailOut(InitiativeProgrammeOut):
    rounds: list[RoundOut] = Field(alias="round_rows")


class AuthorOut(Schema):
    person_id: int
    full_name: str = Field(alias="person.full_name")
    share: Decimal = Field(description="Tỷ lệ đóng góp (%).")


class InitiativeOut(Schema):
    id: int
    title: str
    unit_id: int
    unit_name: str
    field: str = Field(alias="field.name", description="Lĩnh vực.")
    programme_id: int | None
    round_id: int | None
    applied_on: dt.date
    registered_on: dt.date
    benefit: int | None = Field(description="Hiệu quả (đồng), nếu tính được.")
    state: str = Field(description="registered, reviewing, recognised hoặc not_recognised.")
    state_reason: str
    decided_by_id: int | None = Field(description="Cấp công nhận.")
    decided_on: dt.date | None


class AttachmentOut(Schema):
    id: int
    name: str = Field(description="Tên tệp khi tải lên.")
    size: int = Field(description="Dung lượng (byte).")
    content_type: str
    uploaded_at: dt.datetime
    url: str = Field(description="Địa chỉ tải tệp (trang, cần đăng nhập; quyền xem sáng kiến).")

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("initiatives:attachment", args=[obj.initiative_id, obj.pk])


class InitiativeDetailOut(InitiativeOut):
    description: str
    authors: list[AuthorOut] = Field(alias="author_rows")
    attachments: list[AttachmentOut] = Field(alias="attachment_rows", description="Tệp đính kèm.")
    decisions: list[DocumentRefOut] = Field(
        alias="decision_rows", description="Quyết định công nhận (văn bản) người xem được xem."
    )


class ProgressOut(Schema):
    unit_id: int
    unit_name: str
    indent: int
    registered: int
    recognised: int
    target: int | None
    percent: int | None = Field(description="Được công nhận / chỉ tiêu, %, làm tròn nửa lên.")


class AuthorIn(Schema):
    person_id: Id
    share: text(10) = Field(description="Tỷ lệ đóng góp (%), ví dụ 60 hoặc 33,34; tổng các tác giả đúng 100.")


class InitiativeFieldOut(Schema):
    id: int = Field(description="Mã số (id) để ghi vào field_id khi đăng ký sáng kiến.")
    code: str
    name: str


class InitiativeIn(Schema):
    unit_id: Id
    title: text(500)
    field_id: Id
    round_id: Id | None = None
    applied_on: Date
    registered_on: Date | None = None
    benefit: vnd(_("Hiệu quả (đồng)")) | None = Field(
        None,
        description="Hiệu quả (đồng chẵn): số nguyên hoặc chuỗi như 1.500.000; để trống (null) nếu không "
        "tính được. Số lẻ, số âm, dấu phẩy giữa các nghìn: 422 nêu trường.",
    )
    description: text(10000, multiline=True) = ""
    authors: list[AuthorIn] = Field(max_length=50)


class InitiativeReviewIn(Schema):
    step: Literal["start_review", "recognise", "refuse"]
    reason: text(2000, multiline=True) = ""
    unit_id: Id | None = Field(None, description="Cấp công nhận (khi công nhận / không công nhận).")
    on: Date | None = Field(None, description="Ngày quyết định; mặc định hôm nay.")
    document_id: Id | None = Field(None, description="Quyết định của hội đồng sáng kiến (mô-đun văn bản).")


class TargetIn(Schema):
    given_by_id: Id
    unit_id: Id
    count: int = Field(ge=1, le=10_000_000)
    over_allocated: bool = False
    over_reason: text(2000, multiline=True) = ""


class TargetOut(Schema):
    id: int
    round_id: int
    unit_id: int
    unit_name: str
    given_by_id: int
    given_by_name: str
    count: int
    over_allocated: bool
    over_reason: str


class RoundIn(Schema):
    starts_on: Date
    ends_on: Date


class InitiativeProgrammeIn(Schema):
    unit_id: Id = Field(description="Đơn vị phát động.")
    name: text(500)
    starts_on: Date = Field(description="Ngày phát động.")
    ends_on: Date
    rounds: list[RoundIn] = Field(
        min_length=1, max_length=12, description="Các đợt đăng ký, theo thứ tự ngày."
    )
    goal: int | None = Field(None, ge=1, le=100_000_000, description="Chỉ tiêu chung (số sáng kiến).")
    description: text(5000, multiline=True) = ""
    plan_document_id: Id | None = Field(None, description="Văn bản kế hoạch phát động (mô-đun văn bản).")
