"""API shapes of the member register.

Personal fields (``services.PERSONAL_FIELDS``: date of birth, ID number, phone, email, policy
family, hardship) are always present in a member's JSON but are ``null`` unless the actor holds
``members.view_personal`` on the member's unit; ``personal`` says which case it is.
"""

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import model_validator

from congdoan.core.api import MAX_ID, Date, Id, text

from .selectors import AGE_BANDS, SORTS
from .services import PERSONAL_FIELDS

SexCode = Literal["M", "F"]
PERSONAL_NOTE = "null khi người dùng không có quyền members.view_personal trên đơn vị của đoàn viên."

# -- out ------------------------------------------------------------------------------------------


class MemberOut(Schema):
    """A member as listed. Personal fields are null unless ``personal`` is true (the actor holds
    members.view_personal on the member's unit)."""

    id: int
    full_name: str
    sex: str = Field(description="M (Nam) hoặc F (Nữ).")
    card_number: str
    unit_id: int | None = Field(
        description="Đơn vị sinh hoạt hiện tại (hoặc cuối cùng, nếu đã ra khỏi tổ chức)."
    )
    unit_name: str
    status: str = Field(description="active, exempt, transferred, left hoặc deceased.")
    joined_union_on: dt.date | None
    personal: bool = Field(description="Các trường cá nhân có được hiển thị hay không.")
    date_of_birth: dt.date | None = Field(description=PERSONAL_NOTE)
    id_number: str | None = Field(description=PERSONAL_NOTE)
    phone: str | None = Field(description=PERSONAL_NOTE)
    email: str | None = Field(description=PERSONAL_NOTE)
    policy_family: bool | None = Field(description=PERSONAL_NOTE)
    hardship: bool | None = Field(description=PERSONAL_NOTE)

    @model_validator(mode="after")
    def _hide_personal(self):
        # Here rather than in each caller, so that no response can forget to hide them.
        if not self.personal:
            for field in PERSONAL_FIELDS:
                setattr(self, field, None)
        return self


class PeriodOut(Schema):
    """One period of membership in one unit; ``valid_to`` is exclusive (the first day no longer in it)."""

    unit_id: int
    unit_name: str
    card_number: str
    valid_from: dt.date
    valid_to: dt.date | None
    status: str
    end_status: str = Field(description="Vì sao giai đoạn kết thúc: transferred, left, deceased, exempt…")


class PositionOut(Schema):
    """A union-officer position held; ``valid_to`` is exclusive (the first day no longer held)."""

    id: int
    unit_id: int
    unit_name: str
    position: str = Field(description="Mã chức vụ, ví dụ `chu-tich`.")
    position_name: str
    term: str
    valid_from: dt.date
    valid_to: dt.date | None

    @staticmethod
    def resolve_position(held) -> str:
        return held.position.code

    @staticmethod
    def resolve_position_name(held) -> str:
        return held.position.name


class MemberDetailOut(MemberOut):
    """One member with the non-personal facts, the periods of membership (oldest first) and the
    union-officer positions held (latest first)."""

    ethnicity: str
    education: str
    political_theory: str
    job_position: str
    job_title: str
    work_started_on: dt.date | None
    periods: list[PeriodOut]
    positions: list[PositionOut]

    @staticmethod
    def resolve_positions(person) -> list:
        return person.held_positions  # ``positions`` itself is the model's reverse relation


class MemberPageOut(Schema):
    items: list[MemberOut]
    count: int = Field(description="Số đoàn viên phù hợp, tối đa 10.000.")
    count_exact: bool = Field(
        description='false khi có hơn `count` đoàn viên phù hợp (hiển thị "hơn 10.000").'
    )


class TransferOut(Schema):
    """A transfer (chuyển sinh hoạt): ``pending`` until the receiving unit accepts or rejects it."""

    id: int
    member_id: int = Field(alias="person_id")
    full_name: str = Field(alias="person.full_name")
    from_unit_id: int
    from_unit_name: str
    to_unit_id: int
    to_unit_name: str
    on: dt.date
    state: str = Field(description="pending, accepted hoặc rejected.")
    note: str
    requested_by: str
    created_at: dt.datetime
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_requested_by(transfer) -> str:
        return str(transfer.requested_by)


