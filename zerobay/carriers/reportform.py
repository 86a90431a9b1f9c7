"""The carrier annual statistics form (载体年度统计表), declared with the statistics layer's form
vocabulary so that the one import pipeline reads it (registered in apps.py, see
zerobay/statistics/importing/targets.py). Labels follow the Torch incubator statistics form
(科技企业孵化器统计调查表) and the district's own templates; one row per carrier, named by its USCC
or its registered name."""

from zerobay.statistics.periods import PeriodType
from zerobay.statistics.reportforms import NAME, USCC, Field, Kind, PartOfWhole, ReportForm

CARRIER_USCC = Field(
    "uscc",
    "统一社会信用代码",
    "Unified social credit code",
    Kind.USCC,
    aliases=("社会信用代码", "信用代码", "运营机构统一社会信用代码", "运营主体统一社会信用代码"),
)
CARRIER_NAME = Field(
    "name",
    "载体名称",
    "Carrier name",
    Kind.NAME,
    aliases=(
        "孵化器名称",
        "众创空间名称",
        "大学科技园名称",
        "科技园名称",
        "平台名称",
        "孵化载体名称",
        "载体",
        "名称",
        "单位名称",
    ),
    required=True,
)


def _count(key: str, label: str, label_en: str, *aliases: str, unit: str = "个") -> Field:
    return Field(key, label, label_en, Kind.COUNT, unit, aliases=aliases)


def _money(key: str, label: str, label_en: str, *aliases: str) -> Field:
    return Field(key, label, label_en, Kind.MONEY, aliases=aliases)


CARRIER_ANNUAL = ReportForm(
    code="carrier_annual",
    name="载体年度统计",
    name_en="Carrier annual statistics",
    period_type=PeriodType.YEAR,
    uscc_or_name=True,
    fields=(
        CARRIER_USCC,
        CARRIER_NAME,
        Field(
            "space_m2",
            "场地面积",
            "Space",
            Kind.AREA,
            "平方米",
            aliases=("孵化场地面积", "载体面积", "总面积", "可自主支配场地面积"),
        ),
        Field(
            "incubation_space_m2",
            "在孵企业使用面积",
            "Space used by incubated firms",
            Kind.AREA,
            "平方米",
            aliases=("在孵企业使用场地面积", "在孵企业占用面积"),
        ),
        _count("residents", "在孵企业数", "Incubated firms", "在孵企业", "当年在孵企业数", unit="家"),
        _count("new_residents", "当年新增在孵企业数", "New incubated firms", "新增在孵企业数", unit="家"),
        _count(
            "graduates_total",
            "累计毕业企业数",
            "Graduated firms, cumulative",
            "累计毕业企业",
            "累计毕业企业数量",
            unit="家",
        ),
        _count(
            "resident_hte",
            "在孵企业中高新技术企业数",
            "HTEs among incubated firms",
            "在孵高新技术企业数",
            "高新技术企业数",
            unit="家",
        ),
        _count(
            "resident_employees", "在孵企业从业人员", "Residents' employees", "在孵企业从业人员数", unit="人"
        ),
        _money("resident_revenue", "在孵企业总收入", "Residents' total revenue", "在孵企业收入"),
        _money(
            "total_income", "孵化器总收入", "Carrier's total income", "总收入", "载体总收入", "运营总收入"
        ),
        _money("service_income", "综合服务收入", "Integrated service income", "服务收入"),
        _money("property_income", "物业收入", "Property income", "房租及物业收入", "租金收入"),
        _money("investment_income", "投资收入", "Investment income"),
        _money("incubation_fund", "孵化基金", "Incubation fund", "孵化基金总额"),
        _count(
            "financed_residents",
            "获得投融资的在孵企业数",
            "Residents that raised financing",
            "当年获得投融资的在孵企业数",
            unit="家",
        ),
        _money(
            "resident_financing",
            "在孵企业当年获得投融资额",
            "Financing raised by residents",
            "在孵企业获得投融资额",
            "当年获得投融资额",
        ),
        _count("mentors", "创业导师人数", "Start-up mentors", "创业导师", unit="人"),
        _count(
            "service_staff", "专职孵化服务人员", "Full-time incubation staff", "专职孵化服务人员数", unit="人"
        ),
        _count("tech_platforms", "公共技术服务平台数", "Technology service platforms", "公共技术服务平台"),
        _count(
            "ip_applications",
            "在孵企业知识产权申请数",
            "Residents' IP applications",
            "知识产权申请数",
            "知识产权申请",
            "申请数",  # under a merged 在孵企业知识产权 group cell
            "申请",
            unit="件",
        ),
        _count(
            "ip_granted",
            "在孵企业知识产权授权数",
            "Residents' IP granted",
            "知识产权授权数",
            "知识产权授权",
            "授权数",
            "授权",
            unit="件",
        ),
        _count(
            "invention_patents",
            "在孵企业发明专利数",
            "Residents' invention patents",
            "发明专利数",
            "发明专利授权数",
            "发明专利",
            unit="件",
        ),
        _count(
            "events",
            "举办创新创业活动次数",
            "Innovation and start-up events",
            "创新创业活动次数",
            "举办活动次数",
            unit="项",
        ),
    ),
    checks=(
        PartOfWhole(
            "incubation_space_m2",
            "space_m2",
            "part_exceeds_whole",
            "在孵企业使用面积（{part_value}平方米）大于场地面积（{whole_value}平方米）",
        ),
        PartOfWhole(
            "service_income",
            "total_income",
            "part_exceeds_whole",
            "综合服务收入（{part_value}元）大于孵化器总收入（{whole_value}元）",
        ),
        PartOfWhole(
            "property_income",
            "total_income",
            "part_exceeds_whole",
            "物业收入（{part_value}元）大于孵化器总收入（{whole_value}元）",
        ),
        PartOfWhole(
            "investment_income",
            "total_income",
            "part_exceeds_whole",
            "投资收入（{part_value}元）大于孵化器总收入（{whole_value}元）",
        ),
        PartOfWhole(
            "new_residents",
            "residents",
            "part_exceeds_whole",
            "当年新增在孵企业数（{part_value}）大于在孵企业数（{whole_value}）",
        ),
        PartOfWhole(
            "financed_residents",
            "residents",
            "part_exceeds_whole",
            "获得投融资的在孵企业数（{part_value}）大于在孵企业数（{whole_value}）",
        ),
        PartOfWhole(
            "resident_hte",
            "residents",
            "part_exceeds_whole",
            "在孵企业中高新技术企业数（{part_value}）大于在孵企业数（{whole_value}）",
        ),
        PartOfWhole(
            "invention_patents",
            "ip_granted",
            "suspicious_ratio",
            "在孵企业发明专利数（{part_value}）大于知识产权授权数（{whole_value}），请核实",
            error=False,
        ),
    ),
)

