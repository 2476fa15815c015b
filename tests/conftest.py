import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from events.documents import read_metadata
from events.model import Event

# Property tests: derandomized by default, so that a failure on CI fails again on any machine;
# HYPOTHESIS_PROFILE=thorough scripts/test searches far more examples, randomly, when asked.
# No deadline: no test asserts on time.
settings.register_profile("ci", derandomize=True, max_examples=200, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


def event(id: str, doc: str = "1.txt", date_text: str = "2024", start: str = "2024-01-01", end: str = "2024-12-31",
          precision: str = "year", quote: str = "", track: str = "eu", event_type: str = "vote",
          institutions: str = "", **more) -> Event:
    """An Event for a pass's test, written as a table row is (ISO dates, ';'-joined institutions)."""
    return Event(id=id, doc=doc, line=more.pop("line", 1), date_text=date_text, start=date.fromisoformat(start),
                 end=date.fromisoformat(end), precision=precision, status=more.pop("status", "happened"), track=track,
                 institutions=tuple(filter(None, institutions.split(";"))), event_type=event_type,
                 title=more.pop("title", "t"), quote=quote or date_text, doc_date=more.pop("doc_date", None),
                 kind=more.pop("kind", "event"), doc_date_source="", relative=False, **more)
