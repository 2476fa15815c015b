"""Dates as a reader writes them (dashboard/text.py date_label): the normalised interval, in the
interface language, at its precision, with its year; the date as written only chooses the words
of a part ("eind 2023"). Cases are dates of the seeds as the pipeline reads them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dashboard.text import MONTHS, date_label, wording

D = date


@pytest.mark.parametrize("written, start, end, precision, en, nl", [
    ("13 maart jl.", D(2024, 3, 13), D(2024, 3, 13), "day", "13 Mar 2024", "13 mrt 2024"),
    ("Van 19 tot 21 april 2023", D(2023, 4, 19), D(2023, 4, 21), "days", "19–21 Apr 2023", "19–21 apr 2023"),
    ("begin juli", D(2021, 7, 1), D(2021, 7, 10), "days", "early Jul 2021", "begin jul 2021"),
    ("maart", D(2024, 3, 1), D(2024, 3, 31), "month", "Mar 2024", "mrt 2024"),
    ("dit najaar", D(2021, 9, 1), D(2021, 11, 30), "season", "autumn 2021", "najaar 2021"),
    ("eind 2023", D(2023, 10, 1), D(2023, 12, 31), "quarter", "end of 2023", "eind 2023"),
    ("begin dit jaar", D(2024, 1, 1), D(2024, 3, 31), "quarter", "early 2024", "begin 2024"),
    ("dit kwartaal", D(2021, 1, 1), D(2021, 3, 31), "quarter", "Q1 2021", "1e kwartaal 2021"),
    ("eerste helft van 2022", D(2022, 1, 1), D(2022, 6, 30), "half", "first half of 2022", "eerste helft 2022"),
    ("dit jaar", D(2024, 1, 1), D(2024, 12, 31), "year", "2024", "2024"),
    ("2019–2021", D(2019, 1, 1), D(2021, 12, 31), "multi-year", "2019–2021", "2019–2021"),
])
def test_a_date_reads_as_a_reader_writes_it(written, start, end, precision, en, nl):
    assert date_label(start, end, precision, "en", written) == en
    assert date_label(start, end, precision, "nl", written) == nl


@pytest.mark.parametrize("start, end, en", [
    (D(2024, 3, 13), D(2024, 3, 13), "13 Mar 2024"),
    (D(2023, 2, 27), D(2023, 3, 2), "27 Feb – 2 Mar 2023"),
    (D(2022, 3, 1), D(2022, 4, 30), "Mar–Apr 2022"),
    (D(2023, 9, 1), D(2023, 11, 30), "autumn 2023"),
    (D(2023, 12, 1), D(2024, 2, 29), "winter 2023–2024"),
    (D(2025, 7, 1), D(2025, 9, 30), "Q3 2025"),
    (D(2022, 1, 1), D(2024, 12, 31), "2022–2024"),
])
def test_an_interval_without_its_precision_reads_by_its_shape(start, end, en):
    """A procedure's stage and a change of dates carry no precision: the interval's shape gives it."""
    assert date_label(start, end, "", "en") == en


def test_a_part_is_named_only_where_the_date_as_written_names_it():
    """The first ten days of a month are "early" only where the document says "begin"; a fourth
    quarter is "end of" only where it says "eind" or "end"."""
    assert date_label(D(2021, 7, 1), D(2021, 7, 10), "days", "en", "1-10 juli") == "1–10 Jul 2021"
    assert date_label(D(2023, 10, 1), D(2023, 12, 31), "quarter", "en", "Q4 2023") == "Q4 2023"
    assert date_label(D(2023, 10, 1), D(2023, 12, 31), "quarter", "en", "end of 2023") == "end of 2023"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_date_of_the_seeds_and_the_corpus_has_its_year_and_its_language(seeds_built, lang):
    from tests.accuracy import built

    other = {"en": "nl", "nl": "en"}[lang]
    foreign = {m for m in MONTHS[other] if m not in MONTHS[lang]} | set(wording("date_seasons", other)) \
        - set(wording("date_seasons", lang))
    for table in (seeds_built.table, built("corpus").table):
        for row in table.itertuples():
            shown = date_label(row.start, row.end, row.precision, lang, row.date_text)
            assert re.search(r"\b(19|20)\d\d\b", shown), (row.date_text, shown)
            assert not set(re.findall(r"[^\W\d_]+", shown)) & foreign, (row.date_text, shown)
            assert "jl" not in shown and "dit" not in shown, (row.date_text, shown)
