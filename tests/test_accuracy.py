"""Extraction accuracy on the hand-annotated sets (tests/gold/), with the bars it must clear.
The figures are printed (pytest -s, or python -m tests.accuracy for every miss)."""

import pytest

from tests.accuracy import built, gold_document_dates, load_gold, score, score_dates

# set: (event F1, status accuracy)
BARS = {"seeds": (0.95, 0.90), "corpus": (0.90, 0.90)}
VALUE_BAR = 0.95


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_events_are_found_and_dated_right(name):
    s = score(built(name).table, load_gold(name))
    print(f"\n== {name} ==\n{s.report()}")
    f1_bar, status_bar = BARS[name]
    assert s.gold_events >= 70, "the gold set lost its events"
    assert s.f1 >= f1_bar, [m["date_text"] for m in s.misses] + [r["date_text"] for r in s.spurious]
    assert s.share(s.values_right) >= VALUE_BAR, [(g["date_text"], r["start"], r["end"]) for g, r in s.wrong_values]
    assert s.share(s.status_right) >= status_bar, [
        (g["doc"][:3], g["date_text"], g["status"], r["status"]) for g, r in s.pairs if g["status"] != r["status"]]


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_no_reference_or_context_in_the_gold_sets_becomes_an_event(name):
    gold = load_gold(name)
    table = built(name).table
    events = table[table["kind"] == "event"]
    not_events = gold[gold["kind"] != "event"]
    leaked = [
        (g.doc, g.line, g.date_text) for g in not_events.itertuples()
        if ((events["doc"] == g.doc) & ((events["line"] - int(g.line)).abs() <= 1)
            & events["date_text"].map(lambda t, g=g: t == g.date_text or t.endswith(" " + g.date_text))).any()
    ]
    # a few borderline references may still pass as events; most must not
    assert len(leaked) <= 0.05 * len(not_events), leaked


# Who did what to which instrument, on each set (issue 20): track, event type, institutions
# (Jaccard), instrument and topic accuracy, and the share of `other` types. Issue 20 asks for
# institutions 0.85, type 0.85, track 0.92 and topic 0.95 on both sets; the instrument bars
# hold the level each set has reached (rounded down), so that no change loses it.
FRAME_BARS = {
    "seeds": {"track": 0.92, "type": 0.85, "institutions": 0.85, "instrument": 0.85, "topic": 0.95, "other": 0.15},
    "corpus": {"track": 0.92, "type": 0.85, "institutions": 0.85, "instrument": 0.75, "topic": 0.95, "other": 0.15},
}
BROKEN_TITLES_BAR = 0.03


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_who_did_what_to_which_instrument(name):
    s = score(built(name).table, load_gold(name))
    print(f"\n== {name} ==\n{s.report()}")
    bars = FRAME_BARS[name]
    assert s.share(s.tracks_right) >= bars["track"]
    assert s.share(s.types_right) >= bars["type"]
    assert s.institutions_jaccard >= bars["institutions"]
    assert s.share(s.instruments_right) >= bars["instrument"]
    assert s.share(s.topics_right) >= bars["topic"]
    assert s.other_share <= bars["other"]


def test_one_cluster_per_real_event_on_the_seeds():
    cluster_precision, cluster_recall = score(built("seeds").table, load_gold("seeds")).clusters()
    # one cluster per real event: as far as the seeds' extraction allows (see the corpus test below)
    assert cluster_precision >= SEED_CLUSTER_BARS[0] and cluster_recall >= SEED_CLUSTER_BARS[1], (
        cluster_precision, cluster_recall)


# pairwise precision and recall of the clusters (Score.clusters): the seeds at what they reach,
# rounded down (0.882 and 0.833); the corpus at the bar of one cluster per real event (issue 25),
# 0.90 for both, on all 27 documents.
SEED_CLUSTER_BARS = (0.85, 0.80)
CORPUS_CLUSTER_BARS = (0.90, 0.90)


def test_one_cluster_per_real_event_on_the_corpus():
    precision, recall = score(built("corpus").table, load_gold("corpus")).clusters()
    print(f"\ncorpus cluster precision {precision:.3f} recall {recall:.3f}")
    assert precision >= CORPUS_CLUSTER_BARS[0] and recall >= CORPUS_CLUSTER_BARS[1], (precision, recall)


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_titles_keep_the_title_rules(name):
    s = score(built(name).table, load_gold(name))
    assert s.broken_title_share <= BROKEN_TITLES_BAR, [(r["title"], found) for r, found in s.broken_titles]


# Issue 21: headlines that break the rules (empty, too long, cut, "actor: type", the other
# language's words), as a share of the events of each set
BROKEN_HEADLINES_BARS = {"en": 0.03, "nl": 0.05}


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_headlines_keep_the_headline_rules_in_each_language(name):
    s = score(built(name).table, load_gold(name))
    for lang, bar in BROKEN_HEADLINES_BARS.items():
        print(f"{name} broken headlines ({lang}) {s.broken_headline_share(lang):.3f}")
        assert s.broken_headline_share(lang) <= bar, [(r[f"title_{lang}"], found) for r, found in s.broken_headlines[lang]]


def test_every_corpus_document_is_dated_right_or_left_unknown():
    dates = score_dates(built("corpus").sources, gold_document_dates())
    print("\n" + dates.report())
    assert len(gold_document_dates()) == 27
    assert dates.wrong == [], "a wrong document date is worse than none"
    assert dates.accuracy >= 0.85, dates.unknown


def test_an_unknown_document_date_is_explained():
    sources = built("corpus").sources
    unknown = sources[sources["date_source"] == "unknown"]
    assert len(unknown) >= 1 and unknown["date_evidence"].str.len().gt(20).all()


def test_the_scorer_counts_a_wrong_value_and_a_miss():
    gold = load_gold("seeds")
    table = built("seeds").table
    events = table[table["kind"] == "event"].reset_index(drop=True)
    broken = events.copy()
    broken.loc[0, "start"] = "1999-01-01"
    broken = broken.drop(index=1)
    s = score(broken, gold)
    assert s.matched == score(events, gold).matched - 1
    assert any(r["start"] == "1999-01-01" for _, r in s.wrong_values)
