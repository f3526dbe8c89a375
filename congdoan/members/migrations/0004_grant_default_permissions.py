"""The member register's permissions granted to the default role kinds."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

ALL = ["members.view", "members.manage", "members.view_personal"]
GRANTS = {
    "chu-tich": ALL,
    "pho-chu-tich": ALL,
    "can-bo-chuyen-trach": ALL,
    "uy-vien-bch": ["members.view"],
    "can-bo-van-phong": ["members.view"],
}


class Migration(migrations.Migration):
    dependencies = [("members", "0003_whole_tree_search_indexes"), ("organizations", "0002_seed_kinds")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS), lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
