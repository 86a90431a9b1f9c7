"""Policy programmes: policies and their clauses, calls, applications with attachments, expert
review, approval batches with their public notice, disbursement and performance evaluation.

Money is Decimal yuan everywhere (shown in 万元). The states of an application and who may move it
between them are declared once, in `workflow.py`; `Application.version` is the optimistic-concurrency
counter every transition checks (two staff acting at once cannot both succeed).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import Enterprise, Industry, OrgUnit

MONEY = {"max_digits": 16, "decimal_places": 2}


class SupportType(models.TextChoices):
    GRANT = "grant", _("Grant")  # 资助
    REWARD = "reward", _("Reward")  # 奖励
    INTEREST_SUBSIDY = "interest_subsidy", _("Interest subsidy")  # 贴息
    VOUCHER = "voucher", _("Voucher")  # 科技创新券
    RENT_SUBSIDY = "rent_subsidy", _("Rent subsidy")  # 房租补贴
    OTHER = "other", _("Other")


class Policy(models.Model):
    """A policy document (政策文件), e.g. the Greater Zero Bay special policy."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=100, blank=True)  # 发文单位
    document_no = models.CharField(_("document number"), max_length=100, blank=True)  # 文号
    published_on = models.DateField(_("published on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # The org unit whose enterprises the policy is for (大零号湾, the whole park...); empty: the district.
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("org unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    budget = models.DecimalField(_("budget (yuan)"), **MONEY, null=True, blank=True)  # 年度预算
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-published_on", "code"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self) -> str:
        return self.title


class Clause(models.Model):
    """One clause (条款) of a policy: what is supported, how much, for whom.

    `conditions` is a list of eligibility conditions, each a dict with a "kind" (see eligibility.py):
    machine-checkable ones (qualification held, org unit, track, a figure of the data hub against a
    threshold, age of the enterprise) and "manual" ones that a reviewer confirms.
    `materials` is a list of required materials: {"code", "name", "required": bool, "types": ["pdf", ...]}.
    """

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="clauses"
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    number = models.PositiveSmallIntegerField(_("clause number"), default=1)  # 第几条
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("clause text"), blank=True)
    support_type = models.CharField(_("support type"), max_length=32, choices=SupportType.choices)
    amount_rule = models.CharField(_("amount rule"), max_length=300, blank=True)  # e.g. 按研发投入的 10%
    amount_rate = models.DecimalField(_("rate"), max_digits=7, decimal_places=4, null=True, blank=True)
    amount_cap = models.DecimalField(_("cap per project (yuan)"), **MONEY, null=True, blank=True)
    budget = models.DecimalField(_("budget (yuan)"), **MONEY, null=True, blank=True)
    track = models.ForeignKey(
        Industry, verbose_name=_("track"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    conditions = models.JSONField(_("eligibility conditions"), default=list, blank=True)
    materials = models.JSONField(_("required materials"), default=list, blank=True)
    # A one-off award (e.g. 高新技术企业首次认定奖励): one application per enterprise across every call,
    # unless the earlier one was withdrawn, rejected or not approved.
    once_per_enterprise = models.BooleanField(_("once per enterprise"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["policy", "number", "code"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Call(models.Model):
    """A call for applications (申报通知/批次): opens and closes on dates, for some clauses, with a budget."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="calls"
    )
    clauses = models.ManyToManyField(Clause, verbose_name=_("clauses"), related_name="calls")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    budget = models.DecimalField(_("budget (yuan)"), **MONEY)
    correction_days = models.PositiveSmallIntegerField(
        _("days allowed for a correction"), default=5
    )  # 补正期限
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "code"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return self.title


class ReviewCriterion(models.Model):
    """One line of a call's expert score sheet: a weighted criterion scored from 0 to max_score."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=4)  # weights of a call sum to 1
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=100)
    guidance = models.CharField(_("guidance"), max_length=300, blank=True)

    class Meta:
        ordering = ["call", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="programs_criterion_code")]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self) -> str:
        return self.name


class ApprovalBatch(models.Model):
    """A batch of approvals (立项批次): proposed projects with their amounts go into public notice
    (公示) from notice_from to notice_to; objections are heard; then the batch is finalised."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")  # 拟定中
        NOTICE = "notice", _("In public notice")  # 公示中
        FINAL = "final", _("Approved")  # 已立项

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="batches"
    )
    number = models.PositiveSmallIntegerField(_("batch number"), default=1)  # 第几批
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    notice_from = models.DateField(_("notice from"), null=True, blank=True)
    notice_to = models.DateField(_("notice to"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("approval batch")
        verbose_name_plural = _("approval batches")

    def __str__(self) -> str:
        return self.title


class Application(models.Model):
    """An enterprise's application (申报) under a call and one clause. `state` moves only through
    workflow.py; `version` increases with every change (optimistic concurrency)."""

    code = models.CharField(_("code"), max_length=32, unique=True)  # e.g. SQ2025-000123
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), on_delete=models.PROTECT, related_name="applications"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="applications"
    )
    org_path = models.CharField(max_length=255, db_index=True, blank=True)  # the enterprise's, for scope
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("project summary"), blank=True)
    requested_amount = models.DecimalField(_("requested amount (yuan)"), **MONEY)
    project_start = models.DateField(_("project start"), null=True, blank=True)
    project_end = models.DateField(_("project end"), null=True, blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    # Committed targets of the project, checked at the performance evaluation:
    # [{"name": "新增营业收入", "unit": "万元", "target": 500}, ...]
    targets = models.JSONField(_("committed targets"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=24, default="draft", db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The eligibility pre-check at the last submission: {"checked_at", "conditions": [...], "eligible"}.
    eligibility = models.JSONField(_("eligibility check"), default=dict, blank=True)
    correction_deadline = models.DateField(_("correction deadline"), null=True, blank=True)  # 补正期限
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    score = models.DecimalField(_("review score"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    batch = models.ForeignKey(
        ApprovalBatch,
        verbose_name=_("approval batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    approved_amount = models.DecimalField(_("approved amount (yuan)"), **MONEY, null=True, blank=True)
    paid_amount = models.DecimalField(_("paid amount (yuan)"), **MONEY, default=0)  # sum of payments
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_amount__isnull=True)
                | models.Q(paid_amount__lte=models.F("approved_amount")),
                name="programs_paid_within_approved",
            ),
            models.CheckConstraint(condition=models.Q(paid_amount__gte=0), name="programs_paid_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Attachment(models.Model):
    """A file attached to an application, checked for type, size and readability before it is stored."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="attachments"
    )
    material = models.CharField(_("material"), max_length=64)  # the code of the clause's required material
    file = models.FileField(_("file"), upload_to="programs/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["application", "material", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Transition(models.Model):
    """One step of an application's timeline: who moved it from which state to which, when, why."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="transitions"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=32)
    from_state = models.CharField(_("from"), max_length=24)
    to_state = models.CharField(_("to"), max_length=24)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["application", "at", "id"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}: {self.from_state} → {self.to_state}"


class ExpertProfile(models.Model):
    """An expert reviewer (a user with role "expert"): fields of expertise and ties to enterprises.
    Ties come from the affiliation and from declared conflicts of interest (ConflictOfInterest)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="expert_profile",
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)  # 工作单位
    affiliated_enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("affiliated enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tracks = models.ManyToManyField(
        Industry, verbose_name=_("fields of expertise"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return str(self.user)


class ConflictOfInterest(models.Model):
    """An expert's declared tie to an enterprise (employment, shareholding, relative, collaboration...).
    No expert is assigned to, or may score, an application of an enterprise they are tied to."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="conflicts"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="expert_conflicts"
    )
    reason = models.CharField(_("reason"), max_length=200)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["expert", "enterprise"], name="programs_conflict_once")
        ]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"{self.expert} × {self.enterprise}"


class ReviewAssignment(models.Model):
    """An expert assigned to review one application, and their score sheet once submitted."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    opinion = models.TextField(_("opinion"), blank=True)  # 专家意见
    total = models.DecimalField(_("weighted score"), max_digits=6, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["application", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "expert"], name="programs_assign_once")]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.application} / {self.expert}"


class Score(models.Model):
    """One criterion's score on one expert's sheet."""

    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="programs_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class Objection(models.Model):
    """An objection (异议) raised during a batch's public notice, and how it was resolved."""

    batch = models.ForeignKey(
        ApprovalBatch, verbose_name=_("approval batch"), on_delete=models.CASCADE, related_name="objections"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="objections",
    )
    raised_by = models.CharField(_("raised by"), max_length=100)  # name and contact of the objector
    text = models.TextField(_("objection"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)  # None: not yet resolved
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "received_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.raised_by}: {self.text[:50]}"


class Payment(models.Model):
    """One instalment (拨付) paid on an approved application. The sum never exceeds the approved
    amount (checked under a row lock in services, and by a database constraint on Application)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="payments"
    )
    instalment = models.PositiveSmallIntegerField(_("instalment"))
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=100, blank=True)  # 凭证号
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["application", "instalment"]
        constraints = [
            models.UniqueConstraint(fields=["application", "instalment"], name="programs_instalment_once"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="programs_payment_positive"),
        ]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.application_id} #{self.instalment} {self.amount}"


class PerformanceEvaluation(models.Model):
    """The evaluation (绩效评价) at a project's end: committed targets vs outcomes, a score and
    the follow-up (e.g. recovery of funds)."""

    class FollowUp(models.TextChoices):
        NONE = "none", _("None")
        RECTIFY = "rectify", _("Rectification")  # 整改
        RECOVER = "recover", _("Recovery of funds")  # 追回资金
        BLACKLIST = "blacklist", _("Excluded from future calls")  # 列入失信/限制申报

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="evaluation"
    )
    evaluated_on = models.DateField(_("evaluated on"))
    # [{"name", "unit", "target", "actual"}] — the committed targets with their outcomes.
    outcomes = models.JSONField(_("outcomes"), default=list)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    grade = models.CharField(_("grade"), max_length=16)  # 优秀/良好/合格/不合格
    follow_up = models.CharField(
        _("follow-up"), max_length=16, choices=FollowUp.choices, default=FollowUp.NONE
    )
    recovered_amount = models.DecimalField(_("amount to recover (yuan)"), **MONEY, default=0)
    note = models.TextField(_("note"), blank=True)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("performance evaluation")
        verbose_name_plural = _("performance evaluations")

    def __str__(self) -> str:
        return f"{self.application_id} {self.score} {self.grade}"


class Invitation(models.Model):
    """An enterprise found eligible for a clause it has not applied to (政策找企业), and notified."""

    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), on_delete=models.CASCADE, related_name="invitations"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="invitations"
    )
    reasons = models.JSONField(_("reasons"), default=list)  # the conditions met, as checked
    notified_at = models.DateTimeField(_("notified"), auto_now_add=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clause", "enterprise"], name="programs_invite_once")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.clause_id} → {self.enterprise_id}"
