"""A request's workflow: who may take which step, refusals that leave the request as it was, the
version the actor saw, and the timeline with every step and its actor."""

import pytest

from zerobay.accounts.models import AuditRecord, Notification
from zerobay.service.models import Rating, ServiceRequest
from zerobay.service.services.attachments import attach
from zerobay.service.services.requests import ServiceError, move, raise_request, rate
from zerobay.workflow import ActorRefused, ConcurrentChange, IllegalTransition

from ..programs.factories import pdf_upload
from .conftest import at

S = ServiceRequest.State


def raised(svc, day="2025-09-15", category="talent", **kw):
    return raise_request(
        svc.ent_user,
        category=category,
        title="引进博士后的落户咨询",
        text="两名博士后的落户流程",
        at=at(day),
        **kw,
    )


def test_an_enterprise_request_goes_to_its_categorys_unit_and_tells_the_liaison(svc):
    req = raised(svc)
    assert (req.state, req.unit.code, req.enterprise, req.channel) == (S.SUBMITTED, "RCB", svc.mine, "online")
    assert Notification.objects.filter(user=svc.talent, link=f"/service/requests/{req.pk}/").exists()
    assert AuditRecord.objects.filter(action="service.request.submit", object_id=str(req.pk)).exists()


def test_the_whole_path_is_on_the_timeline_with_each_actor(svc):
    req = raised(svc)
    move(req, "sign", svc.talent, at=at("2025-09-16"))
    move(req, "start", svc.talent, at=at("2025-09-16", 11))
    move(req, "ask_info", svc.talent, comment="请补充两人的学位证书", at=at("2025-09-17"))
    move(req, "supply_info", svc.ent_user, comment="已上传", at=at("2025-09-18"))
    move(req, "answer", svc.talent, comment="可按人才引进办理", at=at("2025-09-19"))
    rate(req, svc.ent_user, Rating.UNSATISFIED, comment="没有说明时限", at=at("2025-09-22"))
    move(req, "answer", svc.talent, comment="十个工作日内办结", at=at("2025-09-23"))
    rate(req, svc.ent_user, Rating.SATISFIED, at=at("2025-09-24"))
    move(req, "close", svc.staff, at=at("2025-09-25"))
    steps = list(req.steps.values_list("action", "from_state", "to_state", "actor__username"))
    assert steps == [
        ("submit", "", "submitted", "ent-mine"),
        ("sign", "submitted", "signed", "liaison-rcb"),
        ("start", "signed", "in_progress", "liaison-rcb"),
        ("ask_info", "in_progress", "waiting", "liaison-rcb"),
        ("supply_info", "waiting", "in_progress", "ent-mine"),
        ("answer", "in_progress", "answered", "liaison-rcb"),
        ("reopen", "answered", "reopened", "ent-mine"),
        ("answer", "reopened", "answered", "liaison-rcb"),
        ("confirm", "answered", "confirmed", "ent-mine"),
        ("close", "confirmed", "closed", "dispatcher"),
    ]
    req.refresh_from_db()
    assert (req.state, req.rating, req.reopen_count, req.answer) == (
        S.CLOSED,
        "satisfied",
        1,
        "十个工作日内办结",
    )
    assert (
        AuditRecord.objects.filter(object_id=str(req.pk), action__startswith="service.request.").count() == 10
    )


@pytest.mark.parametrize(
    "who, action",
    [
        ("ent_user", "sign"),  # the enterprise cannot sign for its own request
        ("finance", "sign"),  # another unit's liaison cannot either
        ("other_user", "supply_info"),
        ("talent", "reroute"),  # only the commission reroutes
    ],
)
def test_a_step_by_the_wrong_actor_is_refused_and_changes_nothing(svc, who, action):
    req = raised(svc)
    if action == "supply_info":
        move(req, "sign", svc.talent)
        move(req, "ask_info", svc.talent, comment="补充")
    before = (req.state, req.version, req.steps.count())
    with pytest.raises(ActorRefused):
        move(req, action, getattr(svc, who), comment="x", unit=svc.units["KW"])
    req.refresh_from_db()
    assert (req.state, req.version, req.steps.count()) == before


def test_an_illegal_step_is_refused_with_the_state_unchanged(svc):
    req = raised(svc)
    with pytest.raises(IllegalTransition, match="已提交|Submitted"):
        move(req, "answer", svc.talent, comment="答复")  # not signed yet
    with pytest.raises(IllegalTransition):
        rate(req, svc.ent_user, Rating.SATISFIED)  # nothing to rate
    with pytest.raises(IllegalTransition, match="Unknown action|未知"):
        move(req, "teleport", svc.staff)
    req.refresh_from_db()
    assert (req.state, req.version, req.steps.count()) == (S.SUBMITTED, 1, 1)


