"""The controlled vocabularies, read once from vocabulary.toml and the authority list of bodies,
institutions.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from events.gates import (  # noqa: F401 (re-exported: other modules import them from here)
    _WORD_CHARS,
    FOLD_PARTNERS,
    OPEN,
    Gate,
    Gated,
    GatedChoice,
    Scan,
    exactly_lowered,
    gate,
    gated,
    glued_words,
    scan,
)
from events.lemmas import Cues, SurfaceWords

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")
INSTITUTIONS_FILE = Path(__file__).with_name("institutions.toml")
INSTRUMENTS_FILE = Path(__file__).with_name("instruments.toml")
PROCESSES_FILE = Path(__file__).with_name("processes.toml")


@dataclass(frozen=True)
class Institution:
    name: str
    nl: str
    en: str
    track: str  # "" for a body that says nothing of the track (a state)
    pattern: Gated | None
    kind: str = ""  # a key of the file's `kinds`: eu_body, un_body, national_government, regulator...
    parent: str = ""  # the canonical name of the body it belongs to
    official: tuple[tuple[str, str], ...] = ()  # (language, full official name)
    acronyms: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (language, its acronyms)
    refs: tuple[str, ...] = ()  # head nouns a reference back to it uses ("comité")
    default: tuple[str, ...] = ()  # heads that mean it when no fitting body was named before
    role: str = ""  # "government" (the speaking government), "chamber" or "country"
    advisory: bool = False  # what it reports is advice
    owns: Gated | None = None  # the words of the procedure it conducts ("AI-verdrag")
    owns_types: frozenset[str] = frozenset()  # the event types of that procedure that are its own
    initiates: bool = False  # it proposes its legislature's acts: what it presents of one is its proposal


@dataclass(frozen=True)
class Instrument:
    key: str
    nl: str
    en: str
    topic: str  # "ai" or "other"
    pattern: Gated | None  # its names in text
    bodies: tuple[str, ...] = ()  # bodies whose work is its procedure
    legislative: bool = False  # a legislative act, which its initiator proposes
    issuers: tuple[str, ...] = ()  # the bodies that issue it


@dataclass(frozen=True)
class Actors:
    """The combined patterns that find actors in a sentence, compiled once."""

    names: GatedChoice  # the aliases that are regular expressions; group a<i> is alias i
    # first word -> (alias i, its pattern, its words lower-cased), longest first
    by_first_word: dict[str, list[tuple[int, LazyPattern, frozenset[str]]]]
    first_words: frozenset[str]  # the keys of by_first_word
    alias_owner: tuple[int, ...]  # alias i -> index of its institution
    alias_text: tuple[str, ...]
    ambiguous: dict[str, tuple[Gated | None, Gated | None]]  # alias -> (not_beside, beside)
    references: Gated | None  # determiner + head noun; group "head"
    heads: dict[str, tuple[str, ...]]  # head noun -> bodies it can refer back to
    defaults: dict[str, str]  # head noun -> body meant when none was named before
    pronouns: Gated | None
    first_person: Gated | None
    speaker_intro: Gated | None
    dutch_speaker: str
    singular: frozenset[str]  # first-person words of one speaker ("ik")
    dutch_singular_speaker: str
    singular_words: Gated | None  # "ik", for telling who speaks for the government
    cabinet_voice: Gated | None  # "het kabinet", "wij", "de regering"
    recipient: re.Pattern  # matches the end of the text before a recipient
    addressed: re.Pattern  # right before a body: a verb that addresses it ("notify the Commission")
    requested_by: re.Pattern  # right before a body: it asks ("a request from the Council")
    hosted_by: re.Pattern  # right before a body: it hosts a meeting ("hosted by the United Kingdom")
    met_with: re.Pattern  # right before a body: it is met with ("a meeting with the Board")
    both_states: Gated | None  # a pair of states referred back to ("beide landen")
    cited_texts: Gated | None  # the kinds of text an act cites by author, then by date ("advies")
    legislative_acts: Gated | None  # the words for an EU act ("verordening", "directive")
    recipient_verbs: Gated | None
    venue: re.Pattern
    names_a_document: re.Pattern  # right after a body: a document's name goes on ("Framework Convention")
    venue_of: re.Pattern  # "during the informal conference of": the body whose meeting it is, a venue too
    qualifier: re.Pattern
    clause_breaks: Gated | None
    subordinators: re.Pattern | None  # words that open a subordinate clause ("omdat", "which")
    subject_after: re.Pattern | None  # the end of the text before a body in subject position
    indefinite: re.Pattern | None  # the end of the text before a body introduced as a thing ("een Comité")
    unknown: Gated | None  # a capitalised name ending in an organisation head
    articles: Gated | None
    your_chamber: Gated  # "uw Kamer": the chamber a letter is addressed to
    default_addressee: str
    list_joins: tuple[str, ...]  # words that join the bodies of a list ("en", "and")


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
    words: dict[str, tuple[str, ...]]  # the other word lists of the section, by name (day_of, range_from, ...)
    day_endings: dict[str, tuple[str, ...]]  # language -> ordinal endings of a day's number
    units: dict[str, tuple[str, ...]]  # quarter, half, year, month, week -> their words
    parts_of_year: dict[str, str]  # -> before or after the document's date


@dataclass(frozen=True)
class DocumentWords:
    """The words of reading documents (section [documents])."""

    abbreviations: frozenset[str]  # whose dot ends no sentence
    language_words: dict[str, tuple[str, ...]]  # language -> its function words
    doc_types: tuple[tuple[str, Gated], ...]  # the first that matches a document's opening names its type
    words: dict[str, tuple[str, ...]]  # the other word lists of the section, by name (open_ends, ...)
    weekday_endings: dict[str, str]  # language -> how its weekday names end


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
    topics: dict[str, Gated]
    status_cues: dict[str, Gated]
    event_cues: Cues  # the cues of each event type, matched on lemmas
    instruments: tuple[Instrument, ...]
    any_instrument: Gated | None  # every instrument's names in one pattern: a text that names none is read once
    instrument_numbers: dict[str, tuple[str, ...]]  # the words of numbered instruments (motions, opinions)
    instrument_prefixes: dict[str, str]  # own-act type -> the prefix of its numbered key; "cited" -> a motion's
    instrument_labels: dict[str, dict[str, str]]  # a numbered key's prefix -> its label by language
    topic_words: dict[str, SurfaceWords]  # the words of each topic ("ai", "other"), matched as written
    type_leads: tuple[tuple[str, re.Pattern], ...]  # type, pattern matching the end of the text before a date
    datelines: tuple[tuple[str, re.Pattern], ...]
    dateline_words: dict[str, tuple[str, ...]]  # the words of the datelines above, as written
    document_heads: tuple[tuple[str, re.Pattern], ...]  # what a document's own date marks, by its head
    issued_by: re.Pattern  # the words between a genre's word and its issuer ("of the", "by")
    issuer_subject: tuple[str, ...]  # the words after which a document's head says what it is about
    object_lead: re.Pattern  # the end of the text before a cue that a preposition governs
    informing: re.Pattern  # verbs by which the government tells parliament something
    participation: Gated  # verbs of taking part in a meeting
    consulted: re.Pattern  # the end of the text before a body that is consulted
    not_deadline: re.Pattern  # the end of the text before "voor <date>" when it is no deadline
    not_deadline_words: int  # the most words a phrase of not_deadline has
    actors: Actors
    document_dates: dict[str, tuple[str, ...]]
    roles: dict[str, tuple[str, ...]]
    dates: DateWords
    documents: DocumentWords
    stop_words: frozenset[str]  # too common to tell two mentions of one event apart (clustering)
    clustering: dict[str, tuple[str, ...]]  # the other word lists of clustering (section [cluster])
    linking: LinkingWords
    titles: dict[str, tuple[str, ...]]  # the word lists of titles (section [titles])
    frame_rules: dict  # how the parts of a frame bear on each other (section [frame_rules])
    function_words: dict[str, tuple[str, ...]]  # articles shared by the patterns of several sections

    def keys(self, part: str) -> tuple[str, ...]:
        return tuple(item["key"] for item in getattr(self, part))

    def label(self, part: str, key: str, lang: str) -> str:
        for item in getattr(self, part):
            if item["key"] == key:
                return item[lang]
        return key

    @cached_property
    def institution_names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.institutions)

    def institution(self, name: str) -> Institution | None:
        return _institutions_by_name().get(name)

    def institution_label(self, name: str, lang: str) -> str:
        for inst in self.institutions:
            if inst.name == name:
                return getattr(inst, lang)
        return name.removeprefix("other:")

    def instrument_label(self, key: str, lang: str) -> str:
        """An instrument's name in a language; a numbered one by its prefix's label and its number
        ("motion:26643-1265": "Motie 26643-1265")."""
        for inst in self.instruments:
            if inst.key == key:
                return getattr(inst, lang)
        prefix, _, number = key.partition(":")
        named = self.instrument_labels.get(prefix, {}).get(lang)
        return f"{named} {number}" if named and number else key

    def alias_words(self) -> frozenset[str]:
        """Single-word aliases, for telling "Mensenrechtenraad 2021" from "Horizon 2020"."""
        return _alias_words()


@cache  # asked for every sentence: read once
def _alias_words() -> frozenset[str]:
    return frozenset(alias for item in _raw()["institutions"] for alias in item["aliases"]
                     if not alias.startswith("re:") and " " not in alias)


def _word_pattern(words: list[str]) -> Gated | None:
    """One pattern for a list of words: abbreviations exact, other words in any case; gated."""
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
    return Gated(re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])"), gate(words), _quick(words, r"(?![\w])"))


def _quick(words, after: str) -> re.Pattern | None:
    """The `quick` pattern of a list of plain words that stand whole (not after a letter, a digit,
    "_" or "-"; `after`: what may not follow): the words lower-cased, each with the look-behind
    after its first letter, so that the pattern starts on a letter. None where a word is a
    regular expression or does not start on a letter or digit."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        lowered = word.lower()
        if word.startswith("re:") or not lowered[:1].isalnum() or len(lowered) != len(word) \
                or FOLD_PARTNERS.search(lowered):
            return None
        parts.append(re.escape(lowered[0]) + r"(?<![\w-].)" + re.escape(lowered[1:]).replace(r"\ ", r"\s+"))
    return re.compile("(?:" + "|".join(parts) + ")" + after) if parts else None


