"""What the indicator system stores: computed values (materialised after every import), the
documents' published figures (actuals, plans, targets) with their source, and computation runs.
The definitions themselves live in `definitions/*.toml`, versioned with the code."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import Industry, OrgUnit


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class ComputationRun(models.Model):
    """One recomputation of the indicators: why, when, how long, what it wrote."""

    trigger = models.CharField(_("trigger"), max_length=100)  # "import #12", "manual", "demo"
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), default=0)
    values_written = models.PositiveIntegerField(_("values written"), default=0)
    definitions = models.CharField(_("definitions version"), max_length=64, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("computation run")
        verbose_name_plural = _("computation runs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.trigger}"


class IndicatorValue(models.Model):
    """A computed indicator for one period, org unit (its subtree) and industry node (or all).
    The value is in the indicator's unit; `enterprises` counts the enterprises behind it."""

    indicator = models.CharField(_("indicator"), max_length=80)
    period = models.CharField(_("period type"), max_length=8, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    sub = models.PositiveSmallIntegerField(default=0)  # quarter or month number; 0 for a year
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    industry = models.ForeignKey(Industry, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    value = models.FloatField(_("value"), null=True)
    enterprises = models.PositiveIntegerField(_("enterprises"), default=0)
    run = models.ForeignKey(ComputationRun, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("computed value")
        verbose_name_plural = _("computed values")
        indexes = [
            models.Index(fields=["indicator", "period", "org_unit", "industry", "year", "sub"]),
            models.Index(fields=["period", "year", "sub"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}/{self.sub} {self.org_unit_id}"


class PublishedFigure(models.Model):
    """A figure a document publishes: an actual, a plan or a target, with where it came from.
    Figures from different sources are kept side by side; none overwrites another."""

    class Kind(models.TextChoices):
        ACTUAL = "actual", _("Actual")  # 完成值
        PLAN = "plan", _("Plan")  # 计划值
        TARGET = "target", _("Target")  # 目标值

    class Qualifier(models.TextChoices):
        EXACT = "", _("exactly")
        ABOUT = "about", _("about")  # 左右、约
        AT_LEAST = "at_least", _("at least")  # 不低于、以上
        MORE_THAN = "more_than", _("more than")  # 超过

    indicator = models.CharField(_("indicator"), max_length=80, db_index=True)
    scope = models.CharField(_("scope"), max_length=32)  # org-unit code the figure is about
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=16)
    qualifier = models.CharField(_("qualifier"), max_length=12, choices=Qualifier.choices, blank=True)
    growth = models.DecimalField(
        _("stated growth (%)"), max_digits=9, decimal_places=4, null=True, blank=True
    )
    cagr = models.DecimalField(_("stated CAGR (%)"), max_digits=9, decimal_places=4, null=True, blank=True)
    cagr_from = models.PositiveSmallIntegerField(_("CAGR base year"), null=True, blank=True)
    source = models.CharField(_("source document"), max_length=200)  # file name
    source_title = models.CharField(_("document title"), max_length=300, blank=True)
    published = models.DateField(_("published"))
    location = models.CharField(_("where in the document"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)  # part of the dashboards' cache key
    # Empty for the shipped documents' figures, or the user who entered it.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "year", "kind", "published", "source"]
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "scope", "year", "kind", "source", "location"],
                name="published_figure_once_per_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.kind} {self.value} {self.unit} ({self.source})"
