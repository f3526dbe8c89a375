"""Admin pieces every app uses."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only through the services (and audited there): the admin may read them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
