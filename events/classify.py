"""Decide what a dated sentence says: who acts, on which track, what kind of event, whether
it happened or is planned, and a short title. All words come from vocabulary.toml."""

from __future__ import annotations

import bisect
import itertools
import re
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from events.dates import LEADING_PREFIX, Mention, clause_around, matches_at_end
from events.vocabulary import Scan, alternatives, scan, vocabulary

# "uw Kamer" is the chamber the letter is addressed to.
_YOUR_CHAMBER = vocabulary().actors.your_chamber

# The Dutch government speaks in nearly every sentence of its own letters; naming it says
# little about the track of the event, so it weighs less than other institutions.
_WORD_AT = re.compile(r"[^\W_]+")
# A state acting beside the Netherlands makes a bilateral, international event.
_ROLE_WEIGHT = {"government": 0.75, "country": 1.0}
_ACTOR_WEIGHT = 3.0
# An actor carried over from earlier sentences weighs less than the topic of the sentence itself.
_CARRIED_WEIGHT = 0.5
_CONTEXT = 3  # sentences a reader looks back for a body a sentence refers to
_RECENT = 40  # bodies remembered for references back


class Found(NamedTuple):
    """A body a sentence points at. (A NamedTuple, not a frozen dataclass: one is made for
    nearly every body of every sentence read, several times faster; Founds are only compared
    and hashed with each other, by their fields, as before.)"""

    name: str
    track: str
    at: int  # character offset in the sentence (-1: not in it)
    end: int = -1
    how: str = "named"  # named, reference, pronoun, speaker, unknown, carried
    lead: str = ""  # recipient, venue or "" by the words before it


_BY_PLACE = attrgetter("at", "name")  # the order of a sentence's hits
# the institutions by name, and what is asked of them for every body read
_ROLES = {inst.name: inst.role for inst in vocabulary().institutions}
_TRACKS = {inst.name: inst.track for inst in vocabulary().institutions}
_ACTORS = vocabulary().actors
# alias i -> the name of its institution, and the patterns that decide an ambiguous alias (else None)
_ALIAS_OWNER = tuple(vocabulary().institutions[i].name for i in _ACTORS.alias_owner)
_AMBIGUOUS = tuple(_ACTORS.ambiguous.get(alias) for alias in _ACTORS.alias_text)
_TOPICS = tuple(vocabulary().topics.values())


def _institution(name: str):
    return vocabulary().institution(name)


def _found(name: str, at: int, end: int, how: str = "named") -> Found:
    return Found(name, _TRACKS.get(name, "other"), at, end, how)


def _names(text: str, s: Scan | None = None) -> list[Found]:
    """Bodies named in a sentence by a name, alias or abbreviation, ambiguous ones decided by
    the words beside them, then unknown bodies by the shape of their names. (`s`: the text's
    Scan, where the caller holds it.)"""
    actors = _ACTORS
    if s is None:
        s = scan(text)
    by_first_word = actors.by_first_word
    # the words that start an alias, where they stand: found by the sentence's words, not word by word
    if s.aligned:
        first = s.words & actors.first_words
        words = sorted((at, word) for word in first for at in s.starts(word)) if first else ()
    else:
        words = [(m.start(), m.group().lower()) for m in _WORD_AT.finditer(text)]
    spans: list[tuple[int, int, int]] = []  # begin, end, alias
    exact, present = s.exact, s.words
    for at, word in words:
        if at and (text[at - 1].isalnum() or text[at - 1] in "-_"):
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
            hits.append(_found(_ALIAS_OWNER[n], begin, end))
    if actors.unknown:
        for m in actors.unknown.finditer(s):
            at, stop = m.span("name")
            if any(h.at <= at < h.end or at <= h.at < stop for h in hits) or any(a <= at < b for a, b in links):
                continue
            name = _normalized(m.group("name"))
            if any(p.fullmatch(name) for p in _TOPICS):
                continue  # "the European Union" is what a text is about, not a body of the vocabulary
            if name and at > 0:  # a capital at a sentence's start says nothing
                hits.append(Found("other:" + name, "other", at, stop, "unknown"))
    if len(hits) > 1:
        hits.sort(key=_BY_PLACE)
    return hits



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
    hits = _names(text, s)
    m = _YOUR_CHAMBER.search(s)
    if m and _institution(addressee) and all(h.name != addressee for h in hits):
        hits.append(_found(addressee, m.start(), m.end()))
    seen: set[str] = set()
    out = []
    for hit in sorted(hits, key=_BY_PLACE):
        if hit.name not in seen:
            seen.add(hit.name)
            out.append(hit)
    return out


