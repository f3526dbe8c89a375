"""The ranking rule of emulation scoring, in one place (issue 11 §5: "ties broken by a stated rule"),
used by a block's ranking (``scoring.ranking``) and a level's (``levels.level_ranking``), stated on
both pages and in both Excel files (``RULE``).

1. A unit that failed a mandatory criterion (``veto``) gets no rank and comes last.
2. Higher total points rank first.
3. Equal totals: fewer penalty points (điểm trừ) rank first, then more bonus points (điểm thưởng):
   a total reached without deductions weighs more.
4. Units still equal share the rank and the next rank skips (competition ranking 1, 2, 2, 4): the
   unit's name is not a merit, so it only orders the listing (Vietnamese alphabetical order,
   ``core.text.vietnamese_sort_key``), never the rank.

Rows are any objects with ``total``, ``penalty``, ``bonus`` (Decimal), ``veto`` (str), ``unit_name``
and ``unit_id``; ``rank`` is set on them (0 for a vetoed unit).
"""

from django.utils.translation import gettext_lazy

from congdoan.core.text import vietnamese_sort_key

RULE = gettext_lazy(
    "Xếp hạng theo tổng điểm từ cao xuống thấp; bằng tổng điểm thì đơn vị ít điểm trừ hơn xếp trên, rồi"
    " đơn vị nhiều điểm thưởng hơn; vẫn bằng nhau thì cùng hạng, hạng sau bỏ qua số hạng đã dùng"
    " (1, 2, 2, 4), liệt kê theo tên đơn vị (thứ tự chữ cái tiếng Việt). Đơn vị không đạt một tiêu chí"
    " bắt buộc không được xếp hạng, đứng cuối."
)


def merit(row) -> tuple:
    """What decides the rank, best first when sorted ascending: total, penalty points (stored
    ≤ 0: their size counts), bonus."""
    return (-row.total, abs(row.penalty), -row.bonus)


def listing_key(row) -> tuple:
    """The listing order: vetoed last, by merit, then by name (Vietnamese order) and id."""
    return (
        bool(row.veto),
        merit(row),
        vietnamese_sort_key(row.unit_name or "", given_first=False),
        row.unit_id,
    )


def ranked(rows) -> list:
    """``rows`` in listing order with ``rank`` set by the rule above (no query)."""
    rows = sorted(rows, key=listing_key)
    previous = None
    for n, row in enumerate(rows, start=1):
        if row.veto:
            row.rank = 0
            continue
        row.rank = previous.rank if previous is not None and merit(previous) == merit(row) else n
        previous = row
    return rows
