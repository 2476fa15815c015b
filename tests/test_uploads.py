"""Uploaded files: clean names inside the corpus folder, a size limit, events marked as uploaded."""

import os
import threading
from pathlib import Path

import pytest

from dashboard import uploads
from dashboard.uploads import UploadError, safe_name, save_upload, uploaded_names, with_origin
from events import corrections
from events.build import current
from events.table import DEFAULT_TABLE, read_table
from tests.apptest import open_tab, rendered
from tests.apptest import run_app as app
from tests.conftest import UPLOAD_LETTER, UPLOAD_PLENARY, seed_lines

# the June 2024 letter (13 maart jl., 21 mei, in maart) as it would come with its dateline
LETTER = UPLOAD_LETTER.encode("utf-8")


@pytest.mark.parametrize("name, clean", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\anna\\Brief aan de Kamer (def).PDF", "Brief_aan_de_Kamer_def.pdf"),
    (".hidden.md", "hidden.md"),
    ("Reactie op motie Six Dijkstra – 14 mei.html", "Reactie_op_motie_Six_Dijkstra_14_mei.html"),
])
def test_file_names_are_cleaned(name, clean):
    assert safe_name(name) == clean


def test_an_upload_is_kept_inside_the_folder_under_a_free_name(tmp_path):
    first = save_upload(tmp_path, "../brief.txt", LETTER)
    assert first == tmp_path / "brief.txt" and first.read_bytes() == LETTER
    second = save_upload(tmp_path, "brief.txt", LETTER, taken={"brief.txt"})
    assert second.name == "brief-2.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief-2.txt", "brief.txt"]


@pytest.mark.parametrize("name, data, reason", [
    ("groot.txt", b"x" * 2048, "over the 0 MB limit"),
    ("slides.pptx", b"PK", "unsupported file type .pptx"),
    ("leeg.txt", b"  ", "empty file"),
])
def test_refused_uploads_say_why_and_leave_nothing(tmp_path, name, data, reason):
    with pytest.raises(UploadError, match=reason):
        save_upload(tmp_path, name, data, max_bytes=1024 if name == "groot.txt" else 10**6)
    assert not any(tmp_path.iterdir())


def with_uploads(folder: Path, store: Path):
    """What the app shows: the pipeline over the bundled documents and the uploads."""
    result = current(DEFAULT_TABLE, [folder], store)
    return with_origin(result.table, uploaded_names(folder)), result


def test_uploaded_events_appear_marked_and_join_known_events(tmp_path):
    save_upload(tmp_path / "uploads", "brief.txt", LETTER)
    both, result = with_uploads(tmp_path / "uploads", tmp_path / "none.sqlite")
    bundled = read_table(DEFAULT_TABLE)
    assert result.skipped == [] and set(both.loc[both["doc"] == "brief.txt", "origin"]) == {"upload"}
    assert len(both[both["origin"] == "corpus"]) == len(bundled)
    march = both[(both["date_text"] == "13 maart jl.")]
    assert set(march["origin"]) == {"corpus", "upload"}
    assert march["cluster"].nunique() == 1  # the same vote, from the bundle and the upload


def test_an_empty_or_missing_folder_adds_nothing(tmp_path):
    both, result = with_uploads(tmp_path / "nowhere", tmp_path / "none.sqlite")
    assert set(both["origin"]) == {"corpus"} and result.skipped == []
    assert both.drop(columns="origin").equals(read_table(DEFAULT_TABLE))  # the pipeline again: the committed table


# seed 000, lines 105-108: the CAI's fourth plenary "van 1 tot 3 februari 2023", which line 6 of
# the same letter also dates ("op 1-3 februari 2023"): one event of two mentions in the bundle
PLENARY = UPLOAD_PLENARY.encode("utf-8")
PLENARY_ID, LINE_6_ID = "77f67711df73", "60c6710f3ccf"