# The three parts of income may not together exceed the whole either (checked in resolve).
INCOME_PARTS = ("service_income", "property_income", "investment_income")

# The incubated-enterprise sheet of the form (在孵企业情况表): one row per resident and carrier.
CARRIER_RESIDENTS = ReportForm(
    code="carrier_residents",
    name="在孵企业情况",
    name_en="Incubated enterprises of a carrier",
    period_type=PeriodType.YEAR,
    one_row_per_enterprise=False,
    row_key=("carrier",),
    fields=(
        USCC,
        NAME,
        Field(
            "carrier",
            "所在载体",
            "Carrier",
            Kind.TEXT,
            aliases=("载体名称", "孵化器名称", "所在孵化器", "入驻载体", "载体统一社会信用代码"),
            required=True,
        ),
        Field(
            "entered_on", "入孵时间", "Entered on", Kind.DATE, aliases=("入驻时间", "入孵日期"), required=True
        ),
        Field("left_on", "离孵时间", "Left on", Kind.DATE, aliases=("迁出时间", "离孵日期")),
        Field("area_m2", "使用面积", "Area used", Kind.AREA, "平方米", aliases=("入驻面积", "租用面积")),
        _money("revenue", "营业收入", "Revenue", "总收入", "当年营业收入"),
        _money("rd_expenditure", "研发投入", "R&D expenditure", "R&D经费支出", "研究开发费用"),
        _money("financing", "当年获得投融资额", "Financing raised this year", "获得投融资额", "融资额"),
        _count("ip_granted", "知识产权授权数", "IP granted", "知识产权", "知识产权数", unit="件"),
        Field(
            "graduated_on",
            "毕业时间",
            "Graduated on",
            Kind.DATE,
            aliases=("毕业日期", "认定毕业时间"),
        ),
    ),
    checks=(
        PartOfWhole(
            "entered_on", "left_on", "date_order", "入孵时间（{part_value}）晚于离孵时间（{whole_value}）"
        ),
        PartOfWhole(
            "entered_on",
            "graduated_on",
            "date_order",
            "入孵时间（{part_value}）晚于毕业时间（{whole_value}）",
        ),
    ),
)
