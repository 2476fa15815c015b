"""Which instrument an event is about (events/instruments.py): named in its clause or sentence, a
motion by its reference, a document's own act about the document (a motion or an opinion by its
number) or what its head names. Asked of real sentences and heads: the Commission's GPAI
guidelines, the digital omnibus, motions, the ECB's and the EDPB-EDPS's opinions (tests/corpus/
and seeds/)."""

from functools import cache
from types import SimpleNamespace

import pytest

from events.clauses import clause_span
from events.documents import load
from events.instruments import Named, _acronym, instrument, named, own_instrument
from events.issuer import OwnAct, own_act
from tests.conftest import CORPUS, SEEDS, corpus_text, seed_lines


@cache
def _doc(number: str):
    """A document of tests/corpus/ (or of seeds/, by its three digits), loaded as the build loads it."""
    folder = SEEDS if len(number) == 3 else CORPUS
    return load(next(folder.glob(f"{number}_*")))


def _own(number: str) -> str:
    doc = _doc(number)
    return own_instrument(doc, own_act(doc))


# -- the instruments a text names --------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    # seed 001, lines 1420-1421: a motion cited by its paper's reference, from the dossier to the number
    (" ".join(seed_lines("001", 1420, 1421).split()[12:]), [Named(95, 109, "motion:35510-21")]),
    # tests/corpus 03: the motion's own head, its reference over four lines
    ("\n".join(corpus_text("03").splitlines()[:10]), [Named(71, 131, "motion:26643-1286")]),
])
def test_a_motion_is_named_where_its_reference_stands(text, found):
    assert named(text) == found


# -- the instrument of a date ------------------------------------------------------------------

def _at(text: str, date_text: str) -> tuple[int, int]:
    begin = text.index(date_text)
    return begin, begin + len(date_text)


# tests/corpus 25, lines 245-248 and 402-404
COMMITMENTS = ("Commitments implemented in line with a code of practice that is assessed as adequate will only become "
               "relevant for assessing compliance with the AI Act when the obligations for providers of general-purpose "
               "models laid down in Chapter V of the AI Act enter into application on 2 August 2025 (Article 113, point "
               "(b), AI Act).")
FINALLY = ("Finally, the AI Act acknowledges that immediately after 2 August 2025, providers may not be able to fully "
           "implement certain measures laid down in a code of practice that is assessed as adequate or alternative "
           "adequate measures.")


def test_an_event_is_about_the_instrument_named_nearest_its_date_not_first():
    """The date's clause taken as its whole sentence: "the AI Act" 27 characters before the date,
    not "a code of practice" that opens the sentence."""
    begin, end = _at(COMMITMENTS, "2 August 2025")
    assert named(COMMITMENTS)[0].key == "gpai_code_of_practice"
    assert instrument(COMMITMENTS, begin, end, (0, len(COMMITMENTS)), [], "", "") == "ai_act"


def test_a_clause_that_names_none_takes_the_nearest_in_its_sentence_before_or_after():
    """The clause "that immediately after 2 August 2025" names none: in the sentence, "the AI Act"
    37 characters before the date is nearer than "a code of practice" 79 after it."""
    begin, end = _at(FINALLY, "2 August 2025")
    clause = clause_span(FINALLY, begin, end)
    assert named(FINALLY[clause[0]:clause[1]]) == []
    assert instrument(FINALLY, begin, end, clause, [], "", "") == "ai_act"


def test_a_name_at_the_sentence_s_very_start_is_in_it():
    """tests/corpus 08: "Verordening (EU) 2024/1689 is op 1 augustus 2024 in werking getreden." The
    name opens the sentence (and its clause), at offset 0."""
    text = "Verordening (EU) 2024/1689 is op 1 augustus 2024 in werking getreden."
    begin, end = _at(text, "1 augustus 2024")
    assert instrument(text, begin, end, (0, len(text)), [], "", "") == "ai_act"
    assert instrument(text, begin, end, (text.index("is op"), len(text)), [], "", "") == "ai_act"


# -- the acronym of an opinion's issuer in its key ---------------------------------------------

@pytest.mark.parametrize("name, key", [
    ("European Data Protection Board", "edpb"),          # its English acronym (EDPB-EDPS joint opinions)
    ("Council of Europe", "coe"),                        # English first: CoE, not the Dutch RvE
    ("Raad van State", "rvs"),                           # only a Dutch acronym: that one
    ("European Committee of the Regions", "cvdr"),       # an empty English list counts as none
    ("European Commission", "european-commission"),      # none: its name, words joined by hyphens
    ("other:Quebec AI Institute", "other:quebec-ai-institute"),  # a body the vocabulary does not know
])
def test_an_issuer_is_keyed_by_its_english_acronym_else_its_dutch_else_its_name(name, key):
    assert _acronym(name) == key


