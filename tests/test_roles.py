"""What a date is doing in its sentence: an event, a reference or context."""

from datetime import date

import pytest

from events.dates import find_dates
from events.documents import load, sentences
from events.roles import is_bibliography, kind
from tests.conftest import CORPUS, SEEDS, corpus_text, seed_lines

DOC_DATE = date(2024, 6, 13)


def kinds(text: str, doc_date: date = DOC_DATE) -> dict[str, str]:
    """Each date expression of a text with its kind."""
    found = {}
    for sentence in sentences(text):
        for mention in find_dates(sentence.text, doc_date):
            found[mention.text] = kind(mention, sentence)
    return found


def kind_of(text: str, date_text: str) -> str:
    """The kind of the one date expression that holds `date_text` (a prefix such as "before" may lead it)."""
    found = [k for t, k in kinds(text).items() if t.endswith(date_text)]
    assert len(found) == 1, kinds(text)
    return found[0]


@pytest.mark.parametrize("text, date_text", [
    # an instrument's name, cited for its content
    ("Richtlijn (EU) 2019/1024 van het Europees Parlement en de Raad van 20 juni 2019 inzake open data is omgezet.",
     "20 juni 2019"),
    (" ".join(corpus_text("08").splitlines()[198:200]), "6 mei 2003"),
    ("Zie het Witboek over kunstmatige intelligentie, COM(2020) 65, d.d. 19 februari 2020.", "19 februari 2020"),
    ("in accordance with the principles laid down in the Interinstitutional Agreement of 13 April 2016 on Better "
     "Law-Making.", "13 April 2016"),
    # citations and bibliography
    ("Platforms must assess their systemic risks (DSA, 2022).", "2022"),
    ("Rathenau Instituut. (2023). Opgave AI. De impact op Nederland.", "2023"),
    ("The Committee drew on the Budapest Convention (2001) for its definitions.", "2001"),
    ("HLEG, Assessment List for Trustworthy Artificial Intelligence (ALTAI) for self-assessment, 2020.", "2020"),
    ("European Council, European Council meeting (19 October 2017) – Conclusion EUCO 14/17, 2017, p. 8.",
     "19 October 2017"),
    # publication metadata
    ("Laatst gewijzigd op 3-5-2022", "3-5-2022"),
    ("Regulation (EU) 2016/679 (OJ L 119, 4.5.2016, p. 1) applies.", "4.5.2016"),
])
def test_a_date_that_identifies_or_cites_is_a_reference(text, date_text):
    assert kind_of(text, date_text) == "reference"


@pytest.mark.parametrize("text, date_text", [
    ("This Regulation shall not apply to AI systems put into service before 1 January 2027.", "1 January 2027"),
    ("De regeling geldt voor elk AI-systeem dat op of na 1 juli 2025 is aangeschaft.", "1 juli 2025"),
    ("At the time of publication (March 2023) no Member State had designated an authority.", "March 2023"),
    ("The plan supports the 2030 climate targets of the Union.", "2030"),
    ("2030 Digital Compass: the European way for the Digital Decade.", "2030"),
    ("In artikel 113 wordt de datum 2 augustus 2026, vervangen door 2 december 2027.", "2 augustus 2026"),
    ("The application was postponed from 2 August 2026 to 2 December 2027.", "2 August 2026"),
])
def test_a_date_that_dates_no_event_is_context(text, date_text):
    assert kind_of(text, date_text) == "context"


@pytest.mark.parametrize("text, date_text", [
    (seed_lines("000", 16, 17), "2 december 2021"),
    ("AI systems which have been deployed by 1 January 2029 shall comply with this Regulation.", "1 January 2029"),
    ("In artikel 113 wordt de datum 2 augustus 2026, vervangen door 2 december 2027.", "2 december 2027"),
    ("The application was postponed from 2 August 2026 to 2 December 2027.", "2 December 2027"),
    ("Nederland heeft een innovatiepact gesloten met Duitsland (2021) en Frankrijk (2023).", "2021"),
    ("the Bletchley Park (November 2023) and Seoul (May 2024) summits", "November 2023"),
    ("In its 2019 Conclusions on the Coordinated Plan the Council highlighted the importance of data.", "2019"),
    ("The Commission published the White Paper on AI on 19 February 2020.", "19 February 2020"),
])
def test_a_date_on_which_something_happens_is_an_event(text, date_text):
    assert kind_of(text, date_text) == "event"


