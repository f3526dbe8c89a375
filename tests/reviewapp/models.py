from django.db import models
from django_fsm import transition

from congdoan.core.workflow import FSMField, Reviewed


class Proposal(Reviewed):
    """A unit's proposal: drafted and sent by the unit, approved or returned by the level above."""

    class State(models.TextChoices):
        DRAFT = "draft", "Nháp"
        SENT = "sent", "Đã gửi"
        RETURNED = "returned", "Trả lại"
        APPROVED = "approved", "Đã duyệt"

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=100)
    state = FSMField(default=State.DRAFT, choices=State.choices, protected=True)

    def __str__(self):
        return self.title

    @transition(field=state, source=[State.DRAFT, State.RETURNED], target=State.SENT)
    def send(self):
        pass

    @transition(field=state, source=State.SENT, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=State.SENT, target=State.RETURNED)
    def send_back(self):
        pass
