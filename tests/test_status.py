"""Status as the document presents it (events/status.py), on sentences of the seeds and
tests/corpus/: the tense of the date's clause, a deadline word before the date, the date
against the document's own date."""

from datetime import date

import pytest

from events import status
from events.dates import find_dates
from tests.conftest import corpus_text


def mention_of(text: str, date_text: str, doc_date: date | None = None):
    return next(m for m in find_dates(text, doc_date, lambda b, e: status.clause_tense(text, b, e))
                if m.text == date_text)


def motion(number: str, first: int, last: int) -> str:
    """A motion's lines, from "De Kamer," to its closing words: the one sentence the reader reads."""
    return " ".join(corpus_text(number).splitlines()[first - 1:last])


VERMEER = motion("06", 12, 20)  # tests/corpus 06, 26 643 nr. 1269
BUIJSSE = motion("30", 12, 18)  # tests/corpus 30, 26 643 nr. 1389
KATHMANN = motion("05", 12, 18)  # tests/corpus 05, 32 761 nr. 325
ADOPTED = ("De verordening is na plenaire stemming in het Europees Parlement op 13 maart jl. goedgekeurd en is "
           "na definitief akkoord op 21 mei in de Telecomraad aangenomen, De AI-verordening zal belangrijke eisen "
           "stellen aan de ontwikkeling van risicovolle AI-systemen, nog voordat ze op de markt worden gebracht of "
           "in gebruik worden genomen met als doel om ervoor te zorgen dat ze veilig zijn en mensenrechten "
           "respecteren.")  # seed 002, line 19


# -- the clause's tense ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, date_text", [
    (VERMEER, "11 november"),  # "overwegende dat tijdens het wetgevingsoverleg op 11 november ... is aangegeven"
    (BUIJSSE, "tussen 2017 en 2023"),  # "... tussen 2017 en 2023 sterk groeide"
    (ADOPTED, "13 maart jl."),
])
def test_a_past_clause_speaks_of_the_past_in_a_sentence_that_speaks_of_the_future(text, date_text):
    """A motion closes on "en gaat over tot de orde van de dag", a letter's sentence goes on "De
    AI-verordening zal ...": the clause between the commas and semicolons around the date decides."""
    begin = text.index(date_text)
    assert status.tense(text) == "future"
    assert status.clause_tense(text, begin, begin + len(date_text)) == "past"


def test_a_motion_s_finding_happened_whatever_the_closing_words_say():
    mention = mention_of(BUIJSSE, "tussen 2017 en 2023")
    assert status.status(mention, BUIJSSE, None) == "happened"


@pytest.mark.parametrize("text, date_text", [
    # tests/corpus 10, the explanatory memorandum: the clause of the date is the date alone
    ("In October 2020, it adopted a number of resolutions related to AI, including on ethics 9, liability10 "
     "and copyright11.", "October 2020"),
    # seed 003, line 171: the clause ", Frankrijk (2023) en ..." names no verb
    ("Nederland heeft een innovatiepact gesloten met Duitsland (2021), Frankrijk (2023) en het Verenigd "
     "Koninkrijk (2025).", "2023"),
])
def test_a_clause_without_tense_takes_the_tense_of_its_sentence(text, date_text):
    mention = mention_of(text, date_text)
    assert status.clause_tense(text, mention.begin, mention.end_offset) == "past"
    assert status.status(mention, text, None) == "happened"  # not "ongoing", as a tenseless date would be


