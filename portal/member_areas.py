"""What the apps built on the leernetwerk add to a member's own page.

The network app owns `/mijn/` and the member's data download, but it may not
import the apps that build on it (the leergang). Those apps register a section
for the page and their part of the download here, in `AppConfig.ready()`; the
network app asks for them by user. Both are plain functions of the user.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MyPageSection:
    """A section of /mijn/: a template and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


SectionProvider = Callable[[Any], MyPageSection | None]
DataProvider = Callable[[Any], dict[str, Any] | None]

_sections: dict[str, SectionProvider] = {}
_data: dict[str, DataProvider] = {}


def register(
    *,
    name: str,
    section: SectionProvider | None = None,
    data: DataProvider | None = None,
) -> None:
    """Register an app's section and data under ``name`` (its label).
    Registering the same name again replaces it, so a second ready() is safe."""
    if section is not None:
        _sections[name] = section
    if data is not None:
        _data[name] = data


def my_page_sections(*, user: Any) -> list[MyPageSection]:
    """The sections for ``user``, in the order the apps were registered; an
    app with nothing to show for this user returns None and is left out."""
    sections = (provider(user) for provider in _sections.values())
    return [section for section in sections if section is not None]


def personal_data(*, user: Any) -> dict[str, Any]:
    """Each app's part of the data download, keyed by the app's name."""
    parts = {name: provider(user) for name, provider in _data.items()}
    return {name: part for name, part in parts.items() if part is not None}
