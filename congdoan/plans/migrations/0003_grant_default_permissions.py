"""Programmes' and survey missions' permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["plans.view", "plans.manage"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ALL,
    "uy-vien-bch": ["plans.view"],
    "can-bo-van-phong": ["plans.view"],
}


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_content_areas"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
