"""Headlines from frames (events/headlines.py): who did what to which instrument, in each language,
made of the vocabularies' words; and the rules a headline keeps."""

from __future__ import annotations

import pytest

from events.headlines import MAX_CHARS, actor_name, headline, headline_problems, headlines, instrument_name, two_lines


@pytest.mark.parametrize("actors, kind, instrument, status, en, nl", [
    (("Council of the EU",), "adoption", "ai_act", "happened",
     "Council of the EU adopts the AI Act", "Raad van de Europese Unie neemt de AI-verordening aan"),
    (("CAI",), "meeting", "coe_ai_convention", "planned", "CAI to meet on the AI convention",
     "CAI vergadert over het AI-verdrag"),
    ((), "adoption", "ai_act", "happened", "AI Act adopted", "AI-verordening aangenomen"),
    (("UNESCO",), "adoption", "", "happened", "Adoption by UNESCO", "Aanneming door UNESCO"),
    ((), "adoption", "", "happened", "Adoption", "Aanneming"),
    (("Tweede Kamer",), "motion", "motion:26643-1265", "happened", "Motion 26643-1265 tabled in House of Representatives",
     "Motie 26643-1265 ingediend in Tweede Kamer"),
    (("Dutch cabinet",), "letter", "", "planned", "Dutch cabinet to send a letter", "Kabinet zal een brief sturen"),
])
def test_a_frame_reads_as_a_headline_in_each_language(actors, kind, instrument, status, en, nl):
    assert headlines(actors, kind, instrument, status) == {"en": en, "nl": nl}


def test_a_long_name_is_written_by_its_acronym_and_a_verb_has_one_subject():
    assert actor_name("CAI", "en") == "CAI" and actor_name("European Data Protection Board", "en") == "EDPB"
    # a verb agrees with one body; "Adoption by" names two
    assert headline(("Council of Europe", "CAI"), "negotiation", "coe_ai_convention", "happened", "en") == \
        "Council of Europe negotiates on the AI convention"
    assert headline(("Dutch cabinet", "Germany"), "adoption", "", "happened", "en") == "Adoption by Dutch cabinet and Germany"


def test_an_instrument_is_named_as_a_text_names_it():
    assert instrument_name("ai_act", "en") == "the AI Act" and instrument_name("ai_act", "nl") == "de AI-verordening"
    assert instrument_name("", "en") == ""


def test_a_headline_too_long_for_its_template_takes_the_next_one():
    long = "other:" + "Very Long Name Of A Body That Nobody Abbreviates Ever"
    text = headline((long,), "adoption", "ai_act", "happened", "en")
    assert len(text) <= MAX_CHARS and text == "AI Act adopted"


@pytest.mark.parametrize("text, lang, problem", [
    ("", "en", "empty"),
    ("Raad van de EU neemt de AI-verordening aan", "en", "words of another language"),
    ("Council of the EU adopts the AI Act", "nl", "words of another language"),
    ("Kabinet: brief", "nl", "actor: type"),
    ("CAI: zend ik u de…", "nl", "cut short"),
    ("x" * (MAX_CHARS + 1), "en", "longer than"),
])
def test_the_headline_rules_catch_what_a_person_would_not_write(text, lang, problem):
    assert any(found.startswith(problem) for found in headline_problems(text, lang))


def test_the_bundled_ai_act_vote_and_adoption_have_headlines_in_both_languages(seeds_built):
    table = seeds_built.table
    vote = table[table["date_text"] == "13 maart jl."].iloc[0]
    adoption = table[table["date_text"] == "21 mei"].iloc[0]
    assert vote["title_en"] == "European Parliament adopts the AI Act"
    assert adoption["title_en"] == "Telecom Council adopts the AI Act"
    assert adoption["title_nl"] == "Telecomraad neemt de AI-verordening aan"
    assert not headline_problems(vote["title_nl"], "nl") and not headline_problems(adoption["title_en"], "en")


def test_every_headline_fits_a_label_s_two_lines(seeds_built):
    """A label shows its headline whole, on two lines: a template whose headline does not break
    into two lines of LINE_CHARS gives way to the next."""
    from tests.accuracy import built

    assert two_lines("European Parliament adopts the AI Act") == ("European Parliament adopts the", "AI Act", "")
    assert two_lines("Termijn voor Europese Commissie onder de AI-verordening")[2] == "AI-verordening"
    assert headline(("European Commission",), "deadline", "ai_act", "happened", "nl") == "Termijn onder de AI-verordening"
    for table in (seeds_built.table, built("corpus").table):
        for lang in ("en", "nl"):
            assert not [h for h in table[f"title_{lang}"] if h and two_lines(h)[2]]
