"""The district's documents by the titles people know them by. The data files cite a document by its
file name (e.g. 003_327d7e019bdad374.txt); a page shows its title and date instead, the file name in a
tooltip (zerobay/data/published_figures.json lists the documents)."""

import re
from functools import cache

from zerobay.data import read

FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@cache
def titles() -> dict[str, str]:
    return {
        d["file"]: f"《{d['title']}》（{d['published']}）" for d in read("published_figures")["documents"]
    }


def document_titles(text) -> str:
    """`text` with every document file name in it replaced by the document's title and date."""
    if not text:
        return text or ""
    known = titles()
    return FILE.sub(lambda m: known.get(m.group(0), m.group(0)), str(text))
