"""Which instrument an event acts on or is about: the AI Act, the Council of Europe convention, a
motion or an opinion by its number (the keys of instruments.toml). The one named nearest the
date in its clause, else in its sentence; else the instrument whose procedure its actors
conduct (CAHAI and the CAI negotiate the convention); a document's own act is about the
document itself where it has a number (a motion, a numbered opinion), else about what its head
names ("Opinion ... on the proposal for a Regulation laying down harmonised rules on artificial
intelligence": the AI Act)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from events.vocabulary import alternatives, gated, scan, vocabulary

_NUMBERS = vocabulary().instrument_numbers
_HEAD_LINES = 20  # lines of a document's head, past its dateline, read for its number and the instrument it names
# "26 643, nr. 1265", "36 600-VII, nr. 68", "21 501-33, nr. 1146": a dossier and a number
# a parliamentary paper's number: its dossier, the dossier's part where it has one, and its
# number, inline ("26 643, nr. 1180", "36 600-VII, nr. 68") or as a paper's head prints them,
# a line each, with the dossier's title between ("36 600 / VII / Vaststelling ... / Nr. / 68",
# "21 501 / - / 33 / Raad voor ... / Nr. / 1146")
_REFERENCE = re.compile(rf"(?<!\d)(\d{{2}}[ \t]?\d{{3}})"
                        r"(?:[ \t]*(?:\n[ \t]*)?-?[ \t]*(?:\n[ \t]*)?([IVXLC]{1,6}|\d{1,3})(?=[ \t]*[\n,]))?"
                        r"(?:[ \t]*,[ \t]*|[ \t]*\n(?:[^\n]{1,240}\n){0,2}[ \t]*|[ \t]+)"
                        rf"(?:{alternatives(_NUMBERS['marks'])})[ \t]*\n?[ \t]*(\d+)", re.IGNORECASE)
# gated: searched only in a sentence that holds one of its words (its look-behind is tried at
# every place of a sentence that does)
_MOTION = gated(re.compile(rf"(?<![\w-])(?:{alternatives(_NUMBERS['motion'])})(?![\w-])", re.IGNORECASE))
# "Joint Opinion 5/2021", "CON/2021/40": an opinion's number
_OPINION_NUMBER = re.compile(rf"(?<![\w-])(?:{alternatives(_NUMBERS['opinion'])})\s+(\d+/\d{{4}})"
                             rf"|(?<![\w/])([A-Z]{{2,6}}/\d{{4}}/\d+)(?![\w/])", re.IGNORECASE)
_BY_BODY = {body: inst.key for inst in vocabulary().instruments for body in inst.bodies}
_PREFIXES = vocabulary().instrument_prefixes
_CITED = _PREFIXES["cited"]  # a motion cited by its reference
_NUMBERED = tuple(f"{prefix}:" for prefix in _PREFIXES.values())


class Named(NamedTuple):
    start: int
    end: int
    key: str


def named(text: str) -> list[Named]:
    """The instruments a text names, in order: by name or alias, and motions by their number
    where the text speaks of a motion."""
    return list(_named(text))


@lru_cache(maxsize=64)  # the sentence being read: each of its dates asks for its instrument
def _named(text: str) -> tuple[Named, ...]:
    s = scan(text)
    vocab = vocabulary()
    found = [Named(m.start(), m.end(), inst.key) for inst in vocab.instruments if inst.pattern
             for m in inst.pattern.finditer(s)] if vocab.any_instrument and vocab.any_instrument.search(s) else []
    if _MOTION.search(s):
        found += [Named(m.start(), m.end(), _reference_key(_CITED, m)) for m in _REFERENCE.finditer(text)]
    return tuple(sorted(found))


def _reference_key(prefix: str, m: re.Match) -> str:
    """"26 643, nr. 1265" -> motion:26643-1265; "36 600-VII, nr. 68" -> motion:36600-VII-68."""
    part = f"-{m.group(2)}" if m.group(2) else ""
    return f"{prefix}:{''.join(m.group(1).split())}{part}-{m.group(3)}"


def own_instrument(doc, act) -> str:
    """What a document's own acts are about: the document itself where it is numbered (a motion
    by its dossier and number, an opinion by its issuer and number), else the first instrument
    its head names where the head says what the document is; a letter, which speaks of many
    things, is about none of them by its date alone."""
    if act is None or not (act.by_head or act.kind in _PREFIXES):
        return ""
    head = "\n".join(doc.text.splitlines()[:getattr(doc, "dateline", 0) + _HEAD_LINES])
    prefix = _PREFIXES.get(act.kind, "")
    if prefix:
        # a parliamentary paper by its dossier and number, else an opinion by its issuer and number
        # the number the paper's head prints first, else the one its metadata gives
        m = _REFERENCE.search(head) or _REFERENCE.search((getattr(doc, "metadata", None) or {}).get("reference", ""))
        if m:
            return _reference_key(prefix, m)
        m = _OPINION_NUMBER.search(head)
        issuers = [_acronym(a.name) for a in act.actors]
        if m and issuers:
            number = (m.group(1) or m.group(2)).lower().replace("/", "-")
            return f"{prefix}:{'-'.join(issuers)}-{number}"
    found = [n for n in named(head) if not n.key.startswith(_NUMBERED)]
    # an official title ends on the act's short title in brackets ("... betreffende artificiële
    # intelligentie (digitale omnibus inzake AI)", "(Artificial Intelligence Act)"): that names it
    short = [n for n in found if head[:n.start].rstrip().endswith("(")]
    return (short or found)[0].key if found else ""


def _acronym(name: str) -> str:
    """A body's acronym in a key ("EDPB" -> "edpb"): its first English acronym, else its name."""
    inst = vocabulary().institution(name)
    acronyms = dict(getattr(inst, "acronyms", ()) or ()) if inst else {}
    chosen = (acronyms.get("en") or acronyms.get("nl") or (name,))[0]
    return "-".join(chosen.lower().split())


def instrument(text: str, begin: int, end: int, clause: tuple[int, int], actors, own: str, fallback: str) -> str:
    """The instrument of the date at text[begin:end]: the one named nearest it in its clause,
    else in its sentence; else the one whose procedure its actors conduct; else `fallback` (the
    document's own instrument in a motion, whose requests are the motion's; or "")."""
    if own:
        return own
    found = _named(text)
    for part in (clause, (0, len(text))):
        inside = [n for n in found if part[0] <= n.start < part[1]]
        if inside:
            return min(inside, key=lambda n: n.start - end if n.start >= end else begin - n.end).key
    for actor in actors:
        if actor.name in _BY_BODY:
            return _BY_BODY[actor.name]
    return fallback
