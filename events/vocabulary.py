"""The controlled vocabularies, read once from vocabulary.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")
PROCESSES_FILE = Path(__file__).with_name("processes.toml")


@dataclass(frozen=True)
class Institution:
    name: str
    nl: str
    en: str
    track: str  # "" for a body that says nothing of the track (a state)
    pattern: re.Pattern
    refs: tuple[str, ...] = ()  # head nouns a reference back to it uses ("comité")
    default: tuple[str, ...] = ()  # heads that mean it when no fitting body was named before
    role: str = ""  # "government" (the speaking government) or "country"
    advisory: bool = False  # what it reports is advice


@dataclass(frozen=True)
class Actors:
    """The combined patterns that find actors in a sentence, compiled once."""

    names: re.Pattern  # the aliases that are regular expressions; group a<i> is alias i
    by_first_word: dict[str, list[tuple[int, re.Pattern]]]  # first word -> (alias i, its pattern), longest first
    alias_owner: tuple[int, ...]  # alias i -> index of its institution
    alias_text: tuple[str, ...]
    ambiguous: dict[str, tuple[re.Pattern | None, re.Pattern | None]]  # alias -> (not_beside, beside)
    references: re.Pattern | None  # determiner + head noun; group "head"
    heads: dict[str, tuple[str, ...]]  # head noun -> bodies it can refer back to
    defaults: dict[str, str]  # head noun -> body meant when none was named before
    pronouns: re.Pattern | None
    first_person: re.Pattern | None
    speaker_intro: re.Pattern | None
    dutch_speaker: str
    singular: frozenset[str]  # first-person words of one speaker ("ik")
    dutch_singular_speaker: str
    singular_words: re.Pattern | None  # "ik", for telling who speaks for the government
    cabinet_voice: re.Pattern | None  # "het kabinet", "wij", "de regering"
    recipient: re.Pattern  # matches the end of the text before a recipient
    recipient_verbs: re.Pattern | None
    venue: re.Pattern
    names_a_document: re.Pattern  # right after a body: a document's name goes on ("Framework Convention")
    venue_of: re.Pattern  # "during the informal conference of": the body whose meeting it is, a venue too
    qualifier: re.Pattern
    clause_breaks: re.Pattern | None
    subordinators: re.Pattern | None  # words that open a subordinate clause ("omdat", "which")
    subject_after: re.Pattern | None  # the end of the text before a body in subject position
    indefinite: re.Pattern | None  # the end of the text before a body introduced as a thing ("een Comité")
    unknown: re.Pattern | None  # a capitalised name ending in an organisation head
    articles: re.Pattern | None


@dataclass(frozen=True)
class DateWords:
    """The words of dates (section [dates]), in the file's order."""

    months: dict[str, int]  # every month name and abbreviation -> its number
    full_months: tuple[str, ...]  # the names that are no abbreviation
    abbreviated_months: tuple[str, ...]
    seasons: dict[str, tuple[int, int]]  # first month, number of months
    weekdays: dict[str, int]
    day_offsets: dict[str, int]
    ordinals: dict[str, int]
    modifiers: dict[str, str]  # -> begin, mid or end
    relative: dict[str, int]  # -> -1, 0 or 1
    prefixes: dict[str, str]  # -> since, from or until
    name_lead_exceptions: frozenset[str]


@dataclass(frozen=True)
class DocumentWords:
    """The words of reading documents (section [documents])."""

    abbreviations: frozenset[str]  # whose dot ends no sentence
    language_words: dict[str, tuple[str, ...]]  # language -> its function words
    doc_types: tuple[tuple[str, re.Pattern], ...]  # the first that matches a document's opening names its type


