"""The demo data of technology achievements hall and supply-demand matching (see zerobay.demo.services.APP_DEMOS)."""


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    return []


def wipe() -> int:
    return 0
