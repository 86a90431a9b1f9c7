"""The carriers app's records: residents, their financing, and a carrier's annual statistics with
their revisions. Evaluation results are computed from these (evaluation/), not stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import Carrier, Enterprise
from zerobay.statistics.models import ImportBatch

AREA = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}
MONEY = {"max_digits": 20, "decimal_places": 2, "null": True, "blank": True}


class Residency(models.Model):
    """An enterprise incubated in a carrier (在孵企业): from when, until when, on what floor area.
    An enterprise that leaves and comes back has two residencies."""

    carrier = models.ForeignKey(
        Carrier, verbose_name=_("carrier"), on_delete=models.CASCADE, related_name="residencies"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="residencies"
    )
    entered_on = models.DateField(_("entered on"))  # 入孵时间
    left_on = models.DateField(_("left on"), null=True, blank=True)  # 离孵时间
    area_m2 = models.DecimalField(_("area used (m²)"), **AREA)
    # The carrier's own word that the firm graduated (its statement, compared with the rule).
    declared_graduated_on = models.DateField(_("graduated, as the carrier declares"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["carrier", "-entered_on"]
        verbose_name = _("residency")
        verbose_name_plural = _("residencies")
        constraints = [
            models.UniqueConstraint(
                fields=["carrier", "enterprise", "entered_on"], name="residency_once_per_entry"
            )
        ]
        indexes = [models.Index(fields=["carrier", "left_on"])]

    def __str__(self) -> str:
        return f"{self.enterprise_id} @ {self.carrier_id} {self.entered_on}"


class Financing(models.Model):
    """Angel, venture or equity money an enterprise raised (投融资): one round, as recorded."""

    class Kind(models.TextChoices):
        ANGEL = "angel", _("Angel")  # 天使投资
        VENTURE = "venture", _("Venture capital")  # 创业投资
        EQUITY = "equity", _("Private equity")  # 股权投资
        OTHER = "other", _("Other")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="financings"
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=20, decimal_places=2)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.VENTURE)
    investor = models.CharField(_("investor"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["enterprise", "received_on"]
        verbose_name = _("financing")
        verbose_name_plural = _("financings")

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.received_on} {self.amount}"


class CarrierStatistics(models.Model):
    """A carrier's annual statistics (载体年度统计, the carrier-annual form) for one year, as it
    stated them: the current revision, and the import file and row it came from. Money in yuan."""

    carrier = models.ForeignKey(
        Carrier, verbose_name=_("carrier"), on_delete=models.CASCADE, related_name="statistics"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import"), on_delete=models.PROTECT, related_name="+"
    )
    source_row = models.PositiveIntegerField(_("row"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    space_m2 = models.DecimalField(_("space (m²)"), **AREA)
    incubation_space_m2 = models.DecimalField(_("space used by incubated firms (m²)"), **AREA)
    residents = models.PositiveIntegerField(_("incubated firms"), null=True, blank=True)
    new_residents = models.PositiveIntegerField(_("new incubated firms this year"), null=True, blank=True)
    graduates_total = models.PositiveIntegerField(_("graduated firms, cumulative"), null=True, blank=True)
    resident_hte = models.PositiveIntegerField(
        _("high-tech enterprises among residents"), null=True, blank=True
    )
    resident_employees = models.PositiveIntegerField(_("residents' employees"), null=True, blank=True)
    resident_revenue = models.DecimalField(_("residents' total revenue"), **MONEY)
    total_income = models.DecimalField(_("carrier's total income"), **MONEY)
    service_income = models.DecimalField(_("of which integrated service income"), **MONEY)
    property_income = models.DecimalField(_("of which property income"), **MONEY)
    investment_income = models.DecimalField(_("of which investment income"), **MONEY)
    incubation_fund = models.DecimalField(_("incubation fund"), **MONEY)
    financed_residents = models.PositiveIntegerField(
        _("residents that raised financing"), null=True, blank=True
    )
    resident_financing = models.DecimalField(_("financing raised by residents this year"), **MONEY)
    mentors = models.PositiveIntegerField(_("start-up mentors"), null=True, blank=True)
    service_staff = models.PositiveIntegerField(_("full-time incubation staff"), null=True, blank=True)
    tech_platforms = models.PositiveIntegerField(
        _("public technology service platforms"), null=True, blank=True
    )
    ip_applications = models.PositiveIntegerField(_("residents' IP applications"), null=True, blank=True)
    ip_granted = models.PositiveIntegerField(_("residents' IP granted"), null=True, blank=True)
    invention_patents = models.PositiveIntegerField(_("residents' invention patents"), null=True, blank=True)
    events = models.PositiveIntegerField(_("innovation and start-up events held"), null=True, blank=True)

    class Meta:
        ordering = ["carrier", "-year"]
        verbose_name = _("carrier statistics")
        verbose_name_plural = _("carrier statistics")
        constraints = [
            models.UniqueConstraint(fields=["carrier", "year"], name="carrier_statistics_once_a_year")
        ]
        indexes = [models.Index(fields=["year", "carrier"])]

    def __str__(self) -> str:
        return f"{self.carrier_id} {self.year} r{self.revision}"


class CarrierStatisticsRevision(models.Model):
    """A superseded state of a carrier's statistics: its values, and the file and row they came from."""

    statistics = models.ForeignKey(CarrierStatistics, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    values = models.JSONField()  # {field: value as text or null}
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    source_row = models.PositiveIntegerField()
    superseded_by = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    superseded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statistics", "-revision"]
        verbose_name = _("carrier statistics revision")
        verbose_name_plural = _("carrier statistics revisions")

    def __str__(self) -> str:
        return f"{self.statistics_id} r{self.revision}"


class Inspection(models.Model):
    """The annual inspection (年检) of a science-popularisation base: the checklist as ticked, the
    result and why. One a year; earlier years stay as the base's history."""

    class Result(models.TextChoices):
        PASS = "pass", _("Passed the inspection")  # 合格
        RECTIFY = "rectify", _("To be rectified")  # 整改
        FAIL = "fail", _("Failed the inspection")  # 不合格

    carrier = models.ForeignKey(
        Carrier, verbose_name=_("carrier"), on_delete=models.CASCADE, related_name="inspections"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    checklist = models.JSONField(_("checklist"), default=dict)  # {item id: true (met) / false}
    checklist_version = models.CharField(max_length=20, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    inspected_on = models.DateField(_("inspected on"))
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["carrier", "-year"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [models.UniqueConstraint(fields=["carrier", "year"], name="inspection_once_a_year")]

    def __str__(self) -> str:
        return f"{self.carrier_id} {self.year} {self.result}"


class ResidentStatement(models.Model):
    """What a carrier states about one resident for one year (the form's incubated-enterprise
    sheet), kept beside the resident's own Torch report. Money in yuan."""

    residency = models.ForeignKey(
        Residency, verbose_name=_("residency"), on_delete=models.CASCADE, related_name="statements"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    revenue = models.DecimalField(_("revenue"), **MONEY)
    rd_expenditure = models.DecimalField(_("R&D expenditure"), **MONEY)
    financing = models.DecimalField(_("financing raised this year"), **MONEY)
    ip_granted = models.PositiveIntegerField(_("IP granted"), null=True, blank=True)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import"), on_delete=models.PROTECT, related_name="+"
    )
    source_row = models.PositiveIntegerField(_("row"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["residency", "-year"]
        verbose_name = _("resident statement")
        verbose_name_plural = _("resident statements")
        constraints = [
            models.UniqueConstraint(fields=["residency", "year"], name="resident_statement_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.residency_id} {self.year}"
