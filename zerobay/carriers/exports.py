"""The evaluation as a workbook: one row per carrier and indicator (through tabular/xlsx)."""

from django.http import FileResponse
from django.utils.translation import gettext as _

from zerobay.tabular.xlsx import Workbook, write_cells, xlsx_download

from .evaluation.run import CarrierResult, Evaluation


def evaluation_xlsx_response(evaluation: Evaluation, results: list[CarrierResult]) -> FileResponse:
    name = f"{evaluation.scheme.name}-{evaluation.year}.xlsx"
    return xlsx_download(lambda f: _write(evaluation, results, f), name)


def _write(evaluation: Evaluation, results: list[CarrierResult], fileobj) -> None:
    workbook = Workbook(fileobj, streaming=True)
    summary = workbook.table(
        _("Results"),
        [_("Rank"), _("Carrier"), _("Type"), _("Score"), _("Grade"), _("Flags")],
        widths=[8, 36, 18, 10, 8, 8],
    )
    for n, r in enumerate(results, start=1):
        write_cells(summary, n, 0, [r.rank, r.name, r.kind_label, r.score, r.grade.grade, len(r.flags)])
    detail = workbook.table(
        _("Indicators"),
        [_("Carrier"), _("Indicator"), _("Value"), _("Stated"), _("Points"), _("Weight"), _("Source")],
        widths=[30, 36, 14, 14, 10, 10, 60],
    )
    n = 0
    for r in results:
        for line in r.lines:
            n += 1
            write_cells(
                detail,
                n,
                0,
                [r.name, line.label, line.value, line.stated, line.points, line.weight, line.source],
            )
    workbook.close()
