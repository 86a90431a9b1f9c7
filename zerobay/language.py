"""Chinese first: the interface is in Chinese unless the user chose another language with the
language switch (Django's language cookie). A browser's Accept-Language alone does not switch it:
district staff often run browsers set to English and still expect the Chinese interface."""

from collections.abc import Mapping

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# Names that come from data in two languages (an indicator's name and name_en, an org unit's, a
# taxonomy node's): the one rule for choosing, used by pages, exports and the `localized` filter.


def in_english() -> bool:
    return (translation.get_language() or "").startswith("en")


def bilingual(zh: str, en: str | None) -> str:
    """`en` in the English interface when there is one, else the Chinese."""
    return en if en and in_english() else zh


def localized_name(item) -> str:
    """The `name` of a record, definition or row (a dict), or its `name_en` in the English interface
    when set."""
    if isinstance(item, Mapping):
        return bilingual(item["name"], item.get("name_en"))
    return bilingual(item.name, getattr(item, "name_en", ""))


class BilingualLabels(Mapping):
    """A fixed mapping of codes to Chinese labels (the house language, as exports, the command line
    and the API write them) that answers in English in the English interface where `en` has the code."""

    def __init__(self, zh: dict, en: dict):
        self.zh, self.en = zh, en

    def __getitem__(self, key):
        return bilingual(self.zh[key], self.en.get(key))

    def __iter__(self):
        return iter(self.zh)

    def __len__(self) -> int:
        return len(self.zh)


# The units the indicator catalogue and the forms write, in English.
UNITS_EN = {
    "家": "enterprises",
    "亿元": "100 million yuan",
    "万元": "10k yuan",
    "元": "yuan",
    "千元": "1,000 yuan",
    "万元/人": "10k yuan per person",
    "个": "",
    "人": "persons",
    "万人": "10k persons",
    "件": "items",
    "项": "items",
    "台": "units",
    "场": "events",
    "公顷": "ha",
    "万m²": "10k m²",
    "平方米": "m²",
    "%": "%",
}


def unit_name(unit: str) -> str:
    """A unit in the interface's language ("家" → "enterprises" in English)."""
    return bilingual(unit, UNITS_EN.get(unit)) if unit else unit
