"""Date expressions from the seeds, found and normalized as DESIGN.md prescribes."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events import dates
from events.dates import find_dates
from tests.conftest import seed_text

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


def span(text, doc_date, tense):
    """The one date of `text`: its interval, precision and whether it was resolved against the document's date."""
    found = find_dates(text, doc_date, lambda b, e: tense)
    assert len(found) == 1, [m.text for m in found]
    return found[0].start.isoformat(), found[0].end.isoformat(), found[0].precision, found[0].relative


NOV_2023 = date(2023, 11, 15)
THU_23_MAY_2024 = date(2024, 5, 23)


@pytest.mark.parametrize("text, doc_date, tense, expected", [
    # quarters and halves, written out and counted from the document's date across a new year
    ("Het verslag volgt in het derde kwartaal van 2023.", MARCH_2023, "future", ("2023-07-01", "2023-09-30", "quarter", False)),
    ("De norm verschijnt in Q4 2023.", MARCH_2023, "future", ("2023-10-01", "2023-12-31", "quarter", False)),
    ("Het kabinet rapporteert volgend kwartaal over de voortgang.", NOV_2023, "future",
     ("2024-01-01", "2024-03-31", "quarter", True)),
    ("Vorig kwartaal is de consultatie gesloten.", date(2024, 2, 5), "past", ("2023-10-01", "2023-12-31", "quarter", True)),
    ("In de tweede helft van 2023 volgt de evaluatie.", MARCH_2023, "future", ("2023-07-01", "2023-12-31", "half", False)),
    ("In de eerste helft van volgend jaar volgt de evaluatie.", NOV_2023, "future", ("2024-01-01", "2024-06-30", "half", True)),
    ("In de eerste helft van dit jaar volgt het besluit.", date(2024, 2, 1), "future",
     ("2024-01-01", "2024-06-30", "half", True)),
    # months, weeks and days counted from the document's date
    ("Vorige maand is de consultatie gesloten.", date(2024, 1, 10), "past", ("2023-12-01", "2023-12-31", "month", True)),
    ("Volgende maand start de consultatie.", date(2023, 12, 10), "future", ("2024-01-01", "2024-01-31", "month", True)),
    ("Volgende week stemt de Kamer.", THU_23_MAY_2024, "future", ("2024-05-27", "2024-06-02", "days", True)),
    ("Morgen stemt de Kamer over de motie.", THU_23_MAY_2024, "future", ("2024-05-24", "2024-05-24", "day", True)),
    ("Vorig jaar is de wet aangenomen.", THU_23_MAY_2024, "past", ("2023-01-01", "2023-12-31", "year", True)),
    ("Later this year the AI Office will publish its guidelines.", THU_23_MAY_2024, "future",
     ("2024-05-23", "2024-12-31", "year", True)),
    ("Begin volgend jaar volgt het besluit.", date(2023, 6, 1), "future", ("2024-01-01", "2024-03-31", "quarter", True)),
    # weekdays: the one before or after the document's day, never that day itself when "vorige"/"volgende"
    ("Vorige dinsdag stemde de Kamer.", THU_23_MAY_2024, "past", ("2024-05-21", "2024-05-21", "day", True)),
    ("Volgende dinsdag stemt de Kamer.", THU_23_MAY_2024, "future", ("2024-05-28", "2024-05-28", "day", True)),
    ("Op donderdag stemde de Kamer.", THU_23_MAY_2024, "past", ("2024-05-23", "2024-05-23", "day", True)),
    ("Op donderdag stemt de Kamer.", THU_23_MAY_2024, "neutral", ("2024-05-23", "2024-05-23", "day", True)),
    ("Volgende donderdag stemt de Kamer.", THU_23_MAY_2024, "future", ("2024-05-30", "2024-05-30", "day", True)),
    ("Vorige donderdag stemde de Kamer.", THU_23_MAY_2024, "past", ("2024-05-16", "2024-05-16", "day", True)),
    # seasons seen from a document written in winter; a winter runs into the next year
    ("Afgelopen winter is het verdrag besproken.", date(2024, 2, 5), "past", ("2022-12-01", "2023-02-28", "season", True)),
    ("Deze winter wordt het verdrag besproken.", date(2024, 2, 5), "neutral", ("2023-12-01", "2024-02-29", "season", True)),
    ("Komende winter wordt het verdrag besproken.", date(2024, 2, 5), "future", ("2024-12-01", "2025-02-28", "season", True)),
    ("Deze zomer wordt het verdrag besproken.", date(2024, 2, 5), "neutral", ("2024-06-01", "2024-08-31", "season", True)),
    # the begin, middle or end of a season, a year, a month
    ("Eind zomer 2022 verscheen het rapport.", MARCH_2023, "past", ("2022-08-01", "2022-08-31", "month", False)),
    ("Begin winter 2023 verschijnt het rapport.", MARCH_2023, "future", ("2023-12-01", "2023-12-31", "month", False)),
    ("Eind winter 2023 verschijnt het rapport.", MARCH_2023, "future", ("2024-02-01", "2024-02-29", "month", False)),
    ("Medio 2023 verschijnt het rapport.", MARCH_2023, "future", ("2023-06-01", "2023-08-31", "quarter", False)),
    ("Begin 2024 verschijnt het rapport.", MARCH_2023, "future", ("2024-01-01", "2024-03-31", "quarter", False)),
    ("Begin maart 2023 verscheen het rapport.", MARCH_2023, "past", ("2023-03-01", "2023-03-10", "days", False)),
    ("Medio maart 2023 verschijnt het rapport.", MARCH_2023, "future", ("2023-03-11", "2023-03-20", "days", False)),
    ("Eind februari 2024 verschijnt het rapport.", MARCH_2023, "future", ("2024-02-21", "2024-02-29", "days", False)),
    # spans across months and a new year, with the year written once
    ("Van november 2023 tot februari 2024 loopt de consultatie.", MARCH_2023, "future",
     ("2023-11-01", "2024-02-29", "month", False)),
    ("Van november tot februari 2024 loopt de consultatie.", MARCH_2023, "future", ("2023-11-01", "2024-02-29", "month", False)),
    ("Van 30 november tot 2 december 2023 vergadert de CAI.", MARCH_2023, "future", ("2023-11-30", "2023-12-02", "days", False)),
    ("Van 28 december tot 3 januari 2024 is het reces.", MARCH_2023, "future", ("2023-12-28", "2024-01-03", "days", False)),
    ("Van 30 december tot 2 januari is het reces.", MARCH_2023, "future", ("2023-12-30", "2024-01-02", "days", True)),
    # a day without its year: this year when neutral, the next one when it is still to come
    ("Op 5 mei vergadert de Raad.", MARCH_2023, "neutral", ("2023-05-05", "2023-05-05", "day", True)),
    ("Op 10 januari besluit de Raad.", date(2023, 11, 20), "future", ("2024-01-10", "2024-01-10", "day", True)),
    ("Het besluit van 2024-03-13 is gepubliceerd.", date(2024, 5, 6), "past", ("2024-03-13", "2024-03-13", "day", False)),
    ("The report was published on March 5th, 2024.", date(2024, 5, 6), "past", ("2024-03-05", "2024-03-05", "day", False)),
])
def test_each_kind_of_expression_resolves_to_its_interval(text, doc_date, tense, expected):
    assert span(text, doc_date, tense) == expected


