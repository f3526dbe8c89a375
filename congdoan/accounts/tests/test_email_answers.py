"""No personal-data oracle (issue 8 §3): an e-mail used by an account outside the asker's sight is
refused without more words than needed, every such answer is in the audit log even though the
service refused, and they are limited per actor and day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congdoan.accounts import services
from congdoan.accounts.models import User
from congdoan.accounts.tests.test_views import create_form, errors, url
from congdoan.core.models import AuditEntry
from congdoan.organizations.tests.factories import UserFactory

PASSWORD = "mat-khau-moi-2024"
OUTSIDE = "Email này đã được dùng cho một tài khoản khác; liên hệ công đoàn cấp trên để kiểm tra."
LIMIT = "Bạn đã nhận đủ {n} lần trả lời trong ngày về email của tài khoản ngoài phạm vi quản lý"


def answers() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="account.email_taken").order_by("id"))


def create_errors(actor, unit, email: str, username: str = "moi") -> dict:
    with pytest.raises(ValidationError) as caught:
        services.account_create(
            actor=actor, username=username, password=PASSWORD, home_unit=unit, email=email
        )
    return caught.value.message_dict


def test_an_email_outside_the_reach_is_answered_bare_and_logged(officer_a, officer_b, tree):
    """The example: the account form told whether an address has an account anywhere."""
    accounts = User.objects.count()
    assert create_errors(officer_a, tree.a, " Officer_B@Example.vn ") == {"email": [OUTSIDE]}
    assert User.objects.count() == accounts  # nothing written
    [entry] = answers()  # written after the service's rollback: it survives the refusal
    assert (entry.actor, entry.unit_id, entry.object_id) == (officer_a, tree.a.pk, str(officer_a.pk))
    assert entry.after == {"field": "email", "answers": 1}
    assert "officer_b" not in str(entry.before) + str(entry.after) + entry.object_repr


def test_a_username_used_as_email_outside_the_reach_likewise(officer_a, tree):
    UserFactory(username="b.nguyen@example.vn", email="", home_unit=tree.b)
    assert create_errors(officer_a, tree.a, "B.Nguyen@example.vn") == {"email": [OUTSIDE]}
    assert len(answers()) == 1


def test_an_update_answers_the_same_way(officer_a, officer_b, viewer_a):
    with pytest.raises(ValidationError) as caught:
        services.account_update(actor=officer_a, user=viewer_a, email="officer_b@example.vn")
    assert caught.value.message_dict == {"email": [OUTSIDE]}
    viewer_a.refresh_from_db()
    assert viewer_a.email == "viewer_a@example.vn"
    assert [e.after for e in answers()] == [{"field": "email", "answers": 1}]


def test_inside_the_reach_the_answer_is_unchanged_and_nothing_is_logged(
    officer_a, viewer_a, cdvc_officer, officer_b, tree
):
    assert create_errors(officer_a, tree.a, "viewer_a@example.vn") == {
        "email": ["Email 'viewer_a@example.vn' đã được dùng cho tài khoản khác."]
    }
    # the superior union sees CĐCS B's account
    assert create_errors(cdvc_officer, tree.a, "officer_b@example.vn") == {
        "email": ["Email 'officer_b@example.vn' đã được dùng cho tài khoản khác."]
    }
    assert answers() == []


def test_answers_are_limited_per_actor_and_day(officer_a, officer_b, tree, settings):
    settings.ACCOUNTS_EMAIL_ANSWERS_PER_DAY = 2
    for _ in range(2):
        assert create_errors(officer_a, tree.a, "officer_b@example.vn") == {"email": [OUTSIDE]}
    [refused] = create_errors(officer_a, tree.a, "officer_b@example.vn")["email"]
    assert refused.startswith(LIMIT.format(n=2))
    assert [e.after.get("refused", 0) for e in answers()] == [0, 0, 1]
    assert services.EMAIL_ANSWERS.given_today(officer_a) == 2
    # the members' allowance is a count of its own
    from congdoan.members import identifiers

    assert identifiers.answers_today(officer_a) == 0
    # another day, a fresh allowance
    AuditEntry.objects.filter(action="account.email_taken").update(at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert create_errors(officer_a, tree.a, "officer_b@example.vn") == {"email": [OUTSIDE]}


def test_the_form_answers_the_same_words_and_the_row_outlives_the_request(as_, officer_a, officer_b, tree):
    """The view runs in the request's transaction (``guarded``): the row is written after it."""
    body = create_form(tree.a, email="officer_b@example.vn")
    response = as_(officer_a).post(url("create"), body)
    assert response.status_code == 422
    assert errors(response, "email") == [OUTSIDE]
    assert not User.objects.filter(username="nguyenvana").exists()
    assert [e.after for e in answers()] == [{"field": "email", "answers": 1}]


def test_the_answer_reads_in_the_audit_log(as_, officer_a, officer_b, tree):
    create_errors(officer_a, tree.a, "officer_b@example.vn")
    response = as_(officer_a).get("/tai-khoan/nhat-ky/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trả lời email đã dùng cho tài khoản ngoài phạm vi" in body
    assert "officer_b@example.vn" not in body