_FIRST_WORD = re.compile(r"[^\W_]+")
# where a body's name ends: at the end of a word, or before a note's number glued to its last
# letter, as text taken from a PDF prints it ("het Europees Economisch en Sociaal Comité2,")
_NAME_END = r"(?:(?![\w])|(?<=[^\W\d_])(?=\d{1,2}(?![\w])))"


@cache
def _institutions_by_name() -> dict[str, Institution]:
    return {inst.name: inst for inst in vocabulary().institutions}


def _ending(words: list[str]) -> re.Pattern:
    """A pattern for text that ends in one of the words, an article or possessive allowed
    after it: the text before a name, to see what leads the name."""
    determiners = alternatives(_raw()["anaphora"]["name_determiners"])
    return re.compile(rf"(?<![\w-])(?i:{alternatives(words)})(?:\s+(?i:{determiners}))?\s*$")


class LazyPattern:
    """An alias's pattern, compiled when first matched: a build meets few of the hundreds of
    aliases (each is tried only where its first word stands), and compiling them all would cost
    every process more than reading a small set of documents."""

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0):
        self.source, self.flags = source, flags
        self._compiled: re.Pattern | None = None

    def match(self, text: str, pos: int = 0) -> re.Match | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source, self.flags)
        return compiled.match(text, pos)


