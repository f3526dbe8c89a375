"""The welfare module's plug-ins: audit actions and objects, menu entries, the links of cases to
documents, the figures (``core.figures``: ``welfare.cases``, ``welfare.people``, ``welfare.amount``,
``welfare.gifts``, and split by kind of support and by kind of programme, one family of figures per
catalogue so a kind added in the admin has its figures: ``welfare.by_kind.<code>.people|count|amount``,
``welfare.by_programme.<code>.people|gifts|amount``, and by source, a fixed choice:
``welfare.by_source.<source>.count|amount``; see ``selectors``) and the dashboard card."""

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.core.labels import localized
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.funds import payouts
from congdoan.members.permissions import personal_unit_rule

from . import selectors
from .models import GiftItem, House, HouseKind, Programme, ProgrammeKind, Source, SupportCase, SupportKind
from .permissions import VIEW

plugins.register_menu(plugins.MenuEntry(_("Hỗ trợ đoàn viên"), "heart-fill", "welfare:cases", VIEW, 50))
plugins.register_menu(
    plugins.MenuEntry(_("Chương trình chăm lo"), "gift-fill", "welfare:programmes", VIEW, 51)
)
plugins.register_menu(
    plugins.MenuEntry(_("Nhà tình nghĩa, tình thương"), "house-heart-fill", "welfare:houses", VIEW, 52)
)
plugins.register_menu(plugins.MenuEntry(_("Tổng hợp chăm lo"), "bar-chart-fill", "welfare:totals", VIEW, 53))

# A case's decision is a numbered document of the register; its page lists the case.
links.register(
    SupportCase,
    label=lambda c: f"{c} — {c.unit}",
    url=lambda c: reverse("welfare:case", args=[c.pk]),
)
# A programme (Tết, 27/7, a survey's gifts) is what a news article about the event links to.
links.register(
    Programme,
    label=lambda p: f"{p.title} — {p.unit}",
    url=lambda p: reverse("welfare:programme", args=[p.pk]),
)

# A case paid by a fund drive is listed on the drive's page (what the drive paid for).
payouts.register(selectors.paid_by_drive)

# -- audit -----------------------------------------------------------------------------------------
UNIT = "organizations.unit"
audit.register_object(
    "welfare.programme",
    {
        "unit": AuditField(_("Đơn vị tổ chức"), "ref", ref=UNIT),
        "kind": AuditField(_("Loại chương trình"), "ref", ref="welfare.programmekind"),
        "starts_on": AuditField(_("Từ ngày"), "date"),
        "ends_on": AuditField(_("Đến ngày"), "date"),
    },
)
audit.register_object(
    "welfare.supportcase",
    {
        "unit": AuditField(_("Đơn vị quyết định"), "ref", ref=UNIT),
        "kind": AuditField(_("Loại hỗ trợ"), "ref", ref="welfare.supportkind"),
        "programme": AuditField(_("Chương trình"), "ref", ref="welfare.programme"),
        "source_unit": AuditField(_("Quỹ công đoàn của đơn vị"), "ref", ref=UNIT),
        "drive": AuditField(_("Cuộc vận động chi trả"), "ref", ref="funds.drive"),
        "decided_on": AuditField(_("Ngày hỗ trợ"), "date"),
        "house_kind": AuditField(_("Loại nhà"), "ref", ref="welfare.housekind"),
        "house_handed_over_on": AuditField(_("Ngày bàn giao"), "date"),
        "house_work": AuditField(_("Xây mới hay sửa chữa"), "choice", choices=dict(House.Work.choices)),
        "house_location": AuditField(_("Địa điểm")),
        "house_contributors": AuditField(_("Đơn vị, cá nhân đóng góp")),
    },
    personal=("person", "beneficiary_name", "relation", "note"),
    personal_rule=personal_unit_rule,
)
audit.register_object(
    "welfare.giftitem",
    {
        "programme": AuditField(_("Chương trình"), "ref", ref="welfare.programme"),
        "kind": AuditField(_("Loại hỗ trợ"), "ref", ref="welfare.supportkind"),
        "given_on": AuditField(_("Ngày trao"), "date"),
        "amount": AuditField(_("Thành tiền")),
    },
)
audit.register_resolver("welfare.programme", audit.names_of(Programme, "title"))
audit.register_resolver("welfare.supportkind", audit.names_of(SupportKind))
audit.register_resolver("welfare.programmekind", audit.names_of(ProgrammeKind))
audit.register_resolver("welfare.housekind", audit.names_of(HouseKind))
audit.register_resolver("welfare.giftitem", audit.names_of(GiftItem, "description"))
if "documents.document" not in audit.RESOLVERS:
    audit.register_resolver("documents.document", audit.names_of(Document, "number_symbol"))
audit.register_action(
    "welfare.programme_create",
    _("Ghi chương trình chăm lo"),
    _("Đơn vị tổ chức, loại, tên, thời gian và đoàn khảo sát đi cùng"),
)
audit.register_action(
    "welfare.case_create",
    _("Ghi hỗ trợ đoàn viên"),
    _("Đơn vị quyết định, loại hỗ trợ, người nhận, số tiền, nguồn kinh phí, ngày và chương trình"),
)
audit.register_action(
    "welfare.house_record",
    _("Ghi nhà tình nghĩa, nhà tình thương, Mái ấm Công đoàn"),
    _("Loại nhà, xây mới hay sửa chữa, người nhận, địa điểm, số tiền, người đóng góp, ngày bàn giao"),
)
audit.register_action(
    "welfare.item_add",
    _("Ghi quà trong chương trình chăm lo"),
    _("Chương trình, quà, số suất, trị giá mỗi suất, ngày trao và nguồn kinh phí"),
)
audit.register_action(
    "welfare.document_link",
    _("Gắn quyết định (văn bản có số) với trường hợp hỗ trợ"),
    _("Văn bản và số, ký hiệu của nó"),
    {
        "document": AuditField(_("Văn bản"), "ref", ref="documents.document"),
        "number": AuditField(_("Số, ký hiệu")),
    },
)

