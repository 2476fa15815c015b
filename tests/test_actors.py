"""Who acts at a date: each rule of events/actors.py firing on sentences of at least two documents
(the seeds and the corpus of real documents)."""

from __future__ import annotations

from functools import cache

import pytest

from events.actors import named_bodies
from events.documents import load
from events.extract import extract
from tests.conftest import CORPUS, SEEDS, corpus_text, seed_lines


@cache
def _rows(path) -> tuple:
    return tuple(extract(load(path)))


def actors_at(number: str, line: int, date_text: str) -> tuple[str, ...]:
    """The actors the extractor gives the date `date_text` on a line of a document (a corpus
    document by its number, a seed by "seed:<number>"), read with the whole document before it."""
    folder, number = (SEEDS, number[5:]) if number.startswith("seed:") else (CORPUS, number)
    path = next(folder.glob(f"{number}_*"))
    found = [r.institutions for r in _rows(path) if r.line == line
             and (date_text in r.date_text or r.date_text in date_text)]
    assert len(found) == 1, [(r.line, r.date_text) for r in _rows(path) if abs(r.line - line) <= 2]
    return found[0]


@pytest.mark.parametrize("number, line, date_text", [
    # "The Commission recognises that in the months following the entry into application of the
    # obligations ... on 2 August 2025, providers ...": the Commission recognises, nobody applies
    ("25", 356, "2 August 2025"),
    # "... because its enforcement powers only enter into application on 2 August 2026."
    ("25", 406, "2 August 2026"),
    # "In 2024 is AI-verordening van de Europese Unie in werking getreden."
    ("31", 224, "2024"),
    # "Verordening (EU) 2024/1689 is op 1 augustus 2024 in werking getreden."
    ("08", 89, "1 augustus 2024"),
])
def test_a_rule_in_force_acts_by_itself(number, line, date_text):
    assert actors_at(number, line, date_text) == ()


@pytest.mark.parametrize("number, line, date_text, actor", [
    # "... shall be conferred on the Commission for a period of five years from 1 August 2024."
    ("13", 119, "1 August 2024", "European Commission"),
    # "From 2 August 2026 onwards, the Commission will enforce with fines ...": the date's clause
    # says no rule applies; the Commission acts
    ("25", 414, "From 2 August 2026 onwards", "European Commission"),
])
def test_a_body_acting_beside_a_rule_in_force_still_acts(number, line, date_text, actor):
    assert actor in actors_at(number, line, date_text)


@pytest.mark.parametrize("number, line, date_text, actors", [
    # "On 21 April 2021, the European Commission presented its Proposal for a Regulation of the
    # European Parliament and of the Council ...": the Commission proposes; the others wrote no text yet
    ("21", 17, "21 April 2021", ("European Commission",)),
    # "On 3 November 2021 the European Central Bank (ECB) received a request from the Council ... for
    # an opinion on a proposal for a Regulation of the European Parliament and of the Council"
    ("22", 20, "3 November 2021", ("European Central Bank", "Council of the EU")),
])
def test_the_authors_a_text_is_named_by_do_not_act(number, line, date_text, actors):
    assert actors_at(number, line, date_text) == actors


def lines_of(number: str, first: int, last: int) -> str:
    """Lines first..last of a corpus document (by number) or a seed ("seed:<number>"), joined as
    one text the way a sentence that runs over them is read."""
    if number.startswith("seed:"):
        return " ".join(seed_lines(number[5:], first, last).split())
    return " ".join(" ".join(corpus_text(number).splitlines()[first - 1:last]).split())


def names_in(text: str) -> list[str]:
    return [f.name for f in named_bodies(text)]


@pytest.mark.parametrize("number, first, last, name", [
    # "the Global Summit on AI Safety": the list knows the whole name, the summit at Bletchley
    ("15", 30, 30, "AI Safety Summit"),
    # "in cooperation with the Global Partnership for Artificial Intelligence (GPAI)"
    ("14", 33, 33, "GPAI"),
    # "similar to the work of the High-Level Expert Group on AI": unknown, by its whole name
    ("18", 105, 105, "other:High-Level Expert Group on AI"),
    # "door de Tilburg University onderzoek verrichten"
    ("seed:001", 365, 365, "other:Tilburg University"),
])
def test_an_unknown_body_is_named_by_its_whole_name(number, first, last, name):
    found = names_in(lines_of(number, first, last))
    assert name in found
    assert not [n for n in found if n.startswith("other:") and n != name]  # no fragment beside it