class Reader:
    """What a reader keeps in mind while reading a document: the bodies named so far (for
    "het comité", "the Council"), the actors of the last sentences (for "zij", and for a
    sentence that names none), the body a section is about, and who speaks ("ik", "we").

    Sentences remembered are read when what they leave in mind is next asked for (by the next
    dated sentence, or by reading `recent`, `subjects`, `texts` or `speaker`): the sentences
    after a document's last date are never read, and nothing else changes."""

    def __init__(self, doc=None, addressee: str | None = None):
        metadata = getattr(doc, "metadata", None) or {}
        default = vocabulary().actors.default_addressee
        self.addressee = addressee or (metadata.get("addressee") or default).strip()
        if self.addressee not in vocabulary().institution_names:
            self.addressee = default
        self.language = metadata.get("language") or (_language(doc.text[:20000]) if doc is not None else "nl")
        self._text = doc.text if doc is not None else ""
        self._opening: Scan | None = None  # the Scan of the text read for its voice and its track
        self._speaker = _dutch_voice(self._sample()) if self.language == "nl" else ""
        self._home: str | None = None
        self.dateline = getattr(doc, "dateline", 0)
        self.dateline_event = _dateline_event(doc, self._speaker) if self.dateline else None
        self._recent: list[str] = []
        self._subjects: list[list[Found]] = []  # the actors of the last sentences
        self._texts: list[str] = []
        self._section = ""
        self._pending: list[tuple] = []  # (sentence, its hits if read already), remembered, not yet read
        self._last: tuple | None = None

    def _read_pending(self) -> None:
        """Read the sentences remembered since the state was last asked for, in order."""
        while self._pending:
            pending, self._pending = self._pending, []
            for sentence, hits in pending:
                section = getattr(sentence, "section", "")
                if section != self._section:
                    self._section = section
                    self._subjects = []  # a new section: what was said before is no longer the topic
                self._remember_text(sentence.text, hits)

    @property
    def recent(self) -> list[str]:
        """The bodies named so far, the last named last."""
        self._read_pending()
        return self._recent

    @property
    def subjects(self) -> list[list[Found]]:
        self._read_pending()
        return self._subjects

    @property
    def texts(self) -> list[str]:
        self._read_pending()
        return self._texts

    @property
    def speaker(self) -> str:
        self._read_pending()
        return self._speaker

    @speaker.setter
    def speaker(self, name: str) -> None:
        self._read_pending()
        self._speaker = name

    @property
    def home_track(self) -> str:
        """The track the document is about, read once where a sentence gives no track of its own."""
        if self._home is None:
            self._home = _home_track(self._sample()) if self._text else "other"
        return self._home

    def _sample(self) -> Scan:
        """The document's opening as read for its voice and its track, scanned once (a long text
        takes long, and is no longer among the last texts scanned when its track is asked for)."""
        if self._opening is None:
            self._opening = scan(self._text[:_HOME_SAMPLE])
        return self._opening

    # -- reading ---------------------------------------------------------------------------
    def hits(self, text: str) -> list[Found]:
        """Every actor a sentence points at, in order: names, references back resolved
        against what was read before, pronouns, the speaker; each marked with its lead."""
        self._read_pending()
        return self._hits(text)

    def _hits(self, text: str) -> list[Found]:
        actors = _ACTORS
        s = scan(text)
        hits = _names(text, s)
        m = _YOUR_CHAMBER.search(s)
        chamber = _found(self.addressee, m.start(), m.end()) if m else None
        names = list(hits)
        if chamber:
            hits.append(chamber)
        if actors.references:
            references = None
            for m in actors.references.finditer(s):
                references = references or _References(names, chamber, self._recent)
                if references.overlaps(m.start(), m.end()):
                    continue
                name = references.resolve(m.group("head").lower(), m.start())
                if name:
                    hits.append(_found(name, m.start(), m.end(), "reference"))
                    references.add(name)
        if actors.pronouns and self._subjects:
            earlier = next((x for x in reversed(self._subjects) if x), [])
            subject = next((h for h in earlier if _role(h.name) != "country"), None)
            if subject:  # only the first pronoun points back
                m = next(actors.pronouns.finditer(s), None)
                if m:
                    hits.append(Found(subject.name, subject.track, m.start(), m.end(), "pronoun"))
        if hits and actors.speaker_intro and actors.speaker_intro.search(s):
            named = [h for h in hits if h.how == "named"]
            if named:
                self._speaker = named[0].name
        if self._speaker and actors.first_person:
            m = actors.first_person.search(s)
            if m:
                singular = self.language == "nl" and m.group() in actors.singular and actors.dutch_singular_speaker
                hits.append(_found(actors.dutch_singular_speaker if singular else self._speaker, m.start(), m.end(),
                                   "speaker"))
        if not hits:
            return hits
        hits.sort(key=_BY_PLACE)
        return _leads(text, hits, s)

    def remember_text(self, text: str, hits: list[Found] | None = None) -> None:
        self._read_pending()
        self._remember_text(text, hits)

    def _remember_text(self, text: str, hits: list[Found] | None = None) -> None:
        hits = self._hits(text) if hits is None else hits
        subjects = [h for h in hits if h.lead != "recipient"]
        if hits:
            recent = self._recent
            for hit in hits:
                if hit.name in recent:
                    recent.remove(hit.name)
                recent.append(hit.name)
            del recent[:-_RECENT]
        if subjects:
            # the bodies of the main clause are what the sentence is about ("Omdat de EU ..., heeft de
            # CAI ... moeten bijstellen, zodat EU-lidstaten ...": the CAI)
            main = [h for h in subjects if h.at < 0 or not _subordinate(text, h)]
            if not main:
                after_verb = _ACTORS.subject_after
                main = [h for h in subjects
                        if h.at > 0 and after_verb and after_verb.search(text[max(0, h.at - 20):h.at])]
            subjects = main or subjects
        # a sentence that names no actor goes on about the one before: the topic carries on
        self._subjects = [*self._subjects, subjects or self._carried_subject()][-_CONTEXT:]
        self._texts = [*self._texts, text][-_CONTEXT:]

    def remember(self, sentence) -> None:
        """Take a sentence in after it was read (footnotes are no part of the running text); it
        is read for what it leaves in mind when that is next asked for."""
        if getattr(sentence, "footnote", False):
            return
        cached = self._last
        self._pending.append((sentence, cached[1] if cached and cached[0] is sentence else None))

    def sentence(self, sentence, mentions) -> SentenceEvents:
        """The events of one sentence, described mention by mention."""
        self._read_pending()
        hits = self._hits(sentence.text)
        self._last = (sentence, hits)
        return SentenceEvents(self, sentence, list(mentions), hits)

    def carried(self, sentence) -> list[Found]:
        """The actors of a sentence that names none: the body its section is about, else the
        subject of the sentences before it."""
        self._read_pending()
        recent = self._carried_subject()
        if recent:  # a body named in this section's last sentences is more precise than its heading
            return recent
        section = getattr(sentence, "section", None) or ""
        named = [h for h in _names(section) if _role(h.name) != "country"] if section else []
        return [Found(named[0].name, named[0].track, -1, -1, "carried")] if named else []

    def _carried_subject(self) -> list[Found]:
        earlier = [h for hits in reversed(self._subjects) for h in hits if _role(h.name) != "country"]
        if not earlier:
            return []
        # the speaking government is in every sentence of its letters: a body other than it
        # named in the sentences before is what the text is about
        subject = next((h for h in earlier if _role(h.name) != "government" and not h.lead), None) \
            or next((h for h in earlier if _role(h.name) != "government"), None) \
            or earlier[0]
        return [Found(subject.name, subject.track, -1, -1, "carried")]


