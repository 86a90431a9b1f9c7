"""The demo district: load a synthetic panel into the registry, import its Torch workbooks through
the same pipeline a user's upload goes through, and set up the demo accounts.

`zerobay demo` is a thin command over `load_demo`. The panel itself and its files come from plain
modules without Django (generator, workbooks, enterprises_file), which `zerobay generate` uses.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise, Industry, OrgUnit, Qualification
from zerobay.registry.reference import load_reference
from zerobay.statistics.models import AnnualReport, ImportBatch, MonthlyReport, ReportRevision
from zerobay.statistics.services import import_file

from .generator import DEFAULT_ENTERPRISES, DEFAULT_SEED, Panel, generate_panel
from .workbooks import WorkbookFile, write_workbooks

DEMO_SOURCE = "demo"  # Enterprise.source and Qualification.source of everything the demo creates
DEMO_PASSWORD = "zerobay-demo"  # noqa: S105  (published on purpose: the demo's logins)
DEFAULT_YEARS = (2023, 2024, 2025)
DEFAULT_MONTHS = 10  # monthly reports of the latest year: January to October


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    org_unit: str | None  # code; None: the whole district
    description: str  # Chinese, printed beside the login
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount(
        "admin", Role.DISTRICT_ADMIN, None, "区科委管理员（district_admin），全区数据，含后台管理", True
    ),
    DemoAccount("dlhw", Role.OPERATOR, "DLHW", "大零号湾运营方（operator），仅限大零号湾及其区块"),
    DemoAccount("viewer", Role.VIEWER, None, "只读用户（viewer），全区数据，不能导入"),
)


# The apps' own demo data, loaded after the panel in this order. Each module has
#   load(*, password, seed, progress) -> list[(username, description)]: idempotent; creates its
#     data on a fresh panel and (re)sets its accounts' passwords every run; returns the logins;
#   wipe() -> int: removes what load created (called by --reset before the panel is wiped).
APP_DEMOS = (
    "zerobay.programs.demo",
    "zerobay.cultivation.demo",
    "zerobay.matching.demo",
    "zerobay.carriers.demo",
    # after the programmes, the hall and the carriers: its enterprise user's firm is one they all know
    "zerobay.service.demo",
    "zerobay.reports.demo",  # the key tasks (zerobay.workplan.demo) and their bulletins
)


class DemoError(RuntimeError):
    """The demo could not be loaded; the message says why (Chinese)."""


@dataclass
class DemoResult:
    loaded: bool  # False: the registry already had enterprises, nothing was loaded
    enterprises: int = 0
    files: list[WorkbookFile] = field(default_factory=list)
    batches: list[ImportBatch] = field(default_factory=list)
    wiped: dict = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)  # the apps' demo accounts
    seconds: float = 0.0


def _quiet(_message: str) -> None:
    pass


# ---------------------------------------------------------------------------- registry


def register_enterprises(panel: Panel) -> int:
    """Creates the panel's enterprises with their org unit, industries and qualifications."""
    units = {u.code: u for u in OrgUnit.objects.all()}
    industries = dict(Industry.objects.values_list("code", "id"))
    missing = {e.org_unit for e in panel.enterprises} - set(units)
    missing |= {c for e in panel.enterprises for c in (*e.tracks, *e.park_classes)} - set(industries)
    if missing:
        raise DemoError(
            _("Reference data lack the codes: %(codes)s (run zerobay load_reference first)")
            % {"codes": ", ".join(sorted(missing))}
        )
    with transaction.atomic():
        # bulk_create skips save(), which is what keeps org_path in step: set it here.
        objs = Enterprise.objects.bulk_create(
            [
                Enterprise(
                    uscc=e.uscc,
                    name=e.name,
                    org_unit_id=units[e.org_unit].pk,
                    org_path=units[e.org_unit].path,
                    founded=e.founded,
                    above_scale=e.above_scale,
                    source=DEMO_SOURCE,
                )
                for e in panel.enterprises
            ],
            batch_size=1000,
        )
        through = Enterprise.industries.through
        through.objects.bulk_create(
            [
                through(enterprise_id=obj.pk, industry_id=industries[code])
                for obj, e in zip(objs, panel.enterprises, strict=True)
                for code in (*e.tracks, *e.park_classes)
            ],
            batch_size=2000,
        )
        Qualification.objects.bulk_create(
            [
                Qualification(
                    enterprise_id=obj.pk,
                    kind=q.kind,
                    certificate_no=q.certificate_no,
                    valid_from=q.valid_from,
                    valid_to=q.valid_to,
                    source=DEMO_SOURCE,
                )
                for obj, e in zip(objs, panel.enterprises, strict=True)
                for q in e.qualifications
            ],
            batch_size=2000,
        )
    return len(objs)


def wipe_demo_data() -> dict:
    """Removes what the demo loaded: its enterprises (with their qualifications and reports) and
    its import batches (with their stored files). Enterprises and imports of users stay."""
    batches = ImportBatch.objects.filter(channel=ImportBatch.Channel.DEMO)
    enterprises = Enterprise.objects.filter(source=DEMO_SOURCE)
    files = list(batches.exclude(file="").values_list("file", flat=True))
    counts = {}
    try:
        with transaction.atomic():
            for module in APP_DEMOS:
                counts[module.split(".")[1]] = import_string(f"{module}.wipe")()
            ReportRevision.objects.filter(
                Q(batch__in=batches) | Q(superseded_by__in=batches) | Q(enterprise__in=enterprises)
            ).delete()
            for model in (AnnualReport, MonthlyReport):
                model.objects.filter(Q(batch__in=batches) | Q(enterprise__in=enterprises)).delete()
            counts["imports"] = batches.count()
            batches.delete()
            counts["enterprises"] = enterprises.count()
            enterprises.delete()
            audit.record(
                "demo.wiped",
                actor=None,
                object_type="demo",
                summary=f"清除演示数据：企业 {counts['enterprises']} 家，导入批次 {counts['imports']} 个",
            )
    except ProtectedError as exc:
        raise DemoError(
            _("Demo enterprises are still referenced by other data and cannot be wiped: %(objects)s")
            % {"objects": exc.protected_objects}
        ) from None
    storage = ImportBatch._meta.get_field("file").storage
    for name in files:
        storage.delete(name)
    return counts


