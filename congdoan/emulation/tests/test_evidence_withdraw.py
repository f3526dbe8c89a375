"""Withdrawing an evidence file of a score (rút minh chứng): the uploading side only, while the
year is not decided; the row and the stored file are kept, marked withdrawn (who, when) and audited,
and the file leaves the evidence list and its download. Page (HTMX button) and API."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.emulation import scoring, services
from congdoan.emulation.models import ScoreEvidence

from .factories import block

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(tree, cdvc_officer, officer_a):
    """CĐVC's block with A and B, A scored for 2022, with one file A uploaded and one CĐVC did."""
    b = block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)
    sheet = scoring.sheet_create(
        actor=cdvc_officer,
        unit=tree.cdvc,
        name="Bảng điểm khối",
        valid_from=dt.date(2021, 1, 1),
        total=Decimal(10),
        criteria=[("", "Tiêu chí chung", Decimal(10))],
    )
    result = scoring.score_record(
        actor=cdvc_officer, block=b, year=2022, unit=tree.a, points={sheet.criteria.get().pk: Decimal(9)}
    )
    own = scoring.score_evidence_attach(
        actor=officer_a, result=result, upload=SimpleUploadedFile("bao-cao-a.pdf", b"%PDF-1.4 cua A")
    )
    level = scoring.score_evidence_attach(
        actor=cdvc_officer,
        result=result,
        upload=SimpleUploadedFile("bien-ban-khoi.pdf", b"%PDF-1.4 cua khoi"),
    )
    return b, result, own, level


def test_the_uploading_unit_withdraws_its_file_which_is_kept_and_audited(scored, officer_a, client):
    b, result, own, level = scored
    assert (own.unit_id, level.unit_id) == (result.unit_id, b.unit_id)
    client.force_login(officer_a)
    page = client.get(reverse("emulation:score_result", args=[result.pk])).content.decode()
    assert page.count('data-testid="withdraw"') == 1  # A's own file only, not the block's
    assert "hx-confirm=" in page
    response = client.post(
        reverse("emulation:score_evidence_withdraw", args=[own.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert (
        "bao-cao-a.pdf" not in response.content.decode() and "bien-ban-khoi.pdf" in response.content.decode()
    )
    own.refresh_from_db()
    assert own.withdrawn_by == officer_a and own.withdrawn_at is not None
    assert (Path(settings.MEDIA_ROOT) / own.path).is_file()  # history: the file is kept
    entry = AuditEntry.objects.get(action="score.evidence_withdraw")
    assert (entry.actor, entry.before, entry.object_id) == (
        officer_a,
        {"file": "bao-cao-a.pdf"},
        str(result.pk),
    )
    page = client.get(reverse("emulation:score_result", args=[result.pk])).content.decode()
    assert "bao-cao-a.pdf" not in page and "bien-ban-khoi.pdf" in page
    assert client.get(reverse("emulation:score_evidence", args=[own.pk])).status_code == 404
    # A second click (another tab) finds nothing to withdraw.
    assert client.post(reverse("emulation:score_evidence_withdraw", args=[own.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="score.evidence_withdraw").count() == 1


def test_not_the_uploading_side_is_403_and_out_of_reach_404(scored, officer_a, officer_b, viewer_a, client):
    _b, _result, own, level = scored
    client.force_login(officer_a)
    assert client.post(reverse("emulation:score_evidence_withdraw", args=[level.pk])).status_code == 403
    client.force_login(viewer_a)
    assert client.post(reverse("emulation:score_evidence_withdraw", args=[own.pk])).status_code == 403
    client.force_login(officer_b)
    assert client.post(reverse("emulation:score_evidence_withdraw", args=[own.pk])).status_code == 404
    assert client.get(reverse("emulation:score_evidence_withdraw", args=[own.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        scoring.score_evidence_withdraw(actor=officer_a, evidence=level)
    assert not ScoreEvidence.objects.filter(withdrawn_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="score.evidence_withdraw").exists()


def test_once_the_year_is_decided_the_file_cannot_be_withdrawn(scored, tree, cdvc_officer, officer_a, client):
    b, result, own, _level = scored
    services.block_officers_name(actor=cdvc_officer, block=b, year=2023, leader=tree.b)
    client.force_login(officer_a)
    page = client.get(reverse("emulation:score_result", args=[result.pk])).content.decode()
    assert 'data-testid="withdraw"' not in page
    response = client.post(
        reverse("emulation:score_evidence_withdraw", args=[own.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "kết quả chấm điểm năm 2022 của khối đã chốt" in response.content.decode()
    plain = client.post(reverse("emulation:score_evidence_withdraw", args=[own.pk]))
    assert plain.status_code == 422 and "bao-cao-a.pdf" in plain.content.decode()
    with pytest.raises(ValidationError) as exc:
        scoring.score_evidence_withdraw(actor=officer_a, evidence=own)
    assert "evidence" in exc.value.message_dict
    own.refresh_from_db()
    assert own.withdrawn_at is None
    assert not AuditEntry.objects.filter(action="score.evidence_withdraw").exists()


def test_the_api_withdraws_and_refuses_like_the_page(scored, tree, cdvc_officer, officer_a, officer_b, call):
    b, _result, own, level = scored
    path = f"/emulation/evidence/{own.pk}/withdrawal"
    assert call(officer_b, "POST", path).status_code == 404
    assert call(officer_a, "POST", f"/emulation/evidence/{level.pk}/withdrawal").status_code == 403
    done = call(officer_a, "POST", path)
    assert done.status_code == 200, done.content
    assert done.json()["withdrawn_by_id"] == officer_a.pk and done.json()["withdrawn_at"]
    assert call(officer_a, "POST", path).status_code == 404
    services.block_officers_name(actor=cdvc_officer, block=b, year=2023, leader=tree.b)
    late = call(cdvc_officer, "POST", f"/emulation/evidence/{level.pk}/withdrawal")
    assert late.status_code == 422 and "evidence" in late.json()["errors"]
    assert AuditEntry.objects.filter(action="score.evidence_withdraw").count() == 1


def test_the_evidence_list_does_not_grow_with_the_files(scored, officer_a, client):
    from .helpers import queries_of

    _b, result, _own, _level = scored
    client.force_login(officer_a)
    url = reverse("emulation:score_result", args=[result.pk])
    few = queries_of(lambda: client.get(url))
    for n in range(5):
        scoring.score_evidence_attach(
            actor=officer_a, result=result, upload=SimpleUploadedFile(f"them-{n}.pdf", b"%PDF-1.4 them")
        )
    assert queries_of(lambda: client.get(url)) == few


def test_the_score_page_shows_its_history_without_withdrawn_file_names(scored, officer_a, client):
    """The history is back on the score page (who scored, who attached, who withdrew); the name of
    a withdrawn file appears nowhere on it, that of a file still attached does."""
    _b, result, own, _level = scored
    scoring.score_evidence_withdraw(actor=officer_a, evidence=own)
    client.force_login(officer_a)
    page = client.get(reverse("emulation:score_result", args=[result.pk])).content.decode()
    assert "Nhật ký thay đổi" in page
    for label in ("Chấm điểm thi đua", "Đính kèm minh chứng chấm điểm", "Rút minh chứng"):
        assert label in page, label
    assert "bao-cao-a.pdf" not in page
    assert "(minh chứng đã rút)" in page
    assert page.count("bien-ban-khoi.pdf") >= 2  # the list and its history row
    # The stored audit rows keep the name: only the page leaves it out.
    assert AuditEntry.objects.get(action="score.evidence_withdraw").before == {"file": "bao-cao-a.pdf"}
