"""Who acts in a sentence: the bodies it names (by name, alias or abbreviation, or by the
shape of an unknown body's name), references back, recipients and venues marked by the words
before them, and the procedures a sentence names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from typing import NamedTuple

from events.clauses import before_space, clause_span
from events.instruments import named
from events.vocabulary import Scan, alternatives, glued_words, scan, section, vocabulary

# "uw Kamer" is the chamber the letter is addressed to.
YOUR_CHAMBER = vocabulary().actors.your_chamber
_WORD_AT = re.compile(r"[^\W_]+")


class Found(NamedTuple):
    """A body a sentence points at. (A NamedTuple, not a frozen dataclass: one is made for
    nearly every body of every sentence read, several times faster; Founds are only compared
    and hashed with each other, by their fields, as before.)"""

    name: str
    track: str
    at: int  # character offset in the sentence (-1: not in it)
    end: int = -1
    how: str = "named"  # named, reference, pronoun, speaker, itself (the document's issuer), unknown, carried
    lead: str = ""  # recipient, venue or "" by the words before it


BY_PLACE = attrgetter("at", "name")  # the order of a sentence's hits
# the institutions by name, and what is asked of them for every body read
_ROLES = {inst.name: inst.role for inst in vocabulary().institutions}
_TRACKS = {inst.name: inst.track for inst in vocabulary().institutions}
_ACTORS = vocabulary().actors
# alias i -> the name of its institution, and the patterns that decide an ambiguous alias (else None)
_ALIAS_OWNER = tuple(vocabulary().institutions[i].name for i in _ACTORS.alias_owner)
_AMBIGUOUS = tuple(_ACTORS.ambiguous.get(alias) for alias in _ACTORS.alias_text)
_TOPICS = tuple(vocabulary().topics.values())


def institution_of(name: str):
    return vocabulary().institution(name)


def body_at(name: str, at: int, end: int, how: str = "named") -> Found:
    return Found(name, _TRACKS.get(name, "other"), at, end, how)


def named_bodies(text: str, s: Scan | None = None) -> list[Found]:
    """Bodies named in a sentence by a name, alias or abbreviation, ambiguous ones decided by
    the words beside them, then unknown bodies by the shape of their names. (`s`: the text's
    Scan, where the caller holds it.)"""
    actors = _ACTORS
    if s is None:
        s = scan(text)
    by_first_word = actors.by_first_word
    # the words that start an alias, where they stand: found by the sentence's words, not word by word
    present = glued_words(s)
    if s.aligned:
        first = present & actors.first_words
        words = sorted((at, word) for word in first for at in s.starts(word)) if first else ()
    else:
        words = [(m.start(), m.group().lower()) for m in _WORD_AT.finditer(text)]
    spans: list[tuple[int, int, int]] = []  # begin, end, alias
    exact = s.exact
    for at, word in words:
        if at and (text[at - 1].isalnum() or text[at - 1] in "-_") and not _joined_to_a_name(text, at, spans):
            continue  # inside a word: no alias starts here
        for n, pattern, needs in by_first_word.get(word, ()):
            if exact and not needs <= present:
                continue  # a word of the alias is not in the sentence: it cannot stand here
            m = pattern.match(text, at)
            if m:
                spans.append((at, m.end(), n))
                break
    spans += [(m.start(), m.end(), int(m.lastgroup[1:])) for m in actors.names.finditer(s)]
    hits: list[Found] = []
    links = [m.span() for m in _LINK.finditer(text)] if "/" in text else []
    if spans:
        last_end = -1
        for begin, end, n in sorted(spans, key=lambda s: (s[0], -s[1])):
            if begin < last_end:
                continue  # inside a longer name found at an earlier or the same place
            if links and any(a <= begin < b for a, b in links):
                continue  # "www.coe.int" names a web address, not a body acting
            ambiguous = _AMBIGUOUS[n]
            if ambiguous:
                not_beside, beside = ambiguous
                if (not_beside and not_beside.search(text)) or (beside and not beside.search(text)):
                    continue
            last_end = end
            hits.append(body_at(_ALIAS_OWNER[n], begin, end))
    if actors.unknown:
        for m in actors.unknown.finditer(s):
            at, stop = m.span("name")
            stop = _whole_name_end(text, stop)
            at = _after_a_capital_by_place(text, at, stop)
            if any(h.at <= at < h.end or at <= h.at < stop for h in hits) or any(a <= at < b for a, b in links):
                continue  # a known body's name, or part of a longer name that holds one
            if _touches_a_name(text, at, hits) or _descriptive(text[at:stop]):
                continue
            name = _normalized(text[at:stop])
            if any(p.fullmatch(name) for p in _TOPICS):
                continue  # "the European Union" is what a text is about, not a body of the vocabulary
            if name and at > 0:  # a capital at a sentence's start says nothing
                hits.append(Found("other:" + name, "other", at, stop, "unknown"))
    hits += _named_by_a_leading_head(text, s, hits)
    if len(hits) > 1:
        hits.sort(key=BY_PLACE)
    return hits


@cache
def _leading_heads() -> tuple[re.Pattern, frozenset[str]]:
    """A local authority's name: a head that comes first and the capitalised place after it
    ("Gemeente Deventer", "de gemeente Utrecht", "Provincie Groningen"); and the heads' first words."""
    heads = section("unknown_actors")["leading_heads"]
    place = r"[A-Z][\w'’-]*"
    return (re.compile(rf"(?<![\w-])(?P<head>(?i:{alternatives(heads)}))\s+(?P<place>{place}(?:\s+{place}){{0,2}})(?![\w-])"),
            frozenset(h.split()[0].lower() for h in heads))


