"""The conferences module's plug-ins: audit actions, menu entries, the compliance figures
(``core.figures``: per kind, units due, units that held it, and the rate) and the dashboard card."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.members.models import OfficerPosition

from . import reminders, rules, selectors  # noqa: F401  (rules: the dated rules; reminders: its job)
from .models import Conference, ConferenceDocument, ConferenceKind, CongressTerm, Review
from .permissions import VIEW

plugins.register_menu(plugins.MenuEntry(_("Hội nghị"), "people-fill", "meetings:list", VIEW, 40))
plugins.register_menu(
    plugins.MenuEntry(_("Tình hình tổ chức hội nghị"), "clipboard-check", "meetings:compliance", VIEW, 41)
)
plugins.register_menu(plugins.MenuEntry(_("Đại hội, Ban Chấp hành"), "diagram-2", "meetings:terms", VIEW, 42))
plugins.register_menu(
    plugins.MenuEntry(_("Sơ kết, tổng kết"), "calendar-check", "meetings:reviews", VIEW, 43)
)

# A conference's resolution is a numbered document of the register; its page lists the conference.
links.register(
    Conference,
    label=lambda c: f"{c} — {c.unit}",
    url=lambda c: reverse("meetings:detail", args=[c.pk]),
)

# A review's report, the award decisions handed out and the plan launching the next year's emulation
# are documents of the register (roles of ``models.ReviewLink``); their pages list the review.
links.register(
    Review,
    label=lambda r: f"{r} — {r.unit}",
    url=lambda r: reverse("meetings:review", args=[r.pk]),
)

# -- audit -----------------------------------------------------------------------------------------
UNIT = "organizations.unit"
audit.register_object(
    "meetings.conferenceduty",
    {"unit": AuditField(_("Đơn vị"), "ref", ref=UNIT), "valid_from": AuditField(_("Từ ngày"), "date")},
)
audit.register_object(
    "meetings.conference",
    {"unit": AuditField(_("Đơn vị"), "ref", ref=UNIT), "held_on": AuditField(_("Ngày tổ chức"), "date")},
)
audit.register_object(
    "meetings.conferencedocument",
    {"conference": AuditField(_("Hội nghị"), "ref", ref="meetings.conference")},
)
audit.register_object(
    "meetings.vote",
    {"document": AuditField(_("Tài liệu được biểu quyết"), "ref", ref="meetings.conferencedocument")},
)
audit.register_resolver(
    "meetings.conference", lambda ids: {c.pk: str(c) for c in Conference.objects.filter(pk__in=ids)}
)
audit.register_resolver("meetings.conferencedocument", audit.names_of(ConferenceDocument, "title"))
if "documents.document" not in audit.RESOLVERS:
    audit.register_resolver("documents.document", audit.names_of(Document, "number_symbol"))
audit.register_object("meetings.congressterm", {"unit": AuditField(_("Đơn vị"), "ref", ref=UNIT)})
audit.register_object(
    "meetings.committeeseat",
    {
        "term": AuditField(_("Nhiệm kỳ đại hội"), "ref", ref="meetings.congressterm"),
        "position_held": AuditField(_("Chức vụ"), "ref", ref="members.officerposition"),
    },
)
audit.register_resolver("meetings.congressterm", audit.names_of(CongressTerm))
if "members.officerposition" not in audit.RESOLVERS:
    audit.register_resolver(
        "members.officerposition",
        lambda ids: {
            p.pk: str(p)
            for p in OfficerPosition.objects.filter(pk__in=ids).select_related("person", "position")
        },
    )
audit.register_action(
    "congress.term_record",
    _("Ghi nhiệm kỳ đại hội"),
    _("Đơn vị, nhiệm kỳ, ngày đại hội dự kiến và ngày tổ chức, số đại biểu"),
)
audit.register_action(
    "congress.elect",
    _("Ghi ủy viên Ban Chấp hành được bầu"),
    _("Nhiệm kỳ, chức vụ được giao (từ ngày đại hội) và số phiếu bầu"),
)
audit.register_action(
    "conference.duty_set",
    _("Xác định đơn vị phải tổ chức hội nghị"),
    _("Đơn vị, loại hội nghị và ngày bắt đầu"),
)
audit.register_action(
    "conference.record",
    _("Ghi hội nghị"),
    _("Đơn vị, loại hội nghị, năm, ngày, số người được triệu tập và có mặt, chương trình, nghị quyết"),
)
audit.register_action(
    "conference.document_add", _("Thêm tài liệu hội nghị"), _("Hội nghị, loại tài liệu và tên tài liệu")
)
audit.register_action(
    "conference.resolution_link",
    _("Gắn nghị quyết (văn bản có số) với hội nghị"),
    _("Văn bản nghị quyết và số, ký hiệu của nó"),
    {
        "resolution": AuditField(_("Nghị quyết"), "ref", ref="documents.document"),
        "number": AuditField(_("Số, ký hiệu")),
    },
)
audit.register_object(
    "meetings.review",
    {"unit": AuditField(_("Đơn vị"), "ref", ref=UNIT), "held_on": AuditField(_("Ngày tổ chức"), "date")},
)
audit.register_object(
    "meetings.reviewaward", {"review": AuditField(_("Hội nghị"), "ref", ref="meetings.review")}
)
audit.register_object(
    "meetings.inspectionboard",
    {
        "conference": AuditField(_("Hội nghị bầu"), "ref", ref="meetings.conference"),
        "elected_on": AuditField(_("Ngày bầu"), "date"),
        "ends_on": AuditField(_("Hết nhiệm kỳ từ ngày"), "date"),
    },
)
audit.register_object(
    "meetings.committeechange",
    {
        "term": AuditField(_("Nhiệm kỳ đại hội"), "ref", ref="meetings.congressterm"),
        "on": AuditField(_("Ngày thay đổi"), "date"),
        "ended": AuditField(_("Chức vụ thôi giữ"), "ref", ref="members.officerposition"),
        "started": AuditField(_("Chức vụ được bầu bổ sung"), "ref", ref="members.officerposition"),
    },
)
audit.register_resolver(
    "meetings.review", lambda ids: {r.pk: str(r) for r in Review.objects.filter(pk__in=ids)}
)
audit.register_action(
    "review.record",
    _("Ghi hội nghị sơ kết, tổng kết"),
    _("Đơn vị, loại hội nghị, năm công tác, ngày, địa điểm, số đại biểu dự, phong trào thi đua phát động"),
)
audit.register_action(
    "review.award_add",
    _("Ghi khen thưởng trao tại hội nghị"),
    _("Hình thức khen thưởng, số tập thể và cá nhân được khen"),
)
audit.register_action(
    "review.link",
    _("Gắn văn bản với hội nghị sơ kết, tổng kết"),
    _("Báo cáo, quyết định khen thưởng hoặc kế hoạch phát động thi đua, và số, ký hiệu"),
    {
        "role": AuditField(_("Loại văn bản")),
        "document": AuditField(_("Văn bản"), "ref", ref="documents.document"),
        "number": AuditField(_("Số, ký hiệu")),
    },
)
audit.register_action(
    "conference.inspection_board",
    _("Ghi Ban thanh tra nhân dân được bầu"),
    _("Hội nghị bầu, nhiệm kỳ và các thành viên"),
    {"members": AuditField(_("Thành viên"))},
)
audit.register_action(
    "congress.committee_change",
    _("Ghi thay đổi Ban Chấp hành giữa nhiệm kỳ"),
    _("Ngày, chức vụ thôi giữ, người được bầu bổ sung, số phiếu và lý do"),
)
audit.register_action(
    "conference.remind",
    _("Gửi email nhắc tổ chức hội nghị"),
    _("Loại hội nghị, năm, số đơn vị được nhắc và số đơn vị bỏ qua"),
    {
        "kind": AuditField(_("Loại hội nghị")),
        "year": AuditField(_("Năm")),
        "sent": AuditField(_("Số đơn vị được nhắc")),
        "recent": AuditField(_("Bỏ qua: vừa được nhắc")),
        "no_address": AuditField(_("Bỏ qua: chưa có email")),
    },
)
audit.register_action(
    "conference.vote",
    _("Ghi kết quả biểu quyết"),
    _("Nội dung, số tán thành, không tán thành, không biểu quyết, kết quả và quy tắc áp dụng"),
)

# -- figures (core.figures) and the dashboard --------------------------------------------------------
Figure, Measure, Rollup = figures.Figure, figures.Measure, figures.Rollup
DUE_LABELS = {
    ConferenceKind.PUBLIC_EMPLOYEES: _("Đơn vị phải tổ chức Hội nghị CBCCVC"),
    ConferenceKind.WORKERS: _("Đơn vị phải tổ chức Hội nghị người lao động"),
    ConferenceKind.DIALOGUE: _("Đơn vị phải tổ chức đối thoại định kỳ"),
}
HELD_LABELS = {
    ConferenceKind.PUBLIC_EMPLOYEES: _("Đơn vị đã tổ chức Hội nghị CBCCVC"),
    ConferenceKind.WORKERS: _("Đơn vị đã tổ chức Hội nghị người lao động"),
    ConferenceKind.DIALOGUE: _("Đơn vị đã tổ chức đối thoại định kỳ"),
}
RATE_LABELS = {
    ConferenceKind.PUBLIC_EMPLOYEES: _("Tỷ lệ đơn vị tổ chức Hội nghị CBCCVC"),
    ConferenceKind.WORKERS: _("Tỷ lệ đơn vị tổ chức Hội nghị người lao động"),
    ConferenceKind.DIALOGUE: _("Tỷ lệ đơn vị tổ chức đối thoại định kỳ"),
}


def _units(kind: str, state: str):
    """The units behind a figure (``records_url``): the compliance page's list of the units of the
    subtree due to hold ``kind`` ("all") or of those that held it ("held"), for the period's year
    (the figures count the years from the period's start to the date read) as of that date."""

    def url(unit_id, period, as_of):
        return figures.records_link(
            "meetings:compliance", unit=unit_id, year=period.start.year, kind=kind, state=state, as_of=as_of
        )

    return url


figures.register_group(
    "meetings",
    permission=VIEW,
    compute=selectors.conference_figure_values,
    total=selectors.conference_figure_totals,
    figures=[
        Figure(name, label, Measure.UNITS, records_url=_units(kind, state))
        for kind in ConferenceKind
        for name, label, state in zip(
            selectors.figure_names(kind)[:2],
            (DUE_LABELS[kind], HELD_LABELS[kind]),
            ("all", "held"),
            strict=True,
        )
    ],
)
for kind in ConferenceKind:
    due, held, rate = selectors.figure_names(kind)
    figures.register_computed(
        Figure(
            rate,
            RATE_LABELS[kind],
            Measure.PERCENT,
            Rollup.COMPUTED,
            inputs=(held, due),
            formula=figures.percent,
        )
    )
figures.register_group(
    "congresses",
    permission=VIEW,
    compute=selectors.congress_figure_values,
    total=selectors.congress_figure_totals,
    figures=[
        Figure("congresses.expected", _("Đơn vị đến kỳ đại hội công đoàn"), Measure.UNITS),
        Figure("congresses.held", _("Đơn vị đã tổ chức đại hội công đoàn"), Measure.UNITS),
    ],
)
figures.register_computed(
    Figure(
        "congresses.rate_percent",
        _("Tỷ lệ đơn vị đã tổ chức đại hội"),
        Measure.PERCENT,
        Rollup.COMPUTED,
        inputs=("congresses.held", "congresses.expected"),
        formula=figures.percent,
    )
)
CARD = tuple(name for kind in ConferenceKind for name in selectors.figure_names(kind)[1::-1])
plugins.register_card(
    plugins.DashboardCard(
        "meetings", _("Hội nghị CBCCVC, người lao động"), "meetings/partials/card.html", None, VIEW, 40, CARD
    )
)
