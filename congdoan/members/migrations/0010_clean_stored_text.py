"""Text stored as typed before every input was cleaned (``core.text``): names with a zero-width
space, a soft hyphen, a BOM or control characters, Ð for Đ, card numbers in other cases or widths,
phones as '+84 912 345 678'. Cleaned in place, folded names recomputed; batched
(``core.cleanup``). A card number whose clean form another member already holds is kept and
logged: the person's period rows keep theirs too."""

from django.db import migrations
from django.db.models import Q

from congdoan.core.cleanup import ID_NUMBER, IDENTIFIER, LINE, PHONE, clean_stored
from congdoan.core.text import fold

PERSON = {
    "full_name": LINE,
    "id_number": ID_NUMBER,
    "phone": PHONE,
    "email": LINE,
    "ethnicity": LINE,
    "education": LINE,
    "political_theory": LINE,
    "job_position": LINE,
    "job_title": LINE,
    "card_number": IDENTIFIER,
}


def clean(apps, schema_editor):
    model = apps.get_model
    kept = clean_stored(
        model("members", "Person"), PERSON, derived={"name_folded": lambda r: fold(r["full_name"])}
    )
    clean_stored(
        model("members", "Membership"),
        {"card_number": IDENTIFIER, "end_note": LINE},
        exclude=Q(person_id__in=kept) if kept else None,
    )
    clean_stored(model("members", "OfficerPosition"), {"term": LINE})
    clean_stored(model("members", "Transfer"), {"note": LINE})
    clean_stored(model("members", "WorkforceCount"), {"note": LINE})
    clean_stored(model("members", "PositionKind"), {"code": LINE, "name": LINE})


class Migration(migrations.Migration):
    dependencies = [("members", "0009_grant_export_personal")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
