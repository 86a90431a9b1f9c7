"""The one xlsx writer: text is written as text, never as a formula, a link or a number, in every
export of the platform; one header style; a frozen header row; streaming for big exports."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EnterpriseFactory
from tests.matching.conftest import catalogue, firms, make_achievement, make_demand, taxonomy  # noqa: F401
from tests.programs.conftest import scenario  # noqa: F401 (the programmes' fixture)
from tests.programs.factories import new_application
from zerobay.cultivation.exports import certificates_xlsx_response, table_xlsx_response
from zerobay.indicators.views.workbook import _xlsx as indicator_xlsx
from zerobay.matching.exports import achievements_xlsx_response, demands_xlsx_response
from zerobay.matching.models import Achievement, Demand
from zerobay.programs.exports import write_dashboard_xlsx
from zerobay.programs.notices import NoticeRow, notice_xlsx
from zerobay.registry.carriers import carriers_xlsx_response
from zerobay.registry.exports import write_enterprises_xlsx
from zerobay.registry.models import Carrier, Enterprise
from zerobay.tabular.xlsx import STYLES, Workbook, write_cells

EVIL = '=HYPERLINK("http://evil.example","点我")'
TEXTS = [EVIL, "+1+1", "-2+3", "@SUM(A1:A2)", "{=A1}", "http://evil.example", "0012"]


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_literal(data: bytes, text: str = EVIL) -> None:
    """Somewhere in the workbook a cell holds `text` as a string, and no cell holds a formula."""
    book = _book(data)
    found = False
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value}"
                if cell.value == text:
                    assert cell.data_type == "s"
                    found = True
    assert found, f"{text!r} is not in the workbook"


def test_every_text_lands_as_literal_text_through_write_cells_and_write_row():
    out = io.BytesIO()
    book = Workbook(out, in_memory=True)
    sheet = book.table("表", ["名称", "数量"], widths=[20, 10])
    write_cells(sheet, 1, 0, TEXTS)
    sheet.write_row(2, 0, TEXTS)  # xlsxwriter's own dispatch, with the workbook's text-only options
    book.close()
    ws = _book(out.getvalue())["表"]
    for r in (2, 3):
        values = [c.value for c in ws[r]]
        assert values == TEXTS
        assert {c.data_type for c in ws[r]} == {"s"}
    assert ws.freeze_panes == "A2"
    header = ws["A1"]
    assert header.font.b and header.border.left.style == "thin"
    assert header.fill.fgColor.rgb.endswith(STYLES["header"]["bg_color"].lstrip("#"))


def test_values_keep_their_type():
    out = io.BytesIO()
    book = Workbook(out, streaming=True)
    sheet = book.table("表", ["a"] * 5)
    write_cells(
        sheet,
        1,
        0,
        ["文字", 3, Decimal("1.5"), None, timezone.localdate()],
        [None, None, book.style("money"), None, book.style("date")],
    )
    book.close()
    ws = _book(out.getvalue())["表"]
    a, b, c, d, e = ws[2][:5]
    assert (a.value, b.value, c.value, d.value) == ("文字", 3, 1.5, None)
    assert c.number_format == "#,##0.00"
    assert e.is_date


@pytest.mark.django_db
def test_the_enterprise_export(district):
    EnterpriseFactory(name=EVIL)
    out = io.BytesIO()
    write_enterprises_xlsx(Enterprise.objects.all(), out, today=timezone.localdate())
    _assert_literal(out.getvalue())


@pytest.mark.django_db
def test_the_carrier_export(district):
    Carrier.objects.create(name=EVIL, kind=Carrier.Kind.choices[0][0], operator="@cmd")
    data = _body(carriers_xlsx_response(Carrier.objects.all()))
    _assert_literal(data)
    _assert_literal(data, "@cmd")


@pytest.mark.django_db
def test_the_hall_exports(catalogue):  # noqa: F811
    make_achievement("CG-EVIL", Achievement.Status.PUBLISHED, title=EVIL)
    make_demand("XQ-EVIL", Demand.Status.OPEN, title="+1+cmd|' /C calc'!A0")
    _assert_literal(_body(achievements_xlsx_response(Achievement.objects.all())))
    _assert_literal(_body(demands_xlsx_response(Demand.objects.all())), "+1+cmd|' /C calc'!A0")


@pytest.mark.django_db
def test_the_hall_page_export(client, catalogue):  # noqa: F811
    make_achievement("CG-EVIL", Achievement.Status.PUBLISHED, title=EVIL)
    _assert_literal(_body(client.get("/hall/", {"format": "xlsx"})))


@pytest.mark.django_db
def test_the_application_list_export(client, scenario):  # noqa: F811
    new_application(scenario, title=EVIL)
    client.force_login(scenario.staff)
    response = client.get(reverse("programs-applications"), {"format": "xlsx"})
    assert response.status_code == 200
    _assert_literal(_body(response))


def test_the_programme_dashboard_export():
    data = {
        "stages": [("submitted", "已提交")],
        "funnel": {
            "policy": [
                {
                    "name": EVIL,
                    "stages": [3],
                    "approval_rate": 0.5,
                    "approved_amount": Decimal(10_000),
                    "paid_amount": Decimal(0),
                }
            ]
        },
        "tracks": [{"name": "-1+1", "projects": 1, "approved_amount": Decimal(0), "paid_amount": Decimal(0)}],
        "budget": {"policy": [{"name": "@x", "budget": Decimal(10_000)}]},
    }
    out = io.BytesIO()
    write_dashboard_xlsx(data, out)
    for text in (EVIL, "-1+1", "@x"):
        _assert_literal(out.getvalue(), text)


def test_the_public_notice_export():
    class Batch:
        title = EVIL
        notice_from = notice_to = None

    rows = [NoticeRow(1, "@企业", "91310112MA0000001X", EVIL, "+条款", Decimal(5))]
    data = notice_xlsx(Batch(), rows)
    for text in (EVIL, "@企业", "+条款"):
        _assert_literal(data, text)


def test_the_indicator_export():
    response = indicator_xlsx("x.xlsx", [("指标", ["名称", "值"], [[EVIL, 1.5], ["=1+1", None]])])
    data = _body(response)
    _assert_literal(data)
    _assert_literal(data, "=1+1")


def test_the_cultivation_exports():
    _assert_literal(
        _body(table_xlsx_response("c.xlsx", "月报", ["代码", "名称", "状态"], [["91", EVIL, "-"]]))
    )
    watch = {
        "as_of": "2026-01-01",
        "expiring": [
            {
                "uscc": "91",
                "name": EVIL,
                "org_unit": None,
                "valid_to": "2026-03-01",
                "would_requalify_label": "是",
            }
        ],
    }
    _assert_literal(_body(certificates_xlsx_response(watch)))
