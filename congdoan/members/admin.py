"""Admin: position kinds are data an administrator edits; the register itself is changed only
through the services (audited), so its models are read-only here."""

from django.contrib import admin

from congdoan.core.admin import CatalogueAdmin, ReadOnlyAdmin

from .models import Membership, Person, PositionKind, Transfer, WorkforceCount


@admin.register(PositionKind)
class PositionKindAdmin(CatalogueAdmin):
    list_display = (*CatalogueAdmin.list_display, "single_holder")


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "sex", "card_number", "status", "unit")
    list_filter = ("status", "sex")
    list_select_related = ("unit",)
    search_fields = ("name_folded", "card_number")
    show_full_result_count = False  # counting a million rows on every page is too slow


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("person", "unit", "valid_from", "valid_to", "status", "end_status")
    list_filter = ("status", "end_status")
    list_select_related = ("person", "unit")
    raw_id_fields = ("person", "unit")
    show_full_result_count = False


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ("person", "from_unit", "to_unit", "on", "state")
    list_filter = ("state",)
    list_select_related = ("person", "from_unit", "to_unit")
    raw_id_fields = ("person", "from_unit", "to_unit", "requested_by", "decided_by")


@admin.register(WorkforceCount)
class WorkforceCountAdmin(ReadOnlyAdmin):
    list_display = ("unit", "on", "total", "women")
    list_select_related = ("unit",)
    raw_id_fields = ("unit",)
