"""Reading files and rebuilding whole sentences from printed lines."""

from datetime import date

import pytest

from events.documents import UnreadableDocument, date_from_text, decode, document_date, infer_date, sentences
from tests.conftest import seed_lines, seed_text


def sentence_with(text, needle):
    return next(s for s in sentences(text) if needle in s.text)


def test_a_sentence_runs_across_line_breaks_and_keeps_its_first_line():
    s = sentence_with(seed_text("000"), "1-3 februari 2023")
    assert s.text == "Tevens zend ik u de ‘nulversie’ van het verdrag, die op 1-3 februari 2023 openbaar is gemaakt."
    assert s.line == 5
    assert s.line_at(s.text.index("1-3 februari")) == 6


def test_a_word_hyphenated_across_lines_is_joined_with_its_hyphen():
    s = sentence_with(seed_text("000"), "tussen 2022 en 2024")
    assert "de toepassing van AI-systemen reguleert" in s.text


def test_a_footnote_between_two_halves_of_a_sentence_is_kept_apart():
    # seed 001 lines 697-705: "... van 20" | footnotes and a page break | "november 2020 op ..."
    text = seed_text("001")
    s = sentence_with(text, "20 november 2020")
    assert s.line == 695 and s.line_at(s.text.index("20 november 2020")) == 697
    assert "Kamerstuk" not in s.text.split("20 november 2020")[0][-60:]
    footnotes = [f for f in sentences(text) if f.footnote and 698 <= f.line <= 704]
    assert footnotes, "the footnotes between the halves are sentences of their own"


def test_a_footnote_that_runs_onto_the_next_line_stays_whole():
    s = sentence_with(seed_text("004"), "8 oktober")
    assert s.footnote and "8 oktober 2019, Kamerstuk 26 643, nr. 642" in s.text


def test_headings_do_not_run_into_the_next_sentence():
    texts = [s.text for s in sentences(seed_lines("003", 77, 79))]
    assert texts[0] == "Versterking van het Nederlandse en Europese AI-ecosysteem"


def test_page_numbers_and_running_headers_are_dropped():
    text = "\n".join(["Kamerbrief AI", "Het kabinet heeft in maart", "2", "Kamerbrief AI",
                      "een besluit genomen.", "Kamerbrief AI", "Pagina 3 van 5"])
    assert [s.text for s in sentences(text)] == ["Het kabinet heeft in maart een besluit genomen."]


def test_the_document_date_comes_from_metadata_first(metadata):
    assert document_date(seed_text("000"), metadata["000_2412db79c8a8e221.txt"]) == (date(2023, 3, 6), "metadata")


def test_the_document_date_is_read_from_the_text():
    assert date_from_text(seed_text("003")) == date(2025, 12, 12)
    assert date_from_text("Ministerie van BZK\nDatum 6 maart 2023\nBetreft AI") == date(2023, 3, 6)


def test_without_metadata_or_dateline_the_date_is_inferred_and_flagged():
    doc_date, source = document_date(seed_text("000"), {})
    assert source == "inferred"
    # the latest past event in seed 000 is the 1-3 February 2023 plenary; the letter is of 6 March
    assert date(2023, 2, 1) <= doc_date <= date(2023, 3, 6)
    assert infer_date(sentences("Geen datum hier.")) is None


@pytest.mark.parametrize("data, expected", [
    ("Op 13 maart jl. is de AI-verordening aangenomen.".encode("cp1252"), "13 maart"),
    ("Het comité – de CAI – werd opgericht.".encode("cp1252"), "–"),
    ("Artificiële intelligentie".encode("utf-16"), "Artificiële"),
    ("\ufeffDatum 6 maart 2023".encode(), "Datum"),
])
def test_common_encodings_are_read(data, expected):
    assert expected in decode(data, "letter.txt")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (bytes(range(256)) * 4, "binary file"),
])
def test_unreadable_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        decode(data, "letter.txt")
