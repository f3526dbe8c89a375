"""The initiatives module's plug-ins: audit actions and objects, menu entries, document links, the
figures (registered, recognised, target, percent; issue 15 reads them by these names) and the
dashboard card."""

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.documents import links

from . import importing, selectors  # noqa: F401  (importing: its import's job kinds)
from .models import Initiative, InitiativeField, Programme, Round
from .permissions import VIEW

UNIT = "organizations.unit"

plugins.register_menu(plugins.MenuEntry(_("Sáng kiến"), "lightbulb", "initiatives:list", VIEW, 32))
plugins.register_menu(
    plugins.MenuEntry(_("Chương trình sáng kiến"), "bullseye", "initiatives:programmes", VIEW, 33)
)

audit.register_object(
    "initiatives.programme",
    {
        "unit": AuditField(_("Đơn vị phát động"), "ref", ref=UNIT),
        "starts_on": AuditField(_("Ngày phát động"), "date"),
        "ends_on": AuditField(_("Ngày kết thúc"), "date"),
        "goal": AuditField(_("Chỉ tiêu chung")),
    },
)
audit.register_object(
    "initiatives.target",
    {
        "round": AuditField(_("Đợt"), "ref", ref="initiatives.round"),
        "unit": AuditField(_("Đơn vị nhận"), "ref", ref=UNIT),
        "given_by": AuditField(_("Đơn vị giao"), "ref", ref=UNIT),
        "count": AuditField(_("Chỉ tiêu")),
        "over_allocated": AuditField(_("Giao vượt")),
        "over_reason": AuditField(_("Lý do giao vượt")),
    },
)
audit.register_object(
    "initiatives.initiative",
    {
        "unit": AuditField(_("Đơn vị"), "ref", ref=UNIT),
        "field": AuditField(_("Lĩnh vực"), "ref", ref="initiatives.initiativefield"),
        "round": AuditField(_("Đợt"), "ref", ref="initiatives.round"),
        "applied_on": AuditField(_("Ngày áp dụng"), "date"),
        "registered_on": AuditField(_("Ngày đăng ký"), "date"),
        "benefit": AuditField(_("Hiệu quả (đồng)")),
        "authors": AuditField(_("Tác giả (mã đoàn viên: tỷ lệ %)"), "list"),
        "state": AuditField(_("Trạng thái"), choices=dict(Initiative.State.choices)),
    },
)
audit.register_resolver("initiatives.programme", audit.names_of(Programme))
audit.register_resolver(
    "initiatives.round", lambda ids: {r.pk: str(r) for r in Round.objects.filter(pk__in=ids)}
)
audit.register_resolver("initiatives.initiativefield", audit.names_of(InitiativeField))

for code, label, description in [
    (
        "initiative_programme.create",
        _("Phát động chương trình sáng kiến"),
        _("Đơn vị phát động, tên, thời gian, chỉ tiêu chung"),
    ),
    (
        "initiative_target.set",
        _("Giao chỉ tiêu sáng kiến"),
        _("Đợt, đơn vị giao, đơn vị nhận, chỉ tiêu trước và sau"),
    ),
    ("initiative.create", _("Đăng ký sáng kiến"), _("Tên, đơn vị, lĩnh vực, ngày, hiệu quả và tác giả")),
    ("initiative.attach", _("Đính kèm tệp vào sáng kiến"), _("Tên, dung lượng và loại tệp")),
    ("initiative.start_review", _("Đưa sáng kiến vào xét"), _("Trạng thái trước và sau")),
    ("initiative.recognise", _("Công nhận sáng kiến"), _("Trạng thái trước và sau")),
    ("initiative.refuse", _("Không công nhận sáng kiến"), _("Trạng thái trước và sau, lý do")),
]:
    audit.register_action(code, label, description)

# The programme's plan and the council's decisions are documents of the register.
links.register(Programme, label=lambda p: p.name, url=lambda p: reverse("initiatives:programme", args=[p.pk]))
links.register(Initiative, label=lambda i: i.title, url=lambda i: reverse("initiatives:detail", args=[i.pk]))

# -- figures (core.figures) and the dashboard --------------------------------------------------------
Figure, Measure, Rollup = figures.Figure, figures.Measure, figures.Rollup
INITIATIVES = _("sáng kiến")  # what the counts count: "906 sáng kiến", not "906 đơn vị"
figures.register_group(
    "initiatives",
    permission=VIEW,
    compute=selectors.initiative_figure_values,
    total=selectors.initiative_figure_totals,
    figures=[
        Figure(
            "initiatives.registered",
            _("Sáng kiến đăng ký"),
            Measure.UNITS,
            counted=INITIATIVES,
            records_url=figures.records_at("initiatives:list"),
        ),
        Figure(
            "initiatives.recognised",
            _("Sáng kiến được công nhận"),
            Measure.UNITS,
            counted=INITIATIVES,
            records_url=figures.records_at("initiatives:list", state=Initiative.State.RECOGNISED),
        ),
        # A unit's own target stands for its subtree (what it passed down is part of it).
        Figure(
            "initiatives.target",
            _("Chỉ tiêu sáng kiến được giao"),
            Measure.UNITS,
            Rollup.OWN_OR_SUM,
            counted=INITIATIVES,
        ),
    ],
)
figures.register_computed(
    Figure(
        "initiatives.percent",
        _("Tỷ lệ sáng kiến được công nhận so với chỉ tiêu"),
        Measure.PERCENT,
        Rollup.COMPUTED,
        inputs=("initiatives.recognised", "initiatives.target"),
        formula=figures.percent,
        against_target=True,  # 127 % of the target is the target exceeded, not a figure to check
    )
)
ROUND_LABELS = {
    "registered": _("Đợt {number}: sáng kiến đăng ký"),
    "recognised": _("Đợt {number}: sáng kiến được công nhận"),
    "target": _("Đợt {number}: chỉ tiêu sáng kiến được giao"),
    "percent": _("Đợt {number}: tỷ lệ sáng kiến được công nhận so với chỉ tiêu"),
}


def _round_figures() -> list[figures.Figure]:
    """Per round number (đợt, giai đoạn: seed 001's "giai đoạn 1 đạt 906 sáng kiến (127%)", seed
    003's initiatives by phase) the figures of ``initiatives.*`` for that round alone."""
    out = []
    for number in selectors.round_numbers():
        prefix = f"{selectors.BY_ROUND}{number}."
        label = {part: format_lazy(pattern, number=number) for part, pattern in ROUND_LABELS.items()}
        out += [
            Figure(f"{prefix}registered", label["registered"], Measure.UNITS, counted=INITIATIVES),
            Figure(f"{prefix}recognised", label["recognised"], Measure.UNITS, counted=INITIATIVES),
            Figure(f"{prefix}target", label["target"], Measure.UNITS, Rollup.OWN_OR_SUM, counted=INITIATIVES),
            Figure(
                f"{prefix}percent",
                label["percent"],
                Measure.PERCENT,
                Rollup.COMPUTED,
                inputs=(f"{prefix}recognised", f"{prefix}target"),
                formula=figures.percent,
                against_target=True,
            ),
        ]
    return out


figures.register_family("initiatives", prefix=selectors.BY_ROUND, figures=_round_figures, models=(Round,))
plugins.register_card(
    plugins.DashboardCard(
        "initiatives",
        _("Sáng kiến"),
        "initiatives/partials/card_initiatives.html",
        None,
        VIEW,
        32,
        ("initiatives.registered", "initiatives.recognised", "initiatives.target", "initiatives.percent"),
    )
)