# -- deadlines --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, date_text, expected", [
    # tests/corpus 09 (AI Act, Article 70(6)): the deadline word opens the sentence
    ("Uiterlijk op 2 augustus 2025 en vervolgens om de twee jaar, brengen de lidstaten aan de Commissie verslag "
     "uit over de stand van zaken met betrekking tot de financiële en personele middelen van de nationale "
     "bevoegde autoriteiten, met een beoordeling van de toereikendheid ervan.", "2 augustus 2025", True),
    # tests/corpus 26 (OECD): the deadline words open the date's own text
    ("b)to develop and iterate further practical guidance on the implementation of this Recommendation, and to "
     "report to the Council on progress made no later than end December 2019;", "no later than end December 2019",
     True),
    # tests/corpus 25 (GPAI guidelines), line 360
    ("The AI Office is therefore dedicated to supporting providers in taking the necessary steps to comply with "
     "their obligations by 2 August 2027.", "2 August 2027", True),
    # tests/corpus 05: an article between the word and the date, far into a long motion
    (KATHMANN, "eerste kwartaal van 2026", True),
    # seed 001, lines 439-440: a date planned for, no deadline
    ("Naar verwachting komt dit onderwerp ook terug op de formele Telecomraad die staat gepland voor begin "
     "december 2021.", "begin december 2021", False),
    # seed 000, line 15: no deadline word at all
    ("Dit comité rondde haar werk af op 2 december 2021 en concludeerde dat er een Raad van Europa instrument "
     "nodig is met fundamentele principes voor de bescherming van menselijke waardigheid en het respect voor "
     "mensenrechten, democratie en de rechtsstaat bij de ontwikkeling, het ontwerp en het gebruik van "
     "AI-systemen.", "2 december 2021", False),
])
def test_a_deadline_is_a_deadline_word_right_before_the_date_with_no_planning_word_before_it(text, date_text,
                                                                                         expected):
    assert status._deadline(mention_of(text, date_text), text) is expected


def test_a_deadline_in_an_undated_text_lies_ahead():
    text = ("Uiterlijk op 2 augustus 2025 en vervolgens om de twee jaar, brengen de lidstaten aan de Commissie "
            "verslag uit over de stand van zaken met betrekking tot de financiële en personele middelen van de "
            "nationale bevoegde autoriteiten, met een beoordeling van de toereikendheid ervan.")  # tests/corpus 09
    assert status.status(mention_of(text, "2 augustus 2025"), text, None) == "planned"


# -- the date against the document's own date ---------------------------------------------------------

CAI = ("De CAI heeft de opdracht om tussen 2022 en 2024 een onderhandelingsproces op te zetten over een "
       "(kader)verdrag dat de ontwikkeling, het ontwerp en de toepassing van AI-systemen reguleert en dat "
       "gebaseerd is op de standaarden van de Raad van Europa op het gebied van mensenrechten, democratie en de "
       "rechtsstaat.")  # seed 000, line 24
FUNDING = ("Tot en met 2023 is financiering hiervoor beschikbaar gesteld vanuit regionale, nationale en Europese "
           "middelen.")  # seed 001, line 1130


@pytest.mark.parametrize("text, date_text, doc_date, expected", [
    # a period is running on its first and its last day, not yet before and no more after
    (CAI, "tussen 2022 en 2024", date(2021, 12, 31), "planned"),
    (CAI, "tussen 2022 en 2024", date(2022, 1, 1), "ongoing"),
    (CAI, "tussen 2022 en 2024", date(2024, 12, 31), "ongoing"),
    (CAI, "tussen 2022 en 2024", date(2025, 1, 1), "happened"),
    (FUNDING, "Tot en met 2023", date(2022, 12, 31), "planned"),
    (FUNDING, "Tot en met 2023", date(2023, 1, 1), "ongoing"),
    (FUNDING, "Tot en met 2023", date(2023, 12, 31), "ongoing"),
    (FUNDING, "Tot en met 2023", date(2024, 1, 1), "happened"),
])
def test_a_period_holds_the_document_s_date_from_its_first_day_to_its_last(text, date_text, doc_date, expected):
    assert status.status(mention_of(text, date_text, doc_date), text, doc_date) == expected


@pytest.mark.parametrize("text, date_text, doc_date", [
    # seed 003 (12 December 2025): "momenteel" says nothing of a date after the document
    ("Deelname aan de volgende AI Impact Summit (februari 2026, New Delhi, India) wordt momenteel overwogen.",
     "februari 2026", date(2025, 12, 12)),
    # seed 002 (6 June 2024), lines 240-242: nor does a perfect tense
    ("Hiervan is met de Tweede Kamer afgesproken dat voor zover het de Rijksoverheid betreft, ten minste alle "
     "hoog-risico algoritmes eind 2025 in het register zijn gepubliceerd.14", "eind 2025", date(2024, 6, 6)),
])
def test_a_date_after_the_document_s_date_is_planned_whatever_its_words(text, date_text, doc_date):
    assert status.status(mention_of(text, date_text, doc_date), text, doc_date) == "planned"
