"""Imported report figures, their revisions, and the import batches they came from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import Enterprise

from .periods import Period, PeriodType
from .reportforms import FORMS

MONEY = {"max_digits": 20, "decimal_places": 2, "null": True, "blank": True}


class ImportBatch(models.Model):
    """One file brought in through the import pipeline (from the CLI, a web upload or the API)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VALIDATING = "validating", _("Validating")
        VALIDATED = "validated", _("Validated, awaiting confirmation")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        REJECTED = "rejected", _("Rejected, nothing imported")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Channel(models.TextChoices):
        CLI = "cli", _("Command line")
        WEB = "web", _("Web upload")
        API = "api", _("API")
        DEMO = "demo", _("Demo generator")

    form = models.CharField(_("form"), max_length=32, choices=[(f.code, f.name) for f in FORMS.values()])
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.UPLOADED)
    skip_invalid = models.BooleanField(_("import valid rows only"), default=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The org-unit path the uploader was limited to ("" for the whole district).
    scope_path = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    phase = models.CharField(max_length=32, blank=True)  # reading / writing
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_valid = models.PositiveIntegerField(_("valid rows"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    # The validation report: {"errors": [...], "warnings": [...], "counts": {...}}; very long lists
    # are cut (the counts stay exact) so that one batch row stays small.
    report = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"#{self.pk} {self.original_name}"

    @property
    def report_form(self):
        return FORMS[self.form]

    @property
    def period(self) -> Period:
        if self.month:
            return Period(self.year, PeriodType.MONTH, self.month)
        return Period(self.year)

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.UPLOADED, self.Status.VALIDATING, self.Status.IMPORTING)

    @property
    def progress_percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0


class ReportBase(models.Model):
    """What every stored report has: whose, which revision, and where the figures came from."""

    # No index of its own: each report model's unique constraint starts with the enterprise and
    # serves its lookups, and a first import of 250,000 reports then maintains one index fewer.
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import"), on_delete=models.PROTECT, related_name="+"
    )
    source_row = models.PositiveIntegerField(_("row"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.period} r{self.revision}"


class AnnualReport(ReportBase):
    """The current figures of one enterprise's Torch annual report for one year. Money in yuan."""

    employees = models.PositiveIntegerField(_("employees at year end"), null=True, blank=True)
    revenue = models.DecimalField(_("revenue"), **MONEY)
    industrial_output = models.DecimalField(_("gross industrial output"), **MONEY)
    net_profit = models.DecimalField(_("net profit"), **MONEY)
    taxes_paid = models.DecimalField(_("taxes paid"), **MONEY)
    exports = models.DecimalField(_("exports"), **MONEY)
    rd_staff = models.PositiveIntegerField(_("R&D personnel"), null=True, blank=True)
    st_staff = models.PositiveIntegerField(_("S&T personnel"), null=True, blank=True)
    rd_expenditure = models.DecimalField(_("R&D expenditure"), **MONEY)
    patent_applications = models.PositiveIntegerField(_("patent applications"), null=True, blank=True)
    invention_applications = models.PositiveIntegerField(
        _("invention patent applications"), null=True, blank=True
    )
    pct_applications = models.PositiveIntegerField(_("PCT applications"), null=True, blank=True)
    valid_invention_patents = models.PositiveIntegerField(_("valid invention patents"), null=True, blank=True)
    value_added = models.DecimalField(_("value added"), **MONEY)
    hightech_revenue = models.DecimalField(_("high-tech product (service) revenue"), **MONEY)

    form_code = "torch_annual"

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="annual_report_once_a_year")
        ]
        indexes = [models.Index(fields=["year", "enterprise"])]

    @property
    def period(self) -> Period:
        return Period(self.year)


class MonthlyReport(ReportBase):
    """Cumulative revenue and employees of one enterprise for one month."""

    month = models.PositiveSmallIntegerField(_("month"))
    revenue_ytd = models.DecimalField(_("revenue, year to date"), **MONEY)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)

    form_code = "torch_monthly"

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year", "month"], name="monthly_report_once_a_month"
            )
        ]
        indexes = [models.Index(fields=["year", "month", "enterprise"])]

    @property
    def period(self) -> Period:
        return Period(self.year, PeriodType.MONTH, self.month)


