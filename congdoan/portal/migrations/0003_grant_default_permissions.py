"""The news portal's permissions granted to the default role kinds: the chair and vice-chairs
publish; full-time officers write; committee members and the office read."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["portal.view", "portal.write", "portal.publish"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ["portal.view", "portal.write"],
    "uy-vien-bch": ["portal.view"],
    "can-bo-van-phong": ["portal.view"],
}


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_categories"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