@dataclass(frozen=True)
class LinkingWords:
    """What tells a plan from its outcome (processes.toml, section [linking])."""

    repeating: frozenset[str]  # stages that happen many times
    common_actors: frozenset[str]
    common_words: frozenset[str]


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
    type_leads: tuple[tuple[str, re.Pattern], ...]  # type, pattern matching the end of the text before a date
    datelines: tuple[tuple[str, re.Pattern], ...]
    document_heads: tuple[tuple[str, re.Pattern], ...]  # what a dateline dates, by the document's head
    object_lead: re.Pattern  # the end of the text before a cue that a preposition governs
    weak_cues: frozenset[str]  # cues that name a type only where no other cue of the clause does
    informing: re.Pattern  # verbs by which the government tells parliament something
    participation: re.Pattern  # verbs of taking part in a meeting
    consulted: re.Pattern  # the end of the text before a body that is consulted
    not_deadline: re.Pattern  # the end of the text before "voor <date>" when it is no deadline
    actors: Actors
    document_dates: dict[str, tuple[str, ...]]
    roles: dict[str, tuple[str, ...]]
    dates: DateWords
    documents: DocumentWords
    stop_words: frozenset[str]  # too common to tell two mentions of one event apart (clustering)
    linking: LinkingWords

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

    def institution(self, name: str) -> Institution | None:
        return _institutions_by_name().get(name)

    def institution_label(self, name: str, lang: str) -> str:
        for inst in self.institutions:
            if inst.name == name:
                return getattr(inst, lang)
        return name.removeprefix("other:")

    def alias_words(self) -> frozenset[str]:
        """Single-word aliases, for telling "Mensenrechtenraad 2021" from "Horizon 2020"."""
        return _alias_words()


@cache  # asked for every sentence: read once
def _alias_words() -> frozenset[str]:
    return frozenset(alias for item in _raw()["institutions"] for alias in item["aliases"]
                     if not alias.startswith("re:") and " " not in alias)


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


_FIRST_WORD = re.compile(r"[^\W_]+")


@cache
def _institutions_by_name() -> dict[str, Institution]:
    return {inst.name: inst for inst in vocabulary().institutions}


