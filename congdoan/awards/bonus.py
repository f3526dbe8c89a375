"""The bonus of an award: its multiple (dated rows of ``BonusMultiple``, or the title's own
multiple) × the base salary on the decision's date (the dated rule ``awards.base_salary``), rounded
up to the rule's step (``awards.bonus_rounding``: ten thousand đồng).

Sources: the base salary is 1.490.000 đồng from 01/07/2019 (Decree 38/2019/NĐ-CP), 1.800.000 from
01/07/2023 (Decree 24/2023/NĐ-CP), 2.340.000 from 01/07/2024 (Decree 73/2024/NĐ-CP), rows seeded by
``0002_seed_catalogue``. The rounding: "tiền thưởng sau khi nhân với hệ số mức lương cơ sở được làm
tròn số lên hàng chục nghìn đồng" (Decree 91/2017/NĐ-CP, Art. 68(2); checked against the article as quoted in the Central
Emulation and Commendation Board's answer of 02/07/2018), kept as a dated rule.
"""

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext_lazy as _

from congdoan.core.rules import register_rule

from .models import BonusMultiple, Form

BASE_SALARY = register_rule(
    "awards.base_salary",
    2_340_000,
    _("Mức lương cơ sở (đồng/tháng)"),
    source="Nghị định 73/2024/NĐ-CP, từ 01/07/2024",
)
ROUNDING = register_rule(
    "awards.bonus_rounding",
    10_000,
    _("Tiền thưởng làm tròn lên đến (đồng)"),
    source="Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2: làm tròn lên hàng chục nghìn đồng",
)


def base_salary_on(day: dt.date) -> int:
    return int(BASE_SALARY.on(day))


def multiple_of(kind, recipient: str, day: dt.date) -> Decimal | None:
    """The multiple of a form (its ``BonusMultiple`` row for ``recipient`` in force on ``day``; None:
    no bonus then) or of an emulation title (its own ``bonus_multiple``)."""
    if not isinstance(kind, Form):
        return kind.bonus_multiple
    form = kind
    row = (
        BonusMultiple.objects.active(day)
        .filter(form=form, recipient=recipient)
        .order_by("-valid_from")
        .values_list("multiple", flat=True)
        .first()
    )
    return row


def amount(multiple: Decimal | None, base: int, step: int) -> int:
    """``multiple`` × ``base`` rounded up to a multiple of ``step`` đồng (integer VND)."""
    if not multiple:
        return 0
    raw = Decimal(multiple) * Decimal(base)
    step = max(int(step), 1)
    return int((raw / step).to_integral_value(rounding=ROUND_CEILING)) * step


def rounding_on(day: dt.date) -> int:
    return int(ROUNDING.on(day))
