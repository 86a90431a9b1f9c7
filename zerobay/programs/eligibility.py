"""Eligibility of an enterprise for a clause: each condition met or not, and why (Chinese messages).

A clause's `conditions` is a list of dicts, each with a "kind" from CONDITION_KINDS and an optional
"label" that replaces the generated one:

  qualification  {"qualifications": ["hte", "tech_sme"]}  holds one of them, valid on the date
  org_unit       {"org_unit": "DLHW"}                      registered inside this org unit's subtree
  track          {"tracks": ["T01", "F1"]}                 classified in one of these tracks or fields
  founded_years  {"min": 0, "max": 5}                      age in whole years on the date (either bound)
  figure         {"figure": "rd_intensity", "min": 3}      a data-hub figure of the latest annual report
                 {"figure": "revenue", "min": 2000, "max": 50000}   within a band (unit: FIGURES[..].unit)
  above_scale    {}                                        an enterprise above designated size (规上)
  manual         {"label": "项目具有示范意义"}              listed for the reviewer, never machine-checked

A condition is met (True), not met (False) or undecided (None: manual, or the data is missing).
The facts of many enterprises are loaded in a few bulk queries (`load_facts`), so that 政策找企业
checks the whole register at once.

Figures come from the Torch annual reports of the statistics app (reading its models for
per-enterprise figures is allowed to programs; see the programs brief): the latest report of a year
not after the date of the check.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zerobay.registry.models import Enterprise, Industry, OrgUnit, Qualification, QualificationType
from zerobay.statistics.models import AnnualReport

CONDITION_KINDS = {
    "qualification": "持有资质",
    "org_unit": "注册地",
    "track": "所属赛道",
    "founded_years": "成立年限",
    "figure": "数据指标",
    "above_scale": "规模以上企业",
    "manual": "人工核实",
}
MACHINE_KINDS = frozenset(CONDITION_KINDS) - {"manual"}


@dataclass(frozen=True)
class Figure:
    label: str
    unit: str


# Figures of the latest annual report a condition may test; money in 万元, shares in %.
FIGURES = {
    "rd_intensity": Figure("研发投入强度（研发费用/营业收入）", "%"),
    "revenue": Figure("营业收入", "万元"),
    "employees": Figure("从业人员", "人"),
    "rd_staff": Figure("研发人员", "人"),
    "valid_invention_patents": Figure("有效发明专利", "件"),
    "hightech_revenue_share": Figure("高新技术产品（服务）收入占比", "%"),
}
REPORT_FIELDS = (
    "year",
    "revenue",
    "employees",
    "rd_staff",
    "rd_expenditure",
    "valid_invention_patents",
    "hightech_revenue",
)


@dataclass
class Facts:
    """What the conditions look at, for one enterprise on one date."""

    org_path: str
    founded: datetime.date | None
    above_scale: bool
    industries: set[str] = field(default_factory=set)  # codes, with their ancestors (fields, sectors)
    qualifications: set[str] = field(default_factory=set)  # kinds valid on the date
    report_year: int | None = None
    figures: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class Eligibility:
    eligible: bool | None  # None: no condition failed, but some remain for a reviewer or lack data
    conditions: list[dict]
    as_of: datetime.date

    def as_json(self) -> dict:
        """What an application stores of its pre-check."""
        return {
            "checked_at": timezone.now().isoformat(timespec="seconds"),
            "as_of": self.as_of.isoformat(),
            "eligible": self.eligible,
            "conditions": self.conditions,
        }

    @property
    def unmet(self) -> list[dict]:
        return [c for c in self.conditions if c["met"] is False]


def validate_conditions(conditions) -> list[str]:
    """Problems of a clause's conditions (translated), for the admin form; empty when they are fine."""
    if not isinstance(conditions, list):
        return [_("The conditions must be a list")]
    errors = []
    for i, c in enumerate(conditions, 1):
        kind = c.get("kind") if isinstance(c, dict) else None
        if kind not in CONDITION_KINDS:
            errors.append(
                _("Condition %(n)s: the kind “%(kind)s” is not valid, it should be one of %(kinds)s")
                % {"n": i, "kind": kind, "kinds": ", ".join(CONDITION_KINDS)}
            )
        elif kind == "figure" and c.get("figure") not in FIGURES:
            errors.append(
                _("Condition %(n)s: the figure “%(figure)s” is not valid, it should be one of %(figures)s")
                % {"n": i, "figure": c.get("figure"), "figures": ", ".join(FIGURES)}
            )
        elif kind in ("figure", "founded_years") and c.get("min") is None and c.get("max") is None:
            errors.append(_("Condition %(n)s: min or max is needed") % {"n": i})
        elif kind == "qualification" and not qualification_kinds(c):
            errors.append(_("Condition %(n)s: no qualification is given") % {"n": i})
        elif kind == "org_unit" and not OrgUnit.objects.filter(code=c.get("org_unit")).exists():
            errors.append(
                _("Condition %(n)s: the org unit “%(code)s” does not exist")
                % {"n": i, "code": c.get("org_unit")}
            )
        elif kind == "track" and not c.get("tracks"):
            errors.append(_("Condition %(n)s: no track is given") % {"n": i})
        elif kind == "manual" and not c.get("label"):
            errors.append(_("Condition %(n)s: a manual condition needs a description (label)") % {"n": i})
    return errors


