"""The demo data of enterprise cultivation: qualification rules, screening, certificate watch, reporting chase, 升规纳统 (see zerobay.demo.services.APP_DEMOS)."""


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    return []


def wipe() -> int:
    return 0
