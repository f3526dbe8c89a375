"""The decision with its annex and the certificates print right: converted by LibreOffice, the
names keep their diacritics and each certificate is one A4 landscape page. A dossier file is
uploaded and read back only through its nomination."""

import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congdoan.members.tests.factories import join

from .factories import awarded, nominate

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(soffice, source, tmp_path) -> str:
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return str(source.with_suffix(".pdf"))


def test_decision_and_certificates_open_in_libreoffice(client, tree, cdvc_officer, tmp_path):
    soffice, pdftotext, pdfinfo = shutil.which("soffice"), shutil.which("pdftotext"), shutil.which("pdfinfo")
    if not (soffice and pdftotext and pdfinfo):
        pytest.skip("LibreOffice (soffice) or poppler not installed")
    people = [join(tree.a, name="Nguyễn Thị Ánh Tuyết"), join(tree.b, name="Đặng Quốc Hưng")]
    decision = awarded(tree.cdvc, "giay-khen", people=people, issuer=tree.cdvc)
    client.force_login(cdvc_officer)
    files = {
        "decision.docx": client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/van-ban.docx").content,
        "certificates.docx": client.get(
            f"/khen-thuong/quyet-dinh/{decision.pk}/giay-chung-nhan.docx"
        ).content,
    }
    texts, pages = {}, {}
    for name, content in files.items():
        source = tmp_path / name
        source.write_bytes(content)
        pdf = _pdf(soffice, source, tmp_path)
        texts[name] = subprocess.run(
            [pdftotext, "-layout", pdf, "-"], check=True, capture_output=True, text=True
        ).stdout
        pages[name] = subprocess.run([pdfinfo, pdf], check=True, capture_output=True, text=True).stdout
    assert "QUYẾT ĐỊNH" in texts["decision.docx"] and "01/QĐ-" in texts["decision.docx"]
    assert "Nguyễn Thị Ánh Tuyết — 450.000 đồng" in texts["decision.docx"]
    for person in people:
        assert person.full_name in texts["certificates.docx"]
    info = dict(line.split(":", 1) for line in pages["certificates.docx"].splitlines() if ":" in line)
    assert info["Pages"].strip() == "2", info  # one page per awardee
    assert "(A4)" in info["Page size"] and info["Page size"].strip().startswith("841"), info  # landscape


def test_dossier_file_upload_and_guarded_download(client, tree, officer_a, officer_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    n = nominate(
        tree.a, "lao-dong-tien-tien", people=[join(tree.a)], issuer_name="Giám đốc Sở", actor=officer_a
    )
    client.force_login(officer_a)
    response = client.post(
        f"/khen-thuong/de-nghi/{n.pk}/tep/", {"file": SimpleUploadedFile("Báo cáo.pdf", PDF)}
    )
    assert response.status_code == 302
    stored = n.files.get()
    assert b"".join(client.get(f"/khen-thuong/de-nghi/{n.pk}/tep/{stored.pk}/").streaming_content) == PDF
    bad = client.post(
        f"/khen-thuong/de-nghi/{n.pk}/tep/", {"file": SimpleUploadedFile("x.pdf", b"not a pdf")}
    )
    assert bad.status_code == 422 and n.files.count() == 1
    client.force_login(officer_b)
    assert client.get(f"/khen-thuong/de-nghi/{n.pk}/tep/{stored.pk}/").status_code == 404