def has_machine_conditions(clause) -> bool:
    return any(c.get("kind") in MACHINE_KINDS for c in clause.conditions)


def check(clause, enterprise: Enterprise, as_of: datetime.date) -> Eligibility:
    facts = load_facts(Enterprise.objects.filter(pk=enterprise.pk), as_of)[enterprise.pk]
    return Checker(clause.conditions).check(facts, as_of)


def _resolve(condition_lists: list[list[dict]]) -> tuple[dict, dict]:
    """The org units (by code) and track names (by code) the conditions name."""
    conditions = [c for cs in condition_lists for c in cs]
    units = {c.get("org_unit") for c in conditions if c.get("kind") == "org_unit"}
    tracks = {t for c in conditions if c.get("kind") == "track" for t in c.get("tracks", [])}
    return (
        {u.code: u for u in OrgUnit.objects.filter(code__in=units)},
        dict(Industry.objects.filter(code__in=tracks).values_list("code", "name")),
    )


class Checker:
    """The conditions of one clause, resolved once (org units, industry names), checked against many
    enterprises' facts."""

    def __init__(self, conditions: list[dict], resolved: tuple[dict, dict] | None = None):
        self.conditions = conditions
        self.units, self.track_names = resolved or _resolve([conditions])

    @classmethod
    def many(cls, condition_lists: list[list[dict]]) -> list["Checker"]:
        """One checker per clause's conditions, their org units and tracks resolved together (two
        queries for an enterprise page's every open clause, rather than two per clause)."""
        resolved = _resolve(condition_lists)
        return [cls(conditions, resolved) for conditions in condition_lists]

    def check(self, facts: Facts, as_of: datetime.date) -> Eligibility:
        with translation.override("zh-hans"):
            results = [self._one(c, facts, as_of) for c in self.conditions]
        met = [r["met"] for r in results]
        eligible = False if False in met else (None if None in met else True)
        return Eligibility(eligible, results, as_of)

    def _one(self, c: dict, facts: Facts, as_of) -> dict:
        kind = c.get("kind")
        result = getattr(self, f"_{kind}", self._unknown)(c, facts, as_of)
        met, label, value, threshold, message = result
        return {
            "kind": kind,
            "label": c.get("label") or label,
            "met": met,
            "value": value,
            "threshold": threshold,
            "message": message,
        }

    def _unknown(self, c, facts, as_of):
        return None, "未知条件", None, None, f"条件类型“{c.get('kind')}”无法自动判断，需人工核实"

    def _manual(self, c, facts, as_of):
        return None, c.get("label", ""), None, None, "需评审人员人工核实"

    def _qualification(self, c, facts, as_of):
        kinds = qualification_kinds(c)
        names = "或".join(str(QualificationType(k).label) for k in kinds)
        held = [k for k in kinds if k in facts.qualifications]
        label = f"持有有效的{names}资质"
        if held:
            return (
                True,
                label,
                str(QualificationType(held[0]).label),
                names,
                f"持有{QualificationType(held[0]).label}资质，于 {as_of} 有效",
            )
        return False, label, None, names, f"于 {as_of} 未持有有效的{names}资质"

    def _org_unit(self, c, facts, as_of):
        unit = self.units.get(c.get("org_unit"))
        if unit is None:
            return None, "注册地", None, c.get("org_unit"), f"组织单元“{c.get('org_unit')}”不存在，需人工核实"
        label = f"注册在{unit.name}"
        if not facts.org_path:
            return False, label, None, unit.name, "企业尚未归属任何子园"
        if facts.org_path.startswith(unit.path):
            return True, label, unit.name, unit.name, f"企业位于{unit.name}"
        return False, label, facts.org_path, unit.name, f"企业不在{unit.name}范围内"

    def _track(self, c, facts, as_of):
        codes = c.get("tracks", [])
        names = "、".join(self.track_names.get(t, t) for t in codes)
        label = f"属于{names}赛道"
        hit = [t for t in codes if t in facts.industries]
        if hit:
            return (
                True,
                label,
                self.track_names.get(hit[0], hit[0]),
                names,
                f"企业属于{self.track_names.get(hit[0], hit[0])}",
            )
        return False, label, None, names, f"企业未归入{names}"

    def _founded_years(self, c, facts, as_of):
        low, high = c.get("min"), c.get("max")
        label = "成立年限" + _band(low, high, "年")
        if facts.founded is None:
            return None, label, None, _band(low, high, "年"), "成立日期未登记，需人工核实"
        years = (
            as_of.year
            - facts.founded.year
            - ((as_of.month, as_of.day) < (facts.founded.month, facts.founded.day))
        )
        ok = (low is None or years >= low) and (high is None or years <= high)
        verdict = "符合" if ok else "不符合"
        return (
            ok,
            label,
            years,
            _band(low, high, "年"),
            f"成立于 {facts.founded}，已满 {years} 年，{verdict}要求",
        )

    def _figure(self, c, facts, as_of):
        code = c.get("figure")
        fig = FIGURES.get(code)
        if fig is None:
            return self._unknown(c, facts, as_of)
        low, high = c.get("min"), c.get("max")
        label = fig.label + _band(low, high, fig.unit)
        value = facts.figures.get(code)
        if value is None:
            return (
                None,
                label,
                None,
                _band(low, high, fig.unit),
                f"无可用的{fig.label}数据（年报），需人工核实",
            )
        ok = (low is None or value >= Decimal(str(low))) and (high is None or value <= Decimal(str(high)))
        shown = f"{value:.2f}{fig.unit}"
        verdict = "符合" if ok else "不符合"
        message = f"{facts.report_year} 年报{fig.label}为 {shown}，{verdict}要求"
        return ok, label, float(value), _band(low, high, fig.unit), message

    def _above_scale(self, c, facts, as_of):
        if facts.above_scale:
            return True, "规模以上企业", True, True, "企业为规模以上企业"
        return False, "规模以上企业", False, True, "企业不是规模以上企业"


