"""The demo of enterprise service (see zerobay.demo.services.APP_DEMOS): a year of requests up to
today across categories and units, each driven through the real workflow (`services.requests`)
with realistic timing on the working-day calendar: most signed the same or the next working day,
answered within the deadline, a few late, some waiting for the enterprise, rerouted after a unit
returned them, reopened as unsatisfied, closed as not solved, merged as duplicates. The shares aim
at the anchors of issue 15 (Shanghai's 12345 enterprise line in its first month: resolution 96.2%,
satisfaction 92.3%). Requests still open today stay open; some are overdue."""

import datetime
import random

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from zerobay.accounts.models import Role, User
from zerobay.programs.models import Application
from zerobay.registry.models import Enterprise, Unit

from . import deadlines
from .models import Category, Channel, DeadlineAlert, KeyEnterprise, Rating, ServiceRequest, Visit
from .services import key
from .services.requests import move, raise_request
from .support import demo as support_demo
from .workdays import CalendarUnknown, add_working_days

SOURCE = "demo"
REQUESTS = 480  # about two a working day
WEIGHTS = {
    Category.POLICY: 24,
    Category.TALENT: 15,
    Category.FINANCE: 14,
    Category.SPACE: 10,
    Category.APPROVAL: 8,
    Category.SCENARIO: 7,
    Category.IP: 7,
    Category.PLATFORM: 5,
    Category.MERGER: 3,
    Category.OTHER: 7,
}
SUBJECTS = {
    Category.POLICY: (
        "高新技术企业认定政策咨询",
        "研发费用加计扣除口径咨询",
        "专精特新申报条件咨询",
        "首台套政策适用咨询",
    ),
    Category.TALENT: ("博士后落户办理", "人才公寓申请", "春申人才推荐", "海外人才居住证办理", "子女入学协调"),
    Category.FINANCE: ("首贷需求对接", "科创贷授信咨询", "知识产权质押融资", "引入天使投资对接"),
    Category.SPACE: ("扩租研发场地", "中试车间选址", "产业用地指标咨询", "孵化器工位续租"),
    Category.APPROVAL: ("环评审批进度协调", "施工许可办理", "医疗器械注册咨询", "消防验收协调"),
    Category.SCENARIO: ("自动驾驶测试场景开放", "医院应用场景对接", "智慧园区场景试点"),
    Category.IP: ("专利侵权维权咨询", "高价值专利培育", "商标异议协调"),
    Category.PLATFORM: ("新型研发机构申报", "重点实验室共建", "公共技术服务平台共享"),
    Category.MERGER: ("上游企业并购对接", "跨境并购合规咨询"),
    Category.OTHER: ("周边交通配套", "员工通勤班车", "用电扩容协调"),
}
ACCOUNTS = (
    ("svc-ent", Role.ENTERPRISE, "", "企业用户（enterprise）：提交本企业诉求、补充材料、评价答复"),
    ("svc-rcb", Role.UNIT_LIAISON, "RCB", "区人才办联络员（unit_liaison）：签收、答复分派给区人才办的诉求"),
    ("svc-kw", Role.UNIT_LIAISON, "KW", "区科委联络员（unit_liaison）：签收、答复分派给区科委的诉求"),
    ("svc-jrb", Role.UNIT_LIAISON, "JRB", "区金融办联络员（unit_liaison）：签收、答复分派给区金融办的诉求"),
)


def _accounts(password: str, enterprise: Enterprise | None) -> dict[str, User]:
    users = {}
    for username, role, unit_code, _desc in ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role = role
        user.enterprise = enterprise if role == Role.ENTERPRISE else None
        user.unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
        user.set_password(password)
        user.save()
        users[unit_code or "ent"] = user
    return users


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=tz)


