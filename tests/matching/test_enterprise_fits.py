"""成果找企业 at scale: the ranking of registry enterprises for an achievement is asked of the database
one score at a time, so it must still give the best fits first, ties by name, whatever the count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EnterpriseFactory
from zerobay.matching.models import Achievement
from zerobay.matching.ranking import enterprises_for_achievement
from zerobay.registry.models import Enterprise, Qualification, QualificationType
from zerobay.web import versions

from .conftest import make_achievement

TODAY = datetime.date(2026, 6, 1)


def firm(name, industry, *, hte=False, big=False, expired=False):
    e = EnterpriseFactory(name=name, above_scale=big)
    e.industries.add(industry)
    if hte or expired:
        end = datetime.date(2026, 1, 1) if expired else datetime.date(2027, 12, 31)
        Qualification.objects.create(
            enterprise=e, kind=QualificationType.HTE, valid_from=datetime.date(2024, 12, 1), valid_to=end
        )
    return e


@pytest.fixture
def field_and_track(taxonomy):
    track = taxonomy["ENER-STO-T"]
    # another track of the same field (field → industry → track)
    sibling = taxonomy["ENER-NUC-T"]
    assert sibling.parent.parent == track.parent.parent
    return track, sibling


def test_best_fits_first_with_their_reasons(field_and_track):
    track, sibling = field_and_track
    firm("丁 track hte big", track, hte=True, big=True)
    firm("甲 track hte", track, hte=True)
    firm("乙 track expired big", track, expired=True, big=True)
    firm("丙 track", track)
    firm("戊 field hte big", sibling, hte=True, big=True)
    firm("己 field", sibling)
    EnterpriseFactory(name="庚 elsewhere")
    a = make_achievement("CG-1", Achievement.Status.PUBLISHED, track=track)
    fits = enterprises_for_achievement(a, Enterprise.objects.all(), today=TODAY, top=10)
    assert [(f.enterprise.name, f.score) for f in fits] == [
        ("丁 track hte big", 4.5),
        ("甲 track hte", 4.0),
        ("乙 track expired big", 3.5),
        # a tie: the track alone and the field with both merits score the same; by name
        ("丙 track", 3.0),
        ("戊 field hte big", 3.0),
        ("己 field", 1.5),
    ]
    assert fits[0].reasons == [
        f"赛道一致：{track.name}",
        "有效期内高新技术企业，具备承接能力",
        "规模以上企业",
    ]
    assert fits[-1].reasons == [f"领域一致：{track.parent.parent.name}"]


def test_only_the_visible_enterprises_and_at_most_top(field_and_track):
    track, _sibling = field_and_track
    firms = [firm(f"企业{k:02d}", track) for k in range(12)]
    a = make_achievement("CG-1", Achievement.Status.PUBLISHED, track=track)
    visible = Enterprise.objects.exclude(pk=firms[0].pk)
    fits = enterprises_for_achievement(a, visible, today=TODAY, top=5)
    assert [f.enterprise.name for f in fits] == [f"企业{k:02d}" for k in range(1, 6)]


def test_queries_do_not_grow_with_the_enterprises(field_and_track):
    track, _sibling = field_and_track
    a = make_achievement("CG-1", Achievement.Status.PUBLISHED, track=track)
    counts = []
    for n in (3, 30):
        for k in range(n):
            firm(f"企业{n}-{k}", track, hte=k % 2 == 0, big=k % 3 == 0)
        versions.bump()  # as the import that registered them does
        with CaptureQueriesContext(connection) as queries:
            enterprises_for_achievement(a, Enterprise.objects.all(), today=TODAY, top=10)
        counts.append(len(queries))
    # at most one query per combination of merits (track or field × certificate × size), and fewer once
    # the best combinations alone fill the list; then one for the enterprises shown
    assert counts[1] <= counts[0] <= 9


def test_computed_once_per_data_version(field_and_track):
    track, _sibling = field_and_track
    firm("甲", track)
    a = make_achievement("CG-1", Achievement.Status.PUBLISHED, track=track)
    first = enterprises_for_achievement(a, Enterprise.objects.all(), today=TODAY)
    firm("乙 hte", track, hte=True)
    assert enterprises_for_achievement(a, Enterprise.objects.all(), today=TODAY) == first
    with CaptureQueriesContext(connection) as queries:
        enterprises_for_achievement(a, Enterprise.objects.all(), today=TODAY)
    assert len(queries) == 1  # the enterprises shown, nothing ranked again
    versions.bump()  # an import or a registry change
    assert [
        f.enterprise.name for f in enterprises_for_achievement(a, Enterprise.objects.all(), today=TODAY)
    ] == [
        "乙 hte",
        "甲",
    ]
    # another reader's enterprises are another ranking
    only = Enterprise.objects.filter(name="甲")
    assert [f.enterprise.name for f in enterprises_for_achievement(a, only, today=TODAY)] == ["甲"]
