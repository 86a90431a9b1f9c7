"""Pagination, tabs and badges: the shared pieces every app's pages draw with."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from zerobay.web import badges
from zerobay.web.pagination import paginate


def render(text: str, **context) -> str:
    return Template("{% load web %}" + text).render(Context(context))


# ---------- pagination


def test_paginate_keeps_the_other_query_parameters_and_elides_far_pages():
    request = RequestFactory().get("/list/", {"q": "张江", "page": "7"})
    page = paginate(request, list(range(200)), 10)
    assert page.number == 7 and list(page) == list(range(60, 70))
    assert page.prev_href == "?q=%E5%BC%A0%E6%B1%9F&page=6"
    assert page.next_href == "?q=%E5%BC%A0%E6%B1%9F&page=8"
    numbers = [link.get("number") for link in page.links]
    assert numbers == [1, None, 5, 6, 7, 8, 9, None, 20]
    assert [link["number"] for link in page.links if link.get("current")] == [7]


def test_paginate_answers_the_last_page_for_a_page_beyond_it_and_draws_nothing_for_one_page():
    request = RequestFactory().get("/list/", {"page": "99"})
    page = paginate(request, list(range(25)), 10, param="page")
    assert page.number == 3 and page.next_href == ""
    one = paginate(RequestFactory().get("/list/"), [1, 2], 10)
    html = Template('{% include "includes/pagination.html" %}').render(Context({"page_obj": one}))
    assert html.strip() == ""


# ---------- tabs

TABS = """{% tabs current=tab variant=variant %}
{% tab "申报" key="home" %}/programs/{% endtab %}
{% if show %}{% tab "批次" key="batches" %}/programs/batches/{% endtab %}{% endif %}
{% tab_spacer %}
{% tab label active=flag %}/x/?a={{ a }}&amp;b=2{% endtab %}
{% endtabs %}"""


def test_tabs_draw_the_declared_tabs_with_the_current_one_active():
    html = render(TABS, tab="batches", show=True, variant="pills", label="其他", flag=False, a="%3C1%3E")
    assert html.startswith('<nav class="tabs">')
    assert '<a href="/programs/" class="">申报</a>' in html
    assert '<a href="/programs/batches/" class="active">批次</a>' in html
    assert '<span class="spacer"></span>' in html
    assert '<a href="/x/?a=%3C1%3E&amp;b=2" class="">其他</a>' in html  # the body's output, escaped once


def test_a_tab_left_out_by_its_condition_is_not_drawn_and_active_may_be_an_expression():
    html = render(TABS, tab="home", show=False, variant="underline", label="其他", flag=True, a="%3C1%3E")
    assert html.startswith('<nav class="tabs underline">')
    assert "批次" not in html
    assert '<a href="/programs/" class="active">申报</a>' in html
    assert '<a href="/x/?a=%3C1%3E&amp;b=2" class="active">其他</a>' in html


def test_links_tabs_are_a_line_of_links():
    html = render(
        '{% tabs variant="links" %}{% tab "培育" %}/a/{% endtab %}{% tab "报库" %}/b/{% endtab %}{% endtabs %}'
    )
    assert html.strip() == '<p class="sub"><a href="/a/">培育</a> · <a href="/b/">报库</a></p>'


def test_tabs_refuse_an_unknown_variant_and_a_tab_outside_tabs():
    with pytest.raises(TemplateSyntaxError):
        render(TABS, tab="home", variant="ribbons", label="x", flag=False)
    with pytest.raises(TemplateSyntaxError):
        render('{% tab "x" key="a" %}/{% endtab %}')


# ---------- badges


@pytest.mark.parametrize(
    ("kind", "state", "tone"),
    [
        ("application", "approved", "green"),
        ("application", "returned", "amber"),
        ("application", "not_approved", "red"),
        ("indicator", "at_risk", "amber"),
        ("import", "failed", "red"),
        ("reporting", "missing", "red"),
        ("met", True, "green"),
        ("met", None, "amber"),
        ("achievement", "review", "amber"),
        ("demand", "closed", "grey"),
        ("demand", "draft", "amber"),
        ("ladder", "nothing-known", "grey"),
    ],
)
def test_each_state_has_one_tone(kind, state, tone):
    assert badges.tone(kind, state) == tone
    assert render("{{ s|tone:k }}", s=state, k=kind) == tone


def test_the_badge_tag_draws_a_badge_of_a_tone_with_the_text_escaped():
    assert (
        render('{% badge label "green" %}', label="<有效>")
        == '<span class="badge badge-green">&lt;有效&gt;</span>'
    )
    assert render('{% badge "正常" tone id="status-badge" size="lg" %}', tone="blue") == (
        '<span class="badge badge-blue badge-lg" id="status-badge">正常</span>'
    )


def test_every_tone_is_a_colour_of_the_style_sheet():
    from pathlib import Path

    css = (Path(badges.__file__).parents[1] / "static" / "css" / "zerobay.css").read_text()
    tones = {t for states in badges.TONES.values() for t in states.values()}
    assert all(f".badge-{t} " in css for t in tones)


# ---------- list tables


def test_a_list_table_wraps_its_rows_and_draws_the_pages_of_page_obj():
    request = RequestFactory().get("/carriers/", {"page": "2"})
    page = paginate(request, ["甲", "乙", "丙"], 2)
    html = render(
        '{% list_table "carriers" %}<tbody>{% for c in page_obj %}<tr><td>{{ c }}</td></tr>'
        '{% empty %}{% empty_row 6 _("No carrier matches.") %}{% endfor %}</tbody>{% endlist_table %}',
        page_obj=page,
    )
    assert html.startswith(
        '<div class="table-wrap">\n<table class="data" id="carriers"><tbody><tr><td>丙</td>'
    )
    assert '<nav class="pagination"' in html and '<span class="current">2</span>' in html


def test_an_empty_list_table_says_so_across_its_columns():
    page = paginate(RequestFactory().get("/carriers/"), [], 10)
    html = render(
        '{% list_table "carriers" %}<tbody>{% for c in page_obj %}<tr></tr>'
        "{% empty %}{% empty_row 6 message %}{% endfor %}</tbody>{% endlist_table %}",
        page_obj=page,
        message="没有<匹配>的载体",
    )
    assert '<tr><td colspan="6" class="empty">没有&lt;匹配&gt;的载体</td></tr>' in html
    assert "pagination" not in html
