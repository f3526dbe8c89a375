"""API shapes of the welfare module (``/api/v1/welfare/``). Amounts are whole đồng: a number, or text as
officers type it ("1.000.000 đ"), read by ``core.api.vnd`` as initiatives' benefit and funds' amounts; a
decimal, a negative or commas between thousands is a 422 on the field in the parser's words, zero and
the upper bound the service's (``services.read_amount``)."""

import datetime as dt
from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from congdoan.core.api import Date, Id, PageQuery, text, vnd
from congdoan.documents.schemas import DocumentRefOut

from .models import House, Source

SourceCode = Literal[tuple(Source.values)]
WorkCode = Literal[tuple(House.Work.values)]


class WelfareHouseOut(Schema):
    kind: str
    kind_name: str
    work: str
    location: str
    contributors: str
    handed_over_on: dt.date | None


class WelfareCaseOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    kind: str = Field(description="Mã loại hỗ trợ (danh mục).")
    kind_name: str
    person_id: int | None = Field(
        description="Đoàn viên được hỗ trợ; null khi không được xem thông tin cá nhân."
    )
    beneficiary_name: str | None = Field(description="Người nhận; null khi không được xem thông tin cá nhân.")
    relation: str | None
    amount: int = Field(description="Số tiền (đồng).")
    amount_text: str = Field(description="Số tiền viết có dấu chấm, ví dụ 1.000.000.")
    amount_words: str = Field(description="Số tiền bằng chữ.")
    source: str
    source_unit_id: int | None
    source_name: str
    drive_id: int | None = Field(description="Đợt vận động (funds) đã chi khoản hỗ trợ này.")
    drive_name: str
    decided_on: dt.date
    programme_id: int | None
    survey_gift_id: int | None = Field(description="Quà, hỗ trợ của đoàn khảo sát (plans) được ghi vào đây.")
    house: WelfareHouseOut | None


class WelfareCaseDetailOut(WelfareCaseOut):
    decisions: list[DocumentRefOut] = Field(
        description="Quyết định (văn bản đã ban hành) gắn với trường hợp, người xem được xem."
    )


class WelfareDecisionIn(Schema):
    document_id: Id = Field(
        description="Văn bản đã ban hành của đơn vị quyết định (mô-đun văn bản) gắn làm quyết định hỗ trợ."
    )


class WelfareKindQuery(PageQuery):
    on: Date | None = Field(None, description="Chỉ các loại có hiệu lực vào ngày này (yyyy-mm-dd).")


class WelfareKindOut(Schema):
    group: Literal["support", "house"] = Field(
        description="support: loại hỗ trợ (trường kind khi ghi); house: loại nhà (trường house_kind)."
    )
    code: str
    name: str
    personal: bool = Field(
        description="Người được hỗ trợ loại này chỉ hiện với người có members.view_personal (loại nhà: false)."
    )
    active: bool = Field(description="Có hiệu lực hôm nay.")
    valid_from: dt.date = Field(description="Dùng được cho hồ sơ từ ngày này.")
    valid_to: dt.date | None = Field(
        description="Không dùng được cho hồ sơ từ ngày này (không gồm); null: còn hiệu lực."
    )


class WelfareKindPageOut(Schema):
    items: list[WelfareKindOut]
    count: int


class WelfareCandidateQuery(PageQuery):
    flag: Literal["", "hardship", "policy_family"] = Field(
        "", description="hardship: hoàn cảnh khó khăn; policy_family: gia đình chính sách; trống: cả hai."
    )


class WelfareCandidateOut(Schema):
    person_id: int = Field(alias="id")
    full_name: str
    hardship: bool = Field(description="Hoàn cảnh khó khăn (thông tin cá nhân của sổ đoàn viên).")
    policy_family: bool = Field(description="Gia đình chính sách.")
    supported: bool = Field(description="Đã được hỗ trợ trong chương trình này.")


class WelfareCandidatePageOut(Schema):
    items: list[WelfareCandidateOut]
    count: int


class WelfareCasePageOut(Schema):
    items: list[WelfareCaseOut]
    count: int


class WelfarePeriodQuery(Schema):
    """The period as the pages take it (``core.periods.query_period``): a bad value is a 422 naming it."""

    year: int | None = Field(None, ge=1900, le=2100)
    nam: text(10) = Field("", description="Năm, như year (cách viết của các báo cáo).")
    ky: text(10) = Field("", description="Kỳ: 2022, 2022-h1 (6 tháng đầu năm), 2022-q3 (quý III).")
    tu: text(10) = Field("", description="Từ ngày (dd/mm/yyyy), cùng den.")
    den: text(10) = Field("", description="Đến ngày (dd/mm/yyyy), cùng tu.")


class WelfarePageQuery(WelfarePeriodQuery, PageQuery):
    unit: Id | None = Field(None, description="Chỉ của đơn vị này và các đơn vị trực thuộc.")


class WelfareCaseListQuery(WelfarePageQuery):
    kind: text(32) = ""
    source: Literal["", *Source.values] = ""
    programme: Id | None = None
    houses: bool = False


