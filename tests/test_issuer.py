"""A document's own acts (events/issuer.py): who issues a document, read from its head, its
letterhead or its signature, and which of its dates mark its own act. Each rule is asked of the
heads of real documents: the EU's opinions and acts, the ECB's opinion, the EDPB-EDPS joint
opinion, a Dutch letter, motions (tests/corpus/ and seeds/)."""

import dataclasses
from datetime import date
from functools import cache
from types import SimpleNamespace

import pytest

from events.actors import Found
from events.documents import load
from events.issuer import HEAD_LINES, _bodies, _carried, issuer, marks_own_act, own_act
from events.vocabulary import vocabulary
from tests.conftest import CORPUS, SEEDS, corpus_text, seed_text


@cache
def _doc(number: str):
    """A document of tests/corpus/ (or of seeds/, by its three digits), loaded as the build loads it."""
    folder = SEEDS if len(number) == 3 else CORPUS
    return load(next(folder.glob(f"{number}_*")))


def _genre(key: str, text: str):
    """The pattern of the document head of type `key` that finds itself in `text`."""
    return next(p for k, p in vocabulary().document_heads if k == key and p.search(text))


def _carried_as(*names_tracks: tuple[str, str]) -> tuple[Found, ...]:
    return tuple(Found(name, track, -1, -1, "carried") for name, track in names_tracks)


ECB = ("European Central Bank", "eu")
EP = ("European Parliament", "eu")
COUNCIL = ("Council of the EU", "eu")
COMMISSION = ("European Commission", "eu")


# -- who issues a document ---------------------------------------------------------------------

@pytest.mark.parametrize("number, kind, actors", [
    ("22", "advice", _carried_as(ECB)),                  # "OPINION OF THE EUROPEAN CENTRAL BANK"
    ("21", "advice", _carried_as(("European Data Protection Board", "eu"),
                                 ("European Data Protection Supervisor", "eu"))),  # "EDPB-EDPS / Joint Opinion 5/2021"
    ("23", "adoption", _carried_as(EP)),                 # "Amendments adopted by the European Parliament on ..."
    ("24", "publication", _carried_as(COMMISSION)),      # "European Commission - Press release"
    ("13", "adoption", _carried_as(EP, COUNCIL)),        # "REGULATION (EU) 2024/1689 OF THE EUROPEAN PARLIAMENT AND ..."
])
def test_the_issuer_of_a_head_acts_in_the_sentence_of_the_document_s_own_date(number, kind, actors):
    """Carried, not found in that sentence: no place in it, and how it was found says so."""
    act = own_act(_doc(number))
    assert (act.kind, act.actors, act.by_head) == (kind, actors, True)


@pytest.mark.parametrize("text, found, carried", [
    # seed 016's head: a country proposed the resolution, it does not issue a statement about it
    ("This resolution, proposed by the United States and co-sponsored by more than 120 countries, is a historic step",
     ["United States"], ()),
    # tests/corpus 17: a body of no track (an unknown institute) is no issuer either
    ("Université de Montréal / Mila – Quebec AI Institute & Chair", ["other:Quebec AI Institute"], ()),
    # tests/corpus 14: the G7 is carried, once though named twice
    ("We, the Leaders of the Group of Seven (G7), stress the innovative", ["G7", "G7"],
     _carried_as(("G7", "international"))),
])
def test_countries_and_bodies_of_no_track_are_not_carried_as_issuers(text, found, carried):
    bodies = _bodies(text)
    assert [f.name for f in bodies] == found
    assert _carried(bodies) == carried


@pytest.mark.parametrize("line, key, actors", [
    # tests/corpus 23, its title on one line: the Council is named in what the amendments are about
    ("Amendments adopted by the European Parliament on 14 June 2023 on the proposal for a regulation of the "
     "European Parliament and of the Council on laying down harmonised rules on artificial intelligence",
     "adoption", _carried_as(EP)),
    # seed 000, line 127: the Council of Europe's convention is the subject, the EU's Council the issuer
    ("BESLUIT (EU) 2022/2349 VAN DE RAAD van 21 november 2022 houdende machtiging tot het openen van "
     "onderhandelingen namens de Europese Unie over een verdrag van de Raad van Europa inzake artificiële intelligentie",
     "adoption", _carried_as(COUNCIL)),
    # tests/corpus 13, line 1: the act's number stands between its genre and "OF THE"
    ("REGULATION (EU) 2024/1689 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", "adoption", _carried_as(EP, COUNCIL)),
    # tests/corpus 21, lines 199-200: the joint opinion's two issuers, before its date
    ("Having regard to the request for a Joint Opinion of the European Data Protection Supervisor and of the "
     "European Data Protection Board of 22 April 2021 regarding the proposal for a Regulation", "advice",
     _carried_as(("European Data Protection Supervisor", "eu"), ("European Data Protection Board", "eu"))),
])
def test_the_issuer_is_the_body_after_the_genre_s_word_and_before_the_subject(line, key, actors):
    """No line stands above: the issuer comes from the words after the genre's, not a letterhead."""
    assert issuer([line], _genre(key, line)) == actors


@pytest.mark.parametrize("number", ["16", "10"])
def test_a_head_that_names_no_issuer_has_none(number):
    """Seed 16's title line ("Statement from ... on the United Nations General Assembly Resolution")
    opens with words, not a body; doc 10's "EUROPEAN / COMMISSION" letterhead names none alone
    (its proposer is read above its dateline instead): an empty answer, never a missing one."""
    doc = _doc(number)
    lines = [line.strip().lstrip("#").strip() for line in doc.text.splitlines()[:doc.dateline + HEAD_LINES]]
    head = " ".join(lines)
    key = own_act(doc).kind
    assert issuer(lines, _genre(key, head)) == ()


