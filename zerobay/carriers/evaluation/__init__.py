"""Carrier evaluation as data: schemes (schemes/*.toml), their formulas and scoring, and the run."""