def _named_by_a_leading_head(text: str, s: Scan, hits: list[Found]) -> list[Found]:
    """Local authorities named by a head before their place, each as `other:` and its whole name
    with the head capitalised: "Gemeente Deventer heeft in januari 2025 ... een uitvraag gedaan"
    and "binnen de gemeente Deventer" both name other:Gemeente Deventer; a known body whose name
    holds one ("Rekenkamer van de gemeente Deventer") keeps it."""
    pattern, first = _leading_heads()
    if s.aligned and not first & s.words:
        return []
    out = []
    for m in pattern.finditer(text):
        at, stop = m.span()
        if any(h.at <= at < h.end or at <= h.at < stop for h in hits):
            continue
        head = m.group("head")
        out.append(Found(f"other:{head[:1].upper()}{' '.join(head[1:].split())} {' '.join(m.group('place').split())}",
                         "other", at, stop, "unknown"))
    return out



def _joined_to_a_name(text: str, at: int, spans: list[tuple[int, int, int]]) -> bool:
    """Whether a word stands right after a hyphen that closes a body's name found just before:
    two bodies' acronyms named as one pair ("EDPB-EDPS / Joint Opinion 5/2021": the Board and
    the Supervisor both); a word after another hyphen is inside a longer word ("EU-lidstaten")."""
    if text[at - 1] != "-" or not spans or spans[-1][1] != at - 1:
        return False
    after = _WORD_AT.match(text, at)
    return text[spans[-1][0]:at - 1].isupper() and bool(after) and after.group().isupper()


@cache
def _unknown_words() -> tuple[re.Pattern, frozenset[str]]:
    """How an unknown body's name goes on after its head, and the words that only describe."""
    words = section("unknown_actors")
    # a capitalised word that is no month's name ("the AI Safety Summit on November 1")
    cap = rf"(?!(?i:{alternatives(vocabulary().dates.months)})\b)[A-Z][\w'’.+-]*"
    the = alternatives(words["articles"])
    more = re.compile(rf"\s+(?:{alternatives(words['name_continues'])})\s+(?:(?:{the})\s+)?{cap}(?:\s+{cap}){{0,4}}")
    return more, frozenset(words["descriptive"])


def _whole_name_end(text: str, stop: int) -> int:
    """Where an unknown body's whole name ends: after its head, the words that go on naming it
    ("the Global Summit on AI Safety", not "the Global Summit")."""
    more, _ = _unknown_words()
    for _ in range(2):
        m = more.match(text, stop)
        if not m:
            break
        stop = m.end()
    return stop


_SENTENCE_END = re.compile(r"(?:^|[.!?:]\s*|\n\s*)$")


def _after_a_capital_by_place(text: str, at: int, stop: int) -> int:
    """Where an unknown body's name begins when its first word only has a capital because it
    opens the sentence and words such as "the" follow it ("Unlike the European Union, ...": the
    name would begin at "European"); else where it was found."""
    first = _first_word_and_connectors().match(text, at, stop)
    if first and _SENTENCE_END.search(text, max(0, at - 3), at):
        return first.end()
    return at


@cache
def _first_word_and_connectors() -> re.Pattern:
    words = section("unknown_actors")
    return re.compile(rf"[A-Z][\w'’-]*\s+(?:(?:{alternatives(words['connectors'])})\s+)+(?=[A-Z])")


def _touches_a_name(text: str, at: int, hits: list[Found]) -> bool:
    """Whether an unknown name follows a known body's name with nothing but a space between
    ("OECD Global Forum"): a part of a longer name, no body of its own."""
    return any(0 <= at - h.end <= 1 and text[h.end:at].isspace() for h in hits)


def _descriptive(name: str) -> bool:
    """Whether a name is only words that describe and its head ("Global Summit", "Eerste
    Commissie"): a phrase that starts with capitals, no proper name."""
    _, descriptive = _unknown_words()
    words = [w for w in name.split() if not (_ACTORS.articles and _ACTORS.articles.fullmatch(w))]
    return len(words) > 1 and all(w in descriptive for w in words[:-1])


_LINK = re.compile(r"(?:https?://|www\.)[^\s)\]>]+|\]\([^)\s]*\)", re.IGNORECASE)


def _normalized(name: str) -> str:
    """An unknown body's name without leading articles and with single spaces."""
    words = name.split()
    articles = vocabulary().actors.articles
    while words and articles and articles.fullmatch(words[0]):
        words = words[1:]
    return " ".join(words)


def institutions_in(text: str, addressee: str | None = None) -> list[Found]:
    """Institutions named in a sentence, in order of appearance, each once."""
    addressee = addressee or _ACTORS.default_addressee
    s = scan(text)
    hits = named_bodies(text, s)
    m = YOUR_CHAMBER.search(s)
    if m and institution_of(addressee) and all(h.name != addressee for h in hits):
        hits.append(body_at(addressee, m.start(), m.end()))
    seen: set[str] = set()
    out = []
    for hit in sorted(hits, key=BY_PLACE):
        if hit.name not in seen:
            seen.add(hit.name)
            out.append(hit)
    return out



