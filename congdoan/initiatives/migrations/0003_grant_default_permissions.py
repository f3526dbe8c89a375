"""The initiatives module's permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["initiatives.view", "initiatives.manage", "initiatives.review"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ["initiatives.view", "initiatives.manage"],
    "uy-vien-bch": ["initiatives.view"],
    "can-bo-van-phong": ["initiatives.view"],
}


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_fields"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
