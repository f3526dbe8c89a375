"""Admin: kinds of document and the default issuer symbols by kind of unit are data an
administrator edits; the register itself is changed only through the services (audited)."""

from django.contrib import admin

from congdoan.core.admin import CatalogueAdmin, ReadOnlyAdmin

from .models import Document, DocumentKind, DocumentSymbol


@admin.register(DocumentKind)
class DocumentKindAdmin(CatalogueAdmin):
    list_display = (*CatalogueAdmin.list_display, "abbreviation")


@admin.register(DocumentSymbol)
class DocumentSymbolAdmin(admin.ModelAdmin):
    list_display = ("symbol", "unit", "unit_kind", "valid_from", "valid_to")
    raw_id_fields = ("unit",)


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("number_symbol", "title", "unit", "direction", "status", "signed_on", "received_on")
    list_filter = ("direction", "status", "kind")
    list_select_related = ("unit",)
    search_fields = ("number_symbol", "title_folded")