def test_front_matter_and_a_bibliography_are_references():
    text = corpus_text("14")
    front = [k for t, k in kinds(text).items() if t.startswith("2023-10-3")]
    assert front and set(front) == {"reference"}
    listing = "## Bronnen\n\n- Webinar 'AI Act and the future standards' (11 december 2024)\n"
    assert kinds(listing) == {"11 december 2024": "reference"}


def test_the_documents_own_dateline_is_its_act_and_the_official_journal_line_is_not():
    doc = load(CORPUS / "10_eu-ai-act-proposal-com-2021-206-explanatory-memorandum.txt")
    head = next(s for s in doc.sentences if s.line == doc.dateline)
    mention = find_dates(head.text, doc.doc_date)[0]
    assert (doc.doc_date, kind(mention, head, doc.dateline)) == (date(2021, 4, 21), "event")
    motion = load(CORPUS / "03_tk-motie-six-dijkstra-26643-1286.txt")
    assert motion.dateline == 11 and motion.doc_date == date(2025, 2, 20)


def test_a_footnote_that_cites_is_a_reference_and_the_seed_letter_keeps_its_events():
    doc = load(SEEDS / "004_df1a3631a3f3e9cc.txt")
    footnote = next(s for s in doc.sentences if s.footnote and "8 oktober" in s.text)
    assert kind(find_dates(footnote.text, doc.doc_date)[0], footnote) == "reference"


def test_an_english_date_ending_a_sentence_is_no_citation():
    text = "The Framework Convention was adopted by the Council of Europe's Committee of Ministers on May 17, 2024."
    assert kind_of(text, "May 17, 2024") == "event"


@pytest.mark.parametrize("text, date_text", [
    # "over" continues an instrument's name only after one: here the Parliament votes on a day
    ("Het Europees Parlement stemde op 13 maart 2024 over de AI-verordening.", "13 maart 2024"),
    # a participle after the date is a Dutch cut-off only in a relative clause ("die vóór ... gesloten")
    ("Nederland heeft op 5 september 2024 een akkoord gesloten met Duitsland.", "5 september 2024"),
])
def test_a_word_that_belongs_to_a_rule_does_not_make_a_reference_or_context_alone(text, date_text):
    assert kind_of(text, date_text) == "event"


def test_a_date_right_before_a_document_number_cites_that_document():
    line = seed_lines("004", 770, 771)  # "Joint Communication ..., 9.3.2020 JOIN(2020) 4 final."
    assert "JOIN(2020)" in line
    assert kind_of(line, "9.3.2020") == "reference"


@pytest.mark.parametrize("heading, sources", [
    ("## Bronnen", True), ("**References**", True), ("Noten", True), ("## Agenda", False), ("Inleiding", False), ("", False),
])
def test_a_heading_of_sources_opens_a_bibliography(heading, sources):
    assert is_bibliography(heading) is sources


@pytest.mark.parametrize("heading, kind", [("Bronnen", "reference"), ("Literatuur", "reference"), ("Agenda", "event")])
def test_a_date_under_a_heading_of_sources_cites(heading, kind):
    item = "- Webinar over de AI Act en de toekomstige standaarden, gehouden op 11 december 2024\n"
    assert kinds(f"## {heading}\n\n{item}") == {"11 december 2024": kind}


