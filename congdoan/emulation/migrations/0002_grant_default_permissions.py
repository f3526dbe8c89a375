"""The emulation module's permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["emulation.view", "emulation.manage"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ALL,
    "uy-vien-bch": ["emulation.view"],
    "can-bo-van-phong": ["emulation.view"],
}


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_movements_registrations"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
