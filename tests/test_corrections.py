import multiprocessing
import os
import re
import signal
import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from events import corrections
from events.build import SEEDS, build
from events.table import DEFAULT_TABLE, problems, read_table
from tests.conftest import seed_lines

# Mentions of the committed table, from the seeds.
SINCE_APRIL = "5018c15c18fb"  # "Sinds april 2022 werkt het comité ... (CAI)" (000, line 1)
ZERO_DRAFT = "60c6710f3ccf"   # "... die op 1-3 februari 2023 openbaar is gemaakt." (000, line 6)
SINCE_2019 = "e1f73362f151"   # "... wordt sinds 2019 aan het thema ‘AI en mensenrechten’ gewerkt" (000, line 11)

# A sentence the extractor leaves out: the 2024 Global Index on Responsible AI (003, lines 245-247).
GLOBAL_INDEX = " ".join(seed_lines("003", 245, 247).split())
GLOBAL_INDEX = GLOBAL_INDEX[GLOBAL_INDEX.index("Nederland is vergevorderd"):GLOBAL_INDEX.index("AI 2024.") + len("AI 2024.")]
MISSING = {"doc": "003_ae2b2aaf033ea664.txt", "line": 247, "date_text": "2024", "start": "2024-01-01", "end": "2024-12-31",
           "precision": "year", "status": "happened", "track": "international",
           "institutions": "other:Global Index on Responsible AI", "event_type": "publication",
           "title": "Nederland eerste in de Global Index on Responsible AI", "quote": GLOBAL_INDEX,
           "doc_date": "2025-12-12"}


# The moment a test's corrections are saved (the store stamps them in UTC): 23:30 in Amsterdam
# is still the day before in UTC.
SAVED = datetime(2026, 11, 23, 22, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(scope="module")
def table():
    return read_table(DEFAULT_TABLE)


@pytest.fixture
def store(tmp_path):
    return tmp_path / "corrections.sqlite"


def row(df, mention_id):
    found = df.loc[df["id"] == mention_id]
    assert len(found) == 1, f"{mention_id} appears {len(found)} times"
    return found.iloc[0]


def corrected(table, store):
    out, orphans = corrections.apply(table, store)
    assert problems(out) == []
    return out, orphans


def test_no_store_leaves_the_table_unchanged(table, store):
    out, orphans = corrections.apply(table, store)
    assert out.equals(table) and orphans == []
    assert not store.exists()


def test_reject_drops_the_event_and_restore_brings_it_back(table, store):
    corrections.record(store, ZERO_DRAFT, "reject", author="Anna", note="not an event")
    out, orphans = corrected(table, store)
    assert ZERO_DRAFT not in set(out["id"]) and len(out) == len(table) - 1 and orphans == []
    corrections.record(store, ZERO_DRAFT, "restore", author="Bram")
    out, _ = corrected(table, store)
    assert out.equals(table)


def test_reject_twice_or_restore_without_reject_is_refused(table, store):
    with pytest.raises(ValueError, match="not rejected"):
        corrections.record(store, ZERO_DRAFT, "restore", author="Anna")
    corrections.record(store, ZERO_DRAFT, "reject", author="Anna")
    with pytest.raises(ValueError, match="already rejected"):
        corrections.record(store, ZERO_DRAFT, "reject", author="Anna")
    assert len(corrections.history(store)) == 1


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("start", "2023-01-31", date(2023, 1, 31)),
    ("end", date(2023, 2, 4), date(2023, 2, 4)),
    ("precision", "month", "month"),
    ("status", "planned", "planned"),
    ("track", "eu", "eu"),
    ("institutions", ["CAI", "Committee of Ministers", "other:Bureau van de CAI"],
     ("CAI", "Committee of Ministers", "other:Bureau van de CAI")),
    ("institutions", "CAI;Committee of Ministers", ("CAI", "Committee of Ministers")),
    ("institutions", "", ()),
    ("event_type", "publication", "publication"),
    ("title", "  Nulversie  van het verdrag openbaar ", "Nulversie van het verdrag openbaar"),
])
def test_set_each_field(table, store, field, value, expected):
    corrections.record(store, ZERO_DRAFT, "set", field, value, author="Anna", table=table)
    out, orphans = corrected(table, store)
    assert row(out, ZERO_DRAFT)[field] == expected and orphans == []
    untouched = [c for c in table.columns if c != field]
    assert out.drop(columns=field).equals(table.drop(columns=field))
    assert row(out, ZERO_DRAFT)[untouched].equals(row(table, ZERO_DRAFT)[untouched])


def test_later_correction_wins(table, store):
    corrections.record(store, ZERO_DRAFT, "set", "track", "eu", author="Anna")
    corrections.record(store, ZERO_DRAFT, "set", "track", "international", author="Bram")
    corrections.record(store, ZERO_DRAFT, "set", "status", "planned", author="Anna")
    out, _ = corrected(table, store)
    assert (row(out, ZERO_DRAFT)["track"], row(out, ZERO_DRAFT)["status"]) == ("international", "planned")


