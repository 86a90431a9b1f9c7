"""The shared template tags (`{% load web %}`): `{% chart %}` and `{% chart_scripts %}`, `{% badge %}`
and the `tone` filter, `{% tabs %}` / `{% tab %}` / `{% tab_spacer %}`, `{% list_table %}` and
`{% empty_row %}`, and `document` (a document's file name as its title)."""

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html, json_script

from zerobay.language import localized_name, unit_name
from zerobay.web import badges
from zerobay.web.documents import document_titles
from zerobay.web.tabs import VARIANTS, Tab

register = template.Library()


@register.simple_tag
def chart(spec, name: str, height: str = "", label: str = ""):
    """A chart drawn by static/js/charts.js: `<div id="NAME-chart">` and its spec as
    `<script id="NAME-data" type="application/json">`. No code goes into the page."""
    data_id = f"{name}-data"
    return format_html(
        '<div id="{}-chart" class="chart" data-chart-id="{}"{} role="img" aria-label="{}"></div>{}',
        name,
        data_id,
        format_html(' data-height="{}"', height) if height else "",
        label or spec.get("title", ""),
        json_script(spec, data_id),
    )


@register.filter
def unit(value) -> str:
    """`{{ indicator.unit|unit }}`: a unit in the interface's language (zerobay.language)."""
    return unit_name(value or "")


@register.filter
def localized(item) -> str:
    """`{{ org_unit|localized }}`: a record's name in the interface's language (zerobay.language)."""
    return localized_name(item)


@register.simple_tag
def chart_scripts():
    """ECharts and the one start-up script; once per page that has charts, in its scripts block."""
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("vendor/echarts.min.js"),
        static("js/charts.js"),
    )


@register.filter
def tone(state, kind: str) -> str:
    """The badge tone of a state of `kind` (see web/badges.py): `{{ r.status|tone:"reporting" }}`."""
    return badges.tone(kind, state)


@register.simple_tag
def badge(text, tone: str = "grey", id: str = "", size: str = ""):
    """`<span class="badge badge-TONE">text</span>`."""
    classes = f"badge badge-{tone}" + (f" badge-{size}" if size else "")
    if id:
        return format_html('<span class="{}" id="{}">{}</span>', classes, id, text)
    return format_html('<span class="{}">{}</span>', classes, text)


class TabsNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist, self.options = nodelist, options

    def render(self, context):
        options = {k: v.resolve(context) for k, v in self.options.items()}
        variant = options.get("variant", "pills")
        if variant not in VARIANTS:
            raise template.TemplateSyntaxError(f"tabs: unknown variant {variant!r}")
        tabs: list[Tab] = []
        with context.push(_tabs=tabs, _tabs_current=options.get("current")):
            self.nodelist.render(context)  # each {% tab %} adds itself to `tabs`
        return render_to_string("includes/tabs.html", {"tabs": tabs, "variant": variant})


class TabNode(template.Node):
    def __init__(self, nodelist, label, options):
        self.nodelist, self.label, self.options = nodelist, label, options

    def render(self, context):
        if "_tabs" not in context:
            raise template.TemplateSyntaxError("{% tab %} outside {% tabs %}")
        options = {k: v.resolve(context) for k, v in self.options.items()}
        if "active" in options:
            active = bool(options["active"])
        else:
            active = options.get("key") is not None and options.get("key") == context["_tabs_current"]
        url = self.nodelist.render(context)  # template output (safe): the body is the link, no spaces
        context["_tabs"].append(Tab(str(self.label.resolve(context)), url, active))
        return ""


class TabSpacerNode(template.Node):
    def render(self, context):
        context["_tabs"].append(Tab("", "", spacer=True))
        return ""


@register.tag
def tabs(parser, token):
    """`{% tabs current=... variant="pills"|"underline" %}…{% endtabs %}`: a row of tabs."""
    bits = token.split_contents()[1:]
    options = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"tabs: unexpected {bits}")
    nodelist = parser.parse(("endtabs",))
    parser.delete_first_token()
    return TabsNode(nodelist, options)


@register.tag
def tab(parser, token):
    """`{% tab label key=... %}URL{% endtab %}` (or `active=<expression>` instead of key)."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("tab: a label is required")
    label = parser.compile_filter(bits.pop(0))
    options = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"tab: unexpected {bits}")
    nodelist = parser.parse(("endtab",))
    parser.delete_first_token()
    return TabNode(nodelist, label, options)


@register.tag
def tab_spacer(parser, token):
    """`{% tab_spacer %}`: the tabs after it sit at the right end of the row."""
    return TabSpacerNode()


@register.simple_tag
def empty_row(colspan: int, message):
    """The row a list table shows when it has none: `{% empty_row 6 _("No carrier matches.") %}`."""
    return format_html('<tr><td colspan="{}" class="empty">{}</td></tr>', colspan, message)


class ListTableNode(template.Node):
    def __init__(self, nodelist, table_id):
        self.nodelist, self.table_id = nodelist, table_id

    def render(self, context):
        table = format_html(
            '<div class="table-wrap">\n<table class="data" id="{}">{}</table>\n</div>\n',
            self.table_id.resolve(context),
            self.nodelist.render(context),  # safe: rendered by the template engine
        )
        pages = context.template.engine.get_template("includes/pagination.html").render(context)
        return table + pages


@register.tag
def list_table(parser, token):
    """`{% list_table "id" %}<thead>…</thead><tbody>…</tbody>{% endlist_table %}`: a list's table in
    its scrolling wrapper, followed by the pages of `page_obj` (includes/pagination.html)."""
    bits = token.split_contents()[1:]
    if len(bits) != 1:
        raise template.TemplateSyntaxError("list_table takes the table's id")
    nodelist = parser.parse(("endlist_table",))
    parser.delete_first_token()
    return ListTableNode(nodelist, parser.compile_filter(bits[0]))


@register.filter
def document(text) -> str:
    """A source text with each document file name shown as the document's title and date."""
    return document_titles(text)