class _References:
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


def _subordinate(text: str, hit: Found) -> bool:
    """Whether a body stands in a subordinate clause ("omdat ...", "die ...", "which ...")."""
    begin, _ = _clause_span(text, hit.at, hit.end)
    subordinators = vocabulary().actors.subordinators
    return bool(subordinators and subordinators.match(text, begin))


_HEAD_LINES = 15  # lines of a document's head that name it and its authors


def _by_default(text: str) -> list[Found]:
    """Bodies a text names only by their kind ("For the Council", "de Raad"): those the
    vocabulary takes such a name to mean where nothing was named before."""
    actors = vocabulary().actors
    if not actors.references:
        return []
    return [_found(name, m.start(), m.end(), "reference") for m in actors.references.finditer(text)
            if (name := actors.defaults.get(m.group("head").lower(), ""))]


def _dateline_event(doc, speaker: str = "") -> tuple[str, list[Found]]:
    """What the date a document prints for itself dates, and who acts: a letter sent (by the
    government's voice in the document), a motion tabled (by the words of the dateline), else,
    by the document's head, a proposal tabled (by the body named above the dateline) or an act
    adopted (by the bodies its title names)."""
    vocab = vocabulary()
    evidence = getattr(doc, "dateline_text", "") or ""
    # the head alone is read: the lines down to _HEAD_LINES past the dateline
    lines = [line.strip().lstrip("#").strip() for line in doc.text.splitlines()[:doc.dateline + _HEAD_LINES]]
    for key, pattern in vocab.datelines:
        if pattern.search(evidence + " ") or pattern.search(evidence.split(",")[0] + ","):
            if key == "letter":  # a letter is sent by the voice the document speaks in
                return key, [_found(speaker, -1, -1, "speaker")] if speaker else []
            if key != "adoption":
                return key, []
            # "Done at Brussels, ..." over "For the European Parliament ... For the Council": who signs
            block = " ".join(lines[doc.dateline:doc.dateline + _HEAD_LINES])
            signed = sorted(_names(block) + _by_default(block), key=lambda f: f.at)
            return key, [Found(f.name, f.track, -1, -1, "carried") for f in _unique(signed)
                         if _role(f.name) != "country" and f.track != "other"]
    above = " ".join(lines[:max(doc.dateline - 1, 0)])
    head = " ".join(lines[:doc.dateline + _HEAD_LINES])
    for key, pattern in vocab.document_heads:
        if pattern.search(head):
            # the proposer stands above the dateline, and an act's title, naming who adopted it
            named = sorted(_names(above) + _by_default(above), key=lambda f: f.at)
            return key, [Found(f.name, f.track, -1, -1, "carried") for f in _unique(named)
                         if _role(f.name) != "country" and f.track != "other"]
    return "letter" if vocab.datelines else "other", []