def test_only_the_dateline_s_own_date_is_the_document_s_act():
    # the AI Act: its title dates the act ("... van 13 juni 2024"); cited elsewhere the same words are its name
    doc = load(CORPUS / "09_eu-ai-verordening-art56-57-70-72-73-nl.html")
    head = next(s for s in doc.sentences if s.line <= doc.dateline and s.line_at(len(s.text) - 1) >= doc.dateline)
    mention = next(m for m in find_dates(head.text, doc.doc_date) if head.line_at(m.begin) == doc.dateline)
    assert (kind(mention, head, doc.dateline), kind(mention, head)) == ("event", "reference")
    # elsewhere in a document with a dateline each date keeps the kind its own words give it
    for name in ("08", "09", "10", "13"):
        doc = load(next(CORPUS.glob(f"{name}_*")))
        others = [(m, s) for s in doc.sentences for m in find_dates(s.text, doc.doc_date)
                  if s.line_at(m.begin) != doc.dateline]
        assert [kind(m, s, doc.dateline) for m, s in others] == [kind(m, s) for m, s in others]
        if name == "08":
            assert {kind(m, s) for m, s in others} >= {"reference", "event"}


def corpus_lines(number: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a corpus document, joined as one paragraph."""
    return " ".join(corpus_text(number).splitlines()[first - 1:last])


@pytest.mark.parametrize("text, date_text", [
    # a preamble cites an instrument by its name and date ("HAVING REGARD to ... of <date>;")
    (corpus_lines("26", 15, 15), "14 December 1960"),
    (corpus_lines("21", 197, 198), "6 July"),  # "... No 154/2018 of 6 July 20182,": a note mark on the year
    # a line of a list of sources: title, author, (year)
    (corpus_lines("31", 247, 247), "2021"),
    (corpus_lines("31", 329, 329), "2025"),
    ("Opgave AI. De nieuwe systeemtechnologie, Wetenschappelijke Raad voor het Regeringsbeleid (2021).", "2021"),
    # a date before a court case number cites the judgment
    (corpus_lines("22", 413, 414), "10 July 2003"),
    ("Zie het arrest van het Hof van Justitie van 8 april 2014, C-293/12 Digital Rights Ireland.", "8 april 2014"),
])
def test_a_citation_of_an_instrument_a_source_or_a_judgment_is_a_reference(text, date_text):
    assert kind_of(text, date_text) == "reference"


@pytest.mark.parametrize("text, date_text", [
    # a count or a measure at a date is a state
    (corpus_lines("31", 434, 434), "medio 2025"),
    (corpus_lines("31", 435, 436), "mei 2025"),
    (corpus_lines("30", 14, 14), "tussen 2017 en 2023"),
    # a date in a clause that says which things a rule covers
    (corpus_lines("25", 386, 387), "2 August 2025"),
    ("Alle aanbieders die op 2 augustus 2025 een model hebben getraind, melden dit bij het AI-bureau.", "2 augustus 2025"),
    # ... also where a gerund ("placing") or a long object stands between the act and the cut-off word
    (corpus_lines("25", 387, 389), "2 August 2025"),
    (corpus_lines("25", 392, 394), "before 2 August 2025"),
    ("This Regulation shall not apply to AI systems put into service before 1 January 2027.", "1 January 2027"),
    # a year closing a quoted title names the document
    (corpus_lines("31", 518, 518), "2025"),
    ("Het kabinet werkt verder aan de ‘Jaarplan informatiebeveiliging 2022’ en zijn doelen.", "2022"),
])
def test_a_state_a_condition_or_a_name_is_context(text, date_text):
    assert kind_of(text, date_text) == "context"


@pytest.mark.parametrize("text, date_text", [
    # a count without a verb of counting, and a relative clause with no date of its own: events
    ("Op 12 maart 2024 stuurde de minister 3 brieven aan de Kamer.", "12 maart 2024"),
    (seed_lines("001", 1389, 1390), "dit najaar"),  # "het rapport ... dat dit najaar zal verschijnen"
    ("The Commission, which on 21 April 2021 proposed the AI Act, consulted widely.", "21 April 2021"),
    ("Nederland nam deel aan de AI Action Summit (februari 2025).", "februari 2025"),
])
def test_the_words_of_a_state_or_citation_alone_leave_an_event(text, date_text):
    assert kind_of(text, date_text) == "event"
