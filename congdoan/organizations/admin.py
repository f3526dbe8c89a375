"""Admin: kinds of unit and roles are catalogues an administrator names (in Vietnamese and
English) and orders. What they decide stays out of reach here: a kind's place in the rules
(grassroots, holds members) and a role's permissions change through migrations, which the
permission policy and the audit trail follow; the tree and the role assignments change only
through the services."""

from django.contrib import admin

from congdoan.core.admin import CatalogueAdmin

from .models import RoleKind, UnitKind


@admin.register(UnitKind)
class UnitKindAdmin(CatalogueAdmin):
    readonly_fields = ("is_grassroots", "holds_members")


@admin.register(RoleKind)
class RoleKindAdmin(CatalogueAdmin):
    readonly_fields = ("permissions",)
