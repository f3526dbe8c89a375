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


@admin.register(RuleValue)
class RuleValueAdmin(admin.ModelAdmin):
    """A new value of a rule is a new row from a date; the old value keeps answering for earlier dates."""

    list_display = ("key", "value", "valid_from", "valid_to", "source")
    list_filter = ("key",)
    search_fields = ("key", "source")
