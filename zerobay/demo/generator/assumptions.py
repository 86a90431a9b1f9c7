"""What the demo district is assumed to look like (sub-park shares, industry mix, qualification
shares, seasonality), each declared here, and the published counts it is calibrated to."""

from zerobay.data import read

REGION = "310112"  # 上海市闵行区
DEFAULT_SEED = 2025
CALIBRATION = {f["key"]: f for f in read("demo_calibration")["figures"]}
REFERENCE_SIZE = CALIBRATION["park_torch_annual_reports"]["value"]
DEFAULT_ENTERPRISES = REFERENCE_SIZE

# Share of the park's enterprises per sub-park (assumed): 大零号湾 is the core and holds the
# most, enough for its published ~700 high-tech enterprises at the default size.
SUBPARK_SHARES = {
    "DLHW": 0.45,
    "ZZ": 0.07,
    "XZGY": 0.07,
    "MHKF": 0.06,
    "PJKJC": 0.06,
    "CHJPJ": 0.05,
    "MQAI": 0.04,
    "HQQW": 0.03,
    "XZSW": 0.025,
    "PJCX": 0.02,
    "YLKJ": 0.015,
    "NJJK": 0.01,
    "YLJQR": 0.01,
    "QB": 0.015,
    "ML": 0.015,
    "HQ": 0.015,
    "ZQ": 0.015,
    "WJ": 0.015,
    "HC": 0.015,
}
# Share of 大零号湾's enterprises sitting in each of its blocks (the rest: the sub-park itself).
BLOCK_SHARES = {"DLHW": {"DLHW-XYY": 0.12, "DLHW-YJL": 0.08, "DLHW-JCL": 0.05}}

# Industry mix per sub-park (assumed from the documents' descriptions): weights over taxonomy
# nodes of any level; a track is drawn under the node picked.
BALANCED = {"AERO": 0.12, "LIFE": 0.28, "INTL": 0.44, "ENER": 0.10, "OCEAN": 0.06}
INDUSTRY_MIX = {
    "DLHW": {"AERO": 0.10, "LIFE": 0.28, "INTL": 0.44, "ENER": 0.10, "OCEAN": 0.08},
    "ZZ": {"INTL": 0.55, "LIFE": 0.25, "AERO": 0.08, "ENER": 0.08, "OCEAN": 0.04},
    "XZGY": {"AERO": 0.40, "INTL-EQP": 0.30, "INTL": 0.10, "ENER": 0.15, "LIFE": 0.05},
    "MHKF": {"INTL-EQP": 0.30, "LIFE-BIO-MFG": 0.25, "LIFE": 0.10, "ENER": 0.20, "AERO": 0.10, "OCEAN": 0.05},
    "PJKJC": {"LIFE-BIO": 0.60, "INTL": 0.25, "ENER": 0.10, "OCEAN": 0.05},
    "CHJPJ": {"INTL": 0.50, "LIFE": 0.20, "AERO": 0.10, "ENER": 0.15, "OCEAN": 0.05},
    "MQAI": {"INTL-AI": 0.50, "INTL-EQP-IRB": 0.35, "INTL": 0.10, "LIFE": 0.05},
    "HQQW": {"LIFE-BIO": 0.85, "INTL-DIG": 0.15},
    "XZSW": {"INTL-DIG": 0.45, "INTL-AI": 0.35, "LIFE": 0.10, "AERO": 0.10},
    "PJCX": {"INTL-DIG": 0.70, "INTL": 0.30},
    "YLKJ": {"LIFE-AGE": 0.80, "INTL-AI": 0.20},
    "NJJK": {"INTL-AI-BRN": 0.50, "LIFE-BIO": 0.40, "INTL-AI-EMB": 0.10},
    "YLJQR": {"LIFE-BIO-MRB": 0.80, "INTL-EQP-IRB": 0.20},
}
# The park's own classes (003): 高端装备 leading, 数字经济 and 生物医药 featured, 脑机接口 future.
PARK_CLASS_OF = {
    "AERO": "PC-EQUIP",
    "INTL-EQP": "PC-EQUIP",
    "ENER": "PC-EQUIP",
    "OCEAN": "PC-EQUIP",
    "INTL-AI": "PC-DIGITAL",
    "INTL-DIG": "PC-DIGITAL",
    "LIFE": "PC-BIOMED",
    "INTL-AI-BRN": "PC-BCI",
}
BCI_SUBPARK = "NJJK"
# Tracks whose enterprises mostly make things (they report gross industrial output).
MAKERS = ("AERO", "INTL-EQP", "INTL-DIG-PIN", "ENER", "OCEAN", "LIFE-BIO-MFG", "LIFE-BIO-MRB", "LIFE-AGE-AID")

# Qualification shares outside 大零号湾 (assumed), per enterprise of the sub-park.
OTHER_SHARES = {"hte": 0.55, "srdi": 0.12, "sh_tech_giant": 0.03, "little_giant": 0.005, "listed": 0.004}
HTE_RENEWAL_SHARE = 0.6  # of the certificates issued in the latest year, renewals (the rest: first)
TECH_SME_SHARE = 0.35
LISTING_BOARDS = (
    "SSE-STAR",
    "SSE-MAIN",
    "SZSE-GEM",
    "SZSE-MAIN",
    "HKEX",
)  # 科创板, 沪主板, 创业板, 深主板, 港交所  # of the enterprises without HTE, evaluated tech-based SMEs in the latest year

NAME_CHARS = (
    "星辰宇芯智联睿创博源微元纳量航远锐卓恒泰华汇迈瑞景澜湾启明晟弘嘉鼎诺峰岚越图灵思擎衡磐弈拓翼"
    "羽极光磁晶熠澄川青松禾隽峻朗曜昕骏麟凌旭昊晨曦捷达朔望舟帆屹巍珩璟钧铂铖锦坤乾禹尧舜韬略"
)
SUFFIXES = {
    "AERO": ("航空科技", "航天科技", "空天技术", "飞行器技术"),
    "LIFE-BIO": ("生物科技", "医疗科技", "医药科技", "生物医药科技", "医疗器械"),
    "LIFE-AGE": ("健康科技", "康复科技", "智慧养老科技", "医疗器械"),
    "INTL-EQP": ("智能装备", "机器人科技", "精密机械", "智能制造科技"),
    "INTL-AI": ("智能科技", "人工智能科技", "机器人科技", "信息技术"),
    "INTL-DIG": ("精密仪器", "量子科技", "信息科技", "半导体科技", "电子科技"),
    "ENER": ("新能源科技", "储能技术", "能源科技", "核能技术"),
    "OCEAN": ("海洋科技", "海洋装备", "海洋工程技术"),
}
# Monthly share of annual revenue (assumed seasonality: slow February, strong December).
SEASON = (0.075, 0.06, 0.08, 0.08, 0.082, 0.085, 0.08, 0.08, 0.085, 0.085, 0.09, 0.118)
