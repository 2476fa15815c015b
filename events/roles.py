"""What a date is doing in its sentence: dating an `event`, or a `reference` (it identifies
or cites something: an instrument's name, a citation, publication metadata, front matter) or
`context` (a state, a cut-off that says what a rule covers, a label, a replaced value).

Each rule reads the words right around the date and the layout unit the sentence stands in;
the words are data in vocabulary.toml ([roles])."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from events.dates import LEADING_PREFIX, MONTHS, Mention, clause_around
from events.documents import Sentence
from events.vocabulary import alternatives, vocabulary

KINDS = ("event", "reference", "context")
_REACH = 150  # characters before a date in which an instrument's name can stand


@cache
def _patterns() -> dict[str, re.Pattern]:
    words = vocabulary().roles
    the = alternatives(vocabulary().function_words["definite_articles"])
    marks = alternatives(words["series_number_marks"])
    number = (rf"(?:\(\s*(?:{alternatives(words['instrument_series'])})\s*\)\s*(?:(?:{marks})\s*)?"
              rf"\d{{1,4}}/\d{{1,4}}|\d{{1,4}}/\d{{1,4}}/\w+|(?:{alternatives(words['number_marks'])})\s*\d+/\d+|\(\d{{4}}\)\s*\d+)")
    of = alternatives(words["instrument_of"])
    return {
        # "Richtlijn (EU) 2019/1024 van het Europees Parlement en de Raad van" | date
        "instrument_numbered": re.compile(
            rf"\b(?:{alternatives(words['instruments'])})\b[^.;:]{{0,30}}?{number}[^;:]{{0,{_REACH}}}?"
            rf"(?:\b(?:{alternatives(words['instrument_of'] + words['instrument_dated'])})|,)\s*$", re.IGNORECASE),
        # "Aanbeveling van de Commissie van" | date | "betreffende ..."
        "instrument_named": re.compile(
            rf"\b(?:{alternatives(words['instruments'])})\b[^.;:]{{0,80}}?\b(?:{of})\s*$", re.IGNORECASE),
        # a line of a list of sources: "..., EUCO 13/20, 2020, p. 6.", "..., 2020/2012(INL).", "HLEG, Title, 2019."
        "citation_tail": re.compile(
            rf"(?:\b(?:{alternatives(words['page_marks'])})\.\s*\d+(?:[-–]\d+)?|\(\s*(?:{alternatives(words['procedure_codes'])})\s*\)"
            r"|,\s*(?:19|20)\d\d)\s*\.?\s*$"),
        # "... on May 17, 2024.": an English date ends the sentence, no citation
        "us_date_tail": re.compile(
            rf"\b(?:{alternatives(MONTHS)})\.?\s+\d{{1,2}}(?:{alternatives(vocabulary().dates.day_endings['en'])})?,\s*"
            r"(?:19|20)\d\d\s*\.?\s*$", re.IGNORECASE),
        "continuation": re.compile(rf"^\s*,?\s*(?:{alternatives(words['name_continuations'])})\b", re.IGNORECASE),
        "publication": re.compile(rf"(?<![\w-])(?:{alternatives(words['publication'])})(?![\w-])[^.;]{{0,40}}$"),
        "bibliography": re.compile(rf"^(?:\d+[.)]?\s*)?(?:{alternatives(words['bibliography'])})\b", re.IGNORECASE),
        "citation_marks": re.compile(rf"(?<![\w-])(?:{alternatives(words['citation_marks'])})"),
        # "Rathenau Instituut. (2023). Titel", "(DSA, 2022)", "the Budapest Convention (2001)"
        # "the Budapest Convention (2001)", "Interim Report (May 2024)": a document's name, then its date
        "document_then_bracket": re.compile(
            rf"\b(?:{alternatives(words['document_nouns'])})\b[\w\s’'-]{{0,30}}\(\s*$", re.IGNORECASE),
        # "(DSA, 2022)", "(Smith et al., 2021)": an author or a short name, a comma, a year
        "author_year": re.compile(r"\(\s*[A-Z][^()]{0,60},\s*$"),
        # "Rathenau Instituut. (2023). Titel": a bibliography entry
        "bibliography_entry": re.compile(r"(?:[\w.]\.\s*|^)\(\s*$"),
        # "9.3.2020 JOIN(2020) 4 final": a date before a document number
        "number_after": re.compile(rf"^\s*,?\s*(?:{alternatives(words['document_series'])})\s*\(\s*\d{{4}}\s*\)"),
        "bracket_close": re.compile(r"^\s*(?:,\s*[\w ]{1,20})?\)"),
        "cutoff": re.compile(
            rf"\b(?:{alternatives(words['cutoff_participles'])})\b[^.;:]{{0,80}}?"
            rf"\b(?:{alternatives(words['cutoff_words'] + words['dutch_cutoff_words'])})\s*(?:(?:{the})\s+)?$", re.IGNORECASE),
        "cutoff_dutch": re.compile(
            rf"^\s*(?:[^.;:]{{0,60}}?)\b(?:{alternatives(words['cutoff_auxiliaries'])})?\s*"
            rf"(?:{alternatives(words['cutoff_participles'])})\b", re.IGNORECASE),
        "cutoff_lead_dutch": re.compile(
            rf"\b(?:{alternatives(words['cutoff_relatives'])})\b[^.;:]{{0,40}}?\b(?:{alternatives(words['dutch_cutoff_words'])})\s*$",
            re.IGNORECASE),
        "state": re.compile(rf"\b(?:{alternatives(words['state_words'])})\b[^.;:]{{0,25}}?[(\s]*$", re.IGNORECASE),
        "replaced_before": re.compile(rf"\b(?:{alternatives(words['replaced_before'])})\s*(?:(?:{the})\s+)?$",
                                      re.IGNORECASE),
        "replaced_after": re.compile(rf"^[\s'\"’”»)]*,?\s*(?:{alternatives(words['replaced_after'])})\b", re.IGNORECASE),
        "label": re.compile(rf"^[\s-]*(?:[a-z]+\s+)?(?:{alternatives(words['label_nouns'])})\b", re.IGNORECASE),
        "name_after": re.compile(r"^\s+(?!(?:" + alternatives(MONTHS) + r")\b)[A-Z][a-z]+"),
        "article_lead": re.compile(rf"\b(?:{alternatives(vocabulary().function_words['articles'])})\s+$", re.IGNORECASE),
        "label_lead": re.compile(rf"\b(?:{alternatives(words['label_determiners'])})\s+$", re.IGNORECASE),
        # "HAVING REGARD to Article 5 b) of the Convention on ... of 14 December 1960;": a citation of a preamble
        "citation_lead": re.compile(rf"\b(?:{alternatives(words['citation_leads'])})\b[^;]*$", re.IGNORECASE),
        # "Handreiking Algoritmeregister, Ministerie van ... (2025).": a source line, title, author, year
        "source_line": re.compile(r"^[^,()]{3,120},\s+[A-Z][^,()]{2,80}\(\s*(?:19|20)\d\d\s*\)\.?$"),
        # "judgment of the Court of Justice of 10 July 2003, C-11/00": a date before a case number
        "case_number_after": re.compile(rf"^\s*,?\s*(?:{alternatives(words['case_series'])})-\d{{1,4}}/\d\d\b"),
        # "providers who, on 2 August 2025, have trained ...": a date in a clause that says which ones
        "defining_clause": re.compile(
            rf"\b[a-z][\w-]*\s+(?:{alternatives(words['defining_relatives'])})\s*,?\s*(?:{alternatives(words['defining_date_leads'])})\s+$"),
        # "Het register bevatte medio 2025 bijna 900 algoritmes": a count at a date
        "measure_verb": re.compile(rf"\b(?:{alternatives(words['measure_verbs'])})\b", re.IGNORECASE),
        "count": re.compile(r"(?<![\w.,/-])(?:\d{1,3}(?:[.,]\d{3})+|\d{2,})(?![\w/-]|[.,]\d)"),
        # "het ‘DOWR privacy- en informatiebeveiligingsplan 2025’": a year closing a quoted title
        "quote_open": re.compile(r"[‘“\"'][^’”\"']{3,120}$"),
        "quote_close": re.compile(r"^[’”\"']"),
    }


def kind(mention: Mention, sentence: Sentence, dateline: int = 0) -> str:
    """`event`, `reference` or `context` for one date in its sentence. `dateline` is the line
    that prints the document's own date: there the date is the document's act (a letter sent,
    a motion tabled, an act adopted), unless it is publication metadata."""
    if sentence.unit == "front_matter" or is_bibliography(sentence.section):
        return "reference"
    p = _patterns()
    text = sentence.text
    lead = LEADING_PREFIX.match(mention.text)  # "before 1 January 2027": the prefix belongs to what precedes
    before = text[max(0, mention.begin - 250):mention.begin] + (lead.group(0) if lead else "")
    after = text[mention.end_offset:mention.end_offset + 80]
    if p["publication"].search(before):
        return "reference"
    if dateline and sentence.line_at(mention.begin) == dateline:
        return "event"
    if _cites(text, sentence.footnote):
        return "reference"
    if p["instrument_numbered"].search(before):
        return "reference"
    if p["continuation"].match(after) and p["instrument_named"].search(before):  # the anchored match first: cheaper
        return "reference"
    if p["number_after"].match(after) or p["case_number_after"].match(after):
        return "reference"
    if p["source_line"].match(text) and mention.kind == "year":
        return "reference"
    if p["citation_lead"].search(before) and p["instrument_named"].search(before):
        return "reference"
    if p["bracket_close"].match(after) and (p["author_year"].search(before) or p["bibliography_entry"].search(before)
                                            or p["document_then_bracket"].search(before[-60:])):
        return "reference"
    if p["replaced_before"].search(before[-40:]) or p["replaced_after"].match(after):
        return "context"
    if p["state"].search(before[-60:]):
        return "context"
    if p["cutoff"].search(before[-120:]):
        return "context"
    if p["cutoff_lead_dutch"].search(before[-60:]) and p["cutoff_dutch"].match(after):
        return "context"
    if p["defining_clause"].search(before[-60:]):
        return "context"
    if _measured(text, mention):
        return "context"
    if mention.kind == "year" and p["quote_close"].match(after) and p["quote_open"].search(before):
        return "context"
    if mention.kind == "year" and not mention.prefix and (
            (p["label"].match(after) and p["label_lead"].search(before))
            or (p["name_after"].match(after) and (not before.strip() or p["article_lead"].search(before)))):
        return "context"  # "the 2030 climate targets", "2030 Digital Compass: ..."
    return "event"


def _measured(text: str, mention: Mention) -> bool:
    """A count or a measure at a date is a state, not an event: "Het register bevatte medio 2025
    bijna 900 algoritmes van 236 organisaties" (doc 31), "het aantal rijksambtenaren ... tussen
    2017 en 2023 sterk groeide van 110.700 naar 147.900" (doc 30). A clause of the sentence holds a
    verb of containing, counting or growing and a number that is no date."""
    p = _patterns()
    clause = clause_around(text, mention.begin, mention.end_offset)
    if not p["measure_verb"].search(clause):
        return False
    head = max(text.rfind(mark, 0, mention.begin) for mark in ",;:") + 1  # where clause_around starts
    begin, end = mention.begin - head, mention.end_offset - head
    return any(not begin <= n.start() < end and not _NO_COUNT.match(clause, n.start())
               for n in p["count"].finditer(clause))


# a year, or a day before its month ("15 oktober"): numbers that are dates, not counts
_NO_COUNT = re.compile(rf"(?:19|20)\d\d\b|\d{{1,2}}\s+(?:{alternatives(MONTHS)})\b", re.IGNORECASE)


@lru_cache(maxsize=256)  # asked for every date of a sentence
def _cites(text: str, footnote: bool) -> bool:
    """A footnote that cites, or a line of a list of sources."""
    p = _patterns()
    return bool((footnote and p["citation_marks"].search(text))
                or (p["citation_tail"].search(text) and not p["us_date_tail"].search(text)))


def is_bibliography(heading: str) -> bool:
    """Whether a heading opens a block of sources."""
    return bool(heading) and bool(_patterns()["bibliography"].match(heading.lstrip("#* ").strip()))