class References:
    """What a reference back ("het comité") is resolved against: the bodies named in the
    sentence before it, then those read before the sentence, the last first; indexed, so that
    a sentence of many references stays linear. `hits` are the sentence's names in order of
    place, then "uw Kamer" (if named); references resolved are added after them."""

    def __init__(self, names: list[Found], chamber: Found | None, recent: list[str]):
        self.recent = recent
        self.names = names
        self.chamber = chamber
        self.starts = [h.at for h in self.names]
        ends = [h.end for h in self.names]
        self.ordered = all(b <= a for b, a in zip(ends, self.starts[1:], strict=False))  # in order, apart
        self.ends = ends
        self.spans = [(h.at, h.end) for h in [*names, *([chamber] if chamber else [])]]
        self.places: dict[str, list[int]] = {}  # name -> where it stands among self.names
        for i, h in enumerate(self.names):
            self.places.setdefault(h.name, []).append(i)
        self.resolved: dict[str, int] = {}  # name -> when it was last resolved to
        self.count = 0

    def overlaps(self, begin: int, end: int) -> bool:
        if not self.ordered:
            return any(a < end and begin < b for a, b in self.spans)
        i = bisect.bisect_left(self.starts, end) - 1  # the last name that starts before the end
        return (i >= 0 and self.ends[i] > begin) or bool(self.chamber and self.chamber.at < end and begin < self.chamber.end)

    def add(self, name: str) -> None:
        self.count += 1
        self.resolved[name] = self.count

    def resolve(self, head: str, at: int) -> str:
        actors = vocabulary().actors
        fitting = set(actors.heads.get(head, ()))
        # the references resolved before this one stand last, then "uw Kamer", then the names before it
        latest = max(fitting & self.resolved.keys(), key=self.resolved.__getitem__, default=None)
        if latest:
            return latest
        if self.chamber and self.chamber.at < at and self.chamber.name in fitting:
            return self.chamber.name
        best = -1
        for name in fitting & self.places.keys():
            places = self.places[name]
            if self.ordered:
                i = bisect.bisect_left(places, bisect.bisect_left(self.starts, at)) - 1
                if i >= 0:
                    best = max(best, places[i])
            else:
                best = max([best, *(p for p in places if self.names[p].at < at)])
        if best >= 0:
            return self.names[best].name
        for name in reversed(self.recent):
            if name in fitting:
                return name
        return actors.defaults.get(head, "")


class Citations:
    """The texts a document cites by their author, kind by kind, in order ("het advies van het
    Europees Economisch en Sociaal Comité"), and those it then cites by their date alone ("Advies
    van 18 maart 2026", a note's text): the n-th cited by date is the n-th of its kind cited by
    author in the last sentence that cites any (the notes follow the citations they number; those
    of an earlier sentence were printed with it). Each sentence is read once, in order."""

    def __init__(self):
        self.authors: dict[str, list[str]] = {}
        self.taken: dict[str, int] = {}

    def read(self, s: Scan, names: list[Found]) -> list[Found]:
        """The authors of the texts a sentence (its Scan) cites by date; it notes those it cites by author."""
        if not (_ACTORS.cited_texts and _ACTORS.cited_texts.search(s)):
            return []
        by_author, by_date = _citing()
        text = s.text
        out = []
        events = [(h.at, h) for h in names if h.at > 0] + [(m.start(), m) for m in by_date.finditer(text)]
        citing = False
        for _, item in sorted(events, key=lambda e: e[0]):
            if isinstance(item, Found):
                m = by_author.search(text, max(0, item.at - 40), item.at)
                if m:
                    if not citing:  # a new sentence of citations
                        self.authors, self.taken = {}, {}
                    citing = True
                    self.authors.setdefault(m.group(1).lower(), []).append(item.name)
                continue
            kind = item.group(1).lower()
            authors, n = self.authors.get(kind, []), self.taken.get(kind, 0)
            if n < len(authors):
                self.taken[kind] = n + 1
                out.append(body_at(authors[n], item.start(), item.end(), "reference"))
        return out


@cache
def _citing() -> tuple[re.Pattern, re.Pattern]:
    """The words before a cited text's author, and a note's words before a text's date."""
    words = _anaphora()
    kinds = words["cited_texts"]
    of = alternatives(words["authored_by"])
    the = alternatives(words["name_determiners"])
    return (re.compile(rf"(?<![\w-])({alternatives(kinds)})\s+(?:{of})\s+(?:(?:{the})\s+)?$", re.IGNORECASE),
            # capitalised: a note's text opens on it
            re.compile(rf"(?<![\w-])({'|'.join(k.capitalize() for k in kinds)})\s+(?:{of})\s+(?=\d)"))


