"""Default grants of permissions to role kinds, for the apps' own data migrations.

Each app grants its own permissions in a data migration of its own::

    def grant(apps, schema_editor):
        grant_defaults(apps, {"chu-tich": ["members.view", "members.manage"]})

Role kinds are data an administrator may change afterwards: granting adds what is missing and
never removes a permission an administrator gave.
"""


def grant_defaults(apps, grants: dict[str, list[str]]) -> None:
    RoleKind = apps.get_model("organizations", "RoleKind")
    for role in RoleKind.objects.filter(code__in=grants):
        wanted = [p for p in grants[role.code] if p not in role.permissions]
        if wanted:
            role.permissions = [*role.permissions, *wanted]
            role.save(update_fields=["permissions"])


def revoke_defaults(apps, grants: dict[str, list[str]]) -> None:
    RoleKind = apps.get_model("organizations", "RoleKind")
    for role in RoleKind.objects.filter(code__in=grants):
        role.permissions = [p for p in role.permissions if p not in grants[role.code]]
        role.save(update_fields=["permissions"])
