"""The standard reports and the filing tracker, as data over the figures registry (``core.figures``).

A report is a list of **sections**; a section names the figures it shows, by name and by prefix
(``awards.by_form.`` takes every per-form figure the commendation module registers, whatever forms
are in its catalogue). A name nobody registered (its module is not installed) is left out of the
section, so every report works with the modules present and fills in as modules are added.

The sections of the year-end report (báo cáo tổng kết) follow seed 001 (CĐVC TP Hà Nội, 2022);
the mid-year review (sơ kết 6 tháng) follows seed 003 (workforce, members, initiatives, medals,
gifts). The commendation list (danh sách khen thưởng) and the rating summary (tổng hợp xếp loại CĐCS)
of a year add tables of records (``listing``) below their figures. A **filing part** (what a unit records of its year: the conference held, the emulation
registration…) is a figure name and a threshold: the unit has filed it when its own value is
above the threshold.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congdoan.core import figures


@dataclass(frozen=True)
class Section:
    code: str
    title: str | Promise
    names: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()

    def present(self) -> list[str]:
        """The section's figure names that are registered now, in the section's order, then each
        prefix's names in registration order."""
        registered = [f.name for f in figures.catalogue()]
        known = set(registered)
        shown = [name for name in self.names if name in known]
        for prefix in self.prefixes:
            shown += [name for name in registered if name.startswith(prefix) and name not in shown]
        return shown

    def shown(self, values: dict[str, int | None]) -> list[str]:
        """The names a report prints for ``values``: every named figure, and of the breakdowns a
        prefix brings (one per form, fund, kind of support…) those with something recorded; a
        catalogue of twenty kinds would otherwise print sixty lines of zeros."""
        named = set(self.names)
        return [n for n in self.present() if n in named or values.get(n)]


@dataclass(frozen=True)
class Report:
    code: str
    title: str | Promise
    sections: tuple[Section, ...]
    half_year: bool = False  # the period is the first half of the year (sơ kết 6 tháng)
    signed: bool = True  # issued as a numbered báo cáo through the documents register
    # The tables that follow the sections, read from another module's selectors (``selectors.LISTINGS``):
    # "awards" (the commendation list), "ratings" (the grassroots unions' grades); "" for none.
    listing: str = ""

    def names(self) -> list[str]:
        return [name for section in self.sections for name in section.present()]

    def section(self, code: str) -> Section:
        return next(s for s in self.sections if s.code == code)


ORGANISATION = Section(
    "organisation",
    _("Công tác tổ chức, phát triển đoàn viên"),
    (
        "units.grassroots",
        "workforce.total",
        "members.total",
        "members.female",
        "members.joined",
        "members.left",
        "members.rate_percent",
        "workforce.missing_units",
    ),
)
CONFERENCES = Section(
    "conferences",
    _("Hội nghị CBCCVC, hội nghị người lao động, đối thoại tại nơi làm việc"),
    (
        "conferences.cbccvc.expected",
        "conferences.cbccvc.held",
        "conferences.workers.expected",
        "conferences.workers.held",
        "dialogues.expected",
        "dialogues.held",
    ),
)
EMULATION = Section(
    "emulation",
    _("Phong trào thi đua, sáng kiến, đánh giá xếp loại"),
    (
        "emulation.registrations",
        "emulation.registrations_accepted",
        "initiatives.registered",
        "initiatives.recognised",
        "initiatives.target",
        "initiatives.percent",
        "ratings.total",
        "ratings.excellent",
    ),
    ("initiatives.by_round.",),  # per phase: seed 001's "giai đoạn 1 đạt 906 sáng kiến (127%)"
)
COMMENDATION = Section(
    "commendation",
    _("Công tác khen thưởng"),
    ("awards.collective", "awards.individual"),
    ("awards.by_form.",),
)
WELFARE = Section(
    "welfare",
    _("Chăm lo đời sống, thăm hỏi, tặng quà, hỗ trợ nhà ở"),
    ("welfare.cases", "welfare.people", "welfare.amount"),
    ("welfare.",),
)
FUNDS = Section("funds", _("Vận động đóng góp các quỹ"), ("funds.amount",), ("funds.by_fund.",))
CONGRESSES = Section(
    "congresses",
    _("Đại hội công đoàn các cấp"),
    ("congresses.expected", "congresses.held", "congresses.rate_percent"),
    ("congresses.",),
)

