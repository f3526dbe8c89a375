from django.urls import path

from . import job_views, reminder_views, views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

# Background jobs, mounted at /cong-viec/ under the "jobs" namespace by config/urls.py.
job_patterns = [
    path("", job_views.job_list, name="list"),
    path("<uuid:job_id>/", job_views.job_detail, name="detail"),
    path("<uuid:job_id>/tien-do/", job_views.job_progress, name="progress"),
    path("<uuid:job_id>/tai-ve/", job_views.job_download, name="download"),
    path("<uuid:job_id>/ghi/", job_views.import_confirm, name="import_confirm"),
    path("loi/", job_views.failed_list, name="failed"),
    path("<uuid:job_id>/chay-lai/", job_views.retry, name="retry"),
]

# Scheduled reminders, mounted at /nhac-tu-dong/ under the "reminders" namespace by config/urls.py.
reminder_patterns = [
    path("", reminder_views.reminder_list, name="list"),
    path("dat/", reminder_views.reminder_schedule, name="schedule"),
    path("<int:reminder_id>/dung/", reminder_views.reminder_end, name="end"),
]
