"""The bulletin's charts as PNG images (Word has no ECharts), drawn by matplotlib with a CJK font so
that Chinese labels render as characters, never as boxes.

The font is found, not assumed: Debian's fonts-noto-cjk (`make system-deps`) or any other Noto/Source
Han/WenQuanYi font the machine has; ZEROBAY_CJK_FONT names a file explicitly. No font → a clear error."""

import functools
import io
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: a server and the command line

from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"), "/Library/Fonts")
FONT_PATTERNS = (
    "NotoSansCJK*-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.*",
    "SourceHanSans*-Regular.*",
    "NotoSerifCJK*-Regular.ttc",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
)
STATUS_COLOURS = {
    "red": "#d9363e",
    "yellow": "#e6a700",
    "blue": "#2f6fdf",
    "green": "#2e9d5b",
    "done": "#8c8c8c",
    "achieved": "#2e9d5b",
    "on_track": "#69b27f",
    "at_risk": "#e6a700",
    "off_track": "#d9363e",
}
DPI = 150


class NoCJKFont(RuntimeError):
    pass


@functools.cache
def cjk_font() -> str:
    """The family name of a CJK font, registered with matplotlib."""
    explicit = os.environ.get("ZEROBAY_CJK_FONT")
    candidates = [Path(explicit)] if explicit else []
    for folder in FONT_DIRS:
        for pattern in FONT_PATTERNS:
            candidates.extend(sorted(Path(folder).rglob(pattern)) if Path(folder).is_dir() else [])
    for path in candidates:
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    raise NoCJKFont(
        "No CJK font found for the bulletin's charts: install fonts-noto-cjk (make system-deps) "
        "or set ZEROBAY_CJK_FONT to a .ttc/.otf file"
    )


def _figure(width: float, height: float) -> Figure:
    # The same for every chart of the process: set before each figure, as figures read it when drawn.
    matplotlib.rcParams["font.family"] = cjk_font()
    matplotlib.rcParams["axes.unicode_minus"] = False
    return Figure(figsize=(width, height), dpi=DPI)


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.tight_layout()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def indicator_completion(rows: list[dict], limit: int = 20) -> bytes:
    """Horizontal bars: completion against target of the indicators (capped at 150 %)."""
    rows = [r for r in rows if r["completion"] is not None][:limit]
    fig = _figure(7.2, 0.32 * max(len(rows), 4) + 1.2)
    ax = fig.subplots()
    names = [r["name"][:18] for r in rows]
    values = [min(r["completion"] * 100, 150) for r in rows]
    ax.barh(names, values, color=[STATUS_COLOURS.get(r["status"], "#888") for r in rows])
    ax.axvline(100, color="#555", linewidth=0.8, linestyle="--")
    ax.invert_yaxis()
    ax.set_xlabel("完成率（%，对照目标）")
    ax.set_title("发展指标完成情况")
    for y, v in enumerate(values):
        ax.text(v + 1, y, f"{v:.0f}%", va="center", fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    return _png(fig)


def task_status(counts: dict[str, int], labels: dict[str, str]) -> bytes:
    fig = _figure(6.0, 2.8)
    ax = fig.subplots()
    keys = list(counts)
    bars = ax.bar(
        [labels[k] for k in keys], [counts[k] for k in keys], color=[STATUS_COLOURS[k] for k in keys]
    )
    ax.bar_label(bars, fontsize=8)
    ax.set_title("重点任务状态分布")
    ax.set_ylabel("任务数（项）")
    return _png(fig)


def unit_timeliness(rows: list[dict], limit: int = 15) -> bytes:
    rows = rows[:limit]
    fig = _figure(6.5, 0.3 * max(len(rows), 4) + 1.2)
    ax = fig.subplots()
    values = [100 * (r["rate"] or 0) for r in rows]
    ax.barh([r["unit"] for r in rows], values, color="#2f6fdf")
    ax.invert_yaxis()
    ax.set_xlim(0, 105)
    ax.set_xlabel("按时填报率（%）")
    ax.set_title("各单位周进展按时填报排名")
    for y, v in enumerate(values):
        ax.text(v + 1, y, f"{v:.0f}%", va="center", fontsize=7)
    ax.tick_params(axis="y", labelsize=8)
    return _png(fig)


def funnel(steps: list[dict]) -> bytes:
    fig = _figure(6.0, 2.8)
    ax = fig.subplots()
    bars = ax.bar([s["label"] for s in steps], [s["count"] for s in steps], color="#1d4f91")
    ax.bar_label(bars, fontsize=8)
    ax.set_title("供需对接漏斗（本年累计）")
    return _png(fig)
