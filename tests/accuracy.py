"""Score an events table against the hand-annotated gold sets in tests/gold/.

Two sets: the bundled seeds (built with seeds/documents.csv) and the corpus of real documents
in tests/corpus/ (built without metadata, so every document is dated from its own text).
Run `python -m tests.accuracy [-v]` for the figures of both and the list of misses;
test_accuracy.py holds the bars.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from events.headlines import LANGUAGES, headline_problems
from events.titles import title_problems

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold"
CORPUS = TESTS / "corpus"
SETS = ("seeds", "corpus")


def load_gold(name: str = "seeds") -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted((GOLD / name).glob("*.csv"))
              if p.name != "documents.csv"]
    gold = pd.concat(frames, ignore_index=True)
    if "cluster" not in gold.columns:
        gold["cluster"] = ""
    return gold


def gold_document_dates() -> dict[str, str]:
    """The corpus documents' own dates as decided by reading them ('' where none can be)."""
    frame = pd.read_csv(GOLD / "corpus" / "documents.csv", dtype=str, keep_default_na=False)
    return dict(zip(frame["file"], frame["date"], strict=True))


@cache
def built(name: str):
    """The build of one set, made once per process."""
    from events.build import SEEDS, build

    return build([SEEDS if name == "seeds" else CORPUS])


def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


def _same_mention(gold: dict, row: dict) -> bool:
    if gold["doc"] != row["doc"] or abs(int(gold["line"]) - int(row["line"])) > 1:
        return False
    a, b = _norm(gold["date_text"]), _norm(row["date_text"])
    return a in b or b in a


def _institutions(cell: str | tuple) -> set[str]:
    """The names of a gold cell (as the file writes them) or of a built row (a tuple)."""
    return set(cell) if isinstance(cell, tuple) else {name for name in cell.split(";") if name}


def jaccard(a: set, b: set) -> float:
    return 1.0 if not a and not b else len(a & b) / len(a | b)


@dataclass
class Score:
    gold_events: int
    predicted: int
    matched: int = 0
    values_right: int = 0
    tracks_right: int = 0
    status_right: int = 0
    types_right: int = 0
    instruments_right: int = 0
    topics_right: int = 0
    institutions: float = 0.0  # summed Jaccard over matched events
    others: int = 0  # predicted events typed `other`
    broken_titles: list = field(default_factory=list)  # (row, problems)
    broken_headlines: dict = field(default_factory=dict)  # language -> [(row, problems)]
    misses: list = field(default_factory=list)  # gold events not found
    spurious: list = field(default_factory=list)  # predicted events that are no gold event
    wrong_values: list = field(default_factory=list)
    pairs: list = field(default_factory=list)  # (gold, predicted) for every match

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_events if self.gold_events else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, right: float) -> float:
        return right / self.matched if self.matched else 0.0

    @property
    def institutions_jaccard(self) -> float:
        return self.share(self.institutions)

    @property
    def broken_title_share(self) -> float:
        return len(self.broken_titles) / self.predicted if self.predicted else 0.0

    def broken_headline_share(self, lang: str) -> float:
        return len(self.broken_headlines.get(lang, [])) / self.predicted if self.predicted else 0.0

    @property
    def other_share(self) -> float:
        return self.others / self.predicted if self.predicted else 0.0

    def clusters(self) -> tuple[float, float]:
        """Pairwise cluster precision and recall over matched events with a gold cluster."""
        keyed = [(g["cluster"], r["cluster"]) for g, r in self.pairs if g.get("cluster")]
        same_gold = same_pred = both = 0
        for (g1, p1), (g2, p2) in itertools.combinations(keyed, 2):
            same_gold += g1 == g2
            same_pred += p1 == p2
            both += g1 == g2 and p1 == p2
        return (both / same_pred if same_pred else 1.0, both / same_gold if same_gold else 1.0)

    def report(self) -> str:
        cluster_p, cluster_r = self.clusters()
        return (f"events: gold {self.gold_events}, predicted {self.predicted}, matched {self.matched}\n"
                f"event precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}\n"
                f"value accuracy {self.share(self.values_right):.3f}  status accuracy {self.share(self.status_right):.3f}  "
                f"track accuracy {self.share(self.tracks_right):.3f}  type accuracy {self.share(self.types_right):.3f}\n"
                f"instrument accuracy {self.share(self.instruments_right):.3f}  "
                f"topic accuracy {self.share(self.topics_right):.3f}\n"
                f"institutions Jaccard {self.institutions_jaccard:.3f}  other types {self.other_share:.3f}  "
                f"broken titles {self.broken_title_share:.3f}  cluster precision {cluster_p:.3f}  recall {cluster_r:.3f}\n"
                + "  ".join(f"broken headlines ({lang}) {self.broken_headline_share(lang):.3f}" for lang in LANGUAGES))


