"""Task-list workbooks as offices write them: a title, merged section rows, several units per cell,
deadlines in every form, and some rows that are wrong."""

import datetime
from pathlib import Path

import xlsxwriter

from zerobay.registry.models import Unit

HEADER = ["序号", "重点任务", "具体举措", "牵头单位", "协同单位", "时间节点", "对应指标"]


def make_units() -> dict[str, Unit]:
    rows = [
        ("KW", "闵行区科学技术委员会", "区科委", ["区科学技术委员会", "科委"], "department"),
        ("FGW", "闵行区发展和改革委员会", "区发展改革委", ["区发改委"], "department"),
        ("JW", "闵行区经济委员会", "区经委", [], "department"),
        ("DLHW", "上海大零号湾科技创新发展有限公司", "大零号湾集团", [], "operator"),
        ("WJ", "闵行区吴泾镇", "吴泾镇", [], "town"),
    ]
    return {
        code: Unit.objects.create(code=code, name=name, short_name=short, aliases=aliases, kind=kind, sort=i)
        for i, (code, name, short, aliases, kind) in enumerate(rows)
    }


# (序号, 任务, 举措, 牵头, 协同, 时限, 指标); a str row is a merged section row
MESSY_ROWS: list = [
    "一、提升科技创新策源功能",
    [
        "1",
        "建设概念验证中心",
        "新建2家概念验证中心",
        "区科委",
        "大零号湾集团、吴泾镇",
        "2026年6月30日前",
        "district.rd_expenditure",
    ],
    [
        "2",
        "推进大学科技园扩容",
        "新增载体5万平方米",
        "区科委、区发改委",
        "区经委，吴泾镇",
        "三季度",
        "大学科技园载体面积",
    ],
    [3, "举办创新挑战赛", "全年举办10场", "区科委/大零号湾集团", "", "Q3", ""],
    [
        "4",
        "高企培育",
        "新认定高企200家",
        "科委；区经委",
        "区发展改革委 吴泾镇",
        "年底前",
        "district.hte_recognised",
    ],
    "二、加快成果转化",
    ["5", "成果转化服务平台", "上线运行", "区科委", "", "6月底", ""],
    ["6", "技术经理人队伍", "培养200名", "闵行区科委", "", "上半年", ""],
    ["7", "科技金融", "设立天使基金", "区发展改革委", "区财政局", "持续推进", ""],
    ["8", "孵化器提质", "新增市级孵化器2家", "大零号湾集团", "", "第四季度", ""],
    ["9", "", "没有任务名称的一行", "区科委", "", "年底", ""],
    ["10", "没有牵头单位", "举措", "", "区经委", "年底", ""],
    ["11", "时限写错", "举措", "区科委", "", "尽快", ""],
    ["5", "序号重复", "举措", "区科委", "", "年中", ""],
    ["12", "常态化服务企业", "走访", "区科委", "", "常态化", ""],
    ["13", "年内完成评估", "评估", "区科委", "", "年内", ""],
    ["14", "日期单元格", "评估", "区科委", "", datetime.date(2026, 11, 20), ""],
    ["15", "下半年任务", "评估", "区科委", "", "下半年", ""],
    ["16", "12月底任务", "评估", "区科委", "", "12月底", ""],
    ["17", "月份任务", "评估", "区科委", "", "2026年9月", ""],
    ["18", "长期任务", "评估", "区科委", "", "长期", ""],
    ["19", "全年推进任务", "评估", "区科委", "", "全年推进", ""],
    ["20", "年中任务", "评估", "区科委", "", "年中", ""],
    ["21", "第三季度任务", "评估", "区科委", "", "第三季度", ""],
    ["22", "之前任务", "评估", "区科委", "", "2026-10-15之前", ""],
    ["23", "新单位牵头", "评估", "区科委、区数据局", "", "10月", ""],
]


def write_task_list(path: Path, rows: list = MESSY_ROWS, header: list = HEADER) -> Path:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("任务清单")
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    last = len(header) - 1
    ws.merge_range(0, 0, 0, last, "大零号湾2026年度重点工作任务清单")
    ws.write_row(1, 0, ["填报单位：区科委", None, None, None, None, "2026年1月"])
    ws.write_row(2, 0, header)
    r = 3
    for row in rows:
        if isinstance(row, str):
            ws.merge_range(r, 0, r, last, row)
        else:
            for c, value in enumerate(row):
                if isinstance(value, datetime.date):
                    ws.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), date_format)
                elif value not in (None, ""):
                    ws.write(r, c, value)
        r += 1
    ws.merge_range(r, 0, r, last, "注：时间节点以区政府批复为准")
    wb.close()
    return path
