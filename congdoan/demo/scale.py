"""A large generated organisation for benchmarks: 60 provinces, ~6% mid-level unions, the rest
CĐCS, and optionally a member register of any size spread over the CĐCS.

This is a generator, not officer input: it writes rows directly (no services, no audit rows) so
that 10,000 units take seconds and a million members a few minutes. Units are inserted with
``bulk_create``, parents first; the ids they get back build each version's path. Members are
drawn from Vietnamese name distributions and written in unit-path order (members of one subtree
then sit together on disk, which makes subtree queries several times faster), with the core bulk
insert (COPY on PostgreSQL). Each member gets ``Person`` (with the
denormalised current unit, path, card and status) and one ``Membership`` period: open for members
in their unit, closed for those who left, transferred out or died.
"""

import bisect
import datetime as dt
import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core.bulk.insert import bulk_insert
from congdoan.core.dates import today
from congdoan.core.text import fold
from congdoan.members.models import IN_UNIT, Membership, Person, Sex, Status, name_keys
from congdoan.organizations.models import Unit, UnitKind, UnitVersion, path_segment, unit_name_keys

from .data import FOUNDED

BATCH = 1000
PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9]{0,15}$")

# The 63 provinces and cities before the 2025 mergers.
PLACES = [
    *(f"thành phố {c}" for c in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")),
    *(
        f"tỉnh {p}"
        for p in (
            "An Giang",
            "Bà Rịa - Vũng Tàu",
            "Bắc Giang",
            "Bắc Kạn",
            "Bạc Liêu",
            "Bắc Ninh",
            "Bến Tre",
            "Bình Định",
            "Bình Dương",
            "Bình Phước",
            "Bình Thuận",
            "Cà Mau",
            "Cao Bằng",
            "Đắk Lắk",
            "Đắk Nông",
            "Điện Biên",
            "Đồng Nai",
            "Đồng Tháp",
            "Gia Lai",
            "Hà Giang",
            "Hà Nam",
            "Hà Tĩnh",
            "Hải Dương",
            "Hậu Giang",
            "Hòa Bình",
            "Hưng Yên",
            "Khánh Hòa",
            "Kiên Giang",
            "Kon Tum",
            "Lai Châu",
            "Lâm Đồng",
            "Lạng Sơn",
            "Lào Cai",
            "Long An",
            "Nam Định",
            "Nghệ An",
            "Ninh Bình",
            "Ninh Thuận",
            "Phú Thọ",
            "Phú Yên",
            "Quảng Bình",
            "Quảng Nam",
            "Quảng Ngãi",
            "Quảng Ninh",
            "Quảng Trị",
            "Sóc Trăng",
            "Sơn La",
            "Tây Ninh",
            "Thái Bình",
            "Thái Nguyên",
            "Thanh Hóa",
            "Thừa Thiên Huế",
            "Tiền Giang",
            "Trà Vinh",
            "Tuyên Quang",
            "Vĩnh Long",
            "Vĩnh Phúc",
            "Yên Bái",
        )
    ),
]
MAX_PROVINCES = 60
MID_NAMES = [
    "Công đoàn Viên chức",
    "Công đoàn ngành Giáo dục",
    "Công đoàn ngành Y tế",
    "Công đoàn ngành Giao thông vận tải",
    "Công đoàn ngành Xây dựng",
    "Công đoàn ngành Nông nghiệp và Phát triển nông thôn",
    "Công đoàn ngành Công Thương",
    "Công đoàn các Khu công nghiệp",
]
DEPARTMENTS = [
    "Y tế",
    "Giáo dục và Đào tạo",
    "Tài chính",
    "Tư pháp",
    "Nội vụ",
    "Xây dựng",
    "Công Thương",
    "Kế hoạch và Đầu tư",
    "Tài nguyên và Môi trường",
    "Giao thông vận tải",
    "Khoa học và Công nghệ",
    "Nông nghiệp và Phát triển nông thôn",
    "Lao động - Thương binh và Xã hội",
    "Thông tin và Truyền thông",
    "Văn hóa, Thể thao và Du lịch",
    "Ngoại vụ",
]
SCHOOL_LEVELS = ["Mầm non", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông"]
NAMESAKES = [
    "Lê Lợi",
    "Nguyễn Du",
    "Trần Phú",
    "Quang Trung",
    "Chu Văn An",
    "Lê Quý Đôn",
    "Nguyễn Trãi",
    "Trần Hưng Đạo",
    "Lý Thường Kiệt",
    "Hai Bà Trưng",
    "Võ Thị Sáu",
    "Nguyễn Thị Minh Khai",
    "Phan Bội Châu",
    "Phan Chu Trinh",
    "Lương Thế Vinh",
    "Nguyễn Bỉnh Khiêm",
    "Trần Quốc Toản",
    "Kim Đồng",
    "Lê Hồng Phong",
    "Hoàng Hoa Thám",
    "Ngô Quyền",
    "Đinh Tiên Hoàng",
    "Lý Tự Trọng",
    "Tô Hiến Thành",
    "Nguyễn Văn Trỗi",
    "Bế Văn Đàn",
    "Hùng Vương",
    "Yết Kiêu",
    "Ngô Gia Tự",
    "Nguyễn Khuyến",
]
FACILITIES = [
    "Bệnh viện Đa khoa",
    "Trung tâm Y tế",
    "Trung tâm Kiểm soát bệnh tật",
    "Bảo tàng",
    "Thư viện",
    "Trung tâm Văn hóa - Nghệ thuật",
    "Ban Quản lý dự án đầu tư xây dựng",
    "Trung tâm Dịch vụ việc làm",
    "Đài Phát thanh và Truyền hình",
    "Trường Chính trị",
]
COMPANIES = [
    "Công ty Cổ phần Cấp thoát nước",
    "Công ty TNHH MTV Môi trường Đô thị",
    "Công ty Cổ phần Xây dựng",
    "Công ty TNHH MTV Xổ số kiến thiết",
    "Công ty Cổ phần In",
]


@dataclass(frozen=True)
class ScalePlan:
    provinces: int
    mids: int
    grassroots: int

    @property
    def total(self) -> int:
        return 1 + self.provinces + self.mids + self.grassroots

    @classmethod
    def for_units(cls, units: int) -> "ScalePlan":
        """1 root, up to 60 provinces (one per 100 units), ~6% mid-level unions, the rest CĐCS."""
        provinces = min(MAX_PROVINCES, max(1, units // 100))
        mids = max(provinces, units * 6 // 100)
        return cls(provinces, mids, units - 1 - provinces - mids)


@dataclass(frozen=True)
class ScaleTree:
    root_id: int
    plan: ScalePlan
    grassroots_ids: list[int]
    members: int = 0


@dataclass(frozen=True)
class _Spec:
    code: str
    name: str
    kind: str
    parent: int | None  # index of the parent spec


def spread(total: int, buckets: int, rng: random.Random) -> list[int]:
    """``total`` items over ``buckets``: one each while they last, the rest skewed (some places are big)."""
    counts = [1 if total >= buckets else 0] * buckets
    weights = [rng.lognormvariate(0, 1) for _bucket in range(buckets)]
    for i in rng.choices(range(buckets), weights=weights, k=total - sum(counts)):
        counts[i] += 1
    return counts


UNION_SIZE = 58  # CĐCS of CĐVC TP Hà Nội (seed 001): the size of the 300 ms target (issue 15 §6)


def with_one_union(counts: list[int]) -> list[int]:
    """``counts`` (CĐCS per mid-level union) with the first, ``<prefix>-M0001`` (Công đoàn Viên chức of
    the first province, thành phố Hà Nội), holding exactly ``UNION_SIZE``: the difference is taken
    from (or given to) the others, the largest (smallest) first, none left empty. Unchanged when
    the tree is too small for it."""
    if len(counts) < 2 or sum(counts) < UNION_SIZE + len(counts) - 1:
        return counts
    counts = list(counts)
    while counts[0] != UNION_SIZE:
        others = range(1, len(counts))
        if counts[0] < UNION_SIZE:
            i = max(others, key=lambda k: counts[k])
            counts[i], counts[0] = counts[i] - 1, counts[0] + 1
        else:
            i = min(others, key=lambda k: counts[k])
            counts[i], counts[0] = counts[i] + 1, counts[0] - 1
    return counts


def _grassroots_name(rng: random.Random, place: str) -> str:
    pick = rng.random()
    if pick < 0.45:
        return f"Công đoàn Trường {rng.choice(SCHOOL_LEVELS)} {rng.choice(NAMESAKES)}"
    if pick < 0.65:
        return f"Công đoàn Sở {rng.choice(DEPARTMENTS)} {place}"
    if pick < 0.9:
        return f"Công đoàn {rng.choice(FACILITIES)} {place}"
    return f"Công đoàn {rng.choice(COMPANIES)} {rng.choice(NAMESAKES)}"


def _specs(plan: ScalePlan, prefix: str, rng: random.Random) -> list[_Spec]:
    """Every unit, parents before children: root, provinces, mid-level unions, CĐCS."""
    specs = [_Spec(prefix, f"Tổng Liên đoàn Lao động (dữ liệu sinh {prefix})", "tong-ldld", None)]
    places = PLACES[: plan.provinces]
    for i, place in enumerate(places, 1):
        specs.append(_Spec(f"{prefix}-P{i:02d}", f"Liên đoàn Lao động {place}", "ldld-tinh", 0))
    mids: list[tuple[int, str]] = []  # (spec index, place)
    for p, count in enumerate(spread(plan.mids, plan.provinces, rng)):
        for k in range(count):
            name = (
                MID_NAMES[k]
                if k < len(MID_NAMES)
                else f"Công đoàn cấp trên cơ sở số {k - len(MID_NAMES) + 1}"
            )
            mids.append((len(specs), places[p]))
            specs.append(
                _Spec(f"{prefix}-M{len(mids):04d}", f"{name} {places[p]}", "cd-cap-tren-co-so", p + 1)
            )
    serial = 0
    counts = with_one_union(spread(plan.grassroots, plan.mids, rng))
    for (parent, place), count in zip(mids, counts, strict=True):
        taken: set[str] = set()
        for _k in range(count):
            name = _grassroots_name(rng, place)
            if name in taken:
                name = f"{name} số {len(taken) + 1}"
            taken.add(name)
            serial += 1
            specs.append(_Spec(f"{prefix}-C{serial:06d}", name, "cdcs", parent))
    return specs


@dataclass(frozen=True)
class Home:
    """A unit members are drawn into: a CĐCS here, any unit members belong to in the demo."""

    unit_id: int
    path: str
    province: int  # the 3-digit place code of generated ID numbers (here the province's 1-based number)
    trade: str  # "school", "health" or "office": which job titles its members hold


def generate_scale(
    *, units: int, seed: int = 1, prefix: str = "GEN", members: int = 0, work: bool = False
) -> ScaleTree:
    """The tree (and, with ``members`` > 0, the register; with ``work``, a year of work per unit:
    ``scale_work``) in one transaction, then ANALYZE."""
    if members < 0:
        raise ValidationError({"members": _("Số đoàn viên không được âm.")})
    with transaction.atomic():
        tree, homes = _generate_tree(units=units, seed=seed, prefix=prefix)
        if members:
            rng = random.Random(f"{seed}:members")
            insert_members(draw_members(homes, spread(members, len(homes), rng), prefix, rng))
        if work:
            from .scale_work import generate_work

            generate_work(root_id=tree.root_id, seed=seed)
    if (members or work) and connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, or the planner guesses on 1M rows
            cursor.execute(
                "ANALYZE"
                if work
                else f"ANALYZE {Person._meta.db_table}, {Membership._meta.db_table}, {UnitVersion._meta.db_table}"
            )
    return replace(tree, members=members)


def _generate_tree(*, units: int, seed: int, prefix: str) -> tuple[ScaleTree, list[Home]]:
    prefix = (prefix or "").strip().upper()
    if not PREFIX_RE.match(prefix):
        raise ValidationError(
            {"prefix": _("Tiền tố gồm 1-16 chữ cái hoặc chữ số ASCII, bắt đầu bằng chữ cái.")}
        )
    plan = ScalePlan.for_units(units)
    if plan.grassroots < 1:
        raise ValidationError({"units": _("Cần ít nhất 4 đơn vị.")})
    if Unit.objects.filter(Q(code=prefix) | Q(code__startswith=f"{prefix}-")).exists():
        raise ValidationError({"prefix": _("Đã có dữ liệu với tiền tố %(p)s.") % {"p": prefix}})
    specs = _specs(plan, prefix, random.Random(seed))
    kinds = {kind.code: kind for kind in UnitKind.objects.filter(code__in={s.kind for s in specs})}
    rows = [Unit(code=s.code, valid_from=FOUNDED) for s in specs]
    rows[0].note = f"Dữ liệu sinh tự động để đo hiệu năng (generate_scale, seed={seed})."
    Unit.objects.bulk_create(rows, batch_size=BATCH)  # PostgreSQL and SQLite >= 3.35 return the ids
    paths: list[str] = []
    provinces: list[int] = []  # each spec's province number (0 for the root)
    versions = []
    homes = []
    for i, (spec, row) in enumerate(zip(specs, rows, strict=True)):
        parent_path = paths[spec.parent] if spec.parent is not None else ""
        paths.append(parent_path + path_segment(row.pk))
        if spec.kind == "ldld-tinh":
            provinces.append(i)
        else:
            provinces.append(provinces[spec.parent] if spec.parent is not None else 0)
        name_folded, sort_key = unit_name_keys(spec.name)  # as save() does
        versions.append(
            UnitVersion(
                unit_id=row.pk,
                valid_from=FOUNDED,
                name=spec.name,
                name_folded=name_folded,
                sort_key=sort_key,
                kind=kinds[spec.kind],
                parent_id=rows[spec.parent].pk if spec.parent is not None else None,
                path=paths[-1],
                depth=paths[-1].count("/") - 1,
            )
        )
        if spec.kind == "cdcs":
            homes.append(Home(row.pk, paths[-1], provinces[-1], trade_of(spec.name)))
    UnitVersion.objects.bulk_create(versions, batch_size=BATCH)
    homes.sort(key=lambda home: home.path)
    tree = ScaleTree(root_id=rows[0].pk, plan=plan, grassroots_ids=[home.unit_id for home in homes])
    return tree, homes


def trade_of(unit_name: str) -> str:
    if "Trường" in unit_name:
        return "school"
    if any(word in unit_name for word in ("Y tế", "Bệnh")):
        return "health"
    return "office"


# -- members ------------------------------------------------------------------------------------
# Weights are rough shares (per thousand) of the public-sector workforce, not census figures.

FAMILY_NAMES = {
    "Nguyễn": 350, "Trần": 110, "Lê": 95, "Phạm": 71, "Hoàng": 31, "Huỳnh": 20, "Phan": 45,
    "Vũ": 22, "Võ": 17, "Đặng": 21, "Bùi": 20, "Đỗ": 14, "Hồ": 13, "Ngô": 13, "Dương": 10, "Lý": 5,
    "Đinh": 6, "Trương": 6, "Đoàn": 5, "Trịnh": 5, "Lương": 4, "Mai": 4, "Cao": 3, "Lâm": 3, "Hà": 3,
    "Tạ": 2, "Chu": 2, "Tô": 2, "Quách": 1, "Vương": 1, "Kiều": 1, "Thái": 1, "La": 1,
    "Lục": 0.3, "Mạc": 0.3, "Khúc": 0.2, "Âu": 0.2,
}  # fmt: skip
MIDDLE_NAMES = {
    Sex.MALE: {
        "Văn": 30, "Đức": 8, "Minh": 8, "Quang": 6, "Hữu": 6, "Công": 5, "Thanh": 5, "Đình": 5,
        "Xuân": 4, "Ngọc": 4, "Quốc": 4, "Tuấn": 3, "Mạnh": 3, "Trọng": 3, "Hoàng": 3, "Thế": 3,
        "Anh": 2, "Việt": 2, "Duy": 2, "Tiến": 2, "Bá": 1,
    },
    Sex.FEMALE: {
        "Thị": 45, "Ngọc": 7, "Thu": 6, "Thanh": 6, "Hồng": 4, "Minh": 4, "Phương": 3, "Thùy": 3,
        "Kim": 3, "Mai": 2, "Bích": 2, "Hoài": 2, "Quỳnh": 2, "Hải": 2, "Khánh": 2, "Diệu": 1, "Lan": 1,
    },
}  # fmt: skip
# Given names, commonest first: weight 1/(rank + 3), a long tail of rare ones.
GIVEN_NAMES = {
    Sex.MALE: [
        "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Thắng", "Long", "Sơn", "Cường", "Trung", "Đức",
        "Huy", "Quang", "Hoàng", "Anh", "Bình", "Thành", "Việt", "Hiếu", "Phong", "Tùng", "Hưng", "Khánh",
        "Toàn", "Vinh", "Tú", "Lâm", "Duy", "Phúc", "Nghĩa", "Tài", "Trí", "Lộc", "Hậu", "Quân", "Khoa",
        "An", "Kiên", "Thịnh", "Hào", "Đạt", "Tâm", "Hiệp", "Tiến", "Tín", "Luân", "Chiến", "Khải", "Khiêm",
        "Thái", "Khôi", "Vĩ",
    ],
    Sex.FEMALE: [
        "Lan", "Hương", "Hằng", "Trang", "Hoa", "Linh", "Thủy", "Hà", "Mai", "Phương", "Thảo", "Huyền",
        "Nga", "Dung", "Ngọc", "Anh", "Yến", "Vân", "Hạnh", "Hiền", "Loan", "Nhung", "Thu", "Thúy", "Giang",
        "Oanh", "Chi", "Liên", "Hồng", "My", "Ngân", "Trinh", "Tuyết", "Uyên", "Quyên", "Châu", "An", "Lý",
        "Diệp", "Nhàn", "Thoa", "Xuân", "Duyên", "Khuê", "Diễm", "Xuyến", "Quế", "Hậu", "Thơm",
    ],
}  # fmt: skip
ETHNICITIES = {
    "Kinh": 855, "Tày": 22, "Thái": 20, "Mường": 15, "Khmer": 15, "Hoa": 10, "Nùng": 10, "H'Mông": 10,
    "Dao": 8, "Gia Rai": 5, "Ê Đê": 5, "Chăm": 3, "Sán Dìu": 2,
}  # fmt: skip
EDUCATION = {
    "Đại học": 550,
    "Thạc sĩ": 120,
    "Cao đẳng": 120,
    "Trung cấp": 120,
    "Tiến sĩ": 15,
    "Sơ cấp": 20,
    "": 55,
}
POLITICAL_THEORY = {"": 500, "Sơ cấp": 250, "Trung cấp": 200, "Cao cấp": 50}
JOB_TITLES = {
    "school": {"Giáo viên": 75, "Nhân viên": 10, "Kế toán viên": 5, "Thư viện viên": 3, "Y tá trường học": 2},
    "health": {"Điều dưỡng": 40, "Bác sĩ": 25, "Kỹ thuật viên": 12, "Dược sĩ": 8, "Hộ sinh": 5, "Nhân viên": 10},
    "office": {"Chuyên viên": 50, "Chuyên viên chính": 15, "Cán sự": 10, "Kế toán viên": 8, "Nhân viên": 12,
               "Thanh tra viên": 5},
}  # fmt: skip
JOB_POSITIONS = {  # held by about one in twelve
    "school": ("Hiệu trưởng", "Phó Hiệu trưởng", "Tổ trưởng chuyên môn", "Tổ phó chuyên môn"),
    "health": ("Giám đốc", "Phó Giám đốc", "Trưởng khoa", "Phó Trưởng khoa", "Điều dưỡng trưởng"),
    "office": ("Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng"),
}
STATUSES = {
    Status.ACTIVE: 935,
    Status.EXEMPT: 30,
    Status.LEFT: 20,
    Status.TRANSFERRED: 12,
    Status.DECEASED: 3,
}
MOBILE_PREFIXES = [
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "089", "032", "033", "034", "035",
    "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "082", "083", "084", "085",
    "056", "058"
]  # fmt: skip
FEMALE_SHARE = 0.55  # women are a majority of the public-sector workforce (education, health)
SECOND_MIDDLE = 0.15  # "Nguyễn Thị Thu Hà": women with "Thị" often carry a second middle name
ID_NUMBER_SHARE = 1 / 3
PHONE_SHARE = 0.9
EMAIL_SHARE = 0.15
POSITION_SHARE = 1 / 12
POLICY_FAMILY_SHARE = 0.03
HARDSHIP_SHARE = 0.05
BORN = (dt.date(1965, 1, 1).toordinal(), dt.date(2003, 12, 31).toordinal())
ADULT_DAYS = 7305  # 20 years: nobody joins before 20
CHUNK = 20_000  # rows per COPY or bulk_create round

PERSON_COLUMNS = (
    "full_name", "name_folded", "sort_key", "family_sort_key", "sex", "date_of_birth", "id_number", "phone", "email", "ethnicity",
    "education", "political_theory", "job_position", "job_title", "work_started_on", "joined_union_on",
    "policy_family", "hardship", "unit_id", "unit_path", "card_number", "status", "created_at", "updated_at",
)  # fmt: skip
PERIOD_COLUMNS = (
    "unit_id", "card_number", "status", "valid_from", "valid_to", "end_status", "end_note", "first", "sex",
)  # fmt: skip
Drawn = tuple[tuple, tuple]  # (values of PERSON_COLUMNS, values of PERIOD_COLUMNS)


class _Weighted:
    """Draw from {item: weight} with one random number (faster than random.choices one at a time)."""

    def __init__(self, weights: dict):
        self.items = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


def _ranked(names: list[str]) -> _Weighted:
    return _Weighted({name: 1 / (rank + 3) for rank, name in enumerate(names)})


def draw_members(homes: list[Home], counts: list[int], prefix: str, rng: random.Random) -> Iterator[Drawn]:
    """``counts[i]`` members into ``homes[i]``, unit by unit in the order given; cards ``prefix`` + serial."""
    family = _Weighted(FAMILY_NAMES)
    middle = {sex: _Weighted(weights) for sex, weights in MIDDLE_NAMES.items()}
    second = _Weighted({name: w for name, w in MIDDLE_NAMES[Sex.FEMALE].items() if name != "Thị"})
    given = {sex: _ranked(names) for sex, names in GIVEN_NAMES.items()}
    ethnicity, education = _Weighted(ETHNICITIES), _Weighted(EDUCATION)
    theory, statuses = _Weighted(POLITICAL_THEORY), _Weighted(STATUSES)
    titles = {trade: _Weighted(weights) for trade, weights in JOB_TITLES.items()}
    folded: dict[str, str] = {}  # fold() per name part, not per person
    sort_keys: dict[str, tuple[str, str]] = {}  # the sort keys per full name (names repeat)
    id_numbers = set(Person.objects.exclude(id_number=None).values_list("id_number", flat=True))
    now, stamp = today(), timezone.now()
    last_join = now.toordinal() - 30
    founded = FOUNDED.toordinal()
    serial = 0
    for home, count in zip(homes, counts, strict=True):
        for _person in range(count):
            serial += 1
            sex = Sex.FEMALE if rng.random() < FEMALE_SHARE else Sex.MALE
            parts = [family.draw(rng), middle[sex].draw(rng)]
            if parts[1] == "Thị" and rng.random() < SECOND_MIDDLE:
                parts.append(second.draw(rng))
            parts.append(given[sex].draw(rng))
            for part in parts:
                if part not in folded:
                    folded[part] = fold(part)
            born = rng.randint(*BORN)
            started = min(born + ADULT_DAYS + int(rng.expovariate(1 / 1500)), last_join)
            joined = min(started + rng.randrange(730), last_join)
            status = statuses.draw(rng)
            # Periods before the generated tree existed are unknown: the one period starts with it.
            since = max(joined, founded)
            until = rng.randint(since + 1, now.toordinal()) if status not in IN_UNIT else None
            card = f"{prefix}{serial:08d}"
            full_name = " ".join(parts)
            if full_name not in sort_keys:
                keys = name_keys(full_name)
                sort_keys[full_name] = (keys["sort_key"], keys["family_sort_key"])
            person = (
                full_name,
                " ".join(folded[part] for part in parts),
                *sort_keys[full_name],
                sex,
                dt.date.fromordinal(born),
                _id_number(rng, home.province, sex, born, id_numbers),
                rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
                if rng.random() < PHONE_SHARE
                else "",
                f"{folded[parts[-1]]}.{folded[parts[0]]}{serial % 1000}@gmail.com".replace(" ", "")
                if rng.random() < EMAIL_SHARE
                else "",
                ethnicity.draw(rng),
                education.draw(rng),
                theory.draw(rng),
                rng.choice(JOB_POSITIONS[home.trade]) if rng.random() < POSITION_SHARE else "",
                titles[home.trade].draw(rng),
                dt.date.fromordinal(started),
                dt.date.fromordinal(joined),
                rng.random() < POLICY_FAMILY_SHARE,
                rng.random() < HARDSHIP_SHARE,
                home.unit_id,
                home.path,
                card,
                status,
                stamp,
                stamp,
            )
            period = (
                home.unit_id,
                card,
                status if status in IN_UNIT else Status.ACTIVE,
                dt.date.fromordinal(since),
                dt.date.fromordinal(until) if until else None,
                "" if until is None else status,
                "",
                True,  # the person's one period is their first
                sex,
            )
            yield person, period


def _id_number(rng: random.Random, province: int, sex: str, born: int, taken: set[str]) -> str | None:
    """A third of members have a 12-digit CCCD: place code, sex and century, year of birth, serial."""
    if rng.random() >= ID_NUMBER_SHARE:
        return None
    year = dt.date.fromordinal(born).year
    head = f"{province:03d}{(year >= 2000) * 2 + (sex == Sex.FEMALE)}{year % 100:02d}"
    while True:
        number = f"{head}{rng.randrange(10**6):06d}"
        if number not in taken:
            taken.add(number)
            return number


def _chunks(drawn: Iterator[Drawn]) -> Iterator[list[Drawn]]:
    while chunk := list(itertools.islice(drawn, CHUNK)):
        yield chunk


def insert_members(drawn: Iterator[Drawn]) -> None:
    """Write the drawn members, a chunk at a time: the people, then their periods
    naming the ids the people got (``core.bulk.insert``: COPY on PostgreSQL)."""
    for chunk in _chunks(drawn):
        ids = bulk_insert(Person, PERSON_COLUMNS, [person for person, _period in chunk])
        bulk_insert(
            Membership,
            ("person_id", *PERIOD_COLUMNS),
            [(pk, *period) for pk, (_person, period) in zip(ids, chunk, strict=True)],
            returning=False,
        )
