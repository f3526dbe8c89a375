from .selectors import unit_switcher_choices


def unit_switcher(request):
    """The units at the top of the actor's scope, for the switcher in the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"switcher_units": unit_switcher_choices(actor=user)}
