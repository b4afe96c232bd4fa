"""What the apps built on the leernetwerk add to a member's own page.

The network app owns `/mijn/`, the member's data download and the deletion
of their account, but it may not import the apps that build on it (the
kennisbank, the leergang). Those apps register here, in `AppConfig.ready()`:
a section for the page, their part of the download, how they erase their
copies of a person's data when the account is deleted, and for each of their
models whether the download includes it or why not (``Exported`` or
``NotExported``; ``tests/privacy/`` fails on a model that holds personal data
and has no such declaration). The network app asks for them by user; all are
plain functions of the user.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MyPageSection:
    """A section of /mijn/: a template and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Exported:
    """The download holds a person's rows of this model under ``key`` (a
    dotted path into the JSON, ``leergang.team_memberships``). ``owner`` is
    the lookup from the model to the person's account, when it has one: the
    rows it finds are about that person, and so are their audit entries."""

    key: str
    owner: str = ""


@dataclass(frozen=True)
class NotExported:
    """The download leaves this model out, for ``reason`` (in English, for
    the people who maintain the portal)."""

    reason: str


DataUse = Exported | NotExported

SectionProvider = Callable[[Any], MyPageSection | None]
DataProvider = Callable[[Any], dict[str, Any] | None]
# Erases the app's copies of a person's data just before the account is
# deleted (inside that transaction); returns the names and addresses it
# erased, so the audit log can forget them too.
EraseProvider = Callable[[Any], Iterable[str]]

_sections: dict[str, SectionProvider] = {}
_data: dict[str, DataProvider] = {}
_erasers: dict[str, EraseProvider] = {}
_models: dict[str, dict[str, DataUse]] = {}


def register(
    *,
    name: str,
    section: SectionProvider | None = None,
    data: DataProvider | None = None,
    erase: EraseProvider | None = None,
    models: Mapping[str, DataUse] | None = None,
) -> None:
    """Register an app's section, data, eraser and model declarations under
    ``name`` (its label). Registering the same name again replaces them, so a
    second ready() is safe."""
    if section is not None:
        _sections[name] = section
    if data is not None:
        _data[name] = data
    if erase is not None:
        _erasers[name] = erase
    if models is not None:
        _models[name] = dict(models)


def my_page_sections(*, user: Any) -> list[MyPageSection]:
    """The sections for ``user``, in the order the apps were registered; an
    app with nothing to show for this user returns None and is left out."""
    sections = (provider(user) for provider in _sections.values())
    return [section for section in sections if section is not None]


def personal_data(*, user: Any) -> dict[str, Any]:
    """Each app's part of the data download, keyed by the app's name."""
    parts = {name: provider(user) for name, provider in _data.items()}
    return {name: part for name, part in parts.items() if part is not None}


def personal_data_erase(*, user: Any) -> list[str]:
    """Let each app erase its copies of the data of ``user``; returns the
    names and addresses they held."""
    erased: list[str] = []
    for eraser in _erasers.values():
        erased.extend(eraser(user))
    return erased


def personal_data_models() -> dict[str, DataUse]:
    """Every registered declaration: model label -> how it is exported, or
    why it is not."""
    return {label: use for models in _models.values() for label, use in models.items()}
