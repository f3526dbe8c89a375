"""Demo and generated data must never reach a real deployment."""

from django.conf import settings
from django.core.management.base import CommandError


def refuse_outside_development(*, force: bool) -> None:
    """Production settings always refuse; any other DEBUG=False run needs an explicit ``--force``."""
    if (getattr(settings, "SETTINGS_MODULE", "") or "").endswith(".prod"):
        raise CommandError(
            "Không chạy lệnh này với cấu hình production. / Refusing to run under production settings."
        )
    if not settings.DEBUG and not force:
        raise CommandError(
            "DEBUG đang tắt: lệnh này ghi dữ liệu mẫu, chỉ dùng --force khi chắc chắn đây không phải hệ thống thật. "
            "/ DEBUG is off: this command writes sample data; pass --force only if this is not a real system."
        )