@pytest.mark.parametrize(("action", "field", "value", "message"), [
    ("set", "track", "nederland", "track 'nederland' is not in the vocabulary"),
    ("set", "status", "done", "status 'done' is not in the vocabulary"),
    ("set", "precision", "week", "precision 'week' is not in the vocabulary"),
    ("set", "event_type", "summit", "event_type 'summit' is not in the vocabulary"),
    ("set", "institutions", "CAI;Raad van Europa", "institution 'Raad van Europa' is not in the vocabulary"),
    ("set", "institutions", "other:", "institution 'other:' is not in the vocabulary"),
    ("set", "start", "3 februari 2023", "start must be an ISO date"),
    ("set", "end", "2023-02-30", "end must be an ISO date"),
    ("set", "start", "2023-02-10", "start 2023-02-10 would fall after end 2023-02-03"),
    ("set", "title", "   ", "title must not be empty"),
    ("set", "quote", "anders", "cannot set 'quote'"),
    ("set", "track", None, "set track needs a value"),
    ("merge", None, ZERO_DRAFT, "cannot be merged with itself"),
    ("merge", None, "ffffffffffff", "no mention ffffffffffff in the table"),
    ("hide", None, None, "unknown action 'hide'"),
    ("reject", "track", None, "reject takes no field"),
])
def test_invalid_input_is_refused_and_stores_nothing(table, store, action, field, value, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        corrections.record(store, ZERO_DRAFT, action, field, value, author="Anna", table=table)
    assert corrections.history(store).empty


def test_unknown_mention_or_missing_author_is_refused(table, store):
    with pytest.raises(ValueError, match="no mention ffffffffffff in the table"):
        corrections.record(store, "ffffffffffff", "reject", author="Anna", table=table)
    with pytest.raises(ValueError, match="needs an author"):
        corrections.record(store, ZERO_DRAFT, "reject", author=" ")
    assert corrections.history(store).empty


def test_dates_are_checked_after_applying(table, store):
    # Moving an event later: set the end first, then the start.
    corrections.record(store, ZERO_DRAFT, "set", "end", "2023-04-21", author="Anna", table=table)
    corrections.record(store, ZERO_DRAFT, "set", "start", "2023-04-19", author="Anna", table=table)
    out, _ = corrected(table, store)
    assert (row(out, ZERO_DRAFT)["start"], row(out, ZERO_DRAFT)["end"]) == (date(2023, 4, 19), date(2023, 4, 21))


@pytest.mark.parametrize("field, value, crossed", [("start", "2023-03-01", "start 2023-03-01 would fall after end 2023-02-03"),
                                                  ("end", "2023-01-15", "start 2023-02-01 would fall after end 2023-01-15")])
def test_dates_that_cross_in_the_table_are_left_out_and_reported(table, store, field, value, crossed):
    corrections.record(store, ZERO_DRAFT, "set", field, value, author="Anna", now=SAVED)  # no table: unchecked
    out, messages = corrected(table, store)
    assert (row(out, ZERO_DRAFT)["start"], row(out, ZERO_DRAFT)["end"]) == (date(2023, 2, 1), date(2023, 2, 3))
    assert messages == [f"correction 1 (set {field}) for mention {ZERO_DRAFT} by Anna on 2026-11-23: "
                        f"{crossed}; the date corrections of this mention are left out"]


def test_merge_and_split_clusters(table, store):
    assert row(table, SINCE_APRIL)["cluster"] != row(table, SINCE_2019)["cluster"]
    corrections.record(store, SINCE_APRIL, "merge", value=SINCE_2019, author="Anna", table=table)
    out, _ = corrected(table, store)
    assert row(out, SINCE_APRIL)["cluster"] == row(out, SINCE_2019)["cluster"] == row(table, SINCE_2019)["cluster"]

    corrections.record(store, SINCE_APRIL, "split", author="Bram", table=table)
    out, _ = corrected(table, store)
    assert row(out, SINCE_2019)["cluster"] == row(table, SINCE_2019)["cluster"]
    assert row(out, SINCE_APRIL)["cluster"] not in set(out["cluster"].drop(out.index[out["id"] == SINCE_APRIL]))


def test_split_a_mention_out_of_a_generated_cluster(table, store):
    cluster = table["cluster"].value_counts().index[0]
    members = list(table.loc[table["cluster"] == cluster, "id"])
    assert len(members) > 1
    for member in members:
        corrections.record(store, member, "split", author="Anna", table=table)
    out, _ = corrected(table, store)
    assert out.loc[out["id"].isin(members), "cluster"].nunique() == len(members)


def test_add_a_missing_event_with_its_source_and_quote(table, store):
    assert "Global Index on Responsible AI 2024" in (SEEDS / MISSING["doc"]).read_text(encoding="utf-8")
    assert GLOBAL_INDEX not in set(table["quote"])
    mention_id = corrections.record(store, None, "add", value=MISSING, author="Anna", note="ranking missed by the extractor")
    assert re.fullmatch(r"m[0-9a-f]{11}", mention_id) and mention_id not in set(table["id"])
    assert mention_id == corrections.added_id(corrections.check_event(MISSING))  # stable: same event, same id
    out, orphans = corrected(table, store)
    assert len(out) == len(table) + 1 and orphans == []
    added = row(out, mention_id)
    assert added["quote"] == GLOBAL_INDEX and added["doc"] == MISSING["doc"] and added["line"] == 247
    assert (added["start"], added["end"], added["doc_date"]) == (date(2024, 1, 1), date(2024, 12, 31), date(2025, 12, 12))
    assert added["cluster"] == "c" + mention_id
    assert out["line"].dtype == table["line"].dtype

    # An added event takes corrections like any other, and can be rejected.
    corrections.record(store, mention_id, "set", "status", "ongoing", author="Bram", table=out)
    corrections.record(store, mention_id, "merge", value=SINCE_APRIL, author="Bram", table=out)
    out, _ = corrected(table, store)
    assert row(out, mention_id)["status"] == "ongoing"
    assert row(out, mention_id)["cluster"] == row(table, SINCE_APRIL)["cluster"]
    corrections.record(store, mention_id, "reject", author="Bram")
    out, _ = corrected(table, store)
    assert out.equals(table)


@pytest.mark.parametrize(("change", "message"), [
    ({"id": "x"}, "unknown or generated columns: id"),
    ({"cluster": "c1"}, "unknown or generated columns: cluster"),
    ({"track": "nl"}, "track 'nl' is not in the vocabulary"),
    ({"line": 0}, "line must be a positive number"),
    ({"start": "2025-01-01"}, "ends \\(2024-12-31\\) before it starts \\(2025-01-01\\)"),
    ({"date_text": "2023"}, "does not occur in the quote"),
    ({"quote": " "}, "quote must not be empty"),
])
def test_add_refuses_an_invalid_event(store, change, message):
    with pytest.raises(ValueError, match=message):
        corrections.record(store, None, "add", value={**MISSING, **change}, author="Anna")
    event = {k: v for k, v in MISSING.items() if k != "title"}
    with pytest.raises(ValueError, match="lacks title"):
        corrections.record(store, None, "add", value=event, author="Anna")
    assert corrections.history(store).empty


def test_the_same_event_cannot_be_added_twice(store):
    corrections.record(store, None, "add", value=MISSING, author="Anna")
    with pytest.raises(ValueError, match="already added"):
        corrections.record(store, None, "add", value=dict(MISSING), author="Bram")
    assert len(corrections.history(store)) == 1


def test_corrections_survive_a_rebuild(table, store, seeds_built):
    corrections.record(store, ZERO_DRAFT, "set", "event_type", "publication", author="Anna", table=table)
    corrections.record(store, SINCE_2019, "reject", author="Anna", table=table)
    corrections.record(store, SINCE_APRIL, "merge", value=ZERO_DRAFT, author="Anna", table=table)
    added = corrections.record(store, None, "add", value=MISSING, author="Anna")
    fresh = seeds_built.table
    before, _ = corrected(table, store)
    after, orphans = corrected(fresh, store)
    assert orphans == []
    assert list(after["id"]) == list(before["id"])
    assert row(after, ZERO_DRAFT)["event_type"] == "publication"
    assert SINCE_2019 not in set(after["id"]) and added in set(after["id"])
    assert row(after, SINCE_APRIL)["cluster"] == row(after, ZERO_DRAFT)["cluster"]
    for column in ("start", "end", "doc_date"):
        before[column] = before[column].map(lambda d: d.isoformat() if d else "")
    columns = ["id", "start", "end", "precision", "status", "track", "institutions", "event_type", "title", "quote", "cluster"]
    assert before[columns].astype(str).equals(after[columns].astype(str))


def test_a_correction_still_applies_after_the_lines_of_its_document_shift(tmp_path, table, store):
    """A new paragraph above the mention (as a revised letter has) moves its line, not its id."""
    folder = tmp_path / "letters"
    folder.mkdir()
    letter = next(SEEDS.glob("000_*.txt"))
    (folder / "documents.csv").write_text((SEEDS / "documents.csv").read_text(encoding="utf-8"), encoding="utf-8")
    inserted = "Deze brief vervangt de eerdere versie.\n\nDe bijlage is toegevoegd.\n\n"
    (folder / letter.name).write_text(inserted + letter.read_text(encoding="utf-8"), encoding="utf-8")
    corrections.record(store, ZERO_DRAFT, "set", "event_type", "meeting", author="Anna", table=table)
    corrections.record(store, SINCE_2019, "reject", author="Anna", table=table)
    shifted = build([folder], store=store)
    assert shifted.not_applied == []
    moved = row(shifted.table, ZERO_DRAFT)
    assert moved["line"] == row(table, ZERO_DRAFT)["line"] + inserted.count("\n")
    assert moved["event_type"] == "meeting" and row(table, ZERO_DRAFT)["event_type"] != "meeting"
    assert SINCE_2019 not in set(shifted.table["id"]) and SINCE_2019 in set(table["id"])


def test_orphans_are_reported(table, store):
    gone = table.loc[table["id"] != ZERO_DRAFT].reset_index(drop=True)
    corrections.record(store, ZERO_DRAFT, "set", "track", "eu", author="Anna", table=table, now=SAVED)
    corrections.record(store, SINCE_APRIL, "merge", value=ZERO_DRAFT, author="Bram", table=table, now=SAVED)
    corrections.record(store, "m0123456789a", "reject", author="Cas", now=SAVED)
    out, orphans = corrected(gone, store)
    day = "2026-11-23"
    assert orphans == [
        f"correction 1 (set track) for mention {ZERO_DRAFT} by Anna on {day}: mention no longer in the table",
        f"correction 2 (merge) for mention {SINCE_APRIL} by Bram on {day}: "
        f"the mention to merge with ({ZERO_DRAFT}) is no longer in the table",
        f"correction 3 (reject) for mention m0123456789a by Cas on {day}: mention no longer in the table",
    ]
    assert out.equals(gone)


def test_history_records_author_and_time(store):
    assert corrections.history(store).empty
    corrections.create(store)
    assert corrections.history(store).empty
    corrections.record(store, ZERO_DRAFT, "set", "track", "eu", author="Anna", note="EU mandate, not CoE", now=SAVED)
    corrections.record(store, ZERO_DRAFT, "reject", author="Bram", now=SAVED + timedelta(hours=2))
    log = corrections.history(store)
    assert list(log.columns) == list(corrections.HISTORY_COLUMNS)
    assert list(log["seq"]) == [1, 2]
    assert list(log["author"]) == ["Anna", "Bram"]
    assert list(log["action"]) == ["set", "reject"]
    assert log.iloc[0][["mention_id", "field", "value", "note"]].tolist() == [ZERO_DRAFT, "track", "eu", "EU mandate, not CoE"]
    assert list(log["at"]) == ["2026-11-23T21:30:00+00:00", "2026-11-23T23:30:00+00:00"]


def _save_many(store, author, count, together=None):
    if together is not None:
        together.wait(120)  # both ready (imports done) before either saves, so that their saves interleave
    for i in range(count):
        corrections.record(store, f"{i:012x}", "set", "title", f"{author} {i}", author=author)


def test_two_processes_saving_200_each_at_once_lose_nothing(store):
    corrections.create(store)
    context = multiprocessing.get_context("spawn")
    together = context.Barrier(2)
    workers = [context.Process(target=_save_many, args=(store, author, 200, together)) for author in ("Anna", "Bram")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    log = corrections.history(store)
    assert len(log) == 400
    assert log["author"].value_counts().to_dict() == {"Anna": 200, "Bram": 200}
    assert list(log["seq"]) == list(range(1, 401))
    saved = set(zip(log["mention_id"], log["value"], strict=True))
    assert saved == {(f"{i:012x}", f"{author} {i}") for author in ("Anna", "Bram") for i in range(200)}
    # each author's saves are kept in the order they were made
    for author in ("Anna", "Bram"):
        assert list(log.loc[log["author"] == author, "value"]) == [f"{author} {i}" for i in range(200)]


def _hang_inside_a_save(store, ready):
    with corrections._transaction(store) as conn:
        for i in range(1000):
            conn.execute("INSERT INTO corrections (mention_id, action, author, at) VALUES (?, 'reject', 'Half', 'now')",
                         (f"h{i}",))
        ready.set()
        signal.pause()  # killed here, before the commit


def test_a_killed_save_leaves_the_previous_state(store):
    corrections.record(store, ZERO_DRAFT, "reject", author="Anna")
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    worker = context.Process(target=_hang_inside_a_save, args=(store, ready))
    worker.start()
    assert ready.wait(timeout=60)
    os.kill(worker.pid, signal.SIGKILL)
    worker.join(timeout=30)
    log = corrections.history(store)
    assert list(log["author"]) == ["Anna"] and list(log["mention_id"]) == [ZERO_DRAFT]
    corrections.record(store, ZERO_DRAFT, "restore", author="Bram")  # the lock is gone
    assert list(corrections.history(store)["action"]) == ["reject", "restore"]
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_an_exception_inside_a_save_rolls_it_back(store):
    corrections.record(store, ZERO_DRAFT, "reject", author="Anna")
    with pytest.raises(RuntimeError), corrections._transaction(store) as conn:
        conn.execute("INSERT INTO corrections (mention_id, action, author, at) VALUES ('x', 'reject', 'Half', 'now')")
        raise RuntimeError("interrupted")
    assert list(corrections.history(store)["author"]) == ["Anna"]


# --- a store that cannot be read ---------------------------------------------------------------

def damaged_stores(tmp_path, table):
    """Stores a user may find beside a table: not SQLite at all, an SQLite file cut short after a
    few saves, and an SQLite file of another program."""
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database, it is a note someone saved here\n" * 200)
    real = tmp_path / "real.sqlite"
    for _ in range(30):
        corrections.record(real, SINCE_APRIL, "set", "title", "x" * 3000, author="Anna", table=table)
    with sqlite3.connect(real) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cut = tmp_path / "cut.sqlite"
    data = real.read_bytes()
    cut.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])  # a header that lies about the pages
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE corrections (id INTEGER, what TEXT)")
    return {"garbage": garbage, "cut": cut, "foreign": foreign}