def test_a_pending_split_survives_an_upload(tmp_path):
    store = tmp_path / "corrections.sqlite"
    bundled = read_table(DEFAULT_TABLE)
    assert bundled.set_index("id").loc[PLENARY_ID, "cluster"] == bundled.set_index("id").loc[LINE_6_ID, "cluster"]
    corrections.record(store, PLENARY_ID, "split", author="Anna", table=bundled)
    save_upload(tmp_path / "uploads", "plenaire.txt", PLENARY)
    table, result = with_uploads(tmp_path / "uploads", store)
    assert result.not_applied == []
    clusters = table.set_index("id")["cluster"]
    assert clusters[PLENARY_ID] == f"c{PLENARY_ID}-split" != clusters[LINE_6_ID]
    repeat = table[(table["origin"] == "upload") & (table["date_text"] == "van 1 tot 3 februari 2023")]
    assert len(repeat) == 1 and repeat["cluster"].iloc[0] == clusters[LINE_6_ID]  # the upload joins the event
    assert set(table["origin"]) == {"corpus", "upload"}


# seed 003, lines 8-12: the opening of the cabinet's response, without one date in it
UNDATED = seed_lines("003", 8, 12).encode("utf-8")


def test_an_earlier_upload_without_dated_events_is_not_overwritten(tmp_path):
    first = save_upload(tmp_path, "notities.txt", UNDATED)
    second = save_upload(tmp_path, "notities.txt", LETTER, taken=set(read_table(DEFAULT_TABLE)["doc"]))
    assert second.name == "notities-2.txt"
    assert first.read_bytes() == UNDATED and second.read_bytes() == LETTER


def test_uploads_of_one_name_at_once_each_keep_a_file_of_their_own(tmp_path):
    texts = [LETTER + f"\n{i}".encode() for i in range(16)]
    threads = [threading.Thread(target=save_upload, args=(tmp_path, "brief.txt", text)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == 16 and "brief.txt" in kept and "brief-16.txt" in kept
    assert sorted(p.read_bytes() for p in tmp_path.iterdir()) == sorted(texts)  # none overwritten


def test_an_upload_is_written_to_a_temporary_name_synced_then_linked(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_link = os.fsync, os.link
    monkeypatch.setattr(uploads.os, "fsync", lambda fd: calls.append(("fsync", fd)) or real_fsync(fd))
    monkeypatch.setattr(uploads.os, "link",
                        lambda src, dst: calls.append(("link", Path(src), Path(dst))) or real_link(src, dst))
    kept = save_upload(tmp_path, "brief.txt", LETTER)
    [(_, tmp, target)] = [c for c in calls if c[0] == "link"]
    assert target == kept and tmp.parent == tmp_path and tmp.name != kept.name and tmp.name.startswith(".")
    assert calls[0][0] == "fsync"  # the data is on disk before the name points at it
    assert kept.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.txt"]  # no temporary file left


def test_an_interrupted_upload_leaves_no_file(tmp_path, monkeypatch):
    save_upload(tmp_path, "brief.txt", LETTER)

    def fail(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(uploads.os, "link", fail)
    monkeypatch.setattr(uploads.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        save_upload(tmp_path, "brief.txt", UNDATED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.txt"]
    assert (tmp_path / "brief.txt").read_bytes() == LETTER


@pytest.mark.usefixtures("isolated_app")
def test_the_app_says_when_an_upload_gets_another_name(tmp_path):
    at = open_tab(app(), "Documenten")
    at.file_uploader(key="w_upload").set_value(("notities.txt", UNDATED, "text/plain")).run()
    assert any(rendered(s.value) == "Toegevoegd: notities.txt" for s in at.success)
    at.file_uploader(key="w_upload").set_value(("notities.txt", LETTER, "text/plain")).run()
    assert not at.exception
    [warning] = [rendered(w.value) for w in at.warning if "notities" in w.value]
    assert warning.startswith("Toegevoegd als notities-2.txt: er is al een document notities.txt")
    folder = tmp_path / "uploads"
    assert (folder / "notities.txt").read_bytes() == UNDATED and (folder / "notities-2.txt").read_bytes() == LETTER
