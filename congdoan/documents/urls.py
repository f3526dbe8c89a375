from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.register, name="register"),
    path("xuat-excel/", views.export, name="export"),
    path("du-thao/", views.create, name="create"),
    path("van-ban-den/", views.receive, name="receive"),
    path("mau-van-ban/", views.templates, name="templates"),
    path("ky-hieu/", views.symbols, name="symbols"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/sua/", views.edit, name="edit"),
    path("<int:document_id>/ban-hanh/", views.issue, name="issue"),
    path("<int:document_id>/huy/", views.cancel, name="cancel"),
    path("<int:document_id>/word/", views.docx, name="docx"),
    path("<int:document_id>/dinh-kem/", views.attach, name="attach"),
    path("dinh-kem/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("dinh-kem/<int:attachment_id>/go/", views.detach, name="detach"),
]
