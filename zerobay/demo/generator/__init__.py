"""A deterministic synthetic panel of park enterprises: registry facts, qualifications, Torch
annual figures for several years and monthly figures for the latest one.

Plain Python over plain dataclasses (no Django), so that benchmarks can build 250,000 enterprises
in seconds. The shape is calibrated to the published counts in `zerobay/data/demo_calibration.json`
(大零号湾's high-tech enterprises, 专精特新, 科技小巨人, listed companies), scaled from the park's
1,970 Torch annual reports to the size asked for. Everything else (sub-park shares, industry mix,
financial ratios) is a plausible assumption, declared below, not a published figure.

Money is in yuan as int, rounded to whole 千元 as the Torch forms report it, so that every unit
the workbook writer offers represents it exactly.

Modules: `assumptions` (the declared shares and calibration), `records` (the dataclasses),
`identities` (codes and names), `qualifications`, `figures` (annual and monthly), `panel` (the
entry point `generate_panel`). Import the names from this package.
"""

from .assumptions import CALIBRATION, DEFAULT_ENTERPRISES, DEFAULT_SEED, REFERENCE_SIZE, REGION
from .panel import Panel, generate_panel
from .records import AnnualFigures, Enterprise, Qualification

__all__ = [
    "AnnualFigures",
    "CALIBRATION",
    "DEFAULT_ENTERPRISES",
    "DEFAULT_SEED",
    "Enterprise",
    "Panel",
    "Qualification",
    "REFERENCE_SIZE",
    "REGION",
    "generate_panel",
]
