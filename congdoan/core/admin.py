"""Admin pieces every app uses."""

from django.contrib import admin

from .models import RuleValue


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only through the services (and audited there): the admin may read them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CatalogueAdmin(admin.ModelAdmin):
    """A catalogue (``core.models.Catalogue``): its Vietnamese and English names and its order are
    edited here; the code, which the program may name, is fixed once the row exists."""

    list_display = ("name", "name_en", "code", "order")
    list_editable = ("name_en", "order")
    search_fields = ("name", "name_en", "code")

    def get_readonly_fields(self, request, obj=None):
        return (
            ("code", *super().get_readonly_fields(request, obj))
            if obj
            else super().get_readonly_fields(request, obj)
        )


@admin.register(RuleValue)
class RuleValueAdmin(admin.ModelAdmin):
    """A new value of a rule is a new row from a date; the old value keeps answering for earlier dates."""

    list_display = ("key", "value", "valid_from", "valid_to", "source")
    list_filter = ("key",)
    search_fields = ("key", "source")
