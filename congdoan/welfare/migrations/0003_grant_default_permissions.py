"""The welfare module's permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["welfare.view", "welfare.manage"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ALL,
    "uy-vien-bch": ["welfare.view"],
    "can-bo-van-phong": ["welfare.view"],
}


class Migration(migrations.Migration):
    dependencies = [("welfare", "0002_catalogues"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
