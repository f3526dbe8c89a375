"""Account names and e-mail addresses stored as typed before every input was cleaned
(``core.text``): cleaned in place (``core.cleanup``). Passwords (hashes) are not text to clean."""

from django.db import migrations

from congdoan.core.cleanup import LINE, clean_stored


def clean(apps, schema_editor):
    model = apps.get_model
    clean_stored(
        model("accounts", "User"),
        {"username": LINE, "full_name": LINE, "first_name": LINE, "last_name": LINE, "email": LINE},
    )
    clean_stored(model("accounts", "ApiToken"), {"name": LINE})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_username_ascii_unique_ci")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
