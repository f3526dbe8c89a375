"""Fund drives of the demo (issue 13, seed 001), entered through the funds services, so the audit log
is real. Idempotent: a drive already recorded is left alone.

Seed 001 (CĐVC TP Hà Nội, review of 2022) reports three results of its drives in 2022. The article
gives rounded figures and no breakdown; the exact totals below are chosen to round to its words, and
the split among the 58 grassroots unions (CĐCS), the dates and the receipt numbers are invented:

- Quỹ "Vì biển đảo Việt Nam", "gần 2,1 tỷ đồng": exactly 2.087.500.000 đồng;
- Quỹ xã hội and Quỹ "Đền ơn đáp nghĩa", "gần 700 triệu đồng" together: the article does not split
  them; we record 412.300.000 đồng for the social fund and 284.900.000 đồng for "Đền ơn đáp nghĩa",
  together 697.200.000 đồng;
- Quỹ "Vì người nghèo", "khoảng 1,3 tỷ đồng": exactly 1.304.200.000 đồng.

Each fund is one drive launched by CĐVC TP Hà Nội for the year 2022 (01/01-31/12/2022); each of its
58 CĐCS gives once per drive, as a unit, an amount in whole hundreds of thousands of đồng (weights
1-7 in turn, the last CĐCS taking what rounding left), entered as one batch per drive, as the grid of
the CĐCS would enter it.
"""

import datetime as dt

from congdoan.accounts.models import User
from congdoan.funds import services
from congdoan.funds.models import Drive, Fund
from congdoan.organizations.models import Unit, UnitVersion

LAUNCHER = "CDVC-HN"
YEAR_START, YEAR_END = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
STEP = 100_000  # amounts in whole hundreds of thousands of đồng
# fund code -> (drive name, exact total in đồng, receipt prefix)
DRIVES = {
    "bien_dao": ("Ủng hộ Quỹ “Vì biển đảo Việt Nam” năm 2022", 2_087_500_000, "BD"),
    "xa_hoi": ("Ủng hộ Quỹ xã hội năm 2022", 412_300_000, "XH"),
    "den_on_dap_nghia": ("Ủng hộ Quỹ “Đền ơn đáp nghĩa” năm 2022", 284_900_000, "DO"),
    "vi_nguoi_ngheo": ("Ủng hộ Quỹ “Vì người nghèo” năm 2022", 1_304_200_000, "VN"),
}


def split(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` amounts, multiples of ``STEP`` weighted 1-7 in turn, summing exactly."""
    weights = [1 + i % 7 for i in range(parts)]
    unit = total / sum(weights)
    amounts = [int(unit * w) // STEP * STEP for w in weights[:-1]]
    return [*amounts, total - sum(amounts)]


def _cdcs(launcher: Unit) -> list[int]:
    """The grassroots unions directly below the launcher at the end of 2022, in tree order."""
    versions = UnitVersion.objects.active(YEAR_END).filter(parent=launcher, kind__is_grassroots=True)
    return list(versions.order_by("path").values_list("unit_id", flat=True))


def load_funds(*, admin: User) -> int:
    """The drives and their contributions; the number of contributions written by this run."""
    launcher = Unit.objects.filter(code=LAUNCHER).first()
    if launcher is None:
        return 0
    written = 0
    units = _cdcs(launcher)
    for code, (name, total, prefix) in DRIVES.items():
        fund = Fund.objects.get(code=code)
        if Drive.objects.filter(unit=launcher, fund=fund, starts_on=YEAR_START).exists():
            continue
        drive = services.drive_launch(
            actor=admin, fund=fund, unit=launcher, name=name, starts_on=YEAR_START, ends_on=YEAR_END
        )
        entries = [
            services.Entry(
                {
                    "kind": "unit",
                    "unit": unit_id,
                    "contributor_unit": unit_id,
                    "amount": amount,
                    "contributed_on": dt.date(2022, 3 + n % 9, 1 + n % 28),
                    "receipt_no": f"{prefix}-{n:03d}",
                },
                number=n,
            )
            for n, (unit_id, amount) in enumerate(zip(units, split(total, len(units)), strict=True), start=1)
        ]
        written += len(services.contributions_record_many(actor=admin, drive=drive, entries=entries))
    return written
