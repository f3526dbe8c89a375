"""Unit names, codes and notes stored as typed before every input was cleaned (``core.text``):
cleaned in place, folded names recomputed; batched (``core.cleanup``)."""

from django.db import migrations

from congdoan.core.cleanup import IDENTIFIER, LINE, TEXT, clean_stored
from congdoan.core.text import fold


def clean(apps, schema_editor):
    model = apps.get_model
    clean_stored(model("organizations", "Unit"), {"code": IDENTIFIER, "note": TEXT})
    clean_stored(
        model("organizations", "UnitVersion"),
        {"name": LINE, "short_name": LINE, "address": LINE},
        derived={"name_folded": lambda r: fold(f"{r['name']} {r['short_name']}")},
    )
    for catalogue in ("UnitKind", "RoleKind"):
        clean_stored(model("organizations", catalogue), {"code": LINE, "name": LINE})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0004_catalogue_and_dated_labels")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
