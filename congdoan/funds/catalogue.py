"""The funds shipped with the system (migration 0002 writes them; the admin adds others).

Each fund of the catalogue has its figure ``funds.by_fund.<code>.amount`` (``plugin.py``, a family of
``core.figures``): the shipped funds' codes are fixed here, a fund added later in the admin gets its
own figure under its code, and every fund counts in ``funds.amount``.
"""

# (code, Vietnamese name, English name, order)
SHIPPED = (
    ("bien_dao", "Quỹ “Vì biển đảo Việt Nam”", "Fund for Vietnam's seas and islands", 10),
    (
        "den_on_dap_nghia",
        "Quỹ “Đền ơn đáp nghĩa”",
        "Gratitude fund (for families of war martyrs and invalids)",
        20,
    ),
    ("vi_nguoi_ngheo", "Quỹ “Vì người nghèo”", "Fund for the poor", 30),
    ("xa_hoi", "Quỹ xã hội", "Social fund", 40),
    ("uong_nuoc_nho_nguon", "Quỹ “Uống nước nhớ nguồn”", "“Remember the source” fund", 50),
    ("khuyen_hoc", "Quỹ Khuyến học", "Study promotion fund", 60),
)
CODES = tuple(code for code, *_rest in SHIPPED)


PREFIX = "funds.by_fund."


def figure_name(code: str) -> str:
    """``funds.by_fund.<code>.amount``."""
    return f"{PREFIX}{code}.amount"


TOTAL = "funds.amount"