# -- figures and the dashboard ---------------------------------------------------------------------
Figure, Measure = figures.Figure, figures.Measure
SOURCE_COUNT = gettext_noop("Nguồn %(source)s: số lượt hỗ trợ, suất quà")
SOURCE_AMOUNT = gettext_noop("Nguồn %(source)s: số tiền")
# What the counts count where "người" reads wrong: support given (lượt), gift bags (suất quà).
TIMES, GIFTS = _("lượt"), _("suất quà")


def _source_label(pattern: str, label):
    """``pattern`` with the source's label, in the reader's language."""
    return lazy(lambda: gettext(pattern) % {"source": label}, str)()


# The support cases of the unit's subtree decided in the period up to the date (those people are
# who they helped); ``welfare.amount`` adds the gifts of programmes, listed under them (``gifts``).
CASES = figures.records_at("welfare:cases")

figures.register_group(
    "welfare",
    permission=VIEW,
    compute=selectors.welfare_figure_values,
    total=selectors.welfare_figure_totals,
    figures=[
        Figure(
            "welfare.cases",
            _("Lượt hỗ trợ đoàn viên, người lao động"),
            Measure.PEOPLE,
            counted=TIMES,
            records_url=CASES,
        ),
        Figure("welfare.people", _("Số người được hỗ trợ"), Measure.PEOPLE, records_url=CASES),
        Figure(
            "welfare.amount",
            _("Tổng tiền hỗ trợ, tặng quà"),
            Measure.VND,
            records_url=figures.records_at("welfare:cases", gifts=1),
        ),
        Figure("welfare.gifts", _("Số suất quà đã trao"), Measure.PEOPLE, counted=GIFTS),
        *(
            Figure(
                f"{selectors.BY_SOURCE}{code}.{part}",
                _source_label(pattern, label),
                measure,
                counted=TIMES if part == "count" else "",
            )
            for code, label in Source.choices
            for part, pattern, measure in (
                ("count", SOURCE_COUNT, Measure.PEOPLE),
                ("amount", SOURCE_AMOUNT, Measure.VND),
            )
        ),
    ],
)


def _label(pattern: str, name: str, name_en: str):
    """``pattern`` (a msgid with ``%(kind)s``) with the catalogue row's name, in the reader's language."""
    return lazy(lambda: gettext(pattern) % {"kind": localized(name, name_en)}, str)()


# The msgids the family labels use (``_label`` translates them when shown).
KIND_PEOPLE = gettext_noop("%(kind)s: số người được hỗ trợ")
KIND_COUNT = gettext_noop("%(kind)s: số lượt hỗ trợ, suất quà")
KIND_AMOUNT = gettext_noop("%(kind)s: số tiền")
PROGRAMME_PEOPLE = gettext_noop("Chương trình %(kind)s: số người được hỗ trợ")
PROGRAMME_GIFTS = gettext_noop("Chương trình %(kind)s: số suất quà")
PROGRAMME_AMOUNT = gettext_noop("Chương trình %(kind)s: số tiền")


def _kind_figures() -> list[figures.Figure]:
    return [
        Figure(f"{selectors.BY_KIND}{code}.{part}", _label(pattern, name, name_en), measure, counted=word)
        for code, name, name_en in SupportKind.objects.order_by("order", "name").values_list(
            "code", "name", "name_en"
        )
        for part, pattern, measure, word in (
            ("people", KIND_PEOPLE, Measure.PEOPLE, ""),
            ("count", KIND_COUNT, Measure.PEOPLE, TIMES),
            ("amount", KIND_AMOUNT, Measure.VND, ""),
        )
    ]


def _programme_figures() -> list[figures.Figure]:
    return [
        Figure(
            f"{selectors.BY_PROGRAMME}{code}.{part}", _label(pattern, name, name_en), measure, counted=word
        )
        for code, name, name_en in ProgrammeKind.objects.order_by("order", "name").values_list(
            "code", "name", "name_en"
        )
        for part, pattern, measure, word in (
            ("people", PROGRAMME_PEOPLE, Measure.PEOPLE, ""),
            ("gifts", PROGRAMME_GIFTS, Measure.PEOPLE, GIFTS),
            ("amount", PROGRAMME_AMOUNT, Measure.VND, ""),
        )
    ]


figures.register_family("welfare", prefix=selectors.BY_KIND, figures=_kind_figures, models=(SupportKind,))
figures.register_family(
    "welfare", prefix=selectors.BY_PROGRAMME, figures=_programme_figures, models=(ProgrammeKind,)
)
plugins.register_card(
    plugins.DashboardCard(
        "welfare",
        _("Chăm lo, hỗ trợ đoàn viên"),
        "welfare/partials/card.html",
        None,
        VIEW,
        50,
        ("welfare.cases", "welfare.people", "welfare.amount"),
    )
)
