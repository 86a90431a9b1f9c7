"""Models of the achievements hall: achievements (科技成果), demands (技术需求), challenge lists
(揭榜挂帅榜单) with their responses, expressions of interest, and the matchmaking funnel
(suggested → introduced → 对接活动 → intention → contract → conversion project)."""

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Maturity(models.TextChoices):
    """Stage of an achievement; TRL 1-9 is kept beside it (see STAGE_OF_TRL)."""

    LAB = "lab", _("Laboratory")  # 实验室
    SMALL_PILOT = "small_pilot", _("Small-scale trial")  # 小试
    PILOT = "pilot", _("Pilot")  # 中试
    INDUSTRIAL = "industrial", _("Industrialisation")  # 产业化


def stage_of_trl(trl: int | None) -> str:
    """The stage a TRL level falls in: 1-3 laboratory, 4-5 small-scale trial, 6-7 pilot, 8-9 industrial."""
    if trl is None:
        return ""
    if trl <= 3:
        return Maturity.LAB
    if trl <= 5:
        return Maturity.SMALL_PILOT
    if trl <= 7:
        return Maturity.PILOT
    return Maturity.INDUSTRIAL


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", _("Assignment")  # 转让
    LICENSE = "license", _("Licence")  # 许可
    EQUITY = "equity", _("Equity contribution")  # 作价入股
    CO_DEVELOPMENT = "co_development", _("Joint development")  # 合作开发


class HolderKind(models.TextChoices):
    UNIVERSITY = "university", _("University")  # 高校
    INSTITUTE = "institute", _("Research institute")  # 科研院所
    ENTERPRISE = "enterprise", _("Enterprise")  # 企业
    OTHER = "other", _("Other")


