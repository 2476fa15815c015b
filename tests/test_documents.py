"""Reading files and rebuilding whole sentences from printed lines."""

import sys
from datetime import date

import pytest

from events.documents import UnreadableDocument, date_from_text, decode, document_date, infer_date, sentences
from tests.conftest import corpus_text, seed_lines, seed_text


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


def test_runs_of_white_space_collapse_and_the_lines_move_with_them():
    text = "Het kabinet  heeft\tin maart\nhet besluit  genomen. Daarna\u00a0volgde\nmeer. Klaar."
    first, second, third = sentences(text)
    assert (first.text, first.line_of) == ("Het kabinet heeft in maart het besluit genomen.", ((0, 27), (1, 2)))
    assert first.line_at(first.text.index("het besluit")) == 2
    assert (second.text, second.line_of) == ("Daarna volgde meer.", ((0, 14), (2, 3)))
    assert (third.text, third.line_of) == ("Klaar.", ((0,), (3,)))


def test_every_white_space_character_but_the_space_is_unprintable():
    # sentences() leaves a printable text without double spaces as it is: nothing to collapse
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " " and c.isprintable()]


def test_headings_do_not_run_into_the_next_sentence():
    texts = [s.text for s in sentences(seed_lines("003", 77, 79))]
    assert texts[0] == "Versterking van het Nederlandse en Europese AI-ecosysteem"


def test_page_numbers_and_running_headers_are_dropped():
    text = "\n".join(["Kamerbrief AI", "Het kabinet heeft in maart", "2", "Kamerbrief AI",
                      "een besluit genomen.", "Kamerbrief AI", "Pagina 3 van 5"])
    assert [s.text for s in sentences(text)] == ["Het kabinet heeft in maart een besluit genomen."]


def test_the_document_date_comes_from_metadata_first(metadata):
    dating = document_date(seed_text("000"), metadata["000_2412db79c8a8e221.txt"])
    assert (dating.date, dating.source) == (date(2023, 3, 6), "metadata")


@pytest.mark.parametrize("text, expected", [
    (seed_text("003"), date(2025, 12, 12)),  # "Den Haag, 12 december 2025"
    ("Ministerie van BZK\nDatum 6 maart 2023\nBetreft AI", date(2023, 3, 6)),
    (corpus_text("03"), date(2025, 2, 20)),  # "Voorgesteld" | "20 februari 2025"
    (corpus_text("07"), date(2024, 4, 22)),  # "Voorgesteld tijdens het Notaoverleg van" | "22 april 2024"
    (corpus_text("10"), date(2021, 4, 21)),  # "Brussels, 21.4.2021"
    (corpus_text("14"), date(2023, 10, 30)),  # front matter "date: '2023-10-30'", before published_time
    (corpus_text("18"), date(2021, 4, 2)),  # front matter "date: 2021-04-02"
    ("Over de pagina\nLaatst gewijzigd op 3-5-2022\nHet register groeit.", date(2022, 5, 3)),
    ("Article 99\nThis Convention enters into force.\nDone at Strasbourg, 17 May 2024, in English and French.",
     date(2024, 5, 17)),
])
def test_the_document_date_is_read_from_the_forms_documents_print(text, expected):
    day, evidence, line = date_from_text(text)
    assert day == expected and evidence and text.splitlines()[line - 1].strip() in evidence


def test_an_unclosed_front_matter_fence_is_read_as_text():
    parts = sentences("---\ntitle: Over het register\nDe Raad heeft op 4 oktober 2023 besloten.")
    assert {s.unit for s in parts} == {"text"} and "4 oktober 2023" in parts[-1].text


def test_without_metadata_or_dateline_the_date_is_inferred_from_what_is_past_and_flagged():
    dating = document_date(seed_text("000"), {})
    assert dating.source == "inferred" and "as past" in dating.evidence
    # the latest past event in seed 000 is the 1-3 February 2023 plenary; the letter is of 6 March
    assert date(2023, 2, 1) <= dating.date <= date(2023, 3, 6)


def test_a_document_with_nothing_datable_is_unknown_and_says_why():
    dating = infer_date(sentences("Geen datum hier."))
    assert (dating.date, dating.source) == (None, "unknown") and "no date the text reports as past" in dating.evidence


