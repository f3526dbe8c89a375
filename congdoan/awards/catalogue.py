"""The shipped catalogue (issue 12 §1), as loaded by migration ``0002_seed_catalogue``: forms of
commendation with their issuer level, recipients and bonus multiples, and the eligibility rules.
The figures ``awards.by_form.<code>.*`` are registered for these codes. Administrators change the
rows (admin), never this file: a new decree is new dated rows.
"""

import datetime as dt

DECREE_91 = "Nghị định 91/2017/NĐ-CP, Điều 70–72"
DECREE_152 = "Nghị định 152/2025/NĐ-CP, hiệu lực 01/07/2025"
LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"
UNION_2024 = "Quy chế khen thưởng của tổ chức Công đoàn (2024)"
SINCE = dt.date(2017, 7, 31)  # Decree 91/2017 in force
D152 = dt.date(2025, 7, 1)

# code, name, English name, issuer level, recipients, once in lifetime,
# (individual, collective) multiples under Decree 91/2017, then under Decree 152/2025 (None: no bonus row).
FORMS = (
    ("bk-tld", "Bằng khen của Tổng Liên đoàn Lao động Việt Nam", "Certificate of Merit of the VGCL",
     "confederation", "either", False, ("1.0", "2.0"), ("1.5", "3.0")),
    ("co-tld", "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam", "Emulation Flag of the VGCL",
     "confederation", "collective", False, (None, "15.5"), (None, "8.0")),
    ("bk-ldld", "Bằng khen của Liên đoàn Lao động tỉnh, thành phố", "Certificate of Merit of a provincial federation",
     "provincial", "either", False, ("1.0", "2.0"), ("1.5", "3.0")),
    ("co-ldld", "Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố", "Emulation Flag of a provincial federation",
     "provincial", "collective", False, (None, "15.5"), (None, "8.0")),
    ("bk-nganh", "Bằng khen của công đoàn ngành trung ương", "Certificate of Merit of a central sectoral union",
     "sectoral", "either", False, ("1.0", "2.0"), ("1.5", "3.0")),
    ("co-nganh", "Cờ thi đua của công đoàn ngành trung ương", "Emulation Flag of a central sectoral union",
     "sectoral", "collective", False, (None, "15.5"), (None, "8.0")),
    ("giay-khen", "Giấy khen của công đoàn cấp trên trực tiếp cơ sở", "Certificate of Commendation of a directly-superior union",
     "upper_grassroots", "either", False, ("0.3", "0.6"), ("0.3", "0.6")),
    ("knc", "Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”", "Medal “For the building of the Trade Union”",
     "confederation", "individual", True, (None, None), ("0.6", None)),
)

FORM_CODES = tuple(row[0] for row in FORMS)

# (rule, target, params, source); every row from SINCE unless a date is given.
RULES = (
    ("not_under_discipline", "*", {}, f"{LAW_2022}, Điều 14; {UNION_2024}"),
    ("not_twice_same_year", "*", {}, LAW_2022),
    ("issuer_at_or_above", "*", {}, UNION_2024),
    ("council_vote", "co-tld", {"percent": 80}, f"{DECREE_152}; {UNION_2024}"),
    ("council_vote", "co-ldld", {"percent": 80}, f"{DECREE_152}; {UNION_2024}"),
    ("council_vote", "co-nganh", {"percent": 80}, f"{DECREE_152}; {UNION_2024}"),
    ("service_years", "knc", {"years": 20}, UNION_2024),
    ("once_in_lifetime", "knc", {}, UNION_2024),
)
