"""Accounts' permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

GRANTS = {
    "chu-tich": ["accounts.view", "accounts.manage", "audit.view"],
    "pho-chu-tich": ["accounts.view", "accounts.manage", "audit.view"],
    "can-bo-chuyen-trach": ["accounts.view", "audit.view"],
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS), lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
