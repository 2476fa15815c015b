"""What a date is doing in its sentence: dating an `event`, or a `reference` (it identifies
or cites something: an instrument's name, a citation, publication metadata, front matter) or
`context` (a state, a cut-off that says what a rule covers, a label, a replaced value).

Each rule reads the words right around the date and the layout unit the sentence stands in;
the words are data in vocabulary.toml ([roles])."""

from __future__ import annotations

import re
from functools import cache

from events.dates import Mention
from events.documents import Sentence
from events.vocabulary import vocabulary

KINDS = ("event", "reference", "context")
_REACH = 150  # characters before a date in which an instrument's name can stand


def _alternatives(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern]:
    words = vocabulary().roles
    number = r"(?:\(\s*(?:EU|EG|EEG|EC|EEC|EGKS|Euratom|GBVB|CFSP)\s*\)\s*(?:nr\.\s*|No\s*)?\d{1,4}/\d{1,4}|\d{1,4}/\d{1,4}/\w+|nr\.\s*\d+/\d+|\(\d{4}\)\s*\d+)"
    return {
        # "Richtlijn (EU) 2019/1024 van het Europees Parlement en de Raad van" | date
        "instrument_numbered": re.compile(
            rf"\b(?:{_alternatives(words['instruments'])})\b[^.;:]{{0,30}}?{number}[^;:]{{0,{_REACH}}}?"
            r"(?:\bvan|\bof|\bd\.d\.|\bdated|,)\s*$", re.IGNORECASE),
        # "Aanbeveling van de Commissie van" | date | "betreffende ..."
        "instrument_named": re.compile(
            rf"\b(?:{_alternatives(words['instruments'])})\b[^.;:]{{0,80}}?(?:\bvan|\bof)\s*$"),
        "continuation": re.compile(rf"^\s*,?\s*(?:{_alternatives(words['name_continuations'])})\b", re.IGNORECASE),
        "publication": re.compile(rf"(?<![\w-])(?:{_alternatives(words['publication'])})(?![\w-])[^.;]{{0,40}}$"),
        "bibliography": re.compile(rf"^(?:\d+[.)]?\s*)?(?:{_alternatives(words['bibliography'])})\b", re.IGNORECASE),
        "citation_marks": re.compile(rf"(?<![\w-])(?:{_alternatives(words['citation_marks'])})"),
        # "Rathenau Instituut. (2023). Titel", "(DSA, 2022)", "the Budapest Convention (2001)"
        "bracketed_after_name": re.compile(r"(?:[A-Z][\w.’'-]*|\d)\s*[.,]?\s*\(\s*(?:[A-Z][^()]{0,60},\s*)?$"),
        "bracket_close": re.compile(r"^\s*(?:,\s*[\w ]{1,20})?\)"),
        "meeting": re.compile(rf"\b(?:{_alternatives(words['meeting_words'])})\b", re.IGNORECASE),
        "cutoff": re.compile(
            rf"\b(?:{_alternatives(words['cutoff_participles'])})\b[^.;:]{{0,60}}?\b(?:{_alternatives(words['cutoff_words'])})"
            r"\s*(?:(?:the|de|het)\s+)?$", re.IGNORECASE),
        "cutoff_dutch": re.compile(
            rf"^\s*(?:[^.;:]{{0,60}}?)\b(?:is|zijn|wordt|worden|werd|werden)?\s*(?:{_alternatives(words['cutoff_participles'])})\b",
            re.IGNORECASE),
        "cutoff_lead_dutch": re.compile(r"\b(?:die|dat|welke|waarvan)\b[^.;:]{0,40}?\b(?:op of na|op of vóór|op of voor|vóór|voor|na)\s*$",
                                        re.IGNORECASE),
        "state": re.compile(rf"\b(?:{_alternatives(words['state_words'])})\b[^.;:]{{0,25}}?[(\s]*$", re.IGNORECASE),
        "replaced_before": re.compile(rf"\b(?:{_alternatives(words['replaced_before'])})\s*(?:(?:de|het|the)\s+)?$",
                                      re.IGNORECASE),
        "replaced_after": re.compile(rf"^[\s'\"’”»)]*,?\s*(?:{_alternatives(words['replaced_after'])})\b", re.IGNORECASE),
        "label": re.compile(rf"^[\s-]*(?:[a-z]+\s+)?(?:{_alternatives(words['label_nouns'])})\b", re.IGNORECASE),
        "label_lead": re.compile(r"\b(?:the|de|het|its|our|their|a|an|een|onze|haar|hun)\s+$", re.IGNORECASE),
    }


def kind(mention: Mention, sentence: Sentence) -> str:
    """`event`, `reference` or `context` for one date in its sentence."""
    if sentence.unit == "front_matter" or is_bibliography(sentence.section):
        return "reference"
    p = _patterns()
    text = sentence.text
    before = text[max(0, mention.begin - 250):mention.begin]
    after = text[mention.end_offset:mention.end_offset + 80]
    if sentence.footnote and p["citation_marks"].search(text):
        return "reference"
    if p["publication"].search(before):
        return "reference"
    if p["instrument_numbered"].search(before):
        return "reference"
    if p["instrument_named"].search(before) and p["continuation"].match(after):
        return "reference"
    if p["bracketed_after_name"].search(before) and p["bracket_close"].match(after) \
            and not p["meeting"].search(text[mention.end_offset:mention.end_offset + 60]):
        return "reference"
    if p["replaced_before"].search(before[-40:]) or p["replaced_after"].match(after):
        return "context"
    if p["state"].search(before[-60:]):
        return "context"
    if p["cutoff"].search(before[-120:]):
        return "context"
    if p["cutoff_lead_dutch"].search(before[-60:]) and p["cutoff_dutch"].match(after):
        return "context"
    if mention.kind == "year" and not mention.prefix and p["label_lead"].search(before) and p["label"].match(after):
        return "context"
    return "event"


def is_bibliography(heading: str) -> bool:
    """Whether a heading opens a block of sources."""
    return bool(heading) and bool(_patterns()["bibliography"].match(heading.lstrip("#* ").strip()))
