"""The news of the demo: five articles about the seeds' events and one announcement, written afresh for this demo from
their facts and figures, entered through the portal's services (written, sent for review,
published by the administrator, audited like any officer's) as articles of the units' former
websites, with their original dates. The images are placeholders drawn with Pillow (no photos).

- Seed 000: CĐVC Việt Nam's survey mission to Phú Yên, Khánh Hòa and Ninh Thuận, 19–24/07/2022, with
  the house of gratitude (60 million đồng) and the 30 gifts; linked to the mission of ``plans``.
- Seed 001: CĐVC TP Hà Nội's year-end conference, 05/01/2023, with a figures box of 2022 read live
  from the figures layer (conferences held, members) for CĐVC TP Hà Nội.
- Seed 002: Khối thi đua III's conference of 29/03/2022: the leader's and deputies' decision
  handed over with the block's flag, and the pledge signed by its nine unions; linked to the block.
- Seed 003: the mid-year review of CĐVC tỉnh (Phú Yên, as the tree assumes) of 20/07/2022: 7 medals
  "Vì sự nghiệp xây dựng tổ chức Công đoàn" and 95 gifts.
- Seed 004: the 2024 conference of the CĐCS of the provincial Fatherland Front office in Ninh
  Thuận, 22/02/2024; linked to its conference record.
- An announcement (category Thông báo, so the public site's announcements box is not empty), written
  for this demo and in no seed: CĐVC TP Hà Nội asks its grassroots unions, on 09/01/2023, to hold their
  2023 conferences of officials and public employees by 31/03/2023 and report by 10/04/2023 (dates of
  the demo, not of a real notice). It has no image.
Idempotent: an article already there (same day and slug) is left alone.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from congdoan.accounts.models import User
from congdoan.emulation.models import Block
from congdoan.meetings.models import Conference
from congdoan.organizations.models import Unit
from congdoan.plans.models import Mission
from congdoan.portal.content import slug_of
from congdoan.portal.models import Article, Category
from congdoan.portal.services import article_create, article_step, image_add

from . import data


@dataclass(frozen=True)
class Story:
    unit: str
    category: str
    at: dt.datetime
    title: str
    summary: str
    body: str
    byline: str
    tags: str
    captions: tuple[str, ...]
    colour: tuple[int, int, int]
    figures: tuple[str, ...] = ()
    figures_year: int | None = None
    links: tuple[str, ...] = field(default=())  # "mission", "block", "conference"


def _at(y, m, d, hh, mm) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))


STORIES = (
    Story(
        unit="CDVCVN",
        category="tin-hoat-dong",
        at=_at(2022, 7, 26, 9, 47),
        title="Đoàn công tác CĐVC Việt Nam làm việc tại Phú Yên, Khánh Hòa và Ninh Thuận",
        summary="Trong sáu ngày cuối tháng 7/2022, đoàn khảo sát của Công đoàn Viên chức Việt Nam đã đến ba "
        "tỉnh duyên hải Nam Trung Bộ để xem xét việc thực hiện chương trình phối hợp với Liên đoàn Lao động "
        "các tỉnh, đồng thời trao nhà và quà cho đoàn viên khó khăn.",
        body="<p>Từ ngày 19 đến ngày 24/7/2022, theo kế hoạch khảo sát của Ban Thường vụ, đoàn công tác do một "
        "Phó Chủ tịch Công đoàn Viên chức Việt Nam dẫn đầu đã lần lượt làm việc với Liên đoàn Lao động các tỉnh "
        "Phú Yên, Khánh Hòa và Ninh Thuận.</p>"
        "<p>Tại mỗi nơi, đoàn nghe lãnh đạo Liên đoàn Lao động và Công đoàn Viên chức tỉnh báo cáo kết quả "
        "chương trình phối hợp: tuyên truyền, phát triển đoàn viên, chăm lo đời sống và các phong trào thi đua "
        "trong cán bộ, công chức, viên chức. Hai bên cùng trao đổi những khó khăn ở cơ sở và hướng tháo gỡ.</p>"
        "<p>Trong chuyến công tác, Công đoàn Viên chức Việt Nam đã hỗ trợ xây một <strong>Nhà tình nghĩa</strong> "
        "trị giá 60 triệu đồng và trao <strong>30 suất quà</strong> cho đoàn viên có hoàn cảnh khó khăn.</p>",
        byline="P.V.",
        tags="khảo sát, chương trình phối hợp, chăm lo đời sống",
        captions=(
            "Đoàn khảo sát làm việc với Liên đoàn Lao động tỉnh (ảnh minh họa)",
            "Trao quà cho đoàn viên",
        ),
        colour=(21, 101, 192),
        links=("mission",),
    ),
    Story(
        unit="CDVC-HN",
        category="hoi-nghi-dai-hoi",
        at=_at(2023, 1, 5, 16, 0),
        title="Hội nghị tổng kết công tác công đoàn năm 2022",
        summary="Sáng 05/01/2023, Công đoàn Viên chức thành phố Hà Nội tổng kết năm 2022 và phát động thi đua "
        "năm 2023; 57 trong 58 công đoàn cơ sở đã tổ chức hội nghị cán bộ, công chức, viên chức.",
        body="<p>Sáng ngày 05/01/2023, Công đoàn Viên chức thành phố Hà Nội tổ chức hội nghị nhìn lại công tác "
        "công đoàn năm 2022 và phát động phong trào thi đua năm 2023, với sự tham dự của đại diện Đảng ủy Khối "
        "các cơ quan và Liên đoàn Lao động thành phố.</p>"
        "<p>Năm qua, các cấp công đoàn tiếp tục chăm lo, bảo vệ quyền lợi của đoàn viên; thăm hỏi, hỗ trợ kịp "
        "thời những người gặp khó khăn; vận động đoàn viên ủng hộ Quỹ \u201cVì người nghèo\u201d.</p>"
        "<p>Về thực hiện dân chủ ở cơ sở, 57/58 đơn vị đã tổ chức hội nghị cán bộ, công chức, viên chức; cả 4 "
        "doanh nghiệp đều tổ chức hội nghị người lao động và đối thoại định kỳ. Số liệu trong khung bên cạnh "
        "được lấy trực tiếp từ báo cáo của hệ thống.</p>",
        byline="Minh Châu",
        tags="hội nghị, tổng kết, thi đua",
        captions=("Quang cảnh hội nghị tổng kết (ảnh minh họa)",),
        colour=(183, 28, 28),
        figures=(
            "conferences.cbccvc.held",
            "conferences.cbccvc.expected",
            "conferences.cbccvc.rate_percent",
            "conferences.workers.held",
            "dialogues.held",
            "initiatives.recognised",
            "initiatives.percent",
            "welfare.amount",
            "awards.collective",
            "awards.individual",
            "members.total",
            "members.female",
        ),
        figures_year=2022,
    ),
    Story(
        unit="CDVCVN",
        category="thi-dua-khen-thuong",
        at=_at(2022, 3, 30, 7, 56),
        title="Khối thi đua III triển khai nhiệm vụ và ký giao ước thi đua năm 2022",
        summary="Chiều 29/3/2022 tại Hà Nội, chín công đoàn của Khối thi đua III nhận quyết định công nhận "
        "Trưởng, Phó Khối, bàn giao cờ thi đua của Khối và cùng ký giao ước thi đua năm 2022.",
        body="<p>Chiều ngày 29/3/2022, Khối thi đua III thuộc Công đoàn Viên chức Việt Nam họp tại Trung tâm "
        "Phát thanh Quốc gia để triển khai công tác năm 2022.</p>"
        "<p>Đại diện Công đoàn Viên chức Việt Nam trao quyết định công nhận Công đoàn Đài Tiếng nói Việt Nam làm "
        "Trưởng Khối, Công đoàn Thông tấn xã Việt Nam và Công đoàn Bảo hiểm xã hội Việt Nam làm Phó Khối; cờ thi "
        "đua của Khối được bàn giao cho đơn vị Trưởng Khối năm nay.</p>"
        "<p>Kết thúc hội nghị, <strong>9 đơn vị</strong> trong Khối đã ký giao ước thi đua năm 2022, cam kết "
        "phối hợp, hỗ trợ nhau hoàn thành các chỉ tiêu đã đăng ký.</p>",
        byline="T.H.",
        tags="thi đua, khối thi đua, giao ước",
        captions=("Trao quyết định công nhận Trưởng, Phó Khối (ảnh minh họa)", "Các đơn vị ký giao ước"),
        colour=(46, 125, 50),
        links=("block",),
    ),
    Story(
        unit="CDVC-PY",
        category="thi-dua-khen-thuong",
        at=_at(2022, 7, 21, 8, 15),
        title="Sơ kết 6 tháng đầu năm: 7 Kỷ niệm chương và 95 suất quà tri ân",
        summary="Ngày 20/7/2022, Công đoàn Viên chức tỉnh sơ kết nửa đầu năm, trao Kỷ niệm chương cho 7 cán "
        "bộ và tặng quà 95 đoàn viên thuộc gia đình chính sách nhân dịp 27/7.",
        body="<p>Ngày 20/7/2022, Công đoàn Viên chức tỉnh họp sơ kết công tác 6 tháng đầu năm và bàn nhiệm vụ "
        "những tháng còn lại của năm 2022. Toàn ngành hiện có gần 4.000 công chức, viên chức, lao động.</p>"
        "<p>Hội nghị ghi nhận các phong trào thi đua và cuộc vận động được duy trì đều đặn, nhiều chỉ tiêu đã "
        "vượt kế hoạch của nhiệm kỳ.</p>"
        "<p>Dịp này, <strong>7 đồng chí</strong> được trao Kỷ niệm chương \u201cVì sự nghiệp xây dựng tổ chức "
        "Công đoàn\u201d; <strong>95 cán bộ, đoàn viên</strong> thuộc diện gia đình chính sách được gặp mặt, tặng "
        "quà nhân kỷ niệm 75 năm Ngày Thương binh – Liệt sĩ.</p>",
        byline="N.A.",
        tags="sơ kết, kỷ niệm chương, chăm lo đời sống",
        captions=("Trao Kỷ niệm chương (ảnh minh họa)",),
        colour=(230, 81, 0),
    ),
    Story(
        unit="CDVC-NT-MTTQ",
        category="hoi-nghi-dai-hoi",
        at=_at(2024, 2, 23, 10, 0),
        title="Công đoàn cơ quan Ủy ban MTTQ tỉnh tổ chức hội nghị cán bộ, công chức năm 2024",
        summary="Sáng 22/02/2024, cơ quan Ủy ban MTTQ Việt Nam tỉnh Ninh Thuận và Ban Chấp hành Công đoàn "
        "cơ sở cùng tổ chức hội nghị cán bộ, công chức và người lao động năm 2024.",
        body="<p>Sáng ngày 22/02/2024, hội nghị cán bộ, công chức và người lao động năm 2024 của cơ quan Ủy ban "
        "MTTQ Việt Nam tỉnh diễn ra với sự phối hợp của Ban Chấp hành Công đoàn cơ sở.</p>"
        "<p>Hội nghị nghe báo cáo kiểm điểm năm 2023, góp ý các dự thảo quy chế chi tiêu nội bộ, quy chế quản "
        "lý tài sản công và kế hoạch thi đua năm 2024. Lãnh đạo Ủy ban đề nghị công đoàn làm tốt hơn nữa việc "
        "bảo vệ quyền, lợi ích của cán bộ, công chức và người lao động.</p>"
        "<p>Công đoàn và chính quyền cơ quan đã ký giao ước thi đua năm 2024; các chỉ tiêu của nghị quyết hội "
        "nghị được biểu quyết thông qua.</p>",
        byline="Thanh Tâm",
        tags="hội nghị, cán bộ công chức, giao ước",
        captions=("Ký giao ước thi đua năm 2024 (ảnh minh họa)",),
        colour=(106, 27, 154),
        links=("conference",),
    ),
    Story(
        unit="CDVC-HN",
        category="thong-bao",
        at=_at(2023, 1, 9, 8, 30),
        title="Thông báo tổ chức hội nghị cán bộ, công chức, viên chức năm 2023 tại các công đoàn cơ sở",
        summary="Ban Thường vụ Công đoàn Viên chức thành phố Hà Nội đề nghị các công đoàn cơ sở phối hợp với "
        "thủ trưởng cơ quan, đơn vị hoàn thành hội nghị cán bộ, công chức, viên chức năm 2023 trước ngày "
        "31/3/2023.",
        body="<p>Để việc thực hiện dân chủ ở cơ quan, đơn vị năm 2023 được triển khai đồng đều, Ban Thường vụ "
        "Công đoàn Viên chức thành phố Hà Nội thông báo tới các công đoàn cơ sở trực thuộc như sau:</p>"
        "<ol><li>Chủ động thống nhất với thủ trưởng cơ quan, đơn vị về thời gian, nội dung và thành phần hội "
        "nghị; hoàn thành hội nghị <strong>trước ngày 31/3/2023</strong>.</li>"
        "<li>Trước hội nghị, tổ chức lấy ý kiến đoàn viên về dự thảo quy chế chi tiêu nội bộ và các chỉ tiêu "
        "thi đua của năm.</li>"
        "<li>Gửi báo cáo kết quả kèm nghị quyết hội nghị về Văn phòng Công đoàn Viên chức thành phố "
        "<strong>trước ngày 10/4/2023</strong>; đơn vị chưa tổ chức được cần nêu rõ lý do.</li></ol>"
        "<p>Số đơn vị đã tổ chức hội nghị sẽ được tổng hợp vào báo cáo sơ kết 6 tháng của Công đoàn Viên chức "
        "thành phố.</p>",
        byline="Văn phòng",
        tags="thông báo, hội nghị cán bộ công chức viên chức",
        captions=(),
        colour=(55, 71, 79),
    ),
)


def placeholder(colour: tuple[int, int, int], label: str) -> SimpleUploadedFile:
    """A 1600×900 placeholder: bands of the story's colour and a caption line (no photo)."""
    image = Image.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, 900, 60):
        shade = tuple(min(255, c + i // 12) for c in colour)
        draw.rectangle([0, i, 1600, i + 30], fill=shade)
    draw.rectangle([80, 700, 1520, 820], fill=(255, 255, 255))
    draw.text((110, 740), label, fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile("anh-minh-hoa.jpg", out.getvalue(), content_type="image/jpeg")


def _records(story: Story, unit: Unit) -> list:
    found = []
    for kind in story.links:
        if kind == "mission":
            obj = Mission.objects.filter(
                plan__number=data.SURVEY_PLAN_NUMBER, title=data.SURVEY_TITLE
            ).first()
        elif kind == "block":
            obj = Block.objects.filter(name__icontains="III").order_by("id").first()
        else:
            obj = Conference.objects.filter(unit=unit, year=story.at.year).order_by("id").first()
        if obj is not None:
            found.append(obj)
    return found


def load_portal(*, admin: User) -> int:
    """Write the demo articles that are missing; returns how many were written."""
    units = {u.code: u for u in Unit.objects.filter(code__in={s.unit for s in STORIES})}
    categories = {c.code: c for c in Category.objects.all()}
    written = 0
    for story in STORIES:
        unit = units.get(story.unit)
        day = timezone.localtime(story.at).date()
        if unit is None or Article.objects.filter(day=day, slug=slug_of(story.title)).exists():
            continue
        figures_unit = unit if story.figures else None
        article = article_create(
            actor=admin,
            unit=unit,
            category=categories[story.category],
            title=story.title,
            summary=story.summary,
            body=story.body,
            byline=story.byline,
            tags=story.tags,
            publish_at=story.at,
            archived=True,
            figures_unit=figures_unit,
            figures_year=story.figures_year,
            figure_names=list(story.figures),
            records=_records(story, unit),
        )
        for n, caption in enumerate(story.captions, start=1):
            image_add(
                actor=admin,
                article=article,
                upload=placeholder(story.colour, f"congdoan - anh minh hoa {n}"),
                caption=caption,
            )
        article_step(actor=admin, article=article, step="submit")
        article_step(actor=admin, article=article, step="publish")
        written += 1
    return written