def test_a_deadline_with_an_auxiliary_is_not_read_as_past():
    deadline = "Operators of AI systems which have been deployed by 1 January 2029 shall comply with this Regulation."
    plan = " The Council will discuss it in June 2021."
    assert infer_date(sentences(deadline + plan)).source == "unknown"  # 2029 is no past date
    assert infer_date(sentences("The Commission adopted its proposal on 21 April 2021." + plan)).date == date(2021, 4, 21)
    dutch = "De Raad besprak het voorstel op 6 december 2022. De Kamer zal in januari 2023 stemmen."
    assert infer_date(sentences(dutch)).date == date(2022, 12, 6)


def test_a_past_date_with_no_plan_after_it_is_no_safe_document_date():
    dating = infer_date(sentences("De Raad besprak het voorstel op 6 december 2022."))
    assert dating.date is None and "plans nothing" in dating.evidence


def test_a_past_and_a_plan_too_far_apart_leave_the_date_unknown():
    # corpus 17: past "in May 2024", planned "in February 2025"; its own date is not in the text
    dating = document_date(corpus_text("17"), {})
    assert dating.date is None and dating.source == "unknown" and "between" in dating.evidence


def test_layout_units_are_read_on_their_own():
    text = corpus_text("01")
    units = {s.text: s for s in sentences(text)}
    row = next(s for s in units.values() if s.text.startswith("- **Eind 2025**"))
    assert row.unit == "list_item" and row.text.endswith("in het Official Journal of the EU.")
    runs_on = next(s for s in units.values() if s.text.startswith("Deze normen creëren"))
    assert runs_on.unit == "list_item" and runs_on.line == row.line + 1  # the item runs on
    assert row.section == "Verwachte ontwikkelingen en tijdlijn"
    cells = next(s for s in units.values() if s.text.startswith("| ISO/IEC 42001"))
    assert cells.unit == "table_row" and cells.text.endswith("| ISO Norm |")
    assert all(s.unit == "front_matter" for s in sentences(text) if s.line < 40)


def test_a_list_item_does_not_run_into_the_next():
    text = "Planning:\n* 1 juli 2025: eerste rapportage van de AP\n* 1 oktober 2025: het kabinet reageert\n"
    items = [s for s in sentences(text) if s.unit == "list_item"]
    assert [s.text for s in items] == ["* 1 juli 2025: eerste rapportage van de AP", "* 1 oktober 2025: het kabinet reageert"]


@pytest.mark.parametrize("text", [
    "---\ntitle: [unclosed\ndate: 2023-13-45\n---\nTekst.",  # malformed front matter
    "| a | b |\n|---|---|\n| 2021 | Nationale AI-strategie | extra | cellen |\n| 2022 |\n",  # ragged table
    "\n".join("  " * depth + f"- niveau {depth}, 1 juli 2025" for depth in range(10)),  # nested ten deep
    "",
])
def test_awkward_layouts_are_read_without_error(text):
    parts = sentences(text)
    infer_date(parts)
    assert all(s.line >= 1 for s in parts)


@pytest.mark.parametrize("data, expected", [
    ("Op 13 maart jl. is de AI-verordening aangenomen.".encode("cp1252"), "13 maart"),
    ("Het comité – de CAI – werd opgericht.".encode("cp1252"), "–"),
    ("Artificiële intelligentie".encode("utf-16"), "Artificiële"),
    ("Artificiële intelligentie".encode("utf-16-be").join([b"\xfe\xff", b""]), "Artificiële"),
    ("Op 13 maart jl. is de AI-verordening aangenomen.".encode("utf-32"), "Op 13 maart jl."),  # its BOM starts as UTF-16's
    ("Op 13 maart jl.".encode("utf-32-be").join([b"\x00\x00\xfe\xff", b""]), "Op 13 maart jl."),
    ("\ufeffDatum 6 maart 2023".encode(), "Datum"),
])
def test_common_encodings_are_read(data, expected):
    text = decode(data, "letter.txt")
    assert expected in text and "\x00" not in text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (bytes(range(256)) * 4, "binary file"),
])
def test_unreadable_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        decode(data, "letter.txt")


@pytest.mark.parametrize("text, expected", [
    ("Laatste revisie: 12-10-2021\n\nOp 21 april 2021 presenteerde de Commissie een pakket.", date(2021, 10, 12)),
    ("# EU Member States endorse the AI Act\n\nPosted on 5 February 2024\n\nOn 2 February, the representatives voted.",
     date(2024, 2, 5)),
    ("WASHINGTON, March 12, 2024 — The White House announced new guidance.", date(2024, 3, 12)),
    ("Statement\nTuesday, 12 March 2024\nThe Council adopted its position.", date(2024, 3, 12)),
    ("REGULATION (EU) 2024/1689 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL\nof 13 June 2024\nlaying down rules",
     date(2024, 6, 13)),
])
def test_web_pages_news_and_acts_print_their_date_in_their_own_ways(text, expected):
    assert document_date(text, {}).date == expected


