"""Reference data the platform ships: the org-unit tree, the industry taxonomy and the published
figures the demo panel is calibrated to. Each entry names the document it comes from (`source`),
or says why it has none (`note`). Plain JSON, read with `read()`; nothing here touches Django."""

import json
from functools import cache
from importlib import resources


@cache
def read(name: str) -> dict:
    """The parsed content of `zerobay/data/<name>.json` (cached: treat it as read-only)."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
