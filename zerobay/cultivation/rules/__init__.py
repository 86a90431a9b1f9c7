"""The qualification rules, one module per qualification, each citing its official document.

The ids are the contract of `zerobay cultivation screen --qualification ID`, of the pages and of the API.
"""

from . import above_scale, hte, innovative_sme, little_giant, srdi_sme, tsme
from .base import MET, UNKNOWN, UNMET, Criterion, Outcome, Rule

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        tsme.RULE,
        hte.RULE,
        innovative_sme.RULE,
        srdi_sme.RULE,
        little_giant.RULE,
        above_scale.RULE,
    )
}

__all__ = ["MET", "RULES", "UNKNOWN", "UNMET", "Criterion", "Outcome", "Rule"]
