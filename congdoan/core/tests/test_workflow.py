"""The shared review workflow (core.workflow) on a test model (tests/reviewapp): the rule, the
states, the reason, the audit row, and two officers deciding at once."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.template.loader import render_to_string
from django_fsm import TransitionNotAllowed

from congdoan.core.models import AuditEntry
from congdoan.core.workflow import Step, Workflow
from congdoan.organizations.permissions import policy
from congdoan.organizations.tests.factories import UserFactory, grant
from tests.reviewapp.models import Proposal

State = Proposal.State


def workflow_for(tree):
    """The unit's officers send; the CĐVC above it approves or returns (with a reason)."""

    def may(actor, obj, step):
        unit = obj.unit if step.name == "send" else tree.cdvc
        return policy.can(actor, "units.manage", unit)

    return Workflow(
        model=Proposal,
        steps=[
            Step("send", "Gửi lên", "proposal.send"),
            Step("approve", "Duyệt", "proposal.approve", style="success"),
            Step("send_back", "Trả lại", "proposal.send_back", needs_reason=True, style="warning"),
        ],
        may=may,
        unit_of=lambda obj: obj.unit_id,
    )


@pytest.fixture
def flow(tree):
    return workflow_for(tree)


@pytest.fixture
def proposal(tree):
    return Proposal.objects.create(unit=tree.a, title="Đăng ký thi đua 2026")


def test_a_step_moves_the_state_and_records_who_when_and_an_audit_row(flow, proposal, officer_a):
    flow.run(actor=officer_a, obj=proposal, step="send")
    proposal.refresh_from_db()
    assert proposal.state == State.SENT
    assert proposal.state_changed_by == officer_a and proposal.state_changed_at is not None
    entry = AuditEntry.objects.get(action="proposal.send")
    assert entry.object_id == str(proposal.pk) and entry.unit_id == proposal.unit_id
    assert entry.before == {"state": "draft"} and entry.after == {"state": "sent"}


def test_only_the_steps_the_actor_may_take_now_are_offered(flow, proposal, officer_a, cdvc_officer):
    assert [s.name for s in flow.available(officer_a, proposal)] == ["send"]
    assert flow.available(cdvc_officer, proposal) == [flow.steps["send"]]  # the CĐVC reaches unit A too
    flow.run(actor=officer_a, obj=proposal, step="send")
    assert flow.available(officer_a, proposal) == []
    assert [s.name for s in flow.available(cdvc_officer, proposal)] == ["approve", "send_back"]


def test_the_rule_refuses_with_403_and_writes_nothing(flow, proposal, officer_a):
    flow.run(actor=officer_a, obj=proposal, step="send")
    with pytest.raises(PermissionDenied):
        flow.run(actor=officer_a, obj=proposal, step="approve")
    proposal.refresh_from_db()
    assert proposal.state == State.SENT
    assert not AuditEntry.objects.filter(action="proposal.approve").exists()


def test_a_step_from_the_wrong_state_names_the_state(flow, proposal, cdvc_officer):
    with pytest.raises(ValidationError) as caught:
        flow.run(actor=cdvc_officer, obj=proposal, step="approve")
    assert caught.value.message_dict == {"state": ["Không thể “Duyệt” khi hồ sơ đang ở trạng thái “Nháp”."]}


def test_an_unknown_step_is_a_field_error(flow, proposal, officer_a):
    with pytest.raises(ValidationError) as caught:
        flow.run(actor=officer_a, obj=proposal, step="delete")
    assert "step" in caught.value.message_dict


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_a_return_needs_a_reason_of_sensible_length(flow, proposal, officer_a, cdvc_officer, reason):
    flow.run(actor=officer_a, obj=proposal, step="send")
    with pytest.raises(ValidationError) as caught:
        flow.run(actor=cdvc_officer, obj=proposal, step="send_back", reason=reason)
    assert list(caught.value.message_dict) == ["reason"]
    assert Proposal.objects.get().state == State.SENT


def test_a_returned_proposal_carries_its_reason_and_can_be_sent_again(
    flow, proposal, officer_a, cdvc_officer
):
    flow.run(actor=officer_a, obj=proposal, step="send")
    flow.run(actor=cdvc_officer, obj=proposal, step="send_back", reason="  Thiếu biên bản họp  ")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.state_reason) == (State.RETURNED, "Thiếu biên bản họp")
    flow.run(actor=officer_a, obj=proposal, step="send")
    assert Proposal.objects.get().state == State.SENT


def test_the_state_cannot_be_set_by_hand(proposal):
    with pytest.raises(AttributeError):
        proposal.state = State.APPROVED
    with pytest.raises(TransitionNotAllowed):
        proposal.approve()


def test_a_decision_on_a_stale_copy_is_refused(flow, proposal, officer_a, cdvc_officer):
    """Two officers opened the same sent proposal; the first approves; the second's return is told."""
    flow.run(actor=officer_a, obj=proposal, step="send")
    mine, theirs = Proposal.objects.get(), Proposal.objects.get()
    flow.run(actor=cdvc_officer, obj=mine, step="approve")
    with pytest.raises(ValidationError) as caught:
        flow.run(actor=cdvc_officer, obj=theirs, step="send_back", reason="Thiếu hồ sơ")
    assert "người khác xử lý" in caught.value.message_dict["state"][0]
    assert Proposal.objects.get().state == State.APPROVED
    assert AuditEntry.objects.filter(action="proposal.send_back").count() == 0


def test_the_buttons_partial_shows_the_available_steps(flow, proposal, officer_a):
    html = render_to_string(
        "core/partials/workflow_actions.html",
        {"steps": flow.available(officer_a, proposal), "action_url": "/x/", "csrf_token": "t"},
    )
    assert 'value="send"' in html and "Gửi lên" in html
    assert 'value="approve"' not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_one_wins_the_other_is_told(tree, officer_a):
    flow = workflow_for(tree)
    first = UserFactory(username="cdvc_1", home_unit=tree.cdvc)
    second = UserFactory(username="cdvc_2", home_unit=tree.cdvc)
    for user in (first, second):
        grant(user, tree.cdvc, "chu-tich")
    proposal = Proposal.objects.create(unit=tree.a, title="Đề nghị")
    flow.run(actor=officer_a, obj=proposal, step="send")

    barrier = threading.Barrier(2)
    outcomes = {}

    def decide(actor, step, reason=""):
        try:
            obj = Proposal.objects.get(pk=proposal.pk)  # both read "sent" before either writes
            barrier.wait(timeout=10)
            flow.run(actor=actor, obj=obj, step=step, reason=reason)
            outcomes[actor.username] = "ok"
        except ValidationError as error:
            outcomes[actor.username] = error.message_dict["state"][0]
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(first, "approve")),
        threading.Thread(target=decide, args=(second, "send_back", "Thiếu hồ sơ")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(v == "ok" for v in outcomes.values()) == [False, True]
    loser = next(v for v in outcomes.values() if v != "ok")
    assert "người khác xử lý" in loser
    final = Proposal.objects.get()
    winner = next(k for k, v in outcomes.items() if v == "ok")
    assert final.state == (State.APPROVED if winner == "cdvc_1" else State.RETURNED)
    decisions = AuditEntry.objects.filter(action__in=["proposal.approve", "proposal.send_back"])
    assert decisions.count() == 1
