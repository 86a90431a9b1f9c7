"""The browser fixtures of tests/browser (Playwright driving Debian's chromium), for the chart test."""

from tests.browser.conftest import browser, page  # noqa: F401