@pytest.mark.parametrize("text, doc_date, tense, expected", [
    ("In de eerste maanden van 2024 volgt het besluit.", MARCH_2023, "future", ("2024-01-01", "2024-03-31", "quarter", False)),
    ("In december vorig jaar bereikten de onderhandelaars een akkoord.", date(2024, 2, 5), "past",
     ("2023-12-01", "2023-12-31", "month", True)),
    ("Eind december vorig jaar bereikten de onderhandelaars een akkoord.", date(2024, 2, 5), "past",
     ("2023-12-21", "2023-12-31", "days", True)),
    ("Afgelopen maart bereikten de onderhandelaars een akkoord.", date(2024, 6, 5), "past",
     ("2024-03-01", "2024-03-31", "month", True)),
    ("Eind afgelopen maart bereikten de onderhandelaars een akkoord.", date(2024, 6, 5), "past",
     ("2024-03-21", "2024-03-31", "days", True)),
    ("Begin afgelopen zomer bereikten de onderhandelaars een akkoord.", date(2024, 6, 5), "past",
     ("2023-06-01", "2023-06-30", "month", True)),
    ("Medio volgend voorjaar vergadert de Raad.", date(2024, 2, 5), "future", ("2024-04-01", "2024-04-30", "month", True)),
    # the clause's tense picks the year of a season or month written without one
    ("In de zomer vergaderde de Raad.", date(2024, 3, 1), "past", ("2023-06-01", "2023-08-31", "season", True)),
    ("In juni vergaderde de Raad.", date(2024, 3, 1), "past", ("2023-06-01", "2023-06-30", "month", True)),
    ("In november vergadert de Raad.", date(2024, 12, 10), "future", ("2025-11-01", "2025-11-30", "month", True)),
    ("In het derde kwartaal vergadert de Raad.", MARCH_2023, "future", ("2023-07-01", "2023-09-30", "quarter", True)),
    ("In de tweede helft van het jaar vergadert de Raad.", date(2024, 3, 6), "future",
     ("2024-07-01", "2024-12-31", "half", True)),
    ("Op 29 februari vergadert de Raad.", date(2024, 2, 1), "future", ("2024-02-29", "2024-02-29", "day", True)),
    ("Earlier this year the AI Office opened its consultation.", THU_23_MAY_2024, "past",
     ("2024-01-01", "2024-05-23", "year", True)),
    ("Eind vorig jaar bereikten de onderhandelaars een akkoord.", date(2024, 2, 5), "past",
     ("2023-10-01", "2023-12-31", "quarter", True)),
    ("De CAI werkt tussen 2022 en 2024 aan een verdrag.", THU_23_MAY_2024, "past",
     ("2022-01-01", "2024-12-31", "multi-year", False)),
    ("The 2023-24 session of the General Assembly adopted the resolution.", THU_23_MAY_2024, "past",
     ("2023-01-01", "2024-12-31", "multi-year", False)),
])
def test_parts_of_relative_months_and_seasons_and_years_told_by_tense(text, doc_date, tense, expected):
    assert span(text, doc_date, tense) == expected


