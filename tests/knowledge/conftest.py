import pytest

from tests.knowledge.factories import (
    home_page_create,
    knowledge_index_create,
    publication_create,
)


@pytest.fixture
def home(db):
    return home_page_create()


@pytest.fixture
def kennisbank(home):
    """A kennisbank with the taxonomy of the research (made by a migration),
    and nothing in it."""
    return knowledge_index_create(home=home)


@pytest.fixture
def make_publication(kennisbank):
    """Publish a publication: ``make_publication(title=..., bouwopgaven=[1])``."""

    def make(**kwargs):
        return publication_create(index=kennisbank, **kwargs)

    return make
