"""A pledge printed as .docx through the documents module, one signature block per party."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.emulation import pledging
from congdoan.emulation.models import Pledge

from .factories import block

pytestmark = pytest.mark.django_db


def _text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.read("word/document.xml").decode()


def test_a_union_and_agency_pledge_prints_both_signature_blocks(tree, officer_a, as_):
    pledge = pledging.pledge_sign_agency(
        actor=officer_a,
        unit=tree.a,
        year=2024,
        title="Giao ước thi đua năm 2024",
        signed_on=dt.date(2024, 2, 22),
        agency="Sở Y tế tỉnh A",
        head_name="Trần Văn Bình",
        head_position="Giám đốc",
        union_signatory="Lê Thị Hoa",
        union_position="Chủ tịch công đoàn",
        targets="100% công chức hoàn thành nhiệm vụ.\nKhông có đoàn viên vi phạm kỷ luật.",
    )
    response = as_(officer_a).get(reverse("emulation:pledge_docx", args=[pledge.pk]))
    assert response.status_code == 200
    xml = _text(response.content)
    for text in (
        "GIAO ƯỚC THI ĐUA",
        "SỞ Y TẾ TỈNH A",
        "GIÁM ĐỐC",
        "Trần Văn Bình",
        "CÔNG ĐOÀN SỞ Y TẾ",
        "Lê Thị Hoa",
    ):
        assert text in xml
    assert "ngày 22 tháng 02 năm 2024" in xml and "Không có đoàn viên vi phạm kỷ luật." in xml


def test_a_block_pledge_prints_one_block_per_member(tree, cdvc_officer, as_):
    from congdoan.emulation import services

    b = block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)
    pledge = services.pledge_sign(
        actor=cdvc_officer,
        block=b,
        year=2022,
        title="Giao ước thi đua năm 2022",
        signed_on=dt.date(2022, 3, 1),
        parties=[tree.a, tree.b],
    )
    xml = _text(as_(cdvc_officer).get(reverse("emulation:pledge_docx", args=[pledge.pk])).content)
    assert xml.count("(Ký, ghi rõ họ tên)") == 2
    assert "CÔNG ĐOÀN SỞ Y TẾ" in xml and "CÔNG ĐOÀN SỞ GIÁO DỤC VÀ ĐÀO TẠO" in xml


def test_an_agency_pledge_without_the_head_is_refused_naming_the_field(tree, officer_a):
    with pytest.raises(ValidationError) as exc:
        pledging.pledge_sign_agency(
            actor=officer_a,
            unit=tree.a,
            year=2024,
            title="Giao ước",
            signed_on=dt.date(2023, 12, 30),
            agency="Sở Y tế tỉnh A",
            head_name=" ",
            head_position="",
            union_signatory="Lê Thị Hoa",
            union_position="",
        )
    assert set(exc.value.message_dict) == {"head_name", "signed_on"}
    assert not Pledge.objects.exists()
