"""After the demo's 01/07/2025 mergers (Ninh Thuận into Khánh Hòa), the carried-over officer's
account and the merged unit's page are where the survivor's officers can read them (issue 8)."""

from django.urls import reverse

from congdoan.accounts.models import User
from congdoan.accounts.selectors import account_search
from congdoan.core.models import AuditEntry


def test_the_merged_units_accounts_move_to_the_survivor(demo):
    ninhthuan, khanhhoa = User.objects.get(username="ninhthuan"), User.objects.get(username="khanhhoa")
    assert ninhthuan.home_unit == demo["CDVC-KH"]
    assert ninhthuan in account_search(actor=khanhhoa)
    entry = AuditEntry.objects.get(action="account.merge_move", object_id=str(ninhthuan.pk))
    assert (entry.before, entry.after) == (
        {"home_unit": demo["CDVC-NT"].pk},
        {"home_unit": demo["CDVC-KH"].pk},
    )
    assert entry.unit_id == demo["CDVC-KH"].pk


def test_the_merged_unit_is_readable_by_the_survivors_readers(demo, client):
    merged = demo["CDVC-NT"]
    for username in ("khanhhoa", "ninhthuan"):
        client.force_login(User.objects.get(username=username))
        response = client.get(reverse("organizations:detail", args=[merged.pk]))
        assert response.status_code == 200, username
        assert not any(response.context["can"].values())  # read-only
        assert client.post(reverse("organizations:edit", args=[merged.pk]), {}).status_code in (403, 404)
    client.force_login(User.objects.get(username="hanoi"))  # Hà Nội reads neither Khánh Hòa nor it
    assert client.get(reverse("organizations:detail", args=[merged.pk])).status_code == 404
