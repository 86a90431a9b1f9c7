"""Django merges the global and the per-app catalogues into one: the global one wins, then the apps in
INSTALLED_APPS order. A msgid translated differently in two catalogues therefore shows another app's
Chinese in one of them; an app that means something else must give its string a context."""

from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from zerobay.matching.models import Achievement, Demand

ROOT = Path(__file__).resolve().parent.parent / "zerobay"
CATALOGUE = "locale/zh_Hans/LC_MESSAGES/django.po"
CATALOGUES = sorted(ROOT.glob(f"**/{CATALOGUE}"))


def _catalogue_name(path: Path) -> str:
    """ "programs" for an app's catalogue, "locale" for the global one."""
    return path.parts[-5]


def collisions(paths) -> dict[str, list[tuple[str, str]]]:
    """msgid (without context) → [(catalogue, msgstr)] where the catalogues disagree."""
    seen: dict[str, list[tuple[str, str]]] = {}
    for path in paths:
        for entry in polib.pofile(str(path)):
            if not entry.msgctxt and entry.msgstr and not entry.obsolete:
                seen.setdefault(entry.msgid, []).append((_catalogue_name(path), entry.msgstr))
    return {msgid: found for msgid, found in seen.items() if len({s for _, s in found}) > 1}


def test_the_checker_finds_a_collision(tmp_path):
    for app, msgstr in (("programs", "申报漏斗"), ("matching", "对接漏斗")):
        po = polib.POFile()
        po.append(polib.POEntry(msgid="Funnel", msgstr=msgstr))
        po.append(polib.POEntry(msgid="Open", msgctxt=app, msgstr=msgstr))  # with a context: no collision
        po.append(polib.POEntry(msgid="Search", msgstr="搜索"))  # the same translation: no collision
        path = tmp_path / app / CATALOGUE
        path.parent.mkdir(parents=True)
        po.save(str(path))
    found = collisions(sorted(tmp_path.glob(f"**/{CATALOGUE}")))
    assert found == {"Funnel": [("matching", "对接漏斗"), ("programs", "申报漏斗")]}


def test_no_msgid_is_translated_differently_in_two_catalogues():
    assert len(CATALOGUES) >= 3
    found = collisions(CATALOGUES)
    assert not found, "translated differently, give the app's string a context:\n" + "\n".join(
        f"  {msgid!r}: {found_in}" for msgid, found_in in sorted(found.items())
    )


def test_every_translation_is_the_one_django_serves():
    """Also catches a project string shadowed by Django's own catalogues (admin's "Add" is 增加)."""
    wrong = []
    with translation.override("zh-hans"):
        for path in CATALOGUES:
            for e in polib.pofile(str(path)):
                if e.msgstr and not e.obsolete and not e.msgid_plural:
                    served = (
                        translation.pgettext(e.msgctxt, e.msgid)
                        if e.msgctxt
                        else translation.gettext(e.msgid)
                    )
                    if served != e.msgstr:
                        wrong.append(
                            f"  {_catalogue_name(path)} {e.msgctxt or ''} {e.msgid!r}: {e.msgstr} ≠ {served}"
                        )
    assert not wrong, "Django serves another translation (or run compile_translations):\n" + "\n".join(wrong)


def test_the_hall_and_programmes_show_their_own_words(client, admin_user):
    client.force_login(admin_user)
    for name in ("hall-home", "hall-funnel"):
        page = client.get(reverse(name)).content.decode()
        assert "对接漏斗" in page and "申报漏斗" not in page, name
    page = client.get(reverse("programs-dashboard")).content.decode()
    assert "申报漏斗" in page and "对接漏斗" not in page
    with translation.override("zh-hans"):
        assert str(Achievement.Status.PUBLISHED.label) == "已发布"
        assert str(Demand.Status.OPEN.label) == "征集中"


@pytest.mark.parametrize("path", CATALOGUES, ids=_catalogue_name)
def test_catalogue_has_no_duplicate_entries(path):
    keys = [(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete]
    assert len(keys) == len(set(keys))