class TransferPageOut(Schema):
    items: list[TransferOut]
    count: int
    count_exact: bool


# -- in -------------------------------------------------------------------------------------------


class Page(Schema):
    page: int = Field(1, ge=1, le=MAX_ID // 200, description="Trang, bắt đầu từ 1.")
    page_size: int = Field(50, ge=1, le=200)


class MemberListQuery(Page):
    q: text(200) = Field(
        "", description="Họ tên (có hoặc không dấu), đầu số thẻ, số CCCD hoặc số điện thoại."
    )
    unit: Id | None = Field(None, description="Chỉ đoàn viên của đơn vị này.")
    descendants: bool = Field(True, description="Gồm cả các đơn vị trực thuộc `unit`.")
    sex: Literal["", "M", "F"] = ""
    status: Literal["", "all", "active", "exempt", "transferred", "left", "deceased"] = Field(
        "", description="Rỗng: đang sinh hoạt hoặc miễn sinh hoạt; `all`: mọi trạng thái."
    )
    age_band: Literal["", *AGE_BANDS] = ""
    join_year: int | None = Field(None, ge=1900, le=2100)
    policy_family: bool | None = None
    hardship: bool | None = None
    sort: Literal[*SORTS] = "name"


class TransferListQuery(Page):
    direction: Literal["incoming", "outgoing"] = Field(
        "incoming",
        description="incoming: chờ tiếp nhận vào các đơn vị người dùng quản lý; outgoing: chuyển đi từ "
        "các đơn vị người dùng xem được.",
    )


class PersonChangesIn(Schema):
    """Person fields; those left out are not touched. Only the nullable ones accept ``null`` (to clear)."""

    full_name: text(150) = None
    sex: SexCode = None
    date_of_birth: Date | None = None
    id_number: text(20) | None = Field(None, description="12 chữ số; dấu cách, chấm, gạch được bỏ qua.")
    phone: text(20) = None
    email: text(254) = None
    ethnicity: text(50) = None
    education: text(100) = None
    political_theory: text(100) = None
    job_position: text(150) = None
    job_title: text(150) = None
    work_started_on: Date | None = None
    joined_union_on: Date | None = None
    policy_family: bool = None
    hardship: bool = None


class MemberUpdateIn(PersonChangesIn):
    """Changing a personal field needs members.view_personal on the member's unit (else 403)."""

    card_number: text(30) = None


class MemberJoinIn(PersonChangesIn):
    """Kết nạp: the member opens a period in ``unit_id`` from ``on`` (``joined_union_on`` defaults to it)."""

    unit_id: Id
    on: Date
    card_number: text(30) = ""
    full_name: text(150)
    sex: SexCode


class TransferIn(Schema):
    to_unit_id: Id = Field(description="Đơn vị tiếp nhận; có thể ngoài phạm vi của người dùng.")
    on: Date
    note: text(255) = ""


class LeaveIn(Schema):
    on: Date = Field(description="Ngày đầu tiên không còn là đoàn viên.")
    status: Literal["left", "deceased"] = "left"
    note: text(255) = ""


class RejoinIn(Schema):
    unit_id: Id
    on: Date
    card_number: text(30) | None = Field(None, description="Bỏ trống để giữ số thẻ cũ.")


class StatusIn(Schema):
    status: Literal["active", "exempt"]
    on: Date


class RejectIn(Schema):
    note: text(255) = ""


class PositionAssignIn(Schema):
    position: text(32) = Field(description="Mã chức vụ, ví dụ `chu-tich`, `uy-vien-bch`.")
    unit_id: Id = Field(description="Đơn vị sinh hoạt của đoàn viên hoặc một đơn vị cấp trên của nó.")
    valid_from: Date = Field(description="Ngày bắt đầu giữ chức vụ, không sau hôm nay.")
    term: text(20) = Field("", description="Nhiệm kỳ, dạng `2023-2028`.")


class PositionEndIn(Schema):
    on: Date = Field(description="Ngày đầu tiên không còn giữ chức vụ, không sau hôm nay.")
