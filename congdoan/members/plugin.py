"""The member register's plug-ins: menu entries, audit actions and how member entries read (personal
fields shown only where ``permissions.personal_unit_rule`` allows), names of position kinds, the
member figures (``core.figures``: members, women, joins, leavers, workforce, rate), the members card
and the work waiting on the dashboard (incoming transfers, checked imports not yet written);
importing the Excel modules registers their background jobs (``members.import.*``,
``members.export.*``)."""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.organizations.selectors import register_unit_filter

from . import forms, importing, selectors  # the job modules register their works
from .models import Person, PositionKind, Sex
from .permissions import VIEW, personal_unit_rule
from .services import PERSONAL_FIELDS

plugins.register_menu(plugins.MenuEntry(_("Đoàn viên"), "people", "members:list", VIEW, 20))
plugins.register_menu(
    plugins.MenuEntry(_("Chuyển sinh hoạt"), "arrow-left-right", "members:transfers", VIEW, 21)
)
plugins.register_menu(plugins.MenuEntry(_("Thống kê đoàn viên"), "table", "members:stats", VIEW, 22))

# Unit pickers limited to the units that hold members (and, for the list's filter, those above them).
register_unit_filter("members.holding", forms.holding_units)
register_unit_filter("members.holding_or_above", forms.holding_or_above)

# -- audit -----------------------------------------------------------------------------------------
UNIT = "organizations.unit"
ON = AuditField(_("Ngày hiệu lực"), "date")
NOTE = AuditField(_("Ghi chú"))
PERSON_STATE = _("Thông tin đoàn viên trước và sau (thông tin cá nhân chỉ hiện với người được xem)")

audit.register_object(
    "members.person",
    {
        "unit_path": AuditField("unit_path", hidden=True),
        "name_folded": AuditField("name_folded", hidden=True),
    },
    personal=PERSONAL_FIELDS,
    personal_rule=personal_unit_rule,
)
audit.register_object(
    "members.officerposition",
    {
        "valid_from": AuditField(_("Từ ngày"), "date"),
        "person": AuditField(capfirst(Person._meta.verbose_name), "ref", ref="members.person"),
    },
)
audit.register_resolver("members.positionkind", audit.names_of(PositionKind))
audit.register_resolver("members.person", audit.names_of(Person, "full_name"))

for code, label, extra in [
    ("member.join", _("Kết nạp đoàn viên"), {"on": ON}),
    ("member.update", _("Sửa thông tin đoàn viên"), {}),
    ("member.set_status", _("Đổi trạng thái sinh hoạt"), {"on": ON}),
    (
        "member.transfer",
        _("Chuyển sinh hoạt"),
        {"on": ON, "from_unit": AuditField(_("Đơn vị chuyển đi"), "ref", ref=UNIT)},
    ),
    ("member.leave", _("Ra khỏi tổ chức"), {"on": ON, "note": NOTE}),
    ("member.rejoin", _("Kết nạp lại"), {"on": ON}),
]:
    audit.register_action(code, label, PERSON_STATE, extra)
audit.register_action(
    "member.export",
    _("Xuất danh sách có thông tin cá nhân"),
    _("Số dòng, các cột thông tin cá nhân và điều kiện lọc của tệp xuất"),
    {
        "rows": AuditField(_("Số dòng")),
        "fields": AuditField(_("Các cột thông tin cá nhân"), "list"),
        "filters": AuditField(_("Điều kiện lọc")),
    },
    read=True,
)
audit.register_action(
    "member.identifier_taken",
    _("Trả lời số CCCD/số thẻ đã có ở đơn vị ngoài phạm vi"),
    _(
        "Trường được hỏi (số CCCD hoặc số thẻ), qua đâu (biểu mẫu/API hoặc tệp nhập), số lần trả lời "
        "và số lần bị từ chối vì quá giới hạn trong ngày; không ghi số được hỏi"
    ),
    {
        "field": AuditField(
            _("Trường"), "choice", choices={"id_number": _("Số CCCD"), "card_number": _("Số thẻ")}
        ),
        "via": AuditField(
            _("Qua"), "choice", choices={"form": _("Biểu mẫu hoặc API"), "import": _("Tệp nhập")}
        ),
        "answers": AuditField(_("Số lần trả lời")),
        "refused": AuditField(_("Số lần từ chối (quá giới hạn)")),
    },
    read=True,
)
TRANSFER_FIELDS = {
    "person": AuditField(_("Đoàn viên"), "ref", ref="members.person"),
    "to_unit": AuditField(_("Đơn vị chuyển đến"), "ref", ref=UNIT),
    "on": ON,
    "note": NOTE,
}
for code, label, description in [
    ("transfer.request", _("Đề nghị chuyển sinh hoạt"), _("Đoàn viên, đơn vị chuyển đến và ngày chuyển")),
    ("transfer.reject", _("Từ chối tiếp nhận"), _("Tình trạng đề nghị và lý do từ chối")),
    (
        "transfer.cancel",
        _("Hủy đề nghị chuyển sinh hoạt (đoàn viên đã ra khỏi tổ chức)"),
        _("Tình trạng đề nghị, đóng lại khi đoàn viên ra khỏi tổ chức"),
    ),
]:
    audit.register_action(code, label, description, TRANSFER_FIELDS)
