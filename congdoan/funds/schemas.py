"""API shapes of the fund drives module (``/api/v1/funds/``)."""

import datetime as dt
from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from congdoan.core.api import Date, Id, PageQuery, text, vnd
from congdoan.core.money import vnd_in_words

from .models import ContributorKind

KindCode = Literal[tuple(ContributorKind.values)]


class FundOut(Schema):
    id: int
    code: str = Field(description="Mã quỹ; số liệu funds.by_fund.<mã>.amount.")
    name: str
    active: bool
    valid_from: dt.date = Field(description="Quỹ dùng được từ ngày này.")
    valid_to: dt.date | None = Field(
        description="Quỹ không dùng được từ ngày này (không gồm); null: còn hiệu lực."
    )


class FundPageOut(Schema):
    items: list[FundOut]
    count: int


class DriveOut(Schema):
    id: int
    fund_id: int
    fund_name: str
    unit_id: int
    unit_name: str
    name: str
    starts_on: dt.date
    ends_on: dt.date

    @staticmethod
    def resolve_fund_name(obj) -> str:
        return obj["fund_name"] if isinstance(obj, dict) else obj.fund.name


class DrivePageOut(Schema):
    items: list[DriveOut]
    count: int


class TotalRowOut(Schema):
    unit_id: int
    unit_name: str
    indent: int
    own_amount: int = Field(description="Số tiền thu tại chính đơn vị (đồng).")
    amount: int = Field(description="Số tiền của đơn vị và các đơn vị trực thuộc (đồng).")
    count: int = Field(description="Số khoản ủng hộ của đơn vị và các đơn vị trực thuộc.")


class DriveDetailOut(DriveOut):
    note: str
    document_id: int | None = Field(description="Văn bản phát động (nếu có).")
    amount: int = Field(description="Tổng số tiền ủng hộ trong phạm vi người xem (đồng).")
    amount_in_words: str
    count: int
    totals: list[TotalRowOut]


class DriveListQuery(PageQuery):
    unit: Id | None = Field(None, description="Chỉ của đơn vị này và các đơn vị trực thuộc.")
    fund: Id | None = None
    year: int | None = Field(None, ge=1900, le=2100)


class DriveIn(Schema):
    fund_id: Id
    unit_id: Id
    name: text(255)
    starts_on: Date
    ends_on: Date
    document_id: Id | None = None
    note: text(2000, multiline=True) = ""


class ContributionOut(Schema):
    id: int
    drive_id: int
    unit_id: int
    unit_name: str
    kind: str = Field(description="unit (tập thể), member (đoàn viên) hoặc person (cá nhân ngoài công đoàn).")
    contributor_unit_id: int | None
    person_id: int | None
    contributor_name: str
    amount: int = Field(description="Số tiền (đồng).")
    amount_in_words: str
    contributed_on: dt.date
    receipt_no: str
    note: str

    @staticmethod
    def resolve_amount_in_words(obj) -> str:
        return vnd_in_words(obj["amount"] if isinstance(obj, dict) else obj.amount)


class ContributionPageOut(Schema):
    items: list[ContributionOut]
    count: int


class ContributionIn(Schema):
    kind: KindCode = ContributorKind.UNIT.value
    unit_id: Id = Field(description="Đơn vị thu (với tập thể: đơn vị ủng hộ).")
    person_id: Id | None = Field(None, description="Đoàn viên ủng hộ (khi kind = member).")
    contributor_name: text(255) = ""
    amount: vnd(_("Số tiền")) = Field(
        description="Số tiền, số đồng chẵn lớn hơn 0 (số, hoặc chuỗi như 1.000.000); số lẻ bị từ chối."
    )
    contributed_on: Date
    receipt_no: text(30)
    note: text(2000, multiline=True) = ""
