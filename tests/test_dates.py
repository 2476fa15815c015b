"""Date expressions from the seeds, found and normalized as DESIGN.md prescribes."""

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import dates
from events.dates import find_dates

MARCH_2023 = date(2023, 3, 6)  # seed 000
JUNE_2024 = date(2024, 6, 6)  # seed 002
DEC_2025 = date(2025, 12, 12)  # seed 003


def only(text, doc_date=MARCH_2023, tense="neutral"):
    found = find_dates(text, doc_date, lambda b, e: tense)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    return m.text, m.start.isoformat(), m.end.isoformat(), m.precision


@pytest.mark.parametrize("text, expected", [
    ("Tevens zend ik u de ‘nulversie’ van het verdrag, die op 1-3 februari 2023 openbaar is gemaakt.",
     ("1-3 februari 2023", "2023-02-01", "2023-02-03", "days")),
    ("Van 19 tot 21 april 2023 werkt de plenaire vergadering aan de Preambule.",
     ("Van 19 tot 21 april 2023", "2023-04-19", "2023-04-21", "days")),
    ("Dit comité rondde haar werk af op 2 december 2021 en concludeerde dat er een instrument nodig is.",
     ("2 december 2021", "2021-12-02", "2021-12-02", "day")),
    ("Het streven is om eind 2023 de onderhandelingen af te ronden.",
     ("eind 2023", "2023-10-01", "2023-12-31", "quarter")),
    ("Sinds april 2022 werkt het comité voor Artificiële intelligentie (CAI) van de Raad van Europa aan een verdrag.",
     ("Sinds april 2022", "2022-04-01", "2022-04-30", "month")),
    ("De CAI heeft de opdracht om tussen 2022 en 2024 een onderhandelingsproces op te zetten.",
     ("tussen 2022 en 2024", "2022-01-01", "2024-12-31", "multi-year")),
    ("De ARK verwacht medio zomer 2022 dit rapport te publiceren.",
     ("medio zomer 2022", "2022-07-01", "2022-07-31", "month")),
    ("Het kabinet verwacht in de eerste helft van 2022 een eindrapportage te kunnen opleveren.",
     ("eerste helft van 2022", "2022-01-01", "2022-06-30", "half")),
    ("wordt deze vanaf het najaar van 2021 toegankelijk gemaakt voor alle rijksambtenaren.",
     ("vanaf het najaar van 2021", "2021-09-01", "2021-11-30", "season")),
    ("Zie de Kabinetsreactie van 9.3.2020 over het Witboek.",
     ("9.3.2020", "2020-03-09", "2020-03-09", "day")),
])
def test_absolute_expressions(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text, doc_date, tense, expected", [
    ("De verordening is na plenaire stemming in het Europees Parlement op 13 maart jl. goedgekeurd.",
     JUNE_2024, "past", ("13 maart jl.", "2024-03-13", "2024-03-13", "day")),
    ("De Europese AI Apply strategie die in oktober jl. is uitgekomen.",
     DEC_2025, "past", ("oktober jl.", "2025-10-01", "2025-10-31", "month")),
    ("Afgelopen zomer hebben beide landen beleidsvisies uitgebracht.",
     DEC_2025, "past", ("Afgelopen zomer", "2025-06-01", "2025-08-31", "season")),
    ("Het Europees Parlement zal dit voorjaar zijn positie bepalen.",
     MARCH_2023, "future", ("dit voorjaar", "2023-03-01", "2023-05-31", "season")),
    ("De Global Digital Compact zal komend jaar worden herzien.",
     DEC_2025, "future", ("komend jaar", "2026-01-01", "2026-12-31", "year")),
    ("De rapportage zou begin dit jaar naar de Eerste Kamer worden gestuurd.",
     JUNE_2024, "neutral", ("begin dit jaar", "2024-01-01", "2024-03-31", "quarter")),
    ("De Commissie komt nog dit kwartaal met een voorstel.",
     date(2021, 2, 9), "future", ("dit kwartaal", "2021-01-01", "2021-03-31", "quarter")),
    # a month without a year: the tense decides which year
    ("Daarnaast zijn in maart de onderhandelingen over het AI-verdrag van de Raad van Europa afgerond.",
     JUNE_2024, "past", ("maart", "2024-03-01", "2024-03-31", "month")),
    ("In maart zal de Raad een besluit nemen.",
     date(2024, 6, 6), "future", ("maart", "2025-03-01", "2025-03-31", "month")),
])
def test_relative_expressions_resolve_against_the_document_date(text, doc_date, tense, expected):
    assert only(text, doc_date, tense) == expected


