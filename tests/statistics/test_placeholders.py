"""Placeholders in number columns: the conventional empty marks are read as empty, each with a
warning naming its cell; any other text (N/A, none, 空, 待定) is an error of its row."""

import pytest

from zerobay.statistics.models import AnnualReport

from ..factories import make_uscc
from .helpers import HEADER, rules, run_import

pytestmark = pytest.mark.django_db


def row(uscc, revenue, patents=12):
    return [uscc, "上海零号湾科技有限公司", 120, revenue, -300, 30, 300, patents, 5, 800]


@pytest.mark.parametrize("mark", ["-", "—", "/", "无", "－", "——", " / "])
def test_a_conventional_mark_is_empty_with_a_warning_naming_the_cell(workbook, district, mark):
    uscc = make_uscc()
    status, report = run_import(workbook(HEADER, [row(uscc, mark)]))
    assert status == 0 and report["rows_imported"] == 1
    (warning,) = [w for w in report["warnings"] if w["rule"] == "placeholder"]
    assert (warning["row"], warning["column"]) == (2, "营业收入（千元）")
    assert warning["value"] == mark.strip() and "按空值" in warning["message"]
    assert AnnualReport.objects.get(enterprise__uscc=uscc).revenue is None


@pytest.mark.parametrize("text", ["N/A", "n/a", "NA", "none", "null", "空", "待定", "约100"])
def test_other_text_in_a_number_column_is_an_error_of_its_row(workbook, district, text):
    status, report = run_import(workbook(HEADER, [row(make_uscc(), 5000), row(make_uscc(), text)]))
    assert status == 1 and report["rows_imported"] == 0
    assert rules(report) == [(3, "not_a_number")]
    assert report["errors"][0]["value"] == text
    assert not AnnualReport.objects.exists()
