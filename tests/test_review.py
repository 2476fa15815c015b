"""Curation: the review page saves corrections apart, and every build and the app apply them."""

import shutil
from datetime import date

import pytest

from dashboard.filters import only_events
from dashboard.review import changes
from events import corrections
from events.__main__ import main
from events.build import SEEDS
from events.table import DEFAULT_TABLE, companions, read_table
from tests.apptest import open_tab, shown
from tests.apptest import run_app as app

TABLE = only_events(read_table(DEFAULT_TABLE))  # the timeline shows events only


@pytest.fixture
def store(isolated_app):
    return isolated_app



def test_changes_lists_only_what_the_edit_changes():
    row = TABLE[(TABLE["track"] != "eu") & (TABLE["institutions"] != "UNESCO")].iloc[0]
    edited = {"start": row["start"], "end": row["end"], "track": "eu", "title": row["title"],
              "institutions": ["UNESCO"]}
    assert changes(row, edited) == [("track", "eu"), ("institutions", "UNESCO")]


def test_a_correction_saved_on_the_review_page_changes_the_timeline(store):
    eu_before = TABLE[TABLE["track"] == "eu"]["cluster"].nunique()
    victim = TABLE[(TABLE["track"] == "netherlands")].iloc[0]
    at = open_tab(app(), "Controle")
    at.text_input(key="w_author").set_value("Anna").run()
    at.selectbox(key="w_review").set_value(victim["id"]).run()
    track = next(s for s in at.selectbox if s.label == "Spoor" and s.key is None)
    track.set_value("eu")
    next(b for b in at.button if b.label == "Correcties opslaan").click().run()
    assert not at.exception
    assert any("Opgeslagen: 1" in s.value for s in at.success)
    history = corrections.history(store)
    assert list(history[["mention_id", "field", "value", "author"]].iloc[0]) == [victim["id"], "track", "eu", "Anna"]
    assert shown(app(track="eu")).startswith(f"**{eu_before + 1} van")


def test_rejecting_removes_the_event_and_saving_needs_a_name(store):
    single = TABLE.groupby("cluster").filter(lambda g: len(g) == 1).iloc[0]
    at = open_tab(app(), "Controle")
    at.selectbox(key="w_review").set_value(single["id"]).run()
    at.button(key="w_reject").click().run()
    assert any("naam" in e.value for e in at.error)
    assert corrections.history(store).empty
    at.text_input(key="w_author").set_value("Bram").run()
    at.button(key="w_reject").click().run()
    total = TABLE["cluster"].nunique()
    assert shown(app()) == f"**{total - 1} van {total - 1} gebeurtenissen**"


def test_corrections_survive_a_rebuild_and_orphans_are_reported(tmp_path, capsys):
    out = tmp_path / "events.csv"
    store = companions(out)["corrections"]
    target = TABLE.iloc[5]
    corrections.record(store, target["id"], "set", "title", "Door de redactie verbeterd", author="Anna")
    corrections.record(store, "000000000000", "reject", author="Bram")
    assert main(["build", "--out", str(out)]) == 0
    assert "not applied: correction 2 (reject) for mention 000000000000 by Bram" in capsys.readouterr().err
    rebuilt = read_table(out).set_index("id")
    assert rebuilt.loc[target["id"], "title"] == "Door de redactie verbeterd"
    assert (companions(out)["applied"]).read_text().strip() == "2"
    # a second build from the same documents keeps the correction
    shutil.copy(out, tmp_path / "first.csv")
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    assert out.read_bytes() == (tmp_path / "first.csv").read_bytes()


def form_field(at, kind: str, label: str):
    """The add form's widget of that kind and label (the form's widgets have no key)."""
    return [w for w in getattr(at, kind) if w.label == label and w.key is None][-1]


def test_a_missing_event_is_added_with_its_source_and_quote(store):
    # seed 003 line 245-247: the 2024 edition of an index the extractor reads as a name
    quote = ("Nederland is vergevorderd als het gaat om de ethische ontwikkeling en inzet van AI-middelen en "
             "presteert goed in verschillende rankings, zoals de Global Index on Responsible AI 2024.")
    at = open_tab(app(), "Controle")
    at.text_input(key="w_author").set_value("Anna").run()
    form_field(at, "selectbox", "Brondocument").set_value("003_ae2b2aaf033ea664.txt")
    form_field(at, "number_input", "regel").set_value(247)
    form_field(at, "text_input", "Datum zoals geschreven").set_value("2024")
    form_field(at, "date_input", "Van").set_value(date(2024, 1, 1))
    form_field(at, "date_input", "Tot").set_value(date(2024, 12, 31))
    form_field(at, "selectbox", "Precisie").set_value("year")
    form_field(at, "text_input", "Titel").set_value("Global Index on Responsible AI")
    form_field(at, "text_area", "Citaat").set_value(quote)
    next(b for b in at.button if b.label == "Toevoegen").click().run()
    assert not at.exception
    assert any("Opgeslagen" in s.value for s in at.success), [e.value for e in at.error]
    added = corrections.history(store).iloc[0]
    assert added["action"] == "add" and added["author"] == "Anna" and "Global Index" in added["value"]
    total = TABLE["cluster"].nunique()
    assert shown(app()) == f"**{total + 1} van {total + 1} gebeurtenissen**"


def test_merge_and_split_change_the_clusters(store):
    a, b = TABLE[TABLE["doc"] == "002_2db611365dd9d4ee.txt"].iloc[0], TABLE[TABLE["doc"] == "000_2412db79c8a8e221.txt"].iloc[0]
    at = open_tab(app(), "Controle")
    at.text_input(key="w_author").set_value("Anna").run()
    at.selectbox(key="w_review").set_value(a["id"]).run()
    at.selectbox(key="w_merge_target").set_value(b["id"]).run()
    at.button(key="w_merge").click().run()
    total = TABLE["cluster"].nunique()
    assert shown(app()).startswith(f"**{total - 1} van")
    at.button(key="w_split").click().run()
    assert shown(app()).startswith(f"**{total} van")
    assert list(corrections.history(store)["action"]) == ["merge", "split"]