def load_facts(enterprises: QuerySet[Enterprise], as_of: datetime.date) -> dict[int, Facts]:
    """The facts of every enterprise of the queryset, in five queries whatever their number."""
    facts = {
        e["pk"]: Facts(org_path=e["org_path"], founded=e["founded"], above_scale=e["above_scale"])
        for e in enterprises.values("pk", "org_path", "founded", "above_scale")
    }
    ids = enterprises.values("pk")
    for ent, kind in (
        Qualification.objects.valid_on(as_of).filter(enterprise__in=ids).values_list("enterprise_id", "kind")
    ):
        facts[ent].qualifications.add(kind)
    ancestors = _industry_ancestors()
    links = Enterprise.industries.through.objects.filter(enterprise__in=ids)
    for ent, industry in links.values_list("enterprise_id", "industry_id"):
        facts[ent].industries.update(ancestors.get(industry, ()))
    reports = (
        AnnualReport.objects.filter(enterprise__in=ids, year__lte=as_of.year)
        .order_by("enterprise_id", "-year")
        .values("enterprise_id", *REPORT_FIELDS)
    )
    seen = set()
    for r in reports:
        if r["enterprise_id"] in seen:
            continue
        seen.add(r["enterprise_id"])
        f = facts[r["enterprise_id"]]
        f.report_year = r["year"]
        f.figures = _figures(r)
    return facts


def _figures(r: dict) -> dict[str, Decimal | None]:
    revenue = r["revenue"]

    def share(part):
        return None if not revenue or part is None else part * 100 / revenue

    return {
        "rd_intensity": share(r["rd_expenditure"]),
        "revenue": None if revenue is None else revenue / 10000,
        "employees": None if r["employees"] is None else Decimal(r["employees"]),
        "rd_staff": None if r["rd_staff"] is None else Decimal(r["rd_staff"]),
        "valid_invention_patents": None
        if r["valid_invention_patents"] is None
        else Decimal(r["valid_invention_patents"]),
        "hightech_revenue_share": share(r["hightech_revenue"]),
    }


def _industry_ancestors() -> dict[int, set[str]]:
    """Industry id → its code and the codes of its ancestors (a track counts for its field)."""
    nodes = {i: (code, parent) for i, code, parent in Industry.objects.values_list("id", "code", "parent_id")}
    out = defaultdict(set)
    for i in nodes:
        node = i
        while node is not None and node in nodes:
            out[i].add(nodes[node][0])
            node = nodes[node][1]
    return out


def qualification_kinds(c: dict) -> list[str]:
    kinds = c.get("qualifications") or ([c["qualification"]] if c.get("qualification") else [])
    return [k for k in kinds if k in QualificationType.values]


def _band(low, high, unit: str) -> str:
    if low is not None and high is not None:
        return f" {low}–{high}{unit}"
    if low is not None:
        return f" ≥{low}{unit}"
    return f" ≤{high}{unit}" if high is not None else ""
