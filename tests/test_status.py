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


KATHMANN = motion("05", 12, 18)  # tests/corpus 05, 32 761 nr. 325


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