@pytest.mark.parametrize("number, first, last, known", [
    # "onder de Eerste Commissie van de Algemene Vergadering van de VN": a committee of the UN
    ("seed:004", 115, 117, "UN"),
    # "Andrea Enria, Chair of the Supervisory Board of the ECB": a board of the ECB
    ("22", 131, 131, "European Central Bank"),
])
def test_a_part_of_a_known_body_is_no_unknown_body(number, first, last, known):
    found = names_in(lines_of(number, first, last))
    assert known in found
    assert not [n for n in found if n.startswith("other:")]


@pytest.mark.parametrize("number, first, last", [
    # "oprichting van een Europees Agentschap voor de veiligheid van de luchtvaart"
    ("08", 1422, 1422),
    # "Unlike the European Union, the Council of Europe cannot adopt legal rules ...": "Unlike" has
    # its capital from its place, and what the text is about is no body
    ("18", 48, 48),
])
def test_a_phrase_that_only_starts_with_capitals_is_no_body(number, first, last):
    assert not [n for n in names_in(lines_of(number, first, last)) if n.startswith("other:")]


@pytest.mark.parametrize("number, line, date_text", [
    # "In 2017, the European Council called for ... In its 2019 Conclusions ..., the Council further
    # highlighted ...": "the Council" is the Council of the EU, not the European Council named before
    ("10", 87, "2019"),
    # "heeft de Raad (van de EU) daarom in november 2022 een besluit genomen"
    ("seed:000", 91, "november 2022"),
])
def test_the_council_is_the_council_of_the_eu_never_the_european_council(number, line, date_text):
    assert actors_at(number, line, date_text) == ("Council of the EU",)


def marked(text: str) -> list[str]:
    """The bodies a sentence names, once the words before them are read (mark_leads)."""
    from events.actors import mark_leads
    from events.vocabulary import scan

    return [f.name for f in mark_leads(text, named_bodies(text), scan(text))]


@pytest.mark.parametrize("number, first, last, whole, part", [
    # "the Council of Europe’s CAHAI": the CAHAI is the Council of Europe's organ
    ("18", 61, 61, "Council of Europe", "CAHAI"),
    # "examined by the Commission's Regulatory Scrutiny Board"
    ("10", 547, 548, "European Commission", "Regulatory Scrutiny Board"),
])
def test_the_owner_of_an_organ_named_with_it_does_not_act(number, first, last, whole, part):
    found = marked(lines_of(number, first, last))
    assert part in found and whole not in found


def test_the_owner_of_what_is_no_organ_of_it_stays():
    # "We also look forward to the UK’s AI Safety Summit": the UK hosts it
    assert {"United Kingdom", "AI Safety Summit"} <= set(marked(lines_of("14", 48, 48)))


def leads(text: str) -> dict[str, str]:
    """Each body a sentence names, with its lead once the words before it are read."""
    from events.actors import mark_leads
    from events.vocabulary import scan

    return {f.name: f.lead for f in mark_leads(text, named_bodies(text), scan(text))}


@pytest.mark.parametrize("text", [
    # "We also look forward to the UK’s AI Safety Summit on November 1 and 2." (G7 statement)
    lines_of("14", 48, 49),
    # written: no second real "look forward to" a body in the sets
    "We look forward to the Council's decision in June 2026.",
])
def test_looking_forward_to_a_body_sends_it_nothing(text):
    assert "recipient" not in leads(text).values()


@pytest.mark.parametrize("number, first, last", [
    # "Member States shall, on an annual basis, report to the Commission about the administrative fines"
    ("13", 199, 199),
    # "The Commission shall submit this evaluation report to the European Parliament and to the Council."
    ("23", 297, 301),
])
def test_a_body_reported_to_is_a_recipient(number, first, last):
    assert "recipient" in leads(lines_of(number, first, last)).values()


@pytest.mark.parametrize("text, names", [
    # the letterhead of the joint opinion (corpus 21): "EDPB-EDPS / Joint Opinion 5/2021"
    (lines_of("21", 1, 3), ["European Data Protection Board", "European Data Protection Supervisor"]),
    # written: no second real pair of two bodies' acronyms in the sets
    ("The OECD-UNESCO workshop of 12 March 2024 took stock.", ["OECD", "UNESCO"]),
    # one body's name whose parts are aliases stays one name: "De JTC 21 ([CEN-CENELEC Joint
    # Technical Committee ...](...))" (corpus 01)
    (lines_of("01", 158, 158), ["CEN-CENELEC"]),
])
def test_two_acronyms_joined_by_a_hyphen_name_both_bodies(text, names):
    assert names_in(text)[:len(names)] == names


