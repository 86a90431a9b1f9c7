"""The language switch as a test sets it: the cookie the switch writes; without it the UI is Chinese."""

from django.conf import settings


def english(client, on: bool = True) -> None:
    if on:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    else:
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
