"""Docs as tests: every state of every declared workflow reaches the UI with a Chinese label and a
badge. A state added to a table without its label in a catalogue, or unknown to the mapping the
templates use, fails here."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

from zerobay.matching import funnel
from zerobay.matching import workflow as hall
from zerobay.matching.models import Achievement, ChallengeList, Demand, Match
from zerobay.programs import workflow as programmes
from zerobay.programs.models import ApprovalBatch
from zerobay.programs.templatetags import programs_tags

ROOT = Path(__file__).resolve().parent.parent / "zerobay"
TONES = {"green", "blue", "amber", "red", "grey"}  # the badge colours of zerobay.css

WORKFLOWS = {
    "programs.application": programmes.APPLICATION,
    "programs.batch": programmes.BATCH,
    "matching.achievement": hall.ACHIEVEMENT,
    "matching.demand": hall.DEMAND,
    "matching.challenge": hall.CHALLENGE,
    "matching.funnel": funnel.FUNNEL,
}
STATES = [(name, s) for name, wf in WORKFLOWS.items() for s in wf.states]


def _translations() -> dict[tuple[str | None, str], set[str]]:
    out: dict = {}
    for path in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
        for e in polib.pofile(str(path)):
            if e.msgstr and not e.obsolete:
                out.setdefault(e.msgid, set()).add(e.msgstr)
    return out


CATALOGUED = _translations()


def test_every_workflow_is_listed_here():
    """A new workflow must join this test: the table names itself by its audit name."""
    assert {wf.audit_name for wf in WORKFLOWS.values()} == set(WORKFLOWS)
    assert len(STATES) == 14 + 3 + 5 + 3 + 3 + 6


@pytest.mark.parametrize(("workflow", "state"), STATES, ids=[f"{n}:{s.code}" for n, s in STATES])
def test_every_state_has_a_chinese_label_from_a_catalogue_and_a_badge(workflow, state):
    with translation.override("en"):
        english = str(state.label)
    with translation.override("zh-hans"):
        chinese = str(state.label)
    assert english and chinese and chinese != english, f"{workflow}: “{english}” is not translated"
    assert chinese in CATALOGUED.get(english, set()), f"{workflow}: “{english}” has no msgstr “{chinese}”"
    assert state.tone in TONES


@pytest.mark.parametrize(
    ("workflow", "model", "field"),
    [
        ("programs.batch", ApprovalBatch, "state"),
        ("matching.achievement", Achievement, "status"),
        ("matching.demand", Demand, "status"),
        ("matching.challenge", ChallengeList, "status"),
        ("matching.funnel", Match, "stage"),
    ],
)
def test_the_model_choices_the_templates_display_are_the_workflow_states(workflow, model, field):
    """Templates show these states with get_<field>_display: the choices and the table agree."""
    choices = dict(model._meta.get_field(field).choices)
    wf = WORKFLOWS[workflow]
    assert set(choices) == set(wf.by_code)
    with translation.override("zh-hans"):
        assert {k: str(v) for k, v in choices.items()} == {s.code: str(s.label) for s in wf.states}


def test_the_programme_pages_label_and_badge_every_application_state():
    """The programme templates read `state_label` and `state_badge` (programs_tags)."""
    with translation.override("zh-hans"):
        for state in programmes.APPLICATION.states:
            assert programs_tags.state_label(state.code) == str(state.label) != state.code
            assert programs_tags.state_badge(state.code) == f"badge-{state.tone}"


def test_the_shared_badge_mapping_agrees_with_the_declared_tones():
    """Once the web's badge mapping is there (zerobay/web/badges.py), its tones are the tables'."""
    badges = pytest.importorskip("zerobay.web.badges")
    for kind, wf in (
        ("application", programmes.APPLICATION),
        ("approval_batch", programmes.BATCH),
        ("achievement", hall.ACHIEVEMENT),
        ("demand", hall.DEMAND),
    ):
        assert {s.code: badges.tone(kind, s.code) for s in wf.states} == wf.tones(), kind
