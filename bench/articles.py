"""Published news on the generated tree, written through the portal's services (``article_create``,
then ``article_step`` submit and publish, as the demo's news are), so that the public news pages
have something to serve at 1,000,000 members.

``ensure_articles(count)`` writes the articles that are missing (idempotent: the same titles, days
and slugs each time) and returns ``(article_path, list_path)``: the public address of the newest
article (a province's, with a figures box) and of the news list. The articles belong to the
provinces and the root in turn, one a day
back from the first of December of last year, in every category; one in three carries a figures
box of its unit (members, women, joined: read live from the figures layer when the page is drawn,
as the demo's year-end article does). Bodies are about 3 KB of paragraphs.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from congdoan.core.dates import today
from congdoan.portal.content import slug_of
from congdoan.portal.models import Article, Category
from congdoan.portal.services import article_create, article_step

PARAGRAPH = (
    "<p>Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ năm, biểu dương các công đoàn cơ sở có thành "
    "tích tiêu biểu trong phong trào thi đua yêu nước, chăm lo đời sống, bảo vệ quyền và lợi ích hợp "
    "pháp, chính đáng của đoàn viên, người lao động; đồng thời thống nhất phương hướng, nhiệm vụ "
    "trọng tâm cho năm tới, trong đó chú trọng phát triển đoàn viên và xây dựng tổ chức vững mạnh.</p>"
)
FIGURES = ("members.total", "members.female", "members.joined")


def _admin():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-news", defaults={"full_name": "Ban biên tập", "is_staff": True, "is_superuser": True}
    )
    return user


def ensure_articles(root, provinces: list, count: int = 30) -> tuple[str, str]:
    """Write the missing ones of ``count`` articles of ``root`` and ``provinces`` (Units)."""
    admin = _admin()
    categories = list(Category.objects.order_by("code"))
    units = [*provinces, root]  # the newest: a province's, with a figures box
    first = dt.date(today().year - 1, 12, 1)
    newest = None
    for i in range(count):
        unit = units[i % len(units)]
        title = f"Tin hoạt động số {i + 1}: hội nghị tổng kết công tác công đoàn năm {first.year}"
        day = first - dt.timedelta(days=i)
        found = Article.objects.filter(day=day, slug=slug_of(title)).first()
        if found is None:
            with_figures = i % 3 == 0
            found = article_create(
                actor=admin,
                unit=unit,
                category=categories[i % len(categories)],
                title=title,
                summary="Kết quả năm và phương hướng năm tới của công đoàn.",
                body=PARAGRAPH * 6,
                byline="BBT",
                tags="hội nghị, tổng kết",
                publish_at=timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9, 0)),
                archived=True,
                figures_unit=unit if with_figures else None,
                figures_year=first.year if with_figures else None,
                figure_names=list(FIGURES) if with_figures else [],
            )
            article_step(actor=admin, article=found, step="submit")
            article_step(actor=admin, article=found, step="publish")
        if newest is None:
            newest = found
    newest.refresh_from_db()
    return newest.get_absolute_url(), "/tin-tuc/"
