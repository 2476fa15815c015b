"""What a reader keeps in mind across a document (the bodies named so far, the actors of the
last sentences, the section, who speaks), and each dated sentence described with it: its
actors, track, type and title."""

from __future__ import annotations

import bisect
import itertools

from events.actors import (
    BY_PLACE,
    LEGISLATIVE,
    YOUR_CHAMBER,
    Citations,
    Found,
    References,
    Scene,
    body_at,
    both_states,
    choose_actors,
    dutch_voice,
    in_subordinate_clause,
    institution_of,
    is_chamber,
    is_country,
    is_government,
    mark_leads,
    named_bodies,
    procedures_named,
)
from events.clauses import CUE_WINDOW, clause_span
from events.dates import Mention
from events.event_types import event_type
from events.headlines import LANGUAGES, headline
from events.instruments import instrument, named, own_instrument
from events.issuer import described_issuer, marks_own_act, names_itself, own_act
from events.topics import document_topic, topic
from events.tracks import HOME_SAMPLE, home_track_of, track
from events.vocabulary import Scan, scan, vocabulary

_ACTORS = vocabulary().actors
_FRAME_RULES = vocabulary().frame_rules
_CONTEXT = 3  # sentences a reader looks back for a body a sentence refers to
_RECENT = 40  # bodies remembered for references back
# characters either side of a date in which its actors are looked for: all of a sentence shorter
# than this, and a bounded part of a longer one, so that a sentence of many dates stays linear
_ACTOR_WINDOW = 2000


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
        self._speaker = dutch_voice(self._sample()) if self.language == "nl" else ""
        self._home: str | None = None
        self.doc = doc
        self.own_act = own_act(doc, self._speaker) if doc is not None else None
        self._own_instrument: str | None = None
        self._issuer: tuple[Found, ...] | None = None
        self._citations = Citations()
        self._document_topic: str | None = None
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
            self._home = home_track_of(self._sample()) if self._text else vocabulary().frame_rules["unplaced_track"]
        return self._home

    @property
    def own_instrument(self) -> str:
        """What the document's own acts are about (events/instruments.py own_instrument)."""
        if self._own_instrument is None:
            self._own_instrument = own_instrument(self.doc, self.own_act) if self.doc is not None else ""
        return self._own_instrument

    @property
    def issuer(self) -> tuple[Found, ...]:
        """Who issues the document: its head's genre and issuer (events/issuer.py own_act), else
        the issuer its head states ("... is een website van het Ministerie van BZK"), read once."""
        if self._issuer is None:
            act = self.own_act
            self._issuer = act.actors if act is not None and act.actors else \
                described_issuer(self._text) if self._text else ()
        return self._issuer

    @property
    def instrument_fallback(self) -> str:
        """The instrument of a sentence that names none: the document's own, where the document
        is one instrument's (a motion, an opinion, guidelines, a press release: its head says
        what it is); none in a letter, which speaks of many."""
        act = self.own_act
        return self.own_instrument if act is not None and act.by_head else ""

    @property
    def document_topic(self) -> str:
        """The topic the document's opening decides, read once."""
        if self._document_topic is None:
            self._document_topic = document_topic(self._text[:HOME_SAMPLE])
        return self._document_topic

    def _sample(self) -> Scan:
        """The document's opening as read for its voice and its track, scanned once (a long text
        takes long, and is no longer among the last texts scanned when its track is asked for)."""
        if self._opening is None:
            self._opening = scan(self._text[:HOME_SAMPLE])
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
        hits = named_bodies(text, s)
        m = YOUR_CHAMBER.search(s)
        chamber = body_at(self.addressee, m.start(), m.end()) if m else None
        names = list(hits)
        if chamber:
            hits.append(chamber)
        if actors.references:
            references = None
            for m in actors.references.finditer(s):
                references = references or References(names, chamber, self._recent)
                if references.overlaps(m.start(), m.end()):
                    continue
                name = references.resolve(m.group("head").lower(), m.start())
                if name:
                    hits.append(body_at(name, m.start(), m.end(), "reference"))
                    references.add(name)
        hits.extend(both_states(s, self._recent))
        hits.extend(self._citations.read(s, names))
        if actors.pronouns and self._subjects:
            earlier = next((x for x in reversed(self._subjects) if x), [])
            subject = next((h for h in earlier if not is_country(h.name)), None)
            if subject:  # only the first pronoun points back
                m = next(actors.pronouns.finditer(s), None)
                if m:
                    hits.append(Found(subject.name, subject.track, m.start(), m.end(), "pronoun"))
        itself = names_itself(s)
        if itself:  # the document naming itself ("deze versie", "this Opinion") is its issuer
            hits.extend(Found(f.name, f.track, itself.start(), itself.end(), "itself") for f in self.issuer)
        if hits and actors.speaker_intro and actors.speaker_intro.search(s):
            named = [h for h in hits if h.how == "named"]
            if named:
                self._speaker = named[0].name
        if self._speaker and actors.first_person:
            m = actors.first_person.search(s)
            if m:
                singular = self.language == "nl" and m.group() in actors.singular and actors.dutch_singular_speaker
                hits.append(body_at(actors.dutch_singular_speaker if singular else self._speaker, m.start(), m.end(),
                                   "speaker"))
        if not hits:
            return hits
        hits.sort(key=BY_PLACE)
        return mark_leads(text, hits, s)

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
            main = [h for h in subjects if h.at < 0 or not in_subordinate_clause(text, h)]
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
        named = [h for h in named_bodies(section) if not is_country(h.name)] if section else []
        return [Found(named[0].name, named[0].track, -1, -1, "carried")] if named else []

    def _carried_subject(self) -> list[Found]:
        earlier = [h for hits in reversed(self._subjects) for h in hits if not is_country(h.name)]
        if not earlier:
            return []
        # the speaking government is in every sentence of its letters: a body other than it
        # named in the sentences before is what the text is about
        subject = next((h for h in earlier if not is_government(h.name) and not h.lead), None) \
            or next((h for h in earlier if not is_government(h.name)), None) \
            or earlier[0]
        return [Found(subject.name, subject.track, -1, -1, "carried")]



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
        self._chamber = next((h for h in hits if is_chamber(h.name)), None)

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

    def _describe(self, mention: Mention) -> tuple[list[Found], str, str, str, str, str]:
        key = id(mention)
        if key not in self._done:
            own = self.reader.own_act
            if own and not marks_own_act(self.reader.doc, self.sentence.line_at(mention.begin), mention.start,
                                         mention.end, self.text, mention.begin):
                own = None
            kind = own.kind if own else event_type(mention, self.text, self.reader.language)
            actors = list(own.actors) if own and own.actors else self._actors(mention, kind)
            rules = _FRAME_RULES
            if kind in rules["advisory_types"] and any(
                    (inst := institution_of(a.name)) and inst.advisory for a in actors):
                kind = rules["advisory_type"]  # what an advisory body reports is its advice
            trk = track(mention, self.text, actors, self.reader.texts, lambda: self.reader.home_track)
            if kind in rules["parliamentary_types"] and any(a.track == rules["parliamentary_track"] for a in actors):
                trk = rules["parliamentary_track"]  # a letter or motion of Dutch bodies is Dutch parliamentary work
            clause = clause_span(self.text, mention.begin, mention.end_offset)
            reader = self.reader
            about = instrument(self.text, mention.begin, mention.end_offset, clause, actors,
                               reader.own_instrument if own else "", reader.instrument_fallback)
            if kind in rules["initiative_types"] and about in LEGISLATIVE and \
                    any((inst := institution_of(a.name)) and inst.initiates for a in actors) and \
                    any(n.key == about for n in named(self.text)):
                # what the Commission presents of an act the sentence names is its proposal
                kind = rules["initiative_type"]
            subject = topic(self.text, clause, about, actors, reader.texts,
                            lambda: reader.document_topic, at=mention.begin)
            self._done[key] = (actors, trk, kind, about, subject)
        return self._done[key]

    def sentence_title(self, mention: Mention) -> str:
        """The title cut from the sentence (events/titles.py), for an event whose frame makes no
        headline: the words of its clause without its dates, the actor first."""
        from events.titles import build_title

        # the dates near this one, to leave out of its title (a sentence of many dates stays linear)
        if self._index:
            near = self.mentions[bisect.bisect_left(self._begins, mention.begin - CUE_WINDOW):
                                 bisect.bisect_right(self._begins, mention.begin + CUE_WINDOW)]
        else:
            near = self.mentions
        others = [m for m in near if m is not mention and abs(m.begin - mention.begin) <= CUE_WINDOW]
        actors, _, kind, _, _ = self._describe(mention)
        return build_title(mention, self.text, actors, others, kind, self.reader.language)

    def _actors(self, mention: Mention, kind: str) -> list[Found]:
        """The actors of one date: the rules of events/actors.py (RULES) asked in turn, on the
        part of its clause that is the date's and the bodies near it."""
        begin, end = clause_span(self.text, mention.begin, mention.end_offset)
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
        # (and the speaker whose "we" opens the sentence: its subject, whichever clause the date is in)
        candidates = [h for h in self._near(mention) if h.lead != "recipient"
                      and (h.how in ("named", "reference", "unknown") or begin <= h.at < end
                           or (h.how == "speaker" and h.at >= 0 and not self.text[:h.at].strip()))]
        if self._owned is None:
            self._owned = procedures_named(self.text)
        reader = self.reader
        return choose_actors(Scene(
            self.text, mention.begin, mention.end_offset, begin, end, kind, candidates, speaker=reader.speaker,
            addressee=reader.addressee, language=reader.language, participates=self.participates,
            chamber=self._chamber, owned=self._owned, carried=lambda: reader.carried(self.sentence),
            reach=_ACTOR_WINDOW))

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

    def instrument(self, mention: Mention) -> str:
        return self._describe(mention)[3]

    def topic(self, mention: Mention) -> str:
        return self._describe(mention)[4]

    def title(self, mention: Mention, status: str) -> str:
        """The event's headline in its document's language (events/headlines.py), else the
        title cut from its sentence."""
        actors, _, kind, about, _ = self._describe(mention)
        lang = self.reader.language if self.reader.language in LANGUAGES else LANGUAGES[0]
        return headline(tuple(a.name for a in actors), kind, about, status, lang) or self.sentence_title(mention)

