"""The shipped titles' bonus multiples checked decree by decree, and their basis written per
decree and article (the rows' ``basis`` said "Decree 152/2025 from 01/07/2025, Decree 91/2017
before it", which skipped Decree 98/2023 and named no article).

The multiples of base salary of the five State titles are the same in the three decrees that have
set them since the row's first day (31/07/2017):

=================================  =====  ===========================================
Title                              ×      where
=================================  =====  ===========================================
Lao động tiên tiến                 0.3    91/2017 Điều 69 k.1 điểm d; 98/2023 Điều 54;
                                          152/2025 Điều 50
Chiến sĩ thi đua cơ sở             1.0    91/2017 Điều 69 k.1; 98/2023 Điều 54;
                                          152/2025 Điều 50
Tập thể lao động tiên tiến         0.8    91/2017 Điều 69 k.2 điểm b; 98/2023 Điều 54;
                                          152/2025 Điều 50
Tập thể lao động xuất sắc          1.5    91/2017 Điều 69 k.2; 98/2023 Điều 54;
                                          152/2025 Điều 50
Cờ thi đua của Tổng LĐLĐ VN        8.0    cờ thi đua cấp bộ, ban, ngành, tỉnh, đoàn thể
                                          trung ương: 91/2017 Điều 69 k.2; 98/2023
                                          Điều 54; 152/2025 Điều 50
=================================  =====  ===========================================

(Decree 91/2017/NĐ-CP in force 31/07/2017–31/12/2023; Decree 98/2023/NĐ-CP from 01/01/2024,
Decree 152/2025/NĐ-CP from 01/07/2025.) Since no value differs, no row is closed: a closed row and
an open one with the same multiple would change no bonus, and would make one title two rows for
the registrations and commendations that name it. Only the citation is corrected, and only on a
row still holding the shipped citation and the shipped multiple (an administrator's own edit is
left alone).

The flags of a provincial Federation of Labour and of a central sectoral union are the trade
union's own forms, not titles of these decrees: their 8.0 follows the flag of a central mass
organisation and is marked as such, to be checked against the VGCL's rules on commendation.
"""

from decimal import Decimal

from django.db import migrations

SHIPPED = "Nghị định 152/2025/NĐ-CP (từ 01/07/2025); Nghị định 91/2017/NĐ-CP trước đó"
DECREES = (
    "NĐ 91/2017/NĐ-CP Điều 69 {k91} (31/07/2017–31/12/2023); NĐ 98/2023/NĐ-CP Điều 54 "
    "(01/01/2024–30/06/2025); NĐ 152/2025/NĐ-CP Điều 50 (từ 01/07/2025)"
)
UNION_FLAG = (
    "Theo mức cờ thi đua đoàn thể trung ương (NĐ 91/2017 Điều 69 khoản 2; NĐ 98/2023 Điều 54; "
    "NĐ 152/2025 Điều 50); chưa đối chiếu quy định khen thưởng của Tổng Liên đoàn"
)

# code: (multiple checked, basis)
BASIS = {
    "lao-dong-tien-tien": ("0.3", DECREES.format(k91="khoản 1 điểm d")),
    "chien-si-thi-dua-co-so": ("1.0", DECREES.format(k91="khoản 1")),
    "tap-the-lao-dong-tien-tien": ("0.8", DECREES.format(k91="khoản 2 điểm b")),
    "tap-the-lao-dong-xuat-sac": ("1.5", DECREES.format(k91="khoản 2")),
    "co-thi-dua-tong-ldld": ("8.0", "Cờ thi đua đoàn thể trung ương: " + DECREES.format(k91="khoản 2")),
    "co-thi-dua-ldld-tinh": ("8.0", UNION_FLAG),
    "co-thi-dua-cd-nganh-tw": ("8.0", UNION_FLAG),
}


def cite(apps, schema_editor):
    Title = apps.get_model("emulation", "Title")
    for code, (multiple, basis) in BASIS.items():
        Title.objects.filter(code=code, basis=SHIPPED, bonus_multiple=Decimal(multiple)).update(basis=basis)


def uncite(apps, schema_editor):
    Title = apps.get_model("emulation", "Title")
    for code, (_multiple, basis) in BASIS.items():
        Title.objects.filter(code=code, basis=basis).update(basis=SHIPPED)


class Migration(migrations.Migration):
    dependencies = [("emulation", "0009_score_evidence")]
    operations = [migrations.RunPython(cite, uncite, hints={"seed": True})]
