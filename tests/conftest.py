from pathlib import Path

import pytest

from events.documents import read_metadata

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CORPUS = Path(__file__).resolve().parent / "corpus"


def seed_text(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def corpus_text(number: str) -> str:
    """A document of the development corpus (tests/corpus/) by its number."""
    return next(CORPUS.glob(f"{number}_*")).read_text(encoding="utf-8")


def seed_lines(stem: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a seed, as they stand in the file."""
    return "\n".join(seed_text(stem).splitlines()[first - 1:last])


@pytest.fixture(scope="session")
def metadata():
    return read_metadata(SEEDS)


@pytest.fixture
def isolated_app(tmp_path, monkeypatch):
    """The app with a curation store and an upload folder of its own; returns the store."""
    store = tmp_path / "corrections.sqlite"
    monkeypatch.setenv("AIRT_CORRECTIONS", str(store))
    monkeypatch.setenv("AIRT_UPLOADS", str(tmp_path / "uploads"))
    return store
