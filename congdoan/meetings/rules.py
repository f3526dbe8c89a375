"""The conference rules that change over time, as dated data (``core.rules``; a new value is a
``RuleValue`` row from a date, entered in the admin).

- ``meetings.majority``: an item carries with more than (``strict``) or at least ``share`` of those
  present voting for it. Default: more than half (the rules before the Law on Democracy at the
  Grassroots 2022; decisions "by more than half of those present").
- ``meetings.quorum``: the conference is valid with at least ``share`` of those convened present.
  Default two thirds (the same older rules).
- ``meetings.deadline_months``: the annual conference is held within this many months after the
  work year ends (Law 10/2022/QH15, in force 01/07/2023: three months).
- ``meetings.inspection_board_size``: the people's inspection board elected by the conference has
  from ``min`` to ``max`` members (3 to 9).
- ``meetings.inspection_board_years``: its term, in years (two).
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.rules import register_rule

MAJORITY = register_rule(
    "meetings.majority",
    {"share": [1, 2], "strict": True},
    gettext_lazy("Tỷ lệ biểu quyết tán thành để thông qua (trên số người có mặt)"),
    source="Quy chế hội nghị cán bộ, công chức, viên chức: quá nửa số người có mặt tán thành",
)
QUORUM = register_rule(
    "meetings.quorum",
    [2, 3],
    gettext_lazy("Số người có mặt tối thiểu để hội nghị hợp lệ (trên số được triệu tập)"),
    source="Quy chế hội nghị cán bộ, công chức, viên chức: ít nhất hai phần ba số được triệu tập",
)
DEADLINE_MONTHS = register_rule(
    "meetings.deadline_months",
    3,
    gettext_lazy("Thời hạn tổ chức hội nghị hằng năm (số tháng sau khi kết thúc năm công tác)"),
    source="Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (hiệu lực 01/07/2023)",
)
INSPECTION_BOARD_SIZE = register_rule(
    "meetings.inspection_board_size",
    {"min": 3, "max": 9},
    gettext_lazy("Số thành viên Ban thanh tra nhân dân (tối thiểu, tối đa)"),
    source="Ban thanh tra nhân dân do hội nghị cán bộ, công chức, viên chức bầu: từ 3 đến 9 thành viên",
)
INSPECTION_BOARD_YEARS = register_rule(
    "meetings.inspection_board_years",
    2,
    gettext_lazy("Nhiệm kỳ Ban thanh tra nhân dân (số năm)"),
    source="Nhiệm kỳ của Ban thanh tra nhân dân là 2 năm",
)


def board_size(on: dt.date) -> tuple[int, int]:
    size = INSPECTION_BOARD_SIZE.on(on)
    return int(size["min"]), int(size["max"])


def board_ends_on(elected_on: dt.date) -> dt.date:
    """The first day after the term of a board elected on ``elected_on`` (same day, N years on;
    29/02 → 01/03)."""
    years = int(INSPECTION_BOARD_YEARS.on(elected_on))
    try:
        return elected_on.replace(year=elected_on.year + years)
    except ValueError:
        return dt.date(elected_on.year + years, 3, 1)


def _fraction(value) -> Fraction:
    numerator, denominator = value
    return Fraction(int(numerator), int(denominator))


@dataclass(frozen=True)
class Outcome:
    """How a vote came out under the rules of its day."""

    quorate: bool
    carried: bool
    rule: str

    @property
    def adopted(self) -> bool:
        return self.quorate and self.carried


def vote_outcome(*, on: dt.date, expected: int, present: int, votes_for: int) -> Outcome:
    """Whether ``votes_for`` of ``present`` (of ``expected`` convened) adopts an item on ``on``."""
    majority = MAJORITY.on(on)
    share, strict = _fraction(majority["share"]), bool(majority.get("strict", True))
    quorum = _fraction(QUORUM.on(on))
    quorate = present > 0 and Fraction(present) >= quorum * expected
    needed = share * present
    carried = Fraction(votes_for) > needed if strict else Fraction(votes_for) >= needed
    words = _("quá %(share)s số có mặt") if strict else _("ít nhất %(share)s số có mặt")
    rule = _("Tán thành %(majority)s; hợp lệ khi có mặt ít nhất %(quorum)s số được triệu tập") % {
        "majority": words % {"share": f"{share.numerator}/{share.denominator}"},
        "quorum": f"{quorum.numerator}/{quorum.denominator}",
    }
    return Outcome(quorate, carried, rule)


def is_quorate(*, on: dt.date, expected: int, present: int) -> bool:
    return present > 0 and Fraction(present) >= _fraction(QUORUM.on(on)) * expected


def deadline(year: int) -> dt.date:
    """The last day to hold the conference of ``year``: the months of the rule in force when the
    previous work year ended, counted from its end (31/03 with three months)."""
    year_end = dt.date(year - 1, 12, 31)
    months = int(DEADLINE_MONTHS.on(year_end))
    month = months % 12 + 1
    first_after = dt.date(year + (months // 12), month, 1)
    return first_after - dt.timedelta(days=1)


def last_complete_year(on: dt.date) -> int:
    """The last work year that has ended by ``on``: what compliance shows unless asked otherwise
    (its conferences are due by now, or nearly; this year's are mostly still to come)."""
    return on.year - 1
