"""Whether an ID number (CCCD) or a card number is already used, said no more than the asker may know.

Both are unique in the whole register, so a join, an update or an import row holding one already
given must be refused. Inside the actor's scope (``members.view`` today over the holder's current
unit) the refusal may name the member and the unit. Outside it, the answer is the only thing it
says ("Số CCCD này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra.": no unit, no
name), and each such answer is an audit row ``member.identifier_taken`` filed under the asker's
own home unit: which field, through which door (form/API or import) and how many answers, never
the number asked about. An actor gets at most ``settings.MEMBERS_IDENTIFIER_ANSWERS_PER_DAY``
such answers a day (a setting: it is policy, not code); past it the check is refused with a
message that says so, and the refusal is logged too.

The count, the log and the limit are ``core.answers.Allowance``; services that can answer are
wrapped in ``core.answers.records_answers`` so the answers outlive their refusal's rollback.
"""

from django.utils.translation import gettext as _

from congdoan.core.answers import Allowance
from congdoan.core.dates import today
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.permissions import policy

from .permissions import VIEW

ANSWERED = "member.identifier_taken"
FIELDS = ("id_number", "card_number")
ALLOWANCE = Allowance(ANSWERED, "MEMBERS_IDENTIFIER_ANSWERS_PER_DAY")


def daily_limit() -> int:
    """Answers outside the scope one actor may get per day (``MEMBERS_IDENTIFIER_ANSWERS_PER_DAY``)."""
    return ALLOWANCE.daily_limit()


def answers_today(actor) -> int:
    """Out-of-scope answers the actor has had today (local day), from the audit log."""
    return ALLOWANCE.given_today(actor)


def in_scope(actor, unit_path: str | None) -> bool:
    """Whether the holder (by the path of their current unit) is one the actor may see today."""
    return policy.reach(actor, VIEW, today()).covers(unit_path)


def taken_outside(field: str) -> str:
    """The whole answer for a holder outside the scope."""
    if field == "id_number":
        return _("Số CCCD này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra.")
    return _("Số thẻ này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra.")


def over_limit_message() -> str:
    return _(
        "Bạn đã nhận đủ %(n)s lần trả lời trong ngày về số CCCD hoặc số thẻ của đoàn viên ngoài "
        "phạm vi quản lý; hãy thử lại vào ngày mai hoặc liên hệ công đoàn cấp trên."
    ) % {"n": daily_limit()}


def answer(*, actor, field: str, holder_path: str | None, inside: str, via: str = "form") -> str:
    """The message refusing ``field`` ("id_number" / "card_number") already held by someone whose
    current unit has ``holder_path``: ``inside`` (which may name them) when the actor sees the
    holder; otherwise the bare answer, counted against the daily limit and logged (by
    ``records_answers`` around the service, or at once outside one), or the over-limit message."""
    if in_scope(actor, holder_path):
        return inside
    refused = not ALLOWANCE.answer(actor, field=field, via=via)
    return over_limit_message() if refused else taken_outside(field)


def answer_many(*, actor, counts: dict[str, int], via: str = "import") -> bool:
    """For a whole file: ``counts`` out-of-scope holders per field. Logs them and returns True when
    they fit today's allowance; else logs the refusal and returns False (the caller then refuses
    the whole file: marking rows would tell which numbers are taken)."""
    total = sum(counts.values())
    if not total:
        return True
    allowed = ALLOWANCE.fits(actor, total)
    for field, n in counts.items():
        if n:
            ALLOWANCE.log(
                actor,
                field=field,
                via=via,
                answers=n if allowed else 0,
                refused=0 if allowed else n,
                at_once=True,
            )
    return allowed


def refuse_taken(*, actor, field: str, value: str, exclude_pk: int | None = None) -> str | None:
    """The refusal for ``value`` of ``field`` if another person than ``exclude_pk`` holds it, else
    None. Inside the scope it names the holder and their unit; ``actor`` None (a system write)
    gets the bare answer."""
    from .models import Person

    found = (
        Person.objects.filter(**{field: value})
        .exclude(pk=exclude_pk)
        .values_list("full_name", "unit_id", "unit_path")
        .first()
    )
    if found is None:
        return None
    name, unit_id, path = found
    if actor is None:
        return taken_outside(field)
    unit = (
        UnitVersion.objects.filter(unit_id=unit_id)
        .order_by("-valid_from")
        .values_list("name", flat=True)
        .first()
    )
    what = _("Số CCCD này") if field == "id_number" else _("Số thẻ này")
    inside = _("%(what)s đã cấp cho đoàn viên %(name)s (%(unit)s).") % {
        "what": what,
        "name": name,
        "unit": unit or "?",
    }
    return answer(actor=actor, field=field, holder_path=path, inside=inside)
