"""The parameters of the Kỷ niệm chương's years rule (``EligibilityRule`` rows with ``rule``
"service_years"), checked where a row is entered (``EligibilityRule.clean``) and where it is loaded
to run (``eligibility.run``), and the group conditions evaluated on a person's recorded facts.

Shape (every key optional except where said)::

    {"years": 20,                                  # the default threshold, whole years > 0
     "count": ["officer", "member", "earlier"],    # the kinds of period counted (default: all)
     "groups": [                                   # other groups' thresholds: the first match wins
         {"name": "Nữ", "when": {"sex": "F"}, "years": 15},
         {"when": {"officer": "holding", "positions": ["chu-tich"]}, "years": 15},
     ]}

A condition (``when``, at least one key) holds when all its keys do: ``sex`` "M" or "F" (the
register's ``Person.sex``); ``officer`` "holding" (an officer position held on the day checked) or
"held" (one held at any time up to it); ``positions`` a list of ``PositionKind`` codes the position
must be one of (alone it means "held"). The register does not record whether a position is
full-time (chuyên trách), so no condition reads it. Source of the 20 years: the union's rules of
2024 (``catalogue.UNION_2024``); other thresholds come with the guidance that sets them, as a new
dated row.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PERIOD_KINDS = {
    "officer": gettext_lazy("Chức vụ công đoàn"),
    "member": gettext_lazy("Sinh hoạt công đoàn"),
    "earlier": gettext_lazy("Công tác công đoàn trước đây"),
}
SERVICE_KEYS = ("years", "count", "groups", "by_sex", "advisory")
GROUP_KEYS = ("name", "when", "years")
WHEN_KEYS = ("sex", "officer", "positions")
OFFICER_MODES = ("holding", "held")


def _bad(key: str, why: str) -> ValidationError:
    return ValidationError(
        {
            "params": _("Tham số “%(k)s” của điều kiện số năm công tác công đoàn: %(why)s")
            % {"k": key, "why": why}
        }
    )


def _years(value, key: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _bad(key, _("phải là số năm nguyên dương."))


def _unknown(given, allowed, prefix: str) -> None:
    for key in given:
        if key not in allowed:
            raise _bad(
                f"{prefix}{key}",
                _("không có trong các tham số dùng được (%(a)s).") % {"a": ", ".join(allowed)},
            )


def _when(when, key: str) -> None:
    if not isinstance(when, dict) or not when:
        raise _bad(key, _("phải là một điều kiện có ít nhất một khóa (%(a)s).") % {"a": ", ".join(WHEN_KEYS)})
    _unknown(when, WHEN_KEYS, f"{key}.")
    if "sex" in when and when["sex"] not in ("M", "F"):
        raise _bad(f"{key}.sex", _("phải là “M” (nam) hoặc “F” (nữ)."))
    if "officer" in when and when["officer"] not in OFFICER_MODES:
        raise _bad(f"{key}.officer", _("phải là “holding” (đang giữ chức vụ) hoặc “held” (đã từng giữ)."))
    positions = when.get("positions", [])
    if not isinstance(positions, list) or not all(isinstance(c, str) and c for c in positions):
        raise _bad(f"{key}.positions", _("phải là danh sách mã chức vụ công đoàn."))


def validate_service_years(params) -> None:
    """Refuse a params dict the years rule cannot read, naming the bad key; ``ValidationError``
    on the field ``params``."""
    if not isinstance(params, dict):
        raise _bad("params", _("phải là một đối tượng JSON."))
    _unknown(params, SERVICE_KEYS, "")
    if "years" in params:
        _years(params["years"], "years")
    count = params.get("count", list(PERIOD_KINDS))
    if not isinstance(count, list) or not count or any(k not in PERIOD_KINDS for k in count):
        raise _bad("count", _("phải là danh sách khác rỗng gồm: %(a)s.") % {"a": ", ".join(PERIOD_KINDS)})
    by_sex = params.get("by_sex", {})
    if not isinstance(by_sex, dict) or any(k not in ("M", "F") for k in by_sex):
        raise _bad("by_sex", _("phải có dạng {“M”: số năm, “F”: số năm}."))
    for sex, years in by_sex.items():
        _years(years, f"by_sex.{sex}")
    groups = params.get("groups", [])
    if not isinstance(groups, list):
        raise _bad("groups", _("phải là danh sách các nhóm."))
    for i, group in enumerate(groups, start=1):
        key = f"groups[{i}]"
        if not isinstance(group, dict):
            raise _bad(key, _("phải là một nhóm có điều kiện “when” và số năm “years”."))
        _unknown(group, GROUP_KEYS, f"{key}.")
        if "years" not in group:
            raise _bad(f"{key}.years", _("thiếu số năm của nhóm."))
        _years(group["years"], f"{key}.years")
        _when(group.get("when"), f"{key}.when")
        if not isinstance(group.get("name", ""), str):
            raise _bad(f"{key}.name", _("phải là tên nhóm (chữ)."))


VALIDATORS = {"service_years": validate_service_years}


def validate(rule: str, params) -> None:
    """The parameters of a rule row of check ``rule``, checked if the check declares a shape."""
    check = VALIDATORS.get(rule)
    if check is not None:
        check(params)


def groups_of(params: dict) -> list[dict]:
    """The groups of a valid params dict, ``by_sex`` (an earlier shape) read as groups after them."""
    legacy = [{"when": {"sex": sex}, "years": years} for sex, years in (params.get("by_sex") or {}).items()]
    return [*(params.get("groups") or []), *legacy]


def holds(when: dict, *, sex: str, periods) -> bool:
    """Whether a person of ``sex`` with these union-work periods (``members.selectors.WorkPeriod``)
    meets the condition ``when``."""
    if "sex" in when and sex != when["sex"]:
        return False
    if "officer" in when or "positions" in when:
        codes = when.get("positions") or []
        held = [p for p in periods if p.kind == "officer" and (not codes or p.position in codes)]
        if when.get("officer") == "holding":
            held = [p for p in held if p.current]
        if not held:
            return False
    return True


def describe_when(when: dict) -> str:
    """A condition in words: "nữ; đang giữ chức vụ công đoàn (chu-tich)"."""
    words = []
    if "sex" in when:
        words.append(_("nữ") if when["sex"] == "F" else _("nam"))
    if "officer" in when or "positions" in when:
        text = (
            _("đang giữ chức vụ công đoàn")
            if when.get("officer") == "holding"
            else _("đã giữ chức vụ công đoàn")
        )
        if when.get("positions"):
            text += f" ({', '.join(when['positions'])})"
        words.append(text)
    return "; ".join(words)


def group_name(group: dict) -> str:
    return group.get("name") or describe_when(group["when"])


def words(params: dict) -> list[str]:
    """The rule's parameters in words for the catalogue page."""
    out = [_("%(v)s năm") % {"v": params.get("years", 20)}]
    counted = params.get("count") or list(PERIOD_KINDS)
    out.append(_("tính: %(k)s") % {"k": ", ".join(str(PERIOD_KINDS[k]).lower() for k in counted)})
    out += [_("nhóm %(g)s: %(v)s năm") % {"g": group_name(g), "v": g["years"]} for g in groups_of(params)]
    return out
