"""Names that come from data in two languages: the English one in the English interface when there is one."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from zerobay.language import bilingual, localized_name


def test_the_english_name_shows_only_in_english_and_only_when_set():
    unit = SimpleNamespace(name="大零号湾", name_en="Greater Zero Bay")
    bare = SimpleNamespace(name="紫竹", name_en="")
    with translation.override("zh-hans"):
        assert localized_name(unit) == "大零号湾" and bilingual("滞后", "Off track") == "滞后"
    with translation.override("en"):
        assert localized_name(unit) == "Greater Zero Bay" and localized_name(bare) == "紫竹"
        assert bilingual("滞后", "Off track") == "Off track"
        page = Template("{% load web %}{{ unit|localized }}").render(Context({"unit": unit}))
        assert page == "Greater Zero Bay"
