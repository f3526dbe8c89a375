"""The organisation tree's plug-ins: its menu entry, its audit actions and how unit entries read,
names for unit ids in any entry, the dashboard's scope and unit card, the policy's authority, and
the tree the figures roll up (``core.figures``) with the units' own figure (``units.grassroots``)."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.core.dates import parse_date, today
from congdoan.core.periods import Period

from . import selectors
from .forms import DashboardScopeForm
from .models import RoleKind, UnitKind
from .permissions import UNITS_VIEW, policy

plugins.register_authority(policy.permissions_anywhere)
plugins.register_menu(
    plugins.MenuEntry(_("Cơ cấu tổ chức"), "diagram-3", "organizations:tree", UNITS_VIEW, 10)
)

# -- audit -----------------------------------------------------------------------------------------
UNIT_REF = "organizations.unit"
ON = AuditField(_("Ngày hiệu lực"), "date")
UNIT_STATE = "mã, tên, loại, địa chỉ, đơn vị cấp trên, đơn vị chỉ đạo chuyên môn, ngày hiệu lực"

audit.register_object(
    UNIT_REF,
    {
        # A unit's entries record its identity and its version on the change date.
        "name": AuditField(_("Tên đơn vị")),
        "short_name": AuditField(_("Tên viết tắt")),
        "kind": AuditField(_("Loại đơn vị"), "ref", ref="organizations.unitkind"),
        "address": AuditField(_("Địa chỉ")),
        "parent": AuditField(_("Đơn vị cấp trên quản lý"), "ref", ref=UNIT_REF),
        "guidance_parent": AuditField(_("Đơn vị chỉ đạo chuyên môn"), "ref", ref=UNIT_REF),
        "path": AuditField(_("Đường dẫn"), hidden=True),
        "depth": AuditField(_("Cấp"), hidden=True),
    },
)
for code, label in [
    ("unit.create", _("Thành lập đơn vị")),
    ("unit.update", _("Sửa thông tin, đổi tên đơn vị")),
    ("unit.move", _("Chuyển đơn vị cấp trên")),
    ("unit.set_guidance", _("Đổi đơn vị chỉ đạo chuyên môn")),
    ("unit.merge", _("Sáp nhập vào đơn vị khác")),
    ("unit.dissolve", _("Giải thể đơn vị")),
]:
    audit.register_action(code, label, _("Thông tin đơn vị trước và sau thay đổi: ") + UNIT_STATE)
audit.register_action(
    "unit.absorb",
    _("Tiếp nhận đơn vị sáp nhập"),
    _("Mã các đơn vị sáp nhập vào và ngày hiệu lực"),
    {"merged": AuditField(_("Các đơn vị sáp nhập"), "list"), "on": ON},
)
audit.register_action(
    "role.close",
    _("Kết thúc vai trò do đơn vị chấm dứt"),
    _("Vai trò trên đơn vị sáp nhập hoặc giải thể, kết thúc từ ngày đơn vị chấm dứt"),
)
audit.register_action(
    "role.carry_over",
    _("Chuyển vai trò sang đơn vị tiếp nhận"),
    _("Vai trò cùng người giữ trên đơn vị tiếp nhận sau sáp nhập, và đơn vị cũ"),
    {"from_unit": AuditField(_("Đơn vị cũ"), "ref", ref=UNIT_REF)},
)
audit.register_resolver(UNIT_REF, lambda ids: selectors.unit_names(list(ids), today()))
for model in (UnitKind, RoleKind):
    audit.register_resolver(model._meta.label_lower, audit.names_of(model))


# -- dashboard -------------------------------------------------------------------------------------
def _scope(request):
    """``?unit=<id>`` (default the actor's unit), ``?ky=2025`` or ``?tu=&den=`` (default this year) and
    ``?as_of=`` (default the period's last day, or today); input that does not read is ignored."""
    try:
        unit_id = int(request.GET.get("unit", ""))
    except ValueError:
        unit_id = None
    try:
        period = Period.from_query(request.GET)
    except ValidationError:
        period = None
    now = today()
    try:
        as_of = parse_date(request.GET.get("as_of"))
    except ValidationError:
        as_of = None
    as_of = min(as_of or (period.as_of(now) if period else now), now)
    scope = selectors.dashboard_scope(actor=request.user, unit_id=unit_id, as_of=as_of, period=period)
    form = DashboardScopeForm(actor=request.user, unit_id=scope.unit_id, year=scope.period.start.year)
    return replace(scope, form=form)


plugins.register_dashboard_scope(_scope)
plugins.register_card(
    plugins.DashboardCard(
        "organizations.unit",
        _("Đơn vị"),
        "organizations/partials/card_unit.html",
        lambda actor, scope: selectors.unit_card(actor=actor, scope=scope),
        UNITS_VIEW,
        order=10,
        names=("units.grassroots",),
    )
)


# -- figures ---------------------------------------------------------------------------------------
def _can_then_or_now(actor, perm: str, unit_id: int, as_of) -> bool:
    """``perm`` on the unit on ``as_of`` or today: the rule by which ``reports.selectors.scope_read``
    opens a unit's figures, applied to each module's figures too. The officer who holds a unit today
    (a 2025 merger carried their role over) reads its past figures, not a report with every module's
    figures silently missing because the unit was elsewhere in the tree then."""
    return policy.can(actor, perm, unit_id, as_of) or (as_of != today() and policy.can(actor, perm, unit_id))


def _require_then_or_now(actor, perm: str, unit_id: int, as_of) -> None:
    """404/403 as ``policy.require`` (on ``as_of``) unless ``_can_then_or_now``."""
    if not _can_then_or_now(actor, perm, unit_id, as_of):
        policy.require(actor, perm, unit_id, as_of)


figures.register_tree(
    figures.Tree(
        nodes=selectors.subtree_nodes,
        can=_can_then_or_now,
        require=_require_then_or_now,
        paths=selectors.subtree_paths,
        children=selectors.child_nodes,
        path=selectors.unit_path,
    )
)
figures.register_group(
    "units",
    permission=UNITS_VIEW,
    compute=selectors.grassroots_figures,
    total=selectors.grassroots_total,
    figures=[
        figures.Figure(
            "units.grassroots",
            _("Số công đoàn cơ sở"),
            figures.Measure.UNITS,
            # The tree's list of the grassroots unions of the unit's subtree on the date read.
            records_url=lambda unit_id, _period, as_of: figures.records_link(
                "organizations:tree", unit=unit_id, grassroots=1, as_of=as_of
            ),
        )
    ],
)
