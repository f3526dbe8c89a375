"""Rules that change over time, kept as data with validity dates.

An app declares each rule it reads once, with its default and the document it comes from::

    MIN_AGE = register_rule("members.min_age", 15, _("Tuổi tối thiểu khi kết nạp"), source="…")
    MIN_AGE.on(day)  # -> 15, or the value of the ``RuleValue`` row valid on ``day``

An administrator records a new value from a date (admin: "Giá trị quy định"); the old value keeps
answering for earlier dates, so a check or a report for a past day reads the rule of that day.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


class UnknownRule(LookupError):
    pass


@dataclass(frozen=True)
class Rule:
    key: str
    default: object
    label: Promise | str
    source: str = ""

    def on(self, day: dt.date):
        """The value valid on ``day``: the latest ``RuleValue`` row covering it, else the default."""
        from .models import RuleValue

        row = RuleValue.objects.active(day).filter(key=self.key).order_by("-valid_from").first()
        return self.default if row is None else row.value

    def reader(self) -> Callable[[dt.date], object]:
        """``on`` for many days with one query (an import checking each row's date): the rule's
        rows are read once, and the returned function answers as ``on`` would."""
        from .models import RuleValue

        rows = list(
            RuleValue.objects.filter(key=self.key)
            .order_by("-valid_from")
            .values_list("valid_from", "valid_to", "value")
        )

        def on(day: dt.date):
            for start, end, value in rows:
                if start <= day and (end is None or day < end):
                    return value
            return self.default

        return on


_rules: dict[str, Rule] = {}


def register_rule(key: str, default, label, *, source: str = "") -> Rule:
    rule = _rules.setdefault(key, Rule(key, default, label, source))
    if rule.default != default:
        raise ValueError(f"rule {key!r} registered twice with different defaults")
    return rule


def get_rule(key: str) -> Rule:
    try:
        return _rules[key]
    except KeyError:
        raise UnknownRule(key) from None


def declared() -> dict[str, Rule]:
    return dict(_rules)
