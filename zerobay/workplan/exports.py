"""The task list as a workbook: the filtered tasks with their computed and declared status."""

import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zerobay.tabular.xlsx import Workbook, write_cells

from .models import Status, Task
from .services import states, with_details


def tasks_xlsx(tasks: QuerySet[Task]) -> bytes:
    out = io.BytesIO()
    wb = Workbook(out, in_memory=True)
    header = [
        _("No."), _("Task"), _("Category"), _("Lead units"), _("Co-operating units"), _("Due date"),
        _("Computed status"), _("Declared status"), _("Progress"), _("Linked indicators"),
    ]  # fmt: skip
    sheet = wb.table(_("Key tasks"), header, widths=(8, 36, 24, 24, 24, 12, 12, 12, 8, 30))
    for i, s in enumerate(states(with_details(tasks)), start=1):
        t = s.task
        write_cells(
            sheet, i, 0,
            [
                t.code, t.title, t.category, "、".join(str(u) for u in t.lead_units.all()),
                "、".join(str(u) for u in t.co_units.all()), t.due if t.due else _("Continuous"),
                str(s.status.label), str(Status(s.declared).label) if s.declared else "", s.progress,
                "、".join(i.name for i in s.indicators),
            ],
        )  # fmt: skip
    wb.close()
    return out.getvalue()
