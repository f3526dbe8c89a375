"""PostgreSQL-only search indexes, and the union-officer positions a deployment starts with.

On PostgreSQL the folded name gets a trigram GIN index (pg_trgm) so that `LIKE '%term%'` is
index-backed; SQLite has no such index type and searches by scanning, which is fine at its scale.
"""

from django.db import migrations

from congdoan.core.cleanup import postgres_sql

TRGM = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON members_person USING gin (name_folded gin_trgm_ops)",
]
TRGM_REVERSE = ["DROP INDEX IF EXISTS person_name_trgm"]

POSITIONS = [
    ("chu-tich", "Chủ tịch", 0),
    ("pho-chu-tich", "Phó Chủ tịch", 10),
    ("uy-vien-btv", "Ủy viên Ban Thường vụ", 20),
    ("uy-vien-bch", "Ủy viên Ban Chấp hành", 30),
    ("chu-nhiem-ubkt", "Chủ nhiệm Ủy ban Kiểm tra", 40),
    ("uy-vien-ubkt", "Ủy viên Ủy ban Kiểm tra", 50),
    ("truong-ban-nu-cong", "Trưởng ban Nữ công", 60),
    ("to-truong", "Tổ trưởng công đoàn", 70),
]


def seed_positions(apps, schema_editor):
    PositionKind = apps.get_model("members", "PositionKind")
    for code, name, order in POSITIONS:
        PositionKind.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [
        postgres_sql(TRGM, TRGM_REVERSE),
        migrations.RunPython(seed_positions, migrations.RunPython.noop, hints={"seed": True}),
    ]
