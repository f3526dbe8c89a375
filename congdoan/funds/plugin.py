"""The fund drives module's plug-ins: audit actions and objects, the menu entry, the documents a
drive may cite (``documents.links``), the figures (``funds.amount`` and one per fund of the
catalogue, ``funds.by_fund.<code>.amount``, a fund added in the admin included: VND contributed in
the period, summed up the tree) and the dashboard card."""

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField
from congdoan.core.labels import localized
from congdoan.documents import links
from congdoan.documents.models import Document

from . import importing, selectors  # noqa: F401  (importing: its import's job kinds)
from .catalogue import PREFIX, SHIPPED, TOTAL, figure_name
from .models import Drive, Fund
from .permissions import VIEW

plugins.register_menu(plugins.MenuEntry(_("Vận động ủng hộ quỹ"), "piggy-bank", "funds:list", VIEW, 60))

# A drive's launching document (a plan, a letter of the launching unit) is a document of the register.
links.register(
    Drive,
    label=lambda d: f"{d} — {d.unit}",
    url=lambda d: reverse("funds:detail", args=[d.pk]),
)

# -- audit -----------------------------------------------------------------------------------------
UNIT = "organizations.unit"
audit.register_object(
    "funds.drive",
    {
        "fund": AuditField(_("Quỹ"), "ref", ref="funds.fund"),
        "unit": AuditField(_("Đơn vị phát động"), "ref", ref=UNIT),
        "starts_on": AuditField(_("Ngày bắt đầu"), "date"),
        "ends_on": AuditField(_("Ngày kết thúc"), "date"),
        "document": AuditField(_("Văn bản phát động"), "ref", ref="documents.document"),
    },
)
audit.register_object(
    "funds.contribution",
    {
        "drive": AuditField(_("Đợt vận động"), "ref", ref="funds.drive"),
        "unit": AuditField(_("Đơn vị thu"), "ref", ref=UNIT),
        "contributor_unit": AuditField(_("Đơn vị ủng hộ"), "ref", ref=UNIT),
        "contributed_on": AuditField(_("Ngày ủng hộ"), "date"),
    },
)
audit.register_resolver("funds.fund", audit.names_of(Fund))
audit.register_resolver("funds.drive", audit.names_of(Drive))
if "documents.document" not in audit.RESOLVERS:
    audit.register_resolver("documents.document", audit.names_of(Document, "number_symbol"))
audit.register_action(
    "fund_drive.launch",
    _("Phát động đợt vận động ủng hộ quỹ"),
    _("Quỹ, đơn vị phát động, tên, thời gian và văn bản phát động"),
)
audit.register_action(
    "fund_contribution.record",
    _("Ghi nhận khoản ủng hộ quỹ"),
    _("Đợt vận động, đơn vị thu, người ủng hộ, số tiền, ngày và số biên nhận"),
)

# -- figures (core.figures) and the dashboard --------------------------------------------------------
Figure, Measure = figures.Figure, figures.Measure


def _fund_label(name: str, name_en: str):
    """ "Tiền ủng hộ Quỹ …" in the reader's language (the fund's name from the catalogue's row)."""
    return lazy(lambda: gettext("Tiền ủng hộ %(fund)s") % {"fund": localized(name, name_en)}, str)()


def _fund_figures() -> list[figures.Figure]:
    """One figure per fund of the catalogue (those no longer in use too: their past drives count)."""
    return [
        Figure(
            figure_name(code),
            _fund_label(name, name_en),
            Measure.VND,
            records_url=figures.records_at("funds:contributions", fund=code),
        )
        for code, name, name_en in Fund.objects.order_by("order", "name").values_list(
            "code", "name", "name_en"
        )
    ]


figures.register_group(
    "funds",
    permission=VIEW,
    compute=selectors.fund_figure_values,
    total=selectors.fund_figure_totals,
    figures=[
        Figure(
            TOTAL,
            _("Tiền ủng hộ các quỹ"),
            Measure.VND,
            # The contributions of the unit's subtree dated in the period up to the date read.
            records_url=figures.records_at("funds:contributions"),
        )
    ],
)
figures.register_family("funds", prefix=PREFIX, figures=_fund_figures, models=(Fund,))
CARD = (TOTAL, *(figure_name(code) for code, *_rest in SHIPPED[:4]))
plugins.register_card(
    plugins.DashboardCard("funds", _("Vận động ủng hộ quỹ"), "funds/partials/card.html", None, VIEW, 60, CARD)
)
