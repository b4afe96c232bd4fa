"""Helpers for browser tests: axe-core scans and keyboard navigation."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def assert_accessible(page: Page, *, context: str | None = None) -> None:
    """Fail with a readable report when axe-core finds any WCAG A/AA violation."""
    results = _axe.run(
        page,
        context=context,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, results.generate_report()


def tab_until(page: Page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} never got keyboard focus in {limit} tabs")
