"""Units a header may state: money units with their factor to yuan, and count units."""

from decimal import Decimal

MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "人民币元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10_000),
    "百万元": Decimal(1_000_000),
    "亿元": Decimal(100_000_000),
}
COUNT_UNITS = frozenset({"人", "个", "件", "项", "家", "名", "人次"})
# Floor areas, keyed as headers fold them (NFKC: m² and ㎡ become m2), with their factor to m².
AREA_UNITS: dict[str, Decimal] = {
    "平方米": Decimal(1),
    "平米": Decimal(1),
    "m2": Decimal(1),
    "万平方米": Decimal(10_000),
}
UNITS = frozenset({*MONEY_UNITS, *COUNT_UNITS, *AREA_UNITS})  # every unit a header may state
