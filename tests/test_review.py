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
from events.vocabulary import vocabulary
from tests.apptest import open_tab, rendered, run_app, shown
from tests.conftest import UPLOAD_PLENARY


def app(**params):
    """The app with every topic shown: these tests count the events corrections change, of any topic."""
    return run_app(**{"topic": "all", **params})


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
    form_field(at, "date_input", "Van (nieuwe gebeurtenis)").set_value(date(2024, 1, 1))
    form_field(at, "date_input", "Tot (nieuwe gebeurtenis)").set_value(date(2024, 12, 31))
    form_field(at, "selectbox", "Precisie (nieuwe gebeurtenis)").set_value("year")
    form_field(at, "text_input", "Titel (nieuwe gebeurtenis)").set_value("Global Index on Responsible AI")
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


def test_a_split_made_in_review_survives_an_upload(store):
    # seed 000 dates the CAI's fourth plenary twice (lines 6 and 107): one event of two mentions;
    # the upload repeats line 107, so that it must be placed among the bundled events
    plenary, line_6 = "77f67711df73", "60c6710f3ccf"
    assert TABLE.set_index("id").loc[plenary, "cluster"] == TABLE.set_index("id").loc[line_6, "cluster"]
    at = open_tab(app(), "Controle")
    at.text_input(key="w_author").set_value("Anna").run()
    at.selectbox(key="w_review").set_value(plenary).run()
    at.button(key="w_split").click().run()
    assert list(corrections.history(store)["action"]) == ["split"]
    total = TABLE["cluster"].nunique()
    assert shown(at.run()).endswith(f"van {total + 1} gebeurtenissen**")
    open_tab(at, "Documenten")
    at.file_uploader(key="w_upload").set_value(("plenaire.txt", UPLOAD_PLENARY.encode("utf-8"), "text/plain")).run()
    assert not at.exception
    assert any("plenaire.txt" in rendered(s.value) for s in at.success), [e.value for e in at.error]
    open_tab(at, "Tijdlijn")
    split = f"c{plenary}-split"
    at.selectbox(key="w_event").set_value(split).run()
    assert at.selectbox(key="w_event").value == split  # the split mention is still an event of its own
    quotes = [t.value for t in at.text if "februari 2023" in t.value and t.value.startswith(("Een mondiaal", "Tevens"))]
    assert quotes and not any(q.startswith("Tevens") for q in quotes)  # line 6 did not rejoin it


def test_both_forms_offer_every_vocabulary_at_the_events_values(store):
    row = TABLE[(TABLE["track"] == "council_of_europe") & (TABLE["status"] == "planned")].iloc[0]
    at = open_tab(app(), "Controle")
    at.selectbox(key="w_review").set_value(row["id"]).run()
    fields = {"Precisie": "precision", "Status": "status", "Spoor": "track", "Soort gebeurtenis": "event_type"}
    edit = {s.label: s for s in at.selectbox if s.key is None and s.label in fields}
    add = {s.label.removesuffix(" (nieuwe gebeurtenis)"): s for s in at.selectbox
           if s.key is None and s.label.endswith(" (nieuwe gebeurtenis)")}
    assert set(edit) == set(fields) and set(fields) <= set(add)
    assert {f: edit[name].value for name, f in fields.items()} == {f: row[f] for f in fields.values()}
    vocab = vocabulary()
    sections = {"precision": "precisions", "status": "statuses", "track": "tracks", "event_type": "event_types"}
    assert {f: add[name].value for name, f in fields.items()} == {f: vocab.keys(sections[f])[0] for f in fields.values()}
    assert edit["Spoor"].options[:2] == ["Raad van Europa", "Europese Unie"]  # labels in the interface language
    assert edit["Precisie"].options[0] == "day"  # precisions by key


@pytest.mark.parametrize("lang, tab", [("nl", "Controle"), ("en", "Review")])
def test_every_input_of_the_review_tab_has_its_own_label_and_no_path_is_shown(store, lang, tab):
    """An event chosen and the form to add one open side by side: no two inputs share a label
    (there were two "Title"s), and the store is not shown by its place on the server."""
    at = open_tab(app(lang=lang), tab)
    at.selectbox(key="w_review").set_value(TABLE["id"].iloc[0]).run()
    labels = [w.label for kind in ("text_input", "text_area", "date_input", "number_input", "selectbox", "multiselect")
              for w in at.main.get(kind)]  # the page's own inputs; the sidebar holds the filters
    assert len(labels) >= 15 and len(labels) == len(set(labels)), sorted(labels)
    shown_text = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    assert str(store) not in rendered(shown_text) and "corrections.sqlite" not in rendered(shown_text)
