"""The service app's records: enterprise requests (诉求), their attachments, their timeline and the
reminders sent about their deadlines.

A request's state is written only by `services.requests.move` (the declared workflow in
`workflow.py`); its deadlines only by `deadlines.py` through that move."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    TALENT = "talent", _("Talent")  # 人才
    SCENARIO = "scenario", _("Scenario application")  # 场景应用
    PLATFORM = "platform", _("Innovation platform")  # 创新平台
    FINANCE = "finance", _("Finance")  # 金融
    MERGER = "merger", _("Mergers and acquisitions")  # 并购
    SPACE = "space", _("Land and space")  # 用地与空间
    POLICY = "policy", _("Policy consultation")  # 政策咨询
    IP = "ip", _("Intellectual property")  # 知识产权
    APPROVAL = "approval", _("Administrative approval")  # 审批
    OTHER = "other", _("Other")  # 其他


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")  # 一般
    URGENT = "urgent", _("Urgent")  # 紧急


class Channel(models.TextChoices):
    ONLINE = "online", _("Raised online by the enterprise")  # 企业在线提交
    VISIT = "visit", _("Recorded during a visit")  # 走访记录
    CALL = "call", _("Recorded from a phone call")  # 电话记录


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")  # 满意
    FAIRLY = "fairly", _("Fairly satisfied")  # 基本满意
    UNSATISFIED = "unsatisfied", _("Unsatisfied")  # 不满意


class ServiceRequest(models.Model):
    """An enterprise's request, routed to one working unit (with co-units), on a working-day clock."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")  # 待签收
        SIGNED = "signed", _("Signed for")  # 已签收
        IN_PROGRESS = "in_progress", _("In progress")  # 办理中
        WAITING = "waiting", _("Waiting for the enterprise")  # 待企业补充（计时暂停）
        ANSWERED = "answered", _("Answered")  # 已答复
        REOPENED = "reopened", _("Reopened")  # 已重办
        CONFIRMED = "confirmed", _("Confirmed by the enterprise")  # 企业已确认
        CLOSED = "closed", pgettext_lazy("service", "Closed")  # 已办结
        CLOSED_UNSOLVED = "closed_unsolved", _("Closed, not solved")  # 办结未解决
        RETURNED = "returned", _("Returned by the unit")  # 单位退回（待改派）
        MERGED = "merged", _("Merged as a duplicate")  # 重复件已合并

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    # Copy of the enterprise's org-unit path when raised: operators see the requests of their subtree.
    org_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, db_index=True)
    title = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("request"))
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    unit = models.ForeignKey(
        "registry.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="service_requests"
    )
    co_units = models.ManyToManyField(
        "registry.Unit", verbose_name=_("co-units"), blank=True, related_name="service_co_requests"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("service", "raised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="service_requests_raised",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    version = models.PositiveIntegerField(default=1)

    # The working-day clock (deadlines.py). `submitted_on` starts it; the three due dates are the
    # declared deadlines of the category; `due_on` is the deadline of the current phase (empty while
    # the clock is paused or stopped) so that "overdue" is one indexed comparison in the database.
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    submitted_on = models.DateField(_("submitted on"), db_index=True)
    sign_due = models.DateField(_("sign by"), null=True, blank=True)
    answer_due = models.DateField(_("answer by"), null=True, blank=True)
    resolve_due = models.DateField(_("resolve by"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True, db_index=True)
    paused_on = models.DateField(_("clock paused on"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("working days paused"), default=0)
    # Why a due date is empty although the clock runs (a year the holiday calendar does not know).
    calendar_note = models.CharField(_("calendar note"), max_length=300, blank=True)

    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    first_answered_on = models.DateField(_("first answered on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)  # confirmed or closed
    # Whether each deadline was met, fixed when the step is taken (None: not reached yet, or no date).
    signed_in_time = models.BooleanField(_("signed in time"), null=True)
    answered_in_time = models.BooleanField(_("answered in time"), null=True)  # the first answer
    resolved_in_time = models.BooleanField(_("resolved in time"), null=True)  # a closed-unsolved one: False
    answer = models.TextField(_("answer"), blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True)
    reopen_count = models.PositiveIntegerField(_("times reopened"), default=0)
    reroute_count = models.PositiveIntegerField(_("times rerouted"), default=0)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    visit = models.ForeignKey(
        "Visit",
        verbose_name=_("visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )  # the visit it was raised at
    source = models.CharField(_("source"), max_length=50, blank=True)  # "demo" for the demo's requests
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["enterprise", "state"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"SR{self.submitted_on:%Y}-{self.pk:06d}" if self.pk else "SR-new"


class Attachment(models.Model):
    """A file attached to a request, checked by the programmes' content checks before it is stored."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="service/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["request", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Step(models.Model):
    """One step of a request's timeline: who took which action, from which state to which, at which
    unit, when and why."""

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("service request"), on_delete=models.CASCADE, related_name="steps"
    )
    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=32)
    from_state = models.CharField(_("from"), max_length=16, blank=True)
    to_state = models.CharField(_("to"), max_length=16)
    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # the unit the request was at when the step was taken (a reroute's origin)
    to_unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("to unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # a reroute's destination
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["request", "at", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}: {self.from_state} → {self.to_state}"


class DeadlineAlert(models.Model):
    """A reminder or escalation sent about one deadline of one request, so that the periodic run
    sends each once."""

    class Level(models.IntegerChoices):
        REMINDER = 0, _("Reminder before the deadline")  # 到期提醒
        COMMISSION = 1, _("Escalated to the commission")  # 逾期：报区科委
        LEADERSHIP = 2, _("Escalated to the leadership")  # 严重逾期：报区领导

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="alerts")
    due_on = models.DateField(_("due"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    notified = models.PositiveIntegerField(default=0)
    emails = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["request", "sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "due_on", "level"], name="service_alert_once")
        ]
        verbose_name = _("deadline alert")
        verbose_name_plural = _("deadline alerts")

    def __str__(self) -> str:
        return f"{self.request_id} {self.due_on} L{self.level}"


class KeyEnterprise(models.Model):
    """An enterprise on the key list (重点企业), selected by the declared rule (data/key_enterprises.json)
    or added by hand, or taken off it by hand, each hand change with its reason; with its service
    officer (服务专员). `is_key` is the outcome, kept for the lists."""

    class Manual(models.TextChoices):
        NONE = "", _("By the rule")  # 按规则
        ADDED = "added", _("Added by hand")  # 人工纳入
        REMOVED = "removed", _("Removed by hand")  # 人工移出

    enterprise = models.OneToOneField(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="key_status",
    )
    org_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    by_rule = models.BooleanField(_("selected by the rule"), default=False)
    rule_reasons = models.JSONField(_("why the rule selects it"), default=list, blank=True)
    rule_checked_on = models.DateField(_("rule checked on"), null=True, blank=True)
    manual = models.CharField(_("hand change"), max_length=8, choices=Manual.choices, blank=True, default="")
    manual_reason = models.CharField(_("reason of the hand change"), max_length=300, blank=True)
    is_key = models.BooleanField(_("key enterprise"), default=False, db_index=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="key_enterprises",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_key", "enterprise__name"]
        verbose_name = _("key enterprise")
        verbose_name_plural = _("key enterprises")

    def __str__(self) -> str:
        return str(self.enterprise)


class Visit(models.Model):
    """A visit to an enterprise (走访): when, who went (leaders, units), what the firm said; the
    requests raised from it point back to it."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="service_visits",
    )
    org_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    day = models.DateField(_("date of the visit"), db_index=True)
    visitors = models.CharField(_("who went"), max_length=300)  # leaders and staff, as written
    units = models.ManyToManyField("registry.Unit", verbose_name=_("units"), blank=True, related_name="+")
    notes = models.TextField(_("what the enterprise said"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.day} {self.enterprise}"


class CallBack(models.Model):
    """A finished request drawn into a month's call-back sample (回访): the commission calls the
    enterprise and records whether it was reached and how it rates the handling, independently of
    the rating given online (which a scanner or a hurried click may have given)."""

    request = models.OneToOneField(
        ServiceRequest, verbose_name=_("service request"), on_delete=models.CASCADE, related_name="callback"
    )
    month = models.DateField(_("month"), db_index=True)  # the first day of the month sampled
    org_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    called_on = models.DateField(_("called on"), null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    reached = models.BooleanField(_("reached"), null=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-month", "request"]
        verbose_name = _("call-back")
        verbose_name_plural = _("call-backs")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.request_id}"


class SupportKind(models.TextChoices):
    """The money and people records the district's offices keep of what they put into a firm."""

    TALENT = "talent", _("Talent recommendation")  # 人才推荐（春申金才、海外人才政策等）
    HOUSING = "housing", _("Housing allocation")  # 人才公寓、公租房配租
    FIRST_LOAN = "first_loan", _("First loan")  # 首贷
    CREDIT = "credit", _("Bank credit")  # 银行授信
    GRANT = "grant", _("Grant")  # 资助、创业资助
    FUND = "fund", _("Fund investment")  # 基金投资


class SupportRecord(models.Model):
    """One record of support (支持记录), imported through the statistics pipeline from the workbook an
    office keeps: which firm, what, when, how much and how many, from whom. A row is told apart by
    (enterprise, kind, date, counterpart); a re-import that changes its figures keeps the old ones as a
    revision, and `batch`/`source_row` always name where the current figures came from."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="support_records",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SupportKind.choices, db_index=True)
    day = models.DateField(_("date"))
    counterpart = models.CharField(_("programme, bank or fund"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=18, decimal_places=2, null=True, blank=True)
    quantity = models.PositiveIntegerField(_("persons or flats"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    batch = models.ForeignKey(
        "statistics.ImportBatch", verbose_name=_("import"), on_delete=models.PROTECT, related_name="+"
    )
    source_row = models.PositiveIntegerField(_("row"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("support record")
        verbose_name_plural = _("support records")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "day", "counterpart"], name="support_record_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.kind} {self.day}"


class SupportRecordRevision(models.Model):
    """The figures a re-import replaced, with where they had come from."""

    record = models.ForeignKey(SupportRecord, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    values = models.JSONField()
    batch = models.ForeignKey("statistics.ImportBatch", on_delete=models.PROTECT, related_name="+")
    source_row = models.PositiveIntegerField()
    superseded_by = models.ForeignKey("statistics.ImportBatch", on_delete=models.PROTECT, related_name="+")
    superseded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "revision"]

    def __str__(self) -> str:
        return f"{self.record_id} r{self.revision}"