@pytest.mark.parametrize("text, dateline, actors", [
    # tests/corpus 10 and 25 as printed: the Commission's name over two lines, a blank line, the dateline
    ("\n".join(corpus_text("10").splitlines()[:12]), 4, _carried_as(COMMISSION)),
    ("\n".join(corpus_text("25").splitlines()[:16]), 4, _carried_as(COMMISSION)),
    # the same head of tests/corpus 25 where the extraction dropped the blank line: the line right
    # above the dateline still counts
    ("EUROPEAN\nCOMMISSION\nBrussels, 18.7.2025\nC(2025) 5045 final\nANNEX\n\nANNEX\nto the\n"
     "Communication to the Commission", 3, _carried_as(COMMISSION)),
])
def test_a_head_with_no_issuer_of_its_own_is_issued_by_the_body_above_its_dateline(text, dateline, actors):
    doc = SimpleNamespace(text=text, dateline=dateline, dateline_text=text.splitlines()[dateline - 1])
    assert own_act(doc).actors == actors


# -- what a document's own date marks ----------------------------------------------------------

@pytest.mark.parametrize("speaker, actors", [
    ("Dutch cabinet", (Found("Dutch cabinet", "netherlands", -1, -1, "speaker"),)),
    ("", ()),  # no voice known: nobody is made up
])
def test_a_letter_is_sent_by_the_voice_it_speaks_in(speaker, actors):
    """Seed 003: "Den Haag, 12 december 2025" over a letter of the ministers."""
    act = own_act(_doc("003"), speaker)
    assert (act.kind, act.actors, act.by_head) == ("letter", actors, False)
    if not speaker:
        assert own_act(_doc("003")) == act  # and no speaker is the default


@pytest.mark.parametrize("text, actors", [
    # a signature as date_from_text gives it, with the sentence's full stop: "Done at Brussels, 13
    # June 2024." The words before the comma say it is one, whatever follows the date
    ("Done at Brussels, 13 June 2024.\nFor the European Parliament\nThe President\nFor the Council\nThe President",
     _carried_as(EP, COUNCIL)),
    # tests/corpus 22, lines 435-438: the ECB's closing signature
    ("Done at Frankfurt am Main, 29 December 2021.\n\nThe President of the ECB\nChristine LAGARDE", _carried_as(ECB)),
])
def test_a_signature_ending_its_sentence_is_an_adoption_by_who_signs(text, actors):
    evidence = text.splitlines()[0]
    act = own_act(SimpleNamespace(text=text, dateline=1, dateline_text=evidence))
    assert (act.kind, act.actors, act.by_head) == ("adoption", actors, False)


@pytest.mark.parametrize("stem", ["002", "004"])
def test_a_text_without_a_dateline_or_a_head_has_no_own_act(stem):
    """Seeds 002 and 004 open with the letter's and the report's words, no head: a text loaded
    without a dateline at all (no attribute) has no own act either."""
    assert own_act(SimpleNamespace(text=seed_text(stem))) is None


def test_a_vocabulary_without_datelines_calls_a_dated_document_s_act_other(monkeypatch):
    """tests/corpus 14 and 18 name no genre in their heads: their dated act is a letter only
    because the vocabulary knows datelines; without them it is of no known type."""
    assert [own_act(_doc(n)).kind for n in ("14", "18")] == ["letter", "letter"]
    bare = dataclasses.replace(vocabulary(), datelines=())
    monkeypatch.setattr("events.issuer.vocabulary", lambda: bare)
    for number in ("14", "18"):
        act = own_act(_doc(number))
        assert (act.kind, act.actors) == ("other", ())


# -- which dates mark the document's own act ---------------------------------------------------

OWN = date(2024, 6, 13)


def _dated(**fields):
    return SimpleNamespace(text="", **fields)


def test_a_document_without_a_dateline_or_a_date_marks_nothing_by_its_line():
    assert not marks_own_act(_dated(doc_date=OWN), 1, date(2024, 6, 14), date(2024, 6, 14), "", 0)
    assert marks_own_act(_dated(doc_date=OWN), 1, OWN, OWN, "of 13 June 2024", 3)  # its own day in its head
    assert not marks_own_act(_dated(dateline=3), 3 + HEAD_LINES + 1, OWN, OWN, "Done at Brussels, ", 18)


def test_a_span_that_ends_on_the_document_s_day_is_not_its_own_act():
    """"from 1 to 13 June 2024" ends on the day of the act of 13 June 2024 (tests/corpus 13)."""
    doc = _dated(dateline=3, doc_date=OWN)
    assert not marks_own_act(doc, 5, date(2024, 6, 1), OWN, "from 1 to 13 June 2024", 5)
    assert marks_own_act(doc, 5, OWN, OWN, "of 13 June 2024", 3)


@pytest.mark.parametrize("place, at, expected", [
    # a signature block as a PDF prints it: the place at the left margin, the date far right;
    # it counts only within the sentence's first 60 characters
    ("Brussels,", 60, True),
    ("Brussels,", 61, False),
    ("Done at Frankfurt am Main,", 80, True),   # tests/corpus 22: a dateline's words 80 characters back
    ("Done at Frankfurt am Main,", 81, False),  # ... but not further
])
def test_a_closing_signature_is_read_close_before_its_date(place, at, expected):
    text = place.ljust(at) + "13 June 2024"
    doc = _dated(dateline=3, doc_date=OWN)
    assert marks_own_act(doc, 90, OWN, OWN, text, at) is expected
