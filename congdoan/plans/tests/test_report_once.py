"""The mission's report under the issue-once rule of reports (issue 15, ``documents.issuing``, shared
with ``reports.services.report_issue``): issued once and numbered through the register, then frozen
(what is recorded later does not change it); a second issue is refused naming the report in force,
with nothing written; once that report is cancelled in the register an explicit re-issue takes the next
number, names the report it replaces, and is audited before and after."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.documents import links
from congdoan.documents import services as documents
from congdoan.documents.issuing import AlreadyIssued
from congdoan.documents.models import Document
from congdoan.plans import services
from congdoan.plans.models import ContentArea

pytestmark = pytest.mark.django_db
SIGNER = {"signer_name": "Trần Thị Trưởng Đoàn", "signer_position": "Phó Chủ tịch"}


def _find(officer, mission, results: str):
    services.finding_add(
        actor=officer, mission=mission, area=ContentArea.objects.get(code="an-sinh-xa-hoi"), results=results
    )


def _issue(officer, mission, on=dt.date(2022, 7, 29)):
    return services.report_issue(actor=officer, mission=mission, signed_on=on, **SIGNER).report


def test_a_second_issue_is_refused_and_the_report_stays_as_issued(survey, tree, cdvc_officer):
    mission = survey.mission
    _find(cdvc_officer, mission, "Thăm hỏi kịp thời.")
    first = _issue(cdvc_officer, mission)
    _find(cdvc_officer, mission, "Ghi sau khi ban hành.")  # recorded later: the report is frozen
    documents_before, audit_before = Document.objects.count(), AuditEntry.objects.count()
    with pytest.raises(AlreadyIssued) as caught:
        _issue(cdvc_officer, mission, dt.date(2022, 7, 30))
    message = caught.value.message_dict["__all__"][0]
    assert f"đã được ban hành: văn bản số {first.number_symbol} ngày 29/07/2022" in message
    assert "hủy văn bản đó trong sổ văn bản" in message
    assert (Document.objects.count(), AuditEntry.objects.count()) == (documents_before, audit_before)
    mission.refresh_from_db()
    assert mission.report == first and first.status == "issued"
    assert "Thăm hỏi kịp thời." in first.body and "Ghi sau khi ban hành." not in first.body


def test_after_cancelling_an_explicit_reissue_replaces_it(survey, tree, cdvc_officer):
    mission = survey.mission
    _find(cdvc_officer, mission, "Thăm hỏi kịp thời.")
    first = _issue(cdvc_officer, mission)
    _find(cdvc_officer, mission, "Bổ sung sau khi hủy.")
    documents.document_cancel(actor=cdvc_officer, document=first, reason="Thiếu kết quả khảo sát.")
    with pytest.raises(ValidationError) as early:  # a replacement is not signed before the report it replaces
        _issue(cdvc_officer, mission, dt.date(2022, 7, 28))
    assert "signed_on" in early.value.message_dict
    second = _issue(cdvc_officer, mission, dt.date(2022, 8, 2))
    first.refresh_from_db()
    assert second.number > first.number and first.status == "cancelled"  # the number stays with it
    assert second.body.splitlines()[0] == (
        f"Báo cáo này thay thế báo cáo số {first.number_symbol} ngày 29/07/2022 (đã hủy)."
    )
    assert "Bổ sung sau khi hủy." in second.body
    entry = AuditEntry.objects.filter(action="mission.report_issue").latest("at")
    assert (entry.before["report"], entry.after["report"]) == (first.pk, second.pk)
    assert set(links.documents_of(mission, "report")) == {first, second}  # both stay with the mission
    with pytest.raises(AlreadyIssued):  # the replacement stands in its turn
        _issue(cdvc_officer, mission, dt.date(2022, 8, 3))


def test_page_and_api(survey, tree, cdvc_officer, client, call):
    mission = survey.mission
    _find(cdvc_officer, mission, "Thăm hỏi kịp thời.")
    first = _issue(cdvc_officer, mission)
    client.force_login(cdvc_officer)
    url = reverse("plans:mission", args=[mission.pk])
    form = f'action="{reverse("plans:report_issue", args=[mission.pk])}"'
    page = client.get(url).content.decode()
    assert first.number_symbol in page and form not in page
    body = {"signed_on": "2022-07-30", **SIGNER}
    refused = call(cdvc_officer, "POST", f"/plans/missions/{mission.pk}/report", body)
    assert refused.status_code == 422 and first.number_symbol in str(refused.json())
    posted = client.post(
        reverse("plans:report_issue", args=[mission.pk]), {"signed_on": "30/07/2022", **SIGNER}
    )
    assert posted.status_code == 422 and "đã được ban hành" in posted.content.decode()
    documents.document_cancel(actor=cdvc_officer, document=first, reason="Sai số liệu.")
    page = client.get(url).content.decode()
    assert "đã hủy" in page and form in page
    read = call(cdvc_officer, "GET", f"/plans/missions/{mission.pk}").json()["report"]
    assert (read["number_symbol"], read["status"]) == (first.number_symbol, "cancelled")
    again = call(cdvc_officer, "POST", f"/plans/missions/{mission.pk}/report", body)
    assert again.status_code == 201 and again.json()["report"]["status"] == "issued"
    assert again.json()["report"]["number_symbol"] != first.number_symbol
