"""The demo organisation, people and 2025 mergers, as plain data (built by ``services.load_demo``).

Units named in the seed articles (``/work/shared/seeds``) are real; their note names the article.
Every other unit is invented for the demo and says so in its note. Full names are synthetic.
"""

import datetime as dt
from dataclasses import dataclass, field

DEFAULT_PASSWORD = "demo12345"  # published demo logins, never a real deployment

FOUNDED = dt.date(2015, 1, 1)  # before the 2018-2023 term, so 2018-2025 history reads right
TERM_START = dt.date(2023, 1, 1)  # congress term 2023-2028
MERGED_ON = dt.date(2025, 7, 1)  # the 2025 province mergers took effect

INVENTED = "Đơn vị giả định cho dữ liệu mẫu (không nêu tên trong bài viết nguồn)."
SEED_000 = "Nêu trong bài 000 (CĐVC Việt Nam khảo sát tại Phú Yên, Khánh Hòa, Ninh Thuận, 7/2022)."
SEED_001 = "Nêu trong bài 001 (CĐVC TP Hà Nội, tổng kết 2022)."
SEED_002 = "Nêu trong bài 002 (Khối thi đua III, CĐVC Việt Nam, 2022)."
ENTERPRISE = f"{INVENTED} Là doanh nghiệp: bài 001 nêu 4/4 đơn vị tổ chức Hội nghị Người lao động."
MERGER_ONLY = (
    "Đơn vị có thật nhưng không nêu trong bài viết nguồn; thêm vào vì {merged} sáp nhập vào đơn vị này "
    "từ 01/07/2025."
)


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    kind: str
    note: str = INVENTED
    short_name: str = ""
    guided_by: str = ""  # code of the unit giving professional guidance (created earlier in the walk)
    children: tuple["Node", ...] = field(default=())


def _grassroots(
    prefix: str, entries: list[tuple[str, str]], subunits: dict | None = None
) -> tuple[Node, ...]:
    """Numbered CĐCS ``prefix-001``…; ``subunits`` maps a code to the sub-units under it."""
    subunits = subunits or {}
    nodes = []
    for i, (name, note) in enumerate(entries, 1):
        code = f"{prefix}-{i:03d}"
        nodes.append(Node(code, name, "cdcs", note, children=subunits.get(code, ())))
    return tuple(nodes)