def _dutch_voice(s: Scan) -> str:
    """Who speaks for the government in a Dutch text (the Scan of its opening): the minister who
    writes "ik", where "ik" is said more often than "het kabinet", "wij" or "de regering"; else
    the cabinet."""
    actors = _ACTORS
    singular = len(actors.singular_words.findall(s)) if actors.singular_words else 0
    plural = len(actors.cabinet_voice.findall(s)) if actors.cabinet_voice else 0
    return actors.dutch_singular_speaker if singular > plural and actors.dutch_singular_speaker else actors.dutch_speaker


def _role(name: str) -> str:
    return _ROLES.get(name, "")


def _leads(text: str, hits: list[Found], s: Scan) -> list[Found]:
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
        if out and out[-1].at >= 0 and _POSSESSIVE.fullmatch(text[out[-1].end:hit.at]):
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
        if hit.how in ("named", "unknown") and actors.names_a_document.match(text, hit.end):
            lead = "document"  # "the Council of Europe Framework Convention": the body names a text
        elif sending and actors.recipient.search(before):
            lead = "recipient"
        elif actors.venue.search(before) or actors.venue_of.search(text[max(0, hit.at - 80):hit.at]):
            lead = "venue"
        out.append(Found(hit.name, hit.track, hit.at, hit.end, hit.how, lead))
        previous = (hit, out[-1])
    return out


_POSSESSIVE = re.compile(r"\s*['’]s\s+\[?")


def _language(text: str) -> str:
    from events.titles import language

    return language(text)


