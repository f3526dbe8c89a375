"""No personal-data oracle: an ID or card number already held outside the asker's scope is refused
without the unit or the name, every such answer is in the audit log, and they are limited per day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congdoan.core.models import AuditEntry
from congdoan.members import identifiers, import_write, importing, services
from congdoan.members.models import Person
from congdoan.members.tests.factories import join
from congdoan.members.tests.test_importing import check, member, messages_of, write_xlsx

ON = dt.date(2024, 3, 1)
ID_OUTSIDE = "Số CCCD này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra."
CARD_OUTSIDE = "Số thẻ này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra."


@pytest.fixture
def sibling(tree, officer_b):
    return join(
        tree.b, name="Phạm Thị Bí Mật", card_number="B-THE-1", id_number="079190000009", actor=officer_b
    )


def answers():
    return list(AuditEntry.objects.filter(action=identifiers.ANSWERED).order_by("id"))


def join_errors(actor, unit, **fields) -> dict:
    with pytest.raises(ValidationError) as caught:
        services.member_join(actor=actor, unit=unit, on=ON, full_name="Người Hỏi", sex="F", **fields)
    return caught.value.message_dict


def test_an_id_number_outside_the_scope_is_answered_bare_and_logged(officer_a, tree, sibling):
    """The example: the join answered, for any unit, whether an ID exists (and whose it was)."""
    before = Person.objects.count()
    errors = join_errors(officer_a, tree.a, id_number="079 190 000 009")
    assert errors == {"id_number": [ID_OUTSIDE]}
    assert "Bí Mật" not in str(errors) and "Giáo dục" not in str(errors)
    assert Person.objects.count() == before  # nothing written
    [entry] = answers()
    assert (entry.actor, entry.unit_id) == (officer_a, tree.a.pk)  # filed under the asker's own unit
    assert entry.after == {"field": "id_number", "via": "form", "answers": 1}
    assert "079190000009" not in str(entry.before) + str(entry.after) + entry.object_repr


def test_a_card_number_outside_the_scope_likewise(officer_a, tree, sibling):
    assert join_errors(officer_a, tree.a, card_number="B-THE-1") == {"card_number": [CARD_OUTSIDE]}
    assert [e.after["field"] for e in answers()] == ["card_number"]


def test_an_update_and_a_rejoin_answer_the_same_way(officer_a, tree, sibling):
    mine = join(tree.a, name="Của tôi", actor=officer_a)
    with pytest.raises(ValidationError) as caught:
        services.member_update(actor=officer_a, person=mine, id_number="079190000009")
    assert caught.value.message_dict == {"id_number": [ID_OUTSIDE]}
    services.member_leave(actor=officer_a, person=mine, on=ON)
    with pytest.raises(ValidationError) as caught:
        services.member_rejoin(actor=officer_a, person=mine, unit=tree.a, on=ON, card_number="B-THE-1")
    assert caught.value.message_dict == {"card_number": [CARD_OUTSIDE]}
    assert len(answers()) == 2


def test_inside_the_scope_the_holder_is_named_and_nothing_is_logged(officer_a, tree):
    join(tree.a, name="Trần Văn Có", id_number="001190000001", card_number="A-1", actor=officer_a)
    errors = join_errors(officer_a, tree.a, id_number="001190000001", card_number="A-1")
    assert errors["id_number"] == ["Số CCCD này đã cấp cho đoàn viên Trần Văn Có (Công đoàn Sở Y tế)."]
    assert errors == {"id_number": errors["id_number"]}  # the card is checked once the ID passes
    errors = join_errors(officer_a, tree.a, card_number="A-1")
    assert errors == {"card_number": ["Số thẻ này đã cấp cho đoàn viên Trần Văn Có (Công đoàn Sở Y tế)."]}
    assert answers() == []


def test_answers_are_limited_per_actor_and_day(officer_a, tree, sibling, settings):
    settings.MEMBERS_IDENTIFIER_ANSWERS_PER_DAY = 2
    for _ in range(2):
        assert join_errors(officer_a, tree.a, id_number="079190000009") == {"id_number": [ID_OUTSIDE]}
    refused = join_errors(officer_a, tree.a, id_number="079190000009")["id_number"][0]
    assert refused.startswith("Bạn đã nhận đủ 2 lần trả lời trong ngày")
    assert [e.after.get("refused", 0) for e in answers()] == [0, 0, 1]
    assert identifiers.answers_today(officer_a) == 2
    # another day, a fresh allowance
    AuditEntry.objects.filter(action=identifiers.ANSWERED).update(at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert join_errors(officer_a, tree.a, id_number="079190000009") == {"id_number": [ID_OUTSIDE]}


def test_the_api_answers_the_same_words(call, officer_a, tree, sibling):
    body = {
        "unit_id": tree.a.pk,
        "on": "2024-03-01",
        "full_name": "Người Hỏi",
        "sex": "F",
        "id_number": "079190000009",
    }
    response = call(officer_a, "POST", "/members", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {"id_number": [ID_OUTSIDE]}
    assert len(answers()) == 1


# -- the import check report -------------------------------------------------------------------------


def test_the_import_report_answers_bare_and_logs_one_row_per_field(officer_a, tree, sibling, tmp_path):
    """The example: the report answered up to 200,000 IDs at a time, naming the unit."""
    path = write_xlsx(
        tmp_path / "x.xlsx",
        [member(1, id_number="079190000009", card_number=""), member(2, card_number="B-THE-1", id_number="")],
    )
    assert messages_of(officer_a, path) == [
        f"Dòng 2, cột 'Số CCCD': {ID_OUTSIDE}",
        f"Dòng 3, cột 'Số thẻ đoàn viên': {CARD_OUTSIDE}",
    ]
    assert sorted((e.after["field"], e.after["via"], e.after["answers"]) for e in answers()) == [
        ("card_number", "import", 1),
        ("id_number", "import", 1),
    ]


def test_an_import_past_the_allowance_is_refused_whole(officer_a, tree, sibling, tmp_path, settings):
    settings.MEMBERS_IDENTIFIER_ANSWERS_PER_DAY = 1
    other = join(tree.b, name="Người Khác", id_number="079190000010")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        [member(1, id_number="079190000009"), member(2, id_number=other.id_number), member(3)],
    )
    with pytest.raises(ValidationError) as caught:
        check(officer_a, path)
    assert caught.value.message_dict["file"][0].startswith("Bạn đã nhận đủ 1 lần trả lời trong ngày")
    [entry] = answers()
    assert entry.after == {"field": "id_number", "via": "import", "answers": 0, "refused": 2}
    with pytest.raises(ValidationError):
        import_write.import_file(actor=officer_a, path=path)
    assert not Person.objects.filter(full_name__startswith="Nguyễn Văn Nhập").exists()


def test_the_check_job_keeps_its_answers(officer_a, tree, sibling, tmp_path, settings):
    """The check job's transaction commits with its report, so its answers stay logged."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.test import Client, TestCase

    from congdoan.members.tests.test_io_views import job_of, upload

    client = Client()
    client.force_login(officer_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = upload(client, write_xlsx(tmp_path / "x.xlsx", [member(1, id_number="079190000009")]))
    job = job_of(response)
    job.refresh_from_db()
    assert job.result["problems"][0]["message"] == ID_OUTSIDE
    assert len(answers()) == 1
    assert job.kind == importing.CHECK_JOB


def test_the_answer_reads_in_the_audit_log(client, officer_a, tree, sibling):
    join_errors(officer_a, tree.a, id_number="079190000009")
    client.force_login(officer_a)
    response = client.get("/tai-khoan/nhat-ky/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trả lời số CCCD/số thẻ đã có ở đơn vị ngoài phạm vi" in body
    assert "079190000009" not in body