def _ending(words: list[str]) -> re.Pattern:
    """A pattern for text that ends in one of the words, an article or possessive allowed
    after it: the text before a name, to see what leads the name."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?i:{body})(?:\s+(?i:de|het|the|uw|your|its|their|haar|zijn))?\s*$")


def _actors(raw: dict, institutions: tuple[Institution, ...]) -> Actors:
    ana = raw["anaphora"]
    aliases: list[tuple[str, int]] = [(alias, i) for i, item in enumerate(raw["institutions"]) for alias in item["aliases"]]
    aliases.sort(key=lambda pair: -len(pair[0]))
    # plain aliases are looked up by their first word, then matched where that word stands (one
    # pattern of hundreds of alternatives tried at every word is slow); the few regular
    # expressions go in one pattern
    by_first: dict[str, list[tuple[int, re.Pattern]]] = {}
    parts = []
    for n, (alias, _) in enumerate(aliases):
        if alias.startswith("re:"):
            parts.append(f"(?P<a{n}>{alias[3:]})")
            continue
        body = re.escape(alias).replace(r"\ ", r"\s+")
        exact = alias.isupper() or any(ch.isdigit() for ch in alias)
        first = _FIRST_WORD.search(alias)
        if first:
            by_first.setdefault(first.group().lower(), []).append(
                (n, re.compile(body + r"(?![\w])", 0 if exact else re.IGNORECASE)))
    names = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])")
    heads: dict[str, list[str]] = {}
    defaults: dict[str, str] = {}
    for inst in institutions:
        for head in inst.refs:
            heads.setdefault(head.lower(), []).append(inst.name)
        for head in inst.default:
            defaults.setdefault(head.lower(), inst.name)
    references = None
    if heads:
        dets = "|".join(re.escape(d) for d in ana["determiners"])
        head_alt = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=len, reverse=True))
        named_by = "|".join(re.escape(w) for w in ana["named_by"])
        references = re.compile(
            rf"(?<![\w-])(?i:{dets})\s+(?:[^\W\d]+\s+)?(?P<head>(?i:{head_alt}))(?![\w-])(?!\s+(?:{named_by})\b)")
    ambiguous = {}
    for item in raw.get("ambiguous", []):
        ambiguous[item["alias"]] = (_word_pattern(item.get("not_beside", [])), _word_pattern(item.get("beside", [])))
    unknown_raw = raw.get("unknown_actors", {})
    unknown = None
    if unknown_raw.get("heads"):
        head_alt = "|".join(re.escape(h) for h in unknown_raw["heads"])
        conn = "|".join(re.escape(c) for c in unknown_raw["connectors"])
        cap = r"[A-Z][\w'’.+-]*"
        # bounded, with one connector at most between two names, so that a line in capitals
        # cannot make it backtrack without end
        unknown = re.compile(rf"(?<![\w-])(?P<name>{cap}(?:\s+(?:(?:{conn})\s+)?{cap}){{0,5}}?\s+(?:{head_alt}))(?![\w-])")
    return Actors(
        names=names,
        by_first_word=by_first,
        alias_owner=tuple(i for _, i in aliases),
        alias_text=tuple(alias for alias, _ in aliases),
        ambiguous=ambiguous,
        references=references,
        heads={head: tuple(names_) for head, names_ in heads.items()},
        defaults=defaults,
        pronouns=_word_pattern(ana.get("pronouns", [])),
        first_person=_case_pattern(ana.get("first_person", [])),
        speaker_intro=_word_pattern(ana.get("speaker_intro", [])),
        dutch_speaker=ana.get("dutch_speaker", ""),
        singular=frozenset(ana.get("first_person_singular", [])),
        dutch_singular_speaker=ana.get("dutch_singular_speaker", ""),
        singular_words=_case_pattern(ana.get("first_person_singular", [])),
        cabinet_voice=_word_pattern(ana.get("cabinet_voice", [])),
        recipient=_ending(ana["recipient"]),
        recipient_verbs=_word_pattern(ana.get("recipient_verbs", [])),
        venue=_ending(ana["venue"]),
        names_a_document=re.compile(r"['’]?s?\s+(?:Framework\s+|AI\s+)?(?:" + alternatives(raw["roles"]["document_nouns"])
                                    + r")\b"),
        venue_of=re.compile(r"(?<![\w-])(?:" + alternatives(ana["venue"]) + r")\s+(?:[\w'’-]+\s+){0,3}(?:"
                            + alternatives(ana["meetings"]) + r")\s+(?:of|van)\s+(?:(?:the|de|het)\s+)?$", re.IGNORECASE),
        qualifier=re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:" + "|".join(
            re.escape(q).replace(r"\ ", r"\s+") for q in sorted(ana["qualifier"], key=len, reverse=True)) + r")\s*$"),
        clause_breaks=_word_pattern(ana.get("clause_breaks", [])),
        indefinite=re.compile(r"(?<![\w-])(?:" + alternatives(ana["indefinite"]) + r")\s+$", re.IGNORECASE)
        if ana.get("indefinite") else None,
        subject_after=re.compile(r"(?<![\w-])(?:" + alternatives(ana["subject_after"]) + r")\s+(?:(?:de|het|the)\s+)?$",
                                 re.IGNORECASE) if ana.get("subject_after") else None,
        subordinators=re.compile(r"\s*(?:" + alternatives(ana["subordinators"]) + r")\b", re.IGNORECASE)
        if ana.get("subordinators") else None,
        unknown=unknown,
        articles=_word_pattern(unknown_raw.get("articles", [])),
    )


def _case_pattern(words: list[str]) -> re.Pattern | None:
    """Whole words, exactly as written."""
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


@cache
def _raw() -> dict:
    with VOCABULARY_FILE.open("rb") as fh:
        return tomllib.load(fh)


@cache
def process_models() -> dict:
    """processes.toml as read: the process models and the [linking] words."""
    with PROCESSES_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _date_words(raw: dict) -> DateWords:
    abbreviated = frozenset(raw["month_abbreviations"])
    return DateWords(
        months=dict(raw["months"]),
        full_months=tuple(m for m in raw["months"] if m not in abbreviated),
        abbreviated_months=tuple(m for m in raw["months"] if m in abbreviated),
        seasons={name: (first, count) for name, (first, count) in raw["seasons"].items()},
        weekdays=dict(raw["weekdays"]),
        day_offsets=dict(raw["day_offsets"]),
        ordinals=dict(raw["ordinals"]),
        modifiers=dict(raw["modifiers"]),
        relative=dict(raw["relative"]),
        prefixes=dict(raw["prefixes"]),
        name_lead_exceptions=frozenset(raw["name_lead_exceptions"]),
    )


def _document_words(raw: dict) -> DocumentWords:
    return DocumentWords(
        abbreviations=frozenset(raw["abbreviations"]),
        language_words={lang: tuple(words) for lang, words in raw["language_words"].items()},
        doc_types=tuple((item["type"], re.compile("|".join(item["cues"]), re.IGNORECASE
                                                  | (re.MULTILINE if item.get("multiline") else 0)))
                        for item in raw["doc_types"]),
    )


def _linking_words(raw: dict) -> LinkingWords:
    return LinkingWords(repeating=frozenset(raw["repeating"]), common_actors=frozenset(raw["common_actors"]),
                        common_words=frozenset(raw["common_words"]))


def _aliases_of(name: str) -> list[str]:
    for item in _raw()["institutions"]:
        if item["name"] == name:
            return item["aliases"]
    return []


@cache
def vocabulary() -> Vocabulary:
    raw = _raw()
    institutions = tuple(
        Institution(item["name"], item["nl"], item["en"], item["track"], _word_pattern(item["aliases"]),
                    tuple(item.get("refs", ())), tuple(item.get("default", ())), item.get("role", ""),
                    bool(item.get("advisory", False)))
        for item in raw["institutions"])
    type_leads = tuple((item["key"], _ending(item["leads"])) for item in raw["event_types"] if item.get("leads"))
    datelines = tuple((key, re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in words) + r")\b[^.;:]{0,60}?[,\s]*$"))
                      for key, words in raw.get("datelines", {}).items())
    return Vocabulary(
        tracks=tuple(raw["tracks"]),
        statuses=tuple(raw["statuses"]),
        precisions=tuple(raw["precisions"]),
        event_types=tuple({k: v for k, v in item.items() if k not in ("cues", "leads")} for item in raw["event_types"]),
        institutions=institutions,
        topics={track: _word_pattern(words) for track, words in raw["topics"].items()},
        status_cues=_status_cues(raw["status_cues"]),
        event_cues=tuple((item["key"], _word_pattern(item["cues"])) for item in raw["event_types"] if item["cues"]),
        type_leads=type_leads,
        datelines=datelines,
        document_heads=tuple((key, re.compile(r"(?<![\w-])(?:" + alternatives(words) + r")(?![\w-])", re.IGNORECASE))
                             for key, words in raw["document_heads"].items()),
        object_lead=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["object_prepositions"])
                               + r")\s+(?:\S+\s+){0,2}$", re.IGNORECASE),
        weak_cues=frozenset(w.lower() for w in raw["cue_context"]["weak_cues"]),
        participation=_word_pattern(raw["cue_context"]["participation"]),
        informing=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["informing_verbs"]) + r")(?![\w-])",
                             re.IGNORECASE),
        consulted=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["consulted"])
                             + r")\s+(?:(?:the|de|het)\s+)?$", re.IGNORECASE),
        not_deadline=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["not_deadline"])
                                + r")\s+$", re.IGNORECASE),
        actors=_actors(raw, institutions),
        document_dates={key: tuple(words) for key, words in raw["document_dates"].items()},
        roles={key: tuple(words) for key, words in raw["roles"].items()},
        dates=_date_words(raw["dates"]),
        documents=_document_words(raw["documents"]),
        stop_words=frozenset(raw["cluster"]["stop_words"]),
        linking=_linking_words(process_models()["linking"]),
    )


def alternatives(words) -> str:
    """One regular-expression alternation of words, longest first, any run of spaces between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _status_cues(raw: dict[str, list[str]]) -> dict[str, re.Pattern]:
    """The cue patterns of each status; `happened` includes the stronger `past`; `either` is
    past or planned (a quick test before a sentence's dates are read for the document's date)."""
    words = {**raw, "happened": raw["happened"] + raw["past"], "either": raw["past"] + raw["planned"]}
    return {status: _word_pattern(cues) for status, cues in words.items()}