class SentenceEvents:
    """One sentence's mentions, each with its actors, track, type and title (made once)."""

    def __init__(self, reader: Reader, sentence, mentions: list[Mention], hits: list[Found]):
        self.reader = reader
        self.sentence = sentence
        self.text = sentence.text
        self.mentions = mentions
        self.hits = hits
        self.participates = bool(vocabulary().participation.search(scan(self.text)))  # read once per sentence
        self._done: dict[int, tuple] = {}
        # read once per sentence, so that each date's work is bounded however many dates it holds:
        # where the hits and the dates stand (both in order of place), the bodies whose procedure
        # the sentence names, and the chambers it names
        self._hit_at = [h.at for h in hits]
        self._ordered = all(a <= b for a, b in itertools.pairwise(self._hit_at))
        self._begins = [m.begin for m in mentions]
        self._index = {id(m): i for i, m in enumerate(mentions)} \
            if all(a.end_offset <= b.begin for a, b in itertools.pairwise(mentions)) else {}
        self._owned: list | None = None
        self._chamber = next((h for h in hits if _role(h.name) == "chamber"), None)

    def _near(self, mention: Mention) -> list[Found]:
        """The sentence's hits within _ACTOR_WINDOW characters of a date (all of them in a
        sentence shorter than that), in order."""
        if not self._ordered:
            return self.hits
        lo = bisect.bisect_left(self._hit_at, mention.begin - _ACTOR_WINDOW)
        hi = bisect.bisect_left(self._hit_at, mention.end_offset + _ACTOR_WINDOW)
        outside = bisect.bisect_left(self._hit_at, 0)  # hits with no place in the text (none, as read)
        return self.hits[:outside] + self.hits[max(lo, outside):hi] if outside else self.hits[lo:hi]

    def _neighbours(self, mention: Mention) -> list[Mention]:
        """The dates right before and right after one where the sentence's dates are in order
        and do not overlap (no other date can bound its part of the clause), else all of them."""
        i = self._index.get(id(mention))
        if i is None or self.mentions[i] is not mention:
            return self.mentions
        return self.mentions[max(0, i - 1):i + 2]

    def _describe(self, mention: Mention) -> tuple[list[Found], str, str, str]:
        key = id(mention)
        if key not in self._done:
            dateline = self.reader.dateline_event if self.sentence.line_at(mention.begin) == self.reader.dateline else None
            kind = dateline[0] if dateline else event_type(mention, self.text)
            actors = (dateline[1] if dateline and dateline[1] else None) or self._actors(mention, kind)
            if kind in ("report", "publication") and any(
                    (inst := _institution(a.name)) and inst.advisory for a in actors):
                kind = "advice"
            trk = track(mention, self.text, actors, self.reader.texts, lambda: self.reader.home_track)
            if kind in ("letter", "motion") and any(a.track == "netherlands" for a in actors):
                trk = "netherlands"  # a letter or motion of Dutch bodies is Dutch parliamentary work
            from events.titles import build_title

            # the dates near this one, to leave out of its title (a sentence of many dates stays linear)
            if self._index:
                near = self.mentions[bisect.bisect_left(self._begins, mention.begin - _CUE_WINDOW):
                                     bisect.bisect_right(self._begins, mention.begin + _CUE_WINDOW)]
            else:
                near = self.mentions
            others = [m for m in near if m is not mention and abs(m.begin - mention.begin) <= _CUE_WINDOW]
            label = build_title(mention, self.text, actors, others, kind, self.reader.language)
            self._done[key] = (actors, trk, kind, label)
        return self._done[key]

    def _actors(self, mention: Mention, kind: str) -> list[Found]:
        begin, end = _clause_span(self.text, mention.begin, mention.end_offset)
        # a clause with several dates: each date has the part of it up to its neighbours, where
        # that part names an actor ("goedgekeurd in het EP op 13 maart en op 21 mei in de Raad aangenomen")
        part = [begin, end]
        for other in self._neighbours(mention):
            if other is not mention and begin <= other.begin < end:
                if other.end_offset <= mention.begin:
                    part[0] = max(part[0], other.end_offset)
                else:
                    part[1] = min(part[1], other.begin)
        if self._actors_in(*part):
            begin, end = part
        # a pronoun or the speaker acts in its own clause only
        candidates = [h for h in self._near(mention) if h.lead != "recipient"
                      and (h.how in ("named", "reference", "unknown") or begin <= h.at < end)]
        inside = [h for h in candidates if begin <= h.at < end]
        subordinators = vocabulary().actors.subordinators
        if not inside and subordinators and subordinators.match(self.text, begin):
            # "de Aanbeveling ... die in 2021 werd vastgesteld": the relative clause is about the body before it
            inside = [h for h in candidates if h.at < begin][-1:]
        bracket = _before_space(self.text, mention.begin)
        if bracket and self.text[bracket - 1] == "(":
            # "Duitsland (2021), Frankrijk (2023)": a date in brackets belongs to the name before it
            opening = _before_space(self.text, bracket - 1)
            named = [h for h in candidates if 0 <= opening - h.end <= 1]
            inside = named or inside
        inside = _with_listed(self.text, inside, candidates)
        chosen = inside or candidates
        if any(h.lead not in ("document", "venue") for h in chosen):
            # "the Commission signed the Council of Europe Framework Convention": who acts on a
            # text named after a body is the actor; the body is, where nobody else acts
            chosen = [h for h in chosen if h.lead != "document"]
        if chosen and all(h.lead == "venue" for h in chosen):
            acting = [h for h in candidates if h.lead != "venue" and h.how in ("named", "unknown")]
            chosen = acting or chosen  # where something happens is an actor only when nobody else is named
        elif any(h.lead == "venue" for h in chosen):
            chosen = [h for h in chosen if h.lead != "venue"]
        if chosen and all(_role(h.name) == "country" for h in chosen):
            # "Nederland heeft ... gesloten met Duitsland (2021), Frankrijk (2023)": the partners, and the subject
            first = min(h.at for h in chosen)
            subject = next((h for h in candidates if 0 <= h.at < first and _role(h.name) != "country"), None)
            chosen = [subject, *chosen] if subject else chosen
        if chosen and self.participates:
            # "Nederland nam deel aan de AI Action Summit (februari 2025)": who takes part acts too
            first = min((h.at for h in chosen if h.at >= 0), default=len(self.text))
            taking_part = next((h for h in candidates if 0 <= h.at < first and h.how == "named"), None)
            chosen = [taking_part, *chosen] if taking_part and taking_part not in chosen else chosen
        if self._owned is None:
            self._owned = _owned(self.text)
        owners = _owners(self._owned, kind, chosen)
        if not chosen:
            chosen = [] if owners else self.reader.carried(self.sentence)
        chosen = [*chosen, *owners]
        chambers = [h for h in chosen if _role(h.name) == "chamber"]
        if chambers and vocabulary().informing.search(
                self.text[max(begin, mention.begin - _ACTOR_WINDOW):min(end, mention.end_offset + _ACTOR_WINDOW)]):
            # "de Kamer ... te informeren", "uw Kamer geïnformeerd": parliament is told, the government tells
            government = [h for h in candidates if _role(h.name) == "government"]
            chosen = [h for h in chosen if h not in chambers] or government or \
                ([_found(self.reader.speaker, -1, -1, "speaker")] if self.reader.speaker else [])
        if kind == "motion":
            name = self._chamber.name if self._chamber else self.reader.addressee
            return [_found(name, -1, -1, "carried")]
        if kind == "letter" and self.reader.language == "nl":
            names = [h.name for h in chosen]
            if not any(_role(n) == "government" for n in names) and self.reader.speaker:
                chosen = [_found(self.reader.speaker, -1, -1, "speaker"), *chosen]
            # a Dutch letter is the government's; the chamber it goes to and the bodies it is about are no actors
            chosen = [h for h in chosen if _role(h.name) == "government"]
        return _unique(chosen)

    def _actors_in(self, begin: int, end: int) -> bool:
        hits = self.hits[bisect.bisect_left(self._hit_at, begin):bisect.bisect_left(self._hit_at, end)] \
            if self._ordered else self.hits
        return any(begin <= h.at < end and h.lead != "recipient" for h in hits)

    def institutions(self, mention: Mention) -> tuple[str, ...]:
        return tuple(a.name for a in self._describe(mention)[0])

    def track(self, mention: Mention) -> str:
        return self._describe(mention)[1]

    def event_type(self, mention: Mention) -> str:
        return self._describe(mention)[2]

    def title(self, mention: Mention) -> str:
        return self._describe(mention)[3]


