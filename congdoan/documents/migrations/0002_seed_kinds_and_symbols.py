"""The kinds of document and the default issuer symbols by kind of unit a deployment starts with.
Both are data an administrator may change."""

from django.db import migrations

# code, name, English name, abbreviation (Decree 30/2020/NĐ-CP, Appendix III, and union usage)
KINDS = [
    ("nghi-quyet", "Nghị quyết", "Resolution", "NQ"),
    ("quyet-dinh", "Quyết định", "Decision", "QĐ"),
    ("chi-thi", "Chỉ thị", "Directive", "CT"),
    ("quy-che", "Quy chế", "Regulations", "QC"),
    ("quy-dinh", "Quy định", "Rules", "QyĐ"),
    ("thong-bao", "Thông báo", "Notice", "TB"),
    ("huong-dan", "Hướng dẫn", "Guidance", "HD"),
    ("chuong-trinh", "Chương trình", "Programme", "CTr"),
    ("chuong-trinh-phoi-hop", "Chương trình phối hợp", "Coordination programme", "CTrPH"),
    ("ke-hoach", "Kế hoạch", "Plan", "KH"),
    ("bao-cao", "Báo cáo", "Report", "BC"),
    ("bien-ban", "Biên bản", "Minutes", "BB"),
    ("to-trinh", "Tờ trình", "Submission", "TTr"),
    ("giao-uoc", "Giao ước thi đua", "Emulation pledge", "GƯ"),
    ("cong-van", "Công văn", "Official letter", "CV"),
    ("giay-moi", "Giấy mời", "Invitation", "GM"),
]

# The symbol a unit of each kind writes when it has set none of its own (and its short name does
# not start with one).
UNIT_KIND_SYMBOLS = {
    "tong-ldld": "TLĐ",
    "cd-nganh-tw": "CĐN",
    "ldld-tinh": "LĐLĐ",
    "cd-cap-tren-co-so": "CĐCTCS",
    "cdcs": "CĐCS",
    "cd-bo-phan": "CĐBP",
    "to-cong-doan": "TCĐ",
}
SINCE = "2000-01-01"


def seed(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    DocumentSymbol = apps.get_model("documents", "DocumentSymbol")
    UnitKind = apps.get_model("organizations", "UnitKind")
    for order, (code, name, name_en, abbreviation) in enumerate(KINDS):
        DocumentKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "abbreviation": abbreviation, "order": order * 10},
        )
    for kind in UnitKind.objects.filter(code__in=UNIT_KIND_SYMBOLS):
        if not DocumentSymbol.objects.filter(unit_kind=kind).exists():
            DocumentSymbol.objects.create(unit_kind=kind, symbol=UNIT_KIND_SYMBOLS[kind.code], valid_from=SINCE)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("organizations", "0002_seed_kinds")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop, hints={"seed": True})]