def _actors(raw: dict, institutions: tuple[Institution, ...]) -> Actors:
    ana = raw["anaphora"]
    the = alternatives(raw["function_words"]["definite_articles"])
    aliases: list[tuple[str, int]] = [(alias, i) for i, item in enumerate(raw["institutions"]) for alias in item["aliases"]]
    aliases.sort(key=lambda pair: -len(pair[0]))
    # plain aliases are looked up by their first word, then matched where that word stands (one
    # pattern of hundreds of alternatives tried at every word is slow); the few regular
    # expressions go in one pattern, each with the gate of its literal text
    by_first: dict[str, list[tuple[int, LazyPattern, frozenset[str]]]] = {}
    choices = []
    for n, (alias, _) in enumerate(aliases):
        if alias.startswith("re:"):
            choices.append((f"(?P<a{n}>{alias[3:]})", gate([alias])))
            continue
        body = re.escape(alias).replace(r"\ ", r"\s+").replace("'", "['’]")
        exact = alias.isupper() or any(ch.isdigit() for ch in alias)
        first = _FIRST_WORD.search(alias)
        if first:
            by_first.setdefault(first.group().lower(), []).append(
                (n, LazyPattern(body + _NAME_END, 0 if exact else re.IGNORECASE),
                 frozenset(_WORD_CHARS.findall(alias.lower()))))
    names = GatedChoice(choices, r"(?<![\w-])", r"(?![\w])")
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
        references = Gated(re.compile(
            rf"(?<![\w-])(?i:{dets})\s+(?:[^\W\d]+\s+)?(?P<head>(?i:{head_alt}))(?![\w-])(?!\s+(?:{named_by})\b)"),
            gate(heads))
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
        # cannot make it backtrack without end; the look-behind comes after the first capital
        # (the one character before it), so that the engine skips to capitals
        unknown = Gated(re.compile(
            rf"(?P<name>[A-Z](?<![\w-].)[\w'’.+-]*(?:\s+(?:(?:{conn})\s+)?{cap}){{0,5}}?\s+(?:{head_alt}))(?![\w-])"),
            gate(unknown_raw["heads"]))
    return Actors(
        names=names,
        by_first_word=by_first,
        first_words=frozenset(by_first),
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
        addressed=_ending(ana["addressed"]),
        requested_by=_ending(ana["requested_by"]),
        hosted_by=_ending(ana["hosted_by"]),
        met_with=_ending(ana["met_with"]),
        both_states=_word_pattern(ana.get("both_states", [])),
        cited_texts=_word_pattern(ana.get("cited_texts", [])),
        legislative_acts=_word_pattern(raw["actor_rules"].get("legislative_acts", [])),
        recipient_verbs=_word_pattern(ana.get("recipient_verbs", [])),
        venue=_ending(ana["venue"]),
        # ... or a compound's last part: "de VN Mensenrechtenraad-resolutie", "een EU-verordening"
        names_a_document=re.compile(r"['’]?s?\s+(?:(?:" + alternatives(ana["document_name_words"]) + r")\s+)?(?:"
                                    + alternatives(raw["roles"]["document_nouns"]) + r")\b|-(?i:"
                                    + alternatives(raw["roles"]["document_nouns"]) + r")\b"),
        venue_of=re.compile(r"(?<![\w-])(?:" + alternatives(ana["venue"]) + r")\s+(?:[\w'’-]+\s+){0,3}(?:"
                            + alternatives(ana["meetings"]) + r")\s+(?:" + alternatives(ana["meeting_of"])
                            + rf")\s+(?:(?:{the})\s+)?$", re.IGNORECASE),
        qualifier=re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:" + "|".join(
            re.escape(q).replace(r"\ ", r"\s+") for q in sorted(ana["qualifier"], key=len, reverse=True)) + r")\s*$"),
        clause_breaks=_word_pattern(ana.get("clause_breaks", [])),
        indefinite=re.compile(r"(?<![\w-])(?:" + alternatives(ana["indefinite"]) + r")\s+$", re.IGNORECASE)
        if ana.get("indefinite") else None,
        subject_after=re.compile(r"(?<![\w-])(?:" + alternatives(ana["subject_after"]) + rf")\s+(?:(?:{the})\s+)?$",
                                 re.IGNORECASE) if ana.get("subject_after") else None,
        subordinators=re.compile(r"\s*(?:" + alternatives(ana["subordinators"]) + r")\b", re.IGNORECASE)
        if ana.get("subordinators") else None,
        unknown=unknown,
        articles=_word_pattern(unknown_raw.get("articles", [])),
        your_chamber=Gated(re.compile(r"\b(?:" + alternatives(ana["your_chamber"]) + r")\b"), gate(ana["your_chamber"])),
        default_addressee=ana["default_addressee"],
        list_joins=tuple(ana["list_joins"]),
    )