def _owned(text: str) -> list:
    """The bodies whose procedure a sentence names ("het AI-verdrag": the CAI's), read once per sentence."""
    s = scan(text)
    return [inst for inst in vocabulary().institutions if inst.owns and inst.owns.search(s)]


def _owners(owned: list, kind: str, chosen: list[Found]) -> list[Found]:
    """The body whose procedure a sentence speaks of, where its work is told without its name
    ("de onderhandelingen over het AI-verdrag zijn afgerond": the CAI negotiates the convention)."""
    names = {f.name for f in chosen}
    return [_found(inst.name, -1, -1, "carried") for inst in owned if kind in inst.owns_types and inst.name not in names]


def _before_space(text: str, at: int) -> int:
    """Where the white space before `at` begins (len(text[:at].rstrip()), without the copy)."""
    while at and text[at - 1].isspace():
        at -= 1
    return at


_LIST_JOIN = re.compile(rf"\s*(?:,|;)?\s*(?:(?:{alternatives(vocabulary().actors.list_joins)}|&)\s+)?"
                        rf"(?:(?:{alternatives(vocabulary().function_words['definite_articles'])})\s+)?\s*$", re.IGNORECASE)
_JOINS_NOTHING = bool(_LIST_JOIN.fullmatch(""))  # two bodies that touch or overlap


def _with_listed(text: str, chosen: list[Found], candidates: list[Found]) -> list[Found]:
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
                        and _role(hit.name) == _role(edge.name):
                    out.append(hit)
                    taken.add(hit)
                    edge = hit
    return sorted(out, key=lambda h: h.at)


def _unique(found: list[Found]) -> list[Found]:
    seen: set[str] = set()
    out = []
    for f in found:
        if f.name not in seen:
            seen.add(f.name)
            out.append(f)
    return out


_BREAK = re.compile(r"[;:]|,(?!\d)|\s[–-]\s")


