"""Headlines: an event's frame (who, did what, to which instrument) in the words a person would
write, in each language, made of the vocabularies' words only: "Council of the EU adopts the AI
Act" / "Raad van de EU neemt de AI-verordening aan". The templates are in vocabulary.toml,
[headlines]; the names of bodies in institutions.toml, of instruments in instruments.toml
(`in_text`). Nothing of the sentence is cut into a headline: a frame with nothing to say gives
the actor or the instrument alone, and an empty headline where the event has neither."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from events.vocabulary import section, vocabulary

LANGUAGES = ("en", "nl")
_MOTION = vocabulary().instrument_prefixes["cited"]  # a motion keeps its dossier's part ("36600-VII-68")
MAX_CHARS = 60  # a headline fits in a label of two lines
LINE_CHARS = 30  # ... of this many characters each, broken between words (two_lines)
_SHORT = 28  # a body's name longer than this is written by its acronym, where it has one
_BRACKETED = re.compile(r"\s*\([^()]*\)$")
_ARTICLE = re.compile(r"^(?:the|de|het)\s+", re.IGNORECASE)


@cache
def _templates() -> dict:
    return section("headlines")


@cache
def _instrument_refs() -> dict[str, dict[str, str]]:
    return {item["key"]: item.get("in_text", {}) for item in section("instruments")}


def actor_name(name: str, lang: str) -> str:
    """A body as a headline names it: its short name, or its acronym where that name is long
    ("Committee on Artificial Intelligence (CAI)": "CAI"); an unknown body by its own name."""
    vocab = vocabulary()
    label = vocab.institution_label(name, lang)
    inst = vocab.institution(name)
    if inst is not None and len(label) > _SHORT:
        acronyms = dict(inst.acronyms)
        short = (acronyms.get(lang) or acronyms.get("en") or ())[:1]
        if short:
            return short[0]
        if lang == "en" and len(inst.name) < len(label):
            return inst.name  # the canonical name, English and short: "Council of the EU"
    return _BRACKETED.sub("", label) if len(label) > _SHORT else label


def instrument_name(key: str, lang: str) -> str:
    """An instrument as a headline names it, with its article ("the AI Act", "de
    AI-verordening"); a numbered one by its label ("motion 26643-1265", "motie 26643-1265")."""
    if not key:
        return ""
    ref = _instrument_refs().get(key, {}).get(lang)
    if ref:
        return ref
    prefix, _, number = key.partition(":")
    named = vocabulary().instrument_labels.get(prefix, {}).get(lang)
    if not (named and number):
        return ""
    # an opinion by its number, not its issuer's letters ("opinion:edpb-edps-5-2021": "opinion 5/2021")
    digits = [part for part in number.split("-") if part.isdigit()]
    if prefix != _MOTION and digits:
        number = "/".join(digits)
    return f"{named[:1].lower()}{named[1:]} {number}"


def _actors(names: tuple[str, ...], lang: str, most: int) -> str:
    """The first actor, or the first two joined as a headline joins them."""
    named = [actor_name(n, lang) for n in dict.fromkeys(names)][:most]
    if len(named) == 2:
        both = f"{named[0]} {'and' if lang == 'en' else 'en'} {named[1]}"
        return both if len(both) <= _SHORT + 8 else named[0]
    return named[0] if named else ""


@lru_cache(maxsize=4096)  # a corpus repeats its frames: each is composed once
def headline(institutions: tuple[str, ...], event_type: str, instrument: str, status: str, lang: str) -> str:
    """The headline of an event's frame in `lang`: the first template of its type whose fields
    the event has and that fits in MAX_CHARS characters; "" where none does."""
    templates = _templates().get(event_type) or _templates().get("other", {})
    chosen = templates.get(f"{lang}_planned") if status == "planned" else None
    names = tuple(institutions)
    fields = {"object": instrument_name(instrument, lang)}
    for template in chosen or templates.get(lang, []):
        # the subject of a verb is one body (the verb agrees with it); "Adoption by" names two
        fields["actor"] = _actors(names, lang, 1 if template.startswith("{actor}") else 2)
        needed = re.findall(r"\{(\w+)\}", template)
        if not all(fields[name] for name in needed):
            continue
        text = template.format(**fields)
        if template.startswith("{object}"):
            text = _ARTICLE.sub("", text)  # "AI Act adopted", not "the AI Act adopted"
        text = text[:1].upper() + text[1:]
        if len(text) <= MAX_CHARS and not two_lines(text)[2]:
            return text
    return ""


def two_lines(text: str) -> tuple[str, str, str]:
    """A text broken between words into two lines of at most LINE_CHARS characters, and what
    is left over (empty where it fits): "European Parliament adopts the" / "AI Act" / ""."""
    words = " ".join(str(text).split()).split(" ")
    lines, k = ["", ""], 0
    for i, word in enumerate(words):
        if lines[k] and len(lines[k]) + 1 + len(word) > LINE_CHARS:
            if k == 1:
                return lines[0], lines[1], " ".join(words[i:])
            k = 1
        lines[k] = f"{lines[k]} {word}" if lines[k] else word
    return lines[0], lines[1], ""


def headlines(institutions, event_type: str, instrument: str, status: str) -> dict[str, str]:
    """The headline in each language."""
    return {lang: headline(tuple(institutions), event_type, instrument, status, lang) for lang in LANGUAGES}


def headline_columns(table) -> dict[str, list[str]]:
    """The headline columns of an events table (title_en, title_nl), each frame composed once."""
    made: dict[tuple, dict[str, str]] = {}
    out: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for frame in zip(table["institutions"], table["event_type"], table["instrument"], table["status"], strict=True):
        key = (tuple(frame[0]), *frame[1:])
        if key not in made:
            made[key] = headlines(*key)
        for lang in LANGUAGES:
            out[lang].append(made[key][lang])
    return out


@cache
def _own_words(lang: str) -> frozenset[str]:
    """The words of a language's templates that no template of the other language holds: a
    headline that holds one of the other language's is in that language."""
    words = {code: {w.lower() for item in _templates().values() for key, templates in item.items()
                    if key.split("_")[0] == code for t in templates for w in re.findall(r"[^\W\d_]+", t)}
             for code in LANGUAGES}
    return frozenset(words[lang] - set().union(*(words[o] for o in LANGUAGES if o != lang)))


def headline_problems(text: str, lang: str) -> list[str]:
    """The rules a headline breaks, as short phrases: empty, longer than MAX_CHARS, cut short,
    "actor: type", or holding a word that only the other language's headlines use."""
    if not text.strip():
        return ["empty"]
    found = []
    if len(text) > MAX_CHARS:
        found.append(f"longer than {MAX_CHARS} characters")
    if text.rstrip().endswith(("…", "...")):
        found.append("cut short")
    if ": " in text:
        found.append("actor: type")
    others = set().union(*(_own_words(o) for o in LANGUAGES if o != lang))
    foreign = sorted({w.lower() for w in re.findall(r"[^\W\d_]+", text)} & others)
    if foreign:
        found.append("words of another language: " + ", ".join(foreign[:3]))
    return found