@pytest.mark.parametrize("kind", ["garbage", "cut", "foreign"])
def test_a_store_that_cannot_be_read_is_named(tmp_path, table, kind):
    store = damaged_stores(tmp_path, table)[kind]
    with pytest.raises(corrections.StoreError, match=f"the corrections store {store} cannot be read") as err:
        corrections.apply(table, store)
    assert isinstance(err.value, sqlite3.DatabaseError)  # callers that catch sqlite's errors still do


def test_the_build_names_a_corrupt_store_and_builds_the_table_without_it(tmp_path, table, capsys):
    from events.__main__ import main
    folder = tmp_path / "letters"
    folder.mkdir()
    letter = next(SEEDS.glob("000_*.txt"))
    (folder / letter.name).write_bytes(letter.read_bytes())
    clean = tmp_path / "clean" / "events.csv"
    assert main(["build", str(folder), "--out", str(clean)]) == 0
    out = tmp_path / "data" / "events.csv"
    out.parent.mkdir()
    garbage = damaged_stores(tmp_path, table)["garbage"]
    (out.parent / "corrections.sqlite").write_bytes(garbage.read_bytes())  # the default store beside the table
    capsys.readouterr()
    assert main(["build", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"the corrections store {out.parent / 'corrections.sqlite'} cannot be read" in err
    assert "built without its corrections" in err and "Traceback" not in err
    assert out.read_bytes() == clean.read_bytes()
    other = tmp_path / "other.sqlite"
    other.write_bytes(garbage.read_bytes())
    assert main(["build", str(folder), "--out", str(out), "--corrections", str(other)]) == 1  # named with --corrections
    assert f"the corrections store {other} cannot be read" in capsys.readouterr().err


def test_an_added_event_is_normalized_from_json_or_a_mapping():
    import json

    spaced = {**MISSING, "doc": f" {MISSING['doc']} ", "quote": MISSING["quote"].replace(" ", "  \n "), "line": "247",
              "institutions": ["CAI", " CAI ", "other:Global Index on Responsible AI"], "start": date(2024, 1, 1),
              "doc_date": "", "relative": True, "kind": "", "superseded_by": None}
    out = corrections.check_event(json.dumps({**spaced, "start": "2024-01-01"}))
    assert (out["doc"], out["quote"], out["line"]) == (MISSING["doc"], MISSING["quote"], 247)
    assert out["institutions"] == "CAI;other:Global Index on Responsible AI"  # each once, in order
    assert (out["start"], out["doc_date"], out["kind"]) == ("2024-01-01", "", "event")
    assert (out["relative"], out["superseded_by"]) == (True, "")
    assert corrections.check_event(spaced) == out
    assert corrections.check_event({**MISSING, "doc_date": None, "kind": "context"})["kind"] == "context"
    assert corrections.added_id(out) == corrections.added_id(corrections.check_event(MISSING))
    assert corrections.added_id({**out, "line": 248}) != corrections.added_id(out)


@pytest.mark.parametrize(("event", "message"), [
    ("{not json", "add needs a JSON object"),
    ("[1, 2]", "add needs an object with the event's columns"),
    ({**MISSING, "line": True}, "line must be a positive number, not True"),
    ({**MISSING, "line": "l. 3"}, "line must be a positive number"),
    ({**MISSING, "kind": "rumour"}, "kind must be one of event, reference, context"),
    ({**MISSING, "doc_date": "12-12-2025"}, "doc_date must be an ISO date"),
    ({**MISSING, "doc": "  "}, "doc must not be empty"),
    ({**MISSING, "title": "  "}, "title must not be empty"),
    ({**MISSING, "institutions": "other:  "}, "institution 'other:' is not in the vocabulary"),
])
def test_an_invalid_added_event_is_named(event, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        corrections.check_event(event)


def test_a_set_value_is_stored_as_text_checked_against_its_field():
    assert corrections.check_value("start", " 2024-03-13 ") == "2024-03-13"
    assert corrections.check_value("end", date(2024, 3, 13)) == "2024-03-13"
    assert corrections.check_value("track", "  eu ") == "eu"
    assert corrections.check_value("institutions", ("CAI", "other:Bureau")) == "CAI;other:Bureau"
    with pytest.raises(ValueError, match="must be an ISO date"):
        corrections.check_value("start", datetime(2024, 3, 13, 10, 0))
    with pytest.raises(ValueError, match="settable fields are start, end, precision, status, track, institutions"):
        corrections.check_value("doc", "x")


# --- dates of added events, saved dates, and what an added event leaves empty ---------------------

def test_a_new_date_is_checked_against_the_dates_saved_before_it(table, store):
    """The zero draft (1-3 February 2023) moved to end 21 April: a start in May would fall after
    that saved end, not after the table's 3 February, and is refused."""
    corrections.record(store, ZERO_DRAFT, "set", "end", "2023-04-21", author="Anna", table=table)
    with pytest.raises(ValueError, match=re.escape("start 2023-05-01 would fall after end 2023-04-21; set end first")):
        corrections.record(store, ZERO_DRAFT, "set", "start", "2023-05-01", author="Anna", table=table)
    corrections.record(store, ZERO_DRAFT, "set", "start", "2023-04-19", author="Anna", table=table)
    assert list(corrections.history(store)["value"]) == ["2023-04-21", "2023-04-19"]


def test_a_new_date_of_an_added_event_is_checked_against_the_added_dates(table, store):
    """The Global Index ranking is added for 2024: its start cannot move into 2025 before its end does."""
    added = corrections.record(store, None, "add", value=MISSING, author="Anna")
    with pytest.raises(ValueError, match=re.escape("start 2025-02-01 would fall after end 2024-12-31; set end first")):
        corrections.record(store, added, "set", "start", "2025-02-01", author="Bram", table=table)
    with pytest.raises(ValueError, match=re.escape("start 2024-01-01 would fall after end 2023-12-31; set start first")):
        corrections.record(store, added, "set", "end", "2023-12-31", author="Bram", table=table)
    corrections.record(store, added, "set", "end", "2025-06-30", author="Bram", table=table)
    corrections.record(store, added, "set", "start", "2025-02-01", author="Bram", table=table)
    out, orphans = corrected(table, store)
    assert (row(out, added)["start"], row(out, added)["end"]) == (date(2025, 2, 1), date(2025, 6, 30)) and orphans == []


def test_an_added_event_leaves_empty_what_it_does_not_say(table, store):
    """Added without a process, stage, successor or source of its document date, it claims none."""
    added = corrections.record(store, None, "add", value=MISSING, author="Anna")
    out, _ = corrected(table, store)
    unsaid = ["doc_date_source", "process", "stage", "superseded_by"]
    assert row(out, added)[unsaid].tolist() == ["", "", "", ""]
    assert (row(out, added)["kind"], bool(row(out, added)["relative"])) == ("event", False)


def as_added(table, mention_id):
    """A row of the committed table as a reviewer would type it to add it."""
    found = row(table, mention_id)
    event = {c: found[c] for c in corrections.ADD_FIELDS}
    event["institutions"] = ";".join(found["institutions"])
    return event


def test_an_event_on_a_document_s_first_line_or_of_one_day_can_be_added(table):
    since_april = corrections.check_event(as_added(table, SINCE_APRIL))  # line 1 of the March 2023 letter
    assert (since_april["line"], since_april["start"], since_april["end"]) == (1, "2022-04-01", "2022-04-30")
    concluded = corrections.check_event(as_added(table, "4095693c469a"))  # "op 2 december 2021", line 16
    assert (concluded["start"], concluded["end"], concluded["date_text"]) == ("2021-12-02", "2021-12-02",
                                                                                "2 december 2021")


def test_an_added_event_keeps_its_id_across_releases():
    """The store keys later corrections of an added event by its id: the id may not drift with the code."""
    assert corrections.added_id(corrections.check_event(MISSING)) == "m2279843973f"


@pytest.mark.parametrize(("relative", "expected"), [
    (True, True), ("True", True), ("true", True), ("1", True), (False, False), ("false", False), ("0", False), ("", False)])
def test_an_added_event_is_relative_only_when_it_says_so(table, store, relative, expected):
    added = corrections.record(store, None, "add", value={**MISSING, "relative": relative}, author="Anna")
    out, _ = corrected(table, store)
    assert bool(row(out, added)["relative"]) is expected
    assert out["relative"].dtype == table["relative"].dtype


def test_an_added_event_without_a_document_date_has_none(table, store):
    added = corrections.record(store, None, "add", value={**MISSING, "doc_date": ""}, author="Anna")
    out, orphans = corrected(table, store)
    assert row(out, added)["doc_date"] is None and orphans == []
    assert row(out, added)["start"] == date(2024, 1, 1)


def test_the_newest_correction_s_number_is_what_a_build_records(store):
    assert corrections.last_seq(store) == 0
    corrections.record(store, ZERO_DRAFT, "set", "track", "eu", author="Anna")
    corrections.record(store, ZERO_DRAFT, "reject", author="Bram")
    corrections.record(store, SINCE_2019, "split", author="Cas")
    assert corrections.last_seq(store) == 3


@pytest.mark.parametrize(("event", "message"), [
    ([1, 2], "add needs an object with the event's columns"),
    ({k: v for k, v in MISSING.items() if k not in ("title", "quote")}, "the added event lacks title, quote"),
    ({**MISSING, "id": "x", "cluster": "c1"}, "the added event has unknown or generated columns: cluster, id"),
])
def test_what_an_added_event_lacks_or_has_too_many_is_named_in_full(event, message):
    with pytest.raises(ValueError) as err:
        corrections.check_event(event)
    assert str(err.value) == message


def test_an_unknown_institution_is_refused_with_the_names_to_use_instead(table, store):
    from events.vocabulary import vocabulary
    with pytest.raises(ValueError) as err:
        corrections.record(store, ZERO_DRAFT, "set", "institutions", "CAI;Raad van Europa", author="Anna", table=table)
    known = ", ".join(sorted(vocabulary().institution_names))
    assert str(err.value) == f"institution 'Raad van Europa' is not in the vocabulary; use one of {known} or 'other:<name>'"
    assert "CAI, " in known and corrections.history(store).empty


def test_a_refused_value_is_named_with_the_values_to_use(table, store):
    with pytest.raises(ValueError) as err:
        corrections.record(store, ZERO_DRAFT, "set", "track", "nl", author="Anna", table=table)
    assert str(err.value) == "track 'nl' is not in the vocabulary; use one of council_of_europe, eu, netherlands, " \
                             "international, other"
    with pytest.raises(ValueError) as err:
        corrections.record(store, ZERO_DRAFT, "set", "title", " \n ", author="Anna", table=table)
    assert str(err.value) == "title must not be empty" and corrections.history(store).empty


def test_a_store_that_cannot_be_read_says_what_to_do_and_which_file(tmp_path, table):
    store = damaged_stores(tmp_path, table)["garbage"]
    with pytest.raises(corrections.StoreError) as err:
        corrections.history(store)
    assert err.value.path == store
    assert str(err.value).startswith(f"the corrections store {store} cannot be read (")
    assert str(err.value).endswith("); it may be damaged or not a corrections store: move it aside or restore it "
                                   "from a backup")


def _saved_raw(store, mention_id, event):
    """An add as the store holds it, written past record's checks (as a store of an older
    vocabulary, or one edited by hand, holds it)."""
    import json
    with sqlite3.connect(store) as conn:
        conn.execute("INSERT INTO corrections (mention_id, action, value, author, at) VALUES (?, 'add', ?, 'Anna', ?)",
                     (mention_id, json.dumps(event), "2026-11-23T21:30:00+00:00"))


def test_an_added_event_no_longer_valid_is_reported_and_the_next_still_added(table, store):
    corrections.create(store)
    _saved_raw(store, "m000000000001", {**MISSING, "track": "nl"})  # a term the vocabulary no longer has
    added = corrections.record(store, None, "add", value=MISSING, author="Bram")
    out, messages = corrected(table, store)
    assert len(out) == len(table) + 1 and row(out, added)["quote"] == GLOBAL_INDEX
    assert messages == ["correction 1 (add) for mention m000000000001 by Anna on 2026-11-23: the added event is no "
                        "longer valid (track 'nl' is not in the vocabulary; use one of council_of_europe, eu, "
                        "netherlands, international, other)"]


def test_an_added_event_already_in_the_table_is_not_added_twice(table, store):
    """The corrected table corrected again (as the app's table is, after a build applied the
    store): the added event is there once, and the add says why it did nothing."""
    first = corrections.record(store, None, "add", value=MISSING, author="Anna", now=SAVED)
    once, _ = corrected(table, store)
    second = corrections.record(store, None, "add", value={**MISSING, "line": 246}, author="Bram", now=SAVED)
    twice, messages = corrected(once, store)
    assert list(twice["id"]).count(first) == 1 and list(twice["id"]).count(second) == 1
    assert len(twice) == len(table) + 2
    assert messages == [f"correction 1 (add) for mention {first} by Anna on 2026-11-23: "
                        "an event with this id is already in the table"]


def test_a_range_narrowed_to_one_day_is_kept(table, store):
    """The zero draft made public on 3 February 2023 alone, not 1-3 February."""
    corrections.record(store, ZERO_DRAFT, "set", "start", "2023-02-03", author="Anna", table=table)
    out, messages = corrected(table, store)
    assert (row(out, ZERO_DRAFT)["start"], row(out, ZERO_DRAFT)["end"]) == (date(2023, 2, 3), date(2023, 2, 3))
    assert messages == []


def test_a_set_the_vocabulary_no_longer_allows_is_reported_and_later_ones_applied(table, store):
    corrections.create(store)
    with sqlite3.connect(store) as conn:  # saved when "nl" was a track (or by hand)
        conn.execute("INSERT INTO corrections (mention_id, action, field, value, author, at) "
                     "VALUES (?, 'set', 'track', 'nl', 'Anna', '2026-11-23T21:30:00+00:00')", (ZERO_DRAFT,))
    corrections.record(store, ZERO_DRAFT, "set", "status", "planned", author="Bram", table=table)
    out, messages = corrected(table, store)
    assert row(out, ZERO_DRAFT)["status"] == "planned" and row(out, ZERO_DRAFT)["track"] == row(table, ZERO_DRAFT)["track"]
    assert messages == [f"correction 1 (set track) for mention {ZERO_DRAFT} by Anna on 2026-11-23: track 'nl' is not "
                        "in the vocabulary; use one of council_of_europe, eu, netherlands, international, other"]


def test_the_author_is_one_line_of_single_spaces_and_a_note_is_optional(store):
    corrections.record(store, ZERO_DRAFT, "reject", author="  Anna \n de  Vries ")
    log = corrections.history(store)
    assert (log.loc[0, "author"], log.loc[0, "note"]) == ("Anna de Vries", "")
    for nobody in (None, "", " \t "):
        with pytest.raises(ValueError) as err:
            corrections.record(store, ZERO_DRAFT, "restore", author=nobody)
        assert str(err.value) == "every correction needs an author"
    with pytest.raises(ValueError) as err:
        corrections.record(store, ZERO_DRAFT, "hide", author="Anna")
    assert str(err.value) == "unknown action 'hide'; use one of reject, restore, set, merge, split, add"
    assert len(corrections.history(store)) == 1


@pytest.mark.parametrize("action", ["reject", "restore", "split"])
def test_reject_restore_and_split_take_no_value(table, store, action):
    with pytest.raises(ValueError) as err:
        corrections.record(store, ZERO_DRAFT, action, value=SINCE_2019, author="Anna", table=table)
    assert str(err.value) == f"{action} takes no value" and corrections.history(store).empty


def test_a_reject_or_split_stores_no_value(table, store):
    corrections.record(store, ZERO_DRAFT, "split", value="", author="Anna", table=table)  # as a form sends it
    corrections.record(store, ZERO_DRAFT, "reject", author="Anna", table=table)
    log = corrections.history(store)
    assert list(log["action"]) == ["split", "reject"] and log["value"].isna().all()


def test_an_added_event_is_stored_as_readable_json_in_a_fixed_order(table, store):
    """The store keeps the event as it was typed: "comité" as such, the columns in the same order
    whoever saved it."""
    import json
    event = {**as_added(table, SINCE_APRIL), "quote": row(table, SINCE_APRIL)["quote"] + " (toegevoegd)"}
    added = corrections.record(store, "", "add", value=event, author="Anna")  # "": no id, as a form sends it
    [stored] = corrections.history(store)["value"]
    assert "comité" in stored and list(json.loads(stored)) == sorted(json.loads(stored))
    assert added == corrections.added_id(corrections.check_event(event))
    with pytest.raises(ValueError) as err:
        corrections.record(store, ZERO_DRAFT, "add", value=MISSING, author="Anna")
    assert str(err.value) == "an added event gets its own id (m2279843973f); pass mention_id=None"


@pytest.mark.parametrize(("mention_id", "action", "value", "message"), [
    (SINCE_APRIL, "merge", None, "merge needs the id of the mention to join"),
    (SINCE_APRIL, "merge", "  ", "merge needs the id of the mention to join"),
    (None, "reject", None, "a correction needs the id of the mention it corrects"),
    (" ", "split", None, "a correction needs the id of the mention it corrects"),
    (SINCE_APRIL, "merge", f" {SINCE_APRIL} ", "a mention cannot be merged with itself"),
])
def test_a_correction_without_its_mentions_is_refused_in_so_many_words(table, store, mention_id, action, value,
                                                                       message):
    with pytest.raises(ValueError) as err:
        corrections.record(store, mention_id, action, value=value, author="Anna", table=table)
    assert str(err.value) == message and corrections.history(store).empty


def test_a_save_is_stamped_in_utc_wherever_it_is_made(store, monkeypatch):
    """Saved at 22:30 in Amsterdam in winter (UTC+1) on a machine set to Amsterdam: 21:30 UTC."""
    import time
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        corrections.record(store, ZERO_DRAFT, "reject", author="Anna", now=SAVED)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert list(corrections.history(store)["at"]) == ["2026-11-23T21:30:00+00:00"]


def test_dates_saved_unchecked_do_not_block_a_later_save_of_another_field(table, store):
    """A start saved without the table (so unchecked) falls after the end; the title can still be set."""
    corrections.record(store, ZERO_DRAFT, "set", "start", "2023-03-01", author="Anna")
    corrections.record(store, ZERO_DRAFT, "set", "title", "Nulversie openbaar", author="Bram", table=table)
    out, messages = corrected(table, store)
    assert row(out, ZERO_DRAFT)["title"] == "Nulversie openbaar" and len(messages) == 1


def test_why_a_store_cannot_be_read_is_named_too(tmp_path, table):
    garbage = damaged_stores(tmp_path, table)["garbage"]
    with pytest.raises(corrections.StoreError, match=re.escape(f"{garbage} cannot be read (file is not a database);")):
        corrections.history(garbage)
    folder = tmp_path / "corrections.sqlite"  # a folder where the store should be
    folder.mkdir()
    with pytest.raises(corrections.StoreError) as err:
        corrections.apply(table, folder)
    assert err.value.path == folder
    assert str(err.value).startswith(f"the corrections store {folder} cannot be read (unable to open database file);")


def test_an_empty_store_s_history_has_its_columns(store):
    """What reads the history (python -m events changes) finds its columns before the first save."""
    corrections.create(store)
    assert list(corrections.history(store).columns) == list(corrections.HISTORY_COLUMNS)
    corrections.record(store, ZERO_DRAFT, "reject", author="Anna", note=None)
    assert corrections.history(store).loc[0, "note"] == ""


def test_a_save_waits_for_another_save_in_progress(store):
    """Two reviewers saving at once: the second save waits for the first (up to 30 s), not fails."""
    import threading
    import time
    corrections.create(store)
    started, done = threading.Event(), []

    def slow_save():
        with corrections._transaction(store) as conn:
            conn.execute("INSERT INTO corrections (mention_id, action, author, at) VALUES (?, 'split', 'Anna', 'now')",
                         (SINCE_APRIL,))
            started.set()
            time.sleep(6.5)  # longer than sqlite's own default wait of 5 s
        done.append(True)

    first = threading.Thread(target=slow_save)
    first.start()
    assert started.wait(30)
    corrections.record(store, ZERO_DRAFT, "reject", author="Bram")  # sqlite's default wait would fail here
    first.join(30)
    assert done
    assert list(corrections.history(store)["author"]) == ["Anna", "Bram"]


@pytest.mark.parametrize(("kind", "why"), [("cut", "database disk image is malformed"),
                                           ("foreign", "no such column: seq")])
def test_a_damaged_or_foreign_store_says_what_sqlite_found(tmp_path, table, kind, why):
    store = damaged_stores(tmp_path, table)[kind]
    with pytest.raises(corrections.StoreError) as err:
        corrections.history(store)
    assert str(err.value).startswith(f"the corrections store {store} cannot be read ({why});")


def test_a_store_of_the_right_shape_with_rows_no_save_writes_is_refused(tmp_path):
    """A table named corrections with the right columns but other values (a mention id that is a
    number, an unknown action): not this program's store."""
    for values, name in (((1, 42, "reject"), "number.sqlite"), ((1, ZERO_DRAFT, "hide"), "action.sqlite")):
        store = tmp_path / name
        with sqlite3.connect(store) as conn:
            conn.execute("CREATE TABLE corrections (seq, mention_id, action, field, value, author, at, note)")
            conn.execute("INSERT INTO corrections VALUES (?, ?, ?, NULL, NULL, 'Anna', 'now', '')", values)
        with pytest.raises(corrections.StoreError) as err:
            corrections.history(store)
        assert err.value.path == store
        assert str(err.value) == (f"the corrections store {store} cannot be read (rows that no save of this program "
                                  "writes); it may be damaged or not a corrections store: move it aside or restore it "
                                  "from a backup")


def test_an_event_can_be_added_while_the_table_is_checked(table, store):
    """The review app passes its table with every save: an added event is new to it, and welcome."""
    added = corrections.record(store, None, "add", value=MISSING, author="Anna", table=table)
    assert added not in set(table["id"]) and list(corrections.history(store)["mention_id"]) == [added]
