"""Procedures and their stages: which stage each event belongs to, and how events of
different documents are linked (a plan realized or re-planned later, stages of one process,
links across tracks). The models are data in processes.toml."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property, lru_cache

from events.cluster import content_words
from events.dates import MONTHS
from events.model import LINK_FIELDS, Event, Link
from events.vocabulary import PROCESSES_FILE, Gate, alternatives, exactly_lowered, gate, process_models, vocabulary  # noqa: F401 (PROCESSES_FILE: kept importable)

RELATIONS = ("realizes", "supersedes", "same_process", "related")
LINK_COLUMNS = LINK_FIELDS
_LINKING = vocabulary().linking  # processes.toml, section [linking]
# Stages that happen many times (meetings, letters) are not one milestone to realize.
REPEATING = _LINKING.repeating
_CUE_REACH = 100  # characters between a stage's cue and the date it applies to
# Institutions that act in nearly every Dutch sentence say little about which event is meant.
_COMMON_ACTORS = _LINKING.common_actors
# Words that name the actors or the field rather than the event.
_COMMON_WORDS = _LINKING.common_words
_NEAR_DAYS = 365  # a plan and its outcome lie at most this far apart (without a stage to say so)
# Mentions of later documents read per list for one plan: the first later document that speaks of
# it is wanted, and a bound keeps linking linear in the size of the corpus.
_LATER_READ = 200


@dataclass(frozen=True)
class Stage:
    key: str
    nl: str
    en: str
    cues: tuple[re.Pattern, ...]

    @cached_property
    def cue_gates(self) -> tuple[Gate, ...]:
        """Each cue's literal pieces: a text that holds none of them holds no match of it."""
        return tuple(gate(["re:" + cue.pattern]) for cue in self.cues)


@dataclass(frozen=True)
class Process:
    key: str
    track: str
    nl: str
    en: str
    stages: tuple[Stage, ...]
    requires: re.Pattern | None = None

    def stage(self, key: str) -> Stage:
        return next(s for s in self.stages if s.key == key)

    def index(self, key: str) -> int:
        return [s.key for s in self.stages].index(key)

    @cached_property
    def cue_gate(self) -> Gate:
        """The literal pieces of the stages' cues: a text that holds none holds no cue."""
        return gate("re:" + cue.pattern for stage in self.stages for cue in stage.cues)


def _raw() -> dict:
    return process_models()


@cache
def processes() -> tuple[Process, ...]:
    return tuple(
        Process(p["key"], p["track"], p["nl"], p["en"], tuple(
            Stage(s["key"], s["nl"], s["en"], tuple(re.compile(c, re.IGNORECASE) for c in s["cues"]))
            for s in p["stages"]),
            re.compile(p["requires"], re.IGNORECASE) if p.get("requires") else None)
        for p in _raw()["processes"])


def process(key: str) -> Process:
    return next(p for p in processes() if p.key == key)


def _date_at(quote: str, date_text: str) -> int:
    at = quote.find(date_text)
    return at if at >= 0 else 0


