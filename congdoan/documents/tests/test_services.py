import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.documents import numbering, services
from congdoan.documents.models import Document, DocumentCounter, DocumentSymbol, Status

from .factories import draft, issued, kind

D = dt.date(2022, 4, 5)


def test_draft_has_no_number_and_issue_takes_the_next(cdvc_officer, tree):
    document = draft(cdvc_officer, tree.cdvc)
    assert document.number is None and document.status == Status.DRAFT
    first = services.document_issue(actor=cdvc_officer, document=document, signed_on=D)
    second = issued(cdvc_officer, tree.cdvc, on=D)
    assert (first.number, second.number) == (1, 2)
    assert first.number_symbol == "01/KH-CĐCTCS"  # Decree 30: from 01; the kind's default symbol
    assert AuditEntry.objects.filter(action="document.issue").count() == 2


def test_sequence_per_kind_and_year(cdvc_officer, tree):
    issued(cdvc_officer, tree.cdvc, on=D)
    report = issued(cdvc_officer, tree.cdvc, on=D, kind_code="bao-cao")
    next_year = issued(cdvc_officer, tree.cdvc, on=dt.date(2023, 1, 2))
    other_unit = issued(cdvc_officer, tree.a, on=D)
    assert (report.number, next_year.number, other_unit.number) == (1, 1, 1)
    assert other_unit.number_symbol == "01/KH-CĐCS"


def test_unit_symbol_row_wins_and_historic_number(cdvc_officer, tree):
    DocumentSymbol.objects.create(unit=tree.cdvc, symbol="CĐVC", valid_from=dt.date(2020, 1, 1))
    document = issued(cdvc_officer, tree.cdvc, on=D, number=92)
    assert document.number_symbol == "92/KH-CĐVC"
    assert DocumentCounter.objects.get(unit=tree.cdvc, kind=kind(), year=2022).last_number == 92
    # the next one continues after the historic number; a free lower number may still be recorded
    assert issued(cdvc_officer, tree.cdvc, on=D).number == 93
    assert issued(cdvc_officer, tree.cdvc, on=D, number=12).number == 12


def test_symbol_from_the_short_name_acronym(cdvc_officer, tree):
    version = tree.cdvc.versions.get()
    version.short_name = "CĐVC tỉnh A"
    version.save()
    assert numbering.symbol_for(tree.cdvc, D) == "CĐVC"


def test_number_already_used_is_refused_naming_the_field(cdvc_officer, tree):
    issued(cdvc_officer, tree.cdvc, on=D, number=92)
    document = draft(cdvc_officer, tree.cdvc)
    with pytest.raises(ValidationError) as exc:
        services.document_issue(actor=cdvc_officer, document=document, signed_on=D, number=92)
    assert exc.value.message_dict == {
        "number": ["Số 92 đã được dùng cho kế hoạch năm 2022 của đơn vị ban hành."]
    }
    document.refresh_from_db()
    assert document.number is None and document.status == Status.DRAFT


def test_same_number_other_kind_or_year_is_free(cdvc_officer, tree):
    issued(cdvc_officer, tree.cdvc, on=D, number=92)
    assert issued(cdvc_officer, tree.cdvc, on=D, number=92, kind_code="bao-cao").number == 92
    assert issued(cdvc_officer, tree.cdvc, on=dt.date(2023, 5, 1), number=92).number == 92


def test_signing_date_in_the_future_is_refused(cdvc_officer, tree):
    document = draft(cdvc_officer, tree.cdvc)
    tomorrow = today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.document_issue(actor=cdvc_officer, document=document, signed_on=tomorrow)
    assert list(exc.value.message_dict) == ["signed_on"]
    assert "Ngày ký không thể sau hôm nay" in exc.value.message_dict["signed_on"][0]
    assert not DocumentCounter.objects.exists()
    with pytest.raises(ValidationError) as exc:
        draft(cdvc_officer, tree.cdvc, signed_on=tomorrow)
    assert list(exc.value.message_dict) == ["signed_on"]


def test_signing_before_the_unit_existed_is_refused(cdvc_officer, tree):
    document = draft(cdvc_officer, tree.cdvc)
    with pytest.raises(ValidationError) as exc:
        services.document_issue(actor=cdvc_officer, document=document, signed_on=dt.date(2019, 5, 1))
    assert list(exc.value.message_dict) == ["signed_on"]


