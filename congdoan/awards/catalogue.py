"""The shipped catalogue (issue 12 §1), as loaded by migration ``0002_seed_catalogue``: forms of
commendation with their issuer level, recipients and bonus multiples, and the eligibility rules.
The figures ``awards.by_form.<code>.*`` are registered for these codes. Administrators change the
rows (admin), never this file: a new decree is new dated rows.
"""

import datetime as dt

# Decree 91/2017/NĐ-CP (signed 31/07/2017, in force 01/10/2017), Art. 73: Bằng khen cấp bộ, ban, ngành,
# tỉnh, đoàn thể trung ương 1,0 × the base salary for an individual (khoản 1 điểm b), Giấy khen 0,3
# (khoản 1 điểm c); a collective twice the individual's amount (khoản 2). Checked against the decree's
# text as quoted by thuvienphapluat.vn / thukyluat.vn / hoatieu.vn (Art. 73) on 05/12/2026; the
# seed's first citation ("Điều 70–72", from 31/07/2017) was wrong and is corrected by migration 0004.
DECREE_91 = "Nghị định 91/2017/NĐ-CP, Điều 73 (khoản 1 điểm b, c; khoản 2), hiệu lực 01/10/2017"
D91 = dt.date(2017, 10, 1)  # Decree 91/2017 in force
DECREE_152 = "Nghị định 152/2025/NĐ-CP, hiệu lực 01/07/2025"
LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"
UNION_2024 = "Quy chế khen thưởng của tổ chức Công đoàn (2024)"
SINCE = dt.date(2017, 7, 31)  # the catalogue's first day (Decree 91/2017 signed)
LAW_2022_IN_FORCE = dt.date(2024, 1, 1)
D152 = dt.date(2025, 7, 1)

# code, name, English name, issuer level (emulation.IssuerLevel), recipients, once in lifetime,
# (individual, collective) multiples under Decree 91/2017, then under Decree 152/2025 (None: no bonus row).
# Cờ thi đua are emulation titles (danh hiệu thi đua): the emulation module's catalogue holds them.
FORMS = (
    (
        "bk-tld",
        "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
        "Certificate of Merit of the VGCL",
        "tong-ldld",
        "either",
        False,
        ("1.0", "2.0"),
        ("1.5", "3.0"),
    ),
    (
        "bk-ldld",
        "Bằng khen của Liên đoàn Lao động tỉnh, thành phố",
        "Certificate of Merit of a provincial federation",
        "ldld-tinh",
        "either",
        False,
        ("1.0", "2.0"),
        ("1.5", "3.0"),
    ),
    (
        "bk-nganh",
        "Bằng khen của công đoàn ngành trung ương",
        "Certificate of Merit of a central sectoral union",
        "cd-nganh-tw",
        "either",
        False,
        ("1.0", "2.0"),
        ("1.5", "3.0"),
    ),
    (
        "giay-khen",
        "Giấy khen của công đoàn cấp trên trực tiếp cơ sở",
        "Certificate of Commendation of a directly-superior union",
        "cd-cap-tren-co-so",
        "either",
        False,
        ("0.3", "0.6"),
        ("0.3", "0.6"),
    ),
    (
        "knc",
        "Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”",
        "Medal “For the building of the Trade Union”",
        "tong-ldld",
        "individual",
        True,
        (None, None),
        ("0.6", None),
    ),
)

FORM_CODES = tuple(row[0] for row in FORMS)
# The emulation module's shipped titles (emulation migration 0006), for the per-title figures.
LDTT, CSTDCS = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"
TTLDTT, TTLDXS = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"
FLAGS = ("co-thi-dua-tong-ldld", "co-thi-dua-ldld-tinh", "co-thi-dua-cd-nganh-tw")
TITLE_CODES = (LDTT, CSTDCS, TTLDTT, TTLDXS, *FLAGS)
TITLE_NAMES = {
    LDTT: "Lao động tiên tiến",
    CSTDCS: "Chiến sĩ thi đua cơ sở",
    TTLDTT: "Tập thể lao động tiên tiến",
    TTLDXS: "Tập thể lao động xuất sắc",
    FLAGS[0]: "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
    FLAGS[1]: "Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố",
    FLAGS[2]: "Cờ thi đua của Công đoàn ngành trung ương",
}
CODES = (*FORM_CODES, *TITLE_CODES)
NAMES = {**{row[0]: row[1] for row in FORMS}, **TITLE_NAMES}

