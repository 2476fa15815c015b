import os
import subprocess
import sys
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

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
CORPUS = Path(__file__).resolve().parent / "corpus"


def seed_text(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def corpus_text(number: str) -> str:
    """A document of the development corpus (tests/corpus/) by its number."""
    return next(CORPUS.glob(f"{number}_*")).read_text(encoding="utf-8")


def seed_lines(stem: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a seed, as they stand in the file."""
    return "\n".join(seed_text(stem).splitlines()[first - 1:last])


# Letters a user uploads in the tests: real seed text under a dateline of their own.
UPLOAD_LETTER = "Den Haag, 6 juni 2024\n" + seed_lines("002", 15, 35)  # the AI Act's adoption, reported
UPLOAD_PLENARY = "Den Haag, 10 februari 2023\n" + seed_lines("000", 105, 108)  # a CAI plenary, planned


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (a table's set: table, links, sources, texts, markers), by its
    path from the folder: its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_module(module: str, *args, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m module args` in a process of its own, as a user runs it; its exit status and
    output as text."""
    return subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="session")
def seeds_built():
    """The seeds built once (with their documents.csv, without corrections), for every module
    that reads what the pipeline makes of them."""
    from tests.accuracy import built
    return built("seeds")


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
