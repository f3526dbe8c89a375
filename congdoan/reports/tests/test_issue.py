"""A report is issued once per kind, unit and period: a second issue is refused naming and linking the
document in force, takes no number and writes nothing; once that document is cancelled in the register,
a new one is issued and replaces it (the chain kept, nothing deleted)."""

import datetime as dt

import pytest
from django.db import IntegrityError

from congdoan.documents import services as documents
from congdoan.documents.models import Document
from congdoan.reports import definitions, selectors, services
from congdoan.reports.models import IssuedReport

pytestmark = pytest.mark.django_db

FORM = {
    "issue-signed_on": "05/01/2023",
    "issue-signer_name": "Phạm Văn Hải",
    "issue-signer_position": "Phó Chủ tịch",
}


@pytest.mark.parametrize("code", sorted(definitions.SIGNED))
def test_a_report_is_issued_once_then_replaced_only_after_cancelling(as_, cdvc_officer, year_2022, code):
    tree = year_2022
    client = as_(cdvc_officer)
    query = f"unit={tree.cdvc.pk}&nam=2022"
    first = client.post(f"/bao-cao/{code}/ban-hanh/?{query}", FORM)
    assert first.status_code == 302, first.content.decode()[:2000]
    issued = IssuedReport.objects.get(unit=tree.cdvc, report=code, year=2022)
    number = issued.document.number_symbol
    # the page now shows the number in force instead of the issue form
    page = client.get(f"/bao-cao/{code}/?{query}").content.decode()
    assert 'data-testid="in-force"' in page and number in page
    documents_before = Document.objects.count()
    second = client.post(f"/bao-cao/{code}/ban-hanh/?{query}", FORM)
    assert second.status_code == 422
    html = second.content.decode()
    assert "đã được ban hành: văn bản số " + number in html
    assert f'href="/van-ban/{issued.document_id}/"' in html
    assert Document.objects.count() == documents_before
    assert IssuedReport.objects.filter(report=code).count() == 1
    # cancelled in the register, the report is issued again and the new one replaces it
    documents.document_cancel(actor=cdvc_officer, document=issued.document, reason="Sai số liệu")
    again = client.post(f"/bao-cao/{code}/ban-hanh/?{query}", FORM)
    assert again.status_code == 302, again.content.decode()[:2000]
    new = IssuedReport.objects.get(replaces=issued)
    assert new.document.number_symbol != number
    assert f"thay thế báo cáo số {number}" in new.document.body
    report = definitions.SIGNED[code]
    assert selectors.issued_in_force(unit=tree.cdvc, report=report, year=2022) == new
    assert IssuedReport.objects.filter(report=code).count() == 2


def test_the_database_keeps_one_first_issue(cdvc_officer, year_2022):
    tree = year_2022
    scope = selectors.scope_read(
        actor=cdvc_officer, unit_id=tree.cdvc.pk, period=selectors.report_period(definitions.YEAR_END, 2022)
    )
    services.report_issue(
        actor=cdvc_officer,
        report=definitions.YEAR_END,
        scope=scope,
        signed_on=dt.date(2023, 1, 5),
        signer_name="A",
        signer_position="B",
    )
    with pytest.raises(IntegrityError):
        IssuedReport.objects.create(
            unit=tree.cdvc,
            report=definitions.YEAR_END.code,
            year=2022,
            document=IssuedReport.objects.get().document,
        )