YEAR_END = Report(
    "tong-ket",
    _("Báo cáo tổng kết công tác công đoàn"),
    (ORGANISATION, CONFERENCES, EMULATION, COMMENDATION, WELFARE, FUNDS, CONGRESSES),
)
MID_YEAR = Report(
    "so-ket",
    _("Báo cáo sơ kết công tác công đoàn 6 tháng đầu năm"),
    (
        Section(
            "members",
            _("CBCCVCLĐ và đoàn viên"),
            (
                "workforce.total",
                "members.total",
                "members.female",
                "members.joined",
                "members.rate_percent",
                "workforce.missing_units",
            ),
        ),
        Section(
            "initiatives",
            _("Sáng kiến"),
            ("initiatives.registered", "initiatives.recognised", "initiatives.target", "initiatives.percent"),
            ("initiatives.",),
        ),
        Section(
            "awards",
            _("Khen thưởng, kỷ niệm chương"),
            ("awards.collective", "awards.individual"),
            ("awards.by_form.",),
        ),
        Section("gifts", _("Thăm hỏi, tặng quà"), ("welfare.cases", "welfare.people", "welfare.amount")),
    ),
    half_year=True,
)
MEMBERSHIP = Report(
    "thong-ke-doan-vien",
    _("Thống kê đoàn viên theo đơn vị"),
    (
        Section(
            "members",
            _("Đoàn viên"),
            (
                "members.total",
                "members.female",
                "members.joined",
                "members.left",
                "workforce.total",
                "members.rate_percent",
            ),
        ),
    ),
    signed=False,
)
COMMENDATION_LIST = Report(
    "khen-thuong",
    _("Danh sách khen thưởng"),
    (
        Section(
            "award_summary",
            _("Tổng hợp khen thưởng"),
            ("awards.collective", "awards.individual", "awards.amount"),
        ),
    ),
    listing="awards",
)
RATING_SUMMARY = Report(
    "xep-loai",
    _("Tổng hợp xếp loại công đoàn cơ sở"),
    (
        Section(
            "rating_summary",
            _("Tổng hợp xếp loại"),
            ("units.grassroots", "ratings.total", "ratings.excellent"),
        ),
    ),
    listing="ratings",
)
REPORTS = {r.code: r for r in (YEAR_END, MID_YEAR, MEMBERSHIP, COMMENDATION_LIST, RATING_SUMMARY)}
SIGNED = {code: r for code, r in REPORTS.items() if r.signed}
# The reports with a page, an xlsx file, the officer's texts and an issue of their own (``views._report_views``).
PAGES = (YEAR_END, MID_YEAR, COMMENDATION_LIST, RATING_SUMMARY)
# Every section a comparison of units may put side by side.
COMPARABLE = {s.code: s for r in (YEAR_END, MID_YEAR) for s in r.sections}


@dataclass(frozen=True)
class FilingPart:
    """A part of its year a grassroots union records: filed when the unit's own value of the figure
    ``name`` is above ``threshold``. Owed by every grassroots union of the subtree, or, with
    ``owed_by``, only by those whose own value of that figure is above 0 (a conference is owed where
    the unit has a ``ConferenceDuty`` of its kind, ``conferences.*.expected``: the workers'
    conference only where the unit has workers)."""

    code: str
    label: str | Promise
    name: str  # the figure
    threshold: int = 0  # filed when the unit's own value is above it
    owed_by: str = ""  # the figure saying the unit owes the part ("": every grassroots union)

    def names(self) -> tuple[str, ...]:
        return (self.name, self.owed_by) if self.owed_by else (self.name,)


FILING_PARTS = (
    FilingPart(
        "conference",
        _("Đã tổ chức Hội nghị CBCCVC"),
        "conferences.cbccvc.held",
        owed_by="conferences.cbccvc.expected",
    ),
    FilingPart(
        "workers",
        _("Đã tổ chức Hội nghị người lao động"),
        "conferences.workers.held",
        owed_by="conferences.workers.expected",
    ),
    FilingPart("dialogue", _("Đã tổ chức đối thoại định kỳ"), "dialogues.held", owed_by="dialogues.expected"),
    FilingPart("registration", _("Đã đăng ký thi đua"), "emulation.registrations"),
    FilingPart("rating", _("Đã tự đánh giá xếp loại"), "ratings.self_assessed"),
    FilingPart("initiatives", _("Đã nhập sáng kiến"), "initiatives.registered"),
    FilingPart("welfare", _("Đã nhập thăm hỏi, hỗ trợ"), "welfare.cases"),
)
FILING_CODES = {p.code for p in FILING_PARTS}


def filing_parts() -> list[FilingPart]:
    """The parts whose figures are registered now (a module not installed has no part)."""
    known = {f.name for f in figures.catalogue()}
    return [p for p in FILING_PARTS if all(n in known for n in p.names())]