# ---------------------------------------------------------------------------- accounts


def ensure_demo_users() -> list[tuple[DemoAccount, User]]:
    """Creates or resets the demo accounts (password `zerobay-demo`, every run)."""
    out = []
    for account in DEMO_ACCOUNTS:
        unit = OrgUnit.objects.get(code=account.org_unit) if account.org_unit else None
        user, _created = User.objects.get_or_create(username=account.username)
        user.role = account.role
        user.org_unit = unit
        user.is_staff = user.is_superuser = account.superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        out.append((account, user))
    return out


# ---------------------------------------------------------------------------- the whole demo


def load_demo(
    *,
    enterprises: int = DEFAULT_ENTERPRISES,
    years: tuple[int, ...] = DEFAULT_YEARS,
    months: int = DEFAULT_MONTHS,
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    out_dir: Path | None = None,
    progress: Callable[[str], None] = _quiet,
) -> DemoResult:
    """Loads the reference data, then (on an empty registry, or with `reset`) a synthetic panel:
    enterprises into the registry, workbooks to `out_dir` (var/demo/), each imported through the
    import pipeline. Finally the demo accounts. Raises DemoError if any import has an error."""
    started = time.monotonic()
    out_dir = Path(out_dir or settings.VAR_DIR / "demo")
    ref = load_reference()
    progress(
        _("Reference data: %(units)s org units, %(industries)s industry classes")
        % {
            "units": sum(ref["org_units"][k] for k in ("created", "updated", "unchanged")),
            "industries": sum(ref["industries"][k] for k in ("created", "updated", "unchanged")),
        }
    )
    result = DemoResult(loaded=False)
    if reset:
        result.wiped = wipe_demo_data()
        progress(
            _("Demo data wiped: %(enterprises)s enterprises, %(imports)s import batches")
            % {"enterprises": result.wiped["enterprises"], "imports": result.wiped["imports"]}
        )
    existing = Enterprise.objects.count()
    if existing and not reset:
        progress(
            _(
                "The registry already holds %(count)s enterprises; demo data not loaded (use --reset to reload)"
            )
            % {"count": existing}
        )
    elif existing and reset:
        progress(_("The registry holds %(count)s other enterprises, left as they are") % {"count": existing})
    if not existing or reset:
        _load_panel(result, enterprises, years, months, seed, out_dir, progress)
    ensure_demo_users()
    for module in APP_DEMOS:
        result.logins += import_string(f"{module}.load")(password=DEMO_PASSWORD, seed=seed, progress=progress)
    names = [a.username for a in DEMO_ACCOUNTS] + [u for u, _password in result.logins]
    progress(_("Demo accounts ready: %(names)s") % {"names": "、".join(names)})
    result.seconds = time.monotonic() - started
    return result


def _load_panel(result, enterprises, years, months, seed, out_dir, progress) -> None:
    t = time.monotonic()
    panel = generate_panel(enterprises, list(years), seed)
    progress(
        _("Generated %(count)s demo enterprises (%(first)s–%(last)s, seed %(seed)s) in %(seconds)s s")
        % {
            "count": len(panel.enterprises),
            "first": panel.years[0],
            "last": panel.latest_year,
            "seed": seed,
            "seconds": f"{time.monotonic() - t:.1f}",
        }
    )
    result.enterprises = register_enterprises(panel)
    progress(
        _("Registry: %(count)s enterprises created, with sub-parks, tracks and qualifications")
        % {"count": result.enterprises}
    )
    result.files = write_workbooks(panel, out_dir, money_unit=None, months=months)
    progress(
        _("Wrote %(count)s Torch statistics workbooks: %(dir)s")
        % {"count": len(result.files), "dir": out_dir}
    )
    for wf in result.files:
        t = time.monotonic()
        batch, report = import_file(
            wf.path, form_code=wf.form_code, period=wf.period, channel=ImportBatch.Channel.DEMO
        )
        if report.errors or batch.status != ImportBatch.Status.IMPORTED:
            first = "；".join(i.message for i in report.errors[:3])
            raise DemoError(
                _("Import of %(file)s failed (batch #%(id)s, %(status)s, %(errors)s errors): %(first)s")
                % {
                    "file": wf.path.name,
                    "id": batch.pk,
                    "status": batch.get_status_display(),
                    "errors": report.error_count,
                    "first": first,
                }
            )
        result.batches.append(batch)
        progress(
            _(
                "Imported %(file)s: %(rows)s rows, 0 errors, %(warnings)s warnings (batch #%(id)s, %(seconds)s s)"
            )
            % {
                "file": wf.path.name,
                "rows": report.rows_imported,
                "warnings": report.warning_count,
                "id": batch.pk,
                "seconds": f"{time.monotonic() - t:.1f}",
            }
        )
    audit.record(
        "demo.loaded",
        actor=None,
        object_type="demo",
        summary=f"载入演示数据：企业 {result.enterprises} 家，导入批次 {len(result.batches)} 个（种子 {seed}）",
        changes={"seed": seed, "years": list(years), "months": months, "enterprises": result.enterprises},
    )
    result.loaded = True
