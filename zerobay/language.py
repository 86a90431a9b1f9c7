"""Chinese first: the interface is in Chinese unless the user chose another language with the
language switch (Django's language cookie). A browser's Accept-Language alone does not switch it:
district staff often run browsers set to English and still expect the Chinese interface."""

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
    """The `name` of a record or definition, or its `name_en` in the English interface when set."""
    return bilingual(item.name, getattr(item, "name_en", ""))
