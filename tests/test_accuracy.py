"""Extraction accuracy on the hand-annotated seeds (tests/gold/), with the bar it must clear."""

from events.build import SEEDS, build
from tests.accuracy import load_gold, score

F1_BAR = 0.95
VALUE_BAR = 0.95


def test_accuracy_on_the_annotated_seeds():
    s = score(build([SEEDS]).table, load_gold())
    print("\n" + s.report())
    assert s.gold_events >= 100, "the gold set lost its events"
    assert s.f1 >= F1_BAR, [m["date_text"] for m in s.misses] + [r["date_text"] for r in s.spurious]
    assert s.share(s.values_right) >= VALUE_BAR, [(g["date_text"], r["start"], r["end"]) for g, r in s.wrong_values]


def test_no_reference_or_context_in_the_gold_set_becomes_an_event():
    gold = load_gold()
    table = build([SEEDS]).table
    not_events = gold[gold["label"] != "event"]
    leaked = [
        (g.doc, g.line, g.date_text) for g in not_events.itertuples()
        if ((table["doc"] == g.doc) & ((table["line"] - int(g.line)).abs() <= 1)
            & table["date_text"].map(lambda t, g=g: g.date_text.split()[-1] in t or t in g.date_text)).any()
    ]
    assert leaked == []


def test_the_scorer_counts_a_wrong_value_and_a_miss():
    gold = load_gold()
    table = build([SEEDS]).table
    broken = table.copy()
    broken.loc[0, "start"] = "1999-01-01"
    broken = broken.drop(index=1)
    s = score(broken, gold)
    assert s.matched == score(table, gold).matched - 1
    assert any(r["start"] == "1999-01-01" for _, r in s.wrong_values)
