"""The spreadsheets of the chase pages (the month's list, 升规纳统): one sheet, a header row, the rows."""

import xlsxwriter

from zerobay.registry.exports import xlsx_download


def table_xlsx(filename: str, title: str, header: list[str], rows: list[list]):
    def write(fileobj):
        workbook = xlsxwriter.Workbook(fileobj, {"strings_to_numbers": False, "in_memory": True})
        sheet = workbook.add_worksheet(title)
        sheet.write_row(0, 0, header, workbook.add_format({"bold": True, "bg_color": "#E8F0FB", "border": 1}))
        for n, row in enumerate(rows, start=1):
            sheet.write_row(n, 0, row)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, len(header) - 1, 14)
        sheet.freeze_panes(1, 2)
        sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        workbook.close()

    return xlsx_download(write, filename)
