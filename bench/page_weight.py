"""Target 6, page weight: what the home page, an event page and a
publication page transfer (HTML, style sheets, scripts, fonts and the icons
the head links; content images excluded), as a browser that accepts
compressed files receives them from gunicorn and WhiteNoise; and whether
each can be read, and the event registered for, without JavaScript.
"""

import http.client
import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .core import Result
from .load import page_url
from .server import gunicorn, manage

PORT = 8104
LIMIT_KB = 150


class _Assets(HTMLParser):
    """The files a browser fetches to show the page (not content images)."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.scripts = 0
        self.h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "link" and attr.get("href"):
            rel = (attr.get("rel") or "").split()
            media = attr.get("media") or "all"
            wanted = (
                ("stylesheet" in rel and media != "print")
                or ("icon" in rel and "apple-touch-icon" not in rel)
                or "preload" in rel
            )
            if wanted:
                self.assets.append(attr["href"])  # type: ignore[arg-type]
        elif tag == "script":
            self.scripts += 1
            if attr.get("src"):
                self.assets.append(attr["src"])  # type: ignore[arg-type]
        elif tag == "h1":
            self.h1 = True


def _get(base: str, path: str, cookie: str = "") -> tuple[int, bytes, dict]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=30)
    headers = {"Accept-Encoding": "br, gzip"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body, {k.lower(): v for k, v in response.getheaders()}


def _weigh(base: str, path: str) -> dict:
    status, html, _ = _get(base, path)
    assert status == 200, (path, status)
    parser = _Assets()
    text = html.decode()
    parser.feed(text)
    files = {"html": len(html)}
    fonts: list[str] = []
    for asset in dict.fromkeys(parser.assets):
        asset_path = urlsplit(urljoin(base + path, asset)).path
        status, body, headers = _get(base, asset_path)
        assert status == 200, (asset_path, status)
        files[asset_path] = len(body)
        if asset_path.endswith(".css"):
            css = body if not headers.get("content-encoding") else b""
            fonts += re.findall(r"url\(['\"]?([^'\")]+\.woff2?)", css.decode())
    for font in dict.fromkeys(fonts):
        status, body, _ = _get(base, urlsplit(urljoin(base, font)).path)
        files[font] = len(body)
    return {
        "bytes": sum(files.values()),
        "files": files,
        "scripts": parser.scripts,
        "has_h1": parser.h1,
    }


def run(*, scale: str) -> list[Result]:
    setup = json.loads(
        manage("bench_race", "setup", "--members", "1", "--seats", "50").splitlines()[
            -1
        ]
    )
    pages = {
        "home": "/",
        "event": f"/agenda/{setup['race']}/",
        "publication": page_url("knowledge.PublicationPage"),
    }
    results = []
    with gunicorn(PORT, workers=2) as base:
        for name, path in pages.items():
            weight = _weigh(base, path)
            kb = weight["bytes"] / 1024
            results.append(
                Result(
                    target="6. Page weight",
                    measure=f"{name} page ({path}), transferred",
                    value=round(kb, 1),
                    unit="KB",
                    bar=f"< {LIMIT_KB} KB",
                    passed=kb < LIMIT_KB and weight["has_h1"],
                    detail=weight,
                )
            )
        # Registering needs no script: a logged-in member gets a plain form.
        cookie = f"sessionid={setup['sessions'][0]}"
        status, html, _ = _get(base, pages["event"], cookie)
        form = re.search(
            r'<form method="post" action="/agenda/[^"]+/aanmelden/">', html.decode()
        )
    results.append(
        Result(
            target="6. Page weight",
            measure="event page: registering is a plain HTML form (no script)",
            value=1.0 if status == 200 and form else 0.0,
            unit="",
            bar="1 (yes)",
            passed=bool(status == 200 and form),
        )
    )
    return results
