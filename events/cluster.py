"""Give mentions of the same real-world event one cluster value.

Two mentions are one event when they sit on the same track, have the same type, their
intervals overlap and their sentences share enough words (or one is a day inside the
other's span and both name the same institution)."""

from __future__ import annotations

import re
from collections import defaultdict

_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset("""
    deze zijn heeft hebben wordt worden door voor over naar zoals maar ook niet meer werd
    waren onder tussen binnen tijdens daarom daarnaast tevens verder kabinet brief kamer
    that this with from have been were will which their there about into also
""".split())
_SIMILAR = 0.25
_WINDOW = 60  # earlier mentions compared in one bucket, enough for any real corpus's repeats


def content_words(quote: str) -> frozenset[str]:
    return frozenset(w for w in (m.group().lower() for m in _WORD.finditer(quote)) if w not in _STOP)


def _similar(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def assign_clusters(rows: list[dict]) -> None:
    """Set row["cluster"] on every row, in place; deterministic for the same rows."""
    parent = {row["id"]: row["id"] for row in rows}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    buckets: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        buckets[(row["track"], row["event_type"])].append(row)
    words = {row["id"]: content_words(row["quote"]) for row in rows}
    for bucket in buckets.values():
        bucket.sort(key=lambda r: (r["start"], r["end"], r["id"]))
        active: list[dict] = []
        for row in bucket:
            active = [a for a in active if a["end"] >= row["start"]][-_WINDOW:]
            for other in active:
                if _same_event(row, other, words):
                    union(row["id"], other["id"])
            active.append(row)
    for row in rows:
        row["cluster"] = "c" + find(row["id"])


def _same_event(a: dict, b: dict, words: dict) -> bool:
    if a["quote"] == b["quote"] and a["date_text"] == b["date_text"]:
        return True
    similarity = _similar(words[a["id"]], words[b["id"]])
    if similarity >= _SIMILAR:
        return True
    exact = a["precision"] == "day" and b["precision"] == "day" and a["start"] == b["start"]
    shared = set(filter(None, a["institutions"].split(";"))) & set(filter(None, b["institutions"].split(";")))
    return exact and bool(shared) and similarity >= _SIMILAR / 2
