from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import figures, health, plugins
from .guards import authenticated, public


@public
@require_GET
def healthz(request):
    """Liveness: the process answers (core/health.py)."""
    return JsonResponse({"status": "ok"})


@public
@require_GET
def readyz(request):
    """Readiness: database, migrations, cache and queue (core/health.py); 503 when one fails."""
    checks = health.readiness()
    ok = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )


def _card_values(actor, scope, cards) -> dict[str, int | None]:
    """The registry's figures every card names, for the scope's unit, in one pass (each group of
    figures computed once); those the actor may not read on that unit are left out."""
    # A card may name a family's figure whose catalogue row an administrator removed: left out.
    names = [name for card in cards for name in card.names if figures.known(name)]
    if not names or scope is None or getattr(scope, "unit_id", None) is None:
        return {}
    return figures.compute(
        actor=actor,
        unit_id=scope.unit_id,
        names=names,
        period=scope.period,
        as_of=scope.as_of,
        readable_only=True,
    )


@authenticated
def dashboard(request):
    """The cards the installed apps register, for the unit, period and date the dashboard is read
    for (the registered scope), and the work waiting for the actor. The cards' figures come from
    the figures registry in one pass; a card with figures but none readable is left out."""
    actor = request.user
    scope = plugins.dashboard_scope(request)
    allowed = plugins.cards(actor)
    values = _card_values(actor, scope, allowed)
    cards = []
    for card in allowed:
        shown = [(figures.get(name), values[name]) for name in card.names if name in values]
        if card.names and not shown and card.figures is None:
            continue
        data = card.figures(actor, scope) if card.figures is not None else None
        cards.append({"card": card, "figures": data, "values": shown})
    context = {"scope": scope, "cards": cards, "todos": plugins.todos(actor)}
    return render(request, "core/dashboard.html", context)
