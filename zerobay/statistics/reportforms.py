"""The report forms the platform imports, declared as data.

Each form lists its fields with the header labels seen in real workbooks (the current Torch form,
older forms, NBS wording, local templates), the kind of value and its default unit, and the
consistency rules between fields. The importer, the demo workbook writer and the pages all read
these declarations; adding a label variant here is all it takes to accept it everywhere.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from .periods import PeriodType


class Kind(StrEnum):
    USCC = "uscc"
    NAME = "name"
    MONEY = "money"  # stored in yuan (元), Decimal with 2 places
    COUNT = "count"  # whole number of persons, patents, ...
    DATE = "date"  # an Excel date, 2021-03-05, 2021/3/5 or 2021年3月5日
    CHOICE = "choice"  # one of a closed list of texts (Field.choices)
    CODE = "code"  # a code of digits of a fixed length (Field.digits), e.g. GB/T 4754 industry codes
    TEXT = "text"  # free text, e.g. a certificate number
    AREA = "area"  # floor area, stored in m² with 2 places (headers may say 平方米, m², 万平方米)


@dataclass(frozen=True)
class Field:
    key: str  # column of the stored report
    label: str  # the canonical Chinese label
    label_en: str
    kind: Kind
    unit: str = ""  # the unit shown (and assumed for a count); money is stored in 元
    aliases: tuple[str, ...] = ()
    required: bool = False
    allow_negative: bool = False
    # CHOICE: (text as written, value stored) pairs; the texts are compared after folding.
    choices: tuple[tuple[str, str], ...] = ()
    digits: int = 0  # CODE: the number of digits

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class PartOfWhole:
    """`part` may not exceed `whole`: an error, or a warning where it is only suspicious."""

    part: str
    whole: str
    rule: str
    message: str  # Chinese, with {part} {whole} {part_value} {whole_value}
    error: bool = True


@dataclass(frozen=True)
class ReportForm:
    code: str
    name: str
    name_en: str
    period_type: PeriodType
    fields: tuple[Field, ...]
    checks: tuple[PartOfWhole, ...] = ()
    # When money headers carry no unit, the unit of the official form is assumed (with a warning).
    default_money_unit: str = "千元"
    # False: one current record per enterprise whatever the period (the enterprise profile).
    periodic: bool = True
    # False: an enterprise may have several rows, told apart by `row_key` (qualifications).
    one_row_per_enterprise: bool = True
    row_key: tuple[str, ...] = ()
    # What a row names: an enterprise (USCC and name both required) or, for forms of other
    # records (carriers), its USCC or its registered name, either being enough.
    uscc_or_name: bool = False
    value_fields: tuple[Field, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(
            self, "value_fields", tuple(f for f in self.fields if f.kind not in (Kind.USCC, Kind.NAME))
        )

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


USCC = Field(
    "uscc",
    "统一社会信用代码",
    "Unified social credit code",
    Kind.USCC,
    aliases=(
        "社会信用代码",
        "信用代码",
        "统一信用代码",
        "法人统一社会信用代码",
        "统一社会信用代码(组织机构代码)",
    ),
    required=True,
)
NAME = Field(
    "name",
    "企业名称",
    "Enterprise name",
    Kind.NAME,
    aliases=("详细名称", "单位名称", "企业详细名称", "法人单位详细名称", "单位详细名称", "企业名", "名称"),
    required=True,
)

TORCH_ANNUAL = ReportForm(
    code="torch_annual",
    name="火炬统计年报",
    name_en="Torch statistics annual report",
    period_type=PeriodType.YEAR,
    fields=(
        USCC,
        NAME,
        Field(
            "employees",
            "从业人员期末人数",
            "Employees at year end",
            Kind.COUNT,
            "人",
            aliases=(
                "年末从业人员",
                "期末从业人员",
                "从业人员期末人数合计",
                "年末从业人员数",
                "期末从业人员数",
            ),
        ),
        Field("revenue", "营业收入", "Revenue", Kind.MONEY, aliases=("营业收入合计", "总收入")),
        Field(
            "industrial_output",
            "工业总产值",
            "Gross industrial output",
            Kind.MONEY,
            aliases=("工业总产值(当年价格)", "工业总产值(现价)"),
        ),
        Field("net_profit", "净利润", "Net profit", Kind.MONEY, allow_negative=True),
        Field(
            "taxes_paid",
            "实际上缴税费总额",
            "Taxes paid",
            Kind.MONEY,
            aliases=("实际上缴税费", "上缴税费总额", "实际上缴税费合计", "上缴税费"),
        ),
        Field("exports", "出口总额", "Exports", Kind.MONEY, aliases=("出口额", "出口总额合计")),
        Field(
            "rd_staff",
            "R&D人员",
            "R&D personnel",
            Kind.COUNT,
            "人",
            aliases=("研究开发人员合计", "研究开发人员", "R&D人员合计", "研发人员", "研发人员合计"),
        ),
        Field("st_staff", "科技活动人员", "S&T personnel", Kind.COUNT, "人", aliases=("科技活动人员合计",)),
        Field(
            "rd_expenditure",
            "R&D经费内部支出",
            "R&D expenditure",
            Kind.MONEY,
            aliases=(
                "研究开发费用合计",
                "研究开发费用",
                "R&D经费支出",
                "R&D经费内部支出合计",
                "研发经费内部支出",
                "研究与试验发展经费内部支出",
            ),
        ),
        Field(
            "patent_applications",
            "当年专利申请数",
            "Patent applications",
            Kind.COUNT,
            "件",
            aliases=("专利申请数", "专利申请", "当年专利申请", "专利申请量", "当年专利申请量"),
        ),
        Field(
            "invention_applications",
            "发明专利申请数",
            "Invention patent applications",
            Kind.COUNT,
            "件",
            aliases=("发明专利申请", "当年发明专利申请数", "发明专利申请量"),
        ),
        Field(
            "pct_applications",
            "PCT国际专利申请数",
            "PCT applications",
            Kind.COUNT,
            "件",
            aliases=("PCT专利申请数", "PCT国际专利申请", "PCT专利申请", "PCT申请数", "PCT国际专利申请量"),
        ),
        Field(
            "valid_invention_patents",
            "期末有效发明专利数",
            "Valid invention patents",
            Kind.COUNT,
            "件",
            aliases=(
                "有效发明专利数",
                "拥有有效发明专利数",
                "期末拥有有效发明专利数",
                "有效发明专利",
                "期末有效发明专利",
            ),
        ),
        Field("value_added", "增加值", "Value added", Kind.MONEY, aliases=("企业增加值",)),
        Field(
            "hightech_revenue",
            "高新技术产品(服务)收入",
            "High-tech product (service) revenue",
            Kind.MONEY,
            aliases=(
                "高新技术产品收入",
                "高新技术产品(服务)销售收入",
                "高新技术产品销售收入",
                "高新技术产品服务收入",
            ),
        ),
    ),
    checks=(
        PartOfWhole(
            "invention_applications",
            "patent_applications",
            "part_exceeds_whole",
            "发明专利申请数（{part_value}）大于专利申请数（{whole_value}）",
        ),
        PartOfWhole(
            "rd_staff",
            "employees",
            "part_exceeds_whole",
            "R&D人员（{part_value}）多于从业人员期末人数（{whole_value}）",
        ),
        PartOfWhole(
            "hightech_revenue",
            "revenue",
            "part_exceeds_whole",
            "高新技术产品（服务）收入（{part_value}）大于营业收入（{whole_value}）",
        ),
        PartOfWhole(
            "st_staff",
            "employees",
            "suspicious_ratio",
            "科技活动人员（{part_value}）多于从业人员期末人数（{whole_value}），请核实",
            error=False,
        ),
        PartOfWhole(
            "rd_expenditure",
            "revenue",
            "suspicious_ratio",
            "R&D经费内部支出（{part_value}）高于营业收入（{whole_value}），请核实",
            error=False,
        ),
        PartOfWhole(
            "net_profit",
            "revenue",
            "suspicious_ratio",
            "净利润（{part_value}）高于营业收入（{whole_value}），请核实",
            error=False,
        ),
        PartOfWhole(
            "pct_applications",
            "patent_applications",
            "suspicious_ratio",
            "PCT国际专利申请数（{part_value}）大于专利申请数（{whole_value}），请核实",
            error=False,
        ),
    ),
)

TORCH_MONTHLY = ReportForm(
    code="torch_monthly",
    name="火炬统计月报",
    name_en="Torch statistics monthly report",
    period_type=PeriodType.MONTH,
    fields=(
        USCC,
        NAME,
        Field(
            "revenue_ytd",
            "营业收入",
            "Revenue, year to date",
            Kind.MONEY,
            aliases=(
                "本年累计营业收入",
                "营业收入累计",
                "营业收入本年累计",
                "累计营业收入",
                "营业收入(本年累计)",
                "营业收入本年累计数",
                "1-本月营业收入",
            ),
        ),
        Field(
            "employees",
            "从业人员",
            "Employees",
            Kind.COUNT,
            "人",
            aliases=("从业人员期末人数", "期末从业人员", "从业人员数", "月末从业人员", "从业人员期末数"),
        ),
    ),
)

# The eight fields of core technology an HTE must work in (国科发火〔2016〕32号, annex).
HTE_TECH_FIELDS = (
    "电子信息",
    "生物与新医药",
    "航空航天",
    "新材料",
    "高技术服务",
    "新能源与节能",
    "资源与环境",
    "先进制造与自动化",
)

# Facts the Torch form lacks, kept as one current record per enterprise (with revisions).
ENTERPRISE_PROFILE = ReportForm(
    code="enterprise_profile",
    name="企业画像信息",
    name_en="Enterprise profile",
    period_type=PeriodType.YEAR,
    periodic=False,
    fields=(
        USCC,
        NAME,
        Field(
            "registered_on",
            "注册时间",
            "Date registered",
            Kind.DATE,
            aliases=("注册日期", "成立时间", "成立日期", "登记注册时间"),
        ),
        Field("total_assets", "资产总计", "Total assets", Kind.MONEY, aliases=("资产总额", "资产合计")),
        Field(
            "ip_class1",
            "I类知识产权",
            "Class-I IP items",
            Kind.COUNT,
            "件",
            aliases=("一类知识产权", "Ⅰ类知识产权", "I类知识产权数", "I类知识产权数量"),
        ),
        Field(
            "ip_class2",
            "II类知识产权",
            "Class-II IP items",
            Kind.COUNT,
            "件",
            aliases=("二类知识产权", "Ⅱ类知识产权", "II类知识产权数", "II类知识产权数量"),
        ),
        Field(
            "tech_field",
            "核心技术领域",
            "Core technology field",
            Kind.CHOICE,
            aliases=("核心技术所属领域", "核心技术所属八大领域", "技术领域"),
            choices=tuple((f, f) for f in HTE_TECH_FIELDS),
        ),
        Field(
            "industry_code",
            "国民经济行业代码",
            "Industry code (GB/T 4754)",
            Kind.CODE,
            aliases=("行业代码", "国民经济行业分类代码", "国民经济行业"),
            digits=4,
        ),
    ),
)

# Qualification types as written in district lists, and the registry kind each stands for.
QUALIFICATION_TYPES = (
    ("高新技术企业", "hte"),
    ("高企", "hte"),
    ("hte", "hte"),
    ("科技型中小企业", "tech_sme"),
    ("tsme", "tech_sme"),
    ("tech_sme", "tech_sme"),
    ("创新型中小企业", "innovative_sme"),
    ("innovative_sme", "innovative_sme"),
    ("专精特新中小企业", "srdi"),
    ("专精特新", "srdi"),
    ("srdi_sme", "srdi"),
    ("srdi", "srdi"),
    ("专精特新“小巨人”", "little_giant"),
    ("专精特新小巨人", "little_giant"),
    ("专精特新“小巨人”企业", "little_giant"),
    ("国家级专精特新“小巨人”", "little_giant"),
    ("小巨人", "little_giant"),
    ("little_giant", "little_giant"),
    ("上海市科技小巨人", "sh_tech_giant"),
    ("科技小巨人", "sh_tech_giant"),
    ("上市企业", "listed"),
    ("上市", "listed"),
    ("独角兽", "unicorn"),
    ("隐形冠军", "hidden_champion"),
)

QUALIFICATIONS = ReportForm(
    code="qualifications",
    name="企业资质名单",
    name_en="Enterprise qualifications",
    period_type=PeriodType.YEAR,
    periodic=False,
    one_row_per_enterprise=False,
    row_key=("kind", "certificate_no"),
    fields=(
        USCC,
        NAME,
        Field(
            "kind",
            "资质类型",
            "Qualification",
            Kind.CHOICE,
            aliases=("资质", "资质名称", "认定类型", "类型"),
            required=True,
            choices=QUALIFICATION_TYPES,
        ),
        Field(
            "certificate_no", "证书编号", "Certificate number", Kind.TEXT, aliases=("证书号", "高企证书号")
        ),
        Field(
            "valid_from",
            "有效期起",
            "Valid from",
            Kind.DATE,
            aliases=("认定时间", "认定日期", "发证日期", "有效期开始"),
            required=True,
        ),
        Field("valid_to", "有效期止", "Valid to", Kind.DATE, aliases=("有效期至", "有效期结束", "到期日期")),
        Field("revoked_on", "撤销日期", "Revoked on", Kind.DATE, aliases=("取消日期", "撤销时间")),
        Field(
            "revoked_reason", "撤销原因", "Reason of revocation", Kind.TEXT, aliases=("取消原因", "核查结果")
        ),
    ),
    checks=(
        PartOfWhole(
            "valid_from", "valid_to", "date_order", "有效期起（{part_value}）晚于有效期止（{whole_value}）"
        ),
        PartOfWhole(
            "valid_from", "revoked_on", "date_order", "撤销日期（{whole_value}）早于有效期起（{part_value}）"
        ),
    ),
)

FORMS: dict[str, ReportForm] = {
    f.code: f for f in (TORCH_ANNUAL, TORCH_MONTHLY, ENTERPRISE_PROFILE, QUALIFICATIONS)
}
# The names a user types on the command line.
FORM_COMMANDS = {
    "torch-annual": TORCH_ANNUAL,
    "torch-monthly": TORCH_MONTHLY,
    "enterprise-profile": ENTERPRISE_PROFILE,
    "qualifications": QUALIFICATIONS,
}
