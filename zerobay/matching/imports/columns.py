"""The contracted columns of the achievement and demand sheets, and the words their cells use."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import Maturity, TransferMode


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the contracted header
    required: bool = True  # the column must be there
    value_required: bool = False  # and every row must fill it
    max_length: int = 0
    aliases: tuple[str, ...] = ()
    money: bool = False


@dataclass(frozen=True)
class Sheet:
    kind: str  # "achievements" or "demands"
    columns: tuple[Column, ...]


ACHIEVEMENTS = Sheet(
    "achievements",
    (
        Column("code", "成果编号", value_required=True, max_length=64),
        Column("title", "成果名称", value_required=True, max_length=300, aliases=("成果名",)),
        Column("abstract", "成果简介", aliases=("简介", "成果摘要")),
        Column("field", "技术领域", max_length=100, aliases=("领域",)),
        Column("maturity", "成熟度", aliases=("技术成熟度", "成熟度等级")),
        Column(
            "holder", "持有单位", value_required=True, max_length=200, aliases=("成果持有单位", "完成单位")
        ),
        Column("modes", "合作方式", aliases=("转化方式", "转移方式")),
        Column("keywords", "关键词", required=False, max_length=300, aliases=("关键字",)),
    ),
)
DEMANDS = Sheet(
    "demands",
    (
        Column("code", "需求编号", value_required=True, max_length=64),
        Column("title", "需求名称", value_required=True, max_length=300),
        Column("description", "需求描述", aliases=("需求内容", "需求简介")),
        Column("industry", "所属行业", max_length=100, aliases=("行业", "所属领域")),
        Column("enterprise", "需求企业", max_length=200, aliases=("需求单位", "企业名称")),
        Column("budget", "预算", money=True, aliases=("预算金额", "需求预算")),
        Column("cooperation", "期望合作方式", max_length=200, aliases=("合作方式",)),
    ),
)

STAGE_WORDS = {
    "实验室": Maturity.LAB,
    "实验室阶段": Maturity.LAB,
    "研发": Maturity.LAB,
    "研发阶段": Maturity.LAB,
    "小试": Maturity.SMALL_PILOT,
    "小试阶段": Maturity.SMALL_PILOT,
    "中试": Maturity.PILOT,
    "中试阶段": Maturity.PILOT,
    "产业化": Maturity.INDUSTRIAL,
    "产业化阶段": Maturity.INDUSTRIAL,
    "已产业化": Maturity.INDUSTRIAL,
    "量产": Maturity.INDUSTRIAL,
}
TRL_TEXT = re.compile(r"^(?:trl)?[-:]?([1-9])(?:级)?$")
MODE_WORDS = {
    "转让": TransferMode.TRANSFER,
    "技术转让": TransferMode.TRANSFER,
    "专利转让": TransferMode.TRANSFER,
    "许可": TransferMode.LICENSE,
    "技术许可": TransferMode.LICENSE,
    "专利许可": TransferMode.LICENSE,
    "独占许可": TransferMode.LICENSE,
    "排他许可": TransferMode.LICENSE,
    "普通许可": TransferMode.LICENSE,
    "作价入股": TransferMode.EQUITY,
    "作价投资": TransferMode.EQUITY,
    "技术入股": TransferMode.EQUITY,
    "入股": TransferMode.EQUITY,
    "合作开发": TransferMode.CO_DEVELOPMENT,
    "联合开发": TransferMode.CO_DEVELOPMENT,
    "技术开发": TransferMode.CO_DEVELOPMENT,
    "合作研发": TransferMode.CO_DEVELOPMENT,
}
MAX_BUDGET = Decimal("1e14")  # yuan


@dataclass
class ParsedRow:
    row: int
    values: dict = field(default_factory=dict)
