"""The titles catalogue (danh hiệu thi đua) and the registration lines that name them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from congdoan.emulation.models import IssuerLevel, Recipient, RegistrationEntry, Title

pytestmark = pytest.mark.django_db


def test_the_titles_are_seeded_with_the_multiples_of_decrees_91_2017_98_2023_and_152_2025():
    multiples = {t.code: t.bonus_multiple for t in Title.objects.all()}
    assert multiples["lao-dong-tien-tien"] == Decimal("0.30")
    assert multiples["chien-si-thi-dua-co-so"] == Decimal("1.00")
    assert multiples["tap-the-lao-dong-tien-tien"] == Decimal("0.80")
    assert multiples["tap-the-lao-dong-xuat-sac"] == Decimal("1.50")
    assert multiples["co-thi-dua-ldld-tinh"] == Decimal("8.00")
    advanced = Title.objects.get(code="lao-dong-tien-tien")
    assert advanced.recipient == Recipient.INDIVIDUAL
    assert advanced.issuer_level == IssuerLevel.THU_TRUONG
    assert Title.objects.get(code="co-thi-dua-tong-ldld").issuer_level == IssuerLevel.TONG_LDLD


def test_each_title_cites_the_decree_and_article_of_its_multiple_for_every_period():
    """Decree 91/2017 (Điều 69), 98/2023 (Điều 54) and 152/2025 (Điều 50) give the same multiples
    for these titles, so one row per title reads from 31/07/2017 on, citing all three."""
    import datetime as dt

    for code in ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"):
        title = Title.objects.get(code=code)
        assert title.valid_from == dt.date(2017, 7, 31) and title.valid_to is None
        for cited in ("91/2017/NĐ-CP Điều 69", "98/2023/NĐ-CP Điều 54", "152/2025/NĐ-CP Điều 50"):
            assert cited in title.basis, (code, title.basis)
    assert "khoản 1 điểm d" in Title.objects.get(code="lao-dong-tien-tien").basis
    assert "khoản 2 điểm b" in Title.objects.get(code="tap-the-lao-dong-tien-tien").basis
    # The union's own flags say their multiple is borrowed, not the decree's own title.
    assert "chưa đối chiếu" in Title.objects.get(code="co-thi-dua-ldld-tinh").basis
    assert all(len(t.basis) <= 255 for t in Title.objects.all())
    for day in (dt.date(2020, 1, 1), dt.date(2024, 6, 1), dt.date(2026, 1, 1)):
        assert Title.objects.active(day).filter(code="lao-dong-tien-tien").count() == 1


def test_the_basis_migration_leaves_an_administrators_citation_alone():
    from importlib import import_module

    from django.apps import apps

    step = import_module("congdoan.emulation.migrations.0010_titles_basis_by_decree")
    title = Title.objects.get(code="lao-dong-tien-tien")
    title.basis = "Quyết định của cơ quan"
    title.save()
    step.cite(apps, None)
    title.refresh_from_db()
    assert title.basis == "Quyết định của cơ quan"
    other = Title.objects.get(code="chien-si-thi-dua-co-so")
    other.basis = step.SHIPPED
    other.save()
    step.cite(apps, None)
    other.refresh_from_db()
    assert other.basis.startswith("NĐ 91/2017/NĐ-CP Điều 69 khoản 1 ")


def test_a_title_reads_for_its_period_only():
    import datetime as dt

    title = Title.objects.get(code="lao-dong-tien-tien")
    title.valid_to = dt.date(2030, 1, 1)
    title.save()
    assert Title.objects.active(dt.date(2023, 6, 1)).filter(pk=title.pk).exists()
    assert not Title.objects.active(dt.date(2030, 6, 1)).filter(pk=title.pk).exists()


def test_a_registration_line_names_exactly_one_recipient(tree):
    from congdoan.emulation.tests.factories import movement, registration

    reg = registration(movement(tree.cdvc), tree.a)
    title = Title.objects.get(code="tap-the-lao-dong-tien-tien")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationEntry.objects.create(registration=reg, title=title)


# -- registering titles: in bulk in one form, from Excel --------------------------------------------


def _registration(tree):
    from congdoan.emulation.tests.factories import movement, registration

    return registration(movement(tree.cdvc, year=2024), tree.a)


def test_a_cdcs_registers_a_title_for_itself_and_its_people_at_once(tree, officer_a):
    from congdoan.emulation import titles
    from congdoan.members.tests.factories import join

    reg = _registration(tree)
    people = [join(tree.a, actor=officer_a) for _ in range(3)]
    advanced = Title.objects.get(code="lao-dong-tien-tien")
    created = titles.registration_titles_add(
        actor=officer_a, registration=reg, title=advanced, members=people
    )
    assert len(created) == 3
    titles.registration_titles_add(
        actor=officer_a,
        registration=reg,
        title=Title.objects.get(code="tap-the-lao-dong-xuat-sac"),
        units=[tree.a],
    )
    assert reg.entries.count() == 4


def test_bad_title_lines_name_the_field_and_write_nothing(tree, officer_a, officer_b):
    from django.core.exceptions import ValidationError

    from congdoan.emulation import titles
    from congdoan.members.tests.factories import join

    reg = _registration(tree)
    mine, theirs = join(tree.a, actor=officer_a), join(tree.b, actor=officer_b)
    advanced = Title.objects.get(code="lao-dong-tien-tien")
    with pytest.raises(ValidationError) as exc:
        titles.registration_titles_add(
            actor=officer_a, registration=reg, title=advanced, members=[mine, theirs]
        )
    assert exc.value.message_dict["members"] == [f"{theirs.full_name} không phải đoàn viên của {tree.a}."]
    with pytest.raises(ValidationError) as exc:
        titles.registration_titles_add(actor=officer_a, registration=reg, title=advanced, units=[tree.a])
    assert "là danh hiệu cá nhân" in exc.value.message_dict["units"][0]
    assert not reg.entries.exists()
    titles.registration_titles_add(actor=officer_a, registration=reg, title=advanced, members=[mine])
    with pytest.raises(ValidationError) as exc:
        titles.registration_titles_add(actor=officer_a, registration=reg, title=advanced, members=[mine])
    assert "đã được đăng ký danh hiệu Lao động tiên tiến" in exc.value.message_dict["members"][0]


def _xlsx(path, rows):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Danh sách")
    for r, row in enumerate(
        [["STT", "Danh hiệu*", "Họ và tên", "Số thẻ đoàn viên", "Mã đơn vị (tập thể)"], *rows]
    ):
        for c, value in enumerate(row):
            sheet.write_string(r, c, str(value))
    book.close()
    return path


def test_titles_from_excel_errors_by_row_and_column_nothing_written(
    tree, officer_a, officer_b, tmp_path, as_, django_capture_on_commit_callbacks
):
    """The list through its jobs: the check names every bad row and column and writes nothing; a
    good list is previewed, then "Ghi" registers it; the jobs are the officer's own."""
    from django.urls import reverse

    from congdoan.core.bulk.sheet import cell_message
    from congdoan.core.models import Job
    from congdoan.core.tests import flows
    from congdoan.members.tests.factories import join

    run, client = django_capture_on_commit_callbacks, as_(officer_a)
    reg = _registration(tree)
    url = reverse("emulation:registration_titles_upload", args=[reg.pk])
    person = join(tree.a, actor=officer_a)
    bad = _xlsx(
        tmp_path / "bad.xlsx",
        [
            [1, "Lao động tiên tiến", person.full_name, person.card_number, ""],
            [2, "Lao động giỏi", "", person.card_number, ""],
            [3, "Chiến sĩ thi đua cơ sở", "", "X999", ""],
        ],
    )
    check = flows.upload(client, run, url, bad.read_bytes())
    messages = [cell_message(p["row"], p["column"], p["message"]) for p in check.result["problems"]]
    assert (
        messages[0]
        == "Dòng 3, cột 'Danh hiệu': 'Lao động giỏi' không phải là danh hiệu thi đua đang áp dụng."
    )
    assert messages[1].startswith("Dòng 4, cột 'Số thẻ đoàn viên': không có đoàn viên số thẻ X999")
    assert "import-apply" not in flows.page(client, check) and not reg.entries.exists()
    assert as_(officer_b).get(reverse("jobs:download", args=[check.pk])).status_code == 404
    client = as_(officer_a)
    good = _xlsx(
        tmp_path / "good.xlsx",
        [
            [1, "Lao động tiên tiến", person.full_name, person.card_number, ""],
            [2, "Chiến sĩ thi đua cơ sở", person.full_name, person.card_number, ""],
            [3, "Tập thể lao động tiên tiến", "", "", tree.a.code],
        ],
    )
    check = flows.upload(client, run, url, good.read_bytes())
    assert check.result["error_rows"] == 0 and not reg.entries.exists()
    assert person.full_name in flows.page(client, check)
    write = flows.confirm(client, run, check)
    assert write.state == Job.State.SUCCEEDED and write.result["written"] == 3
    assert reg.entries.count() == 3


