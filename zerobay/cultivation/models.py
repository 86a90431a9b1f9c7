"""Models of enterprise cultivation: qualification rules, screening, certificate watch, reporting chase, 升规纳统."""
