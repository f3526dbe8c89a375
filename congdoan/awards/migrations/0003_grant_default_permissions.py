"""The awards module's permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["awards.view", "awards.manage", "awards.decide"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ["awards.view", "awards.manage"],
    "uy-vien-bch": ["awards.view"],
    "can-bo-van-phong": ["awards.view"],
}


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_seed_catalogue"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
