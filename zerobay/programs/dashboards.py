"""Programme dashboards: the funnel accepted → formally checked → reviewed → approved → paid by
policy, call, approval batch and sub-park; approved and paid amounts by track; budget used vs
available per policy, call and clause. Plain functions over an application queryset that is
already limited to what the user may see (services.visible_applications), so every figure is
scoped; the xlsx export writes the same rows.

A stage counts the applications that reached it, read from the recorded timeline (Transition):
an application returned and resubmitted is accepted once; one declined after review still counts
as reviewed.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from zerobay.registry.models import Enterprise, Industry, OrgUnit

from . import services
from .models import Application, ApprovalBatch, Call, Clause, Policy, Transition
from .workflow import FUNNEL, State

# The states whose entry means a stage was reached (a first instalment may also be the final one).
STAGE_STATES = {
    "accepted": (State.SUBMITTED,),
    "checked": (State.CHECKED,),
    "reviewed": (State.REVIEWED,),
    "approved": (State.APPROVED,),
    "paid": (State.PAYING, State.PAID),
}
# States holding an approved amount (approved and everything after it).
APPROVED_STATES = (State.APPROVED, State.PAYING, State.PAID, State.CLOSED)
DIMENSIONS = ("policy", "call", "batch", "subpark")
NO_SUBPARK = "—"


@dataclass(frozen=True)
class Filters:
    year: int | None = None  # the year the call opened
    policy: Policy | None = None

    def apply(self, applications: QuerySet[Application]) -> QuerySet[Application]:
        if self.year:
            applications = applications.filter(call__opens_on__year=self.year)
        if self.policy is not None:
            applications = applications.filter(call__policy=self.policy)
        return applications


def stage_labels() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label, _state in FUNNEL]


# Where each dimension's key sits in a row of _transitions, after the application id and the state.
KEY_COLUMNS = {"call__policy": 2, "call": 3, "batch": 4, "org_path": 5}
# state -> the funnel stages it counts for
STAGES_OF = {
    state: [stage for stage, states in STAGE_STATES.items() if state in states]
    for states in STAGE_STATES.values()
    for state in states
}


def _transitions(applications: QuerySet[Application]) -> list[tuple]:
    """(application, state, policy, call, batch, org path) of each distinct transition into a funnel
    stage: one query for the funnels of every dimension, rather than one per stage and dimension."""
    states = [state for states in STAGE_STATES.values() for state in states]
    keys = [f"application__{field}" for field in KEY_COLUMNS]
    return list(
        Transition.objects.filter(application__in=applications.values("pk"), to_state__in=states)
        .values_list("application_id", "to_state", *keys)
        .distinct()
    )


def _reached(transitions: list[tuple], key_field: str) -> dict:
    """{group key: {stage: applications that reached it}} with `key_field` a field of Application
    (one of KEY_COLUMNS), from the rows of _transitions."""
    column = KEY_COLUMNS[key_field]
    reached: dict = defaultdict(set)  # (key, stage) -> application ids
    for row in transitions:
        for stage in STAGES_OF[row[1]]:
            reached[row[column], stage].add(row[0])
    counts: dict = defaultdict(lambda: dict.fromkeys(STAGE_STATES, 0))
    for (key, stage), ids in reached.items():
        counts[key][stage] = len(ids)
    return counts


def _money(applications: QuerySet[Application], key_field: str) -> dict:
    rows = (
        applications.filter(state__in=APPROVED_STATES)
        .values(key_field)
        .annotate(approved=Sum("approved_amount"), paid=Sum("paid_amount"))
    )
    return {r[key_field]: (r["approved"] or Decimal(0), r["paid"] or Decimal(0)) for r in rows}


def _rows(counts: dict, money: dict, names: dict) -> list[dict]:
    rows = []
    for key, name in names.items():
        if key not in counts:
            continue
        approved, paid = money.get(key, (Decimal(0), Decimal(0)))
        stages = counts[key]
        accepted = stages["accepted"]
        rows.append(
            {
                "key": key,
                "name": name,
                "stages": [stages[s] for s in STAGE_STATES],
                "approval_rate": stages["approved"] / accepted if accepted else None,
                "approved_amount": approved,
                "paid_amount": paid,
            }
        )
    return rows


def _subpark_of(path: str, subparks: dict[str, OrgUnit]):
    """The pk of the sub-park whose subtree holds `path` (NO_SUBPARK when none does)."""
    for prefix, unit in subparks.items():
        if path.startswith(prefix):
            return unit.pk
    return NO_SUBPARK


def funnel(applications: QuerySet[Application], dimension: str, transitions: list[tuple]) -> list[dict]:
    """One row per policy / call / batch / sub-park (keyed by its pk): the stage counts, approval
    rate and money. `transitions`: _transitions(applications), read once for every dimension."""
    if dimension == "subpark":
        return _funnel_by_subpark(applications, transitions)
    field, model = {
        "policy": ("call__policy", Policy),
        "call": ("call", Call),
        "batch": ("batch", ApprovalBatch),
    }[dimension]
    counts = _reached(transitions, field)
    ids = [k for k in counts if k is not None]
    names = {obj.pk: obj.title for obj in model.objects.filter(pk__in=ids)}
    return _rows(counts, _money(applications, field), names)


def _funnel_by_subpark(applications: QuerySet[Application], transitions: list[tuple]) -> list[dict]:
    # Applications carry the enterprise's org path; a block's path starts with its sub-park's.
    subparks = {u.path: u for u in OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBPARK)}
    counts: dict = defaultdict(lambda: dict.fromkeys(STAGE_STATES, 0))
    money: dict = defaultdict(lambda: (Decimal(0), Decimal(0)))
    for path, stages in _reached(transitions, "org_path").items():
        key = _subpark_of(path or "", subparks)
        for stage, n in stages.items():
            counts[key][stage] += n
    for path, (approved, paid) in _money(applications, "org_path").items():
        key = _subpark_of(path or "", subparks)
        money[key] = (money[key][0] + approved, money[key][1] + paid)
    names = {unit.pk: unit.name for unit in subparks.values()}
    names[NO_SUBPARK] = _("Outside any sub-park")
    return _rows(counts, money, names)


def totals(rows: list[dict]) -> dict:
    return {
        "stages": [sum(r["stages"][i] for r in rows) for i in range(len(STAGE_STATES))],
        "approved_amount": sum((r["approved_amount"] for r in rows), Decimal(0)),
        "paid_amount": sum((r["paid_amount"] for r in rows), Decimal(0)),
    }


def amounts_by_track(applications: QuerySet[Application]) -> list[dict]:
    """Approved and paid amounts per track of the plan. The clause's track when it names one;
    otherwise the enterprise's tracks, an enterprise in several tracks counting an equal share in
    each (so that the column sums to the total)."""
    tracks = {t.pk: t for t in Industry.objects.filter(level=Industry.Level.TRACK)}
    approved = list(
        applications.filter(state__in=APPROVED_STATES).values_list(
            "pk", "enterprise_id", "clause__track_id", "approved_amount", "paid_amount"
        )
    )
    links = defaultdict(list)
    through = Enterprise.industries.through.objects.filter(
        enterprise_id__in={row[1] for row in approved}, industry_id__in=tracks
    )
    for enterprise_id, industry_id in through.values_list("enterprise_id", "industry_id"):
        links[enterprise_id].append(industry_id)
    sums: dict = defaultdict(lambda: {"approved": Decimal(0), "paid": Decimal(0), "projects": Decimal(0)})
    for _pk, enterprise_id, clause_track, amount, paid in approved:
        shares = [clause_track] if clause_track in tracks else sorted(links.get(enterprise_id, [])) or [None]
        part = Decimal(1) / len(shares)
        for track_id in shares:
            sums[track_id]["approved"] += (amount or 0) * part
            sums[track_id]["paid"] += (paid or 0) * part
            sums[track_id]["projects"] += part
    rows = [
        {
            "track": tracks[tid] if tid else None,
            "name": tracks[tid].name if tid else _("No track"),
            "projects": s["projects"].quantize(Decimal("0.1")),
            "approved_amount": s["approved"].quantize(Decimal("0.01")),
            "paid_amount": s["paid"].quantize(Decimal("0.01")),
        }
        for tid, s in sums.items()
    ]
    rows.sort(key=lambda r: -r["approved_amount"])
    return rows


def budget_rows(filters: Filters) -> dict[str, list[dict]]:
    """Budget, approved (proposed included, as the approval check counts it), paid and available
    per policy, call and clause, from services.budget_usage. District-wide figures: budgets are not
    split by sub-park."""
    policies = Policy.objects.all()
    calls = Call.objects.select_related("policy")
    clauses = Clause.objects.select_related("policy").filter(active=True)
    if filters.policy is not None:
        policies = policies.filter(pk=filters.policy.pk)
        calls = calls.filter(policy=filters.policy)
        clauses = clauses.filter(policy=filters.policy)
    if filters.year:
        calls = calls.filter(opens_on__year=filters.year)
        clauses = clauses.filter(calls__in=calls).distinct()

    def rows(objs, key):
        out = []
        objs = list(objs)
        for obj, usage in zip(objs, services.budget_usages(objs, key), strict=True):
            budget = usage.get("budget")
            out.append(
                {
                    "object": obj,
                    "name": obj.title,
                    **usage,
                    "used_rate": (usage["approved"] / budget) if budget else None,
                }
            )
        return out

    return {
        "policy": rows(policies, "policy"),
        "call": rows(calls, "call"),
        "clause": rows(clauses, "clause"),
    }


def stage_rate_filter(stage: str) -> Q:
    """The applications that reached `stage`, for drilling down from a funnel figure."""
    return Q(transitions__to_state__in=STAGE_STATES[stage])


def dashboard(applications: QuerySet[Application], filters: Filters) -> dict:
    applications = filters.apply(applications)
    transitions = _transitions(applications)
    by = {d: funnel(applications, d, transitions) for d in DIMENSIONS}
    return {
        "stages": stage_labels(),
        "funnel": by,
        "totals": totals(by["policy"]),
        "tracks": amounts_by_track(applications),
        "budget": budget_rows(filters),
    }
