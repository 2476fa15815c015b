"""On which track an event lies (events/tracks.py), on sentences of the seeds and tests/corpus/:
the bodies acting and the topic words near the date, weighed by their distance to it; else the
sentences before; else the document as a whole."""

from datetime import date

import pytest

from events import actors, status, tracks
from events.actors import Found
from events.dates import find_dates
from tests.conftest import corpus_text


def mention_of(text: str, date_text: str, doc_date: date):
    return next(m for m in find_dates(text, doc_date, lambda b, e: status.clause_tense(text, b, e))
                if m.text == date_text)


def carried(name: str, track: str) -> Found:
    """A body the reader carries over from the sentences before: it has no place in this one."""
    return Found(name, track, -1, how="carried")


def near(text: str, word: str, at: int) -> float:
    """What a word's weight is divided by at its distance from the date: 1 at the date, 2 at 40
    characters."""
    return 1 + abs(text.index(word) - at) / 40


# -- the sentence's own bodies and topic words ---------------------------------------------------------

@pytest.mark.parametrize("text, date_text, doc_date", [
    # seed 003, line 172: the states Nederland acts with
    ("Daarnaast heeft Nederland dit najaar met Duitsland, Frankrijk en Italië, een European Digital "
     "Infrastructure Consortium opgericht voor Digital Commons.", "dit najaar", date(2025, 12, 12)),
    # seed 003, line 171
    ("Nederland heeft een innovatiepact gesloten met Duitsland (2021), Frankrijk (2023) en het Verenigd "
     "Koninkrijk (2025).", "2021", date(2025, 12, 12)),
    # seed 004: a coalition of states, named by its topic words
    ("Om deze reden onderschreef Nederland de gezamenlijke verklaring van de Freedom Online Coalition (FOC) van "
     "mei 2020 over COVID-19 en internetvrijheid5.", "mei 2020", date(2020, 12, 1)),
])
def test_what_nederland_does_with_other_states_is_international(text, date_text, doc_date):
    """The speaking government weighs little (0.75 against 3 for another body) beside the states it
    acts with."""
    found = actors.institutions_in(text)
    assert found[0].name == "Dutch cabinet"
    assert tracks.track(mention_of(text, date_text, doc_date), text, found, [], lambda: "netherlands") \
        == "international"


def test_a_topic_word_at_the_date_outweighs_the_speaking_government_further_off():
    text = ("Het kabinet beziet hoe deze initiatieven kunnen aansluiten op de Europese AI Apply strategie die in "
            "oktober jl. is uitgekomen.")  # seed 003, lines 88-89
    mention = mention_of(text, "oktober jl.", date(2025, 12, 12))
    found = [Found("Dutch cabinet", "netherlands", text.index("kabinet"), text.index(" beziet"))]
    assert tracks._track_scores(text, found, mention.begin) == pytest.approx({
        "netherlands": 0.75 / near(text, "kabinet", mention.begin),
        "eu": 1.0 / near(text, "Europese", mention.begin)})
    assert tracks.track(mention, text, found, []) == "eu"


def test_the_strongest_word_of_a_track_counts_with_a_tenth_for_each_further_one():
    """The speaking minister ("Ik", role government) and "uw Kamer" (a word of the light track,
    weighing half) both place the date; the body, nearer in weight, leads."""
    text = "Ik had uw Kamer beloofd hier begin dit jaar op terug te komen.17"  # seed 002, line 309
    at = mention_of(text, "begin dit jaar", date(2024, 6, 6)).begin
    found = [Found("Dutch ministry", "netherlands", 0, 2, how="speaker")]
    assert tracks._track_scores(text, found, at) == pytest.approx(
        {"netherlands": 0.75 / near(text, "Ik", at) + 0.1})
    assert 0.75 / near(text, "Ik", at) > 0.5 / near(text, "uw Kamer", at)