class HallItem(models.Model):
    """What achievements and demands share: their place in the plan taxonomy, the technology
    manager they are assigned to, who entered them, from where, and when they went public."""

    field = models.ForeignKey(
        "registry.Industry",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "field"},
    )
    track = models.ForeignKey(
        "registry.Industry",
        verbose_name=_("track"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "track"},
    )
    manager = models.ForeignKey(  # the technology manager it is assigned to
        settings.AUTH_USER_MODEL,
        verbose_name=_("technology manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_%(class)ss",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=200, blank=True)  # "form", "import:<file>", "demo"
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("matching", "created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Achievement(HallItem):
    """A technology achievement. Publishing: draft → pending review (the tech-transfer office
    reviews) → published → withdrawn or transferred. Only published ones are public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")  # 草稿
        REVIEW = "review", _("Pending review")  # 待审核
        PUBLISHED = "published", pgettext_lazy("matching", "Published")  # 已发布
        WITHDRAWN = "withdrawn", _("Withdrawn")  # 已撤回
        TRANSFERRED = "transferred", _("Transferred")  # 已转化

    code = models.CharField(_("achievement number"), max_length=64, unique=True)  # 成果编号
    title = models.CharField(_("title"), max_length=300)  # 成果名称
    abstract = models.TextField(_("abstract"), blank=True)  # 成果简介
    field_text = models.CharField(_("technical field"), max_length=100, blank=True)  # 技术领域 as written
    trl = models.PositiveSmallIntegerField(_("TRL"), null=True, blank=True)  # 技术成熟度 1-9
    stage = models.CharField(_("maturity"), max_length=16, choices=Maturity.choices, blank=True)
    holder = models.CharField(_("holder"), max_length=200)  # 持有单位
    holder_kind = models.CharField(_("holder kind"), max_length=16, choices=HolderKind.choices, blank=True)
    inventors = models.CharField(_("inventors"), max_length=300, blank=True)  # 发明人
    patents = models.CharField(_("patent numbers"), max_length=500, blank=True)  # 专利号，逗号分隔
    # TransferMode values separated by commas (a word no mode covers is kept as written).
    transfer_modes = models.CharField(_("transfer modes"), max_length=200, blank=True)
    price_yuan = models.DecimalField(  # 价格预期 in yuan; shown in 万元
        _("price expectation (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    contact = models.CharField(pgettext_lazy("matching", "contact"), max_length=200, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)  # 关键词，以、或逗号分隔
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The enterprise that holds it, when an enterprise user entered it: only its users edit it.
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="achievements",
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def keyword_list(self) -> list[str]:
        return split_list(self.keywords)

    @property
    def transfer_mode_list(self) -> list[str]:
        return [m for m in self.transfer_modes.split(",") if m]

    def transfer_mode_labels(self) -> list[str]:
        labels = dict(TransferMode.choices)
        return [str(labels.get(m, m)) for m in self.transfer_mode_list]


def split_list(text: str) -> list[str]:
    """'视觉检测、缺陷识别, 锂电' → ['视觉检测', '缺陷识别', '锂电']."""
    return [p.strip() for p in re.split(r"[、,，;；/\s]+", text or "") if p.strip()]


class ChallengeList(models.Model):
    """A 揭榜挂帅 list: a published batch of demands with rewards; responders submit solutions
    and the organiser selects one per demand."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("matching", "Published")  # open for responses
        CLOSED = "closed", pgettext_lazy("matching", "Closed")  # selection made

    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(pgettext_lazy("matching", "issuer"), max_length=100)  # 闵行区 / 大零号湾
    year = models.PositiveSmallIntegerField(_("year"))
    batch = models.PositiveSmallIntegerField(_("batch"), default=1)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateField(_("response deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "-batch", "-id"]
        verbose_name = _("challenge list")
        verbose_name_plural = _("challenge lists")

    def __str__(self) -> str:
        return self.title


class Demand(HallItem):
    """A technology demand of an enterprise. Draft (only its enterprise and the hall staff see it)
    → open (public) → closed. A demand may sit on a challenge list, with a reward."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", pgettext_lazy("matching", "Open")  # 征集中（公开）
        CLOSED = "closed", pgettext_lazy("matching", "Closed")

    code = models.CharField(_("demand number"), max_length=64, unique=True)  # 需求编号
    title = models.CharField(_("title"), max_length=300)  # 需求名称
    description = models.TextField(pgettext_lazy("matching", "description"), blank=True)  # 需求描述
    industry_text = models.CharField(_("industry"), max_length=100, blank=True)  # 所属行业 as written
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200, blank=True)  # 需求企业
    budget_yuan = models.DecimalField(
        _("budget (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    cooperation = models.CharField(_("expected cooperation"), max_length=200, blank=True)  # 期望合作方式
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    challenge = models.ForeignKey(
        ChallengeList,
        verbose_name=_("challenge list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
    )
    reward_yuan = models.DecimalField(
        _("reward (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def owner_name(self) -> str:
        return self.enterprise.name if self.enterprise_id else self.enterprise_name


class ChallengeResponse(models.Model):
    """A responder's (揭榜方) solution to a demand of a challenge list."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SELECTED = "selected", _("Selected")  # 揭榜成功
        NOT_SELECTED = "not_selected", _("Not selected")

    demand = models.ForeignKey(
        Demand, verbose_name=_("demand"), on_delete=models.CASCADE, related_name="responses"
    )
    responder = models.CharField(_("responder"), max_length=200)  # 揭榜方
    solution = models.TextField(_("solution"))
    achievement = models.ForeignKey(
        Achievement, verbose_name=_("achievement"), null=True, blank=True, on_delete=models.SET_NULL
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["demand", "-created_at"]
        verbose_name = _("challenge response")
        verbose_name_plural = _("challenge responses")

    def __str__(self) -> str:
        return f"{self.responder} → {self.demand.code}"


class Interest(models.Model):
    """A logged-in user's expression of interest in a published achievement or an open demand."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hall_interests"
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    achievement = models.ForeignKey(
        Achievement, null=True, blank=True, on_delete=models.CASCADE, related_name="interests"
    )
    demand = models.ForeignKey(
        Demand, null=True, blank=True, on_delete=models.CASCADE, related_name="interests"
    )
    message = models.CharField(pgettext_lazy("matching", "message"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "achievement"], name="matching_interest_once_per_achievement"
            ),
            models.UniqueConstraint(fields=["user", "demand"], name="matching_interest_once_per_demand"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.achievement or self.demand}"


class MatchEvent(models.Model):
    """A matchmaking event (对接活动) with its participants."""

    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(_("participants"), blank=True)  # one organisation a line
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    @property
    def participant_list(self) -> list[str]:
        return [p.strip() for p in self.participants.splitlines() if p.strip()]


class Stage(models.TextChoices):
    """The funnel, in order."""

    SUGGESTED = "suggested", _("Suggested")  # 系统推荐
    INTRODUCED = "introduced", _("Introduced")  # 已推介（匹配方案）
    EVENT = "event", _("Matchmaking event")  # 对接活动
    INTENTION = "intention", _("Intention")  # 合作意向
    CONTRACT = "contract", _("Contract")  # 技术合同（实质合作）
    PROJECT = "project", _("Conversion project")  # 转化项目


STAGE_ORDER = [s.value for s in Stage]


class Match(models.Model):
    """A demand paired with an achievement, moving through the funnel. The engine's score and
    reasons are kept as they were when it was suggested."""

    demand = models.ForeignKey(
        Demand, verbose_name=_("demand"), on_delete=models.CASCADE, related_name="matches"
    )
    achievement = models.ForeignKey(
        Achievement, verbose_name=_("achievement"), on_delete=models.CASCADE, related_name="matches"
    )
    score = models.FloatField(_("score"), default=0)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.SUGGESTED, db_index=True
    )
    # A suggestion the manager set aside.
    dismissed = models.BooleanField(pgettext_lazy("matching", "dismissed"), default=False)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("technology manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hall_matches",
    )
    event = models.ForeignKey(
        MatchEvent,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matches",
    )
    # 技术合同
    contract_value_yuan = models.DecimalField(
        _("contract value (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    contract_registration = models.CharField(_("contract registration number"), max_length=64, blank=True)
    contract_signed_on = models.DateField(_("contract signed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["demand", "rank", "-score"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["demand", "achievement"], name="matching_match_once")]

    def __str__(self) -> str:
        return f"{self.demand.code} ↔ {self.achievement.code}"

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.stage)


class MatchStep(models.Model):
    """One move of a match through the funnel: when, by whom, to which stage (the funnel's history)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    at = models.DateTimeField(_("at"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["match", "at", "id"]
        verbose_name = _("funnel step")
        verbose_name_plural = _("funnel steps")

    def __str__(self) -> str:
        return f"{self.match} → {self.stage}"


class FollowUp(models.Model):
    """Follow-up of a conversion project: concept validation → pilot → acceleration."""

    class Phase(models.TextChoices):
        CONCEPT = "concept", _("Concept validation")  # 概念验证
        PILOT = "pilot", _("Pilot")  # 中试
        ACCELERATION = "acceleration", _("Acceleration")  # 加速

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="follow_ups")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["match", "on", "id"]
        verbose_name = pgettext_lazy("matching", "follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.match} {self.phase} {self.on}"
