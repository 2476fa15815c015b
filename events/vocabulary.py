"""The controlled vocabularies, read once from vocabulary.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")


@dataclass(frozen=True)
class Institution:
    name: str
    nl: str
    en: str
    track: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Vocabulary:
    tracks: tuple[dict, ...]
    statuses: tuple[dict, ...]
    precisions: tuple[dict, ...]
    event_types: tuple[dict, ...]
    institutions: tuple[Institution, ...]
    topics: dict[str, re.Pattern]
    status_cues: dict[str, re.Pattern]
    event_cues: tuple[tuple[str, re.Pattern], ...]
    anaphora: re.Pattern

    def keys(self, part: str) -> tuple[str, ...]:
        return tuple(item["key"] for item in getattr(self, part))

    def label(self, part: str, key: str, lang: str) -> str:
        for item in getattr(self, part):
            if item["key"] == key:
                return item[lang]
        return key

    @property
    def institution_names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.institutions)

    def institution_label(self, name: str, lang: str) -> str:
        for inst in self.institutions:
            if inst.name == name:
                return getattr(inst, lang)
        return name.removeprefix("other:")

    def alias_words(self) -> frozenset[str]:
        """Single-word aliases, for telling "Mensenrechtenraad 2021" from "Horizon 2020"."""
        words = set()
        for inst in self.institutions:
            for alias in _aliases_of(inst.name):
                if not alias.startswith("re:") and " " not in alias:
                    words.add(alias)
        return frozenset(words)


def _word_pattern(words: list[str]) -> re.Pattern | None:
    """One pattern for a list of words: abbreviations exact, other words in any case."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        if word.startswith("re:"):
            parts.append(f"(?:{word[3:]})")
            continue
        body = re.escape(word).replace(r"\ ", r"\s+")
        exact = word.isupper() or any(ch.isdigit() for ch in word)
        parts.append(f"(?:{body})" if exact else f"(?i:{body})")
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])")


@cache
def _raw() -> dict:
    with VOCABULARY_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _aliases_of(name: str) -> list[str]:
    for item in _raw()["institutions"]:
        if item["name"] == name:
            return item["aliases"]
    return []


@cache
def vocabulary() -> Vocabulary:
    raw = _raw()
    institutions = tuple(
        Institution(item["name"], item["nl"], item["en"], item["track"], _word_pattern(item["aliases"]))
        for item in raw["institutions"])
    return Vocabulary(
        tracks=tuple(raw["tracks"]),
        statuses=tuple(raw["statuses"]),
        precisions=tuple(raw["precisions"]),
        event_types=tuple({k: v for k, v in item.items() if k != "cues"} for item in raw["event_types"]),
        institutions=institutions,
        topics={track: _word_pattern(words) for track, words in raw["topics"].items()},
        status_cues={status: _word_pattern(words) for status, words in raw["status_cues"].items()},
        event_cues=tuple((item["key"], _word_pattern(item["cues"])) for item in raw["event_types"] if item["cues"]),
        anaphora=_word_pattern(raw["anaphora"]["words"]),
    )
