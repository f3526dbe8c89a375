"""Rules of the register that change over time (values kept as ``core.RuleValue`` rows)."""

from django.utils.translation import gettext_lazy as _

from congdoan.core.rules import register_rule

MIN_AGE = register_rule(
    "members.min_age",
    15,
    _("Tuổi tối thiểu của đoàn viên khi kết nạp"),
    source=(
        "Bộ luật Lao động 2019, Điều 143: người lao động từ đủ 15 tuổi được giao kết hợp đồng lao động; "
        "Điều lệ Công đoàn Việt Nam (2020), Điều 1: đoàn viên là người lao động."
    ),
)
