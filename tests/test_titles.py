"""Titles: short, whole, naming who does what, from the sentence's own words."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events import actors, event_types, status, titles
from events.dates import find_dates
from events.titles import MAX_LENGTH, build_title, language, subject_first, title_problems

MARCH_2023 = date(2023, 3, 6)


def title_of(text, doc_date=MARCH_2023, lang="nl", kind=None):
    mentions = find_dates(text, doc_date, lambda b, e: status.clause_tense(text, b, e))
    found = actors.institutions_in(text)
    kind = kind or event_types.event_type(mentions[0], text)
    return build_title(mentions[0], text, found, mentions[1:], kind, lang)


@pytest.mark.parametrize("text, doc_date, lang", [
    ("Tijdens de vierde plenaire vergadering van 1 tot 3 februari 2023 heeft de CAI besloten de ‘nulversie’ van het "
     "verdrag openbaar te maken.", MARCH_2023, "nl"),
    ("5 BESLUIT (EU) 2022/2349 VAN DE RAAD van 21 november 2022 houdende machtiging tot het openen van "
     "onderhandelingen namens de Europese Unie over een verdrag van de Raad van Europa inzake artificiële "
     "intelligentie, mensenrechten, democratie en de rechtsstaat (PbEU 2022, L311/138).", MARCH_2023, "nl"),
    ("Conform de toezegging naar aanleiding van de vraag van het lid Prins (CDA) van Uw Kamer9 is een eerste versie "
     "van dit kader in de zomer van 2023 naar beide Kamers gestuurd.10", date(2024, 6, 6), "nl"),
    ("5 FOC Joint Statement on COVID-19 and Internet Freedom, mei 2020 "
     "(https://freedomonlinecoalition.com/wp-content/uploads/2020/05/FOC-Joint-Statement-on-", date(2021, 2, 9), "nl"),
    ("Den Haag, 12 december 2025", date(2025, 12, 12), "nl"),
    ("Building on the progress made by relevant ministers on the Hiroshima AI Process, including the G7 Digital & "
     "Tech Ministers’ Statement issued on September 7, 2023, we welcome the Hiroshima Process International Guiding "
     "Principles.", date(2023, 10, 30), "en"),
])
def test_titles_of_seed_and_corpus_sentences_break_no_rule(text, doc_date, lang):
    title = title_of(text, doc_date, lang)
    assert title_problems(title, text) == [], title
    assert len(title) <= MAX_LENGTH and not title.endswith("…")


def test_a_title_names_the_actor_and_leaves_out_the_dates():
    text = ("Tijdens de vierde plenaire vergadering van 1 tot 3 februari 2023 heeft de CAI besloten "
            "de ‘nulversie’ openbaar te maken.")
    title = title_of(text)
    assert "2023" not in title and "februari" not in title and "CAI" in title


def test_the_actor_goes_first_where_the_clause_does_not_name_it():
    text = "Op 1 februari jl. is een internetconsultatie van start gegaan waar burgers konden reflecteren."
    mentions = find_dates(text, date(2024, 6, 6), lambda b, e: status.clause_tense(text, b, e))
    found = actors.institutions_in("Het ministerie van Justitie en Veiligheid")
    title = build_title(mentions[0], text, found, [], "consultation", "nl")
    assert title.startswith("Ministerie van Justitie en Veiligheid: ") and "internetconsultatie" in title


def test_a_dateline_gets_the_actor_and_the_type_in_the_documents_language():
    text = "Den Haag, 12 december 2025"
    mentions = find_dates(text, date(2025, 12, 12), lambda b, e: status.clause_tense(text, b, e))
    found = actors.institutions_in("het kabinet")
    assert build_title(mentions[0], text, found, [], "letter", "nl") == "Kabinet: brief"
    assert build_title(mentions[0], text, found, [], "letter", "en") == "Dutch cabinet: letter"


def test_the_checker_finds_what_a_title_must_not_be():
    quote = "Tevens zend ik u de ‘nulversie’ van het verdrag, die op 1-3 februari 2023 openbaar is gemaakt."
    assert "starts on a pronoun" in title_problems("Ik u de ‘nulversie’ van het verdrag", quote)
    assert "cut short" in title_problems("CAI: zend ik u de ‘nulversie’ van het…", quote)
    assert "the opening of a letter" in title_problems("Den Haag", "Den Haag, 12 december 2025")


def test_language_by_common_words():
    assert language("De Commissie heeft het voorstel van de verordening gepresenteerd.") == "nl"
    assert language("The Commission shall report to the European Parliament and the Council.") == "en"


@pytest.mark.parametrize("clause, expected", [
    # seed 004: "Verder heeft de NAVO tijdens de Defensie Ministeriele Conferentie in 2019 ... aangenomen"
    ("heeft de NAVO tijdens de Defensie Ministeriele Conferentie", "De NAVO heeft tijdens de Defensie Ministeriele Conferentie"),
    # seed 000: "Van 19 tot 21 april 2023 werkt de plenaire vergadering aan de Preambule ..."
    ("werkt de plenaire vergadering aan de Preambule", "De plenaire vergadering werkt aan de Preambule"),
    ("zal de plenaire vergadering van de CAI dan alles moeten samenvoegen",
     "De plenaire vergadering van de CAI zal dan alles moeten samenvoegen"),
    ("In deze mededeling geeft de Commissie een toelichting", "De Commissie geeft in deze mededeling een toelichting"),
    # a capital opens a name, not a verb; a list of words without a stop keeps its order
    ("Nederland de gezamenlijke verklaring van de Freedom Online Coalition",
     "Nederland de gezamenlijke verklaring van de Freedom Online Coalition"),
    ("hebben beide landen beleidsvisies uitgebracht met sterke componenten",
     "hebben beide landen beleidsvisies uitgebracht met sterke componenten"),
])
def test_a_dutch_clause_opened_by_its_verb_puts_its_subject_first(clause, expected):
    assert subject_first(clause) == expected


@given(st.sampled_from(["raad", "Raad", "AI", "de", "comité", "ſtaat", "İs", "2e", "x"]),
       st.lists(st.sampled_from(["raad", "Raad", "RAAD", "raadgever", "adviesraad", "AI", "ai-", "de", "comité",
                                 "comitéS", "ſtaat", "staat", "İs", "is", "2e", "x", " ", "-", "_", "1", "’"]),
                max_size=8).map("".join))
def test_a_word_inside_longer_words_only_is_told_as_the_patterns_tell_it(word, quote):
    escaped = re.escape(word)
    expected = bool(re.search(escaped, quote, re.IGNORECASE)) \
        and not re.search(rf"(?<![^\W\d_]){escaped}(?![^\W\d_])", quote, re.IGNORECASE)
    assert titles._inside_words_only(word, quote) == expected


def _pieces_of_titles():
    raw = titles._WORDS
    words = [*raw["hole_prepositions"], *raw["date_prepositions"], *titles._ARTICLES, *raw["trailing_words"],
             *raw["lead_words"]]
    return st.lists(st.one_of(st.sampled_from(sorted(set(words))), st.sampled_from(
        [" ", "  ", "\n", ",", ", ", ";", ":", ".", "(", ")", "-", "–", "'", "’", "[x]", "](", "http://", "www.",
         "_", "De", "DE", "Op", "ſ", "ı", "İ", "K", "é", "AB", "CD EF", "1", "12", "1234", "”", "»"]),
        st.text(max_size=3)), max_size=14).map("".join)


@given(_pieces_of_titles())
def test_the_quicker_readings_find_what_the_patterns_find(text):
    """The checks and cuts that are run by way of quicker patterns, reversed text or fewer
    characters give what the plain patterns give on the whole text."""
    raw, words = titles._WORDS, titles._title_words()
    hole = re.compile(rf"\s[,;:]\s*[,;:]|\b(?:{titles.alternatives(raw['hole_prepositions'])})\s*[,;.:)]|\s{{2,}}")
    assert bool(titles._HOLE_SPACES.search(text) or titles._HOLE_REVERSED.search(text[::-1])) == bool(hole.search(text))
    assert titles._without_trail(text, words) == (words.trail.sub("", text) if titles._may_trail(text) else text)
    assert titles._without_dangling(text) == titles._DANGLING_PREPOSITION.sub("", text)
    footnote = re.compile(r"(?<=[^\W\d_])\d{1,3}\b|(?<=[^\W\d_][”’»\".,;:)])\d{1,3}\b|^\d{1,3}\s+")
    assert titles._FOOTNOTE.sub("", text) == footnote.sub("", text)
    capitals = re.compile(r"\b[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]*){2,}\b")
    assert titles._CAPITALS.sub(titles._sentence_case, text) == capitals.sub(titles._sentence_case, text)
    assert titles._lower_words(text) == [w.lower() for w in titles._WORD.findall(text)]
    assert titles._clause("", text) == " ".join(re.split(r"[;:]\s|\s\(\d+\)|\.\s", text)[0].split()[:16])
