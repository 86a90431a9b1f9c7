"""Following every link a user is shown, as a user would: no link may answer 403 or 404."""

import re
from collections import deque
from urllib.parse import urldefrag, urljoin

HREF = re.compile(r'href="([^"]+)"')
SKIP = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout", "/api/")


def links(page: str, base: str) -> list[str]:
    found = []
    for raw in HREF.findall(page):
        url = urldefrag(urljoin(base, raw.replace("&amp;", "&")))[0]
        if url.startswith("/") and not url.startswith(SKIP) and not url.startswith("//"):
            found.append(url)
    return found


def crawl(client, start: str = "/", *, limit: int = 120, depth: int = 2) -> dict[str, tuple[int, str]]:
    """{url: (status, the page that linked it)} for the pages reached from `start` within `depth`
    clicks, at most `limit` of them. Downloads (xlsx, docx) are requested but not read."""
    seen: dict[str, tuple[int, str]] = {}
    queue = deque([(start, 0, "")])
    while queue and len(seen) < limit:
        url, level, source = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = (response.status_code, source)
        if level >= depth or response.status_code != 200:
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links(response.content.decode(), url):
            if link not in seen:
                queue.append((link, level + 1, url))
    return seen


def broken(seen: dict[str, tuple[int, str]]) -> list[str]:
    return [
        f"{url} → {status} (linked from {source})"
        for url, (status, source) in seen.items()
        if status in (403, 404)
    ]