def test_a_letterhead_of_two_bodies_issues_the_document_for_both():
    # "EDPB-EDPS / Joint Opinion 5/2021 ...", its date "18 June 2021 / Adopted" (corpus 21)
    assert set(actors_at("21", 10, "18 June 2021")) == {"European Data Protection Board",
                                                         "European Data Protection Supervisor"}


@pytest.mark.parametrize("text, name", [
    # "Gemeente Deventer heeft in januari 2025 via e-mail een uitvraag gedaan ..." (corpus 31)
    (lines_of("31", 512, 513), "other:Gemeente Deventer"),
    # "... geen verboden AI-systemen binnen de gemeente Deventer worden toegepast." (corpus 31)
    (lines_of("31", 515, 516), "other:Gemeente Deventer"),
    # written: no second document of the sets names a local authority so
    ("De provincie Noord-Holland publiceerde op 1 maart 2024 haar algoritmeregister.", "other:Provincie Noord-Holland"),
    ("The Municipality of Amsterdam published its register in 2020.", "other:Municipality of Amsterdam"),
])
def test_a_local_authority_is_named_by_its_head_and_place(text, name):
    assert names_in(text) == [name]


def test_a_known_body_whose_name_holds_a_local_authority_keeps_it():
    # "de gemeente Deventer en ..., heeft de Rekenkamer van de gemeente Deventer de stichting
    # Algorithm Audit verzocht een quick scan uit te voeren." (corpus 31)
    assert names_in(lines_of("31", 134, 135)) == ["other:Gemeente Deventer", "Rekenkamer Deventer", "Algorithm Audit"]


@pytest.mark.parametrize("line, date_text", [
    # "Gemeente Deventer heeft in januari 2025 via e-mail een uitvraag gedaan"
    (512, "januari 2025"),
    # two sentences on: "Zo heeft de gemeente zich voorgenomen om ... AI-beleid te ontwikkelen in Q4-2025 en Q1 2026."
    (520, "Q4-2025 en Q1 2026"),
])
def test_a_local_authority_acts_and_is_what_the_text_goes_on_about(line, date_text):
    assert actors_at("31", line, date_text) == ("other:Gemeente Deventer",)


@pytest.mark.parametrize("number, line", [
    # "overwegende dat tijdens het wetgevingsoverleg op 11 november door de Minister ..." (motion 06)
    ("06", 14),
    # "Voorgesteld tijdens het Wetgevingsoverleg van" (motion 04)
    ("04", 11),
    # "Voorgesteld tijdens het Notaoverleg van" (motion 07)
    ("07", 10),
])
def test_a_meeting_named_by_the_tweede_kamer_s_own_kind_is_its_procedure(number, line):
    from events.actors import procedures_named

    assert "Tweede Kamer" in [inst.name for inst in procedures_named(lines_of(number, line, line))]


def test_the_tweede_kamer_holds_its_own_meeting_beside_the_minister_who_speaks():
    # "... tijdens het wetgevingsoverleg op 11 november door de Minister van Economische Zaken is aangegeven"
    assert set(actors_at("06", 14, "11 november")) == {"Dutch ministry", "Tweede Kamer"}


def _read_one(text: str, doc_date):
    """The actors of the first date of a sentence read as a whole Dutch document."""
    from types import SimpleNamespace

    from events.dates import find_dates
    from events.documents import Sentence
    from events.reader import Reader

    reader = Reader(SimpleNamespace(metadata={"language": "nl"}, text=text))
    sentence = Sentence(text, 1, ((0,), (1,)))
    mention = find_dates(text, doc_date)[0]
    return reader.sentence(sentence, [mention]).institutions(mention)


def test_the_government_that_tells_a_chamber_is_the_one_named_nearest_before():
    # "overwegende dat tijdens het wetgevingsoverleg op 11 november door de Minister van Economische
    # Zaken is aangegeven ...; overwegende dat de Kamer hier begin 2025 verder over wordt
    # geïnformeerd; ... verzoekt de regering ..." (motion 06): the minister, not the cabinet as well
    assert actors_at("06", 15, "begin 2025") == ("Dutch ministry",)
    # written: no second real sentence names two governments around a chamber told
    from datetime import date

    assert _read_one("De minister van Binnenlandse Zaken heeft toegezegd dat uw Kamer voor 1 juli 2025 wordt "
                     "geïnformeerd, waarna het kabinet een besluit neemt.", date(2025, 3, 1)) == ("Dutch ministry",)
