"""The public notice (公示) of an approval batch: the list of proposed projects with their amounts,
as a Word document and as a workbook. Both read the same rows (`notice_rows`), so they never
disagree; amounts are shown in 万元, as notices state them.
"""

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from zerobay.tabular.xlsx import Workbook

from .models import Application, ApprovalBatch
from .workflow import State

WAN = Decimal(10_000)
# Listed on a notice: proposed, and what became of them once the batch was finalised.
NOTICE_STATES = (State.PROPOSED, State.APPROVED, State.PAYING, State.PAID, State.CLOSED)


@dataclass(frozen=True)
class NoticeRow:
    number: int
    enterprise: str
    uscc: str
    title: str
    clause: str
    amount_wan: Decimal


def notice_rows(batch: ApprovalBatch, applications: QuerySet[Application]) -> list[NoticeRow]:
    """The batch's proposed projects among `applications` (already limited to the user's scope),
    ordered by clause then rank."""
    apps = (
        applications.filter(batch=batch, state__in=NOTICE_STATES)
        .select_related("enterprise", "clause")
        .order_by("clause__number", "clause__code", "rank", "code")
    )
    return [
        NoticeRow(
            number=i,
            enterprise=a.enterprise.name,
            uscc=a.enterprise.uscc,
            title=a.title,
            clause=f"{a.clause.code} {a.clause.title}",
            amount_wan=((a.approved_amount or Decimal(0)) / WAN).quantize(Decimal("0.01")),
        )
        for i, a in enumerate(apps, start=1)
    ]


def _headers() -> list[str]:
    return [
        _("No."),
        _("Enterprise name"),
        _("Unified social credit code"),
        _("Project title"),
        _("Clause"),
        _("Proposed amount (10k yuan)"),
    ]


def _period(batch: ApprovalBatch) -> str:
    if batch.notice_from and batch.notice_to:
        return _("Notice period: %(start)s to %(end)s") % {
            "start": batch.notice_from.isoformat(),
            "end": batch.notice_to.isoformat(),
        }
    return _("Notice period: not yet set")


def notice_docx(batch: ApprovalBatch, rows: list[NoticeRow]) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")  # CJK text needs its own font slot
    normal.font.size = Pt(11)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(_("Public notice of the proposed projects: %(batch)s") % {"batch": batch.title})
    run.bold = True
    run.font.size = Pt(16)
    doc.add_paragraph(
        _(
            "The following %(count)s projects of %(policy)s are proposed for approval, for a total of "
            "%(total)s (10k yuan). Objections may be raised during the notice period."
        )
        % {
            "count": len(rows),
            "policy": batch.policy.title,
            "total": f"{sum((r.amount_wan for r in rows), Decimal(0)):,.2f}",
        }
    )
    doc.add_paragraph(_period(batch))
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, _headers(), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for r in rows:
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            (str(r.number), r.enterprise, r.uscc, r.title, r.clause, f"{r.amount_wan:,.2f}"),
            strict=True,
        ):
            cell.text = text
        cells[5].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def notice_xlsx(batch: ApprovalBatch, rows: list[NoticeRow]) -> bytes:
    out = io.BytesIO()
    wb = Workbook(out, in_memory=True)
    sheet = wb.table(_("Public notice"), _headers(), row=3, widths=(6, 36, 22, 40, 36, 16))
    head, money = wb.header, wb.style("money")
    sheet.write_string(0, 0, batch.title, wb.style("title"))
    sheet.write_string(1, 0, _period(batch))
    for i, r in enumerate(rows, start=4):
        sheet.write_number(i, 0, r.number)
        sheet.write_string(i, 1, r.enterprise)
        sheet.write_string(i, 2, r.uscc)
        sheet.write_string(i, 3, r.title)
        sheet.write_string(i, 4, r.clause)
        sheet.write_number(i, 5, float(r.amount_wan), money)
    total_row = 4 + len(rows)
    sheet.write_string(total_row, 4, _("Total"), head)
    sheet.write_number(total_row, 5, float(sum((r.amount_wan for r in rows), Decimal(0))), money)
    wb.close()
    return out.getvalue()
