"""The bulletin's life: a draft of a month (a fresh snapshot), its narrative edited by staff,
issued once (the document drawn and stored; nothing changes after), corrected by a new version."""

import datetime
import io

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.tabular.xlsx import Workbook, write_cells

from ..models import Bulletin
from . import document, snapshot


class BulletinRefused(ValueError):
    """The action does not fit the bulletin's state; the message says why."""


@transaction.atomic
def draft(user, month: datetime.date) -> Bulletin:
    """The month's draft with a fresh snapshot (created, or refreshed if one is open). After an issued
    version, the draft is the next version: a correction."""
    month = month.replace(day=1)
    open_draft = (
        Bulletin.objects.select_for_update().filter(period=month, status=Bulletin.Status.DRAFT).first()
    )
    snap = snapshot.take(month)
    if open_draft is not None:
        open_draft.snapshot = snap
        open_draft.save(update_fields=["snapshot"])
        audit.record("reports.bulletin.refresh", actor=user, obj=open_draft, summary=str(open_draft))
        return open_draft
    version = (Bulletin.objects.filter(period=month).aggregate(v=Max("version"))["v"] or 0) + 1
    bulletin = Bulletin.objects.create(
        period=month, number=snap["number"], version=version, snapshot=snap, created_by=_actor(user)
    )
    audit.record("reports.bulletin.draft", actor=user, obj=bulletin, summary=str(bulletin))
    return bulletin


@transaction.atomic
def edit_narrative(user, bulletin: Bulletin, narrative: dict[str, str]) -> Bulletin:
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status != Bulletin.Status.DRAFT:
        raise BulletinRefused(_("An issued bulletin cannot be changed: draft a correction instead."))
    before = dict(bulletin.narrative)
    bulletin.narrative = {
        k: v.strip() for k, v in narrative.items() if k in document.SECTIONS and v and v.strip()
    }
    bulletin.save(update_fields=["narrative"])
    audit.record(
        "reports.bulletin.narrative", actor=user, obj=bulletin, summary=str(bulletin),
        changes={"before": before, "after": bulletin.narrative},
    )  # fmt: skip
    return bulletin


@transaction.atomic
def issue(user, bulletin: Bulletin, today: datetime.date | None = None) -> Bulletin:
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status != Bulletin.Status.DRAFT:
        raise BulletinRefused(_("This bulletin is issued already."))
    bulletin.document = document.render(
        bulletin.snapshot, bulletin.narrative, issued_on=today or timezone.localdate()
    )
    bulletin.status, bulletin.issued_at, bulletin.issued_by = (
        Bulletin.Status.ISSUED,
        timezone.now(),
        _actor(user),
    )
    bulletin.save(update_fields=["document", "status", "issued_at", "issued_by"])
    audit.record("reports.bulletin.issue", actor=user, obj=bulletin, summary=str(bulletin))
    return bulletin


def docx_bytes(bulletin: Bulletin) -> bytes:
    """The document: as issued, or drawn now (a draft; an issued bulletin archived with its snapshot
    only, as the demo's are: drawn from that snapshot with its issue date, the same every time)."""
    if bulletin.document is not None:
        return bytes(bulletin.document)
    issued_on = timezone.localtime(bulletin.issued_at).date() if bulletin.issued_at else None
    return document.render(bulletin.snapshot, bulletin.narrative, issued_on=issued_on)


def paragraphs(bulletin: Bulletin) -> dict[str, str]:
    return document.default_narrative(bulletin.snapshot) | bulletin.narrative


def xlsx_bytes(bulletin: Bulletin) -> bytes:
    """The bulletin's tables, one sheet each."""
    snap, out = bulletin.snapshot, io.BytesIO()
    wb = Workbook(out, in_memory=True)
    sheet = wb.table(_("Headline"), [_("Figure"), _("Value"), _("Unit")], widths=(24, 14, 8))
    for i, h in enumerate(snap["headline"], start=1):
        write_cells(sheet, i, 0, [h["label"], h["value"], h["unit"]])
    sheet = wb.table(
        _("Indicators"),
        [
            _("Indicator"),
            _("Year"),
            _("Value"),
            _("Target year"),
            _("Target"),
            _("Unit"),
            _("Completion"),
            _("Status"),
        ],
        widths=(36, 8, 14, 10, 14, 8, 10, 10),
    )
    for i, r in enumerate(snap["indicators"], start=1):
        write_cells(
            sheet, i, 0,
            [r["name"], r["year"], r["value"], r["target_year"], r["target"], r["unit"], r["completion"], r["status_label"]],
        )  # fmt: skip
    sheet = wb.table(
        _("Key tasks"),
        [_("No."), _("Task"), _("Category"), _("Lead units"), _("Due date"), _("Status"), _("Progress")],
        widths=(8, 36, 24, 24, 12, 8, 8),
    )
    labels = snap["tasks"]["labels"]
    for i, t in enumerate(snap["tasks"]["rows"], start=1):
        write_cells(
            sheet, i, 0,
            [t["code"], t["title"], t["category"], "、".join(t["lead_units"]), t["due"], labels[t["status"]], t["progress"]],
        )  # fmt: skip
    sheet = wb.table(
        _("Timeliness"),
        [_("Rank"), _("Unit"), _("Expected"), _("Filed"), _("On time"), _("Rate")],
        widths=(6, 20, 8, 8, 8, 8),
    )
    for i, r in enumerate(snap["tasks"]["timeliness"], start=1):
        write_cells(sheet, i, 0, [r["rank"], r["unit"], r["expected"], r["filed"], r["on_time"], r["rate"]])
    wb.close()
    return out.getvalue()


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None
