"""On which track an event lies: the tracks of its actors and of the topic words near its date,
else of the sentences before it, else of the document as a whole."""

from __future__ import annotations

from events.actors import Found, is_country, named_bodies, role_of
from events.clauses import CUE_WINDOW
from events.dates import Mention
from events.vocabulary import Scan, scan, vocabulary

# A state acting beside the Netherlands makes a bilateral, international event; the Dutch
# government speaks in nearly every sentence of its own letters, so naming it says little
# about the track of the event, and it weighs less than other institutions (the words of
# vocabulary.toml [frame_rules]).
_RULES = vocabulary().frame_rules
_ROLE_WEIGHT = dict(_RULES["role_weights"])
_STATE, _LIGHT, _UNPLACED = _RULES["state_track"], _RULES["light_track"], _RULES["unplaced_track"]
_ACTOR_WEIGHT = 3.0
# An actor carried over from earlier sentences weighs less than the topic of the sentence itself.
_CARRIED_WEIGHT = 0.5
HOME_SAMPLE = 60000  # characters of a document read for the track it is about


def track(mention: Mention, text: str, found: list[Found], context: list[str], home=lambda: _UNPLACED) -> str:
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



def home_track(text: str) -> str:
    """The track a document as a whole is about: the one whose bodies and topics it names most
    (the unplaced track, "other", for a text that names none)."""
    return home_track_of(scan(text[:HOME_SAMPLE]))


def home_track_of(s: Scan) -> str:
    """home_track of the Scan of a document's opening."""
    counts: dict[str, float] = {}
    for hit in named_bodies(s.text, s):
        track_key = _STATE if is_country(hit.name) else hit.track
        if track_key and track_key != _UNPLACED:
            counts[track_key] = counts.get(track_key, 0) + _ROLE_WEIGHT.get(role_of(hit.name), 1.0)
    for track_key, pattern in vocabulary().topics.items():
        n = sum(1 for _ in pattern.finditer(s))
        counts[track_key] = counts.get(track_key, 0) + n * (0.5 if track_key == _LIGHT else 1.0)
    best = max(counts.items(), key=lambda kv: kv[1], default=(_UNPLACED, 0))
    return best[0] if best[1] > 0 else _UNPLACED


def _track_scores(text: str, found: list[Found], at: int) -> dict[str, float]:
    """Per track, its strongest word near the date, plus a little for every further word."""
    hits: dict[str, list[float]] = {}

    def add(track_key: str, weight: float, position: int):
        if track_key and weight:
            hits.setdefault(track_key, []).append(weight / (1 + abs(position - at) / 40))

    for hit in found:
        role, state = role_of(hit.name), is_country(hit.name)
        if hit.track == _UNPLACED or not (hit.track or state):
            continue  # a body the vocabulary does not know says nothing of the track
        weight = _ROLE_WEIGHT.get(role, _ACTOR_WEIGHT if hit.how != "carried" else _CARRIED_WEIGHT)
        # a body carried over from before stands outside the sentence: as far as a clause away
        add(_STATE if state else hit.track, weight, hit.at if hit.at >= 0 else at + 40)
    s = scan(text)
    for track_key, pattern in vocabulary().topics.items():
        for m in pattern.finditer(s, max(0, at - CUE_WINDOW), at + CUE_WINDOW):
            add(track_key, 1.0 if track_key != _LIGHT else 0.5, m.start())
    return {track_key: max(values) + 0.1 * (len(values) - 1) for track_key, values in hits.items()}

