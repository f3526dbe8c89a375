from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import plugins
from .guards import authenticated, public


@public
@require_GET
def healthz(request):
    """For load balancers: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@authenticated
def dashboard(request):
    """The cards the installed apps register, for the unit the dashboard is read for, and the work
    waiting for the actor. Each card is one selector call."""
    actor = request.user
    scope = plugins.dashboard_scope(request)
    cards = [{"card": card, "figures": card.figures(actor, scope)} for card in plugins.cards(actor)]
    context = {"scope": scope, "cards": cards, "todos": plugins.todos(actor)}
    return render(request, "core/dashboard.html", context)