def test_a_month_without_year_borrows_the_year_of_its_partner():
    found = find_dates("In april en juni 2023 vinden nog vergaderingen plaats.", MARCH_2023)
    assert [(m.text, m.start.isoformat(), m.end.isoformat()) for m in found] == [
        ("april", "2023-04-01", "2023-04-30"), ("juni 2023", "2023-06-01", "2023-06-30")]


@pytest.mark.parametrize("text", [
    "1 Kamerstukken II 2021/22, 22112 nr. 3482",
    "Handelingen I 2022-2023, nr. 23, item 9 - blz. 27, T03667",
    "Voorstel voor een Verordening van het Europees Parlement en de Raad, COM(2021) 206",
    "Verordening (EU) 2016/679 van het Europees Parlement",
    "zoals de Verordening Nr. 1025/2012 betreffende Europese normalisatie",
    "Zie SWD (2021) 84 Final PART 1, paragraaf 6.1.3, pagina 65",
    "7 https://www.rijksoverheid.nl/documenten/rapporten/2021/04/30/code-goed-digitaal-openbaar-bestuur",
    "Tweede Kamer, vergaderjaar 2023–2024, 26 643, nr. 1110",
    "zoals aangegeven in de Kamerbrief over de I-strategie Rijk 2021-20255",
    "presteert goed in verschillende rankings, zoals de Global Index on Responsible AI 2024.",
    "Deze leden vragen het kabinet (10-13) om een reactie.",
    "Het plan kost 2025 miljoen euro.",
    "De vergadering vindt plaats op 31 februari 2023.",
    "Het kabinet heeft dit het afgelopen jaar onderzocht.",
])
def test_citations_numbers_names_and_impossible_dates_are_not_dates(text):
    assert find_dates(text, MARCH_2023) == []


def test_an_institution_before_a_year_is_a_session_not_a_name():
    found = find_dates("tijdens de VN Mensenrechtenraad 2021 wordt de resolutie verlengd",
                       MARCH_2023, names=frozenset({"Mensenrechtenraad"}))
    assert [m.text for m in found] == ["2021"]


def test_prefixes_are_kept_and_named():
    found = find_dates("De consultatie liep tot 30 april 2024 en sinds 2019 wordt er gewerkt.", JUNE_2024)
    assert [(m.text, m.prefix) for m in found] == [("tot 30 april 2024", "until"), ("sinds 2019", "since")]


def test_english_expressions():
    found = find_dates("The committee met on 21–22 October 2021 and will report by early 2024.", MARCH_2023)
    assert [(m.text, m.start.isoformat(), m.end.isoformat()) for m in found] == [
        ("21–22 October 2021", "2021-10-21", "2021-10-22"), ("early 2024", "2024-01-01", "2024-03-31")]


def test_text_whose_length_changes_in_lower_case_is_still_read():
    # "İ".lower() is two characters: such text is searched as written, ignoring case
    found = find_dates("İstanbul: op 13 Maart 2023 sprak de RAAD VAN EUROPA; Q3 2024 volgt.", MARCH_2023)
    assert [(m.text, m.start.isoformat()) for m in found] == [("13 Maart 2023", "2023-03-13"), ("Q3 2024", "2024-07-01")]
    assert [m.text for m in find_dates("Istanbul: op 13 Maart 2023; Q3 2024 volgt.", MARCH_2023)] == [
        "13 Maart 2023", "Q3 2024"]