def _showcase(enterprises: list[Enterprise]) -> Enterprise | None:
    """A firm the other demos already know (programme applications, the hall, a carrier), so that
    the enterprise user's own page shows every panel with figures."""
    known = {e.pk: e for e in enterprises}
    ids = set(Application.objects.values_list("enterprise_id", flat=True))
    # by model name: the service app depends on the registry, programmes and cultivation only
    # (DESIGN.md); the hall and the carriers are read here, in the demo, for the showcase alone
    for app, model in (("matching", "Demand"), ("carriers", "Residency")):
        ids &= set(apps.get_model(app, model).objects.values_list("enterprise_id", flat=True))
    return next((known[i] for i in sorted(ids) if i in known), None)


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    enterprises = list(Enterprise.objects.order_by("uscc")[:3000])
    if not enterprises:
        return []
    own = _showcase(enterprises) or rng.choice(enterprises)
    users = _accounts(password, own)
    logins = [(u, d) for u, _r, _c, d in ACCOUNTS]
    if records := support_demo.load(enterprises, own, seed, timezone.localdate()):
        progress(f"企业服务：按工作总结的口径导入 {records} 条人才、安居、首贷、授信、资助与基金投资记录")
    if ServiceRequest.objects.filter(source=SOURCE).exists():
        return logins
    admin = User.objects.filter(role=Role.DISTRICT_ADMIN, is_active=True).order_by("pk").first()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    units = {u.code: u for u in Unit.objects.filter(active=True)}
    clients = rng.sample(enterprises, min(len(enterprises), 260))
    made = 0
    with transaction.atomic():
        for i in range(REQUESTS):
            enterprise = own if i % 40 == 0 else rng.choice(clients)
            day = start + datetime.timedelta(days=int(365 * (i + rng.random()) / REQUESTS))
            category = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            if units.get(deadlines.rule(category).unit) is None:
                continue
            story = _Story(rng, today, units, users, admin)
            story.run(enterprise, category, day)
            made += 1
        counts = key.refresh(today)
        _officers_and_visits(rng, today, admin, units)
    progress(
        f"企业诉求：{made} 件（{start} 至 {today}）；重点企业 {counts['key']} 家，"
        f"走访 {Visit.objects.filter(source=SOURCE).count()} 次"
    )
    return logins


LEADERS = ("区委书记", "区长", "分管副区长", "区科委主任", "区科委副主任", "大零号湾集团总经理")
SAID = (
    "企业反映研发场地紧张，希望协调周边载体空间。",
    "企业计划明年扩大产能，关注首台套和技改政策。",
    "企业希望对接高校联合实验室，引进博士后。",
    "企业反映融资需求约 3000 万元，希望对接科创贷。",
    "企业关注高企复审和研发费用加计扣除口径。",
)


def _officers_and_visits(rng, today, admin, units) -> None:
    """Each key enterprise gets a service officer; a third of them a visit or two in the year (the
    visits where requests were raised are already recorded)."""
    officers = [u for u in (admin, User.objects.filter(username="dlhw").first()) if u is not None]
    keys = list(KeyEnterprise.objects.filter(is_key=True).select_related("enterprise").order_by("pk"))
    # One UPDATE per officer and slice of ids: bulk_update writes one CASE branch per row, which
    # PostgreSQL takes quadratic time over at a large district's tens of thousands of key enterprises.
    for k, officer in enumerate(officers):
        ids = [row.pk for row in keys[k :: len(officers)]]
        for start in range(0, len(ids), 5000):
            KeyEnterprise.objects.filter(pk__in=ids[start : start + 5000]).update(officer=officer)
    for row in keys[::3]:
        for _ in range(rng.choice([1, 1, 2])):
            _visit(rng, row.enterprise, today - datetime.timedelta(days=rng.randrange(365)), admin, units)


def _visit(rng, enterprise, day, admin, units) -> Visit:
    went = units.get("KW")
    return key.record_visit(
        enterprise=enterprise,
        day=day,
        visitors="、".join(rng.sample(LEADERS, 2)),
        notes=rng.choice(SAID),
        units=[went] if went else [],
        user=admin,
        source=SOURCE,
    )


