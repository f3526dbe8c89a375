"""``{% datatable %}``: the responsive table every list and history panel uses, or a quiet line
when there is nothing to list.

    {% load tables %}
    {% translate "Chưa có đề nghị nào." as none %}
    {% datatable transfers "transfers" empty=none %}
      <thead>…</thead><tbody>{% for t in transfers %}…{% endfor %}</tbody>
    {% enddatatable %}

``rows`` decides between the two (any sized or truthy value); ``testid`` becomes the table's
``data-testid``; ``classes`` are the table's classes after ``table``; ``wrapper`` adds classes to
the scrolling ``div``. Without ``empty`` the table is drawn even when there are no rows.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_block_tag
def datatable(
    content, rows, testid: str, *, classes: str = "table-sm align-middle", wrapper: str = "", empty=""
):
    if not rows and empty:
        return format_html('<p class="text-body-secondary">{}</p>', empty)
    return format_html(
        '<div class="table-responsive {}"><table class="table {}" data-testid="{}">{}</table></div>',
        wrapper,
        classes,
        testid,
        content,
    )
