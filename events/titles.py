"""What a title on the timeline must be: short, whole, free of markup, naming who does what,
and made only of words from its sentence or the vocabulary's labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from events.vocabulary import FOLD_PARTNERS, alternatives, exactly_lowered, scan, section, vocabulary

MAX_LENGTH = 80
_WINDOW = 2000  # characters either side of a date that its title is made from (all of a shorter sentence)
_WORDS = vocabulary().titles  # the word lists of section [titles], by name
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ASCII_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")  # _WORD in lower-cased ASCII text
_MARKUP_CHARS = re.compile(r"[<>*_`#|\[\]{}•▪]")
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;:]?\s*\)|\[\s*\]")
# A hole where a date was: marks with only white space between, two white spaces, or a
# preposition before a mark. The last is looked for in the reversed title, from the mark
# (the engine skips from mark to mark instead of trying the prepositions everywhere).
_HOLE_SPACES = re.compile(r"\s(?:[,;:]\s*[,;:]|\s)")
_HOLE_REVERSED = re.compile(rf"[,;.:)]\s*(?:{alternatives(w[::-1] for w in _WORDS['hole_prepositions'])})\b")
_PRONOUN_START = re.compile(rf"^(?:{alternatives(_WORDS['pronouns'])})\b", re.IGNORECASE)
_SALUTATION = re.compile(rf"^(?:{alternatives(_WORDS['salutations'])})\b", re.IGNORECASE)
# Words a title may add to its sentence: separators and the words of the vocabulary's labels.
_GLUE = frozenset(_WORDS["glue_words"])


@cache
def _label_words() -> frozenset[str]:
    vocab = vocabulary()
    labels = [item[lang] for part in ("tracks", "event_types", "statuses") for item in getattr(vocab, part)
              for lang in ("nl", "en")]
    labels += [name for inst in vocab.institutions for name in (inst.name, inst.nl, inst.en)]
    labels += [acronym for inst in vocab.institutions for _, acronyms in inst.acronyms for acronym in acronyms]
    # a headline's words (events/headlines.py): its templates and the instruments' names
    labels += [template for item in section("headlines").values() for templates in item.values()
               for template in templates]
    labels += [name for item in section("instruments") for name in (item["nl"], item["en"], *item.get("in_text", {}).values())]
    labels += [label for labels_ in vocab.instrument_labels.values() for label in labels_.values()]
    return frozenset(w.lower() for label in labels for w in _WORD.findall(label.removeprefix("other:")))


@cache
def _known_words() -> frozenset[str]:
    """Words any title may hold: the labels' and the glue."""
    return _label_words() | _GLUE


