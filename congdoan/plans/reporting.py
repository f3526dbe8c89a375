"""The mission's report, written from what was recorded: the text issued as the report document's body
(visits and hosts, findings per content area, gifts), its recipients, and its Word file (Decree 30/2020/
NĐ-CP layout: issuing body top left, the national motto top right, number and symbol, place and date,
kind and title, body, recipients and signature block).

The Word file is the register's own output for the report document (``documents.word``).
"""

from django.utils.translation import gettext as _

from congdoan.core.dates import display
from congdoan.core.money import format_vnd

from . import documents_bridge, selectors
from .models import Mission


def _vnd(amount: int) -> str:
    return f"{format_vnd(amount)} đồng"


def report_sections(mission: Mission) -> dict:
    """The report's parts, from the records (``selectors.mission_detail``)."""
    mission = selectors.mission_detail(mission)
    head = next((m for m in mission.member_rows if m.is_head), None)
    plan = mission.plan
    led_by = (
        _("đồng chí %(name)s, %(position)s %(unit)s làm trưởng đoàn")
        % {
            "name": head.position.person.full_name,
            "position": head.position.position.name,
            "unit": head.unit_name,
        }
        if head
        else ""
    )
    intro = _(
        "Thực hiện Kế hoạch số %(plan)s ngày %(plan_on)s của %(unit)s, từ ngày %(start)s đến ngày %(end)s, "
        "đoàn khảo sát của %(unit)s do %(led_by)s đã đến làm việc với %(count)s đơn vị."
    ) % {
        "plan": plan.number_symbol,
        "plan_on": display(plan.signed_on),
        "unit": mission.unit_name,
        "start": display(mission.starts_on),
        "end": display(mission.ends_on),
        "led_by": led_by,
        "count": len(mission.visit_rows),
    }
    visits = []
    for visit in mission.visit_rows:
        # A host of the visited unit is named without it: the line names that unit already.
        hosts = "; ".join(
            ", ".join(
                filter(None, [h.full_name, h.position, h.unit_name if h.unit_name != visit.unit_name else ""])
            )
            for h in visit.hosts.all()
        )
        visits.append(
            _("Ngày %(on)s: %(unit)s; đón tiếp đoàn: %(hosts)s.")
            % {"on": display(visit.on), "unit": visit.unit_name, "hosts": hosts or "—"}
        )
    findings = [
        {
            "area": f.area.name,
            "where": f.visit and selectors.names_on({f.visit.unit_id: f.visit.on}).get(f.visit.unit_id, ""),
            "results": f.results,
            "shortcomings": f.shortcomings,
            "proposals": f.proposals,
        }
        for f in mission.finding_rows
    ]
    gifts = [
        _("%(kind)s%(description)s: %(count)s × %(value)s = %(amount)s.")
        % {
            "kind": g.get_kind_display(),
            "description": f" ({g.description})" if g.description else "",
            "count": format_vnd(g.count),
            "value": _vnd(g.unit_value),
            "amount": _vnd(g.amount),
        }
        for g in mission.gift_rows
    ]
    total = sum(g.amount for g in mission.gift_rows)
    return {
        "intro": intro,
        "visits": visits,
        "findings": findings,
        "gifts": gifts,
        "gift_total": _("Tổng trị giá quà, hỗ trợ: %(total)s.") % {"total": _vnd(total)} if gifts else "",
    }


def _where(finding: dict) -> str:
    return f" ({finding['where']})" if finding["where"] else ""


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def report_text(mission: Mission) -> str:
    """The body of the report document, in plain text: the parts with something recorded, numbered
    I, II, … in order (a part with nothing to say is left out, not printed empty)."""
    parts = report_sections(mission)
    sections = [(_("CÁC BUỔI LÀM VIỆC"), [f"- {v}" for v in parts["visits"]])]
    headings = [
        ("results", _("KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG PHỐI HỢP")),
        ("shortcomings", _("HẠN CHẾ")),
        ("proposals", _("ĐỀ XUẤT NỘI DUNG PHỐI HỢP THỜI GIAN TỚI")),
    ]
    for key, heading in headings:
        found = [f for f in parts["findings"] if f[key]]
        sections.append(
            (
                heading,
                [f"{n}. {f['area']}{_where(f)}: {f[key]}" for n, f in enumerate(found, 1)],
            )
        )
    sections.append((_("HỖ TRỢ, TẶNG QUÀ"), [*(f"- {g}" for g in parts["gifts"]), parts["gift_total"]]))
    lines = [parts["intro"], ""]
    numbered = (section for section in sections if any(section[1]))
    for number, (heading, body) in zip(ROMAN, numbered, strict=False):
        lines += [f"{number}. {heading}", *filter(None, body), ""]
    return "\n".join(lines).strip()


def report_docx(mission: Mission) -> bytes:
    """The issued report as a Word file: the register's Word output (Decree 30 layout, the unit's own
    template when it has one) with the report's number and date."""
    return documents_bridge.document_docx(mission.report)


def recipients(mission: Mission) -> str:
    """Nơi nhận: the units visited (their names then), and the file copy."""
    visits = selectors.mission_detail(mission).visit_rows
    return "\n".join([*dict.fromkeys(v.unit_name for v in visits), _("Lưu: VT")])