@pytest.mark.parametrize("text, date_text, doc_date", [
    # tests/corpus 22, a footnote of the ECB's opinion: De Nederlandsche Bank is no body of the vocabulary
    ("How digitalisation might change banking’, De Nederlandsche Bank, Amsterdam, 11 March 2019, available on "
     "the ECB’s Banking Supervision website at www.bankingsupervision. europa.eu.", "11 March 2019",
     date(2021, 12, 29)),
    # tests/corpus 10, a footnote of the explanatory memorandum: nor is the AI Alliance
    ("The AI Alliance is a multi-stakeholder forum launched in June 2018, AI Alliance "
     "https://ec.europa.eu/digital-single-market/en/european-ai-alliance European Commission, Inception Impact "
     "Assessment For a Proposal for a legal act of the European Parliament and the Council laying down "
     "requirements for Artificial Intelligence.", "June 2018", date(2021, 4, 21)),
])
def test_a_body_the_vocabulary_does_not_know_is_passed_over_not_the_bodies_after_it(text, date_text, doc_date):
    found = actors.institutions_in(text)
    at = mention_of(text, date_text, doc_date).begin
    assert found[0].track == "other"
    assert tracks._track_scores(text, found, at) == tracks._track_scores(text, found[1:], at)
    assert set(tracks._track_scores(text, found, at)) == {"eu"}


# -- bodies carried over from the sentences before ---------------------------------------------------

STREVEN = "Het streven is om eind 2023 de onderhandelingen af te ronden."  # seed 000, lines 28-29


def test_a_body_carried_over_weighs_as_one_a_clause_away_and_little():
    at = mention_of(STREVEN, "eind 2023", date(2023, 3, 6)).begin
    # half an actor's weight, at 40 characters: a quarter
    assert tracks._track_scores(STREVEN, [carried("CAI", "council_of_europe")], at) == {"council_of_europe": 0.25}
    # the speaking government keeps its own weight, 0.75
    assert tracks._track_scores(STREVEN, [carried("Dutch cabinet", "netherlands")], at) == {"netherlands": 0.375}


@pytest.mark.parametrize("found", [
    [carried("CAI", "council_of_europe"), carried("European Commission", "eu")],
    [carried("European Commission", "eu"), carried("CAI", "council_of_europe")],
])
def test_a_tie_goes_to_the_track_listed_first_in_the_vocabulary(found):
    mention = mention_of(STREVEN, "eind 2023", date(2023, 3, 6))
    assert tracks.track(mention, STREVEN, found, []) == "council_of_europe"


def motion(number: str, first: int, last: int) -> str:
    """A motion's lines from its title to its closing words: the one sentence the reader reads."""
    return " ".join(corpus_text(number).splitlines()[first - 1:last])


@pytest.mark.parametrize("text, date_text, doc_date", [
    (motion("29", 11, 21), "2 september 2025", date(2025, 9, 2)),  # "constaterende dat de Europese Unie ..."
    (motion("05", 9, 18), "15 mei 2025", date(2025, 5, 15)),  # "... van de AI-verordening voorschrijft ..."
])
def test_a_motion_s_date_lies_with_the_chamber_not_with_the_eu_it_speaks_of(text, date_text, doc_date):
    """The chamber carried over from the motion's head weighs a quarter at the date; the EU's
    words stand further on, and those past 300 characters are not read."""
    mention = mention_of(text, date_text, doc_date)
    assert tracks.track(mention, text, [carried("Tweede Kamer", "netherlands")], []) == "netherlands"


# -- the document as a whole ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # seed 004: Singapore and Australia (states, 1 each) against the cabinet (0.75) and "Nederland",
    # "Nederlandse" (words of the light track, half each)
    ("In de ASEAN-regio werkt Nederland samen met Singapore en Australië dat met Nederlandse steun cursussen "
     "aanbiedt aan landen in de regio.", "international"),
    # seed 001: "conceptverordening" (1) against the cabinet (0.75); the High-Level Expert Group, a body the
    # vocabulary does not know, counts for nothing
    ("(31) Ja, het kabinet is in algemene zin van mening dat de ethische richtsnoeren van de High-Level Expert "
     "Group on AI voldoende zijn overgenomen in het voorstel en goed passen in de systematiek van de "
     "conceptverordening.", "eu"),
    # seed 003: the cabinet (0.75) and "Nederland" (0.5) against UNESCO (1) and "lidstaten" (1)
    ("Nederland nam actief deel aan de ontwikkeling van de UNESCO Aanbeveling Ethiek en AI die in 2021 werd "
     "vastgesteld door de 193 lidstaten.", "netherlands"),
])
def test_a_document_is_about_the_track_whose_bodies_and_words_it_names_most(text, expected):
    assert tracks.home_track(text) == expected
