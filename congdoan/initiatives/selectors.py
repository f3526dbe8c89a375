"""Reads of the initiatives module. Selectors that take an actor start from the policy's reach."""

from django.db.models import QuerySet

from .models import Initiative


def recognised_initiatives(*, member_ids, year: int) -> QuerySet[Initiative]:
    """Initiatives recognised (công nhận) in ``year`` (the decision's date) of which one of
    ``member_ids`` (``members.Person`` ids) is an author. A building block for the awards module,
    which applies its own actor's scope to the persons it asks about."""
    return (
        Initiative.objects.filter(
            state=Initiative.State.RECOGNISED,
            decided_on__year=year,
            authors__person_id__in=list(member_ids),
        )
        .distinct()
        .select_related("unit", "field")
    )
