"""A personal-data export is its own permission: granted to the roles that manage members, not to
the read-only office role (can-bo-van-phong) nor to BCH members."""

from django.db import migrations

from congdoan.organizations.defaults import grant_defaults, revoke_defaults

GRANTS = {
    "chu-tich": ["members.export_personal"],
    "pho-chu-tich": ["members.export_personal"],
    "can-bo-chuyen-trach": ["members.export_personal"],
}


class Migration(migrations.Migration):
    dependencies = [("members", "0008_chair_single_holder")]
    operations = [
        migrations.RunPython(
            lambda apps, _: grant_defaults(apps, GRANTS),
            lambda apps, _: revoke_defaults(apps, GRANTS),
            hints={"seed": True},
        )
    ]