def _case_pattern(words: list[str]) -> Gated | None:
    """Whole words, exactly as written; gated."""
    if not words:
        return None
    return Gated(re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"), gate(words),
                 _quick(words, r"(?![\w-])"))


@cache
def _raw() -> dict:
    with VOCABULARY_FILE.open("rb") as fh:
        raw = tomllib.load(fh)
    with INSTITUTIONS_FILE.open("rb") as fh:
        authority = tomllib.load(fh)
    raw["institution_kinds"] = authority["kinds"]
    with INSTRUMENTS_FILE.open("rb") as fh:
        instruments = tomllib.load(fh)
    raw["instruments"], raw["instrument_numbers"] = instruments["instruments"], instruments["numbers"]
    raw["institutions"] = _authority(authority["institutions"], {kind["key"] for kind in authority["kinds"]})
    return raw


def section(name: str) -> dict:
    """A section of vocabulary.toml as written, for the rules that read its words themselves
    (the file is parsed once per process)."""
    return _raw()[name]


def _authority(items: list[dict], kinds: set[str]) -> list[dict]:
    """The bodies of institutions.toml, checked, each with its official names and acronyms among
    the names it is found by (`aliases`)."""
    names = {item["name"] for item in items}
    if len(names) != len(items):
        raise ValueError(f"{INSTITUTIONS_FILE.name}: a canonical name is used twice")
    out = []
    for item in items:
        if item.get("kind", "") and item["kind"] not in kinds:
            raise ValueError(f"{INSTITUTIONS_FILE.name}: {item['name']}: unknown kind {item['kind']!r}")
        if item.get("parent", "") and item["parent"] not in names:
            raise ValueError(f"{INSTITUTIONS_FILE.name}: {item['name']}: unknown parent {item['parent']!r}")
        found_by = [*item["aliases"], *item.get("official", {}).values(),
                    *(acronym for acronyms in item.get("acronyms", {}).values() for acronym in acronyms)]
        out.append({**item, "aliases": list(dict.fromkeys(found_by))})
    return out


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
        words={key: tuple(value) for key, value in raw.items() if isinstance(value, list)},
        day_endings={lang: tuple(endings) for lang, endings in raw["day_endings"].items()},
        units={unit: tuple(words) for unit, words in raw["units"].items()},
        parts_of_year=dict(raw["parts_of_year"]),
    )


