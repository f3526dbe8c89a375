"""Page furniture every app draws the same way.

``{% crumbs %}``: the breadcrumb trail. Arguments come in pairs, a link (an address, or a URL name
without arguments such as ``"members:list"``) and its label, then the current page's label. A
pair whose label is empty is left out, so an optional step needs no ``{% if %}``::

    {% crumbs "members:list" _("Đoàn viên") person_url person.full_name title %}

``{% datatable %}``: the responsive table every list and history panel uses, or a quiet line
when there is nothing to list. On a phone (narrower than 768 px) each row becomes a card: the
cells stack, each under the label of its column, actions included (core/static/core/app.css,
``.table-cards``; app.js copies each column's heading onto its cells as ``data-label``). A column
with an empty heading (buttons) is shown without a label; ``cards=False`` keeps a plain table
(a small table of figures that fits any screen).

    {% load ui %}
    {% translate "Chưa có đề nghị nào." as none %}
    {% datatable transfers "transfers" empty=none %}
      <thead>…</thead><tbody>{% for t in transfers %}…{% endfor %}</tbody>
    {% enddatatable %}

``rows`` decides between the two (any sized or truthy value); ``testid`` becomes the table's
``data-testid``; ``classes`` are the table's classes after ``table``; ``wrapper`` adds classes to
the scrolling ``div``. Without ``empty`` the table is drawn even when there are no rows.

``{% section title %}``: a titled part of a detail page, ``<section class="mb-4">`` with its ``h2``;
``badge`` adds a count beside the title, ``id`` an anchor::

    {% section _("Chờ đơn vị của bạn tiếp nhận") badge=incoming|length|number %}…{% endsection %}

``{% card title %}``: a card of facts on a detail page (``card h-100`` with its header and body)::

    {% card _("Thông tin đơn vị") %}<dl class="row mb-0">…</dl>{% endcard %}

``{% date_input %}``: a date box outside a Django form (a page's "as of" date), the same widget as
``core.forms.DateInput`` (dd/mm/yyyy in any browser). Keyword arguments are attributes, with ``_``
written as ``-``; ``value`` is a date or the text typed; ``invalid`` (any true value) marks it::

    {% date_input "as_of" as_of id="as_of" class="form-control" invalid=date_error hx_trigger="change" %}

``{% pager page %}``: the pager of every list (``core/partials/pager.html``), for a Django ``Page``
or a ``core.paging.Window``; ``total``/``exact`` count a window, ``base`` is the list's address when
a fragment route draws it, ``in_form`` makes the numbers submit buttons of the enclosing filter form::

    {% pager page %}   {% pager window total=total exact=exact in_form=True %}
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from congdoan.core import paging
from congdoan.core.forms import DateInput

register = template.Library()


@register.simple_tag
def date_input(name: str, value=None, *, invalid=False, **attrs):
    attrs = {k.replace("_", "-"): v for k, v in attrs.items()}
    if invalid:
        attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        attrs["aria-invalid"] = "true"
    return DateInput().render(name, value, attrs=attrs)


@register.inclusion_tag("core/partials/pager.html", takes_context=True)
def pager(context, page, *, total=None, exact=True, base: str = "", in_form: bool = False):
    return {
        "request": context.get("request"),
        "pager": paging.pager(page, total=total, exact=exact),
        "base": base,
        "in_form": in_form,
    }


@register.simple_block_tag
def datatable(
    content,
    rows,
    testid: str,
    *,
    classes: str = "table-sm align-middle",
    wrapper: str = "",
    empty="",
    cards: bool = True,
):
    if not rows and empty:
        return format_html('<p class="text-body-secondary">{}</p>', empty)
    return format_html(
        '<div class="table-responsive {}"><table class="table {}{}" data-testid="{}">{}</table></div>',
        wrapper,
        classes,
        " table-cards" if cards else "",
        testid,
        content,
    )


@register.simple_block_tag
def section(content, title, *, badge=None, id: str = ""):
    return format_html(
        '<section class="mb-4"{}>\n  <h2 class="h5">{}{}</h2>{}</section>',
        format_html(' id="{}"', id) if id else "",
        title,
        format_html(' <span class="badge text-bg-primary">{}</span>', badge) if badge is not None else "",
        content,
    )


@register.simple_block_tag
def card(content, title):
    return format_html(
        '<div class="card h-100">\n  <div class="card-header">{}</div>\n  <div class="card-body">{}</div>\n</div>',
        title,
        content,
    )


def _address(link: str) -> str:
    if not link or link.startswith(("/", "?", "http")):
        return link
    try:
        return reverse(link)
    except NoReverseMatch:
        return link


@register.simple_tag
def crumbs(*trail):
    *steps, current = trail
    links = [
        (_address(str(link)), label) for link, label in zip(steps[::2], steps[1::2], strict=True) if label
    ]
    return format_html(
        '<nav aria-label="{}"><ol class="breadcrumb">{}'
        '<li class="breadcrumb-item active" aria-current="page">{}</li></ol></nav>',
        _("Đường dẫn"),
        format_html_join("", '<li class="breadcrumb-item"><a href="{}">{}</a></li>', links),
        current,
    )
