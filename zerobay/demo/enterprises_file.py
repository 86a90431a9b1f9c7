"""The registry part of a synthetic panel as a JSON file (`enterprises.json` of `zerobay generate`):
USCC, name, org unit, tracks and qualifications of every enterprise, for loaders and benchmarks."""

import json
from pathlib import Path

from .generator import Enterprise, Panel


def enterprise_record(e: Enterprise) -> dict:
    return {
        "uscc": e.uscc,
        "name": e.name,
        "org_unit": e.org_unit,
        "subpark": e.subpark,
        "tracks": list(e.tracks),
        "park_classes": list(e.park_classes),
        "founded": e.founded.isoformat(),
        "above_scale": e.above_scale,
        "qualifications": [
            {
                "kind": q.kind,
                "certificate_no": q.certificate_no,
                "valid_from": q.valid_from.isoformat(),
                "valid_to": q.valid_to.isoformat() if q.valid_to else None,
            }
            for q in e.qualifications
        ],
    }


def write_enterprises_json(panel: Panel, path: Path) -> Path:
    """{"seed", "years", "enterprises": [...]}, one enterprise a line, streamed to the file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f'{{"seed":{panel.seed},"years":{dumps(list(panel.years))},"enterprises":[\n')
        last = len(panel.enterprises) - 1
        for i, e in enumerate(panel.enterprises):
            fh.write(dumps(enterprise_record(e)))
            fh.write(",\n" if i < last else "\n")
        fh.write("]}\n")
    return path