def stage_of(row: Event, about: frozenset[tuple[str, str]] = frozenset()) -> tuple[str, str]:
    """(process, stage) of an event: the stage whose cue stands nearest its date, or ("", "").
    `about` holds (document, process) pairs of documents about that procedure, whose sentences
    need not name it ("In december 2022 is een raadpositie aangenomen")."""
    model = next((p for p in processes() if p.track == row.track), None)
    if model is None or (model.requires is not None and not _requires(model.key, row.quote)
                         and (row.doc, model.key) not in about):
        return "", ""
    quote, at = row.quote, _date_at(row.quote, row.date_text)
    window = (max(0, at - _CUE_REACH - 200), at + len(row.date_text) + _CUE_REACH + 200)
    # a cue is searched for only where the window holds a literal piece of it: the pieces of all
    # the procedure's cues the window holds are found once (none: no cue is near the date), and
    # each cue's gate, made of some of them, is opened by those
    near = quote[window[0]:window[1]]
    lowered = near.lower()
    held = model.cue_gate.held(lowered) if exactly_lowered(near, lowered) and not model.cue_gate.always else None
    if held is not None and not held:
        return "", ""
    best: tuple[int, int, str] | None = None
    builds_on = _builds_on()
    for rank, stage in enumerate(model.stages):
        for cue, cue_gate in zip(stage.cues, stage.cue_gates, strict=True):
            if held is not None and not cue_gate.opened_by(held):
                continue
            for m in cue.finditer(quote, *window):
                if builds_on and builds_on.search(quote, max(0, m.start() - 40), m.start()):
                    continue  # "op basis van de nulversie": what the event builds on, not the stage it reaches
                distance = max(m.start() - at, at - m.end(), 0)
                if distance <= _CUE_REACH and (best is None or (distance, -rank) < best[:2]):
                    best = (distance, -rank, stage.key)
    return (model.key, best[2]) if best else ("", "")


@cache
def _builds_on() -> re.Pattern | None:
    """The words before what an event builds on ([linking] builds_on of processes.toml)."""
    words = _raw().get("linking", {}).get("builds_on")
    if not words:
        return None
    the = alternatives(vocabulary().function_words["definite_articles"])
    return re.compile(rf"(?<![\w-])(?:{alternatives(words)})\s+(?:(?:{the})\s+)?\W*$", re.IGNORECASE)


@lru_cache(maxsize=256)  # asked for every date of a sentence
def _requires(process_key: str, quote: str) -> bool:
    return bool(process(process_key).requires.search(quote))


_ABOUT = 1  # a document naming a procedure in this many of its dated sentences is about it


def stages(rows: list[Event]) -> dict[str, tuple[str, str]]:
    """(process, stage) of each event, by id."""
    named: dict[tuple[str, str], int] = {}
    for row in rows:
        for model in processes():
            if model.requires is not None and model.track == row.track and _requires(model.key, row.quote):
                named[(row.doc, model.key)] = named.get((row.doc, model.key), 0) + 1
    about = frozenset(key for key, n in named.items() if n >= _ABOUT)
    return {row.id: stage_of(row, about) for row in rows}


def delay_days(plan: Event, later: Event) -> int:
    """Days the later date lies after the planned interval (negative: before it; 0: within)."""
    start, end, actual_start, actual_end = plan.start, plan.end, later.start, later.end
    if actual_start > end:
        return (actual_start - end).days
    if actual_end < start:
        return -(start - actual_end).days
    return 0


def _actors(row: Event) -> set[str]:
    return set(row.institutions) - _COMMON_ACTORS


def _same_milestone(plan: Event, later: Event, words: dict[str, frozenset]) -> str | None:
    """Why two mentions are one milestone, or None."""
    if plan.track != later.track:
        return None
    if plan.stage and plan.stage == later.stage and plan.stage not in REPEATING:
        return f"same stage: {plan.process}/{plan.stage}"
    if plan.stage or later.stage:
        return None
    actors = _actors(plan) & _actors(later)
    shared = words[plan.id] & words[later.id]
    distinctive = sorted(w for w in shared if len(w) >= 5 and w not in MONTHS and w not in _COMMON_WORDS)
    near = -_NEAR_DAYS <= delay_days(plan, later) <= _NEAR_DAYS
    if actors and len(distinctive) >= 2 and near:
        return f"shared actors {', '.join(sorted(actors))}; words {', '.join(distinctive[:6])}"
    return None


def _candidates(rows: list[Event]) -> dict[tuple, list[Event]]:
    """Mentions that could report on a plan, by (track, stage) and by (track, actor), each list
    in document-date order: a plan is compared with these only, not with every mention."""
    index: dict[tuple, list[Event]] = {}
    for row in sorted(rows, key=_doc_order):
        if not row.doc_date:
            continue
        if row.stage:
            index.setdefault((row.track, "stage", row.stage), []).append(row)
        else:
            for actor in _actors(row):
                index.setdefault((row.track, "actor", actor), []).append(row)
    return index