@pytest.mark.parametrize("text, doc_date, tense, expected", [
    # on the first or last day of a season, that season is this one, not the last or the coming
    ("Afgelopen zomer is het verdrag besproken.", date(2024, 8, 31), "past", "2023-06-01"),
    ("Komende zomer wordt het verdrag besproken.", date(2024, 6, 1), "future", "2025-06-01"),
    ("Deze winter wordt het verdrag besproken.", date(2024, 2, 29), "neutral", "2023-12-01"),
    ("Komende zomer wordt het verdrag besproken.", date(2024, 9, 15), "future", "2025-06-01"),
    ("In het huidige jaar volgt het besluit.", date(2024, 2, 5), "future", "2024-01-01"),
    ("Het besluit volgt in het huidige kwartaal.", date(2024, 5, 5), "future", "2024-04-01"),
    ("De verordening is op 13 maart jl. goedgekeurd.", date(2024, 2, 15), "neutral", "2023-03-13"),
])
def test_the_edges_of_this_last_and_next(text, doc_date, tense, expected):
    assert span(text, doc_date, tense)[0] == expected


def test_the_clause_runs_from_the_last_mark_before_the_date_to_the_first_after():
    text = "Zo meldt de Commissie, na overleg, op 2 augustus 2026 treedt titel X in werking, zegt zij, en verder"
    begin = text.index("2 augustus")
    assert dates.clause_around(text, begin, begin + 15) == " op 2 augustus 2026 treedt titel X in werking"
    text = "Titel XII: Op 2 augustus 2026 treedt die in werking"
    begin = text.index("2 augustus")
    assert dates.clause_around(text, begin, begin + 15) == " Op 2 augustus 2026 treedt die in werking"


@pytest.mark.parametrize("text", ["Gisteren stemde de Kamer.", "Volgende week stemt de Kamer.", "Op dinsdag stemt de Kamer.",
                                  "Vorig kwartaal sloot de consultatie.", "Vorige maand sloot de consultatie.",
                                  "In juni vergaderde de Raad.", "Afgelopen maart kwam de Raad bijeen."])
def test_a_date_relative_to_an_undated_document_is_no_date(text):
    assert find_dates(text, None, lambda b, e: "past") == []


@pytest.mark.parametrize("text, expected", [
    ("De Raad besluit op 1 april of 1 juni 2024.", [("1 april", "2024-04-01"), ("1 juni 2024", "2024-06-01")]),
    ("Begin april en eind juni 2023 vergadert de CAI.", [("Begin april", "2023-04-01"), ("eind juni 2023", "2023-06-21")]),
    # a date marked as past keeps its own year
    ("In maart jl. en juni 2023 vergaderde de CAI.", [("maart jl.", "2022-03-01"), ("juni 2023", "2023-06-01")]),
    ("Op 3 maart 2023 en in april en juni 2024 vergadert de CAI.",
     [("3 maart 2023", "2023-03-03"), ("april", "2024-04-01"), ("juni 2024", "2024-06-01")]),
])
def test_a_day_or_a_part_of_a_month_borrows_the_year_of_its_partner(text, expected):
    found = find_dates(text, date(2022, 8, 6), lambda b, e: "past")
    assert [(m.text, m.start.isoformat()) for m in found] == expected
    assert [m.relative for m in found] == ["jl." in m.text for m in found]


_DAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 6),
       st.sampled_from([("Vorige", "past", -7, -1), ("Volgende", "future", 1, 7), ("Op", "past", -6, 0),
                        ("Op", "neutral", 0, 6)]))
def test_a_weekday_is_the_nearest_one_on_its_side_of_the_document_s_day(doc_date, weekday, how):
    lead, tense, first, last = how
    day = span(f"{lead} {_DAGEN[weekday]} stemt de Kamer over de motie.", doc_date, tense)[0]
    assert date.fromisoformat(day).weekday() == weekday
    assert first <= (date.fromisoformat(day) - doc_date).days <= last


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.sampled_from(["zomer", "winter", "voorjaar", "najaar"]))
def test_last_this_and_next_season_lie_before_around_and_after_the_document_s_day(doc_date, season):
    last = span(f"Afgelopen {season} is het verdrag besproken.", doc_date, "past")
    this = span(f"Deze {season} wordt het verdrag besproken.", doc_date, "neutral")
    coming = span(f"Komende {season} wordt het verdrag besproken.", doc_date, "future")
    assert last[1] < doc_date.isoformat() < coming[0]
    assert last[0] <= this[0] <= coming[0]  # "deze zomer" in January is the coming one, in September the last
    assert this[0] <= doc_date.isoformat() <= this[1] or this[0][:4] == str(doc_date.year)
    assert {p[2] for p in (last, this, coming)} == {"season"}


@pytest.mark.parametrize("text, tense, expected", [
    # "jl." and "a.s." say which side of the document's date, whatever the clause's tense
    ("De verordening is op 13 maart jl. goedgekeurd.", "neutral", "2024-03-13"),
    ("De Raad besluit op 13 september a.s. over het voorstel.", "neutral", "2024-09-13"),
    ("De Raad besluit op 13 maart a.s. over het voorstel.", "neutral", "2025-03-13"),
    # the document's own day is past and future alike
    ("Op 15 juni vergaderde de Raad.", "past", "2024-06-15"),
    ("Op 15 juni vergadert de Raad.", "future", "2024-06-15"),
    ("In juni vergaderde de Raad.", "past", "2024-06-01"),  # the month under way has begun
])
def test_a_date_without_its_year_takes_the_nearest_on_the_side_its_words_say(text, tense, expected):
    assert span(text, date(2024, 6, 15), tense)[0] == expected


def test_a_range_that_ends_before_it_starts_is_no_date():
    assert find_dates("Van 21 tot 19 april 2023 werkt de plenaire vergadering aan de Preambule.", MARCH_2023) == []


@pytest.mark.parametrize("text, prefix", [
    ("De verordening geldt met ingang van 1 januari 2025.", "from"),
    ("De consultatie loopt tot en met 30 april 2024.", "until"),
])
def test_a_prefix_of_several_words_is_named(text, prefix):
    assert [m.prefix for m in find_dates(text, MARCH_2023)] == [prefix]


def test_clause_around_is_what_stands_between_the_marks_around_a_date():
    text = "Op 2 augustus 2026 treedt hoofdstuk XII in werking, zo meldt de Commissie; de rest volgt: later"
    assert dates.clause_around(text, 3, 18) == "Op 2 augustus 2026 treedt hoofdstuk XII in werking"
    text = "Zo meldt de Commissie, op 2 augustus 2026 treedt hoofdstuk XII in werking; de rest volgt"
    begin = text.index("2 augustus")
    assert dates.clause_around(text, begin, begin + 15) == " op 2 augustus 2026 treedt hoofdstuk XII in werking"
    assert dates.clause_around("Sinds april 2022 werkt het comité", 0, 16) == "Sinds april 2022 werkt het comité"


_SEED_WORDS = seed_text("000").split()
_LONG_WORD = "https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?id=2023Z03945&did=2023D09134"


@given(st.lists(st.one_of(st.sampled_from(_SEED_WORDS), st.sampled_from(["was", "announced", "adopted", _LONG_WORD])),
                max_size=60),
       st.integers(0, 3))
def test_matches_at_end_answers_as_a_search_of_all_the_text_before(words, cut):
    """Read in the last 200 characters only, unless they hold too few words: the same answer."""
    text = " ".join(words) + " "
    for end in {len(text), max(0, len(text) - cut), len(text) - len(text.rstrip()) + 1}:
        expected = bool(dates._REPORTED_TODAY.search(text[:end]))
        assert dates.matches_at_end(dates._REPORTED_TODAY, text, end, 2) == expected, (text[:end][-80:], end)


