"""Reading messy workbooks: title rows above the header, headers on two rows, full-width units,
required marks and a row of column numbers under the header."""

import csv

import pytest
import xlsxwriter

from zerobay.tabular import reading
from zerobay.tabular.headers import (
    find_header,
    fold,
    is_numbering_row,
    label_index,
    merge_header_rows,
    scan_header,
    split_header,
    unit_only,
)

INDEX = label_index([("统一社会信用代码", "uscc"), ("企业名称", "name"), ("营业收入", "revenue")])


def _xlsx(path, rows):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("报表")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return path


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("营业收入（千元）", ("营业收入", "千元")),
        ("营业收入(万元)", ("营业收入", "万元")),
        ("营业收入/亿元", ("营业收入", "亿元")),
        ("*统一社会信用代码", ("统一社会信用代码", None)),
        ("其中：发明专利申请数（件）", ("发明专利申请数", "件")),
        ("１．企业名称", ("企业名称", None)),
        ("营业收入\n（单位：千元）", ("营业收入", "千元")),
        ("营业收入(本年累计)", ("营业收入(本年累计)", None)),
    ],
)
def test_a_header_is_folded_to_its_label_and_unit(header, expected):
    assert split_header(header) == expected


def test_full_width_forms_fold_to_ascii():
    assert fold("Ｒ＆Ｄ 人员") == "r&d人员"


def test_the_header_is_found_below_title_rows_in_a_workbook(tmp_path):
    path = _xlsx(
        tmp_path / "t.xlsx",
        [
            ["2025年企业年报"],
            ["填报单位：闵行园区"],
            [],
            ["*统一社会信用代码", "企业名称", "营业收入（千元）"],
            ["91310112MA1GBUG37X", "甲公司", 12.5],
        ],
    )
    [(name, _count, rows)] = list(reading.sheets(path))
    rows = list(rows)
    assert name == "报表"
    row, cells = find_header(rows, INDEX, lambda keys: {"uscc", "name"} <= keys)
    assert row == 4
    assert cells[2] == "营业收入（千元）"


def test_no_header_in_the_first_rows_is_none():
    rows = [(i, ["标题"]) for i in range(1, 40)]
    assert find_header(rows, INDEX, lambda keys: "uscc" in keys) is None


def test_a_header_on_two_rows_is_merged_into_one():
    top = ["统一社会信用代码", "企业名称", "营业收入"]
    below = ["", "", "（千元）"]
    assert merge_header_rows(top, below, INDEX) == ["统一社会信用代码", "企业名称", "营业收入(千元)"]
    group = ["基本情况", "", "经营情况"]
    names = ["统一社会信用代码", "企业名称", "营业收入(千元)"]
    assert merge_header_rows(group, names, INDEX) == names


def test_an_enterprise_row_is_not_a_second_header_row():
    top = ["统一社会信用代码", "企业名称", "营业收入（千元）"]
    assert merge_header_rows(top, ["91310112MA1GBUG37X", "甲公司", 10], INDEX) is None


def test_a_numbering_row_is_recognised_and_an_enterprise_row_is_not():
    assert is_numbering_row(["甲", "乙", 1, 2, 3])
    assert is_numbering_row(["qa03", "qa04", "qc05_0"])
    assert not is_numbering_row(["91310112MA1GBUG37X", "甲公司", 1])


def test_a_unit_alone_in_a_cell():
    assert unit_only("单位：千元") == "千元"
    assert unit_only("（万元）") == "万元"
    assert unit_only("营业收入") is None


def test_csv_in_gbk_is_read(tmp_path):
    path = tmp_path / "t.csv"
    with path.open("w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows([["统一社会信用代码", "企业名称"], ["91310112MA1GBUG37X", "乙公司"]])
    [(_name, count, rows)] = list(reading.sheets(path))
    assert count == 2
    assert list(rows)[1] == (2, ["91310112MA1GBUG37X", "乙公司"])


def test_an_unsupported_or_broken_file_says_why(tmp_path):
    with pytest.raises(reading.UnreadableFile, match="不支持的文件类型"):
        list(reading.sheets(tmp_path / "a.pdf"))
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(reading.UnreadableFile, match="无法读取工作簿"):
        list(reading.sheets(broken))


def test_scanning_a_header_names_each_column_once_and_says_which_cell_repeats_it():
    cells = ["*统一社会信用代码", None, "企业名称", "备注", "营业收入（万元）", "企业名称"]
    scanned = list(scan_header(cells, INDEX, key=lambda column: column))
    assert [(c.position, c.column, c.unit, c.duplicate_of) for c in scanned] == [
        (0, "uscc", None, None),
        (2, "name", None, None),
        (3, None, None, None),
        (4, "revenue", "万元", None),
        (5, "name", None, "企业名称"),
    ]


def test_an_unreadable_file_is_explained_in_the_users_language(tmp_path):
    from django.utils import translation

    from zerobay.tabular.reading import UnreadableFile, sheets

    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    for language, words in (("zh-hans", "不支持的文件类型“.pdf”"), ("en", "Unsupported file type “.pdf”")):
        with translation.override(language), pytest.raises(UnreadableFile, match=words):
            list(sheets(path))
