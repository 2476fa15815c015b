"""Who, which track, what kind and which status, on sentences from the seeds."""

from datetime import date

import pytest

from events import classify
from events.dates import find_dates

MARCH_2023 = date(2023, 3, 6)


def first(text, doc_date=MARCH_2023):
    return find_dates(text, doc_date, lambda b, e: classify.clause_tense(text, b, e))[0]


def test_institutions_by_dutch_names_aliases_and_the_addressed_chamber():
    text = ("Gezien de grote overlap tussen deze instrumenten heeft de Raad (van de EU) daarom in november 2022 "
            "een besluit genomen waarin de Europese Commissie het mandaat krijgt; uw Kamer is geïnformeerd.")
    names = [f.name for f in classify.institutions_in(text, addressee="Eerste Kamer")]
    assert names == ["Council of the EU", "European Commission", "Eerste Kamer"]


def test_the_ad_hoc_committee_is_not_the_cai():
    text = "eerst binnen het Ad hoc comité voor Artificiële intelligentie (CAHAI)."
    assert [f.name for f in classify.institutions_in(text)] == ["CAHAI"]


@pytest.mark.parametrize("text, doc_date, expected", [
    ("Het streven is om eind 2023 de onderhandelingen af te ronden.", MARCH_2023, "planned"),
    ("Dit comité rondde haar werk af op 2 december 2021.", MARCH_2023, "happened"),
    ("Sinds januari 2023 is naast de plenaire vergadering een ‘drafting’ groep opgericht.", MARCH_2023, "ongoing"),
    ("De CAI heeft de opdracht om tussen 2022 en 2024 een onderhandelingsproces op te zetten.", MARCH_2023, "ongoing"),
    ("De verordening is na definitief akkoord op 21 mei in de Telecomraad aangenomen, De AI-verordening zal eisen stellen.",
     date(2024, 6, 6), "happened"),
])
def test_status_as_the_document_presents_it(text, doc_date, expected):
    assert classify.status(first(text, doc_date), text, doc_date) == expected


@pytest.mark.parametrize("text, expected", [
    ("Daarna volgt de stemming op 13 maart 2024 in het Europees Parlement.", "vote"),
    ("De verordening is na plenaire stemming in het Europees Parlement op 13 maart jl. goedgekeurd.", "adoption"),
    ("Van 19 tot 21 april 2023 werkt de plenaire vergadering aan de Preambule.", "meeting"),
    ("In de Tweede Kamer is op 14 mei 2024 een motie aangenomen.", "motion"),
    ("De ARK verwacht medio zomer 2022 dit rapport te publiceren.", "report"),
])
def test_event_type_from_the_cue_nearest_the_date(text, expected):
    assert classify.event_type(first(text), text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Dit comité van de Raad van Europa rondde haar werk af op 2 december 2021.", "council_of_europe"),
    ("Op 14 oktober 2021 wordt de conceptverordening besproken tijdens de informele Telecomraad.", "eu"),
    ("Deze aanbeveling wordt in november 2021 tijdens de General Conference aan de UNESCO-lidstaten voorgelegd.",
     "international"),
    ("Het kabinet heeft in april 2020 de beleidslijn ‘Open, tenzij’ geïntroduceerd in een brief aan uw Kamer.",
     "netherlands"),
])
def test_track_from_institutions_and_topics(text, expected):
    assert classify.track(first(text), text, classify.institutions_in(text), []) == expected


def test_a_sentence_without_track_words_takes_the_track_of_the_sentence_before():
    text = "Het streven is om eind 2023 af te ronden."
    before = ["De CAI van de Raad van Europa werkt aan een verdrag."]
    assert classify.track(first(text), text, [], before) == "council_of_europe"
    assert classify.track(first(text), text, [], []) == "other"


def test_a_title_names_the_actor_and_leaves_out_the_dates():
    text = ("Tijdens de vierde plenaire vergadering van 1 tot 3 februari 2023 heeft de CAI besloten "
            "de ‘nulversie’ openbaar te maken.")
    mention = first(text)
    title = classify.title(mention, text, classify.institutions_in(text))
    assert "2023" not in title and "CAI" in title and len(title) <= 80
