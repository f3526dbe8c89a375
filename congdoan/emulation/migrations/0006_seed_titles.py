"""The emulation titles (danh hiệu thi đua) a deployment starts with, with the bonus of Decree
152/2025/NĐ-CP (in force 01/07/2025) as a multiple of the base salary. The multiples are those of
Decree 91/2017/NĐ-CP before it, so the rows read for earlier years too; a later change closes a row
(valid_to) and opens another. Data an administrator may change."""

from decimal import Decimal

from django.db import migrations

SINCE = "2017-07-31"  # Decree 91/2017/NĐ-CP, the same multiples as Decree 152/2025/NĐ-CP
BASIS = "Nghị định 152/2025/NĐ-CP (từ 01/07/2025); Nghị định 91/2017/NĐ-CP trước đó"

# code, name, English name, recipient, issuer level, multiple
TITLES = [
    ("lao-dong-tien-tien", "Lao động tiên tiến", "Advanced Worker", "individual", "thu-truong", "0.3"),
    (
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        "Grassroots Emulation Fighter",
        "individual",
        "thu-truong",
        "1.0",
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        "Advanced Labour Collective",
        "collective",
        "thu-truong",
        "0.8",
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        "Excellent Labour Collective",
        "collective",
        "ldld-tinh",
        "1.5",
    ),
    (
        "co-thi-dua-tong-ldld",
        "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
        "Emulation Flag of the Vietnam General Confederation of Labour",
        "collective",
        "tong-ldld",
        "8.0",
    ),
    (
        "co-thi-dua-ldld-tinh",
        "Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố",
        "Emulation Flag of a provincial Federation of Labour",
        "collective",
        "ldld-tinh",
        "8.0",
    ),
    (
        "co-thi-dua-cd-nganh-tw",
        "Cờ thi đua của Công đoàn ngành trung ương",
        "Emulation Flag of a central sectoral union",
        "collective",
        "cd-nganh-tw",
        "8.0",
    ),
]


def seed(apps, schema_editor):
    Title = apps.get_model("emulation", "Title")
    for order, (code, name, name_en, recipient, issuer, multiple) in enumerate(TITLES):
        Title.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "order": order * 10,
                "recipient": recipient,
                "issuer_level": issuer,
                "bonus_multiple": Decimal(multiple),
                "basis": BASIS,
                "valid_from": SINCE,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("emulation", "0005_titles_registration_entries")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop, hints={"seed": True})]