@pytest.mark.parametrize("text, doc_date, tense, expected", [
    # news and web text: weekdays, yesterday, weeks, a month of this or last year
    ("On Tuesday, the ministers gave their final approval to the AI Act.", date(2024, 5, 23), "past",
     ("Tuesday", "2024-05-21", "2024-05-21", "day")),
    ("The summit opens on Monday.", date(2024, 5, 23), "neutral", ("Monday", "2024-05-27", "2024-05-27", "day")),
    ("Gisteren heeft de Kamer gestemd over de motie.", date(2024, 5, 23), "past",
     ("Gisteren", "2024-05-22", "2024-05-22", "day")),
    ("Last week the Commission published its guidelines.", date(2024, 5, 23), "past",
     ("Last week", "2024-05-13", "2024-05-19", "days")),
    ("The Parliament is expected to vote in April this year.", date(2024, 2, 5), "future",
     ("April this year", "2024-04-01", "2024-04-30", "month")),
    ("De onderhandelaars bereikten eind december vorig jaar een voorlopig akkoord.", date(2024, 2, 5), "past",
     ("eind december vorig jaar", "2023-12-21", "2023-12-31", "days")),
    ("The process began in late November.", date(2024, 3, 1), "past",
     ("late November", "2023-11-21", "2023-11-30", "days")),
    ("Earlier this year the AI Office opened its consultation.", date(2024, 5, 23), "past",
     ("Earlier this year", "2024-01-01", "2024-05-23", "year")),
    ("The Council will decide by the end of the year.", date(2024, 5, 23), "future",
     ("end of the year", "2024-10-01", "2024-12-31", "quarter")),
    ("The deadline is Sept. 30.", date(2024, 5, 23), "neutral", ("Sept. 30", "2024-09-30", "2024-09-30", "day")),
    ("Rathenau Instituut (2022, juni). Opgave AI.", date(2024, 5, 23), "neutral",
     ("2022, juni", "2022-06-01", "2022-06-30", "month")),
    ("The 2023-24 session of the General Assembly adopted the resolution.", date(2024, 5, 23), "past",
     ("2023-24", "2023-01-01", "2024-12-31", "multi-year")),
    ("en de Kamer vóór het zomerreces te informeren", date(2024, 4, 22), "future",
     ("zomerreces", "2024-06-01", "2024-08-31", "season")),
])
def test_dates_written_without_their_year_or_as_news_and_web_pages_write_them(text, doc_date, tense, expected):
    assert only(text, doc_date, tense) == expected


@pytest.mark.parametrize("text", [
    "AI systems today are more capable than ever.",  # the present in general, not the document's day
    "These systems will fall under the high-risk category.",  # "fall" the verb
    "Kamerstukken II 2021/22, 26 643, nr. 835",  # a session year in a citation
])
def test_words_that_look_like_dates_are_not(text):
    assert find_dates(text, date(2024, 5, 23), lambda b, e: "neutral") == []


@pytest.mark.parametrize("text, doc_date, tense", [
    ("Op 29 februari vergadert de Raad.", date(2023, 3, 6), "neutral"),  # no 29 February in 2023
    ("Op 29 februari vergaderde de Raad.", date(2023, 3, 6), "past"),
    ("Van 30 tot 31 april werkt de CAI aan de tekst.", date(2023, 3, 6), "future"),
    ("Op 31 februari 2023 besluit de Raad.", date(2023, 3, 6), "neutral"),
])
def test_a_day_that_does_not_exist_is_no_date_and_no_error(text, doc_date, tense):
    assert find_dates(text, doc_date, lambda b, e: tense) == []


_FRAGMENTS = ["1", "2", "12", "21", "2023", "2024", "1999", "-", "–", " tot ", " t/m ", " en ", " to ", " and ", "/", ".",
              ", ", " ", "maart", "March", "mei", "May", "sept.", "zomer", "fall", "the fall", "eind", "begin", "medio",
              "eerste", "kwartaal", "Q3", "helft", "dit", "jaar", "afgelopen", "volgende", "week", "vandaag",
              "Tuesday", "jl.", "a.s.", "van", "tussen", "sinds", "uitgesteld", "ſ", "İ", "(", ")", "ste", "th"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=2)), max_size=14).map("".join))
def test_the_quick_tests_before_the_patterns_change_no_date(text):
    """A sentence is passed over without a search where none of its words anchors a date, the
    anchors are found without their pattern, a pattern is not run where the text lacks what
    each of its matches holds, and a look-ahead for their first letters leads some patterns:
    the dates found are those that running every pattern as written finds."""
    quick = dates.find_candidates.__wrapped__(text)
    anchors = re.compile(dates._ANCHOR_PATTERN)
    saved = dates._anchors, dates._NEEDED, dict(dates._NEEDS), dates._COMPILED
    try:
        dates._anchors = lambda lowered: [(m.start(), m.end(), m.lastgroup) for m in anchors.finditer(lowered)]
        dates._NEEDED = {}
        dates._COMPILED = [(kind, re.compile(rx)) for kind, rx in dates.PATTERNS]
        dates._NEEDS["year_range"] = [{"year"}]
        dates._runnable.cache_clear()
        assert list(dates.find_candidates.__wrapped__(text)) == list(quick)
    finally:
        dates._anchors, dates._NEEDED, dates._COMPILED = saved[0], saved[1], saved[3]
        dates._NEEDS.clear()
        dates._NEEDS.update(saved[2])
        dates._runnable.cache_clear()