LDTT_NAME, CSTDCS_NAME = "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"

# Bằng khen of the Tổng LĐLĐ (the central body of a socio-political organisation: Law 06/2022, Art. 74)
# for an individual: "Có 02 lần liên tục được tặng danh hiệu 'Chiến sĩ thi đua cơ sở' hoặc có liên tục
# từ 02 năm trở lên được công nhận hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng kiến
# được công nhận…" (Art. 74(1)(d), in force 01/01/2024; quoted by the Ministry of Home Affairs'
# answer on chinhsachonline.chinhphu.vn). It is one of the article's alternative criteria ("đạt một
# trong các tiêu chuẩn sau"), so the row is advisory: shown on every line, never refusing one.
# (rule, target, params, source, valid_from); seeded by migration 0004.
TWO_YEARS = (
    "preceding_years",
    "bk-tld",
    {
        "title": CSTDCS,
        "title_name": CSTDCS_NAME,
        "years": 2,
        "including_year": True,
        "recipient": "individual",
        "excellent_years": 2,
        "initiatives": 2,
        "advisory": True,
    },
    f"{LAW_2022}, Điều 74 khoản 1 điểm d (hiệu lực 01/01/2024)",
    LAW_2022_IN_FORCE,
)

# (rule, target, params, source); every row from SINCE.
RULES = (
    ("not_under_discipline", "*", {}, f"{LAW_2022}, Điều 14; {UNION_2024}"),
    ("not_twice_same_year", "*", {}, LAW_2022),
    ("issuer_at_or_above", "*", {}, UNION_2024),
    ("needs_title_same_year", CSTDCS, {"title": LDTT, "title_name": LDTT_NAME}, f"{LAW_2022}, Điều 21"),
    ("excellent_or_initiative", CSTDCS, {}, f"{LAW_2022}, Điều 21"),
    ("council_vote", CSTDCS, {"percent": 80}, f"{DECREE_152}; {UNION_2024}"),
    (
        "collective_share",
        TTLDTT,
        {"title": LDTT, "title_name": LDTT_NAME, "percent": 70},
        f"{LAW_2022}, Điều 27",
    ),
    ("no_severe_discipline_in_year", TTLDTT, {}, f"{LAW_2022}, Điều 27"),
    (
        "collective_share",
        TTLDXS,
        {"title": LDTT, "title_name": LDTT_NAME, "percent": 70},
        f"{LAW_2022}, Điều 26",
    ),
    ("no_severe_discipline_in_year", TTLDXS, {}, f"{LAW_2022}, Điều 26"),
    ("all_tasks_done", TTLDXS, {}, f"{LAW_2022}, Điều 26"),
    (
        "has_title_among_members",
        TTLDXS,
        {"title": CSTDCS, "title_name": CSTDCS_NAME, "count": 1},
        f"{LAW_2022}, Điều 26",
    ),
    *(("council_vote", flag, {"percent": 80}, f"{DECREE_152}; {UNION_2024}") for flag in FLAGS),
    ("service_years", "knc", {"years": 20, "count": ["officer", "member", "earlier"]}, UNION_2024),
    ("once_in_lifetime", "knc", {}, UNION_2024),
    ("prefer_women", "*", {"collective_percent": 70}, f"{LAW_2022}, Điều 5"),
)

# What an emulation block's proposal (emulation.selectors.proposals: "co-thi-dua" for rank 1,
# "bang-khen" for the next two) becomes in this catalogue: the flag (a title) or the Bằng khen (a
# form) of the level that formed the block (the catalogue row whose issuer level is that unit's kind).
PROPOSED = {"co-thi-dua": ("title", FLAGS), "bang-khen": ("form", ("bk-tld", "bk-ldld", "bk-nganh"))}
