"""The document register's permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["documents.view", "documents.manage"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ALL,
    "uy-vien-bch": ["documents.view"],
    "can-bo-van-phong": ["documents.view"],
}


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_seed_kinds_and_symbols"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
