"""The demo data of policy programmes: clauses, calls, applications, review, approval, disbursement, evaluation (see zerobay.demo.services.APP_DEMOS)."""


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    return []


def wipe() -> int:
    return 0
