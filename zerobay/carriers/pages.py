"""What the carrier pages show, as plain data: statements over the years beside the residents' own
figures, residents with their graduation, a carrier's evaluation with its radar, the ranking."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.registry.models import Carrier
from zerobay.statistics.importing.targets import TARGET_RULES
from zerobay.statistics.models import AnnualReport
from zerobay.statistics.views import RULES
from zerobay.web.charts import radar_chart, series, years_chart

from .evaluation.cache import cached_evaluation
from .evaluation.run import CarrierResult, Evaluation
from .evaluation.schemes import STATEMENT_ROWS, Scheme, scheme_for_kind, schemes
from .models import CarrierStatistics, Residency, ResidentStatement
from .residents import (
    VERIFIED,
    VERIFIED_LABELS,
    Graduation,
    computed_figures,
    graduation,
    load_facts,
    load_panel,
    year_end,
)


def default_year() -> int:
    """The last year whose statistics are due: the previous calendar year."""
    return timezone.localdate().year - 1


@dataclass
class Cell:
    stated: object
    computed: float | None = None
    flagged: bool = False


@dataclass
class StatementRow:
    key: str
    label: str
    cells: list[Cell]
    verified: bool


def statements_over_years(
    carrier: Carrier, scheme: Scheme | None
) -> tuple[list[int], list[StatementRow], list]:
    """(years, rows, statements): each statement field by year, with the residents' own figure
    beside the verifiable ones and a flag beyond the scheme's tolerance."""
    statements = list(
        CarrierStatistics.objects.filter(carrier=carrier).select_related("batch").order_by("year")
    )
    years = [s.year for s in statements]
    computed = {}
    for year in years:
        computed[year] = computed_figures(load_panel(year, [carrier.pk]), carrier.pk)
    relative = scheme.tolerance_relative if scheme else 0.1
    absolute = scheme.tolerance_absolute if scheme else 0.5
    rows = []
    for key in STATEMENT_ROWS:
        verified = key in VERIFIED or key == "graduates_total"
        cells = []
        for s in statements:
            stated = getattr(s, key)
            cell = Cell(stated)
            if verified:
                cell.computed = computed[s.year][key]
                if stated is not None:
                    cell.flagged = abs(float(stated) - cell.computed) > max(
                        relative * abs(cell.computed), absolute
                    )
            cells.append(cell)
        label = str(VERIFIED_LABELS.get(key) or CarrierStatistics._meta.get_field(key).verbose_name)
        rows.append(StatementRow(key, label, cells, verified))
    return years, rows, statements


def statement_chart(years: list[int], rows: list[StatementRow]) -> dict | None:
    by_key = {r.key: r for r in rows}
    if len(years) < 2:  # a trend needs two years; one year is the table
        return None
    out = []
    for key, name in (("residents", _("Incubated firms")), ("resident_hte", _("HTEs among residents"))):
        row = by_key[key]
        out.append(
            series(f"{name}（{_('stated')}）", [[y, c.stated] for y, c in zip(years, row.cells, strict=True)])
        )
        out.append(
            series(
                f"{name}（{_('verified')}）",
                [[y, c.computed] for y, c in zip(years, row.cells, strict=True)],
                dash="dashed",
            )
        )
    return years_chart(out, unit=_("firms"))


@dataclass
class ResidentLine:
    residency: Residency
    graduation: Graduation | None
    stated_revenue: Decimal | None = None  # the carrier's word (incubated-enterprise sheet)
    torch_revenue: Decimal | None = None  # the resident's own Torch annual report


def residents_page(page, as_of_year: int) -> list[ResidentLine]:
    """The page's residencies with their graduation by the rule and the year's revenue as the
    carrier states it and as the resident reported it; facts read for this page only."""
    items = list(page)
    enterprise_ids = [r.enterprise_id for r in items]
    facts = load_facts(enterprise_ids, as_of_year)
    end = year_end(as_of_year)
    stated = dict(
        ResidentStatement.objects.filter(residency__in=items, year=as_of_year).values_list(
            "residency_id", "revenue"
        )
    )
    torch = dict(
        AnnualReport.objects.filter(enterprise_id__in=enterprise_ids, year=as_of_year).values_list(
            "enterprise_id", "revenue"
        )
    )
    return [
        ResidentLine(
            r,
            graduation(r.enterprise_id, r.entered_on, min(end, r.left_on) if r.left_on else end, facts),
            stated.get(r.pk),
            torch.get(r.enterprise_id),
        )
        for r in items
    ]


def carrier_evaluation(carrier: Carrier, year: int) -> tuple[Evaluation, CarrierResult] | None:
    scheme = scheme_for_kind(carrier.kind)
    if scheme is None:
        return None
    evaluation = cached_evaluation(year, scheme)  # over every carrier of the scheme: peers, ranks, medians
    mine = next((r for r in evaluation.results if r.carrier_id == carrier.pk), None)
    return (evaluation, mine) if mine else None


def radar(evaluation: Evaluation, result: CarrierResult) -> dict:
    scheme = evaluation.scheme
    mine = result.dimension_shares(scheme)
    medians = evaluation.medians(result.weight_set)  # of the carriers of the same type
    axes = [(d.label, 100) for d in scheme.dimensions]
    return radar_chart(
        axes,
        [
            series(result.name, [mine[d.id] for d in scheme.dimensions]),
            series(_("Median of the type"), [medians[d.id] for d in scheme.dimensions], dash="dashed"),
        ],
        unit="%",
    )


def scheme_choices() -> list[tuple[str, str]]:
    return [(s.id, s.name) for s in schemes().values()]


def issue_rows(items: list[dict]) -> list[dict]:
    """An import report's issues with the import page's label of each rule."""
    return [
        {
            **item,
            "rule_label": RULES.get(item.get("rule")) or TARGET_RULES.get(item.get("rule"), item.get("rule")),
        }
        for item in items
    ]
