"""The emulation module's plug-ins: audit actions and objects, the menu entries, the figures
(registrations of the period, rolled up the tree) and the dashboard card."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.documents import links, readers

from . import selectors, titles  # noqa: F401  (titles: its import's job kinds)
from .models import Block, BlockMeeting, Movement, Rating, Rubric, ScoreSheet
from .permissions import VIEW

UNIT = "organizations.unit"

plugins.register_menu(plugins.MenuEntry(_("Phong trào thi đua"), "flag", "emulation:movements", VIEW, 30))
plugins.register_menu(
    plugins.MenuEntry(_("Đăng ký thi đua"), "card-checklist", "emulation:registrations", VIEW, 31)
)
plugins.register_menu(plugins.MenuEntry(_("Giao ước thi đua"), "pen", "emulation:pledges", VIEW, 33))

audit.register_object(
    "emulation.movement",
    {
        "unit": AuditField(_("Đơn vị phát động"), "ref", ref=UNIT),
        "starts_on": AuditField(_("Từ ngày"), "date"),
        "ends_on": AuditField(_("Đến ngày"), "date"),
        "deadline": AuditField(_("Hạn đăng ký"), "date"),
        "criteria": AuditField(_("Tiêu chí"), "list"),
        "participants": AuditField(_("Đơn vị tham gia"), "list"),
        "year": AuditField(_("Năm đăng ký")),
        "deadline_note": AuditField(_("Căn cứ")),
        "extension_unit": AuditField(_("Đơn vị được gia hạn"), "ref", ref=UNIT),
        "until": AuditField(_("Gia hạn đến ngày"), "date"),
        "reason": AuditField(_("Lý do gia hạn")),
    },
)
audit.register_object(
    "emulation.registration",
    {
        "unit": AuditField(_("Đơn vị đăng ký"), "ref", ref=UNIT),
        "movement": AuditField(_("Phong trào"), "ref", ref="emulation.movement"),
        "titles": AuditField(_("Danh hiệu đăng ký"), "list"),
        # the day a paper registration was made, when it is recorded later (services.registration_create)
        "registered_on": AuditField(_("Ngày đăng ký"), "date"),
    },
)
audit.register_resolver("emulation.movement", audit.names_of(Movement))

for code, label, description in [
    (
        "movement.create",
        _("Phát động phong trào thi đua"),
        _("Đơn vị phát động, tên, thời gian, hạn đăng ký"),
    ),
    (
        "movement.update",
        _("Sửa phong trào thi đua"),
        _("Tên, nội dung, tiêu chí và đơn vị tham gia trước và sau"),
    ),
    ("registration.create", _("Đăng ký thi đua"), _("Phong trào, đơn vị đăng ký và chỉ tiêu")),
    ("registration.update", _("Sửa đăng ký thi đua"), _("Chỉ tiêu, danh hiệu đăng ký trước và sau")),
    ("registration.submit", _("Gửi đăng ký thi đua"), _("Trạng thái của đăng ký trước và sau")),
    ("registration.accept", _("Duyệt đăng ký thi đua"), _("Trạng thái của đăng ký trước và sau")),
    ("registration.return", _("Trả lại đăng ký thi đua"), _("Trạng thái của đăng ký và lý do trả lại")),
    (
        "registration.deadline_set",
        _("Đặt hạn đăng ký thi đua"),
        _("Năm đăng ký, hạn đăng ký trước và sau, căn cứ"),
    ),
    (
        "registration.extend",
        _("Gia hạn đăng ký thi đua"),
        _("Năm đăng ký, đơn vị được gia hạn, gia hạn đến ngày, lý do và hạn đăng ký"),
    ),
]:
    audit.register_action(code, label, description)

BLOCK = AuditField(_("Khối"), "ref", ref="emulation.block")
YEAR = AuditField(_("Năm"))
audit.register_object("emulation.block", {"unit": AuditField(_("Đơn vị thành lập"), "ref", ref=UNIT)})
audit.register_object(
    "emulation.blockmember", {"block": BLOCK, "unit": AuditField(_("Đơn vị"), "ref", ref=UNIT)}
)
audit.register_object(
    "emulation.blockofficer", {"block": BLOCK, "unit": AuditField(_("Đơn vị"), "ref", ref=UNIT)}
)
audit.register_object(
    "emulation.flaghandover",
    {
        "block": BLOCK,
        "from_unit": AuditField(_("Đơn vị trao"), "ref", ref=UNIT),
        "to_unit": AuditField(_("Đơn vị nhận"), "ref", ref=UNIT),
        "handed_on": AuditField(_("Ngày trao"), "date"),
    },
)
audit.register_object(
    "emulation.pledge",
    {
        "block": BLOCK,
        "signed_on": AuditField(_("Ngày ký"), "date"),
        "parties": AuditField(_("Các đơn vị ký"), "list"),
    },
)
audit.register_resolver("emulation.block", audit.names_of(Block))
audit.register_resolver("emulation.scoresheet", audit.names_of(ScoreSheet))
audit.register_object(
    "emulation.scoresheet",
    {
        "unit": AuditField(_("Đơn vị ban hành"), "ref", ref=UNIT),
        "valid_from": AuditField(_("Từ ngày"), "date"),
        "valid_to": AuditField(_("Đến ngày (không gồm)"), "date"),
        "criteria": AuditField(_("Tiêu chí"), "list"),
    },
)
audit.register_object(
    "emulation.scoreresult",
    {
        "block": BLOCK,
        "unit": AuditField(_("Đơn vị"), "ref", ref=UNIT),
        "sheet": AuditField(_("Bảng điểm"), "ref", ref="emulation.scoresheet"),
    },
)
for code, label, description in [
    ("block.create", _("Thành lập khối thi đua"), _("Đơn vị thành lập, tên, loại, từ ngày, số khối phó")),
    ("block.member_add", _("Thêm đơn vị thành viên khối"), _("Khối, đơn vị và thời gian là thành viên")),
    (
        "block.officer_name",
        _("Công nhận khối trưởng, khối phó"),
        _("Khối, năm, đơn vị, vai trò và quyết định"),
    ),
    ("block.flag_hand_over", _("Trao cờ luân lưu"), _("Khối, năm, đơn vị trao, đơn vị nhận và ngày trao")),
    ("pledge.sign", _("Ký giao ước thi đua"), _("Khối, năm, tên giao ước, ngày ký và các đơn vị ký")),
    (
        "sheet.create",
        _("Ban hành bảng điểm thi đua"),
        _("Đơn vị, tên, tổng điểm, thời gian áp dụng và các tiêu chí"),
    ),
    (
        "sheet.close",
        _("Hết hiệu lực bảng điểm thi đua"),
        _("Ngày bảng điểm hết hiệu lực (không gồm ngày đó)"),
    ),
    ("score.record", _("Chấm điểm thi đua"), _("Khối, năm, đơn vị, bảng điểm và tổng điểm")),
    ("score.adjust", _("Điều chỉnh điểm thi đua"), _("Tổng điểm trước và sau, lý do điều chỉnh")),
    ("score.self_assess", _("Đơn vị tự chấm điểm thi đua"), _("Điểm tự chấm, điểm thưởng, điểm trừ")),
    ("score.submit", _("Gửi điểm tự chấm cho khối trưởng"), _("Trạng thái trước và sau")),
    ("score.accept", _("Khối trưởng đồng ý điểm tự chấm"), _("Trạng thái, điểm khối trưởng")),
    ("score.review_adjust", _("Khối trưởng điều chỉnh điểm"), _("Tổng điểm trước và sau, lý do điều chỉnh")),
    ("score.return", _("Trả lại điểm tự chấm"), _("Trạng thái trước và sau, lý do trả lại")),
    ("score.decide", _("Chốt điểm thi đua"), _("Tổng điểm trước và sau, lý do nếu khác điểm đã xem xét")),
]:
    audit.register_action(code, label, description)

# Plans launching movements, decisions naming a block's leaders and pledges are documents.
links.register(Movement, label=lambda m: m.name, url=lambda m: reverse("emulation:movement", args=[m.pk]))
links.register(Block, label=lambda b: b.name, url=lambda b: reverse("emulation:block", args=[b.pk]))

# -- figures (core.figures) and the dashboard --------------------------------------------------------
Figure, Measure = figures.Figure, figures.Measure
figures.register_group(
    "emulation",
    permission=VIEW,
    compute=selectors.registration_figure_values,
    total=selectors.registration_figure_totals,
    figures=[
        Figure("emulation.registrations", _("Đơn vị đăng ký thi đua"), Measure.UNITS),
        Figure("emulation.registrations_accepted", _("Đăng ký thi đua đã duyệt"), Measure.UNITS),
    ],
)
plugins.register_card(
    plugins.DashboardCard(
        "emulation",
        _("Thi đua"),
        "emulation/partials/card_emulation.html",
        None,
        VIEW,
        30,
        ("emulation.registrations", "emulation.registrations_accepted"),
    )
)

# -- ratings of grassroots unions and titles -------------------------------------------------------
plugins.register_menu(
    plugins.MenuEntry(_("Xếp loại công đoàn cơ sở"), "award", "emulation:ratings", VIEW, 32)
)
audit.register_object(
    "emulation.rubric",
    {
        "unit": AuditField(_("Đơn vị ban hành"), "ref", ref=UNIT),
        "items": AuditField(_("Tiêu chí"), "list"),
        "based_on": AuditField(_("Điều chỉnh từ bảng"), "ref", ref="emulation.rubric"),
    },
)
audit.register_resolver("emulation.rubric", audit.names_of(Rubric))
audit.register_object(
    "emulation.rating",
    {
        "unit": AuditField(_("Công đoàn cơ sở"), "ref", ref=UNIT),
        "rubric": AuditField(_("Bảng tiêu chí"), "ref", ref="emulation.rubric"),
        "reviewer": AuditField(_("Công đoàn cấp trên xếp loại"), "ref", ref=UNIT),
    },
)
for code, label, description in [
    (
        "rubric.create",
        _("Ban hành bảng tiêu chí xếp loại công đoàn cơ sở"),
        _("Đơn vị, năm, phiên bản, tổng điểm và các tiêu chí"),
    ),
    (
        "rubric.adapt",
        _("Điều chỉnh bảng tiêu chí xếp loại cho một năm"),
        _("Bảng tiêu chí gốc, đơn vị, năm, phiên bản, tổng điểm và các tiêu chí"),
    ),
    ("rating.start", _("Mở bản tự đánh giá xếp loại"), _("Công đoàn cơ sở, năm, bảng tiêu chí, số liệu")),
    ("rating.self_assess", _("Tự chấm điểm xếp loại"), _("Điểm tự chấm trước và sau, kỷ luật trong năm")),
    ("rating.submit", _("Gửi bản tự đánh giá lên cấp trên"), _("Trạng thái trước và sau")),
    ("rating.decide", _("Quyết định xếp loại công đoàn cơ sở"), _("Trạng thái, điểm, xếp loại")),
    ("rating.return", _("Trả lại bản tự đánh giá"), _("Trạng thái và lý do trả lại")),
    ("registration.titles", _("Đăng ký danh hiệu thi đua"), _("Các danh hiệu đăng ký trước và sau")),
    ("score.evidence", _("Đính kèm minh chứng chấm điểm"), _("Tệp minh chứng của kết quả chấm điểm")),
    (
        "score.evidence_withdraw",
        _("Rút minh chứng chấm điểm"),
        _("Tệp minh chứng được rút (tệp vẫn được lưu)"),
    ),
]:
    audit.register_action(code, label, description)


def _rated(**fixed):
    """The unions behind a ``ratings.*`` figure (``records_url``): the rating summary of the unit's
    subtree for the period's first year (the figures count the years from it to the date read),
    the decided ratings as of that date."""

    def url(unit_id, period, as_of):
        return figures.records_link(
            "emulation:rating_summary",
            unit=unit_id,
            year=period.start.year,
            state=Rating.State.DECIDED,
            as_of=as_of,
            **fixed,
        )

    return url


figures.register_group(
    "ratings",
    permission=VIEW,
    compute=selectors.rating_figure_values,
    total=selectors.rating_figure_totals,
    figures=[
        Figure("ratings.total", _("Công đoàn cơ sở được xếp loại"), Measure.UNITS, records_url=_rated()),
        Figure(
            "ratings.excellent",
            _("Công đoàn cơ sở xếp loại cao nhất"),
            Measure.UNITS,
            records_url=_rated(grade="top"),
        ),
        Figure("ratings.self_assessed", _("Công đoàn cơ sở đã gửi tự đánh giá"), Measure.UNITS),
    ],
)

# -- a block's own records: plans, meetings, membership ends, officer corrections --------------------
plugins.register_menu(plugins.MenuEntry(_("Khối thi đua"), "diagram-3", "emulation:blocks", VIEW, 34))
plugins.register_menu(plugins.MenuEntry(_("Bảng điểm thi đua"), "list-ol", "emulation:sheets", VIEW, 35))
# The block's decisions, plans, minutes and pledges are read by its members' officers, though the
# issuing unit is outside their subtree (issue 11 §4): documents asks this module who reads them.
readers.register("emulation.block", selectors.block_documents_for)
audit.register_object(
    "emulation.blockmeeting",
    {
        "block": BLOCK,
        "held_on": AuditField(_("Ngày họp"), "date"),
        "minutes": AuditField(_("Biên bản"), "ref", ref="documents.document"),
    },
)
audit.register_object(
    "emulation.blockplan",
    {
        "block": BLOCK,
        "year": YEAR,
        "document": AuditField(_("Văn bản kế hoạch"), "ref", ref="documents.document"),
        "adopted_on": AuditField(_("Ngày thông qua"), "date"),
        "meeting": AuditField(_("Hội nghị"), "ref", ref="emulation.blockmeeting"),
    },
)
audit.register_resolver("emulation.blockmeeting", audit.names_of(BlockMeeting, "title"))
if "documents.document" not in audit.RESOLVERS:
    from congdoan.documents.models import Document

    audit.register_resolver("documents.document", audit.names_of(Document, "number_symbol"))
for code, label, description in [
    ("block.meeting_record", _("Ghi hội nghị của khối"), _("Khối, loại, tên, ngày họp, địa điểm, biên bản")),
    ("block.flag_meeting", _("Gắn lần trao cờ với hội nghị"), _("Hội nghị nơi trao cờ trước và sau")),
    ("block.plan_add", _("Ghi kế hoạch năm của khối"), _("Khối, năm, văn bản kế hoạch, ngày thông qua")),
    ("block.member_end", _("Thôi là thành viên khối"), _("Ngày thôi (không gồm) trước và sau, lý do")),
    (
        "block.officer_replace",
        _("Điều chỉnh khối trưởng, khối phó"),
        _("Ngày thôi giữ vai trò, đơn vị thay, lý do"),
    ),
]:
    audit.register_action(code, label, description)
