"""``{% datatable %}``: every list drawn through it becomes cards on a phone (``table-cards``)."""

from django.template import Context, Template

TABLE = (
    '{% load ui %}{% datatable rows "people" empty=none cards=cards %}'
    "<thead><tr><th>Họ tên</th></tr></thead><tbody><tr><td>An</td></tr></tbody>{% enddatatable %}"
)


def render(**context):
    return Template(TABLE).render(Context({"cards": True, "none": "", **context}))


def test_a_list_table_is_a_card_table():
    html = render(rows=[1])
    assert '<table class="table table-sm align-middle table-cards" data-testid="people">' in html
    assert '<div class="table-responsive ">' in html


def test_cards_can_be_left_out_and_an_empty_list_says_so():
    assert "table-cards" not in render(rows=[1], cards=False)
    assert render(rows=[], none="Chưa có ai.") == '<p class="text-body-secondary">Chưa có ai.</p>'