def _doc_order(row: Event) -> tuple:
    return row.doc_date or date.min, row.doc, row.id


def link(rows: list[Event]) -> tuple[list[Link], dict[str, str]]:
    """The links between events, deterministic for the same events, and the plans a later
    document reports done late or plans anew: the id of that later mention, by the plan's id."""
    links: list[Link] = []
    superseded: dict[str, str] = {}
    index = _candidates(rows)
    keys = {key: [_doc_order(r) for r in found] for key, found in index.items()}
    words: dict[str, frozenset] = {}
    for plan in sorted(rows, key=_doc_order):
        if plan.status != "planned" or not plan.doc_date:
            continue
        if plan.stage:
            lists = [(plan.track, "stage", plan.stage)]
        else:
            lists = [(plan.track, "actor", actor) for actor in sorted(_actors(plan))]
        later: dict[str, Event] = {}
        for key in lists:
            found = index.get(key, [])
            # the first mention in a later document: skip the documents up to the plan's own date
            start = bisect.bisect_right(keys[key], (plan.doc_date, "\uffff", "")) if found else 0
            for row in found[start:start + _LATER_READ]:
                later.setdefault(row.id, row)
        for candidate in sorted(later.values(), key=_doc_order):
            if candidate.doc == plan.doc or candidate.end < plan.doc_date:
                continue
            for row in (plan, candidate):
                if row.id not in words:
                    words[row.id] = content_words(row.quote)
            why = _same_milestone(plan, candidate, words)
            if why is None:
                continue
            relation = "realizes" if candidate.status == "happened" else "supersedes"
            delay = delay_days(plan, candidate)
            links.append(Link(candidate.id, plan.id, relation, delay,
                              f"{why}; planned {plan.date_text!r} in {plan.doc}, "
                              f"{'done' if relation == 'realizes' else 'planned anew'} "
                              f"{candidate.date_text!r} in {candidate.doc}"))
            if relation == "supersedes" or delay != 0:
                superseded[plan.id] = candidate.id
            break  # the first later document that speaks of it
    links.extend(_stage_chain(rows))
    links.extend(_cross_track(rows))
    return sorted(links, key=lambda k: (k.relation, k.from_id, k.to_id)), superseded


def _stage_chain(rows: list[Event]) -> list[Link]:
    """Consecutive stages reached in one process, each by the first event that reached it."""
    links = []
    for model in processes():
        reached = {}
        for row in sorted((r for r in rows if r.process == model.key and r.stage and r.status == "happened"),
                          key=lambda r: (r.start, r.id)):
            reached.setdefault(row.stage, row)
        ordered = [reached[s.key] for s in model.stages if s.key in reached]
        for before, after in itertools.pairwise(ordered):
            links.append(Link(after.id, before.id, "same_process", None,
                              f"{model.key}: {before.stage} → {after.stage}"))
    return links


def _cross_track(rows: list[Event]) -> list[Link]:
    links = []
    for rule in _raw().get("cross_links", []):
        cue = re.compile(rule["cue"], re.IGNORECASE)
        targets = sorted((r for r in rows if r.process == rule["process"]),
                         key=lambda r: (r.stage != rule["stage"], r.start, r.id))
        if not targets:
            continue
        process_track = process(rule["process"]).track
        for row in rows:
            on_track = row.track == rule["track"] or (
                row.track != process_track and not set(rule.get("actors", ())).isdisjoint(row.institutions))
            if on_track and row.process != rule["process"] and cue.search(row.quote):
                links.append(Link(row.id, targets[0].id, "related", None,
                                  f"{rule['track']} → {rule['process']}: {cue.pattern}"))
    return links
