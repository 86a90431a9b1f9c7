"""Tabs: a page declares its row of tabs, each a label, a link and whether it is the current one,
and `includes/tabs.html` draws them. In a template the declaration is a `{% tabs %}` block:

    {% tabs current=tab variant="underline" %}
      {% tab _("Achievements") key="achievements" %}{% url 'hall-home' %}{% endtab %}
      {% tab_spacer %}
    {% endtabs %}

A tab is active when its `key` equals `current` (or when given `active=<expression>`); the body of
`{% tab %}` is its link. Wrap a tab in `{% if %}` to show it to some users only.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    active: bool = False
    spacer: bool = False  # pushes the tabs after it to the right


VARIANTS = ("pills", "underline", "links")  # links: a line of links under the title, no active tab