class ReportRevision(models.Model):
    """A superseded state of a report: its values, and who brought them from which file and row."""

    form = models.CharField(max_length=32)
    report_id = models.BigIntegerField(db_index=True)
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    revision = models.PositiveIntegerField()
    values = models.JSONField()  # {field: value as string or null}
    # Where these values came from (file, row, who, when: the batch says).
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    source_row = models.PositiveIntegerField()
    superseded_by = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    superseded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["form", "report_id", "-revision"]
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")

    def __str__(self) -> str:
        return f"{self.form} {self.report_id} r{self.revision}"


# ---------------------------------------------------------------------------- reporting completeness
# Who must send the monthly report, by when, and the reminders sent (see completeness/).


class ReportingDeadline(models.Model):
    """The deadline of one month's report when it differs from the default rule
    (settings.ZEROBAY_MONTHLY_DEADLINE_DAY of the following month)."""

    form = models.CharField(_("form"), max_length=32, default="torch_monthly")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    deadline = models.DateField(_("deadline"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["form", "-year", "-month"]
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        constraints = [
            models.UniqueConstraint(fields=["form", "year", "month"], name="reporting_deadline_once_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.year}-{self.month:02d} → {self.deadline}"


class ReportingDuty(models.Model):
    """Staff's word on one enterprise's monthly reporting: must report although not 规上 (required),
    or need not although 规上 (exempt), and whom to chase (填报联系人)."""

    class Duty(models.TextChoices):
        DEFAULT = "default", _("As its size says (above designated size must report)")
        REQUIRED = "required", _("Must report (flagged by staff)")
        EXEMPT = "exempt", _("Need not report")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+"
    )
    form = models.CharField(_("form"), max_length=32, default="torch_monthly")
    duty = models.CharField(_("duty"), max_length=16, choices=Duty.choices, default=Duty.DEFAULT)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reporting duty")
        verbose_name_plural = _("reporting duties")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "form"], name="reporting_duty_once_a_form")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.form} {self.duty}"


class ReportingReminder(models.Model):
    """One reminder to one enterprise about one month's missing report: in the app and/or by e-mail."""

    form = models.CharField(_("form"), max_length=32, default="torch_monthly")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_users = models.PositiveIntegerField(_("users notified in the app"), default=0)
    emails = models.JSONField(_("e-mailed to"), default=list, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")
        indexes = [models.Index(fields=["form", "year", "month", "enterprise"])]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year}-{self.month:02d} {self.sent_at:%Y-%m-%d}"


# ---------------------------------------------------------------------------- enterprise profile
# Facts the Torch form lacks (zerobay import enterprise-profile), and qualifications withdrawn after
# a check (zerobay import qualifications, 撤销日期 column).


class EnterpriseProfile(ReportBase):
    """The current profile of one enterprise: one record whatever the year (`year`: when it was
    imported); earlier states are kept as ReportRevisions like any report's."""

    registered_on = models.DateField(_("date registered"), null=True, blank=True)  # 注册时间
    total_assets = models.DecimalField(_("total assets"), **MONEY)  # 资产总计
    ip_class1 = models.PositiveIntegerField(_("class-I IP items"), null=True, blank=True)  # I类知识产权
    ip_class2 = models.PositiveIntegerField(_("class-II IP items"), null=True, blank=True)  # II类知识产权
    tech_field = models.CharField(_("core technology field"), max_length=16, null=True, blank=True)
    industry_code = models.CharField(_("industry code (GB/T 4754)"), max_length=4, null=True, blank=True)

    form_code = "enterprise_profile"

    class Meta:
        verbose_name = _("enterprise profile")
        verbose_name_plural = _("enterprise profiles")
        constraints = [models.UniqueConstraint(fields=["enterprise"], name="enterprise_profile_once")]

    @property
    def period(self) -> Period:
        return Period(self.year)


class QualificationRevocation(models.Model):
    """A qualification withdrawn after a check (核查): its certificate then ends the day before."""

    qualification = models.OneToOneField(
        "registry.Qualification",
        verbose_name=_("qualification"),
        on_delete=models.CASCADE,
        related_name="revocation",
    )
    revoked_on = models.DateField(_("revoked on"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # The end of validity the certificate had before it was withdrawn.
    original_valid_to = models.DateField(_("originally valid to"), null=True, blank=True)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import"), on_delete=models.PROTECT, related_name="+"
    )
    source_row = models.PositiveIntegerField(_("row"))

    class Meta:
        ordering = ["-revoked_on"]
        verbose_name = _("qualification revocation")
        verbose_name_plural = _("qualification revocations")

    def __str__(self) -> str:
        return f"{self.qualification} revoked {self.revoked_on}"