def test_a_date_said_at_the_head_of_a_sentence_is_read_with_its_verb():
    # the clause "On 5 September 2024" holds no verb; the sentence says it happened
    text = ("On 5 September 2024, the European Commission signed the Framework Convention. "
            "The Council will decide on its conclusion in October 2024.")
    assert infer_date(sentences(text)).date == date(2024, 9, 5)


def test_a_news_release_line_with_its_date_first_dates_the_page():
    text = "European External Action Service\n\n10/09/2024 | News release | Distributed on 10/09/2024 15:01\n\nText."
    assert document_date(text, {}).date == date(2024, 9, 10)


class _Counted:
    """A cue pattern that counts the characters it is asked to search."""

    def __init__(self, pattern, read: list[int]):
        self.pattern, self.read = pattern, read

    def search(self, text, *args):
        self.read.append(len(text))
        return self.pattern.search(text, *args)


def _many_dates(n: int) -> str:
    """One sentence of n exact dates, made of real seed sentences: n that each hold one date
    and no tense cue, joined by commas, ended by one that reports a date as past."""
    from events.dates import find_dates
    from events.vocabulary import vocabulary
    either = vocabulary().status_cues["either"]
    dated = [s.text.rstrip(". ") for s in sentences(seed_text("000")) + sentences(seed_text("001"))
             if 40 < len(s.text) < 200 and len(find_dates(s.text, None)) == 1 and not either.search(s.text)]
    said = sentence_with(seed_text("000"), "zijn in januari 2023 begonnen").text
    return ", ".join(dated[i % len(dated)] for i in range(n)) + ", " + said[0].lower() + said[1:]


def test_dating_a_document_reads_a_sentence_of_many_dates_a_bounded_number_of_times(monkeypatch):
    # a sentence of 4x the dates costs the cue patterns at most ~4x the characters: each clause
    # is read once and the sentence once, not the whole sentence again for each date (counted,
    # not timed)
    from events.vocabulary import vocabulary
    cues = vocabulary().status_cues
    read: list[int] = []
    for name in ("either", "planned", "past"):
        monkeypatch.setitem(cues, name, _Counted(cues[name], read))
    cost = {}
    for n in (100, 400):
        parts = sentences(_many_dates(n))
        assert len(parts) == 1
        read.clear()
        dating = infer_date(parts)
        assert dating.evidence.startswith("written after")  # the dates are read as past
        cost[n] = sum(read)
    assert cost[400] <= 4.5 * cost[100]


@pytest.mark.parametrize("text, expected", [
    # the Official Journal's running header ("11.3.2022" atop every page) dates the issue, not the act:
    # the act's own "of 29 December 2021" under its title dates it (doc 22)
    (corpus_text("22"), (date(2021, 12, 29), 14)),
    ("12.3.2024\n\nBESLUIT VAN DE RAAD\nvan 4 maart 2024\nover de onderhandelingen\n\n12.3.2024\n\nArtikel 1\n\n"
     "12.3.2024\n\nGedaan te Brussel.", (date(2024, 3, 4), 4)),
    # a date alone on a line, printed once, still dates a cover (doc 21: "18 June 2021" over "Adopted")
    (corpus_text("21"), (date(2021, 6, 18), 10)),
])
def test_a_date_repeated_as_a_running_header_is_the_publication_s_not_the_document_s(text, expected):
    found = date_from_text(text)
    assert (found[0], found[2]) == expected


@pytest.mark.parametrize("text, expected", [
    # "<title> adopted by <body> on <date>" at the head of a text dates it (doc 23)
    (corpus_text("23"), (date(2023, 6, 14), 8)),
    ("United Nations\nA/RES/78/265\n\nResolution adopted by the General Assembly on 21 March 2024\n\n"
     "Seizing the opportunities of safe, secure and trustworthy artificial intelligence systems", (date(2024, 3, 21), 4)),
])
def test_a_head_line_that_names_the_adoption_and_its_day_dates_the_text(text, expected):
    found = date_from_text(text)
    assert (found[0], found[2]) == expected


def test_a_running_header_alone_leaves_the_date_unknown_rather_than_wrong():
    text = "11.3.2022\n\nOPINION\n\nThe Bank welcomes the proposal.\n\n11.3.2022\n\nIt notes the rules.\n\n11.3.2022\n"
    assert date_from_text(text) is None