# -- what a document's own acts are about ------------------------------------------------------

def test_a_letter_s_own_date_is_about_nothing_its_head_names():
    """tests/corpus 14: the G7 leaders' statement names the Hiroshima AI Process in its head, but a
    letter's date alone says nothing of what it is about; nor does a document of no own act."""
    doc = _doc("14")
    assert own_act(doc).kind == "letter"
    assert "hiroshima_process" in {n.key for n in named("\n".join(doc.text.splitlines()[:22]))}
    assert own_instrument(doc, own_act(doc)) == ""
    assert own_instrument(_doc("22"), None) == ""


@pytest.mark.parametrize("number", ["31", "001"])
def test_a_head_that_names_no_instrument_is_about_none(number):
    """tests/corpus 31 (a report) and seed 001 (its head names the regulation as a genre, not an
    instrument): their heads name none, though their later lines do."""
    doc = _doc(number)
    assert own_act(doc).by_head
    assert named(doc.text)  # the text names one further down
    assert _own(number) == ""


@pytest.mark.parametrize("number, key", [
    ("22", "opinion:ecb-con-2021-40"),
    ("03", "motion:26643-1286"),
])
def test_the_head_is_read_from_the_dateline_down_however_low_it_stands(number, key):
    """A page's extraction may open with blank lines: 15 of them above the ECB's opinion or a
    motion push its number below the first 20 lines, not below the 20 after its dateline."""
    doc = _doc(number)
    lower = SimpleNamespace(text="\n" * 15 + doc.text, dateline=doc.dateline + 15, metadata={})
    assert own_instrument(lower, own_act(doc)) == key


@pytest.mark.parametrize("number, first, key", [
    ("26", 2, "oecd_ai_principles"),   # "Ti=Recommendation of the Council on Artificial Intelligence"
    ("10", 5, "ai_act"),               # "COM(2021) 206 final"
])
def test_a_document_without_a_dateline_has_a_head_of_twenty_lines(number, first, key):
    doc = _doc(number)
    act = own_act(doc)
    on_line_20 = SimpleNamespace(text="\n" * (20 - first) + doc.text)
    on_line_21 = SimpleNamespace(text="\n" * (21 - first) + doc.text)
    assert (own_instrument(on_line_20, act), own_instrument(on_line_21, act)) == (key, "")


# tests/corpus 03 and 30 without their paper's head: the motion's own words, from "MOTIE VAN HET LID"
@pytest.mark.parametrize("number, reference, key", [
    ("03", "26 643, nr. 1286", "motion:26643-1286"),
    ("30", "26 643, nr. 1389", "motion:26643-1389"),
])
def test_a_motion_whose_head_prints_no_number_is_keyed_by_its_metadata_s_reference(number, reference, key):
    body = "\n".join(corpus_text(number).splitlines()[8:])
    assert body.startswith("MOTIE VAN HET LID")
    act = OwnAct("motion", (), by_head=True)
    assert own_instrument(SimpleNamespace(text=body, dateline=3, metadata={"reference": reference}), act) == key
    assert own_instrument(SimpleNamespace(text=body, dateline=3, metadata={"reference": ""}), act) != key


def test_a_motion_with_no_number_anywhere_is_about_what_it_names():
    """tests/corpus 30's words name no instrument; loaded without metadata, it is about none."""
    body = "\n".join(corpus_text("30").splitlines()[8:])
    act = OwnAct("motion", (), by_head=True)
    assert own_instrument(SimpleNamespace(text=body, dateline=3), act) == ""
    assert own_instrument(SimpleNamespace(text=body, dateline=3, metadata=None), act) == ""


@pytest.mark.parametrize("number", ["21", "22"])
def test_an_opinion_whose_issuer_is_unknown_is_about_what_its_head_names(number):
    """"Joint Opinion 5/2021", "(CON/2021/40)": a number, but no issuer to key it by; the head names
    the AI Act ("(Artificial Intelligence Act)", "harmonised rules on artificial intelligence")."""
    assert own_instrument(_doc(number), OwnAct("advice", (), by_head=True)) == "ai_act"


# tests/corpus 08: the omnibus's title, in its "Betreft:" (lines 20-25) and over the act (lines 33-40)
@pytest.mark.parametrize("first, last", [(20, 25), (33, 40)])
def test_an_official_title_is_about_the_short_title_in_its_brackets(first, last):
    """The title names the AI Act first ("geharmoniseerde regels betreffende artificiële
    intelligentie"), then its own short title in brackets: the omnibus."""
    title = "\n".join(corpus_text("08").splitlines()[first - 1:last])
    assert [n.key for n in named(title)] == ["ai_act", "digital_omnibus"]
    act = OwnAct("adoption", (), by_head=True)
    assert own_instrument(SimpleNamespace(text=title, dateline=0), act) == "digital_omnibus"