# Khối thi đua III of CĐVC Việt Nam (seed 002): the nine member unions, in the article's order.
_KHOI_III_UNITS = (
    Node("CD-VOV", "Công đoàn Đài Tiếng nói Việt Nam", "cdcs", SEED_002, "Công đoàn Đài TNVN"),
    Node("CD-TTXVN", "Công đoàn Thông tấn xã Việt Nam", "cdcs", SEED_002, "Công đoàn TTXVN"),
    Node("CD-BHXHVN", "Công đoàn Bảo hiểm xã hội Việt Nam", "cdcs", SEED_002, "Công đoàn BHXH Việt Nam"),
    Node("CD-VTV", "Công đoàn Đài Truyền hình Việt Nam", "cdcs", SEED_002, "Công đoàn VTV"),
    Node("CD-HVCTQG", "Công đoàn Học viện Chính trị Quốc gia Hồ Chí Minh", "cdcs", SEED_002),
    Node("CD-VDB", "Công đoàn Ngân hàng Phát triển Việt Nam", "cdcs", SEED_002),
    Node("CD-VASS", "Công đoàn Viện Hàn lâm Khoa học xã hội Việt Nam", "cdcs", SEED_002),
    Node("CD-VAST", "Công đoàn Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "cdcs", SEED_002),
    Node("CD-VUSTA", "Công đoàn Liên hiệp các Hội khoa học và kỹ thuật Việt Nam", "cdcs", SEED_002),
)
KHOI_III = tuple(unit.code for unit in _KHOI_III_UNITS)

# CĐVC TP Hà Nội has 58 grassroots unions (seed 001). Only the first is named in the article;
# the last four are enterprises (seed 001 counts 4 units holding a workers' conference).
_HANOI_AGENCIES = [
    "Công đoàn Sở Y tế",
    "Công đoàn Sở Giáo dục và Đào tạo",
    "Công đoàn Sở Tài chính",
    "Công đoàn Sở Tư pháp",
    "Công đoàn Sở Nội vụ",
    "Công đoàn Sở Xây dựng",
    "Công đoàn Sở Công Thương",
    "Công đoàn Sở Kế hoạch và Đầu tư",
    "Công đoàn Sở Tài nguyên và Môi trường",
    "Công đoàn Sở Giao thông vận tải",
    "Công đoàn Sở Nông nghiệp và Phát triển nông thôn",
    "Công đoàn Sở Lao động - Thương binh và Xã hội",
    "Công đoàn Sở Văn hóa và Thể thao",
    "Công đoàn Sở Du lịch",
    "Công đoàn Sở Thông tin và Truyền thông",
    "Công đoàn Sở Quy hoạch - Kiến trúc",
    "Công đoàn Sở Ngoại vụ",
    "Công đoàn Thanh tra Thành phố",
    "Công đoàn Văn phòng Ủy ban nhân dân Thành phố",
    "Công đoàn Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân Thành phố",
    "Công đoàn Ban Dân tộc Thành phố",
    "Công đoàn Ban Quản lý các khu công nghiệp và chế xuất",
    "Công đoàn Ban Quản lý dự án đầu tư xây dựng công trình dân dụng",
    "Công đoàn Ban Quản lý dự án đầu tư xây dựng công trình giao thông",
    "Công đoàn Ban Quản lý dự án đầu tư xây dựng công trình văn hóa - xã hội",
    "Công đoàn Ban Tiếp công dân Thành phố",
    "Công đoàn Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố",
    "Công đoàn Hội Liên hiệp Phụ nữ Thành phố",
    "Công đoàn cơ quan Thành đoàn Hà Nội",
    "Công đoàn Hội Nông dân Thành phố",
    "Công đoàn Hội Cựu chiến binh Thành phố",
    "Công đoàn Liên minh Hợp tác xã Thành phố",
    "Công đoàn Liên hiệp các Hội Khoa học và Kỹ thuật Hà Nội",
    "Công đoàn Hội Chữ thập đỏ Thành phố",
    "Công đoàn Quỹ Đầu tư phát triển Thành phố",
    "Công đoàn Trường Đào tạo cán bộ Lê Hồng Phong",
    "Công đoàn Trường Cao đẳng Cộng đồng Hà Nội",
    "Công đoàn Trường Cao đẳng Thương mại và Du lịch Hà Nội",
    "Công đoàn Trường Trung cấp Kinh tế - Kỹ thuật Thăng Long",
    "Công đoàn Bệnh viện Đa khoa Hà Đông",
    "Công đoàn Bệnh viện Thanh Nhàn",
    "Công đoàn Bệnh viện Tim Hà Nội",
    "Công đoàn Trung tâm Kiểm soát bệnh tật Thành phố",
    "Công đoàn Đài Phát thanh và Truyền hình Hà Nội",
    "Công đoàn Báo Hà Nội Mới",
    "Công đoàn Báo Kinh tế và Đô thị",
    "Công đoàn Nhà hát Chèo Hà Nội",
    "Công đoàn Nhà hát Kịch Hà Nội",
    "Công đoàn Thư viện Hà Nội",
    "Công đoàn Bảo tàng Hà Nội",
    "Công đoàn Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội",
    "Công đoàn Ban Quản lý Di tích và Danh thắng Hà Nội",
    "Công đoàn Trung tâm Phục vụ hành chính công Thành phố",
]
_HANOI_ENTERPRISES = [
    "Công đoàn Công ty TNHH MTV Quản lý và Phát triển Nhà Thủ đô",
    "Công đoàn Công ty TNHH MTV Dịch vụ Môi trường Đô thị Thăng Long",
    "Công đoàn Công ty TNHH MTV Chiếu sáng và Thiết bị Hồ Tây",
    "Công đoàn Công ty TNHH MTV In và Phát hành Hà Thành",
]
_HANOI = _grassroots(
    "CDVC-HN",
    [
        ("Công đoàn Sở Khoa học và Công nghệ", SEED_001),
        *((name, INVENTED) for name in _HANOI_AGENCIES),
        *((name, ENTERPRISE) for name in _HANOI_ENTERPRISES),
    ],
    # Sub-units give the tree depth; they sit under Sở Giáo dục, not under Sở KH&CN, whose chair
    # (the `cdcs` demo login) should see exactly one unit.
    {
        "CDVC-HN-003": (
            Node(
                "CDVC-HN-003-BP1",
                "Công đoàn bộ phận Văn phòng Sở",
                "cd-bo-phan",
                children=(Node("CDVC-HN-003-BP1-T1", "Tổ công đoàn Phòng Tổ chức cán bộ", "to-cong-doan"),),
            ),
            Node("CDVC-HN-003-BP2", "Công đoàn bộ phận Phòng Giáo dục Mầm non", "cd-bo-phan"),
        ),
    },
)

_SEED_003_ASSUMED = (
    f"{SEED_000} Giả định: 'Công đoàn Viên chức tỉnh' của bài 003 (3.958 CCVCLĐ, sơ kết 6 tháng đầu năm 2022) "
    "là đơn vị này, vì bài không nêu tên tỉnh."
)
_SEED_004_INFERRED = (
    "Nêu trong bài 004 (Hội nghị cán bộ, công chức và người lao động năm 2024, ngày 22/02). Bài không nêu tên "
    "tỉnh; dữ liệu mẫu xếp vào tỉnh Ninh Thuận vì người phát biểu, ông Dương Sà Kha, là Chủ tịch Ủy ban MTTQ "
    "Việt Nam tỉnh Ninh Thuận (suy luận)."
)


def _province(
    key: str,
    province: str,
    cdcs: list[str],
    *,
    note: str,
    cdvc_note: str,
    extra: tuple[Node, ...] = (),
) -> Node:
    """An LĐLĐ tỉnh with its CĐVC tỉnh (guided by CĐVC Việt Nam) and that CĐVC's grassroots unions."""
    cdvc = Node(
        f"CDVC-{key}",
        f"Công đoàn Viên chức tỉnh {province}",
        "cd-cap-tren-co-so",
        cdvc_note,
        f"CĐVC tỉnh {province}",
        guided_by="CDVCVN",
        children=(
            *_grassroots(f"CDVC-{key}", [(f"{name} tỉnh {province}", INVENTED) for name in cdcs]),
            *extra,
        ),
    )
    return Node(
        f"LDLD-{key}",
        f"Liên đoàn Lao động tỉnh {province}",
        "ldld-tinh",
        note,
        f"LĐLĐ tỉnh {province}",
        children=(cdvc,),
    )


_SEED_000_CDVC = f"{SEED_000} Bài nêu chung 'Công đoàn Viên chức tỉnh' của các tỉnh được khảo sát."

ROOT = Node(
    "TLD",
    "Tổng Liên đoàn Lao động Việt Nam",
    "tong-ldld",
    "Nêu trong các bài 001, 002, 003 (Bằng khen, phong trào của Tổng LĐLĐ Việt Nam).",
    "Tổng LĐLĐ Việt Nam",
    children=(
        Node(
            "CDVCVN",
            "Công đoàn Viên chức Việt Nam",
            "cd-nganh-tw",
            "Nêu trong các bài 000, 001, 002 (Công đoàn Viên chức Việt Nam).",
            "CĐVC Việt Nam",
            children=_KHOI_III_UNITS,
        ),
        Node(
            "LDLD-HN",
            "Liên đoàn Lao động thành phố Hà Nội",
            "ldld-tinh",
            SEED_001,
            "LĐLĐ TP Hà Nội",
            children=(
                Node(
                    "CDVC-HN",
                    "Công đoàn Viên chức thành phố Hà Nội",
                    "cd-cap-tren-co-so",
                    f"{SEED_001} Có 58 công đoàn cơ sở trực thuộc.",
                    "CĐVC TP Hà Nội",
                    guided_by="CDVCVN",
                    children=_HANOI,
                ),
            ),
        ),
        _province(
            "PY",
            "Phú Yên",
            [
                "Công đoàn Sở Y tế",
                "Công đoàn Sở Giáo dục và Đào tạo",
                "Công đoàn Văn phòng Tỉnh ủy",
                "Công đoàn Trường Chính trị",
            ],
            note=SEED_000,
            cdvc_note=_SEED_003_ASSUMED,
        ),
        _province(
            "KH",
            "Khánh Hòa",
            [
                "Công đoàn Sở Tư pháp",
                "Công đoàn Sở Tài chính",
                "Công đoàn Sở Văn hóa và Thể thao",
                "Công đoàn Bệnh viện Đa khoa",
                "Công đoàn Ban Quản lý Khu kinh tế",
            ],
            note=SEED_000,
            cdvc_note=_SEED_000_CDVC,
        ),
        _province(
            "NT",
            "Ninh Thuận",
            [
                "Công đoàn Sở Nội vụ",
                "Công đoàn Sở Nông nghiệp và Phát triển nông thôn",
                "Công đoàn Trường Chính trị",
            ],
            note=SEED_000,
            cdvc_note=_SEED_000_CDVC,
            extra=(
                Node(
                    "CDVC-NT-MTTQ",
                    "Công đoàn cơ sở Ủy ban MTTQ Việt Nam tỉnh Ninh Thuận",
                    "cdcs",
                    _SEED_004_INFERRED,
                    "Công đoàn cơ sở Ủy ban MTTQ Việt Nam tỉnh",
                    children=(Node("CDVC-NT-MTTQ-T1", "Tổ công đoàn Văn phòng", "to-cong-doan"),),
                ),
            ),
        ),
        _province(
            "DL",
            "Đắk Lắk",
            [
                "Công đoàn Sở Y tế",
                "Công đoàn Sở Giáo dục và Đào tạo",
                "Công đoàn Sở Tài nguyên và Môi trường",
                "Công đoàn Bảo tàng",
                "Công đoàn Thư viện",
                "Công đoàn Trường Cao đẳng Sư phạm",
            ],
            note=MERGER_ONLY.format(merged="LĐLĐ tỉnh Phú Yên"),
            cdvc_note=MERGER_ONLY.format(merged="CĐVC tỉnh Phú Yên"),
        ),
    ),
)

# (survivor, merged) pairs, effective MERGED_ON. The CĐVC tỉnh merge first (their CĐCS move under the
# surviving CĐVC), then the provincial federations, which by then have no open children. The other order
# would move CĐVC Ninh Thuận under LĐLĐ Khánh Hòa on 01/07/2025 and then have to close it the same day,
# which unit_merge refuses (a unit cannot end on the day its current version starts).
MERGERS = (
    ("CDVC-KH", "CDVC-NT"),
    ("CDVC-DL", "CDVC-PY"),
    ("LDLD-KH", "LDLD-NT"),
    ("LDLD-DL", "LDLD-PY"),
)


@dataclass(frozen=True)
class Officer:
    username: str
    full_name: str
    unit: str  # code of the unit that is both the account's home unit and where the role is held
    role: str


ADMIN = Officer("admin", "Quản trị hệ thống", "", "")
OFFICERS = (
    Officer("hanoi", "Trần Minh Đức", "CDVC-HN", "chu-tich"),
    Officer("cdcs", "Lê Thị Hồng Nhung", "CDVC-HN-001", "chu-tich"),
    Officer("khanhhoa", "Phan Quốc Bảo", "CDVC-KH", "can-bo-chuyen-trach"),
    Officer("cdvcvn", "Đỗ Thị Thu Hà", "CDVCVN", "pho-chu-tich"),
    Officer("vanphong", "Vũ Thị Lan Anh", "CDVC-HN-002", "can-bo-van-phong"),
    # Held on CĐVC Ninh Thuận; the 2025 merger carries the role over to CĐVC Khánh Hòa.
    Officer("ninhthuan", "Nguyễn Văn Tâm", "CDVC-NT", "uy-vien-bch"),
    # The head of seed 000's survey mission (a synthetic vice-chair of CĐVC Việt Nam): opens the mission.
    Officer("khaosat", "Ngô Thị Minh Thư", "CDVCVN", "pho-chu-tich"),
)


def email_of(username: str) -> str:
    return f"{username}@congdoan.example"  # reserved TLD: demo addresses never reach anyone


# -- Members (built by ``members.load_members``) ------------------------------------------------------
# Synthetic people drawn by the scale generator. Only the seed-003 figure is real: the CĐCS of the CĐVC
# tỉnh assumed to be that article's count 3.958 CCVCLĐ on SEED_003_ON between them.

MEMBER_SEED = "demo-members"
CARD_PREFIX = "DEMO"
# First three digits of generated CCCD numbers: each branch's province (central unions sit in Hà Nội).
HANOI_PLACE = 1
PLACE_CODES = {
    "CDVCVN": HANOI_PLACE,
    "LDLD-HN": HANOI_PLACE,
    "LDLD-PY": 54,
    "LDLD-KH": 56,
    "LDLD-NT": 58,
    "LDLD-DL": 66,
}
MEMBERS_PER_UNIT = {"cdcs": (20, 45), "cd-bo-phan": (10, 25), "to-cong-doan": (5, 12)}  # drawn per unit
MEMBERS_PER_PROVINCIAL_CDCS = (12, 30)  # CĐCS outside Hà Nội, except those of the seed-003 CĐVC
MEMBERSHIP_RATE = (0.88, 1.0)  # members / workforce of a CĐCS, drawn per unit
SEED_003_CDVC = "CDVC-PY"
SEED_003_WORKFORCE = 3958
SEED_003_ON = dt.date(2022, 6, 30)
SEED_003_RATE = (0.93, 0.97)
SEED_003_NOTE = (
    "Số liệu giả định; tổng các CĐCS của CĐVC tỉnh là 3.958 CCVCLĐ theo bài 003 (6 tháng đầu năm 2022)."
)
WORKFORCE_NOTE = "Số liệu giả định cho dữ liệu mẫu."
# The years the seeds report on (2022: seeds 001–003; 2023: seed 004; 2024: seed 004's conference), each
# with a workforce figure recorded on 31/12 so that a past year's membership rate reads a number. The
# 2025 mergers move members between units, so the drawn rows say nothing of a unit's members after them.
WORKFORCE_YEARS = (2022, 2023, 2024)


# -- Seed 000: the plan, the coordination programmes and the survey mission (built by ``survey``) ---------
# Facts from the article: plan 92/KH-CĐVC of 05/04/2022 issued by CĐVC Việt Nam; the mission of 19-24/07/2022
# led by a vice-chair of CĐVC Việt Nam; the LĐLĐ of Phú Yên, Khánh Hòa and Ninh Thuận visited, each received
# by its chair or standing vice-chair; the five content areas; one house worth 60,000,000 đồng and 30 gifts of
# 1,000,000 đồng. Everything else is assumed for the demo and says so: people's names (synthetic), the day of
# each visit, the programmes' signing dates ("qua 01 năm thực hiện": a year before) and the report's date.

SURVEY_ORGANISER = "CDVCVN"
SURVEY_PLAN_NUMBER = 92
SURVEY_PLAN_ON = dt.date(2022, 4, 5)
SURVEY_PLAN_TITLE = (
    "Khảo sát việc thực hiện Chương trình phối hợp hoạt động giữa Công đoàn Viên chức Việt Nam và "
    "Liên đoàn Lao động các tỉnh, thành phố"
)
SURVEY_TITLE = (
    "Đoàn khảo sát việc thực hiện Chương trình phối hợp hoạt động giữa Công đoàn Viên chức Việt Nam và "
    "Liên đoàn Lao động các tỉnh Phú Yên, Khánh Hòa, Ninh Thuận"
)
SURVEY_STARTS_ON, SURVEY_ENDS_ON = dt.date(2022, 7, 19), dt.date(2022, 7, 24)
PROGRAMMES_SIGNED_ON = dt.date(2021, 7, 15)  # assumed: about a year before the survey
SURVEY_REPORT_ON = dt.date(2022, 7, 29)  # assumed: the report's date is not in the article
SURVEY_SIGNER_POSITION = "Phó Chủ tịch"


@dataclass(frozen=True)
class SurveyOfficer:
    full_name: str
    sex: str
    position: str  # PositionKind code, held in CĐVC Việt Nam
    member_of: str  # the CĐCS under CĐVC Việt Nam the officer belongs to
    account: str = ""  # the demo login linked to the officer on the mission


SURVEY_HEAD = SurveyOfficer("Ngô Thị Minh Thư", "F", "pho-chu-tich", "CD-BHXHVN", account="khaosat")
SURVEY_MEMBERS = (SurveyOfficer("Đặng Văn Khôi", "M", "uy-vien-bch", "CD-TTXVN"),)
SURVEY_OFFICERS_SINCE = dt.date(2018, 10, 1)  # assumed start of their positions (term 2018-2023)
SURVEY_OFFICERS_TERM = "2018-2023"


@dataclass(frozen=True)
class SurveyVisit:
    unit: str
    on: dt.date  # assumed: the article gives only the mission's dates
    host_name: str  # synthetic, standing in for the officer the article names
    host_position: str  # as in the article


SURVEY_VISITS = (
    SurveyVisit("LDLD-PY", dt.date(2022, 7, 20), "Hồ Văn Lực", "Phó Chủ tịch Thường trực"),
    SurveyVisit("LDLD-KH", dt.date(2022, 7, 21), "Mai Xuân Toàn", "Chủ tịch"),
    SurveyVisit("LDLD-NT", dt.date(2022, 7, 22), "Châu Văn Nghĩa", "Phó Chủ tịch Thường trực"),
)
SURVEY_HOUSE_VALUE = 60_000_000
SURVEY_GIFTS, SURVEY_GIFT_VALUE = 30, 1_000_000
SURVEY_RECIPIENTS = (
    "Đoàn viên có hoàn cảnh khó khăn thuộc Liên đoàn Lao động các tỉnh Phú Yên, Khánh Hòa, Ninh Thuận"
)

# Findings per content area, written for the demo from the article's overall assessment.
SURVEY_FINDINGS = {
    "chi-dao-cdvc-tinh": (
        "Hai bên cùng hướng dẫn Công đoàn Viên chức tỉnh hoạt động sát với đặc thù của khu vực hành chính, "
        "sự nghiệp; đoàn viên được tham gia góp ý các văn bản, chính sách liên quan trực tiếp đến mình; quy chế "
        "dân chủ ở cơ sở và hội nghị cán bộ, công chức, viên chức được tổ chức đúng quy định.",
        "Việc trao đổi thông tin giữa hai bên có lúc chưa thường xuyên; một số hướng dẫn đến cơ sở còn chậm.",
        "Thống nhất đầu mối và lịch trao đổi định kỳ giữa hai bên; gửi văn bản chỉ đạo cho Công đoàn Viên chức "
        "tỉnh cùng một lúc.",
    ),
    "phong-trao-co-quan-van-hoa": (
        "Công đoàn cơ sở đưa phong trào vào nhiệm vụ chuyên môn của từng cơ quan, gắn với văn hóa công sở và "
        "việc học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Tiêu chí đánh giá phong trào ở một số đơn vị còn chung chung, khó so sánh giữa các cơ quan.",
        "Xây dựng bộ tiêu chí chung và tổ chức sơ kết, biểu dương điển hình trong năm tới.",
    ),
    "cuoc-van-dong-trung-thanh": (
        "Cuộc vận động được lồng ghép với các phong trào thi đua và với việc nói không với tiêu cực trong "
        "cơ quan, đơn vị.",
        "Việc theo dõi kết quả cuộc vận động đến từng đoàn viên chưa được làm đều ở các đơn vị.",
        "Bổ sung nội dung cuộc vận động vào tiêu chí đánh giá đoàn viên cuối năm.",
    ),
    "che-do-chinh-sach": (
        "Quyền và lợi ích hợp pháp của cán bộ, công chức, viên chức, người lao động được bảo đảm; vai trò "
        "kiểm tra, giám sát của công đoàn được phát huy.",
        "",
        "Tiếp tục phối hợp tham gia xây dựng chính sách tiền lương và chế độ cho người lao động khu vực công.",
    ),
    "an-sinh-xa-hoi": (
        "Đoàn viên ốm đau, gặp khó khăn được thăm hỏi kịp thời; nhiều hoạt động an sinh, từ thiện được đoàn viên "
        "hưởng ứng.",
        "",
        "Duy trì việc hỗ trợ nhà ở và quà cho đoàn viên khó khăn bằng nguồn xã hội hóa của hai bên.",
    ),
}
