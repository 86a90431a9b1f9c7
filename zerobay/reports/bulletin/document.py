"""The bulletin as a Word document, in the usual layout of a government office's bulletin (A4, GB/T
9704 margins, the red masthead with the issue number, the issuing office and the date over a red
rule, numbered sections, the distribution line at the end), drawn from a snapshot and the narrative
paragraphs staff may have edited."""

import datetime
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import charts

TITLE = "大零号湾科技创新工作简报"
OFFICE = "闵行区科学技术委员会"
DISTRIBUTION = "报：区委、区政府领导。送：张江高新区闵行园区各区块，区相关部门，各镇、街道。"
RED = RGBColor(0xC0, 0x00, 0x00)
BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "方正小标宋简体"
SECTIONS = ("overview", "indicators", "tasks", "programmes", "cultivation", "matching")


def default_narrative(snap: dict) -> dict[str, str]:
    """The paragraphs the system writes; staff may rewrite any of them before issuing."""
    heads = {h["label"]: h for h in snap["headline"]}
    tasks, prog, rep = snap["tasks"], snap["programmes"], snap["cultivation"]["reporting"]
    counts = tasks["counts"]
    month = datetime.date.fromisoformat(snap["cutoff"])
    rate = heads["月报按时报送率"]["value"]
    return {
        "overview": (
            f"{month.year}年{month.month}月，园区跟踪的{heads['跟踪指标']['value']}项发展指标中，"
            f"{heads['达成或正常']['value']}项达成或进展正常，{heads['有风险或滞后']['value']}项有风险或滞后；"
            f"{tasks['total']}项重点任务中已完成{counts['done']}项，红色预警{counts['red']}项。"
        ),
        "indicators": "下表列出设有目标的发展指标截至本月的完成情况，完成率对照最近的目标年份计算。",
        "tasks": (
            f"截至{month.month}月{month.day}日，重点任务红色{counts['red']}项、黄色{counts['yellow']}项、"
            f"蓝色{counts['blue']}项、绿色{counts['green']}项、已完成{counts['done']}项。红色任务及牵头单位如下，请抓紧推进。"
        ),
        "programmes": (
            f"本月受理政策申报{prog['received']}件，批准{prog['approved']}件，拨付资金{prog['payments']}笔、"
            f"合计{prog['paid_wan']:.2f}万元。"
        ),
        "cultivation": (
            f"本月应报月报企业{rep['expected']}家，按时报送{rep['on_time']}家，逾期{rep['late']}家，"
            f"未报{rep['missing']}家" + (f"，按时报送率{rate}%。" if rate is not None else "。")
        ),
        "matching": "本年累计供需对接情况如下。",
    }


