"""The default rubric for rating grassroots unions (after the VGCL's guidance: about 40 points for
representing and caring for members, 40 for building the union, 15 for finance and inspection,
and bonus points) and the grades with their names by period: the older five (vững mạnh xuất sắc …
yếu) for years up to 2021, the four of task completion (hoàn thành xuất sắc nhiệm vụ …) from 2022.
Thresholds are in % of the rubric's total. All of it is data a superior union or the administrator
may change; a rating keeps the rubric version and the grade row it was decided with."""

from decimal import Decimal

from django.db import migrations

D = Decimal
REPRESENT = "I. Đại diện, bảo vệ, chăm lo lợi ích của đoàn viên, người lao động"
BUILD = "II. Xây dựng tổ chức công đoàn vững mạnh"
FINANCE = "III. Tài chính công đoàn và công tác kiểm tra"
BONUS = "IV. Điểm thưởng"
# group, item, maximum, bonus, source
ITEMS = [
    (
        REPRESENT,
        "Tổ chức hội nghị cán bộ, công chức, viên chức; thực hiện quy chế dân chủ",
        D(10),
        False,
        "meetings.conference",
    ),
    (REPRESENT, "Chăm lo việc làm, thu nhập, đời sống của đoàn viên, người lao động", D(10), False, ""),
    (REPRESENT, "Tham gia giải quyết chế độ, chính sách; bảo vệ quyền, lợi ích hợp pháp", D(10), False, ""),
    (REPRESENT, "Tổ chức phong trào thi đua, hoạt động văn hóa, thể thao", D(10), False, ""),
    (BUILD, "Phát triển đoàn viên", D(10), False, "members.growth"),
    (BUILD, "Tuyên truyền, giáo dục chính trị, tư tưởng cho đoàn viên", D(10), False, ""),
    (BUILD, "Hoạt động của ban chấp hành, sinh hoạt công đoàn, chế độ báo cáo", D(10), False, ""),
    (BUILD, "Công tác nữ công, bình đẳng giới", D(10), False, ""),
    (FINANCE, "Thu, nộp đoàn phí, kinh phí công đoàn đầy đủ, đúng hạn", D(8), False, ""),
    (FINANCE, "Quản lý, sử dụng tài chính, tài sản công đoàn đúng quy định", D(4), False, ""),
    (FINANCE, "Hoạt động của ủy ban kiểm tra công đoàn", D(3), False, ""),
    (BONUS, "Mô hình, cách làm sáng tạo được cấp trên ghi nhận", D(5), True, ""),
]
OLD_BASIS = "Tên xếp loại cũ (đến năm 2021); ngưỡng điểm mặc định, cấp trên có thể điều chỉnh"
NEW_BASIS = "Xếp loại theo mức độ hoàn thành nhiệm vụ (từ năm 2022); ngưỡng điểm mặc định, có thể điều chỉnh"
# code, name, English, rank, minimum %, from, to
GRADES = [
    (
        "vung-manh-xuat-sac",
        "Vững mạnh xuất sắc",
        "Strong and excellent",
        1,
        D(90),
        "2000-01-01",
        "2022-01-01",
    ),
    ("vung-manh", "Vững mạnh", "Strong", 2, D(75), "2000-01-01", "2022-01-01"),
    ("kha", "Khá", "Fair", 3, D(65), "2000-01-01", "2022-01-01"),
    ("trung-binh", "Trung bình", "Average", 4, D(50), "2000-01-01", "2022-01-01"),
    ("yeu", "Yếu", "Weak", 5, D(0), "2000-01-01", "2022-01-01"),
    (
        "hoan-thanh-xuat-sac",
        "Hoàn thành xuất sắc nhiệm vụ",
        "Tasks completed with excellence",
        1,
        D(90),
        "2022-01-01",
        None,
    ),
    ("hoan-thanh-tot", "Hoàn thành tốt nhiệm vụ", "Tasks completed well", 2, D(75), "2022-01-01", None),
    ("hoan-thanh", "Hoàn thành nhiệm vụ", "Tasks completed", 3, D(50), "2022-01-01", None),
    ("khong-hoan-thanh", "Không hoàn thành nhiệm vụ", "Tasks not completed", 4, D(0), "2022-01-01", None),
]


def seed(apps, schema_editor):
    Rubric = apps.get_model("emulation", "Rubric")
    RubricItem = apps.get_model("emulation", "RubricItem")
    Grade = apps.get_model("emulation", "Grade")
    if not Rubric.objects.filter(unit__isnull=True, year__isnull=True).exists():
        rubric = Rubric.objects.create(
            name="Bảng tiêu chí đánh giá, xếp loại công đoàn cơ sở (mặc định)",
            total=sum(m for _g, _n, m, bonus, _s in ITEMS if not bonus),
            bonus_max=sum(m for _g, _n, m, bonus, _s in ITEMS if bonus),
            conditions=["discipline", "no_conference"],
        )
        RubricItem.objects.bulk_create(
            RubricItem(rubric=rubric, group=g, name=n, max_points=m, bonus=b, source=s, order=i)
            for i, (g, n, m, b, s) in enumerate(ITEMS, 1)
        )
    for code, name, name_en, rank, minimum, start, end in GRADES:
        Grade.objects.get_or_create(
            rank=rank,
            valid_from=start,
            defaults={
                "code": code,
                "name": name,
                "name_en": name_en,
                "min_percent": minimum,
                "valid_to": end,
                "basis": OLD_BASIS if end else NEW_BASIS,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("emulation", "0007_rating_rubrics_grades")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop, hints={"seed": True})]
