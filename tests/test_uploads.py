"""Uploaded files: clean names inside the corpus folder, a size limit, events marked as uploaded."""

import pytest

from dashboard.uploads import UploadError, build_uploads, combine, safe_name, save_upload
from events.table import DEFAULT_TABLE, read_table
from tests.conftest import seed_lines

# the June 2024 letter (13 maart jl., 21 mei, in maart) as it would come with its dateline
LETTER = ("Den Haag, 6 juni 2024\n" + seed_lines("002", 15, 35)).encode("utf-8")


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


def test_uploaded_events_appear_marked_and_join_known_events(tmp_path):
    save_upload(tmp_path, "brief.txt", LETTER)
    uploaded = build_uploads(tmp_path)
    assert set(uploaded.table["origin"]) == {"upload"} and uploaded.skipped == []
    bundled = read_table(DEFAULT_TABLE)
    both = combine(bundled, uploaded.table)
    assert len(both) == len(bundled) + len(uploaded.table)
    march = both[(both["date_text"] == "13 maart jl.")]
    assert set(march["origin"]) == {"corpus", "upload"}
    assert march["cluster"].nunique() == 1  # the same vote, from the bundle and the upload


def test_an_empty_or_missing_folder_adds_nothing(tmp_path):
    assert build_uploads(tmp_path / "nowhere").table.empty