@pytest.mark.parametrize("text, expected", [
    # a date in a web address is part of the address; one after it, or between two, is a date
    ("Zie https://www.rijksoverheid.nl/documenten/rapporten/2021/04/30/code-goed-digitaal-openbaar-bestuur, "
     "gepubliceerd op 30 april 2021.", ["30 april 2021"]),
    ("Zie https://www.rijksoverheid.nl/kamerstukken en "
     "https://www.rijksoverheid.nl/documenten/rapporten/2021/04/30/code-goed-digitaal-openbaar-bestuur", []),
    ("Op 3 mei 2024 verscheen https://www.rijksoverheid.nl/documenten/rapporten/2021/04/30/code en op 4 mei 2024 "
     "https://www.overheid.nl/x.", ["3 mei 2024", "4 mei 2024"]),
])
def test_dates_inside_web_addresses_are_not_dates_but_those_beside_them_are(text, expected):
    assert [m.text for m in find_dates(text, JUNE_2024)] == expected


@pytest.mark.parametrize("text, tense, expected", [
    ("In de zomer en najaar 2023 vergadert de CAI.", "past", [("zomer", "2023-06-01"), ("najaar 2023", "2023-09-01")]),
    ("In april en van juni tot augustus 2023 vergadert de CAI.", "past",
     [("april", "2023-04-01"), ("van juni tot augustus 2023", "2023-06-01")]),
    # not joined to the dated one, or dated of its own: no year is borrowed
    ("In april sprak de Raad over de planning voor juni 2023.", "past", [("april", "2022-04-01"), ("juni 2023", "2023-06-01")]),
    ("In maart a.s. en juni 2024 vergadert de CAI.", "neutral", [("maart a.s.", "2023-03-01"), ("juni 2024", "2024-06-01")]),
    ("Op 1 april 2023 of 1 juni 2024 vergadert de CAI.", "past", [("1 april 2023", "2023-04-01"), ("1 juni 2024", "2024-06-01")]),
    # "may" the verb is no month; a month without a year needs a word before it, or jl./a.s.
    ("The Member States may 2024 decide.", "past", [("2024", "2024-01-01")]),
    ("Het rapport van maart geeft een overzicht.", "past", []),
    ("Maart jl. was een drukke maand voor de Raad.", "past", [("Maart jl.", "2022-03-01")]),
    # "today" opening a sentence, or reported at the end of a long one, is the document's day
    ("Today the Commission announced the AI Pact.", "past", [("Today", "2022-08-06")]),
    ("The Commission, after long consultations with the Member States, the European Parliament, the social partners, "
     "the standardisation bodies and the many organisations of civil society that took part in the hearings, "
     "announced today the AI Pact.", "past", [("today", "2022-08-06")]),
    ("AI systems today are more capable than on 3 May 2022.", "past", [("3 May 2022", "2022-05-03")]),
])
def test_which_words_are_dates_and_which_year_they_take(text, tense, expected):
    found = find_dates(text, date(2022, 8, 6), lambda b, e: tense)
    assert [(m.text, m.start.isoformat()) for m in found] == expected
    if text.startswith("In april en van juni"):
        assert found[0].kind == "month_year"  # a month that borrowed a year is a month of that year


def test_each_date_is_resolved_in_the_tense_of_its_own_clause():
    text = "In maart vergaderde de Raad, in mei vergadert de Raad opnieuw."

    def tense(begin, end):
        return "past" if "vergaderde" in dates.clause_around(text, begin, end) else "future"
    found = find_dates(text, date(2024, 4, 1), tense)
    assert [(m.text, m.start.isoformat()) for m in found] == [("maart", "2024-03-01"), ("mei", "2024-05-01")]
    found = find_dates(text, date(2024, 6, 1), tense)
    assert [(m.text, m.start.isoformat()) for m in found] == [("maart", "2024-03-01"), ("mei", "2025-05-01")]


def corpus_line(number: str, line: int) -> str:
    from tests.conftest import corpus_text
    return corpus_text(number).splitlines()[line - 1]


@pytest.mark.parametrize("text, expected", [
    # a number right before a word that opens a range does not make the range part of it
    (corpus_line("30", 14), [("tussen 2017 en 2023", "year_range")]),  # "de Staat van de Uitvoering 2024 tussen ..."
    ("Het budget steeg in de periode 1.200 tussen 2019 en 2021.", [("tussen 2019 en 2021", "year_range")]),
    # ... a number right before the year itself does ("Resolution 2341 (2020)", a phone number)
    ("See Resolution 2341 (2020) of the Assembly.", []),
    ("Bel 070 2024 voor meer informatie.", []),
])
def test_a_number_before_a_year_joins_it_only_where_nothing_stands_between(text, expected):
    found = [(m.text, m.kind) for m in find_dates(text, None)]
    assert found == expected