def _document_words(raw: dict) -> DocumentWords:
    return DocumentWords(
        abbreviations=frozenset(raw["abbreviations"]),
        language_words={lang: tuple(words) for lang, words in raw["language_words"].items()},
        doc_types=tuple((item["type"], Gated(re.compile("|".join(item["cues"]), re.IGNORECASE
                                                        | (re.MULTILINE if item.get("multiline") else 0)),
                                             gate("re:" + cue for cue in item["cues"])))
                        for item in raw["doc_types"]),
        words={key: tuple(value) for key, value in raw.items() if isinstance(value, list)},
        weekday_endings=dict(raw["weekday_endings"]),
    )


def _linking_words(raw: dict) -> LinkingWords:
    return LinkingWords(repeating=frozenset(raw["repeating"]), common_actors=frozenset(raw["common_actors"]),
                        common_words=frozenset(raw["common_words"]))


@cache
def vocabulary() -> Vocabulary:
    raw = _raw()
    institutions = tuple(
        Institution(item["name"], item["nl"], item["en"], item["track"], _word_pattern(item["aliases"]),
                    item.get("kind", ""), item.get("parent", ""), tuple(item.get("official", {}).items()),
                    tuple((language, tuple(words)) for language, words in item.get("acronyms", {}).items()),
                    tuple(item.get("refs", ())), tuple(item.get("default", ())), item.get("role", ""),
                    bool(item.get("advisory", False)), _word_pattern(item.get("owns", [])),
                    frozenset(item.get("owns_types", ())), bool(item.get("initiates", False)))
        for item in raw["institutions"])
    type_leads = tuple((item["key"], _ending(item["leads"])) for item in raw["event_types"] if item.get("leads"))
    the = alternatives(raw["function_words"]["definite_articles"])
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
        event_cues=Cues([(item["key"], language, cue) for item in raw["event_types"]
                         for language, cues in item.get("cues", {}).items() for cue in cues],
                        raw["cue_context"]["weak_cues"]),
        instruments=tuple(Instrument(item["key"], item["nl"], item["en"], item["topic"], _word_pattern(item["aliases"]),
                                     tuple(item.get("bodies", ())), item.get("legislative", False),
                                     tuple(item.get("issued_by", ())))
                           for item in raw["instruments"]),
        any_instrument=_word_pattern([alias for item in raw["instruments"] for alias in item["aliases"]]),
        instrument_numbers={key: tuple(words) for key, words in raw["instrument_numbers"].items()
                            if isinstance(words, list)},
        instrument_prefixes={**raw["instrument_numbers"]["prefix"], "cited": raw["instrument_numbers"]["cited"]},
        instrument_labels=raw["instrument_numbers"]["labels"],
        topic_words={key: SurfaceWords([word for words in languages.values() for word in words])
                     for key, languages in raw["topic"].items()},
        type_leads=type_leads,
        datelines=datelines,
        dateline_words={key: tuple(words) for key, words in raw.get("datelines", {}).items()},
        document_heads=tuple((item["type"], re.compile(r"(?<![\w-])(?:" + alternatives(item["words"]) + r")(?![\w-])",
                                                       re.IGNORECASE))
                             for item in raw["document_heads"]),
        issued_by=re.compile(r"\s*(?:" + alternatives(raw["issuer"]["issued_by"]) + rf")\s+(?:(?:{the})\s+)?",
                             re.IGNORECASE),
        issuer_subject=tuple(raw["issuer"]["subject"]),
        object_lead=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["object_prepositions"])
                               + r")\s+(?:\S+\s+){0,2}[^\w\s]*$", re.IGNORECASE),  # "op basis van de ‘nulversie’"
        participation=_word_pattern(raw["cue_context"]["participation"]),
        informing=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["informing_verbs"]) + r")(?![\w-])",
                             re.IGNORECASE),
        consulted=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["consulted"])
                             + rf")\s+(?:(?:{the})\s+)?$", re.IGNORECASE),
        not_deadline=re.compile(r"(?<![\w-])(?:" + alternatives(raw["cue_context"]["not_deadline"])
                                + r")\s+$", re.IGNORECASE),
        not_deadline_words=max(len(w.split()) for w in raw["cue_context"]["not_deadline"]),
        actors=_actors(raw, institutions),
        document_dates={key: tuple(words) for key, words in raw["document_dates"].items()},
        roles={key: tuple(words) for key, words in raw["roles"].items()},
        dates=_date_words(raw["dates"]),
        documents=_document_words(raw["documents"]),
        stop_words=frozenset(raw["cluster"]["stop_words"]),
        clustering={key: tuple(words) for key, words in raw["cluster"].items() if key != "stop_words"},
        linking=_linking_words(process_models()["linking"]),
        titles={key: tuple(words) for key, words in raw["titles"].items()},
        frame_rules=dict(raw["frame_rules"]),
        function_words={key: tuple(words) for key, words in raw["function_words"].items()},
    )


# The table columns whose values come from a vocabulary, and its section (written once).
COLUMN_SECTIONS = {"precision": "precisions", "status": "statuses", "track": "tracks", "event_type": "event_types",
                   "institutions": "institutions"}
# The columns of one key each (institutions hold several).
KEYED_COLUMNS = ("precision", "status", "track", "event_type")


def alternatives(words) -> str:
    """One regular-expression alternation of words, longest first, any run of spaces between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _status_cues(raw: dict[str, list[str]]) -> dict[str, Gated]:
    """The cue patterns of each status; `happened` includes the stronger `past`; `either` is
    past or planned (a quick test before a sentence's dates are read for the document's date)."""
    words = {**raw, "happened": raw["happened"] + raw["past"], "either": raw["past"] + raw["planned"]}
    return {status: _word_pattern(cues) for status, cues in words.items()}