def _clause_span(text: str, begin: int, end: int) -> tuple[int, int]:
    """Where the clause holding a date starts and ends: at , ; : and words that open a
    new clause ("waarna", "which")."""
    starts, ends = _clause_marks(text)
    at = bisect.bisect_right(starts, begin)
    head = starts[at - 1] if at else 0
    at = bisect.bisect_left(ends, end)
    return head, ends[at] if at < len(ends) else len(text)


@lru_cache(maxsize=64)
def _clause_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where clauses may start and end in a sentence: a punctuation mark ends a clause after
    it; a word such as "which" opens the next with it. Read once per sentence, sorted."""
    marks = [m.span() for m in _BREAK.finditer(text)]
    starts = [end for _, end in marks]
    ends = [begin for begin, _ in marks]
    breaks = vocabulary().actors.clause_breaks
    if breaks:
        words = [m.start() for m in breaks.finditer(scan(text))]
        starts += words
        ends += words
    return tuple(sorted(starts)), tuple(sorted(ends))


@lru_cache(maxsize=256)  # a sentence's tense is asked for each of its dates
def tense(text: str) -> str:
    """How a sentence or clause speaks of its events: future, past or neutral."""
    cues = vocabulary().status_cues
    s = scan(text)
    if cues["planned"].search(s):
        return "future"
    if cues["happened"].search(s):
        return "past"
    return "neutral"


def clause_tense(text: str, begin: int, end: int) -> str:
    """The tense of the clause around a date (between commas and semicolons), else of the
    whole sentence: 'is op 21 mei aangenomen, De verordening zal ...' speaks of the past."""
    spoken = tense(clause_around(text, begin, end))
    return spoken if spoken != "neutral" else tense(text)






def status(mention: Mention, text: str, doc_date: date | None) -> str:
    """happened, planned or ongoing, as the document presents it on its own date."""
    cues = vocabulary().status_cues
    if mention.prefix == "since":
        return "ongoing"
    spoken = clause_tense(text, mention.begin, mention.end_offset)
    lead = LEADING_PREFIX.match(mention.text)  # "uiterlijk 1 juli": the deadline word leads the date
    lead_text = lead.group(0) if lead else ""
    before = text[max(0, mention.begin - _TAIL):mention.begin] + lead_text  # the end of the text before the date
    deadline = any(key == "deadline" and pattern.search(before[-40:]) for key, pattern in vocabulary().type_leads)
    if deadline:
        vocab = vocabulary()
        # "gepland voor begin december" is no deadline: the words before the last two ("voor begin")
        lead_words = before[:-1].rsplit(" ", 2)[0] + " "
        if mention.begin > _TAIL and (before[:-1].count(" ") < 2 or len(lead_words.split()) < vocab.not_deadline_words + 2):
            lead_words = (text[:mention.begin] + lead_text)[:-1].rsplit(" ", 2)[0] + " "  # too few words read
        deadline = not vocab.not_deadline.search(lead_words)
    if doc_date is None:  # the text's own framing: a deadline ("by ...", "vóór ...") lies ahead
        if spoken == "neutral" and (mention.prefix == "until" or deadline):
            return "planned"
        return {"future": "planned", "past": "happened"}.get(spoken, "ongoing")
    if mention.end < doc_date or (mention.precision == "day" and mention.start == doc_date):
        return "happened"  # the document's own date is past for the document
    if mention.start > doc_date or deadline:
        return "planned"
    # the period holds the document's date
    if mention.prefix == "until" and spoken != "future":
        return "ongoing"
    if mention.precision == "multi-year" or cues["ongoing"].search(scan(text)):
        return "ongoing"
    if spoken == "past":
        return "happened"
    # the present tense of a period still running speaks of what is coming ("organiseert dit najaar")
    return "planned"


def event_type(mention: Mention, text: str) -> str:
    """A document's own dateline decides ("Den Haag, ...": the letter); then a word right
    before the date ("uiterlijk", "no later than": a deadline); else the type whose cue stands
    nearest the date, the first listed winning a tie."""
    vocab = vocabulary()
    if mention.begin <= 80:
        for key, pattern in vocab.datelines:
            if pattern.search(text[:mention.begin]):
                return key
    near = text[max(0, mention.begin - 40):mention.begin]  # the words right before the date
    for key, pattern in vocab.type_leads:
        m = pattern.search(near)
        if m and not (key == "deadline" and matches_at_end(
                vocab.not_deadline, text, _slice_end(mention.begin - 40 + m.start(), mention.begin), vocab.not_deadline_words)):
            return key
    # a cue weighs less outside the date's clause, governed by a preposition, or as a verb that
    # only says something began or took place; then the nearest wins, then the first listed
    begin, end = _clause_span(text, mention.begin, mention.end_offset)
    best = ("other", 9, float("inf"), 0)
    # cues are looked for near the date only: a long sentence of many dates stays linear
    window = (max(0, mention.begin - _CUE_WINDOW), mention.end_offset + _CUE_WINDOW)
    s = scan(text)
    for rank, (key, pattern) in enumerate(vocab.event_cues):
        for m in pattern.finditer(s, *window):
            if mention.begin <= m.start() < mention.end_offset:
                continue
            distance = m.start() - mention.end_offset if m.start() >= mention.end_offset else mention.begin - m.end()
            governed = bool(vocab.object_lead.search(text[max(0, m.start() - 60):m.start()]))
            tier = (int(not begin <= m.start() < end) + int(governed)
                    + int(" ".join(m.group().lower().split()) in vocab.weak_cues))
            if (tier, distance, rank) < best[1:]:
                best = (key, tier, distance, rank)
    return best[0]


_TAIL = 200  # characters before a date read for the words that lead it


def _slice_end(end: int, size: int) -> int:
    """Where text[:size][:end] ends (a negative end counts from the end, as a slice does)."""
    return min(end, size) if end >= 0 else max(0, size + end)


def track(mention: Mention, text: str, found: list[Found], context: list[str], home=lambda: "other") -> str:
    """The track of the event's actors, with the topic words of the sentence (nearest the date
    weighing most); a sentence with neither takes the track of the sentences before it, else
    the track the document as a whole is about."""
    scores = _track_scores(text, found, mention.begin)
    if not scores:
        for earlier in reversed(context):
            scores = _track_scores(earlier, [], len(earlier))
            if scores:
                break
    if not scores:
        return home()
    order = vocabulary().keys("tracks")
    return max(scores, key=lambda t: (scores[t], -order.index(t)))


_CUE_WINDOW = 300  # characters around a date in which its type and topic words are looked for
# characters either side of a date in which its actors are looked for: all of a sentence shorter
# than this, and a bounded part of a longer one, so that a sentence of many dates stays linear
_ACTOR_WINDOW = 2000
_HOME_SAMPLE = 60000  # characters of a document read for the track it is about


def home_track(text: str) -> str:
    """The track a document as a whole is about: the one whose bodies and topics it names most
    ("other" for a text that names none)."""
    return _home_track(scan(text[:_HOME_SAMPLE]))


def _home_track(s: Scan) -> str:
    """home_track of the Scan of a document's opening."""
    counts: dict[str, float] = {}
    for hit in _names(s.text, s):
        track_key = "international" if _role(hit.name) == "country" else hit.track
        if track_key and track_key != "other":
            counts[track_key] = counts.get(track_key, 0) + _ROLE_WEIGHT.get(_role(hit.name), 1.0)
    for track_key, pattern in vocabulary().topics.items():
        n = sum(1 for _ in pattern.finditer(s))
        counts[track_key] = counts.get(track_key, 0) + n * (0.5 if track_key == "netherlands" else 1.0)
    best = max(counts.items(), key=lambda kv: kv[1], default=("other", 0))
    return best[0] if best[1] > 0 else "other"


def _track_scores(text: str, found: list[Found], at: int) -> dict[str, float]:
    """Per track, its strongest word near the date, plus a little for every further word."""
    hits: dict[str, list[float]] = {}

    def add(track_key: str, weight: float, position: int):
        if track_key and weight:
            hits.setdefault(track_key, []).append(weight / (1 + abs(position - at) / 40))

    for hit in found:
        role = _role(hit.name)
        if hit.track == "other" or not (hit.track or role == "country"):
            continue  # a body the vocabulary does not know says nothing of the track
        weight = _ROLE_WEIGHT.get(role, _ACTOR_WEIGHT if hit.how != "carried" else _CARRIED_WEIGHT)
        # a body carried over from before stands outside the sentence: as far as a clause away
        add("international" if role == "country" else hit.track, weight, hit.at if hit.at >= 0 else at + 40)
    s = scan(text)
    for track_key, pattern in vocabulary().topics.items():
        for m in pattern.finditer(s, max(0, at - _CUE_WINDOW), at + _CUE_WINDOW):
            add(track_key, 1.0 if track_key != "netherlands" else 0.5, m.start())
    return {track_key: max(values) + 0.1 * (len(values) - 1) for track_key, values in hits.items()}
