"""The awards module's plug-ins: audit actions and objects, menu entries, links from decisions to the
document register, the figures (awards given in the period by collective/individual and per form)
and the dashboard card."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.documents import links
from congdoan.emulation import hooks as emulation_hooks

from . import records, selectors
from .catalogue import NAMES
from .models import Decision, Form, Recipient
from .permissions import VIEW

UNIT = "organizations.unit"

# The disciplines recorded here bar a grassroots union's top rating grade (emulation, issue 11 §6).
emulation_hooks.register_discipline_source("Hồ sơ kỷ luật", records.disciplines_in_year)

plugins.register_menu(plugins.MenuEntry(_("Khen thưởng"), "award", "awards:nominations", VIEW, 35))
plugins.register_menu(
    plugins.MenuEntry(_("Quyết định khen thưởng"), "patch-check", "awards:decisions", VIEW, 36)
)
plugins.register_menu(
    plugins.MenuEntry(_("Kỷ luật, xếp loại"), "clipboard-check", "awards:disciplines", VIEW, 37)
)
plugins.register_unit_link(
    plugins.UnitLink("awards", _("Khen thưởng của đơn vị"), "awards:unit", VIEW, "award")
)
plugins.register_member_section(
    plugins.PageSection(
        "awards", _("Khen thưởng"), "awards/partials/member_section.html", selectors.member_section, VIEW, 50
    )
)

plugins.register_unit_section(
    plugins.PageSection(
        "awards", _("Khen thưởng"), "awards/partials/unit_section.html", selectors.unit_section, VIEW, 50
    )
)

plugins.register_person_timeline(plugins.PersonTimeline("awards", selectors.person_timeline, VIEW, 50))

audit.register_object(
    "awards.nomination",
    {
        "unit": AuditField(_("Đơn vị đề nghị"), "ref", ref=UNIT),
        "issuer": AuditField(_("Cấp khen"), "ref", ref=UNIT),
        "reviewer": AuditField(_("Cấp đang xét"), "ref", ref=UNIT),
        "form": AuditField(_("Hình thức khen thưởng"), "ref", ref="awards.form"),
        "year": AuditField(_("Năm")),
        "lines": AuditField(_("Người, tập thể được đề nghị"), "list"),
        "votes": AuditField(_("Số phiếu đồng ý theo dòng đề nghị")),
        "achievements": AuditField(_("Thành tích đã sửa (người, tập thể)"), "list"),
        "initiatives": AuditField(_("Sáng kiến làm căn cứ theo dòng đề nghị")),
        "file": AuditField(_("Tệp hồ sơ")),
        "files": AuditField(_("Tệp hồ sơ"), "list"),
    },
)
audit.register_object(
    "awards.decision",
    {
        "document": AuditField(_("Số, ký hiệu quyết định")),
        "decided_on": AuditField(_("Ngày quyết định")),
        "awards": AuditField(_("Số người, tập thể được khen")),
        "total": AuditField(_("Tổng tiền thưởng (đồng)")),
    },
)
audit.register_object(
    "awards.discipline",
    {
        "unit": AuditField(_("Tập thể"), "ref", ref=UNIT),
        "starts_on": AuditField(_("Từ ngày"), "date"),
        "ends_on": AuditField(_("Đến ngày"), "date"),
    },
)
audit.register_object(
    "awards.taskrating",
    {"year": AuditField(_("Năm")), "unit": AuditField(_("Đơn vị đánh giá"), "ref", ref=UNIT)},
)
audit.register_object(
    "awards.earlierservice",
    {"starts_on": AuditField(_("Từ ngày"), "date"), "ends_on": AuditField(_("Đến ngày"), "date")},
)
audit.register_resolver("awards.form", audit.names_of(Form))

for code, label, description in [
    (
        "nomination.create",
        _("Đề nghị khen thưởng"),
        _("Đơn vị, hình thức, năm, cấp khen và người, tập thể được đề nghị"),
    ),
    (
        "nomination.update",
        _("Sửa hồ sơ đề nghị khen thưởng"),
        _("Báo cáo thành tích, hội đồng và số phiếu trước và sau"),
    ),
    ("nomination.attach", _("Thêm tệp vào hồ sơ khen thưởng"), _("Tên tệp")),
    ("nomination.submit", _("Gửi đề nghị khen thưởng"), _("Trạng thái trước và sau")),
    ("nomination.forward", _("Trình đề nghị khen thưởng lên cấp trên"), _("Trạng thái trước và sau")),
    ("nomination.approve", _("Xét đạt đề nghị khen thưởng"), _("Trạng thái trước và sau")),
    ("nomination.reject", _("Xét không đạt đề nghị khen thưởng"), _("Trạng thái và lý do")),
    ("nomination.return", _("Trả lại đề nghị khen thưởng"), _("Trạng thái và lý do trả lại")),
    ("nomination.decide", _("Quyết định khen thưởng theo đề nghị"), _("Trạng thái trước và sau")),
    (
        "decision.record",
        _("Ghi quyết định khen thưởng"),
        _("Số, ký hiệu, ngày, số người, tập thể và tổng tiền thưởng"),
    ),
    ("discipline.record", _("Ghi kỷ luật"), _("Cá nhân hoặc tập thể, hình thức, thời gian")),
    ("discipline.end", _("Kết thúc kỷ luật"), _("Ngày kết thúc trước và sau")),
    ("rating.record", _("Ghi xếp loại hoàn thành nhiệm vụ"), _("Cá nhân, năm, xếp loại")),
    (
        "service.record",
        _("Ghi quá trình công tác công đoàn trước đây"),
        _("Cá nhân, thời gian, chức vụ, tổ chức"),
    ),
]:
    audit.register_action(code, label, description)

links.register(Decision, label=lambda d: str(d), url=lambda d: reverse("awards:decision", args=[d.pk]))

# -- figures (core.figures) and the dashboard --------------------------------------------------------
Figure, Measure = figures.Figure, figures.Measure
GIVEN = "awards:given"  # the awards given in the unit's subtree, period and date (records_url)
COLLECTIVE, INDIVIDUAL = Recipient.COLLECTIVE, Recipient.INDIVIDUAL
COLLECTIVES = _("tập thể")  # a collective awarded may be a department, not a unit ("đơn vị")
_figures = [
    Figure(
        "awards.collective",
        _("Tập thể được khen thưởng"),
        Measure.UNITS,
        counted=COLLECTIVES,
        records_url=figures.records_at(GIVEN, recipient=COLLECTIVE),
    ),
    Figure(
        "awards.individual",
        _("Cá nhân được khen thưởng"),
        Measure.PEOPLE,
        records_url=figures.records_at(GIVEN, recipient=INDIVIDUAL),
    ),
    Figure("awards.amount", _("Tiền thưởng"), Measure.VND, records_url=figures.records_at(GIVEN)),
]
for code, name in NAMES.items():
    _figures += [
        Figure(
            f"awards.by_form.{code}.{kind}",
            label % {"form": name},
            measure,
            counted=counted,
            records_url=figures.records_at(GIVEN, recipient=kind, code=code),
        )
        for kind, label, measure, counted in (
            (COLLECTIVE, _("%(form)s: tập thể"), Measure.UNITS, COLLECTIVES),
            (INDIVIDUAL, _("%(form)s: cá nhân"), Measure.PEOPLE, ""),
        )
    ]
figures.register_group(
    "awards",
    permission=VIEW,
    compute=selectors.award_figure_values,
    total=selectors.award_figure_totals,
    figures=_figures,
)
plugins.register_card(
    plugins.DashboardCard(
        "awards",
        _("Khen thưởng"),
        "awards/partials/card_awards.html",
        None,
        VIEW,
        35,
        ("awards.collective", "awards.individual"),
    )
)
