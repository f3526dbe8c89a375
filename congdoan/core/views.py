from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .guards import public


@public
@require_GET
def healthz(request):
    """For load balancers: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
