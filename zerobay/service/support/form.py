"""The support-records workbook (企业支持记录表), declared with the statistics layer's form vocabulary
so that the one import pipeline reads it (registered in apps.py, see
zerobay/statistics/importing/targets.py). One row per record: the firm (USCC and name), what kind,
when, from whom, how much and how many. The offices keep money in 万元, so a money header without a
unit is read as 万元 (with the pipeline's warning)."""

from zerobay.statistics.periods import PeriodType
from zerobay.statistics.reportforms import NAME, USCC, Field, Kind, ReportForm

from ..models import SupportKind

# The words offices write in the kind column, folded by the pipeline before they are compared.
KIND_WORDS = (
    ("人才推荐", SupportKind.TALENT),
    ("人才举荐", SupportKind.TALENT),
    ("人才", SupportKind.TALENT),
    ("春申金才", SupportKind.TALENT),
    ("海外人才", SupportKind.TALENT),
    ("人才安居", SupportKind.HOUSING),
    ("人才公寓", SupportKind.HOUSING),
    ("公租房", SupportKind.HOUSING),
    ("住房", SupportKind.HOUSING),
    ("首贷", SupportKind.FIRST_LOAN),
    ("首贷贷款", SupportKind.FIRST_LOAN),
    ("银行授信", SupportKind.CREDIT),
    ("授信", SupportKind.CREDIT),
    ("资助", SupportKind.GRANT),
    ("创业资助", SupportKind.GRANT),
    ("补贴", SupportKind.GRANT),
    ("基金投资", SupportKind.FUND),
    ("投资", SupportKind.FUND),
)

SUPPORT_RECORDS = ReportForm(
    code="support_records",
    name="企业支持记录",
    name_en="Support records",
    period_type=PeriodType.YEAR,
    default_money_unit="万元",
    one_row_per_enterprise=False,
    row_key=("kind", "day", "counterpart"),
    fields=(
        USCC,
        NAME,
        Field(
            "kind",
            "支持类型",
            "Kind of support",
            Kind.CHOICE,
            aliases=("类型", "类别", "支持类别", "事项"),
            required=True,
            choices=tuple((word, str(kind.value)) for word, kind in KIND_WORDS),
        ),
        Field(
            "day",
            "日期",
            "Date",
            Kind.DATE,
            aliases=(
                "发生日期",
                "办理日期",
                "放款日期",
                "授信日期",
                "投资日期",
                "推荐日期",
                "配租日期",
                "拨付日期",
            ),
            required=True,
        ),
        Field(
            "counterpart",
            "项目或机构",
            "Programme, bank or fund",
            Kind.TEXT,
            aliases=(
                "人才计划",
                "银行",
                "贷款银行",
                "授信银行",
                "基金",
                "基金名称",
                "资助项目",
                "房源",
                "项目名称",
            ),
        ),
        Field(
            "amount",
            "金额",
            "Amount",
            Kind.MONEY,
            aliases=("贷款金额", "授信金额", "投资金额", "资助金额", "放款金额"),
        ),
        Field(
            "quantity", "数量", "Persons or flats", Kind.COUNT, "人/套", aliases=("人数", "套数", "推荐人数")
        ),
        Field("note", "备注", "Note", Kind.TEXT, aliases=("说明",)),
    ),
)