audit.register_action(
    "membership.correct",
    _("Sửa ngày bắt đầu giai đoạn sinh hoạt"),
    _("Ngày bắt đầu của giai đoạn (và ngày kết thúc của giai đoạn trước) trước và sau"),
)
audit.register_action(
    "position.assign", _("Giao chức vụ công đoàn"), _("Người, đơn vị, chức vụ, nhiệm kỳ và ngày bắt đầu")
)
audit.register_action(
    "position.end", _("Kết thúc chức vụ công đoàn"), _("Ngày kết thúc chức vụ (không gồm ngày đó)")
)
audit.register_action(
    "workforce.record",
    _("Ghi số CBCCVCLĐ"),
    _("Tổng số và số nữ CBCCVCLĐ của đơn vị tại một ngày"),
)


# -- figures (core.figures) and the dashboard --------------------------------------------------------
Figure, Measure, Rollup = figures.Figure, figures.Measure, figures.Rollup


def _records(**fixed):
    """The register as it was (``MemberFilters.dated``): the people a member figure counts in the
    unit's subtree, on ``as_of`` or over the period."""
    return figures.records_at("members:list", descendants="on", status="all", **fixed)


figures.register_group(
    "members",
    permission=VIEW,
    compute=selectors.member_figure_values,
    by_month=selectors.member_flows_by_month,
    total=selectors.member_figure_totals,
    figures=[
        Figure("members.total", _("Tổng số đoàn viên"), records_url=_records()),
        Figure("members.female", _("Đoàn viên nữ"), records_url=_records(sex=Sex.FEMALE)),
        Figure("members.joined", _("Kết nạp mới trong kỳ"), records_url=_records(flow="joined")),
        Figure("members.left", _("Ra khỏi tổ chức trong kỳ"), records_url=_records(flow="left")),
        # The members a recorded workforce counts, and the units holding members (selectors._coverage).
        Figure(
            "members.with_workforce", _("Đoàn viên của các đơn vị đã có số CBCCVCLĐ"), rule=Rollup.OWN_OR_SUM
        ),
        Figure("workforce.units_with_members", _("Đơn vị có đoàn viên"), Measure.UNITS),
        Figure(
            "workforce.units_covered",
            _("Đơn vị có đoàn viên đã có số CBCCVCLĐ"),
            Measure.UNITS,
            Rollup.OWN_OR_SUM,
        ),
    ],
)
figures.register_group(
    "workforce",
    permission=VIEW,
    compute=selectors.workforce_figure_values,
    figures=[
        Figure(
            "workforce.total",
            _("Số CBCCVCLĐ"),
            rule=Rollup.OWN_OR_SUM,
            # The statistics page: each unit's recorded workforce on the date, and its subtree's.
            records_url=lambda unit_id, _period, as_of: figures.records_link(
                "members:stats", unit=unit_id, on=as_of
            ),
        )
    ],
)
figures.register_computed(
    Figure(
        "members.rate_percent",
        _("Tỷ lệ đoàn viên"),
        Measure.PERCENT,
        Rollup.COMPUTED,
        # over the units whose workforce is recorded: all members over a partial workforce overstates it
        inputs=("members.with_workforce", "workforce.total"),
        formula=figures.percent,
    )
)
figures.register_computed(
    Figure(
        "workforce.missing_units",
        _("Đơn vị có đoàn viên chưa có số CBCCVCLĐ (không tính vào tỷ lệ)"),
        Measure.UNITS,
        Rollup.COMPUTED,
        inputs=("workforce.units_with_members", "workforce.units_covered"),
        formula=selectors.uncovered,
    )
)
MEMBER_CARD = (
    "members.total",
    "members.female",
    "workforce.total",
    "members.rate_percent",
    "members.joined",
    "members.left",
)


def _incoming(actor) -> list[plugins.TodoItem]:
    waiting = selectors.incoming_transfers(actor=actor).count()
    return [
        plugins.TodoItem(
            _("Đề nghị chuyển sinh hoạt đến chờ tiếp nhận"), reverse("members:transfers"), waiting, "inbox"
        )
    ]


def _checked_imports(actor) -> list[plugins.TodoItem]:
    waiting = importing.checked_not_written(actor=actor)
    if not waiting:
        return []
    url = reverse("jobs:detail", args=[waiting[0].pk]) if len(waiting) == 1 else reverse("members:import")
    return [
        plugins.TodoItem(_("Tệp nhập đã kiểm tra, chưa ghi vào sổ"), url, len(waiting), "file-earmark-check")
    ]


plugins.register_card(
    plugins.DashboardCard(
        "members", _("Đoàn viên"), "members/partials/card_members.html", None, VIEW, 20, MEMBER_CARD
    )
)
plugins.register_todo(_incoming)
plugins.register_todo(_checked_imports)
