"""API shapes of the emulation module."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from congdoan.core.api import Date, DateTime, Id, text

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
    year: int = Field(description="Năm đăng ký (phong trào nhiều năm đăng ký theo từng năm).")
    targets: str
    state: str = Field(description="draft, submitted, returned hoặc accepted.")
    state_reason: str


class MovementCriterionOut(Schema):
    name: str
    weight: float | None = Field(description="Trọng số (điểm hoặc %, theo kế hoạch); trống nếu chỉ bắt buộc.")
    mandatory: bool = Field(description="Tiêu chí bắt buộc.")


class MovementUnitOut(Schema):
    unit_id: int
    unit_name: str


class DeadlineOut(Schema):
    year: int = Field(description="Năm đăng ký.")
    deadline: dt.date = Field(description="Hạn đăng ký của năm (gồm cả ngày đó).")
    valid_from: dt.date = Field(description="Hạn này áp dụng từ ngày.")
    valid_to: dt.date | None = Field(description="Ngày hạn này được thay (không gồm); trống: đang áp dụng.")
    note: str = Field(description="Căn cứ.")


class ExtensionOut(Schema):
    id: int
    year: int
    unit_id: int = Field(description="Đơn vị được gia hạn.")
    until: dt.date = Field(description="Gia hạn đến ngày (gồm cả ngày đó).")
    reason: str
    granted_by_id: int | None = Field(description="Người cho gia hạn.")
    granted_at: dt.datetime


class MovementDetailOut(MovementOut):
    deadlines: list[DeadlineOut] = Field(
        alias="deadline_rows", description="Hạn đăng ký theo năm, cả các hạn đã thay."
    )
    criteria: list[MovementCriterionOut] = Field(alias="criteria_rows")
    participants: list[MovementUnitOut] = Field(
        alias="participant_rows",
        description="Đơn vị tham gia; trống: mọi đơn vị trực thuộc đơn vị phát động.",
    )


# -- in -------------------------------------------------------------------------------------------


class MovementCriterionIn(Schema):
    name: text(255)
    weight: text(10) | None = Field(None, description="Trọng số, ví dụ 20 hoặc 2,5.")
    mandatory: bool = False


class MovementTermsIn(Schema):
    criteria: list[MovementCriterionIn] = Field([], max_length=200)
    unit_ids: list[Id] = Field([], max_length=2000, description="Đơn vị tham gia (dưới đơn vị phát động).")


class MovementEditIn(MovementTermsIn):
    name: text(255)
    plan_reference: text(100) = ""
    description: text(5000, multiline=True) = ""


class MovementIn(MovementTermsIn):
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
    year: int | None = Field(
        None, ge=1900, le=2100, description="Năm đăng ký; trống: năm nay (trong thời gian của phong trào)."
    )
    targets: text(5000, multiline=True)


class DeadlineIn(Schema):
    year: int = Field(ge=1900, le=2100, description="Năm đăng ký.")
    deadline: Date
    note: text(255) = ""


class ExtensionIn(Schema):
    unit_id: Id = Field(description="Đơn vị được gia hạn.")
    year: int = Field(ge=1900, le=2100, description="Năm đăng ký.")
    until: Date = Field(description="Gia hạn đến ngày (gồm cả ngày đó).")
    reason: text(2000, multiline=True)


class AgencyPledgeIn(Schema):
    unit_id: Id = Field(description="Công đoàn ký giao ước với thủ trưởng cơ quan.")
    year: int = Field(ge=1900, le=2100)
    title: text(255)
    signed_on: Date
    place: text(255) = ""
    agency: text(255) = Field(description="Tên cơ quan, đơn vị.")
    head_name: text(150) = Field(description="Họ và tên thủ trưởng cơ quan.")
    head_position: text(150) = ""
    union_signatory: text(150) = Field(description="Họ và tên người ký thay mặt công đoàn.")
    union_position: text(150) = ""
    targets: text(5000, multiline=True) = ""


class PledgePartyIn(Schema):
    unit_id: Id = Field(description="Đơn vị thành viên khối ký giao ước.")
    signatory: text(150) = Field("", description="Người ký; nhập cùng chức vụ hoặc để trống cả hai.")
    position: text(150) = ""


class BlockPledgeIn(Schema):
    year: int = Field(ge=1900, le=2100)
    title: text(255)
    signed_on: Date
    place: text(255) = ""
    targets: text(5000, multiline=True) = ""
    parties: list[PledgePartyIn] = Field(max_length=500)


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
    id: int
    unit_id: int
    unit_name: str
    valid_from: dt.date
    valid_to: dt.date | None


class BlockOfficerOut(Schema):
    id: int
    year: int
    role: str = Field(description="leader (khối trưởng) hoặc deputy (khối phó).")
    unit_id: int
    unit_name: str
    decision_reference: str
    decided_on: dt.date | None
    valid_from: dt.date | None = Field(description="Giữ vai trò từ ngày (trống: cả năm).")
    valid_to: dt.date | None = Field(description="Được thay từ ngày (trống: đến hết năm).")
    replaced_by_id: int | None = Field(description="Dòng khối trưởng/khối phó thay thế.")


class FlagOut(Schema):
    year: int
    from_unit_id: int | None
    from_name: str | None
    to_unit_id: int
    to_name: str
    handed_on: dt.date
    meeting_id: int | None = Field(description="Hội nghị của khối nơi trao cờ.")


class PledgeOut(Schema):
    id: int
    year: int
    title: str
    signed_on: dt.date
    place: str
    party_count: int
    party_unit_ids: list[int]


class PledgeListOut(Schema):
    id: int
    year: int
    title: str
    signed_on: Date
    place: str
    unit_id: int | None = Field(
        None, description="Đơn vị ký với thủ trưởng cơ quan (giao ước với chính quyền)."
    )
    block_id: int | None = Field(None, description="Khối thi đua có các thành viên ký giao ước.")


class PledgePartyOut(Schema):
    unit_id: int | None
    party_name: str
    signatory: str
    position: str


class PledgeDetailOut(PledgeListOut):
    targets: str
    parties: list[PledgePartyOut]


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
    kind: str = Field(description="score (tiêu chí chấm điểm), bonus (điểm thưởng) hoặc penalty (điểm trừ).")
    pass_points: float | None = Field(
        description="Tiêu chí bắt buộc: điểm đạt tối thiểu; dưới mức này đơn vị không được xếp hạng."
    )


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
    max_points: text(10) = Field(description="Điểm tối đa, ví dụ 10 hoặc 2,5 (điểm trừ: số điểm trừ tối đa).")
    kind: Literal["score", "bonus", "penalty"] = "score"
    pass_points: text(10) | None = Field(None, description="Tiêu chí bắt buộc: điểm đạt tối thiểu.")


class SheetIn(Schema):
    unit_id: Id
    name: text(255)
    valid_from: Date
    total: text(10) = Field(description="Tổng điểm tối đa; bằng tổng điểm tối đa của các tiêu chí.")
    criteria: list[CriterionIn] = Field(max_length=200)


class RankOut(Schema):
    rank: int | None = Field(
        description="Hạng; đơn vị bằng điểm cùng hạng (1, 2, 2, 4); trống: không đạt tiêu chí bắt buộc."
    )
    unit_id: int
    unit_name: str
    total: float
    bonus: float = Field(description="Điểm thưởng (đã cộng vào tổng điểm).")
    penalty: float = Field(description="Điểm trừ, số âm hoặc 0 (đã trừ vào tổng điểm).")
    veto: str = Field(description="Các tiêu chí bắt buộc không đạt (trống: đạt tất cả).")
    note: str

    @staticmethod
    def resolve_rank(obj):
        return None if obj.veto else obj.rank


class ScoreLineOut(Schema):
    criterion_id: int
    criterion_name: str = Field(alias="criterion.name")
    kind: str = Field(alias="criterion.kind")
    self_points: float | None = Field(description="Điểm đơn vị tự chấm.")
    review_points: float | None = Field(description="Điểm khối trưởng.")
    points: float = Field(description="Điểm hiện hành (bước sau cùng).")


class ScoreOut(Schema):
    id: int
    block_id: int
    year: int
    unit_id: int
    unit_name: str
    sheet_id: int
    state: str = Field(description="draft, submitted, returned, reviewed hoặc decided.")
    state_reason: str
    total: float
    bonus: float
    penalty: float
    veto: str
    self_total: float | None
    review_total: float | None
    note: str


class ScoreDetailOut(ScoreOut):
    lines: list[ScoreLineOut]


class GradeOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    rank: int = Field(description="Thứ bậc, 1 là cao nhất.")
    min_percent: float = Field(description="Điểm tối thiểu, % tổng điểm của bảng tiêu chí.")
    basis: str = Field(description="Căn cứ (văn bản hướng dẫn).")
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Ngày thôi áp dụng (không gồm); trống: đang áp dụng.")


class LevelBlockOut(Schema):
    block_id: int
    block_name: str
    result_id: int
    total: float = Field(description="Tổng điểm của đơn vị trong khối này.")


class LevelRankOut(Schema):
    rank: int = Field(
        description="Hạng trong toàn cấp; đơn vị bằng điểm cùng hạng (1, 2, 2, 4); 0: không xếp hạng (veto)."
    )
    vetoed: bool = Field(description="Không đạt một tiêu chí bắt buộc: không xếp hạng.")
    veto: str = Field(description="Các tiêu chí bắt buộc không đạt.")
    unit_id: int
    unit_name: str
    total: float = Field(description="Điểm toàn cấp: trung bình điểm của đơn vị trong các khối của cấp.")
    blocks: list[LevelBlockOut] = Field(description="Các khối của cấp đã chấm điểm đơn vị trong năm.")


class PointIn(Schema):
    criterion_id: Id
    points: text(10) = Field(description="Điểm, ví dụ 9 hoặc 9,5.")


class ScoreIn(Schema):
    year: int = Field(ge=1, le=9998, description="Năm chấm điểm.")
    unit_id: Id
    points: list[PointIn] = Field(max_length=200)
    note: text(500) = ""


class SelfScoreIn(Schema):
    year: int = Field(ge=1, le=9998, description="Năm chấm điểm.")
    unit_id: Id = Field(description="Đơn vị thành viên tự chấm (người dùng quản lý).")
    points: list[PointIn] = Field(max_length=200)


class ScoreStepIn(Schema):
    step: Literal["submit", "accept", "send_back"]
    reason: text(2000, multiline=True) = ""


class ScoreReviewIn(Schema):
    points: list[PointIn] = Field(max_length=200)
    reason: text(2000, multiline=True)


# -- block writes, titles, ratings -----------------------------------------------------------------


class BlockMemberIn(Schema):
    unit_id: Id
    valid_from: Date
    valid_to: Date | None = Field(None, description="Ngày đầu tiên không còn là thành viên (không gồm).")


class OfficersIn(Schema):
    year: int = Field(ge=1900, le=2100)
    leader_id: Id = Field(description="Đơn vị khối trưởng.")
    deputy_ids: list[Id] = Field(default_factory=list, max_length=5, description="Các đơn vị khối phó.")
    decision_reference: text(100) = ""
    decided_on: Date | None = None


class FlagIn(Schema):
    year: int = Field(ge=1900, le=2100)
    from_unit_id: Id | None = Field(None, description="Đơn vị đang giữ cờ luân lưu.")
    to_unit_id: Id = Field(description="Khối trưởng của năm.")
    handed_on: Date
    note: text(255) = ""


class TitleOut(Schema):
    id: int
    code: str
    name: str
    recipient: str = Field(description="collective (tập thể) hoặc individual (cá nhân).")
    issuer_level: str
    bonus_multiple: float = Field(description="Mức tiền thưởng, số lần mức lương cơ sở.")
    basis: str = Field(description="Căn cứ: nghị định, điều của từng thời kỳ.")
    valid_from: dt.date
    valid_to: dt.date | None


class EntryOut(Schema):
    id: int
    title_id: int
    title_name: str = Field(alias="title.name")
    unit_id: int | None
    unit_name: str | None
    member_id: int | None
    member_name: str | None = Field(None, alias="member.full_name")


class EntriesIn(Schema):
    title_id: Id
    unit_ids: list[Id] = Field(default_factory=list, max_length=500)
    member_ids: list[Id] = Field(default_factory=list, max_length=2000)


class RatingLineOut(Schema):
    item_id: int
    group: str = Field(alias="item.group")
    name: str = Field(alias="item.name")
    max_points: float = Field(alias="item.max_points")
    bonus: bool = Field(alias="item.bonus")
    self_points: float
    points: float | None = Field(description="Điểm cấp trên chấm.")
    auto: bool = Field(description="Lấy từ dữ liệu của hệ thống (sổ đoàn viên, hội nghị).")
    evidence: str


class RatingOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    rubric_id: int
    rubric_version: int = Field(alias="rubric.version")
    state: str = Field(description="draft, submitted, returned hoặc decided.")
    state_reason: str
    self_total: float
    total: float | None
    grade_code: str | None = Field(None, alias="grade.code")
    grade_name: str | None = Field(None, alias="grade.name")
    reviewer_id: int | None
    discipline_case: bool
    discipline_source: str = Field(
        description="Nguồn của thông tin kỷ luật: đơn vị tự khai, cấp trên xác định hoặc hồ sơ kỷ luật."
    )
    submitted_on: dt.date | None
    decided_on: dt.date | None
    conference_held: bool | None
    members_start: int | None
    members_end: int | None
    barred: str


class RatingDetailOut(RatingOut):
    lines: list[RatingLineOut] = Field(alias="lines_list")


class RatingIn(Schema):
    unit_id: Id = Field(description="Công đoàn cơ sở.")
    year: int = Field(ge=2000, le=2100)


class ItemPointIn(Schema):
    item_id: Id
    points: text(10) = Field(description="Điểm, ví dụ 9 hoặc 9,5.")


class AssessmentIn(Schema):
    points: list[ItemPointIn] = Field(max_length=200)
    discipline_case: bool = False


class DecisionIn(Schema):
    reviewer_id: Id | None = Field(
        None, description="Công đoàn cấp trên trực tiếp (mặc định: đơn vị của người dùng)."
    )
    points: list[ItemPointIn] = Field(default_factory=list, max_length=200)
    note: text(2000, multiline=True) = ""
    decided_on: Date | None = Field(None, description="Ngày quyết định (mặc định: hôm nay).")
    discipline_case: bool | None = Field(
        None, description="Cấp trên xác định có kỷ luật trong năm (trống: giữ thông tin của đơn vị)."
    )


class RatingStepIn(Schema):
    step: Literal["submit", "send_back"]
    reason: text(2000, multiline=True) = ""


class GradeCountOut(Schema):
    code: str
    name: str
    count: int


class RatingSummaryOut(Schema):
    unit_id: int
    year: int
    units: int = Field(description="Số công đoàn cơ sở.")
    rated: int = Field(description="Số đã được xếp loại.")
    grades: list[GradeCountOut]


# -- rubrics ---------------------------------------------------------------------------------------

ItemSourceCode = Literal["", "members.growth", "meetings.conference"]
ConditionCode = Literal["discipline", "no_conference"]


class RubricItemOut(Schema):
    id: int
    group: str
    name: str
    max_points: float
    bonus: bool = Field(description="Điểm thưởng (cộng vào tổng điểm).")
    source: str = Field(
        description="Nguồn số liệu: trống (đơn vị tự chấm), members.growth, meetings.conference."
    )


class RubricOut(Schema):
    id: int
    unit_id: int | None = Field(description="Đơn vị ban hành (trống: bảng mặc định).")
    year: int | None
    version: int
    name: str
    total: float
    bonus_max: float
    conditions: list[str] = Field(description="Điều kiện không được xếp loại cao nhất.")
    items: list[RubricItemOut] = Field(alias="items_list")


class RubricItemIn(Schema):
    group: text(255) = ""
    name: text(255)
    max_points: Decimal = Field(
        gt=0, le=10000, decimal_places=1, description="Điểm tối đa, ví dụ 10 hoặc 9.5."
    )
    bonus: bool = False
    source: ItemSourceCode = ""


class RubricAdaptIn(Schema):
    """A copy of the rubric for ``year``, issued by ``unit_id``: each field left out keeps the
    base rubric's value; ``items`` given replace all its items."""

    unit_id: Id = Field(description="Công đoàn ban hành (người dùng quản lý).")
    year: int = Field(ge=2000, le=2100)
    name: text(255) | None = None
    total: Decimal | None = Field(None, gt=0, le=10000, decimal_places=1)
    bonus_max: Decimal | None = Field(None, ge=0, le=10000, decimal_places=1)
    items: list[RubricItemIn] | None = Field(None, max_length=200)
    conditions: list[ConditionCode] | None = Field(None, max_length=10)


class ScoreEvidenceOut(Schema):
    id: int
    result_id: int
    name: str
    size: int
    uploaded_at: DateTime
    unit_id: int | None = Field(description="Đơn vị tải lên (trống: đơn vị được chấm).")
    withdrawn_at: DateTime | None = Field(description="Rút lúc (trống: còn trong danh sách minh chứng).")
    withdrawn_by_id: int | None
