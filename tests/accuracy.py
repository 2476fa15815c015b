"""Score an events table against the hand-annotated gold set in tests/gold/.

Run `python -m tests.accuracy` for the figures and the list of misses; the test in
test_accuracy.py holds the bar.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

GOLD = Path(__file__).resolve().parent / "gold"


def load_gold() -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(GOLD.glob("*.csv"))]
    return pd.concat(frames, ignore_index=True)


def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


def _same_mention(gold: dict, row: dict) -> bool:
    if gold["doc"] != row["doc"] or abs(int(gold["line"]) - int(row["line"])) > 1:
        return False
    a, b = _norm(gold["date_text"]), _norm(row["date_text"])
    return a in b or b in a


@dataclass
class Score:
    gold_events: int
    predicted: int
    matched: int
    values_right: int
    tracks_right: int
    status_right: int
    types_right: int
    misses: list = field(default_factory=list)  # gold events not found
    spurious: list = field(default_factory=list)  # predicted rows that are no gold event
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

    def share(self, right: int) -> float:
        return right / self.matched if self.matched else 0.0

    def report(self) -> str:
        return (f"events: gold {self.gold_events}, predicted {self.predicted}, matched {self.matched}\n"
                f"event precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}\n"
                f"value accuracy {self.share(self.values_right):.3f}  track accuracy {self.share(self.tracks_right):.3f}  "
                f"status accuracy {self.share(self.status_right):.3f}  type accuracy {self.share(self.types_right):.3f}")


def score(table: pd.DataFrame, gold: pd.DataFrame) -> Score:
    events = [g for g in gold.to_dict("records") if g["label"] == "event"]
    rows = table.astype({"start": str, "end": str}).to_dict("records")
    used: set[int] = set()
    s = Score(len(events), len(rows), 0, 0, 0, 0, 0)
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
    s.spurious = [r for i, r in enumerate(rows) if i not in used]
    return s


def main() -> int:
    from events.build import SEEDS, build

    result = build([SEEDS])
    s = score(result.table, load_gold())
    print(s.report())
    verbose = "-v" in sys.argv
    for g in s.misses:
        print(f"MISS {g['doc'][:3]}:{g['line']} {g['date_text']!r}")
    for r in s.spurious:
        print(f"SPURIOUS {r['doc'][:3]}:{r['line']} {r['date_text']!r}" + (f"  | {r['quote'][:120]}" if verbose else ""))
    for g, r in s.wrong_values:
        print(f"VALUE {g['doc'][:3]}:{g['line']} {g['date_text']!r} gold {g['start']}..{g['end']} got {r['start']}..{r['end']}")
    if verbose:
        for g, r in s.pairs:
            if r["track"] != g["track"] or r["status"] != g["status"]:
                print(f"CLASS {g['doc'][:3]}:{g['line']} {g['date_text']!r} track {g['track']}/{r['track']} "
                      f"status {g['status']}/{r['status']} type {g['event_type']}/{r['event_type']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
