"""Evidence files of a self-scoring (core.attachments) and the titles of a registration on pages:
bulk form, Excel upload with errors by row and column (422, nothing written)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congdoan.emulation.models import RegistrationEntry, ScoreEvidence, Title
from congdoan.members.tests.factories import join

from .factories import movement, registration, scope_objects

pytestmark = pytest.mark.django_db


def test_evidence_is_attached_listed_and_downloaded_by_the_scored_unit(tree, officer_a, as_):
    ids = scope_objects(tree, officer_a)
    client = as_(officer_a)
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 bao cao thanh tich", content_type="application/pdf")
    response = client.post(reverse("emulation:score_evidence_add", args=[ids["result_id"]]), {"file": upload})
    assert response.status_code == 302
    page = client.get(reverse("emulation:score_result", args=[ids["result_id"]])).content.decode()
    assert "bao-cao.pdf" in page and "minh-chung.pdf" in page
    evidence = ScoreEvidence.objects.get(name="bao-cao.pdf")
    download = client.get(reverse("emulation:score_evidence", args=[evidence.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4 bao cao")


def test_a_renamed_file_is_refused_as_evidence(tree, officer_a, as_):
    ids = scope_objects(tree, officer_a)
    fake = SimpleUploadedFile("virus.pdf", b"MZ not a pdf")
    as_(officer_a).post(reverse("emulation:score_evidence_add", args=[ids["result_id"]]), {"file": fake})
    assert not ScoreEvidence.objects.filter(name="virus.pdf").exists()


def test_a_cdcs_registers_a_title_for_its_people_in_one_form(tree, officer_a, as_):
    reg = registration(movement(tree.cdvc, year=2024), tree.a)
    people = [join(tree.a, actor=officer_a) for _ in range(4)]
    title = Title.objects.get(code="lao-dong-tien-tien")
    data = {"title": str(title.pk), "members": [str(p.pk) for p in people]}
    response = as_(officer_a).post(reverse("emulation:registration_titles", args=[reg.pk]), data)
    assert response.status_code == 302
    assert RegistrationEntry.objects.filter(registration=reg).count() == 4
    page = as_(officer_a).get(reverse("emulation:registration", args=[reg.pk])).content.decode()
    assert people[0].full_name in page and "Lao động tiên tiến" in page


def test_a_bad_excel_list_is_checked_by_a_job_naming_the_row_and_column(
    tree, officer_a, as_, tmp_path, django_capture_on_commit_callbacks
):
    from congdoan.core.tests import flows

    from .test_titles import _xlsx

    reg = registration(movement(tree.cdvc, year=2024), tree.a)
    path = _xlsx(tmp_path / "ds.xlsx", [[1, "Lao động giỏi", "Nguyễn Văn A", "T1", ""]])
    with open(path, "rb") as f:
        upload = SimpleUploadedFile("ds.xlsx", f.read())
    client = as_(officer_a)
    response = flows.post_and_run(
        client,
        django_capture_on_commit_callbacks,
        reverse("emulation:registration_titles_upload", args=[reg.pk]),
        {"file": upload},
    )
    check = flows.job_of(response)
    page = flows.page(client, check)
    assert "import-has-errors" in page and "Lao động giỏi" in page
    assert check.result["problems"][0]["row"] == 2 and check.result["problems"][0]["column"] == "Danh hiệu"
    assert not RegistrationEntry.objects.exists()
    bad_type = SimpleUploadedFile("ds.csv", b"a,b")
    response = client.post(reverse("emulation:registration_titles_upload", args=[reg.pk]), {"file": bad_type})
    assert response.status_code == 422