class _Story:
    """One request's life, step by step, until today."""

    def __init__(self, rng, today, units, users, admin):
        self.rng, self.today, self.units, self.users, self.admin = rng, today, units, users, admin
        self.last: datetime.datetime | None = None

    def when(self, day: datetime.date, working_days: int) -> datetime.date | None:
        """`working_days` after `day`, or None when that is after today (the story stops)."""
        try:
            d = add_working_days(day, working_days) if working_days else day
        except CalendarUnknown:
            return None
        return d if d <= self.today else None

    def unit_user(self, req):
        return self.users.get(req.unit.code)

    def step(self, req, action, day, actor=None, **kw):
        at = _at(day, self.rng)
        if self.last and at <= self.last:  # two steps on one day keep their order
            at = self.last + datetime.timedelta(minutes=5 + self.rng.randrange(60))
        self.last = at
        move(req, action, actor, at=at, roles={"system"}, **kw)

    def run(self, enterprise, category, day) -> None:  # noqa: C901 (one story, read top to bottom)
        rng = self.rng
        rule = deadlines.rule(category)
        channel = rng.choices([Channel.ONLINE, Channel.VISIT, Channel.CALL], weights=[70, 18, 12])[0]
        visit = _visit(rng, enterprise, day, self.admin, self.units) if channel == Channel.VISIT else None
        req = raise_request(
            None,
            enterprise=enterprise,
            category=category,
            title=rng.choice(SUBJECTS[category]),
            text=f"{enterprise.name}：{rng.choice(SUBJECTS[category])}，请协调相关部门予以支持。",
            urgency="urgent" if rng.random() < 0.08 else "normal",
            channel=channel,
            at=_at(day, rng),
            source=SOURCE,
            visit=visit,
        )
        self.last = req.submitted_at
        req.raised_by = (
            self.admin
            if channel != Channel.ONLINE
            else (self.users["ent"] if enterprise == self.users["ent"].enterprise else None)
        )
        req.save(update_fields=["raised_by"])
        if rng.random() < 0.02:  # a duplicate of the enterprise's previous request
            earlier = (
                ServiceRequest.objects.filter(enterprise=enterprise, source=SOURCE)
                .exclude(pk=req.pk)
                .exclude(state=ServiceRequest.State.MERGED)
                .first()
            )
            if earlier and (d := self.when(day, 1)):
                self.step(req, "merge", d, self.admin, duplicate_of=earlier)
                return
        if rng.random() < 0.08:  # the unit returns it; the commission reroutes it
            d = self.when(day, 1)
            if d is None:
                return
            self.step(req, "return", d, self.unit_user(req), comment="经核实，该事项不属于本单位职责")
            d = self.when(d, rng.choice([0, 1]))
            if d is None:
                return
            other = rng.choice(
                [
                    u
                    for code, u in self.units.items()
                    if code != req.unit.code and code in ("KW", "JW", "SWW", "FGW", "RCB")
                ]
            )
            self.step(req, "reroute", d, self.admin, comment=f"改派{other}", unit=other)
            day = d
        sign_after = rng.choices([0, 1, 2, 3], weights=[70, 20, 7, 3])[0]
        d = self.when(day, sign_after)
        if d is None:
            return
        self.step(req, "sign", d, self.unit_user(req))
        if rng.random() < 0.6 and (d2 := self.when(d, 0)):
            self.step(req, "start", d2, self.unit_user(req))
        if rng.random() < 0.12:  # waits for the enterprise
            d = self.when(d, 1)
            if d is None:
                return
            self.step(req, "ask_info", d, self.unit_user(req), comment="请补充相关证明材料")
            back = d + datetime.timedelta(days=rng.randrange(1, 10))
            if back > self.today:
                return
            self.step(
                req,
                "supply_info",
                back,
                self.users["ent"] if enterprise == self.users["ent"].enterprise else None,
                comment="已补充材料",
            )
            d = back
        late = rng.random() < 0.1
        answer_days = rule.answer + rng.randrange(1, 5) if late else max(0, int(rule.answer * rng.random()))
        d = self.when(d, answer_days)
        if d is None:
            return
        if rng.random() < 0.03:  # cannot be solved
            self.step(req, "close_unsolved", d, self.admin, comment="现行政策不支持，已向企业说明")
            return
        self.step(req, "answer", d, self.unit_user(req), comment="已协调办理，具体答复见附件及电话沟通记录。")
        rating_day = d + datetime.timedelta(days=rng.randrange(1, 8))
        if rating_day > self.today:
            return
        ent = self.users["ent"] if enterprise == self.users["ent"].enterprise else None
        if rng.random() < 0.07:  # unsatisfied: reopened, answered again
            self.step(req, "reopen", rating_day, ent, rating=Rating.UNSATISFIED, comment="问题尚未解决")
            d = self.when(rating_day, rng.randrange(1, 7))
            if d is None:
                return
            self.step(req, "answer", d, self.unit_user(req), comment="已再次协调，问题已解决。")
            rating_day = d + datetime.timedelta(days=rng.randrange(1, 8))
            if rating_day > self.today:
                return
        if rng.random() < 0.1:  # never rated: the commission closes it after its call-back
            close = rating_day + datetime.timedelta(days=7)
            if close <= self.today:
                self.step(req, "close", close, self.admin, comment="电话回访后办结")
            return
        rating = Rating.SATISFIED if rng.random() < 0.75 else Rating.FAIRLY
        self.step(req, "confirm", rating_day, ent, rating=rating)
        close = rating_day + datetime.timedelta(days=rng.randrange(1, 6))
        if rng.random() < 0.7 and close <= self.today:
            self.step(req, "close", close, self.admin)


def wipe() -> int:
    n = support_demo.wipe()
    requests = ServiceRequest.objects.filter(source=SOURCE)
    n += DeadlineAlert.objects.filter(request__in=requests).delete()[0]
    requests.update(duplicate_of=None)
    n += requests.delete()[0]
    n += Visit.objects.filter(source=SOURCE).delete()[0]
    n += User.objects.filter(username__in=[u for u, _r, _c, _d in ACCOUNTS]).delete()[0]
    return n