def test_a_step_that_needs_a_reason_is_refused_without_one(svc):
    req = raised(svc)
    move(req, "sign", svc.talent)
    with pytest.raises(ServiceError):
        move(req, "answer", svc.talent, comment="  ")
    req.refresh_from_db()
    assert req.state == S.SIGNED


def test_a_stale_version_is_refused(svc):
    req = raised(svc)
    seen = req.version
    move(req, "sign", svc.talent, expected_version=seen)
    with pytest.raises(ConcurrentChange):
        move(req, "return", svc.talent, comment="非本单位职责", expected_version=seen)
    req.refresh_from_db()
    assert (req.state, req.version) == (S.SIGNED, seen + 1)


def test_returned_then_rerouted_keeps_the_bounce_on_the_timeline(svc):
    req = raised(svc, category="finance")
    move(req, "return", svc.finance, comment="属于人才政策")
    with pytest.raises(ServiceError):
        move(req, "reroute", svc.staff, comment="改派", unit=svc.units["JRB"])  # the same unit
    move(req, "reroute", svc.staff, comment="改派区人才办", unit=svc.units["RCB"])
    req.refresh_from_db()
    assert (req.state, req.unit.code, req.reroute_count) == (S.SUBMITTED, "RCB", 1)
    last = req.steps.last()
    assert (last.unit.code, last.to_unit.code, last.actor) == ("JRB", "RCB", svc.staff)
    move(req, "sign", svc.talent)  # the new unit now acts; the old one no longer can
    with pytest.raises(ActorRefused):
        move(req, "start", svc.finance)


def test_a_duplicate_is_merged_and_closed_not_solved_is_its_own_state(svc):
    first, second = raised(svc), raised(svc)
    with pytest.raises(ServiceError):
        move(second, "merge", svc.staff, duplicate_of=second)
    move(second, "merge", svc.staff, duplicate_of=first)
    assert (second.state, second.duplicate_of) == (S.MERGED, first)
    move(first, "sign", svc.talent)
    move(first, "close_unsolved", svc.staff, comment="政策不支持")
    assert (first.state, first.resolved_in_time) == (S.CLOSED_UNSOLVED, False)


def test_confirming_needs_a_positive_rating(svc):
    req = raised(svc)
    move(req, "sign", svc.talent)
    move(req, "answer", svc.talent, comment="答复")
    with pytest.raises(ServiceError):
        move(req, "confirm", svc.ent_user, rating=Rating.UNSATISFIED)
    with pytest.raises(ServiceError):
        rate(req, svc.ent_user, "great")
    req.refresh_from_db()
    assert req.state == S.ANSWERED


def test_staff_raise_a_request_after_a_visit_on_the_enterprises_behalf(svc):
    with pytest.raises(ServiceError):
        raise_request(svc.staff, category="space", title="扩租", text="需要 2000 平米", at=at("2025-09-15"))
    req = raise_request(
        svc.staff,
        enterprise=svc.other,
        category="space",
        title="扩租",
        text="需要 2000 平米",
        channel="visit",
        co_units=[svc.units["KW"]],
        at=at("2025-09-15"),
    )
    assert (req.unit.code, req.channel, req.raised_by, list(req.co_units.all())) == (
        "GHZY",
        "visit",
        svc.staff,
        [svc.units["KW"]],
    )
    with pytest.raises(ActorRefused):
        raise_request(svc.talent, category="space", title="x", text="y")


def test_attachments_use_the_programmes_content_checks(svc, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    req = raised(svc)
    ok = attach(req, pdf_upload("学位证书.pdf"), svc.ent_user)
    assert ok.original_name == "学位证书.pdf" and ok.size > 0
    fake = SimpleUploadedFile("伪装.pdf", b"MZ this is not a pdf", content_type="application/pdf")
    with pytest.raises(ServiceError, match="伪装.pdf"):
        attach(req, fake, svc.ent_user)
    with pytest.raises(ServiceError, match="run.exe"):
        attach(req, SimpleUploadedFile("run.exe", b"MZ"), svc.ent_user)
    with pytest.raises(ActorRefused):
        attach(req, pdf_upload(), svc.other_user)
    assert req.attachments.count() == 1
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["学位证书.pdf"]
