"""The reports of the demo, written through the reports services: CĐVC TP Hà Nội's year-end report for
2022 (seed 001), the officer's text of each section and the report issued as a numbered báo cáo of the
register, its figures computed from what the other loaders recorded. Idempotent: a text already
written and a report already issued are left alone. The texts are written for the demo (not the
article's sentences); the signer and the date (the review conference of 5 January 2023) are assumed."""

import datetime as dt

from congdoan.accounts.models import User
from congdoan.core.periods import Period
from congdoan.organizations.models import Unit
from congdoan.reports import definitions, selectors, services
from congdoan.reports.models import IssuedReport, Narrative

UNIT = "CDVC-HN"
YEAR = 2022
SIGNED_ON = dt.date(2023, 1, 5)
SIGNER = ("Phạm Bá Vĩnh", "Chủ tịch")  # assumed for the demo
TEXTS = {
    "organisation": "Các công đoàn cơ sở tiếp tục rà soát, kết nạp đoàn viên mới và cập nhật biến động "
    "đoàn viên trên hệ thống ngay khi phát sinh.",
    "conferences": "Phần lớn cơ quan, đơn vị tổ chức hội nghị đúng thời hạn; đơn vị chưa tổ chức được nhắc "
    "hoàn thành trong quý I.",
    "emulation": "Phong trào thi đua gắn với nhiệm vụ chuyên môn; sáng kiến được hội đồng các cấp công nhận "
    "theo từng giai đoạn.",
    "commendation": "Khen thưởng kịp thời các tập thể, cá nhân tiêu biểu tại hội nghị tổng kết.",
    "welfare": "Thăm hỏi, tặng quà đoàn viên có hoàn cảnh khó khăn dịp Tết và khi ốm đau.",
    "funds": "Vận động đoàn viên tham gia các quỹ xã hội theo kế hoạch của cấp trên.",
    "congresses": "Chuẩn bị đại hội công đoàn các cấp nhiệm kỳ 2023-2028, cấp cơ sở tiến hành trước.",
}


def load_reports(*, admin: User) -> IssuedReport | None:
    """Write what is missing; None without the demo unit."""
    unit = Unit.objects.filter(code=UNIT).first()
    if unit is None:
        return None
    report = definitions.YEAR_END
    written = set(
        Narrative.objects.filter(unit=unit, report=report.code, year=YEAR).values_list("section", flat=True)
    )
    missing = {code: text for code, text in TEXTS.items() if code not in written}
    if missing:
        services.narrative_save(actor=admin, report=report, unit=unit, year=YEAR, texts=missing)
    issued = IssuedReport.objects.filter(unit=unit, report=report.code, year=YEAR).first()
    if issued is None:
        scope = selectors.scope_read(actor=admin, unit_id=unit.pk, period=Period.year(YEAR))
        issued = services.report_issue(
            actor=admin,
            report=report,
            scope=scope,
            signed_on=SIGNED_ON,
            signer_name=SIGNER[0],
            signer_position=SIGNER[1],
            place="Hà Nội",
            recipients="LĐLĐ TP Hà Nội (để báo cáo)\nCác CĐCS trực thuộc\nLưu: VT",
        )
    return issued
