"""An import against the register's history: likely duplicates are warned about at check time, and
a member who is no longer active is never "updated" over her history (a re-join is its own step)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.accounts.models import User
from congdoan.members import import_write, importing, services
from congdoan.members.models import Membership, Person, Status
from congdoan.members.tests.factories import join
from congdoan.members.tests.test_importing import check, member, messages_of, write_xlsx

IN_REGISTER = (
    "có thể đã có trong sổ: trùng họ tên và ngày sinh với một đoàn viên đã ghi; hãy kiểm tra trước khi ghi."
)


def bare(n: int, **values) -> dict:
    """A row with no ID and no card number."""
    return member(n, id_number="", card_number="", **values)


# -- likely duplicates --------------------------------------------------------------------------------


def test_a_list_without_ids_imported_twice_is_warned_about(officer_a, tree, tmp_path):
    """The example: imported twice, every person was created twice with no warning."""
    path = write_xlsx(tmp_path / "x.xlsx", [bare(1), bare(2, full_name="Lê Thị Hai")])
    first = check(officer_a, path)
    assert first.warnings == [] and first.summary()["create"] == 2
    import_write.import_file(actor=officer_a, path=path)

    again = check(officer_a, path)
    assert again.warnings == [
        {"row": 2, "column": "", "message": IN_REGISTER},
        {"row": 3, "column": "", "message": IN_REGISTER},
    ]
    assert again.summary()["warnings"] == 2 and again.summary()["error_rows"] == 0  # a warning, not an error


def test_the_name_is_compared_folded(officer_a, tree, tmp_path):
    join(tree.a, name="Nguyễn Văn Nhập 1", date_of_birth=dt.date(1990, 5, 17), actor=officer_a)
    path = write_xlsx(tmp_path / "x.xlsx", [bare(1, full_name="NGUYEN VAN  NHAP 1"), bare(2)])
    assert [w["row"] for w in check(officer_a, path).warnings] == [2]


def test_likely_duplicates_within_the_file(officer_a, tree, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [bare(1), bare(2), bare(1), bare(1, date_of_birth="18/05/1990")])
    assert check(officer_a, path).warnings == [
        {"row": 4, "column": "", "message": "có thể trùng người: cùng họ tên và ngày sinh với dòng 2."}
    ]


def test_the_register_is_read_in_the_same_statements_for_any_number_of_rows(officer_a, tree, tmp_path):
    """Issue 9: at 1,000,000 members the check read the register in IN lists of 5,000 literals, one
    sorted statement per chunk (the duplicates' one took the trigram index: 36 s). The person reads
    are a constant number of unsorted statements (``core.bulk.select``), whatever the file."""
    join(tree.a, name="Nguyễn Văn Nhập 3", date_of_birth=dt.date(1990, 5, 17), actor=officer_a)
    counts = []
    for n in (3, 40):
        path = write_xlsx(tmp_path / f"{n}.xlsx", [*(bare(i) for i in range(1, n + 1)), member(100 + n)])
        rows = importing.read_sheet(path).rows
        actor = User.objects.get(pk=officer_a.pk)  # no authority cached from the previous round
        with CaptureQueriesContext(connection) as queries:
            plan = importing.member_import_check(actor=actor, rows=rows)
        assert [w["message"] for w in plan.warnings if w["row"] == 4] == [IN_REGISTER]
        people = [q["sql"] for q in queries.captured_queries if 'FROM "members_person"' in q["sql"]]
        assert len(people) == 3 and not any("ORDER BY" in sql for sql in people)  # ID, card, names
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_people_outside_the_scope_are_not_compared(officer_a, officer_b, tree, tmp_path):
    join(tree.b, name="Nguyễn Văn Nhập 1", date_of_birth=dt.date(1990, 5, 17), actor=officer_b)
    path = write_xlsx(tmp_path / "x.xlsx", [bare(1)])
    assert check(officer_a, path).warnings == []


def test_the_report_page_shows_the_warnings(officer_a, tree, tmp_path, settings):
    from django.test import Client, TestCase

    from congdoan.members.tests.test_io_views import job_of, page, upload

    settings.MEDIA_ROOT = tmp_path / "media"
    join(tree.a, name="Nguyễn Văn Nhập 1", date_of_birth=dt.date(1990, 5, 17), actor=officer_a)
    client = Client()
    client.force_login(officer_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = job_of(upload(client, write_xlsx(tmp_path / "x.xlsx", [bare(1)])))
    body = page(client, job)
    assert 'data-testid="import-warnings"' in body and "Dòng 2: có thể đã có trong sổ" in body
    assert 'data-testid="import-apply"' in body  # still writable


# -- members who are no longer active -------------------------------------------------------------------


@pytest.fixture
def left(officer_a, tree):
    """Lan joined on 01/02/2021 and left on 01/06/2023."""
    lan = join(
        tree.a,
        name="Trần Thị Lan",
        id_number="790000000001",
        card_number="N00001",
        date_of_birth=dt.date(1990, 5, 17),
        on=dt.date(2021, 2, 1),
        actor=officer_a,
    )
    return services.member_leave(actor=officer_a, person=lan, on=dt.date(2023, 6, 1))


def lan_row(**values) -> dict:
    return member(1, full_name="Trần Thị Lan", sex="Nữ", **values)


def test_a_left_member_listed_with_a_new_joining_date_is_an_error(officer_a, tree, left, tmp_path):
    """The example: she was "updated", still left, and her original joining date overwritten."""
    path = write_xlsx(tmp_path / "x.xlsx", [lan_row(joined_union_on="01/03/2024")])
    [message] = messages_of(officer_a, path)
    assert message == (
        "Dòng 2, cột 'Ngày kết nạp': đoàn viên này đã ra khỏi tổ chức; tệp nhập không sửa Ngày kết nạp "
        "của lịch sử sinh hoạt. Nếu đoàn viên sinh hoạt trở lại, hãy dùng chức năng 'Kết nạp lại' trên "
        "trang của đoàn viên."
    )
    with pytest.raises(ValidationError):
        import_write.import_file(actor=officer_a, path=path)
    left.refresh_from_db()
    assert (left.joined_union_on, left.status) == (dt.date(2021, 2, 1), Status.LEFT)
    assert list(Membership.objects.filter(person=left).values_list("valid_from", "valid_to")) == [
        (dt.date(2021, 2, 1), dt.date(2023, 6, 1))
    ]


def test_a_left_members_card_is_not_rewritten(officer_a, tree, left, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [lan_row(joined_union_on="01/02/2021", card_number="N-MOI")])
    [message] = messages_of(officer_a, path)
    assert message.startswith("Dòng 2, cột 'Số thẻ đoàn viên': đoàn viên này đã ra khỏi tổ chức")


def test_a_left_members_other_facts_may_be_corrected(officer_a, tree, left, tmp_path):
    path = write_xlsx(
        tmp_path / "x.xlsx", [lan_row(joined_union_on="01/02/2021", phone="0987654321", education="Thạc sĩ")]
    )
    plan = import_write.import_file(actor=officer_a, path=path)
    assert plan.summary()["update"] == 1
    left.refresh_from_db()
    assert (left.phone, left.education, left.status) == ("0987654321", "Thạc sĩ", Status.LEFT)


def test_a_left_member_listed_in_another_unit_points_to_rejoin(officer_a, cdvc_officer, tree, left, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [lan_row(joined_union_on="01/02/2021", unit_code="CDCS_B")])
    assert messages_of(cdvc_officer, path) == [
        "Dòng 2, cột 'Mã đơn vị': đoàn viên này không còn sinh hoạt (ra khỏi tổ chức); nếu đoàn viên sinh "
        "hoạt trở lại, hãy dùng chức năng 'Kết nạp lại' trên trang của đoàn viên."
    ]


def test_a_deceased_members_history_is_kept(officer_a, tree, tmp_path):
    lan = join(tree.a, name="Trần Thị Lan", id_number="790000000001", on=dt.date(2021, 2, 1), actor=officer_a)
    services.member_leave(actor=officer_a, person=lan, on=dt.date(2023, 6, 1), status=Status.DECEASED)
    path = write_xlsx(tmp_path / "x.xlsx", [lan_row(joined_union_on="01/03/2024", card_number="")])
    assert messages_of(officer_a, path) == [
        "Dòng 2, cột 'Ngày kết nạp': đoàn viên này đã mất; không sửa Ngày kết nạp của lịch sử sinh hoạt."
    ]
    assert Person.objects.get(pk=lan.pk).joined_union_on == dt.date(2021, 2, 1)


def test_the_minimum_age_of_an_import_is_the_dated_rule_of_each_joining_day(officer_a, tree, tmp_path):
    """Issue 8, section 1: as a join, an imported row is at least ``members.min_age`` on its joining
    date, the rule of that date (18 from 01/01/2024 here; 15 before)."""
    from congdoan.core.models import RuleValue

    RuleValue.objects.create(key="members.min_age", value=18, valid_from=dt.date(2024, 1, 1))
    rows = [
        member(1, date_of_birth="01/01/2007", joined_union_on="01/06/2023"),  # 16 under the old rule
        member(2, date_of_birth="01/01/2007", joined_union_on="01/06/2024"),  # 17 under the new one
    ]
    path = write_xlsx(tmp_path / "x.xlsx", rows)
    assert messages_of(officer_a, path) == [
        "Dòng 3, cột 'Ngày kết nạp': vào ngày 01/06/2024 đoàn viên mới 17 tuổi; tuổi tối thiểu là 18."
    ]


# -- authority on the joining date -----------------------------------------------------------------------


def test_a_period_is_written_only_from_the_day_the_importer_manages_the_unit(
    officer_b, cdvc_officer, admin_user, tree, tmp_path
):
    """Issue 8, section 1, at the import's door: a tổ công đoàn moved from CĐCS A to CĐCS B on
    01/06/2024. B's officer imports its member who joined in 2021: as a join dated then is refused
    (A's period), her period in the unit is written from 01/06/2024, with a warning; the joining
    date stays hers. The CĐVC, which managed the unit on both dates, writes it from 2021."""
    from congdoan.organizations import services as org
    from congdoan.organizations.tests.factories import make_unit

    unit = make_unit("TO_NOI", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    org.unit_move(actor=admin_user, unit=unit, new_parent=tree.b, on=dt.date(2024, 6, 1))
    rows = [member(1, unit_code="TO_NOI", joined_union_on="01/02/2021")]
    path = write_xlsx(tmp_path / "x.xlsx", rows)
    plan = check(officer_b, path)
    assert not plan.error_rows
    assert plan.warnings == [
        {
            "row": 2,
            "column": "Ngày kết nạp",
            "message": "đơn vị TO_NOI thuộc phạm vi quản lý của bạn từ ngày 01/06/2024; quá trình sinh hoạt "
            "tại đơn vị được ghi từ ngày đó (ngày kết nạp vẫn là 01/02/2021).",
        }
    ]
    import_write.import_file(actor=officer_b, path=path)
    person = Person.objects.get()
    assert person.joined_union_on == dt.date(2021, 2, 1)
    assert person.memberships.get().valid_from == dt.date(2024, 6, 1)
    assert not Membership.objects.active(dt.date(2023, 6, 1)).exists()  # A's 2023 stays A's

    again = write_xlsx(tmp_path / "y.xlsx", [member(2, unit_code="TO_NOI", joined_union_on="01/02/2021")])
    assert check(cdvc_officer, again).warnings == []
    import_write.import_file(actor=cdvc_officer, path=again)
    assert Person.objects.get(full_name="Nguyễn Văn Nhập 2").memberships.get().valid_from == dt.date(
        2021, 2, 1
    )
