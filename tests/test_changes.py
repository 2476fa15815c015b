"""What changed between builds: the seeds built by the command line with a document left out,
then with it, again, with a document's date moved, and with corrections saved between."""

import csv
import io
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from dashboard import changes_view
from dashboard import filters as flt
from events import corrections, snapshots
from events.__main__ import main
from events.build import SEEDS
from events.changes import COLUMNS, Build, compare, entry_id, of_snapshot
from events.table import companions, read_table
from tests.apptest import rendered
from tests.apptest import run_app as app

LEFT_OUT = "002_2db611365dd9d4ee.txt"  # the June 2024 letter: it reports plans of March 2023 done, late
MOVED = "002_2db611365dd9d4ee.txt"  # its relative dates ("13 maart jl.", "dit jaar") follow its date
ATOM = "{http://www.w3.org/2005/Atom}"


def seeds_copy(folder, leave_out=None, date_of=None):
    """The seeds in `folder`, one document left out or one document's date in documents.csv changed."""
    shutil.copytree(SEEDS, folder)
    metadata = pd.read_csv(folder / "documents.csv", dtype=str, keep_default_na=False)
    if leave_out:
        (folder / leave_out).unlink()
        metadata = metadata[metadata["file"] != leave_out]
    if date_of:
        metadata.loc[metadata["file"] == date_of[0], "date"] = date_of[1]
    metadata.to_csv(folder / "documents.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Six builds of one table by the command line, each keeping its snapshot: without
    LEFT_OUT, with it, the same again, with MOVED dated a year later, that again after three
    corrections (by Anna, Bert and Carla), and once more."""
    tmp = tmp_path_factory.mktemp("changes")
    out = tmp / "data" / "events.csv"
    without = seeds_copy(tmp / "without", leave_out=LEFT_OUT)
    moved = seeds_copy(tmp / "moved", date_of=(MOVED, "2025-06-06"))
    for paths in (without, SEEDS, SEEDS, moved):
        assert main(["build", str(paths), "--out", str(out)]) == 0
    table = read_table(out)
    events = table[table["kind"] == "event"]
    store = companions(out)["corrections"]
    retitled, rejected, split = events[events["doc"] == "001_16388edc88916bbf.txt"]["id"].iloc[:3]
    corrections.record(store, retitled, "set", "title", "Informele Telecomraad", author="Anna", table=table)
    corrections.record(store, rejected, "reject", author="Bert", note="geen gebeurtenis", table=table)
    corrections.record(store, split, "split", author="Carla", table=table)
    for _ in range(2):
        assert main(["build", str(moved), "--out", str(out)]) == 0
    kept = snapshots.listing(out)
    names = ("without", "with", "again", "moved", "corrected", "corrected again")
    assert len(kept) == len(names)
    return {"out": out, "kept": dict(zip(names, kept, strict=True)),
            "retitled": retitled, "rejected": rejected, "split": split}


def between(builds, old, new, with_history=False):
    history = corrections.history(companions(builds["out"])["corrections"]) if with_history else None
    return compare(of_snapshot(builds["kept"][old]), of_snapshot(builds["kept"][new]), history)


def events_of(snapshot, doc=None):
    table = snapshot.read()[0]
    events = table[table["kind"] == "event"]
    return events if doc is None else events[events["doc"] == doc]


def run(capsys, *args):
    status = main(["changes", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_new_document_s_events_are_listed_as_new(builds):
    changes = between(builds, "without", "with")
    added = set(events_of(builds["kept"]["with"], LEFT_OUT)["id"])
    new = changes[changes["kind"].isin(["new", "new_source"])]
    assert set(new["id"]) == added and len(new) == len(added) > 0
    assert set(new["doc"]) == {LEFT_OUT} and set(new["reason"]) == {"document_added"}
    # the rest is what the new letter says of earlier plans: the March 2023 letter's "eind 2023"
    # for the Council of Europe negotiations, reported done in March 2024, 61 days late
    rest = changes[~changes["kind"].isin(["new", "new_source"])]
    assert set(rest["kind"]) == {"realized"} and set(rest["later_id"]) <= added
    assert "61" in set(rest["delay_days"]) and set(rest["later_doc"]) == {LEFT_OUT}


def test_a_removed_document_s_events_are_gone_for_that_reason(builds):
    changes = between(builds, "with", "without")
    assert set(changes["kind"]) <= {"gone", "gone_source"}
    assert set(changes["id"]) == set(events_of(builds["kept"]["with"], LEFT_OUT)["id"])
    assert set(changes["reason"]) == {"document_removed"}


def test_a_moved_document_date_moves_its_relative_dates(builds):
    changes = between(builds, "again", "moved")
    before = events_of(builds["kept"]["again"], MOVED).set_index("id")
    after = events_of(builds["kept"]["moved"], MOVED).set_index("id")
    shifted = [i for i in before.index if (before.loc[i, "start"], before.loc[i, "end"]) !=
               (after.loc[i, "start"], after.loc[i, "end"])]
    assert len(shifted) >= 5 and after.loc[shifted, "relative"].all()
    moved = changes[changes["kind"] == "moved"].set_index("id")
    assert sorted(moved.index) == sorted(shifted)
    for i in shifted:
        iso = {side: "/".join(dict.fromkeys(d.isoformat() for d in (frame.loc[i, "start"], frame.loc[i, "end"])))
               for side, frame in (("old", before), ("new", after))}
        assert (moved.loc[i, "old"], moved.loc[i, "new"]) == (iso["old"], iso["new"])
    assert moved.loc["85cfa0de05fd", "old"] == "2024-05-21" and moved.loc["85cfa0de05fd", "new"] == "2025-05-21"
    assert not set(changes["kind"]) & {"new", "new_source", "gone", "gone_source"}


def test_two_builds_of_the_same_input_report_no_changes(builds, capsys):
    assert between(builds, "with", "again", with_history=True).empty
    table = ("--table", str(builds["out"]))  # by default the latest build against the one before
    status, out, _ = run(capsys, *table)
    assert status == 0 and out.splitlines()[0].endswith(": none") and len(out.splitlines()) == 1
    _, out, _ = run(capsys, *table, "--format", "csv")
    assert out.splitlines() == [",".join(COLUMNS)]
    _, out, _ = run(capsys, *table, "--format", "atom")
    assert ET.fromstring(out.encode("utf-8")).findall(f"{ATOM}entry") == []


def test_corrections_show_up_as_changes_with_who_made_them(builds, capsys):
    since = ("--table", str(builds["out"]), "--since", builds["kept"]["moved"].name)
    status, out, _ = run(capsys, *since, "--format", "csv")
    assert status == 0
    listed = {(row["kind"], row["id"]): row for row in csv.DictReader(io.StringIO(out))}
    retitled = listed[("changed", builds["retitled"])]
    assert (retitled["field"], retitled["new"], retitled["author"]) == ("title", "Informele Telecomraad", "Anna")
    rejected = next(row for (kind, i), row in listed.items() if i == builds["rejected"])
    assert rejected["kind"] in ("gone", "gone_source") and rejected["reason"] == "rejected"
    assert (rejected["author"], rejected["note"]) == ("Bert", "geen gebeurtenis")
    split = listed[("correction", builds["split"])]
    assert (split["field"], split["author"]) == ("split", "Carla")
    assert len(listed) == 3
    status, text, _ = run(capsys, *since)
    assert "Informele Telecomraad" in text and "[by Anna]" in text and "a correction rejected it [by Bert" in text


def test_the_atom_feed_parses_and_keeps_its_entry_ids(builds, capsys):
    since = ("--table", str(builds["out"]), "--since", builds["kept"]["without"].name, "--format", "atom")
    status, first, _ = run(capsys, *since)
    assert status == 0
    feed = ET.fromstring(first.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}updated") is not None
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(entries) >= len(events_of(builds["kept"]["with"], LEFT_OUT)) and len(set(ids)) == len(ids)
    assert all(i.startswith("tag:") for i in ids)
    assert all(e.find(f"{ATOM}title").text and e.find(f"{ATOM}summary").text for e in entries)
    assert "Anna" in {a.text for a in feed.iter(f"{ATOM}name")}
    _, second, _ = run(capsys, *since)
    assert [e.find(f"{ATOM}id").text for e in ET.fromstring(second.encode("utf-8")).findall(f"{ATOM}entry")] == ids


def test_an_entry_id_follows_what_the_change_says():
    row = dict.fromkeys(COLUMNS, "")
    row.update(kind="moved", id="abc", old="2024-05-21", new="2025-05-21")
    assert entry_id(row) == entry_id(dict(row))
    assert entry_id(row) != entry_id(row | {"new": "2025-05-22"})


def side(ids, clusters, docs, institutions="CAI;UN"):
    """A build of a few mentions (the table as read_table gives it), every document read."""
    n = len(ids)
    table = pd.DataFrame({"id": ids, "doc": docs, "line": [1] * n, "date_text": ["2024"] * n, "title": ["t"] * n,
                          "status": ["happened"] * n, "cluster": clusters, "kind": ["event"] * n,
                          "start": [date(2024, 1, 1)] * n, "end": [date(2024, 12, 31)] * n,
                          "institutions": [tuple(institutions.split(";"))] * n})
    links = pd.DataFrame(columns=["from_id", "to_id", "relation", "delay_days", "evidence"])
    return Build(table, links, dict.fromkeys(docs, "x"), 0)


def test_institutions_are_compared_as_sets():
    old = side(["a"], ["ca"], ["d.txt"])
    reordered = Build(old.table.assign(institutions=[("UN", "CAI")]), old.links, old.inputs, 0)
    assert compare(old, reordered).empty
    changed = compare(old, side(["a"], ["ca"], ["d.txt"], institutions="CAI"))
    assert changed[["kind", "field", "old", "new"]].values.tolist() == [["changed", "institutions", "CAI;UN", "CAI"]]


@pytest.mark.parametrize("column, moved_to, new", [("end", date(2025, 6, 30), "2024-01-01/2025-06-30"),
                                                    ("start", date(2024, 7, 1), "2024-07-01/2024-12-31")])
def test_a_move_of_one_end_of_the_interval_alone_is_reported(column, moved_to, new):
    """A plan "in 2024" restated as "by mid-2025" keeps its start and moves its end."""
    old = side(["a", "b"], ["ca", "cb"], ["d.txt", "d.txt"])
    table = old.table.copy()
    table.loc[0, column] = moved_to
    changes = compare(old, Build(table, old.links, old.inputs, 0))
    assert changes[["kind", "id", "field", "old", "new"]].values.tolist() == [
        ["moved", "a", "dates", "2024-01-01/2024-12-31", new]]


def test_events_are_compared_by_cluster_too():
    """A new mention of an event known from another document is a new source, not a new event
    (the ids of clusters may change between builds: membership counts)."""
    old = side(["a", "c"], ["ca", "cc"], ["d.txt", "e.txt"])
    new = side(["a", "b", "d"], ["c0", "c0", "cd"], ["d.txt", "f.txt", "f.txt"])
    changes = compare(old, new)
    assert changes[["kind", "id", "reason"]].values.tolist() == [
        ["new", "d", "document_added"], ["new_source", "b", "document_added"], ["gone", "c", "document_removed"]]
    old = side(["a", "c"], ["ca", "ca"], ["d.txt", "e.txt"])
    new = Build(old.table.iloc[:1], old.links, old.inputs, 0)  # e.txt read again, c not found in it
    assert compare(old, new)[["kind", "id", "reason"]].values.tolist() == [["gone_source", "c", "extraction"]]


def test_a_since_that_names_no_build_says_what_is_kept(builds, capsys):
    status, out, err = run(capsys, "--table", str(builds["out"]), "--since", "vorige week")
    assert status == 2 and not out
    assert "'vorige week' is no snapshot and no date" in err and builds["kept"]["without"].name in err


def test_changes_need_two_builds(tmp_path, capsys):
    status, out, err = run(capsys, "--table", str(tmp_path / "events.csv"))
    assert status == 3 and not out and "no build" in err and "--keep-snapshots" in err


# --- the dashboard's Changes tab -----------------------------------------------------------------

def test_the_dashboard_lists_the_changes_the_filters_leave(builds):
    changes = between(builds, "without", "with")
    newer, links = builds["kept"]["with"].read()
    older = builds["kept"]["without"].read()
    by_doc = flt.Filters(doc=(LEFT_OUT,))
    now, then = changes_view.passing(newer, links, by_doc), changes_view.passing(*older, by_doc)
    shown = changes_view.filtered(changes, now, then)
    assert shown.equals(changes)  # the new letter's events, and the plans it reports done
    elsewhere = flt.Filters(doc=("003_ae2b2aaf033ea664.txt",))
    assert changes_view.filtered(changes, changes_view.passing(newer, links, elsewhere),
                                 changes_view.passing(*older, elsewhere)).empty
    planned = flt.Filters(doc=("000_2412db79c8a8e221.txt",))  # the March 2023 letter: its plans, done later
    shown = changes_view.filtered(changes, changes_view.passing(newer, links, planned),
                                  changes_view.passing(*older, planned))
    assert set(shown["kind"]) == {"realized"} and "61" in set(shown["delay_days"])


def test_the_timeline_marks_new_and_moved_events(builds):
    new = changes_view.marks(between(builds, "without", "with"))
    added = events_of(builds["kept"]["with"], LEFT_OUT)
    assert set(new.values()) == {"new"} and set(new) == set(added["cluster"])
    moved = changes_view.marks(between(builds, "again", "moved"))
    assert set(moved.values()) == {"moved"} and len(moved) >= 5


def test_the_app_s_table_is_compared_with_the_latest_build_s_documents_and_its_uploads(builds):
    latest = builds["kept"]["corrected again"]
    table, links = latest.read()
    uploaded = table.iloc[:1].assign(id="u1", doc="upload.txt", cluster="cu1")
    side = changes_view.live(pd.concat([table, uploaded], ignore_index=True), links, latest)
    assert side.inputs == {**latest.inputs, "upload.txt": ""} and side.corrections is None
    changes = compare(of_snapshot(latest), side)
    assert changes[["kind", "id", "reason"]].values.tolist() == [["new", "u1", "document_added"]]
    kept = list(builds["kept"].values())
    assert changes_view.default(kept) == kept[-2] and changes_view.default(kept[:1]) == kept[0]
    assert changes_view.default([]) is None


@pytest.fixture
def on_builds(builds, monkeypatch, tmp_path):
    """The app on the table the builds wrote, with its store, and no uploads."""
    monkeypatch.setenv("AIRT_TABLE", str(builds["out"]))
    monkeypatch.setenv("AIRT_CORRECTIONS", str(companions(builds["out"])["corrections"]))
    monkeypatch.setenv("AIRT_UPLOADS", str(tmp_path / "uploads"))
    return builds


def expected(builds, since, filters=None):
    """The changes the app lists: from a kept build to the app's table (here: the latest build)."""
    latest = builds["kept"]["corrected again"]
    table, links = latest.read()
    older = builds["kept"][since]
    changes = compare(of_snapshot(older), changes_view.live(table, links, latest),
                      corrections.history(companions(builds["out"])["corrections"]))
    if filters is None:
        return changes
    return changes_view.filtered(changes, changes_view.passing(table, links, filters),
                                 changes_view.passing(*older.read(), filters))


def test_the_changes_tab_lists_the_changes_since_a_chosen_build_filtered_like_the_app(on_builds):
    without = on_builds["kept"]["without"].name
    at = app(tab="changes", since=without, lang="en")
    assert not at.exception
    assert at.selectbox(key="w_since").value == without and at.query_params["since"] == without
    [listed] = at.dataframe
    everything = expected(on_builds, "without")
    assert len(listed.value) == len(everything) and "New" in set(listed.value["Change"])
    assert {"Anna", "Bert", "Carla"} <= set(listed.value["By"])
    corrected = "001_16388edc88916bbf.txt"  # only the corrections changed it
    # (one of the three corrected events is on another topic than AI: all topics shown)
    at = app(tab="changes", since=without, lang="en", doc=corrected, topic="all")
    [listed] = at.dataframe
    assert len(listed.value) == len(expected(on_builds, "without", flt.Filters(doc=(corrected,), all_topics=True))) == 3
    assert set(listed.value["By"]) == {"Anna", "Bert", "Carla"}
    at = app(tab="changes", since=without, lang="en", doc="004_df1a3631a3f3e9cc.txt")  # unchanged
    assert not at.dataframe and any(i.value == "No changes under these filters." for i in at.info)
    moved = on_builds["kept"]["again"].name  # another build chosen: the list and the URL follow
    at.selectbox(key="w_since").set_value(moved).run()
    assert at.query_params["since"] == moved and not at.exception


def test_an_unknown_build_in_the_url_gives_a_notice_and_the_default(on_builds):
    at = app(tab="changes", since="nope")
    assert not at.exception
    assert any("since=nope" in w.value for w in at.warning)
    assert at.selectbox(key="w_since").value == on_builds["kept"]["corrected"].name  # the one before the latest


def test_the_timeline_marks_new_and_moved_events_when_asked(on_builds):
    at = app(since=on_builds["kept"]["without"].name, marks="on", lang="en")
    assert not at.exception and at.toggle(key="w_marks").value
    figure = at.get("plotly_chart")[0].proto.spec
    assert '"name":"new"' in figure.replace(" ", "")
    at.toggle(key="w_marks").set_value(False).run()
    assert "marks" not in at.query_params
    assert '"name":"new"' not in at.get("plotly_chart")[0].proto.spec.replace(" ", "")


def test_a_damaged_snapshot_costs_the_app_only_the_comparison_that_needs_it(builds, monkeypatch, tmp_path):
    """A snapshot.json cut short: the timeline and its marks still draw, the Changes tab names it
    and offers the builds that can be read."""
    data = tmp_path / "data"
    shutil.copytree(builds["out"].parent, data)
    damaged = data / "snapshots" / builds["kept"]["again"].name
    (damaged / "snapshot.json").write_text('{"taken": "2025-', encoding="utf-8")
    monkeypatch.setenv("AIRT_TABLE", str(data / "events.csv"))
    monkeypatch.setenv("AIRT_CORRECTIONS", str(data / "corrections.sqlite"))
    monkeypatch.setenv("AIRT_UPLOADS", str(tmp_path / "uploads"))
    at = app(since=builds["kept"]["without"].name, marks="on", lang="en")
    assert not at.exception and not at.error
    assert '"name":"new"' in at.get("plotly_chart")[0].proto.spec.replace(" ", "")
    at = app(tab="changes", lang="en")
    assert not at.exception
    assert any(str(damaged) in rendered(w.value) and "cannot be read" in rendered(w.value) for w in at.warning)
    offered = at.selectbox(key="w_since").options
    assert len(offered) == len(builds["kept"]) - 1 and damaged.name not in " ".join(offered)


# --- what the list says of each change -----------------------------------------------------------

def test_the_text_lists_each_correction_under_its_heading_with_where_and_who(builds, capsys):
    """Since the moved build only the three corrections changed the table: the terminal names
    each mention by title, document and line, says what became of it, and who did it."""
    status, out, _ = run(capsys, "--table", str(builds["out"]), "--since", builds["kept"]["moved"].name)
    assert status == 0
    assert out.split("\n", 1)[1] == (
        "\n"
        "Sources gone (the event remains in other documents) (1)\n"
        "  2021-01-01/2021-12-31 Tweede Kamer stemt "
        "(001_16388edc88916bbf.txt, line 350): a correction rejected it [by Bert: geen gebeurtenis]\n"
        "\n"
        "Status, title or institutions changed (1)\n"
        "  Informele Telecomraad (001_16388edc88916bbf.txt, line 231): title Ministerie van Economische Zaken "
        "vergadert → Informele Telecomraad [by Anna]\n"
        "\n"
        "Other corrections (1)\n"
        "  Tilburg University zal een rapport publiceren (001_16388edc88916bbf.txt, line 367): split [by Carla]\n")
    assert out.startswith(f"Changes from build {builds['kept']['moved'].name} (") and ": 3\n" in out.splitlines()[0] + "\n"


def test_a_plan_reported_done_says_what_was_planned_and_how_late(builds):
    """The June 2024 letter reports the March 2023 letter's "eind 2023" done in March 2024."""
    from events.changes import describe
    done = between(builds, "without", "with").set_index("id").loc["0ae41d6d1735"]
    assert describe(done.to_dict() | {"id": "0ae41d6d1735"}) == (
        "CAI onderhandelt over het AI-verdrag (000_2412db79c8a8e221.txt, line 29), "
        "planned \"eind 2023\" (2023-10-01/2023-12-31): 002_2db611365dd9d4ee.txt reports it done "
        "(2024-03-01/2024-03-31), 61 days late")


def plans(old_links, new_links):
    """A plan "p" in d.txt and two later mentions in e.txt that report on it, with the links of each build."""
    columns = ["from_id", "to_id", "relation", "delay_days", "evidence"]
    old = side(["p", "q", "r"], ["cp", "cq", "cr"], ["d.txt", "e.txt", "e.txt"])
    return (Build(old.table, pd.DataFrame(old_links, columns=columns), old.inputs, 0),
            Build(old.table, pd.DataFrame(new_links, columns=columns), old.inputs, 0))


def test_plans_done_on_time_early_or_planned_anew_are_told_apart():
    from events.changes import describe
    on_time, early = ["q", "p", "realizes", 0, ""], ["r", "p", "supersedes", -30, ""]
    changes = compare(*plans([], [on_time, early]))
    assert changes[["kind", "id", "later_id", "later_doc", "delay_days", "reason"]].values.tolist() == [
        ["realized", "p", "q", "e.txt", "0", ""], ["replanned", "p", "r", "e.txt", "-30", ""]]
    told = [describe(row) for row in changes.to_dict("records")]
    assert told == ['t (d.txt, line 1), planned "2024" (2024-01-01/2024-12-31): e.txt reports it done '
                    "(2024-01-01/2024-12-31), on time",
                    't (d.txt, line 1), planned "2024" (2024-01-01/2024-12-31): e.txt plans it anew '
                    "(2024-01-01/2024-12-31), 30 days early"]


def test_a_plan_whose_delay_changed_is_listed_again_and_an_unchanged_one_is_not():
    late = ["q", "p", "realizes", 12, ""]
    assert compare(*plans([late], [late])).empty
    changes = compare(*plans([["q", "p", "realizes", 5, ""]], [late]))
    assert changes[["kind", "id", "delay_days", "reason"]].values.tolist() == [["realized", "p", "12", "delay_changed"]]
    from events.changes import describe
    assert describe(changes.iloc[0].to_dict()).endswith("reports it done (2024-01-01/2024-12-31), 12 days late "
                                                        "(the delay changed)")


def test_why_a_mention_is_new_or_gone_when_its_document_stays():
    """A document whose text changed (its hash) explains what it gains and loses; read again
    unchanged, the extraction did it; a row that was a reference and is now an event (or back)."""
    old = side(["a", "b", "c"], ["ca", "cb", "cc"], ["d.txt", "e.txt", "e.txt"])
    table = old.table.copy()
    table.loc[2, "kind"] = "reference"  # c: an event before, a reference now
    table = pd.concat([table, table.iloc[:1].assign(id="n", cluster="cn", doc="e.txt")], ignore_index=True)
    same = compare(old, Build(table.drop(index=0), old.links, old.inputs, 0))
    changed = compare(old, Build(table.drop(index=0), old.links, {"d.txt": "y", "e.txt": "y"}, 0))
    assert same[["kind", "id", "reason"]].values.tolist() == [
        ["new", "n", "extraction"], ["gone", "a", "extraction"], ["gone", "c", "not_event"]]
    assert changed[["kind", "id", "reason"]].values.tolist() == [
        ["new", "n", "document_changed"], ["gone", "a", "document_changed"], ["gone", "c", "not_event"]]
    back = compare(Build(table, old.links, old.inputs, 0), old)
    assert back[["kind", "id", "reason"]].values.tolist() == [["new", "c", "now_event"], ["gone", "n", "extraction"]]


def test_an_added_or_restored_mention_is_new_because_of_its_correction(tmp_path):
    store = tmp_path / "corrections.sqlite"
    old = side(["a"], ["ca"], ["d.txt"])
    new = side(["a", "b", "m1"], ["ca", "cb", "cm"], ["d.txt", "d.txt", "d.txt"])
    corrections.record(store, "b", "reject", author="Anna")
    corrections.record(store, "b", "restore", author="Bert", note="toch wel")
    corrections.record(store, "m1", "split", author="Carla")
    history = corrections.history(store)
    history.loc[2, "action"] = "add"  # as an add of m1 is stored (its value the event)
    changes = compare(Build(old.table, old.links, old.inputs, 1), Build(new.table, new.links, new.inputs, None),
                      history)
    assert changes[["kind", "id", "reason", "author", "note"]].values.tolist() == [
        ["new", "b", "restored", "Bert", "toch wel"], ["new", "m1", "added", "Carla", ""]]


def test_each_kind_of_change_is_told_in_its_own_words():
    """New and gone events with their dates and reason, moved dates old → new, and a correction
    of a mention neither build has, named by its id alone."""
    from events.changes import describe
    old = side(["a", "c"], ["ca", "cc"], ["d.txt", "e.txt"])
    new = side(["a", "b", "d"], ["c0", "c0", "cd"], ["d.txt", "f.txt", "f.txt"])
    new.table.loc[0, "end"] = date(2025, 6, 30)
    history = pd.DataFrame([[1, "ffffffffffff", "reject", "", "", "Bert", "2026-11-23T21:30:00+00:00", ""]],
                           columns=list(corrections.HISTORY_COLUMNS))
    saved = Build(new.table, new.links, new.inputs, 1)  # the correction saved after the older build
    told = [describe(row) for row in compare(old, saved, history).to_dict("records")]
    assert told == ["2024-01-01/2024-12-31 t (f.txt, line 1): its document is new",
                    "2024-01-01/2024-12-31 t (f.txt, line 1): its document is new",
                    "2024-01-01/2024-12-31 t (e.txt, line 1): its document was removed",
                    "t (d.txt, line 1): dates 2024-01-01/2024-12-31 → 2024-01-01/2025-06-30",
                    "ffffffffffff: reject [by Bert]"]
    one_day = dict.fromkeys(COLUMNS, "") | {"kind": "gone_source", "id": "x", "start": "2024-03-13",
                                             "end": "2024-03-13", "reason": "rejected"}
    assert describe(one_day) == "2024-03-13 x: a correction rejected it"


def test_an_entry_id_is_the_same_in_every_release():
    """A feed reader knows an entry by its id: the id of a change may not drift with the code."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(kind="moved", id="85cfa0de05fd", doc="002_2db611365dd9d4ee.txt", line="23", field="dates",
               old="2024-05-21", new="2025-05-21")
    assert entry_id(row) == "tag:ai-regulation-timeline,2025:change/moved/85cfa0de05fd/f389db324e1aad2a"


def test_the_changes_tab_of_a_single_build_says_so_and_how_to_compare(tmp_path, monkeypatch):
    out = tmp_path / "data" / "events.csv"
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    [only] = snapshots.listing(out)
    monkeypatch.setenv("AIRT_TABLE", str(out))
    monkeypatch.setenv("AIRT_CORRECTIONS", str(companions(out)["corrections"]))
    monkeypatch.setenv("AIRT_UPLOADS", str(tmp_path / "uploads"))
    at = app(tab="changes", lang="en")
    assert not at.exception
    [said] = [rendered(i.value) for i in at.info]
    assert said.startswith(f"One build is kept, of {changes_view.build_name(only, 'en')}, and nothing") and \
        "python -m events build" in said
    assert not any("No changes under these filters" in i.value for i in at.info)


# --- the feed and the command's warnings ---------------------------------------------------------

def test_the_feed_names_the_table_and_each_entry_s_kind_title_author_and_date(builds, capsys):
    latest = builds["kept"]["corrected again"]
    status, out, _ = run(capsys, "--table", str(builds["out"]), "--since", builds["kept"]["moved"].name,
                         "--format", "atom")
    assert status == 0 and out.startswith("<?xml")
    feed = ET.fromstring(out.encode("utf-8"))
    stamp = latest.taken.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    assert feed.find(f"{ATOM}id").text == "tag:ai-regulation-timeline,2025:changes/events.csv"
    assert feed.find(f"{ATOM}title").text == "What changed in events.csv"
    assert feed.find(f"{ATOM}updated").text == stamp and stamp.endswith("Z")
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "AI-regulation timeline"
    entries = [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}category").get("term"),
                e.find(f"{ATOM}author/{ATOM}name").text, e.find(f"{ATOM}updated").text)
               for e in feed.findall(f"{ATOM}entry")]
    assert entries == [
        ("Sources gone (the event remains in other documents): Tweede Kamer stemt", "gone_source", "Bert", stamp),
        ("Status, title or institutions changed: Informele Telecomraad", "changed", "Anna", stamp),
        ("Other corrections: Tilburg University zal een rapport publiceren", "correction", "Carla", stamp)]
    summaries = [e.find(f"{ATOM}summary").text for e in feed.findall(f"{ATOM}entry")]
    assert summaries[2] == ("Tilburg University zal een rapport publiceren (001_16388edc88916bbf.txt, line 367): "
                            "split [by Carla]")


def test_the_feed_leaves_out_what_xml_cannot_hold_and_names_an_untitled_change_by_its_id():
    """Text from a PDF may hold a form feed; a change nobody saved has no author."""
    from types import SimpleNamespace

    from events.changes import to_atom
    old = side(["a"], ["ca"], ["d.txt"])
    new = Build(old.table.assign(title=["Raad\x0cbesluit"]), old.links, old.inputs, 0)
    untitled = dict.fromkeys(COLUMNS, "") | {"kind": "gone", "id": "b", "start": "2024-01-01", "end": "2024-01-01",
                                             "reason": "extraction"}
    changes = pd.concat([compare(old, new), pd.DataFrame([untitled])], ignore_index=True)
    taken = SimpleNamespace(taken=datetime(2026, 11, 23, 22, 30, tzinfo=timezone(timedelta(hours=1))))
    feed = ET.fromstring(to_atom(changes, Path("data/events.csv"), taken).encode("utf-8"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Status, title or institutions changed: Raadbesluit", "Events gone: b"]
    assert entries[0].find(f"{ATOM}summary").text == "Raadbesluit (d.txt, line 1): title t → Raadbesluit"
    assert [e.find(f"{ATOM}author") for e in entries] == [None, None]
    assert feed.find(f"{ATOM}updated").text == "2026-11-23T21:30:00Z"


def test_one_build_kept_is_enough_with_a_since_that_names_it(tmp_path, capsys):
    out = tmp_path / "data" / "events.csv"
    folder = tmp_path / "letters"
    folder.mkdir()
    letter = next(SEEDS.glob("000_*.txt"))
    (folder / letter.name).write_bytes(letter.read_bytes())
    assert main(["build", str(folder), "--out", str(out)]) == 0
    capsys.readouterr()
    status, listed, err = run(capsys, "--table", str(out))
    assert status == 3 and not listed
    assert err == (f"error: only one build of {out} is kept, and changes need two; each `python -m events build` "
                   "keeps one (see its --keep-snapshots)\n")
    [only] = snapshots.listing(out)
    status, listed, err = run(capsys, "--table", str(out), "--since", only.name)
    assert status == 0 and listed.splitlines()[0].endswith(": none") and not err


def test_a_damaged_snapshot_or_store_is_warned_of_and_the_rest_compared(builds, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(builds["out"].parent, data)
    damaged = data / "snapshots" / builds["kept"]["without"].name
    (damaged / "snapshot.json").write_text('{"taken": "2025-', encoding="utf-8")
    (data / "corrections.sqlite").write_bytes(b"this is not a database\n" * 500)
    for suffix in ("-wal", "-shm"):
        (data / f"corrections.sqlite{suffix}").unlink(missing_ok=True)
    status, out, err = run(capsys, "--table", str(data / "events.csv"), "--since", builds["kept"]["moved"].name,
                           "--format", "csv")
    assert status == 0
    warnings = err.splitlines()
    assert len(warnings) == 2 and all(w.startswith("warning: ") for w in warnings)
    assert str(damaged) in warnings[0] and "cannot be read" in warnings[0]
    assert f"the corrections store {data / 'corrections.sqlite'} cannot be read" in warnings[1]
    assert warnings[1].endswith("; corrections are not named")
    listed = list(csv.DictReader(io.StringIO(out)))
    assert [(row["kind"], row["author"]) for row in listed] == [("gone_source", ""), ("changed", "")]
    assert listed[0]["reason"] == "extraction" and listed[1]["new"] == "Informele Telecomraad"


def test_a_snapshot_whose_links_are_gone_fails_the_comparison(builds, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(builds["out"].parent, data)
    moved = data / "snapshots" / builds["kept"]["moved"].name
    (moved / "links.csv.gz").unlink()
    status, out, err = run(capsys, "--table", str(data / "events.csv"), "--since", builds["kept"]["moved"].name)
    assert status == 3 and not out and err.startswith("error: ") and str(moved) in err


def test_a_title_that_would_run_as_a_formula_is_text_in_the_spreadsheet():
    from events.changes import to_csv
    old = side(["a"], ["ca"], ["d.txt"])
    changes = compare(old, Build(old.table.assign(title=["=HYPERLINK(\"x\")"]), old.links, old.inputs, 0))
    [listed] = list(csv.DictReader(io.StringIO(to_csv(changes))))
    assert (listed["old"], listed["new"], listed["title"]) == ("t", "'=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")


def test_build_times_are_told_in_utc_wherever_the_command_runs(builds, capsys, monkeypatch):
    """Run in Amsterdam (an hour or two ahead of UTC), the heading and the feed still give UTC,
    and the feed is Atom in its default namespace, as feed readers expect it."""
    import time
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        since = ("--table", str(builds["out"]), "--since", builds["kept"]["moved"].name)
        latest = builds["kept"]["corrected again"]
        _, text, _ = run(capsys, *since)
        _, feed, _ = run(capsys, *since, "--format", "atom")
    finally:
        monkeypatch.undo()
        time.tzset()
    old = builds["kept"]["moved"]
    assert text.splitlines()[0] == (f"Changes from build {old.name} ({old.taken.astimezone(UTC):%Y-%m-%d %H:%M} UTC) "
                                    f"to build {latest.name} ({latest.taken.astimezone(UTC):%Y-%m-%d %H:%M} UTC): 3")
    updated = latest.taken.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    assert f"<updated>{updated}</updated>" in feed
    assert feed.splitlines()[1].startswith('<feed xmlns="http://www.w3.org/2005/Atom">')


def test_the_feed_s_containers_hold_no_text_of_their_own(builds, capsys):
    since = ("--table", str(builds["out"]), "--since", builds["kept"]["moved"].name, "--format", "atom")
    feed = ET.fromstring(run(capsys, *since)[1].encode("utf-8"))
    containers = [feed.find(f"{ATOM}author"), *feed.findall(f"{ATOM}entry"), *feed.iter(f"{ATOM}category"),
                  *(e.find(f"{ATOM}author") for e in feed.findall(f"{ATOM}entry"))]
    assert len(containers) == 1 + 3 + 3 + 3 and all(c.text is None for c in containers)


def test_no_build_kept_says_so_in_full(tmp_path, capsys):
    table = tmp_path / "data" / "events.csv"
    status, out, err = run(capsys, "--table", str(table))
    assert (status, out) == (3, "")
    assert err == (f"error: no build of {table} is kept, and changes need two; each `python -m events build` keeps "
                   "one (see its --keep-snapshots)\n")


def test_the_help_says_what_each_option_does(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["changes", "--help"])
    assert exit_.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert ("--table FILE the events table whose builds are compared (default: the committed table) "
            "--since DATE|SNAPSHOT compare the latest build with this one: a snapshot's name, or a date YYYY-MM-DD "
            "for the newest build kept from before that day (UTC); default: the build before the latest "
            "--format {text,csv,atom} text for the terminal, csv for a spreadsheet, atom for a feed reader "
            "(default: text) --debug") in shown


def history_of_saves(*saves):
    """A curation store's history of these (mention, action, field, value, author, note) saves, numbered from 1."""
    rows = [(seq, *save[:4], save[4], f"2026-11-2{seq}T10:00:00+00:00", save[5]) for seq, save in enumerate(saves, 1)]
    return pd.DataFrame(rows, columns=list(corrections.HISTORY_COLUMNS))


def test_a_change_made_by_several_corrections_names_each_author_once():
    old = side(["a", "b"], ["ca", "cb"], ["d.txt", "d.txt"])
    table = old.table.copy()
    table.loc[0, ["start", "title"]] = [date(2024, 3, 1), "Raadsbesluit"]
    history = history_of_saves(("a", "set", "start", "2024-02-01", "Anna", "maart, niet februari"),
                               ("a", "set", "start", "2024-03-01", "Bert", ""),
                               ("a", "set", "title", "Raadsbesluit", "Anna", "kort"),
                               ("a", "set", "title", "Raadsbesluit", "Anna", "kort"),
                               ("b", "set", "track", "eu", "Carla", ""),
                               ("b", "merge", "", "a", "Carla", "zelfde besluit"))
    changes = compare(old, Build(table, old.links, old.inputs, None), history)
    listed = changes[["kind", "id", "field", "new", "author", "at", "note"]].values.tolist()
    assert listed == [
        ["moved", "a", "dates", "2024-03-01/2024-12-31", "Anna, Bert", "2026-11-22T10:00:00+00:00",
         "maart, niet februari"],
        ["changed", "a", "title", "Raadsbesluit", "Anna", "2026-11-24T10:00:00+00:00", "kort"],
        ["correction", "b", "merge", "a", "Carla", "2026-11-26T10:00:00+00:00", "zelfde besluit"],
        ["correction", "b", "set track", "eu", "Carla", "2026-11-25T10:00:00+00:00", ""]]


def test_only_the_corrections_saved_between_the_two_builds_are_listed():
    old = side(["a"], ["ca"], ["d.txt"])
    history = history_of_saves(("a", "split", "", "", "Anna", ""), ("a", "split", "", "", "Bert", ""),
                               ("a", "split", "", "", "Carla", ""))
    between_ = compare(Build(old.table, old.links, old.inputs, 1), Build(old.table, old.links, old.inputs, 2), history)
    assert between_[["kind", "author"]].values.tolist() == [["correction", "Bert"]]
    live = compare(Build(old.table, old.links, old.inputs, 1), Build(old.table, old.links, old.inputs, None), history)
    assert live["author"].tolist() == ["Bert", "Carla"]


def test_by_default_the_committed_table_is_compared_and_told_as_text():
    import argparse

    from events.changes import add_arguments
    from events.table import DEFAULT_TABLE
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([])
    assert (args.table, args.since, args.format) == (DEFAULT_TABLE, None, "text") and isinstance(args.table, Path)
    assert parser.parse_args(["--table", "elders/events.csv"]).table == Path("elders/events.csv")


def test_a_correction_of_a_plan_reported_done_is_listed_apart_from_the_plan():
    """The report of the plan is the newer document's doing, not the reviewer's: a save on the
    plan (its status) is listed of its own."""
    old, new = plans([], [["q", "p", "realizes", 0, ""]])
    history = history_of_saves(("p", "set", "status", "happened", "Anna", ""))
    changes = compare(old, Build(new.table, new.links, new.inputs, None), history)
    assert changes[["kind", "id", "field", "author"]].values.tolist() == [
        ["realized", "p", "", ""], ["correction", "p", "set status", "Anna"]]