def _lower_words(text: str) -> list[str]:
    """The words of `text` (_WORD), lower-cased; in ASCII text found after lower-casing it,
    which keeps every word where it is."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=256)  # every title of a sentence is checked against it
def _words_of(quote: str) -> frozenset[str]:
    return frozenset(_lower_words(quote))


def title_problems(title: str, quote: str) -> list[str]:
    """The rules a title breaks, as short phrases; empty when it is a good title."""
    title = str(title)
    stripped = title.strip()
    if not stripped:
        return ["empty"]
    found = []
    if len(title) > MAX_LENGTH:
        found.append(f"longer than {MAX_LENGTH} characters")
    if stripped.endswith(("…", "...")):
        found.append("cut short")
    # a markup character, a web address, or front matter's opening mark, each by the quickest test
    if _MARKUP_CHARS.search(title) or "www." in title or "http://" in title or "https://" in title \
            or stripped.startswith(("-", ":")):
        found.append("markup, URL or front matter")
    if (")" in title or "]" in title) and _EMPTY_BRACKETS.search(title):
        found.append("empty brackets")
    if _HOLE_SPACES.search(title) or _HOLE_REVERSED.search(title[::-1]):
        found.append("a hole where a date was")
    first = _WORD.match(title)
    if first and quote and first.group().lower() not in _label_words() \
            and _inside_words_only(first.group(), str(quote)):
        # a title whose first word stands in the quote only inside longer words starts mid-word
        found.append("starts mid-word")
    if _PRONOUN_START.match(stripped):
        found.append("starts on a pronoun")
    if _SALUTATION.match(stripped):
        found.append("the opening of a letter")
    title_words = _title_words()
    body = title.split(": ", 1)[-1].strip()
    if title_words.subjectless.match(stripped) or title_words.subjectless.match(body):
        found.append("starts on a verb without its subject")
    opening = body.split(" ", 1)[0].lower()
    if opening in title_words.stops and opening not in title_words.opening_adverbs:
        # "of Europe Framework Convention ...": a name cut in two; "During the conference ...": no actor
        found.append("starts on a preposition")
    words = set(_lower_words(title))
    # a name (capitalised, or a number's part such as "VII") is the actor's or the instrument's, read
    # from the document where the sentence names none ("Tilburg University" of the sentences before)
    names = {w.lower() for w in _WORD.findall(title) if w[:1].isupper() and w != title.split(" ", 1)[0]}
    invented = sorted(w for w in words - _words_of(str(quote)) - _known_words() - names if len(w) > 2)
    if invented:
        found.append("words not in the sentence: " + ", ".join(invented[:3]))
    if words <= _GLUE:
        found.append("no content words")
    return found


def _inside_words_only(word: str, quote: str) -> bool:
    """Whether `word` stands in `quote` (in any case), but never as a whole word (between
    characters that are no letters). Read in the quote's lower-cased text where that is
    exact, else with regular expressions."""
    lowered = word.lower()
    q = scan(quote)
    if not q.exact or not exactly_lowered(word, lowered):
        escaped = re.escape(word)
        return bool(re.search(escaped, quote, re.IGNORECASE)) \
            and not re.search(rf"(?<![^\W\d_]){escaped}(?![^\W\d_])", quote, re.IGNORECASE)
    text, size = q.lowered, len(lowered)
    at = text.find(lowered)
    if at < 0:
        return False
    while at >= 0:
        end = at + size
        if (at == 0 or not _letter(text[at - 1])) and (end == len(text) or not _letter(text[end])):
            return False  # it stands whole here
        at = text.find(lowered, at + 1)
    return True


def _letter(char: str) -> bool:
    """[^\\W\\d_]: a word character that is no digit."""
    return char.isalnum() and not char.isdecimal()


# -- building titles -------------------------------------------------------------------------

_MARK = "\x00"
# dates joined by these go out of a title as one ("april en juni 2023")
_COORDINATOR = re.compile(rf"^\s*(?:,|{alternatives(vocabulary().dates.words['date_joins'])}|-|–)?\s*$", re.IGNORECASE)
_DATE_PREPOSITIONS, _ARTICLES = _WORDS["date_prepositions"], vocabulary().function_words["definite_articles"]
_DANGLING_PREPOSITION = re.compile(
    rf"\b(?:{alternatives(_DATE_PREPOSITIONS)})(?:\s+(?:{alternatives(_ARTICLES)}))?\s*$", re.IGNORECASE)
# the same, read from the end in the reversed text: whether it matches at all (at once where it does not)
_DANGLING_REVERSED = re.compile(
    rf"\s*(?:(?:{alternatives(w[::-1] for w in _ARTICLES)})\s+)?(?:{alternatives(w[::-1] for w in _DATE_PREPOSITIONS)})\b",
    re.IGNORECASE)
_URL = re.compile(rf"\(?(?:https?://|www\.)\S+\)?|\S+\.(?:{alternatives(_WORDS['url_domains'])})/\S*")
# the most runs of non-white space that _DANGLING_PREPOSITION matches: a preposition and its article
_DANGLING_WORDS = max(len(w.split()) for w in _DATE_PREPOSITIONS) + max(len(w.split()) for w in _ARTICLES)
# a footnote's number: after a letter, after a letter and a mark, or opening the text. Each
# alternative starts on the number's first digit (the look-behinds take it in), so that the
# engine skips from digit to digit instead of trying the look-behinds everywhere.
_FOOTNOTE = re.compile(r"\d(?:(?:(?<=[^\W\d_]\d)|(?<=[^\W\d_][”’»\".,;:)]\d))\d{0,2}\b|(?<=^\d)\d{0,2}\s+)")
_CITATION = re.compile(r"\([^()]*\d[^()]*\)|\[[^\[\]]*\]")
# a list item's marker ("• b)", "1.", "a)") is no part of its title
_ITEM_MARK = re.compile(r"^\s*(?:[-*+•▪–]\s*)?(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+)?")
_SPACE_PUNCT = re.compile(r" (?=[,.;:)!?])")  # in text whose white space is single spaces
_EMPTY_PARENS = re.compile(r"\(\s*\)")
_CUT = re.compile(rf"[,;:]\s|\s(?:{alternatives(_WORDS['cut_words'])})\s", re.IGNORECASE)
_QUOTES = ("‘’", "“”", "«»", "()")
_QUOTE_MARKS = re.compile(r"[‘’“”«»()\"]")  # the characters of _QUOTES and '"'
_TRAIL_MARKS = ",;:(–-"  # besides white space, what stands before a word a title does not end on
_SEPARATOR = rf"[\s{re.escape(_TRAIL_MARKS)}]"


@dataclass(frozen=True)
class _TitleWords:
    lead: re.Pattern  # words a title does not start with
    trail: re.Pattern  # words a title does not end on
    common: dict[str, frozenset[str]]  # the commonest words of each language
    stops: frozenset[str]  # words that open a phrase, not a clause
    determiners: frozenset[str]
    coordinators: frozenset[str]
    name_joins: frozenset[str]  # lower-case words inside a name ("Comité van Ministers")
    subjectless: re.Pattern  # an auxiliary at a title's start: its subject is lost
    dateline: re.Pattern  # the words a document prints its own date after
    trailing: frozenset[str]  # the words of `trail`, lower-cased
    trail_reversed: re.Pattern | None  # `trail` read from the end: see _without_trail
    capitals: frozenset[str]  # abbreviations kept in capitals
    opening_adverbs: frozenset[str]  # words of `stops` a title may start on ("ook", "nog")
    subject_of: frozenset[str]  # a name after these belongs to the subject ("van de CAI")


@cache
def _title_words() -> _TitleWords:
    vocab = vocabulary()
    raw = vocab.titles
    dateline_words = [*vocab.document_dates["leads"], *(w for words in vocab.dateline_words.values() for w in words)]
    return _TitleWords(
        lead=re.compile(r"^(?:(?:" + alternatives(raw["lead_words"]) + r")\b[\s,]*)+", re.IGNORECASE),
        trail=re.compile(rf"(?:{_SEPARATOR}+(?:{alternatives(raw['trailing_words'])}))+\s*$", re.IGNORECASE),
        common={"nl": frozenset(raw["nl"]), "en": frozenset(raw["en"])},
        stops=frozenset(raw["prepositions"]),
        determiners=frozenset(raw["determiners"]),
        coordinators=frozenset(raw["coordinators"]),
        name_joins=frozenset(raw["name_joins"]),
        subjectless=re.compile(r"^(?:" + alternatives(raw["auxiliaries"]) + r")\b", re.IGNORECASE),
        dateline=re.compile(r"\s(?:" + alternatives(dateline_words) + r")\b"),
        trailing=frozenset(w.lower() for w in raw["trailing_words"]),
        trail_reversed=None if any(re.search(_SEPARATOR, w) for w in raw["trailing_words"]) else re.compile(
            rf"\s*(?:(?:{alternatives(w[::-1] for w in raw['trailing_words'])}){_SEPARATOR}+)+", re.IGNORECASE),
        capitals=frozenset(w for w in vocab.alias_words() if w.isupper() and w.isalpha()),
        opening_adverbs=frozenset(raw["opening_adverbs"]),
        subject_of=frozenset(raw["subject_of"]),
    )


def language(text: str) -> str:
    """nl or en, by the common words of each."""
    words = _title_words().common
    tokens = [w.lower() for w in _WORD.findall(text[:20000])]
    nl = sum(w in words["nl"] for w in tokens)
    en = sum(w in words["en"] for w in tokens)
    return "nl" if nl >= en else "en"


def actor_label(name: str, lang: str) -> str:
    """A short name for a title: the abbreviation where the body has one, else its label."""
    vocab = vocabulary()
    inst = vocab.institution(name)
    if inst is None or name.startswith("other:"):
        return name.removeprefix("other:")
    if len(name) <= 6:
        return name
    label = getattr(inst, lang)
    return label[:1].upper() + label[1:]


def build_title(mention, text: str, actors: list, others: list, event_type: str, lang: str) -> str:
    """Who does what, from the clause that holds the date: its words without the dates, the
    actor put first where the clause does not name it; cut whole at a clause or word boundary.
    Where the sentence gives nothing that passes the rules, the actor and the event type.
    A title is made of the words near its date: in a long sentence of many dates, each date's
    title reads a bounded part of it (_WINDOW characters either side), so the whole stays linear."""
    vocab = vocabulary()
    lo, hi = max(0, mention.begin - _WINDOW), min(len(text), mention.end_offset + _WINDOW)
    if lo or hi < len(text):
        text = text[lo:hi]
        mention = replace(mention, begin=mention.begin - lo, end_offset=mention.end_offset - lo)
        others = [replace(m, begin=m.begin - lo, end_offset=m.end_offset - lo) for m in others
                  if lo <= m.begin and m.end_offset <= hi]
    # a body the vocabulary does not know may stand in a title only where its sentence names it
    actor = next((a.name for a in actors if not a.name.startswith("other:") or vocab.institution(a.name)
                  or a.name.removeprefix("other:").lower() in text.lower()), "")
    label = actor_label(actor, lang) if actor else ""
    before, _, after = _without_dates(text, [mention, *others], mention).partition(_MARK)
    clause = _clean(_clause(before, after))
    if len(clause.split()) <= 4 \
            and any(pattern.search(text[max(0, mention.begin - 120):mention.begin]) for _, pattern in vocab.datelines):
        clause = ""  # a dateline's words are a place and a date, no title
    if lang == "nl" and clause:
        clause = subject_first(clause)
    if actor and clause:
        inst = vocab.institution(actor)
        named = (inst.pattern.search(clause) if inst and inst.pattern else None) or label.lower() in clause.lower()
        prefix = 0
        if not named:
            clause = f"{label}: {clause}"
            prefix = len(label) + 2
        elif clause.strip(" .:").lower() == (named.group() if hasattr(named, "group") else label).strip().lower():
            clause = ""  # the actor's name alone says nothing of what happened
    else:
        prefix = 0
    clause = _fit(clause, prefix)
    if clause and not title_problems(clause, text):
        return clause
    # else the sentence from where it names the actor: subject, verb, object ("the European
    # Commission signed the Council of Europe Framework Convention ...")
    inst = vocab.institution(actor) if actor else None
    dedated = before + " " + after
    named = inst.pattern.search(dedated) if inst and inst.pattern else None
    if named:
        start = dedated.rfind(" ", 0, max(0, named.start() - 4)) + 1  # keep "the", "de"
        from_actor = _fit(_clean(_clause("", dedated[start:])))
        if from_actor and not title_problems(from_actor, text):
            return from_actor
    kind = vocab.label("event_types", event_type, lang)
    kind = kind[:1].upper() + kind[1:]
    fallbacks = [f"{label}: {kind.lower()}", f"{kind}: {label}"] if label else []
    return next((f for f in fallbacks if not title_problems(f, text)), kind)


_SUBJECT_WORDS = 12  # words a subject may run to


def subject_first(clause: str) -> str:
    """A Dutch clause after a fronted date opens on its verb ("heeft de NAVO ... aangenomen",
    "werkt de plenaire vergadering aan de Preambule"); a title puts its subject first ("De
    NAVO heeft ... aangenomen"). The subject is a determiner and a name ("het Comité van
    Ministers van de Raad van Europa", "de Commissie en Hoge Vertegenwoordiger (HV)") or at most
    two words ("de plenaire vergadering") up to a preposition, determiner or adverb; where it
    cannot be told, the clause keeps its order."""
    words = clause.split()
    vocab_words = _title_words()
    stops, determiners, coordinators = vocab_words.stops, vocab_words.determiners, vocab_words.coordinators
    phrase: list[str] = []
    if words and words[0].lower() in stops:
        # "In deze mededeling geeft de Commissie ...": a phrase of a few words before the verb moves after it
        verb_at = next((i for i in range(2, min(6, len(words) - 1)) if words[i].isalpha() and words[i].islower()
                        and words[i].lower() not in stops and words[i + 1].lower() in determiners), 0)
        if not verb_at:
            return clause
        phrase, words = [words[0].lower(), *words[1:verb_at]], words[verb_at:]
    # the verb is a lower-case word (a capital opens a name: "Nederland de verklaring ...")
    if len(words) < 3 or not words[0].isalpha() or not words[0].islower() or words[0] in stops \
            or words[0] in determiners or words[1].lower() not in determiners:
        return clause if not phrase else " ".join([phrase[0].capitalize(), *phrase[1:], *words])
    subject, named, ended = [words[1]], False, False
    for word in words[2:2 + _SUBJECT_WORDS]:
        bare = word.lower().strip(",.;:")
        capital = word[:1].isupper() or word.startswith("(")
        joins_name = named and (bare in vocab_words.name_joins or bare in coordinators)
        if capital or joins_name or (named and subject[-1].lower() in coordinators):
            named = named or capital
        elif named or bare in stops or bare in determiners:
            ended = True
            break
        elif len(subject) >= 3:
            return clause  # more than two words before any stop: no telling where the subject ends
        subject.append(word)
        if word.endswith((",", ";", ":")):
            ended = True
            break
    while subject and subject[-1].lower() in vocab_words.name_joins | coordinators:
        subject.pop()
    # "de plenaire vergadering van de CAI": a body's name after "van" belongs to the subject
    after = words[1 + len(subject):]
    if after and after[0].lower() in vocab_words.subject_of:
        name = after[1:2] if after[1:2] and after[1][:1].isupper() else after[1:3] \
            if after[1:2] and after[1].lower() in determiners and after[2:3] and after[2][:1].isupper() else []
        if name:
            subject += [after[0], *name]
    if len(subject) < 2 or not ended:
        return clause
    rest = words[1 + len(subject):]
    lead = " ".join(subject).rstrip(",;:")
    return " ".join([lead[:1].upper() + lead[1:], words[0].lower(), *phrase, *rest])


# \b[A-Z]..., with the \b after the first letter (as a look-behind), for the engine to skip to capitals
_CAPITALS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z'’-]+(?:\s+[A-Z][A-Z'’-]*){2,}\b")


def _sentence_case(match: re.Match) -> str:
    """A heading in capitals ("MOTIE VAN HET LID SIX DIJKSTRA") in sentence case, abbreviations kept."""
    words = match.group().split()
    return " ".join([words[0][:1] + words[0][1:].lower(), *(w if len(w) <= 3 and w.isalpha() and w in _title_words().capitals
                                                          else w.lower() for w in words[1:])])


_LINK_TEXT = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")


def _clean(clause: str) -> str:
    # each pattern is run only where the text holds what it cannot match without
    title_words = _title_words()
    if "](" in clause:
        clause = _LINK_TEXT.sub(r"\1", clause)  # "[public consultation](https://...)": the words stay
    clause = clause[_ITEM_MARK.match(clause).end():]
    clause = _CAPITALS.sub(_sentence_case, clause)
    dateline = title_words.dateline.search(clause)
    if dateline:  # "Motie van het lid ... Voorgesteld": the dateline ends it
        clause = clause[:dateline.start()]
    if "/" in clause or "www." in clause:  # what a web address holds
        clause = _URL.sub(" ", clause)
    if "(" in clause or "[" in clause:
        clause = _CITATION.sub(" ", clause)
    clause = _FOOTNOTE.sub("", clause)
    clause = _MARKUP_CHARS.sub(" ", clause)
    if "(" in clause:
        clause = _EMPTY_PARENS.sub(" ", clause)
    # from here on, white space is single spaces
    clause = _SPACE_PUNCT.sub("", " ".join(clause.split()).replace("( ", "("))
    while True:
        lead = title_words.lead.match(clause)
        shorter = (clause[lead.end():] if lead else clause).strip(" ,;:.-–")
        if shorter == clause:
            return clause
        clause = shorter


def _fit(clause: str, kept: int = 0) -> str:
    """At most MAX_LENGTH characters, cut at a clause boundary where one is near, ending on
    a word that can end a title, with brackets and quotes closed. `kept`: the length of a
    prefix never cut at (the actor put first, "Ministerie van Justitie en Veiligheid: ")."""
    title_words = _title_words()
    if len(clause) > MAX_LENGTH:
        cut = 0  # the last boundary from 30 characters on that leaves at most MAX_LENGTH
        for boundary in _CUT.finditer(clause, kept):
            if boundary.start() > MAX_LENGTH:
                break
            if boundary.start() >= max(30, kept + 1):
                cut = boundary.start()
        clause = clause[:cut] if cut else clause[:MAX_LENGTH + 1].rsplit(" ", 1)[0]
    previous = None
    while previous != clause:
        previous = clause
        clause = _without_trail(clause, title_words)
        clause = clause.rstrip(" ,;:.-–(")
        if not _QUOTE_MARKS.search(clause):
            continue  # nothing to close
        for opening, closing in _QUOTES:
            opened, closed = clause.count(opening), clause.count(closing)
            if opened != closed:
                at = clause.rfind(opening) if opened > closed else -1
                clause = clause[:at].rstrip() if at > 0 else clause.replace(opening, "").replace(closing, "")
        if clause.count('"') % 2:
            clause = clause.replace('"', "")
    clause = clause.strip()
    return clause[:1].upper() + clause[1:]


def _without_trail(clause: str, title_words: _TitleWords) -> str:
    """title_words.trail.sub("", clause) where _may_trail(clause). That pattern, anchored at the
    end, is tried from every place in the clause; where no word of it holds a _SEPARATOR, the
    words it matches are whole runs between separators, so the same words are matched from the
    start of the reversed clause."""
    if title_words.trail_reversed is None:
        return title_words.trail.sub("", clause) if _may_trail(clause) else clause
    trailing = title_words.trail_reversed.match(clause[::-1])
    return clause[:len(clause) - trailing.end()] if trailing and _may_trail(clause) else clause


def _may_trail(clause: str) -> bool:
    """Whether the clause ends on a word of the title-words' `trailing` after a space or mark."""
    parts = clause.rsplit(None, 1)
    if not parts:
        return False
    last = parts[-1]  # the last run of characters that are no white space
    cut = max(map(last.rfind, _TRAIL_MARKS))
    word = last[cut + 1:].lower()
    return (len(parts) == 2 or cut >= 0) and (word in _title_words().trailing or bool(FOLD_PARTNERS.search(word)))


def _without_dates(text: str, mentions: list, marked) -> str:
    """The text with its date expressions and the prepositions that lead them taken out;
    _MARK stands where the marked one was."""
    spans = sorted((m.begin, m.end_offset) for m in mentions)
    merged: list[list[int]] = []
    for begin, end in spans:
        if merged and _COORDINATOR.match(text[merged[-1][1]:begin]):
            merged[-1][1] = end  # "april en juni 2023" goes as one
        else:
            merged.append([begin, end])
    out, last = [], 0
    for begin, end in merged:
        out.append(_without_dangling(text[last:begin]))
        if begin <= marked.begin < end:
            out.append(_MARK)
        last = end
    out.append(text[last:])
    return " ".join(" ".join(out).split())


def _without_dangling(piece: str) -> str:
    """_DANGLING_PREPOSITION.sub("", piece): the pattern matches at the end only, so it is
    looked for where the reversed pattern finds it, in the last _DANGLING_WORDS runs of non-white
    space (its \\b still sees the character before them)."""
    if not _DANGLING_REVERSED.match(piece[::-1]):
        return piece
    head = piece.rsplit(None, _DANGLING_WORDS)
    m = _DANGLING_PREPOSITION.search(piece, len(head[0]) if len(head) > _DANGLING_WORDS else 0)
    return piece[:m.start()] + piece[m.end():] if m else piece


_CLAUSE_HEAD = re.compile(r"[;:]\s|\(\d+\)\s|\.\s")
# where the clause after a date ends: at a mark, or at "(n)" after a space (its look-behind
# after the "(", for the engine to skip to brackets)
_CLAUSE_TAIL_MARK = re.compile(r"[;:.]\s")
_CLAUSE_TAIL_NUMBER = re.compile(r"\((?<=\s\()\d+\)")


def _clause(before: str, after: str) -> str:
    """The words of the clause that holds the date, cut at ; : and (n) boundaries."""
    head = _CLAUSE_HEAD.split(before)[-1]
    mark, number = _CLAUSE_TAIL_MARK.search(after), _CLAUSE_TAIL_NUMBER.search(after)
    tail = after[:min(mark.start() if mark else len(after), number.start() - 1 if number else len(after))]
    # keep the words nearest the date, more after it than before (Dutch puts the verb last)
    return " ".join(head.rsplit(None, 10)[-10:] + tail.split(None, 16)[:16])