def score(table: pd.DataFrame, gold: pd.DataFrame) -> Score:
    """Match the table's events to the gold events (same document, line ±1, overlapping text)."""
    events = [g for g in gold.to_dict("records") if g["kind"] == "event"]
    table = table.astype({"start": str, "end": str})
    if "kind" in table.columns:
        table = table[table["kind"] == "event"]
    annotated = {g["doc"] for g in gold.to_dict("records")}
    rows = [row for row in table.to_dict("records") if row["doc"] in annotated]
    used: set[int] = set()
    s = Score(len(events), len(rows))
    for g in events:
        match = next((i for i, r in enumerate(rows) if i not in used and _same_mention(g, r)), None)
        if match is None:
            s.misses.append(g)
            continue
        used.add(match)
        r = rows[match]
        s.pairs.append((g, r))
        s.matched += 1
        if (r["start"], r["end"]) == (g["start"], g["end"]):
            s.values_right += 1
        else:
            s.wrong_values.append((g, r))
        s.tracks_right += r["track"] == g["track"]
        s.status_right += r["status"] == g["status"]
        s.types_right += r["event_type"] == g["event_type"]
        s.instruments_right += r.get("instrument", "") == g.get("instrument", "")
        s.topics_right += r.get("topic", "") == g.get("topic", "")
        s.institutions += jaccard(_institutions(g["institutions"]), _institutions(r["institutions"]))
    s.spurious = [r for i, r in enumerate(rows) if i not in used]
    s.others = sum(r["event_type"] == "other" for r in rows)  # of the annotated documents
    s.broken_titles = [(r, found) for r in rows if (found := title_problems(r["title"], r["quote"]))]
    s.broken_headlines = {lang: [(r, found) for r in rows
                                 if (found := headline_problems(r.get(f"title_{lang}", ""), lang))]
                          for lang in LANGUAGES}
    return s


@dataclass
class DateScore:
    right: list = field(default_factory=list)
    wrong: list = field(default_factory=list)  # (file, gold, found)
    unknown: list = field(default_factory=list)  # (file, gold): no date found where the gold has one
    unknown_right: list = field(default_factory=list)  # no date found, none to find

    @property
    def accuracy(self) -> float:
        total = len(self.right) + len(self.wrong) + len(self.unknown) + len(self.unknown_right)
        return (len(self.right) + len(self.unknown_right)) / total if total else 0.0

    def report(self) -> str:
        return (f"document dates: {len(self.right)} right, {len(self.wrong)} wrong, "
                f"{len(self.unknown)} unknown where a date was due, {len(self.unknown_right)} rightly unknown; "
                f"accuracy {self.accuracy:.3f}")


def score_dates(sources: pd.DataFrame, gold: dict[str, str]) -> DateScore:
    found = {row["file"]: (row["date"] if isinstance(row["date"], str) else "") for row in sources.to_dict("records")}
    s = DateScore()
    for file, expected in sorted(gold.items()):
        got = found.get(file, "")
        if got == expected:
            (s.right if got else s.unknown_right).append(file)
        elif not got:
            s.unknown.append((file, expected))
        else:
            s.wrong.append((file, expected, got))
    return s


def main() -> int:
    verbose = "-v" in sys.argv
    for name in SETS:
        result = built(name)
        s = score(result.table, load_gold(name))
        print(f"== {name} ==\n{s.report()}")
        if name == "corpus":
            dates = score_dates(result.sources, gold_document_dates())
            print(dates.report())
            for file, expected, got in dates.wrong:
                print(f"DOCDATE {file}: gold {expected} got {got}")
            for file, expected in dates.unknown:
                print(f"DOCDATE {file}: gold {expected} got unknown")
        for g in s.misses:
            print(f"MISS {g['doc'][:3]}:{g['line']} {g['date_text']!r}")
        for r in s.spurious:
            print(f"SPURIOUS {r['doc'][:3]}:{r['line']} {r['date_text']!r}" + (f"  | {r['quote'][:120]}" if verbose else ""))
        for g, r in s.wrong_values:
            print(f"VALUE {g['doc'][:3]}:{g['line']} {g['date_text']!r} gold {g['start']}..{g['end']} "
                  f"got {r['start']}..{r['end']}")
        if verbose:
            for g, r in s.pairs:
                if (r["track"], r["status"], r["event_type"], r["instrument"], r["topic"]) \
                    != (g["track"], g["status"], g["event_type"], g["instrument"], g["topic"]) \
                        or _institutions(r["institutions"]) != _institutions(g["institutions"]):
                    print(f"CLASS {g['doc'][:3]}:{g['line']} {g['date_text']!r} track {g['track']}/{r['track']} "
                          f"status {g['status']}/{r['status']} type {g['event_type']}/{r['event_type']} "
                          f"inst {g['institutions']}/{r['institutions']} "
                          f"instrument {g['instrument']}/{r['instrument']} topic {g['topic']}/{r['topic']}")
            for r, found in s.broken_titles:
                print(f"TITLE {r['doc'][:3]}:{r['line']} {r['title']!r}: {', '.join(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