def the_author_of_a_text_cited_by_date(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A date that dates a text cited by its date alone is its author's (Citations): "Gezien het
    advies van het Europees Economisch en Sociaal Comité2, Gezien het advies van het Comité van de
    Regio's3, ... Advies van 18 maart 2026 (...). Advies van 7 mei 2026" gives 18 maart the
    committee and 7 mei the regions'."""
    cited = [h for h in scene.candidates if h.how == "reference" and 0 <= h.end <= scene.at
             and not scene.text[h.end:scene.at].strip()]
    return cited[-1:] or chosen


def both_states(s: Scan, recent: list[str]) -> list[Found]:
    """The two states a sentence (its Scan) refers back to as a pair: "Europa bevindt zich in een
    krachtenveld waarin de VS en China trachten landen te verbinden ... Afgelopen zomer hebben
    beide landen beleidsvisies uitgebracht" gives the United States and China."""
    pair = _ACTORS.both_states
    m = pair.search(s) if pair else None
    if not m:
        return []
    states = [name for name in reversed(recent) if is_country(name)][:2]
    return [body_at(name, m.start(), m.end(), "reference") for name in states] if len(states) == 2 else []


def in_subordinate_clause(text: str, hit: Found) -> bool:
    """Whether a body stands in a subordinate clause ("omdat ...", "die ...", "which ...")."""
    begin, _ = clause_span(text, hit.at, hit.end)
    subordinators = vocabulary().actors.subordinators
    return bool(subordinators and subordinators.match(text, begin))



def bodies_by_default(text: str) -> list[Found]:
    """Bodies a text names only by their kind ("For the Council", "de Raad"): those the
    vocabulary takes such a name to mean where nothing was named before."""
    actors = vocabulary().actors
    if not actors.references:
        return []
    return [body_at(name, m.start(), m.end(), "reference") for m in actors.references.finditer(text)
            if (name := actors.defaults.get(m.group("head").lower(), ""))]


def dutch_voice(s: Scan) -> str:
    """Who speaks for the government in a Dutch text (the Scan of its opening): the minister who
    writes "ik", where "ik" is said more often than "het kabinet", "wij" or "de regering"; else
    the cabinet."""
    actors = _ACTORS
    singular = len(actors.singular_words.findall(s)) if actors.singular_words else 0
    plural = len(actors.cabinet_voice.findall(s)) if actors.cabinet_voice else 0
    return actors.dutch_singular_speaker if singular > plural and actors.dutch_singular_speaker else actors.dutch_speaker


def role_of(name: str) -> str:
    return _ROLES.get(name, "")


def mark_leads(text: str, hits: list[Found], s: Scan) -> list[Found]:
    """Mark recipients and venues by the words before them, and drop a body that only
    qualifies the one before it ("het Comité van Ministers van de Raad van Europa"). `s`: the
    text's Scan."""
    if not hits:
        return hits
    actors = _ACTORS
    consulted, indefinite = vocabulary().consulted, actors.indefinite
    sending = bool(actors.recipient_verbs and actors.recipient_verbs.search(s))
    out: list[Found] = []
    previous: tuple[Found, Found | None] | None = None  # the last body read, and what became of it
    for hit in hits:
        if hit.at < 0:
            out.append(hit)
            continue
        before = text[max(0, hit.at - 40):hit.at]
        if out and out[-1].at >= 0 and out[-1].end <= hit.at and hit.how == "named" \
                and actors.qualifier.match(text[out[-1].end:hit.at].lstrip(")] ")):
            continue
        if out and out[-1].at >= 0 and _POSSESSIVE.fullmatch(text[out[-1].end:hit.at]) \
                and part_of(hit.name, out[-1].name):
            out.pop()  # "the Council of Europe's CAHAI": the first only says whose the second is
        if consulted.search(before):
            previous = (hit, None)
            continue  # "after consulting the Board": who is consulted does not act
        # "de Parlementaire Vergadering ... (PACE)": a name in brackets is the body just named
        bracketed = text[max(0, hit.at - 1):hit.at] == "("
        if bracketed and previous and 0 <= hit.at - previous[0].end <= 2:
            if previous[1] is None:
                continue  # the abbreviation of a body left out: left out too
            previous = (hit, previous[1])
            out.append(Found(hit.name, hit.track, hit.at, hit.end, hit.how, previous[1].lead))
            continue
        if hit.how in ("named", "unknown") and text[hit.at:hit.at + 1].isupper() \
                and indefinite and indefinite.search(text[max(0, hit.at - 12):hit.at]):
            previous = (hit, None)
            continue  # "een Comité inzake kunstmatige intelligentie opgericht": a body introduced, not acting
        lead = ""
        if (hit.how in ("named", "unknown") and actors.names_a_document.match(text, hit.end)) \
                or (hit.how in ("named", "unknown", "reference") and authors_of_a_text(text, hit, out)):
            lead = "document"  # "the Council of Europe Framework Convention": the body names a text
        elif (sending and actors.recipient.search(before)) or actors.addressed.search(before):
            lead = "recipient"
        elif actors.venue.search(before) or actors.venue_of.search(text[max(0, hit.at - 80):hit.at]):
            lead = "venue"
        out.append(Found(hit.name, hit.track, hit.at, hit.end, hit.how, lead))
        previous = (hit, out[-1])
    return out


def part_of(name: str, whole: str) -> bool:
    """Whether a body is a part of another by the list's `parent` chain. "the Council of Europe's
    CAHAI", "the Commission's Regulatory Scrutiny Board": the owner only says whose organ acts;
    "the UK's AI Safety Summit": the UK hosts the summit, and acts with it."""
    seen = set()
    inst = institution_of(name)
    while inst and inst.parent and inst.parent not in seen:
        if inst.parent == whole:
            return True
        seen.add(inst.parent)
        inst = institution_of(inst.parent)
    return False


_POSSESSIVE = re.compile(r"\s*['’]s\s+\[?")


@cache
def _authorship() -> tuple[re.Pattern, re.Pattern]:
    """The words before a text's author ("a Regulation of the"), and those that join its authors
    ("and of the")."""
    roles = vocabulary().roles
    of = alternatives(_anaphora()["authored_by"])
    the = alternatives(vocabulary().function_words["definite_articles"])
    nouns = alternatives([*roles["instruments"], *roles["document_nouns"]])
    before = re.compile(rf"(?<![\w-])(?:{nouns})(?:\s+\(\w+\)|\s+\S*\d\S*){{0,3}}\s+(?:{of})\s+(?:(?:{the})\s+)?$",
                        re.IGNORECASE)
    joins = alternatives(_ACTORS.list_joins)
    between = re.compile(rf"\s*(?:,|&|(?:{joins})(?![\w-]))?\s*(?:(?:{of})\s+)?(?:(?:{the})\s+)?", re.IGNORECASE)
    return before, between


def authors_of_a_text(text: str, hit: Found, out: list[Found]) -> bool:
    """Whether a body is named as the author of a text: right after the text's noun and "of" ("a
    Regulation of the European Parliament and of the Council": both; "Verordening (EU) 2024/1689
    van het Europees Parlement en de Raad": both), or listed right after such an author. Who
    wrote a text that a sentence names acts in that sentence only where nobody else does: "the
    European Commission presented its Proposal for a Regulation of the European Parliament and of
    the Council" on 21 April 2021 is the Commission's."""
    before, between = _authorship()
    if before.search(text, max(0, hit.at - 80), hit.at):
        return True
    last = out[-1] if out else None
    return bool(last and last.lead == "document" and 0 <= last.end <= hit.at
                and between.fullmatch(text, last.end, hit.at))


@cache
def _anaphora() -> dict:
    return section("anaphora")


def procedures_named(text: str) -> list:
    """The bodies whose procedure a sentence names ("het AI-verdrag": the CAI's), read once per sentence."""
    s = scan(text)
    return [inst for inst in vocabulary().institutions if inst.owns and inst.owns.search(s)]


def procedure_owners(owned: list, kind: str, chosen: list[Found]) -> list[Found]:
    """The body whose procedure a sentence speaks of, where its work is told without its name
    ("de onderhandelingen over het AI-verdrag zijn afgerond": the CAI negotiates the convention)."""
    names = {f.name for f in chosen}
    return [body_at(inst.name, -1, -1, "carried") for inst in owned if kind in inst.owns_types and inst.name not in names]


_LIST_JOIN = re.compile(rf"\s*(?:,|;)?\s*(?:(?:{alternatives(vocabulary().actors.list_joins)}|&)\s+)?"
                        rf"(?:(?:{alternatives(vocabulary().function_words['definite_articles'])})\s+)?\s*$", re.IGNORECASE)
_JOINS_NOTHING = bool(_LIST_JOIN.fullmatch(""))  # two bodies that touch or overlap


def with_listed(text: str, chosen: list[Found], candidates: list[Found]) -> list[Found]:
    """The chosen bodies with those listed beside them ("met Duitsland, Frankrijk en Italië"):
    a list is no chain of clauses."""
    if not chosen:
        return chosen
    out = list(chosen)
    taken = set(out)
    ordered = sorted((h for h in candidates if h.at >= 0), key=lambda h: h.at)
    for step in (1, -1):
        # the outermost body listed so far on this side: a body joins only the one at the list's end
        edge = max(out, key=lambda h: h.at) if step == 1 else min(out, key=lambda h: h.at)
        for hit in (ordered if step == 1 else reversed(ordered)):
            if hit in taken or edge.at < 0:
                continue
            if (hit.at > edge.at) if step == 1 else (hit.at < edge.at):
                a, b = (edge.end, hit.at) if step == 1 else (hit.end, edge.at)
                if (_LIST_JOIN.fullmatch(text, a, b) if b >= a else _JOINS_NOTHING) \
                        and role_of(hit.name) == role_of(edge.name):
                    out.append(hit)
                    taken.add(hit)
                    edge = hit
    return sorted(out, key=lambda h: h.at)


def unique_bodies(found: list[Found]) -> list[Found]:
    seen: set[str] = set()
    out = []
    for f in found:
        if f.name not in seen:
            seen.add(f.name)
            out.append(f)
    return out



# -- who acts at a date: the rules, in the order they are asked ---------------------------------

@cache
def _rule_words() -> dict:
    """The section [actor_rules] of vocabulary.toml: which roles and event types the rules ask about."""
    return section("actor_rules")


def has_role(name: str, key: str) -> bool:
    """Whether a body has the role that [actor_rules] names under `key` ("country_role": a state)."""
    return _ROLES.get(name, "") == _rule_words()[key]


def is_country(name: str) -> bool:
    return has_role(name, "country_role")


def is_government(name: str) -> bool:
    return has_role(name, "government_role")


def is_chamber(name: str) -> bool:
    return has_role(name, "chamber_role")


@dataclass
class Scene:
    """What the rules that choose a date's actors read: the sentence, where the date and the part
    of its clause stand, the event's type, the bodies near the date (recipients left out) and what
    the reader knows of the document (who speaks, whom a letter goes to, its language, the body
    the text is about where the sentence names none)."""

    text: str
    at: int  # where the date begins and ends
    stop: int
    begin: int  # the date's part of its clause
    end: int
    kind: str
    candidates: list[Found]
    speaker: str = ""
    addressee: str = ""
    language: str = ""
    participates: bool = False  # the sentence says someone takes part
    chamber: Found | None = None  # the first chamber the sentence names
    owned: list = field(default_factory=list)  # the bodies whose procedure the sentence names
    carried: Callable[[], list[Found]] = list  # the body the text is about, asked for only where needed
    reach: int = 2000  # characters either side of the date read for its words

    def inside(self) -> list[Found]:
        return [h for h in self.candidates if self.begin <= h.at < self.end]


def bodies_of_the_clause(scene: Scene, chosen: list[Found]) -> list[Found]:
    """The bodies of the date's own clause act: "het EP heeft op 13 maart ingestemd, waarna de
    Raad op 21 mei volgde" gives 13 maart the EP and 21 mei the Council."""
    return scene.inside()


def antecedent_of_a_relative_clause(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A date in a relative or subordinate clause that names no body is about the body right
    before it: "de Aanbeveling van de Commissie, die in 2021 werd vastgesteld": the Commission."""
    subordinators = _ACTORS.subordinators
    if chosen or not (subordinators and subordinators.match(scene.text, scene.begin)) \
            or a_clause_with_its_own_subject(scene):
        return chosen
    return [h for h in scene.candidates if h.at < scene.begin][-1:]


def name_before_a_bracketed_date(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A date in brackets belongs to the name right before it: "met Duitsland (2021), Frankrijk
    (2023)" gives 2021 Germany and 2023 France."""
    bracket = before_space(scene.text, scene.at)
    if not (bracket and scene.text[bracket - 1] == "("):
        return chosen
    opening = before_space(scene.text, bracket - 1)
    return [h for h in scene.candidates if 0 <= opening - h.end <= 1] or chosen


def the_speaker_who_opens_the_sentence(scene: Scene, chosen: list[Found]) -> list[Found]:
    """Where the date's clause names no body, the speaker whose "we" opens the sentence acts: it
    is the sentence's subject, the bodies after it its objects and partners. "We instruct relevant
    ministers to accelerate the process ..., by the end of this year, in cooperation with the GPAI
    and the OECD" (the G7 leaders' statement) gives the G7."""
    if chosen:
        return chosen
    return [h for h in scene.candidates if h.how == "speaker" and h.at >= 0 and not scene.text[:h.at].strip()][:1]


def bodies_listed_together(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A list is no chain of clauses: "de Commissie, de Raad en het Parlement bereikten op 8
    december een akkoord" gives the date all three (with_listed)."""
    return with_listed(scene.text, chosen, scene.candidates)


def bodies_of_the_sentence(scene: Scene, chosen: list[Found]) -> list[Found]:
    """Where the date's clause names no body, those of the rest of the sentence act: "Op 21 mei,
    na lange onderhandelingen, nam de Raad de verordening aan": the Council; not where the
    date's clause has a subject of its own (a_clause_with_its_own_subject)."""
    if chosen or a_clause_with_its_own_subject(scene):
        return chosen
    return list(scene.candidates)


def a_clause_with_its_own_subject(scene: Scene) -> bool:
    """Whether the date's clause is a subordinate one that opens on a subject of its own, which is
    no body (the clause names none): nobody of the main clause or of the sentences before acts in
    it. "De Kamer, constaterende dat de Europese AI-verordening per februari 2025 verplicht ..."
    and "... verzoekt de regering ..., zodat er in 2026 al resultaten worden geboekt" have no
    actor; "de Aanbeveling van de Commissie, die in 2021 werd vastgesteld" has the Commission
    (antecedent_of_a_relative_clause). So has a part of a clause that opens on the parties a rule
    binds ([anaphora] bound_parties): "... on 2 August 2025, providers ... may face various
    challenges to comply with their obligations under the AI Act by 2 August 2027"."""
    if any(scene.begin <= h.at < scene.end for h in scene.candidates):
        return False
    opening, parties = _own_subject()
    if parties and parties.match(scene.text, scene.begin):
        return True
    # a fronted clause ("If a code of practice cannot be finalised by 2 August 2025, the Commission
    # may ...") states a condition of the main clause after it, whose subject acts
    if not opening or not scene.text[:scene.begin].strip():
        return False
    m = _ACTORS.subordinators.match(scene.text, scene.begin) if _ACTORS.subordinators else None
    return bool(m and opening.match(scene.text, m.end()))


@cache
def _own_subject() -> tuple[re.Pattern | None, re.Pattern | None]:
    """The words after a subordinator that open a subject, and the parties a rule binds that open
    a clause's part."""
    words, parties = _anaphora().get("own_subject"), _anaphora().get("bound_parties")
    return (re.compile(rf"\s+(?:{alternatives(words)})\s", re.IGNORECASE) if words else None,
            re.compile(rf"[\s,;:]*(?:{alternatives(parties)})(?![\w-])", re.IGNORECASE) if parties else None)


def not_the_body_a_title_names(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A body that only names a text ("the Council of Europe Framework Convention") acts only
    where nobody else does: "the Commission signed the Council of Europe Framework Convention on
    5 September 2024" gives the Commission; but a text's author acts at the date that dates its
    text: "onderschreef Nederland de gezamenlijke verklaring van de Freedom Online Coalition (FOC)
    van mei 2020" gives the Dutch cabinet and the coalition."""
    if any(h.lead not in ("document", "venue") for h in chosen):
        dated = _dated_by()
        return [h for h in chosen if h.lead != "document"
                or (0 <= h.end <= scene.at and dated.fullmatch(scene.text, h.end, scene.at))]
    return chosen


@cache
def _dated_by() -> re.Pattern:
    """What stands between a text's author and the date of the text: its acronym in brackets
    and "van", "of" ("of the ECB of 29 December 2021")."""
    return re.compile(rf"\s*(?:\([^()]{{1,20}}\)\s*)?(?:{alternatives(_anaphora()['authored_by'])})\s+", re.IGNORECASE)


def venue_only_where_nobody_acts(scene: Scene, chosen: list[Found]) -> list[Found]:
    """Where something happens is an actor only where nobody else is named: "the Member States
    agreed in the Council on 6 December" gives the Member States; "the meeting in the Council on
    6 December" the Council."""
    if chosen and all(h.lead == "venue" for h in chosen):
        acting = [h for h in scene.candidates if h.lead != "venue" and h.how in ("named", "unknown")]
        return acting or chosen
    if any(h.lead == "venue" for h in chosen):
        return [h for h in chosen if h.lead != "venue"]
    return chosen


def the_subject_of_partner_states(scene: Scene, chosen: list[Found]) -> list[Found]:
    """States named as partners act with the subject before them: "Nederland heeft ... gesloten
    met Duitsland (2021), Frankrijk (2023)" gives 2021 the Dutch cabinet and Germany."""
    if not chosen or not all(is_country(h.name) for h in chosen):
        return chosen
    first = min(h.at for h in chosen)
    subject = next((h for h in scene.candidates if 0 <= h.at < first and not is_country(h.name)), None)
    return [subject, *chosen] if subject else chosen


def who_takes_part(scene: Scene, chosen: list[Found]) -> list[Found]:
    """Who takes part in a meeting acts in it beside its host: "Nederland nam deel aan de AI
    Action Summit (februari 2025)" gives the Dutch cabinet and the summit; not in a relative
    clause, which is about its noun: "Nederland nam actief deel aan de ontwikkeling van de UNESCO
    Aanbeveling Ethiek en AI die in 2021 werd vastgesteld door de 193 lidstaten" gives UNESCO."""
    subordinators = _ACTORS.subordinators
    if not (chosen and scene.participates) or (subordinators and subordinators.match(scene.text, scene.begin)):
        return chosen
    first = min((h.at for h in chosen if h.at >= 0), default=len(scene.text))
    taking_part = next((h for h in scene.candidates if 0 <= h.at < first and h.how == "named"), None)
    return [taking_part, *chosen] if taking_part and taking_part not in chosen else chosen


def the_host_acts(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A meeting's host acts in it beside who meets: "de jaarvergadering van de GFCE in oktober
    2019 heeft plaatsgevonden in Addis Abeba, met de Afrikaanse Unie als gastheer" gives the GFCE
    and the African Union; so does "hosted by the United Kingdom" ([anaphora] hosts, hosted_by)."""
    if not chosen:
        return chosen
    after, before = _hosts(), _ACTORS.hosted_by
    hosts = [h for h in scene.candidates if h.at >= 0 and h not in chosen
             and (after.match(scene.text, h.end) or before.search(scene.text, max(0, h.at - 40), h.at))]
    return [*chosen, *hosts]


@cache
def _hosts() -> re.Pattern:
    """The words right after a meeting's host ("als gastheer", "as host")."""
    return re.compile(rf"\s*(?:{alternatives(_anaphora()['hosts'])})(?![\w-])", re.IGNORECASE)


def the_issuer_of_a_text(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A text published or adopted where the sentence names no one is its issuer's, rather than
    the body the sentences before were about: "In juli jl. is de General Purpose AI Code of
    Practice uitgebracht" gives the Commission (instruments.toml issued_by)."""
    if chosen or scene.kind not in _rule_words()["issuing_types"]:
        return chosen
    return [body_at(name, -1, -1, "carried") for n in named(scene.text) if scene.begin <= n.start < scene.end
            for name in _ISSUERS.get(n.key, ())] or chosen


_ISSUERS = {inst.key: inst.issuers for inst in vocabulary().instruments if inst.issuers}


def the_legislature_of_an_act(scene: Scene, chosen: list[Found]) -> list[Found]:
    """An EU act agreed on, adopted or published where the sentence names no one is its
    legislature's ([actor_rules] legislature): "Voorts is op 10 december 2020 een politiek akkoord
    gesloten over de EU-verordening voor het tegengaan van de verspreiding van terroristische
    online content" and "Naar verwachting wordt de verordening begin april 2021 gepubliceerd" give
    the European Parliament and the Council."""
    words = _rule_words()
    if chosen or scene.kind not in words["legislature_types"]:
        return chosen
    acts = _ACTORS.legislative_acts
    legislative = (acts and acts.search(scene.text, scene.begin, scene.end)) or any(
        scene.begin <= n.start < scene.end and n.key in LEGISLATIVE for n in named(scene.text))
    return [body_at(name, -1, -1, "carried") for name in words["legislature"]] if legislative else chosen


# the instruments that are legislative acts (instruments.toml `legislative`)
LEGISLATIVE = frozenset(inst.key for inst in vocabulary().instruments if inst.legislative)


def who_meets_with_the_body_met(scene: Scene, chosen: list[Found]) -> list[Found]:
    """Where the only bodies of a meeting are met with, the body the text is about meets them:
    "In line with its "Better Regulation" policy, the Commission conducted an impact assessment
    ... A meeting with the Regulatory Scrutiny Board was held on 16 December 2020" gives the
    Commission and the board."""
    if not chosen or scene.kind not in _rule_words()["meeting_types"]:
        return chosen
    with_ = _ACTORS.met_with
    if not all(h.at > 0 and with_.search(scene.text, max(0, h.at - 20), h.at) for h in chosen):
        return chosen
    names = {h.name for h in chosen}
    return [*[h for h in scene.carried() if h.name not in names], *chosen]


def owner_of_the_procedure(scene: Scene, chosen: list[Found]) -> list[Found]:
    """The body whose procedure the sentence names acts in its negotiations, meetings and drafts
    even unnamed ("de onderhandelingen over het AI-verdrag zijn in maart afgerond": the CAI);
    where the sentence names no body and no procedure, the body the text is about acts (the
    subject of the sentences before, else the section's)."""
    owners = procedure_owners(scene.owned, scene.kind, chosen)
    if not chosen and not owners and not a_clause_with_its_own_subject(scene):
        chosen = scene.carried()
    return [*chosen, *owners]


def a_rule_in_force_acts_by_itself(scene: Scene, chosen: list[Found]) -> list[Found]:
    """Where the date's clause says a rule applies or enters into force (a cue of [actor_rules]
    `rule_types` in it), no body acts but one that clause names acting: none is taken from the
    rest of the sentence or carried from the sentences before, nor the authors a title names.
    "The Commission recognises that ... the entry into application of the obligations ... on 2
    August 2025, providers ... may face challenges" and "Verordening (EU) 2024/1689 is op 1
    augustus 2024 in werking getreden" have no actor; "... shall be conferred on the Commission for
    a period of five years from 1 August 2024" has the Commission."""
    types = _rule_words()["rule_types"]
    if not any(scene.begin <= hit.start < scene.end and hit.cue.key in types
               for hit in vocabulary().event_cues.find(scene.text, scene.language)):
        return chosen
    return [h for h in chosen if scene.begin <= h.at < scene.end and h.how in ("named", "unknown", "reference")
            and h.lead not in ("document", "venue")]


def the_requester_acts(scene: Scene, chosen: list[Found]) -> list[Found]:
    """Who asks for an opinion acts in the consultation, not who is asked: "On 3 November 2021 the
    European Central Bank (ECB) received a request from the Council of the European Union for an
    opinion" gives the Council."""
    if scene.kind not in _rule_words()["request_types"]:
        return chosen
    requested_by = _ACTORS.requested_by
    asking = [h for h in scene.candidates if h.at > 0 and requested_by.search(scene.text, max(0, h.at - 40), h.at)]
    return asking[:1] or chosen


def the_chamber_told_is_no_actor(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A chamber the government informs is told, not acting: "Ik zal uw Kamer voor de zomer
    informeren" gives the government (the speaker where the sentence names none); of several
    governments named, the one nearest before the date: "overwegende dat tijdens het
    wetgevingsoverleg ... door de Minister van Economische Zaken is aangegeven ...; overwegende dat
    de Kamer hier begin 2025 verder over wordt geïnformeerd; ... verzoekt de regering" gives the
    minister."""
    chambers = [h for h in chosen if is_chamber(h.name)]
    if not chambers:
        return chosen
    window = scene.text[max(scene.begin, scene.at - scene.reach):min(scene.end, scene.stop + scene.reach)]
    if not vocabulary().informing.search(window):
        return chosen
    government = [h for h in scene.candidates if is_government(h.name)]
    if len(government) > 1:
        # the government that tells is the one named nearest before the date, else after it
        before = [h for h in government if 0 <= h.at < scene.at]
        government = before[-1:] or [min(government, key=lambda h: abs(h.at - scene.at))]
    return [h for h in chosen if h not in chambers] or government or \
        ([body_at(scene.speaker, -1, -1, "speaker")] if scene.speaker else [])


def a_motion_is_the_chamber_s(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A motion is the chamber's that votes on it, whoever tables it: "MOTIE VAN HET LID KATHMANN
    Voorgesteld 11 november 2024 De Kamer, ..." gives the Tweede Kamer."""
    if scene.kind not in _rule_words()["chamber_types"]:
        return chosen
    return [body_at(scene.chamber.name if scene.chamber else scene.addressee, -1, -1, "carried")]


def a_letter_is_the_government_s(scene: Scene, chosen: list[Found]) -> list[Found]:
    """A Dutch letter is its government's, the voice it speaks in; the chamber it goes to and the
    bodies it is about are no actors: "de brief van 10 juni jl. aan uw Kamer over de AI-verordening"
    gives the Dutch cabinet (a minister's where the letter says "ik")."""
    words = _rule_words()
    if scene.kind not in words["government_types"] or scene.language not in words["government_languages"]:
        return chosen
    if not any(is_government(h.name) for h in chosen) and scene.speaker:
        chosen = [body_at(scene.speaker, -1, -1, "speaker"), *chosen]
    return [h for h in chosen if is_government(h.name)]


# the questions asked of every date, in order; each takes the bodies chosen so far
RULES = (
    bodies_of_the_clause,
    the_author_of_a_text_cited_by_date,
    antecedent_of_a_relative_clause,
    name_before_a_bracketed_date,
    the_speaker_who_opens_the_sentence,
    bodies_listed_together,
    bodies_of_the_sentence,
    not_the_body_a_title_names,
    venue_only_where_nobody_acts,
    the_subject_of_partner_states,
    who_takes_part,
    the_host_acts,
    the_issuer_of_a_text,
    the_legislature_of_an_act,
    who_meets_with_the_body_met,
    owner_of_the_procedure,
    a_rule_in_force_acts_by_itself,
    the_requester_acts,
    the_chamber_told_is_no_actor,
    a_motion_is_the_chamber_s,
    a_letter_is_the_government_s,
)


def choose_actors(scene: Scene) -> list[Found]:
    """The actors of a date: each rule of RULES in turn, on the bodies the ones before chose."""
    chosen: list[Found] = []
    for rule in RULES:
        chosen = rule(scene, chosen)
    return unique_bodies(chosen)
