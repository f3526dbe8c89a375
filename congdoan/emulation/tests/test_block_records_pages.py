"""Pages and API of a block's own records: the block page shows meetings, plans and replaced
officers in a constant number of queries; forms and the API name the field (422); a member's officer
403, anyone else 404; a PostgreSQL race of two officers naming leaders at once makes one leader."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from congdoan.documents.tests.factories import issued
from congdoan.emulation import block_records, services
from congdoan.emulation.models import BlockMeeting, BlockMember, BlockOfficer, BlockPlan
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

from .factories import block
from .helpers import queries_of
from .test_block_records import khoi, outsider, units  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date
PAGES = ("block_meeting", "block_plan", "block_member_end", "block_officer_correct")


def _records(actor, k, year, unit):
    """A meeting, a plan and a replaced deputy for ``year``."""
    m = block_records.block_meeting_record(
        actor=actor, block=k, kind="yearend", title=f"Tổng kết {year}", held_on=D(year, 12, 10)
    )
    document = issued(actor, k.unit, title=f"Kế hoạch {year}")
    block_records.block_plan_add(actor=actor, block=k, year=year, document=document, meeting=m)
    return m


def test_block_page_shows_the_records_in_a_constant_number_of_queries(
    client,
    tree,
    khoi,  # noqa: F811
    units,  # noqa: F811
    cdvc_officer,
):
    client.force_login(cdvc_officer)
    url = reverse("emulation:block", args=[khoi.pk])
    _records(cdvc_officer, khoi, 2021, units[0])
    small = queries_of(lambda: client.get(url))
    _records(cdvc_officer, khoi, 2022, units[0])
    deputy = BlockOfficer.objects.get(block=khoi, year=2022, role="deputy")
    block_records.block_officers_correct(
        actor=cdvc_officer,
        officer=deputy,
        unit=units[3],
        on=D(2022, 9, 1),
        decision_reference="30/QĐ-CĐVC",
        decided_on=D(2022, 8, 25),
    )
    more = make_unit("CDCS_E", "Công đoàn Sở Xây dựng", tree.cdvc)
    services.block_member_add(actor=cdvc_officer, block=khoi, unit=more, valid_from=D(2022, 1, 1))
    assert queries_of(lambda: client.get(url)) == small
    page = client.get(url).content.decode()
    assert "Tổng kết 2022" in page and "Kế hoạch 2022" in page and "30/QĐ-CĐVC" in page
    assert "đã được thay từ ngày 01/09/2022" in page


def test_record_pages_forming_level_only(as_, khoi, cdvc_officer, officer_a, outsider):  # noqa: F811
    for name in PAGES:
        url = reverse(f"emulation:{name}", args=[khoi.pk])
        assert as_(cdvc_officer).get(url).status_code == 200, name
        assert as_(officer_a).get(url).status_code == 403, name
        assert as_(outsider).get(url).status_code == 404, name


def test_record_pages_write_and_name_the_field(as_, khoi, units, cdvc_officer):  # noqa: F811
    client = as_(cdvc_officer)
    url = reverse("emulation:block_meeting", args=[khoi.pk])
    bad = client.post(url, {"kind": "conference", "title": "Hội nghị", "held_on": "01/05/2020"})
    assert bad.status_code == 422
    assert bad.context["form"].errors["held_on"] == [
        "Ngày họp: 01/05/2020 ngoài thời gian hoạt động của khối."
    ]
    assert not BlockMeeting.objects.exists()
    handover = khoi.flags.get()
    done = client.post(
        url,
        {"kind": "conference", "title": "Hội nghị khối", "held_on": "29/03/2022", "handover": handover.pk},
    )
    assert done.status_code == 302
    handover.refresh_from_db()
    assert handover.meeting.title == "Hội nghị khối"
    member = BlockMember.objects.get(block=khoi, unit=units[0])
    end = reverse("emulation:block_member_end", args=[khoi.pk])
    refused = client.post(end, {"member": member.pk, "on": "01/09/2022", "reason": "Giải thể"})
    assert refused.status_code == 422 and "khối trưởng năm 2022" in refused.context["form"].errors["on"][0]
    leader = BlockOfficer.objects.get(block=khoi, year=2022, role="leader")
    fix = reverse("emulation:block_officer_correct", args=[khoi.pk])
    response = client.post(
        fix,
        {
            "officer": leader.pk,
            "unit": units[3].pk,
            "on": "15/08/2022",
            "decision_reference": "20/QĐ-CĐVC",
            "decided_on": "10/08/2022",
        },
    )
    assert response.status_code == 302
    assert (
        client.post(end, {"member": member.pk, "on": "01/09/2022", "reason": "Giải thể"}).status_code == 302
    )


def test_api_meetings_plans_member_end_and_correction(
    call,
    tree,
    khoi,  # noqa: F811
    units,  # noqa: F811
    cdvc_officer,
    officer_a,
    outsider,  # noqa: F811
):
    base = f"/emulation/blocks/{khoi.pk}"
    body = {"kind": "conference", "title": "Hội nghị khối", "held_on": "2022-03-29", "handover_year": 2022}
    assert call(officer_a, "POST", f"{base}/meetings", body).status_code == 403
    assert call(outsider, "POST", f"{base}/meetings", body).status_code == 404
    created = call(cdvc_officer, "POST", f"{base}/meetings", body)
    assert created.status_code == 201 and created.json()["flag_year"] == 2022
    listed = call(officer_a, "GET", f"{base}/meetings")  # a member's officer reads the block's records
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert call(outsider, "GET", f"{base}/meetings").status_code == 404
    document = issued(cdvc_officer, tree.cdvc, title="Kế hoạch năm 2022 của khối")
    plan = {"year": 2022, "document_id": document.pk, "meeting_id": created.json()["id"]}
    made = call(cdvc_officer, "POST", f"{base}/plans", plan)
    assert made.status_code == 201 and made.json()["adopted_on"] == "2022-03-29"
    again = call(cdvc_officer, "POST", f"{base}/plans", plan)
    assert again.status_code == 422 and again.json()["errors"] == {
        "year": ["Năm: khối đã có kế hoạch năm 2022."]
    }
    assert call(officer_a, "GET", f"{base}/plans").json()["items"][0]["document_id"] == document.pk
    assert BlockPlan.objects.count() == 1
    member = BlockMember.objects.get(block=khoi, unit=units[3])
    end = call(
        cdvc_officer, "POST", f"{base}/members/{member.pk}/end", {"on": "2022-07-01", "reason": "Sáp nhập"}
    )
    assert end.status_code == 200 and end.json()["valid_to"] == "2022-07-01"
    leader = BlockOfficer.objects.get(block=khoi, year=2022, role="leader")
    fix = {
        "unit_id": units[2].pk,
        "on": "2022-08-15",
        "decision_reference": "20/QĐ-CĐVC",
        "decided_on": "2022-08-10",
    }
    assert call(officer_a, "POST", f"{base}/officers/{leader.pk}/correct", fix).status_code == 403
    other = block(tree.cdvc, [units[2]], actor=cdvc_officer, name="Khối khác")
    assert (
        call(
            cdvc_officer, "POST", f"/emulation/blocks/{other.pk}/officers/{leader.pk}/correct", fix
        ).status_code
        == 404
    )
    bad = call(
        cdvc_officer, "POST", f"{base}/officers/{leader.pk}/correct", {**fix, "decision_reference": ""}
    )
    assert bad.status_code == 422 and "decision_reference" in bad.json()["errors"]
    done = call(cdvc_officer, "POST", f"{base}/officers/{leader.pk}/correct", fix)
    assert done.status_code == 201 and done.json()["valid_from"] == "2022-08-15"
    detail = call(officer_a, "GET", base).json()
    replaced = next(o for o in detail["officers"] if o["id"] == leader.pk)
    assert (replaced["valid_to"], replaced["replaced_by_id"]) == ("2022-08-15", done.json()["id"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_naming_leaders_at_once_make_one_leader(tree, cdvc_officer, monkeypatch):
    k = block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)
    checked = services._check_document

    def slow(*args):  # widen the window between the checks and the writes
        checked(*args)
        time.sleep(0.5)

    monkeypatch.setattr(services, "_check_document", slow)
    second = UserFactory(username="cdvc_officer2", home_unit=tree.cdvc)
    grant(second, tree.cdvc, "chu-tich")
    barrier = threading.Barrier(2)
    outcomes = {}

    def name(actor, leader):
        try:
            barrier.wait(timeout=10)
            services.block_officers_name(actor=actor, block=k, year=2022, leader=leader)
            outcomes[actor.username] = "ok"
        except ValidationError as error:
            outcomes[actor.username] = error.message_dict["leader"][0]
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=name, args=(cdvc_officer, tree.a)),
        threading.Thread(target=name, args=(second, tree.b)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(v == "ok" for v in outcomes.values()) == [False, True], outcomes
    assert "đã có khối trưởng" in next(v for v in outcomes.values() if v != "ok")
    assert BlockOfficer.objects.filter(block=k, year=2022, role="leader").count() == 1
