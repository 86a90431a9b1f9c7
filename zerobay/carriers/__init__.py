"""Carriers and operators: residents and graduates, carrier statistics, evaluation schemes as data, results, annual inspections."""