def test_cancel_keeps_the_number_and_needs_a_reason(cdvc_officer, tree):
    document = issued(cdvc_officer, tree.cdvc, on=D)
    with pytest.raises(ValidationError) as exc:
        services.document_cancel(actor=cdvc_officer, document=document, reason="  ")
    assert exc.value.message_dict == {"reason": ["Lý do hủy là bắt buộc."]}
    cancelled = services.document_cancel(actor=cdvc_officer, document=document, reason="Ban hành nhầm")
    assert (cancelled.status, cancelled.number, cancelled.cancel_reason) == (
        Status.CANCELLED,
        1,
        "Ban hành nhầm",
    )
    assert issued(cdvc_officer, tree.cdvc, on=D).number == 2  # never reused
    with pytest.raises(ValidationError):
        services.document_update(actor=cdvc_officer, document=cancelled, title="Khác")


def test_an_issued_document_is_fixed(cdvc_officer, tree):
    """Decree 30: an issued document is corrected by another one, not rewritten under its number."""
    document = issued(cdvc_officer, tree.cdvc, on=D)
    before = AuditEntry.objects.count()
    for change in ({"kind": kind("bao-cao")}, {"title": "Kế hoạch mới"}, {"body": "Nội dung khác"}):
        with pytest.raises(ValidationError) as exc:
            services.document_update(actor=cdvc_officer, document=document, **change)
        assert exc.value.message_dict == {next(iter(change)): [str(services.ISSUED_IS_FIXED)]}
    assert AuditEntry.objects.count() == before
    document.refresh_from_db()
    assert document.title != "Kế hoạch mới"
    # The same text typed again is no change.
    services.document_update(actor=cdvc_officer, document=document, title=document.title)


def test_a_draft_takes_its_text_cleaned(cdvc_officer, tree):
    draft = services.document_create(actor=cdvc_officer, unit=tree.cdvc, kind=kind("ke-hoach"), title="Tạm")
    updated = services.document_update(actor=cdvc_officer, document=draft, title="Kế hoạch  mới\u200b")
    assert updated.title == "Kế hoạch mới" and updated.title_folded == "ke hoach moi"


def test_receive_takes_arrival_numbers(cdvc_officer, tree):
    first = services.document_receive(
        actor=cdvc_officer,
        unit=tree.cdvc,
        kind=kind("cong-van"),
        title="Về việc khảo sát",
        sender="LĐLĐ tỉnh A",
        sender_number="123/LĐLĐ",
        sender_date=dt.date(2022, 4, 1),
        received_on=D,
        handler="Nguyễn Văn A",
    )
    second = services.document_receive(
        actor=cdvc_officer, unit=tree.cdvc, kind=kind("ke-hoach"), title="Kế hoạch", sender="X", received_on=D
    )
    assert (first.number, second.number, first.status) == (1, 2, Status.RECEIVED)
    assert first.number_symbol == "123/LĐLĐ"
    with pytest.raises(ValidationError) as exc:
        services.document_receive(
            actor=cdvc_officer, unit=tree.cdvc, kind=kind(), title="T", sender="X", received_on=D, number=2
        )
    assert list(exc.value.message_dict) == ["number"]
    with pytest.raises(ValidationError) as exc:
        services.document_receive(
            actor=cdvc_officer,
            unit=tree.cdvc,
            kind=kind(),
            title="T",
            sender="X",
            sender_date=dt.date(2022, 5, 1),
            received_on=D,
        )
    assert list(exc.value.message_dict) == ["received_on"]


def test_outside_scope_is_404_and_view_only_is_403(officer_a, viewer_a, tree):
    with pytest.raises(Http404):
        draft(officer_a, tree.b)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        draft(viewer_a, tree.a)
    assert not Document.objects.exists()


def test_date_line_follows_decree_30():
    assert numbering.date_line("Hà Nội", dt.date(2022, 4, 5)) == "Hà Nội, ngày 05 tháng 4 năm 2022"
    assert numbering.date_line("", dt.date(2022, 2, 15)) == "ngày 15 tháng 02 năm 2022"
    assert numbering.date_line("Huế", dt.date(2022, 1, 9)) == "Huế, ngày 09 tháng 01 năm 2022"
    assert numbering.date_line("Huế", dt.date(2022, 12, 31)) == "Huế, ngày 31 tháng 12 năm 2022"
    assert numbering.format_number(7) == "07" and numbering.format_number(123) == "123"
