"""The hall's business actions beyond publishing (workflow.py) and the funnel (funnel.py), as plain
functions: pages and the API call these; they write, audit and notify.

`house` writes text that is stored for others to read (audit summaries, notifications) in the house
language, whoever acts: the English msgid is looked up in the hall's catalogue (context "hall")."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext


def house(message: str, **values) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return pgettext("hall", message).format(**{k: str(v) for k, v in values.items()})
