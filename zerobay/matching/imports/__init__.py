"""Importing achievements and demands from workbooks through the shared tabular part:
zerobay.tabular.reading (xlsx, xls, ods, csv), its header recognition and folding (full-width forms,
units in brackets, marks of required columns) and its Issue / ImportReport (the same `--format json` report
as `zerobay import torch-annual`). Every row is checked first; the file is then written in one
transaction, all or nothing unless `skip_invalid`, and nothing at all on a dry run.

Achievements: 成果编号, 成果名称, 成果简介, 技术领域, 成熟度, 持有单位, 合作方式, optionally 关键词.
Demands: 需求编号, 需求名称, 需求描述, 所属行业, 需求企业, 预算（万元）, 期望合作方式.
A number already stored is updated in place (its status is kept); a new one is created as a draft
awaiting review (achievements) or a draft (demands), or published with `publish`.
"""

from .checking import parse_maturity, parse_modes, place_in_taxonomy, taxonomy_lookup
from .columns import ACHIEVEMENTS, DEMANDS, Column, Sheet
from .writing import import_file

__all__ = [
    "ACHIEVEMENTS",
    "DEMANDS",
    "Column",
    "Sheet",
    "import_file",
    "parse_maturity",
    "parse_modes",
    "place_in_taxonomy",
    "taxonomy_lookup",
]
