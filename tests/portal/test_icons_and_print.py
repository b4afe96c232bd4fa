"""Favicons, the web manifest and the print stylesheet: linked from every
page's head, present as static files, and in formats browsers can read."""

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db

SITE_NAME = "Lokaal & Integraal Werken aan Participatie"


def _head(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def _link(head, rel: str, **attrs):
    """The one <link> of ``rel`` whose attributes equal ``attrs`` (a callable
    tests the value instead)."""

    def matches(link, name, expected):
        value = link.get(name)
        return expected(value or "") if callable(expected) else value == expected

    links = [
        link
        for link in head.find_all("link")
        if rel in link.get("rel", [])
        and all(matches(link, name, value) for name, value in attrs.items())
    ]
    assert len(links) == 1, f"expected one <link rel={rel} {attrs}>, got {links}"
    return links[0]


def _static_file(url: str) -> Path:
    """The file in the static folders that ``url`` (a static URL) serves."""
    assert url.startswith(settings.STATIC_URL), url
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert found, f"no static file for {url}"
    return Path(found)


def _primary_colour() -> str:
    css = _static_file(f"{settings.STATIC_URL}css/site.css").read_text()
    return re.search(r"--color-primary:\s*(#[0-9a-fA-F]{6})", css).group(1).lower()


def _css_rules(css: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of each rule of a flat stylesheet; @page and
    other at-rules without nested rules are kept under their prelude."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules = []
    for prelude, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        selectors = [" ".join(s.split()) for s in prelude.split(",")]
        declarations = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if name.strip():
                value = value.replace("!important", "")
                declarations[name.strip()] = " ".join(value.split())
        rules.append((selectors, declarations))
    return rules


def _rules_for(rules, selector: str) -> dict[str, str]:
    """The declarations that apply to exactly ``selector``, merged in order."""
    merged: dict[str, str] = {}
    for selectors, declarations in rules:
        if selector in selectors:
            merged.update(declarations)
    return merged


# --- Icons and manifest -----------------------------------------------------


def test_head_links_the_icons_and_the_manifest(client, demo_site):
    head = _head(client)

    ico = _link(head, "icon", href=re.compile(r"\.ico$").search)
    assert ico["sizes"] == "16x16 32x32 48x48"
    svg = _link(head, "icon", type="image/svg+xml")
    touch = _link(head, "apple-touch-icon")
    manifest = _link(head, "manifest")
    for link in (ico, svg, touch, manifest):
        assert _static_file(link["href"]).stat().st_size > 0


def test_favicon_ico_holds_16_32_and_48_pixels_in_the_portal_colour(client, demo_site):
    path = _static_file(_link(_head(client), "icon", sizes="16x16 32x32 48x48")["href"])

    with Image.open(path) as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
        ico.size = (32, 32)
        ico.load()
        colours = {
            "#{:02x}{:02x}{:02x}".format(*rgba[:3])
            for _, rgba in ico.convert("RGBA").getcolors(32 * 32)
            if rgba[3] == 255
        }
    assert _primary_colour() in colours
    assert "#ffffff" in colours  # the white mark


def test_apple_touch_icon_is_an_opaque_180_pixel_png(client, demo_site):
    path = _static_file(_link(_head(client), "apple-touch-icon")["href"])

    with Image.open(path) as png:
        assert png.format == "PNG"
        assert png.size == (180, 180)
        # iOS fills transparent corners with black: the icon must be opaque.
        assert png.convert("RGBA").getextrema()[3] == (255, 255)


def test_svg_icon_is_a_square_svg_in_the_portal_colour(client, demo_site):
    path = _static_file(_link(_head(client), "icon", type="image/svg+xml")["href"])

    root = ET.parse(path).getroot()  # noqa: S314 - our own file
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = root.get("viewBox").split()
    assert width == height
    fills = {element.get("fill", "").lower() for element in root.iter()}
    assert _primary_colour() in fills
    assert "#ffffff" in fills  # the white mark, as on the blue header


def test_manifest_names_the_portal_in_dutch_with_its_icons(client, demo_site):
    url = _link(_head(client), "manifest")["href"]

    manifest = json.loads(_static_file(url).read_text(encoding="utf-8"))
    assert manifest["name"] == SITE_NAME
    assert 0 < len(manifest["short_name"]) <= 12
    assert manifest["lang"] == "nl"
    assert manifest["start_url"] == "/"
    assert manifest["theme_color"].lower() == _primary_colour()
    assert manifest["background_color"].lower() == "#ffffff"
    sizes = set()
    for icon in manifest["icons"]:
        # Icon addresses are relative to the manifest's own address.
        path = _static_file(urljoin(url, icon["src"]))
        if icon["type"] == "image/png":
            with Image.open(path) as png:
                assert png.format == "PNG"
                assert icon["sizes"] == "{}x{}".format(*png.size)
            sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes


def test_favicon_answers_at_the_site_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    with Image.open(io.BytesIO(response.content)) as ico:
        assert ico.format == "ICO"


# --- Print stylesheet -------------------------------------------------------


def _print_rules(client):
    link = _link(_head(client), "stylesheet", media="print")
    path = _static_file(link["href"])
    return _css_rules(path.read_text(encoding="utf-8"))


def test_print_stylesheet_is_linked_for_print_only(client, demo_site):
    head = _head(client)

    link = _link(head, "stylesheet", media="print")
    assert link["href"].endswith("/css/print.css")
    assert "@media" not in _static_file(link["href"]).read_text()  # all of it is


def test_print_hides_navigation_skip_link_buttons_and_footer(client, demo_site):
    rules = _print_rules(client)

    for selector in (
        ".skip-link",
        ".main-nav",
        ".account-nav",
        ".breadcrumbs",
        ".site-footer",
        "button",
        ".utrecht-button",
    ):
        assert _rules_for(rules, selector).get("display") == "none", selector


def test_print_is_black_on_white_and_keeps_figures_and_tables_whole(client, demo_site):
    rules = _print_rules(client)

    body = _rules_for(rules, "body")
    assert body["color"] == "#000"
    assert body["background"] == "#fff"
    assert _rules_for(rules, "a")["color"] == "#000"
    for selector in ("figure", "table", "img"):
        assert _rules_for(rules, selector)["break-inside"] == "avoid", selector


def test_print_shows_link_targets_after_links_in_the_content(client, demo_site):
    rules = _print_rules(client)

    for selector in ('main a[href^="http"]::after', 'main a[href^="/"]::after'):
        assert _rules_for(rules, selector)["content"] == '" (" attr(href) ")"'