def _font(run, name: str, size: float, bold: bool = False, colour: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if colour is not None:
        run.font.color.rgb = colour


def _paragraph(
    doc, text: str, *, font=BODY_FONT, size=16.0, bold=False, colour=None, align=None, indent=True
):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(4)
    _font(p.add_run(text), font, size, bold, colour)
    return p


def _red_rule(paragraph) -> None:
    """A red rule under the masthead: the paragraph's bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _table(doc, header: list[str], rows: list[list], widths: list[float] | None = None):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 10.5, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run("" if value is None else str(value)), BODY_FONT, 10.5)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    return table


def _picture(doc, png: bytes, width_cm: float = 15.0) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _number(value, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.{digits}f}"
    return f"{int(value):,}" if isinstance(value, int | float) else str(value)


def _percent(rate) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"


def render(
    snap: dict, narrative: dict[str, str] | None = None, *, issued_on: datetime.date | None = None
) -> bytes:
    """The .docx of a snapshot; `narrative` replaces any of the default paragraphs."""
    text = default_narrative(snap) | {k: v for k, v in (narrative or {}).items() if k in SECTIONS and v}
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    # Masthead: title in red, issue number, office and date over the red rule.
    _paragraph(
        doc,
        TITLE,
        font=TITLE_FONT,
        size=26,
        bold=True,
        colour=RED,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    _paragraph(doc, f"第{snap['number']}期", size=16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    cutoff = datetime.date.fromisoformat(snap["cutoff"])
    day = issued_on or cutoff
    office = OFFICE + (f"（{snap['org_unit']['name']}）" if snap.get("org_unit") else "")
    line = _paragraph(
        doc, f"{office}\u3000\u3000\u3000\u3000{day.year}年{day.month}月{day.day}日", size=14, indent=False
    )
    _red_rule(line)
    _paragraph(
        doc, f"{cutoff.year}年{cutoff.month}月工作通报", font=TITLE_FONT, size=20, bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
    )  # fmt: skip

    _heading(doc, "一、本月概况")
    _paragraph(doc, text["overview"])
    _table(
        doc,
        ["指标", "数值", "单位"],
        [[h["label"], _number(h["value"]), h["unit"]] for h in snap["headline"]],
    )

    _heading(doc, "二、发展指标完成情况")
    _paragraph(doc, text["indicators"])
    _table(
        doc,
        ["指标", "实际年份", "实际值", "目标年份", "目标值", "单位", "完成率", "状态"],
        [
            [
                r["name"],
                r["year"],
                _number(r["value"]),
                r["target_year"],
                _number(r["target"]),
                r["unit"],
                _percent(r["completion"]),
                r["status_label"],
            ]  # fmt: skip
            for r in snap["indicators"]
        ],
    )
    if snap["indicators"]:
        _picture(doc, charts.indicator_completion(snap["indicators"]))

    tasks = snap["tasks"]
    _heading(doc, "三、重点任务推进情况")
    _paragraph(doc, text["tasks"])
    _picture(doc, charts.task_status(tasks["counts"], tasks["labels"]), 13)
    _table(
        doc,
        ["序号", "任务", "牵头单位", "完成时限", "预警原因"],
        [
            [t["code"], t["title"], "、".join(t["lead_units"]), t["due"] or "持续推进", t["reason"]]
            for t in tasks["red"]
        ],
    )
    _paragraph(doc, "各单位周进展按时填报情况排名如下。")
    _table(
        doc,
        ["排名", "单位", "应报", "已报", "按时", "按时率"],
        [
            [r["rank"], r["unit"], r["expected"], r["filed"], r["on_time"], _percent(r["rate"])]
            for r in tasks["timeliness"]
        ],
    )
    if tasks["timeliness"]:
        _picture(doc, charts.unit_timeliness(tasks["timeliness"]), 14)

    prog = snap["programmes"]
    _heading(doc, "四、政策项目")
    _paragraph(doc, text["programmes"])
    _table(
        doc,
        ["受理申报（件）", "批准（件）", "拨付（笔）", "拨付金额（万元）"],
        [[prog["received"], prog["approved"], prog["payments"], f"{prog['paid_wan']:.2f}"]],
    )

    cult = snap["cultivation"]
    _heading(doc, "五、企业培育")
    _paragraph(doc, text["cultivation"])
    _table(doc, ["高新技术企业培育", "企业数（家）"], [[h["label"], h["count"]] for h in cult["hte"]])
    rep = cult["reporting"]
    _table(
        doc,
        ["应报", "按时", "逾期", "未报", "按时报送率"],
        [[rep["expected"], rep["on_time"], rep["late"], rep["missing"], _percent(rep["on_time_rate"])]],
    )

    _heading(doc, "六、供需对接")
    _paragraph(doc, text["matching"])
    _table(doc, ["环节", "数量"], [[s["label"], s["count"]] for s in snap["matching"]])
    _picture(doc, charts.funnel(snap["matching"]), 13)

    end = _paragraph(doc, DISTRIBUTION, size=12, indent=False)
    end.paragraph_format.space_before = Pt(24)
    out = io.BytesIO()
    doc.save(out)
    return _stamped(out.getvalue(), day)


def _stamped(data: bytes, day: datetime.date) -> bytes:
    """The package with every entry dated `day`: the zip otherwise carries the time of drawing, and an
    archived bulletin drawn again must be the same file, byte for byte."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()


def _heading(doc, text: str) -> None:
    p = _paragraph(doc, text, font=HEADING_FONT, size=16, bold=False, indent=True)
    p.paragraph_format.space_before = Pt(10)
