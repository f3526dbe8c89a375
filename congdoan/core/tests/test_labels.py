"""``core.labels.localized``: the one choice between a Vietnamese label and its English one."""

from django.utils import translation

from congdoan.core.labels import localized


def test_english_only_in_english_and_only_when_there_is_one():
    with translation.override("en"):
        assert localized("Chủ tịch", "Chair") == "Chair"
        assert localized("Chủ tịch", "") == "Chủ tịch"
    with translation.override("en-us"):
        assert localized("Chủ tịch", "Chair") == "Chair"
    with translation.override("vi"):
        assert localized("Chủ tịch", "Chair") == "Chủ tịch"
    with translation.override(None):
        assert localized("Chủ tịch", "Chair") == "Chủ tịch"