class _WelfareSupportIn(Schema):
    unit_id: Id = Field(description="Đơn vị quyết định.")
    amount: vnd(_("Số tiền")) = Field(description="Số tiền (đồng), số nguyên lớn hơn 0.")
    source: SourceCode
    decided_on: Date
    person_id: Id | None = Field(None, description="Đoàn viên được hỗ trợ (hoặc có người thân được hỗ trợ).")
    beneficiary_name: text(150) = ""
    source_unit_id: Id | None = Field(
        None, description="Quỹ công đoàn của đơn vị này (mặc định: đơn vị quyết định)."
    )
    source_name: text(300) = ""
    programme_id: Id | None = None
    survey_gift_id: Id | None = Field(None, description="Quà, hỗ trợ đoàn khảo sát đã ghi (plans).")
    drive_id: Id | None = Field(
        None,
        description="Đợt vận động (funds) đã chi khoản này: nguồn cuoc-van-dong, do đơn vị quyết định "
        "hoặc cấp trên phát động, bắt đầu trước ngày hỗ trợ.",
    )
    note: text(2000, multiline=True) = ""


class WelfareCaseIn(_WelfareSupportIn):
    kind: text(32) = Field(description="Mã loại hỗ trợ: om-dau, tai-nan, kho-khan, tu-tuat…")
    relation: text(60) = ""
    confirm_repeat: bool = Field(
        False, description="Vẫn ghi khi người này đã được hỗ trợ trong chương trình."
    )


class WelfareHouseIn(_WelfareSupportIn):
    house_kind: text(32) = Field(description="tinh-nghia, tinh-thuong hoặc mai-am.")
    work: WorkCode
    location: text(300)
    contributors: text(2000, multiline=True) = ""
    handed_over_on: Date | None = None


class WelfareGiftItemOut(Schema):
    id: int
    kind: str
    kind_name: str
    description: str
    count: int
    unit_value: int
    amount: int
    given_on: dt.date
    source: str
    source_name: str
    survey_gift_id: int | None


class WelfareProgrammeOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    kind: str
    kind_name: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    mission_id: int | None


class WelfareProgrammeTotalsOut(Schema):
    cases: int
    case_amount: int
    gifts: int
    gift_amount: int
    amount: int


class WelfareProgrammeDetailOut(WelfareProgrammeOut):
    note: str
    items: list[WelfareGiftItemOut]
    totals: WelfareProgrammeTotalsOut


class WelfareProgrammePageOut(Schema):
    items: list[WelfareProgrammeOut]
    count: int


class WelfareProgrammeIn(Schema):
    unit_id: Id
    kind: text(32) = Field(description="tet, 27-7, khao-sat, thien-tai, khac.")
    title: text(300)
    starts_on: Date
    ends_on: Date | None = None
    mission_id: Id | None = Field(None, description="Đoàn khảo sát (plans) đi cùng chương trình.")
    note: text(2000, multiline=True) = ""


class WelfareGiftItemIn(Schema):
    given_on: Date
    source: SourceCode
    kind: text(32) = Field(
        description="Loại hỗ trợ (mã trong danh mục), ví dụ qua-tet, qua-chinh-sach, khac."
    )
    description: text(300) = ""
    count: int | None = Field(None, ge=1, le=10_000_000)
    unit_value: vnd(_("Trị giá mỗi suất")) | None = None
    source_name: text(300) = ""
    survey_gift_id: Id | None = Field(
        None, description="Quà đoàn khảo sát đã ghi: lấy đúng số suất và trị giá."
    )


class WelfareTotalsQuery(WelfarePeriodQuery):
    unit: Id | None = Field(None, description="Đơn vị; mặc định: đơn vị của người dùng.")


class WelfareTotalsRowOut(Schema):
    unit_id: int
    unit_name: str
    indent: int
    cases: int
    people: int
    gifts: int
    amount: int


class WelfareBreakdownOut(Schema):
    label: str
    cases: int
    amount: int


class WelfareSourceCellOut(Schema):
    code: str = Field(description="Mã nguồn kinh phí: quy-cong-doan, co-quan, cuoc-van-dong, tai-tro.")
    label: str
    count: int = Field(description="Số lượt hỗ trợ và suất quà.")
    amount: int = Field(description="Số tiền (đồng).")


class WelfareSourceRowOut(Schema):
    unit_id: int
    unit_name: str
    indent: int
    cells: list[WelfareSourceCellOut]
    amount: int


class WelfareTotalsOut(Schema):
    unit_id: int
    year: int = Field(description="Năm của ngày đầu kỳ.")
    period: str = Field(description="Kỳ, ví dụ Năm 2022, Quý III năm 2022.")
    starts_on: dt.date
    ends_on: dt.date
    rows: list[WelfareTotalsRowOut]
    kinds: list[WelfareBreakdownOut]
    sources: list[WelfareBreakdownOut]
    by_source: list[WelfareSourceRowOut] = Field(
        description="Mỗi đơn vị (gồm cả các đơn vị trực thuộc): số lượt và số tiền theo nguồn kinh phí."
    )
