"""`?institution=CAI` on the bundled documents finds what a reader would: every CAI plenary,
the zero draft and the conclusion of the negotiations."""

import pytest

from dashboard import filters as flt


@pytest.fixture(scope="module")
def cai_events(seeds_built):
    table = seeds_built.table
    if "kind" in table.columns:
        table = table[table["kind"] == "event"]
    chosen = flt.parse_query({"institution": "CAI"}, table)
    assert chosen.institution == ("CAI",)
    return flt.apply(table, chosen)


def found(events, doc_prefix, date_text):
    return ((events["doc"].str.startswith(doc_prefix)) & (events["date_text"].str.contains(date_text))).any()


@pytest.mark.parametrize("date_text", ["1 tot 3 februari 2023", "19 tot 21 april 2023", "7 tot 9 juni 2023",
                                       "13 tot 15 september 2023"])
def test_every_cai_plenary(cai_events, date_text):
    assert found(cai_events, "000_", date_text)


def test_the_zero_draft(cai_events):
    assert found(cai_events, "000_", "1-3 februari 2023")


def test_the_conclusion_of_the_negotiations(cai_events):
    # "Daarnaast zijn in maart de onderhandelingen over het AI-verdrag van de Raad van Europa afgerond."
    assert found(cai_events, "002_", "maart")


def test_the_filter_leaves_out_what_the_cai_does_not_do(cai_events):
    assert not found(cai_events, "002_", "13 maart")  # the European Parliament's vote on the AI Act