def test_a_registration_reads_the_titles_of_the_year_registered_for(tree, officer_a, cdvc_officer):
    """A movement over 2023–2025: a title closed on 01/01/2024 is still offered for 2023 and refused
    for 2024 (the registration's year, not the movement's first day)."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    from congdoan.emulation import services, titles
    from congdoan.emulation.tests.factories import movement

    m = movement(tree.cdvc, actor=cdvc_officer, starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2025, 12, 31))
    closed = Title.objects.get(code="tap-the-lao-dong-xuat-sac")
    Title.objects.filter(pk=closed.pk).update(valid_to=dt.date(2024, 1, 1))
    closed.refresh_from_db()
    early, later = (
        services.registration_create(actor=officer_a, movement=m, unit=tree.a, targets="x", year=year)
        for year in (2023, 2024)
    )
    assert titles.titles_day(later) == dt.date(2024, 1, 1)
    titles.registration_titles_add(actor=officer_a, registration=early, title=closed, units=[tree.a])
    with pytest.raises(ValidationError) as exc:
        titles.registration_titles_add(actor=officer_a, registration=later, title=closed, units=[tree.a])
    assert exc.value.message_dict["units"] == [
        "Danh hiệu Tập thể lao động xuất sắc không còn áp dụng vào ngày 01/01/2024."
    ]
    assert not later.entries.exists()
