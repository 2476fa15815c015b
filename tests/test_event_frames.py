"""Event frames: each rule family fires on sentences of at least two different documents (the
seeds and tests/corpus/), so that no rule is shaped to one sentence."""

import pickle
from datetime import date
from types import SimpleNamespace

import pytest

from events import event_types, status
from events.build import build
from events.dates import find_dates
from events.instruments import named, own_instrument
from events.issuer import own_act
from events.lemmas import Cues, Lemmas
from events.vocabulary import vocabulary
from tests.conftest import corpus_text, seed_lines


def mention_of(text: str, date_text: str, doc_date: date):
    return next(m for m in find_dates(text, doc_date, lambda b, e: status.clause_tense(text, b, e))
                if m.text.endswith(date_text))


def line(number: str, at: int) -> str:
    return corpus_text(number).splitlines()[at - 1]


# -- cues on lemmas --------------------------------------------------------------------------

def test_one_cue_finds_every_inflection_of_its_word_in_either_language():
    cues = Cues([("adoption", "en", "adopt"), ("adoption", "nl", "vaststellen"), ("meeting", "nl", "vergaderen")])
    for text, language in [("The Council adopts the act.", "en"), ("It was adopted in 2024.", "en"),
                           ("Adopting the text, ...", "en"), ("De Raad heeft de tekst vastgesteld.", "nl"),
                           ("Het comité vergaderde in maart.", "nl"), ("De plenaire vergadert in mei.", "nl")]:
        assert [hit.cue.key for hit in cues.find(text, language)], text


def test_a_cue_of_several_words_is_found_with_its_words_apart_and_in_either_order():
    """Dutch puts the verb first or last: "in werking getreden" (tests/corpus 08 and 31), "treedt
    ... in werking" (seed 001, line 760)."""
    cues = vocabulary().event_cues
    for text in (line("08", 89), line("31", 224), "De verordening treedt op 1 augustus 2024 in werking."):
        assert "entry_into_force" in {hit.cue.key for hit in cues.find(text, "nl")}, text
    assert "entry_into_force" not in {hit.cue.key for hit in cues.find("De werking ervan is in 2024 veranderd.", "nl")}


def test_a_starred_word_finds_the_compounds_it_ends_or_begins():
    cues = Cues([("letter", "nl", "*brief"), ("negotiation", "nl", "onderhandeling*")])
    found = cues.find("De Kamerbrief van maart en de voortgangsbrief over het onderhandelingsproces.", "nl")
    assert [hit.cue.key for hit in found] == ["letter", "letter", "negotiation"]


def test_an_exact_form_is_not_found_by_its_lemma():
    cues = Cues([("publication", "en", "=presented")])
    assert cues.find("The Commission presented its proposal.", "en")
    assert not cues.find("The present Regulation applies.", "en")


def test_words_joined_by_a_tilde_stand_next_to_each_other():
    """tests/corpus 05, line 14 and seed 001: "vanaf augustus 2026 ingericht moet zijn", "die per 22
    mei 2022 moet zijn geïmplementeerd": a date by which something must be done."""
    cues = Cues([("deadline", "nl", "=moet~zijn")])
    assert cues.find(line("05", 14), "nl")
    assert not cues.find("Dat moet volgens het kabinet duidelijk zijn.", "nl")


def test_a_word_s_forms_are_the_word_and_the_lemma_a_cue_can_match():
    cues = Cues([("adoption", "en", "adopt"), ("letter", "nl", "*brief")])
    assert cues.forms("adopted", "en") == {"adopt", "adopted"} and cues.forms("rules", "en") == {"rules"}
    assert cues.forms("kamerbrieven", "nl") == {"kamerbrief", "kamerbrieven"}


def test_the_lemmas_are_cut_once_and_read_back_from_the_cache(tmp_path, monkeypatch):
    """The cut dictionaries are kept in the cache folder; a second reader of the same cue words
    reads them from there: a file changed on disk is what it answers from."""
    monkeypatch.setenv("AI_TIMELINE_CACHE", str(tmp_path))
    words = [("nl", "vaststellen"), ("en", "adopt")]
    first = Lemmas(words)
    assert first("vastgesteld", "nl") == "vaststellen" and first("adopted", "en") == "adopt"
    [kept] = tmp_path.glob("lemmas-*.pickle")
    of_cue, dictionaries = pickle.loads(kept.read_bytes())
    assert of_cue[("nl", "vaststellen")] == "vaststellen" and "stellen" not in dictionaries["nl"].values()
    dictionaries["en"]["adopted"] = "choose"
    kept.write_bytes(pickle.dumps((of_cue, dictionaries)))
    assert Lemmas(words)("adopted", "en") == "choose"
    assert Lemmas([*words, ("en", "approve")])("adopted", "en") == "adopt"  # new cue words: a new cut


@pytest.mark.parametrize("number, at, date_text, doc_date, expected", [
    # the noun counts as much as its verb, in both languages
    ("08", 89, "1 augustus 2024", date(2026, 6, 18), "entry_into_force"),
    ("31", 224, "2024", date(2025, 11, 1), "entry_into_force"),
    ("24", 42, "August 1, 2024", date(2024, 9, 25), "entry_into_force"),
    ("25", 77, "1 August 2024", date(2025, 7, 18), "entry_into_force"),
    ("18", 78, "December 2020", date(2021, 4, 2), "adoption"),
    ("05", 14, "augustus 2026", date(2025, 5, 15), "deadline"),
])
def test_the_type_comes_from_the_words_that_carry_it(number, at, date_text, doc_date, expected):
    text = line(number, at)
    assert event_types.event_type(mention_of(text, date_text, doc_date), text) == expected


def test_a_deadline_word_that_opens_the_date_decides_the_type():
    """tests/corpus 13 line 101, 26 line 171: "no later than 2 February 2026", "no later than end
    December 2019" read as one date: its leading words make it a deadline."""
    for number, at, date_text, doc_date in (("13", 101, "2 February 2026", date(2024, 6, 13)),
                                            ("26", 171, "December 2019", date(2019, 5, 22))):
        text = line(number, at)
        assert event_types.event_type(mention_of(text, date_text, doc_date), text) == "deadline", number


# -- a document's own acts ---------------------------------------------------------------------

def _doc(number: str):
    from events.documents import load

    return load(next(p for p in (corpus_text.__globals__["CORPUS"]).glob(f"{number}_*")))


@pytest.mark.parametrize("number, kind, issuer", [
    ("21", "advice", {"EDPB", "EDPS"}),                      # letterhead "EDPB-EDPS / Joint Opinion 5/2021"
    ("24", "publication", {"European Commission"}),          # "European Commission - Press release"
    ("25", "adoption", {"European Commission"}),             # "EUROPEAN / COMMISSION / Brussels, 18.7.2025"
    ("10", "proposal", {"European Commission"}),             # "Proposal for a REGULATION ..."
    ("09", "adoption", {"European Parliament", "Council of the EU"}),  # "VERORDENING ... VAN HET EUROPEES PARLEMENT EN DE RAAD"
    ("23", "adoption", {"European Parliament"}),             # "Amendments adopted by the European Parliament"
])
def test_a_document_s_head_says_what_it_is_and_who_issues_it(number, kind, issuer):
    act = own_act(_doc(number))
    assert act.kind == kind
    assert {a.name for a in act.actors} >= issuer - {"EDPB", "EDPS"}


def test_the_issuer_acts_in_the_document_s_own_dated_acts():
    """The ECB's opinion (tests/corpus 22) and the EDPB-EDPS joint opinion (21): the head's date
    and the closing signature are the issuer's opinion, not a proposal or an adoption."""
    table = build([corpus_text.__globals__["CORPUS"]]).table
    rows = table[(table["kind"] == "event")]
    for doc, at in (("21_", 314), ("21_", 10)):
        row = rows[rows["doc"].str.startswith(doc) & (rows["line"] == at)].iloc[0]
        assert row["event_type"] == "advice", (doc, at, row["event_type"])


def test_no_head_no_own_act():
    assert own_act(SimpleNamespace(text="Een zin zonder kop.\nNog een.", dateline=0)) is None


def test_a_relative_clause_is_about_the_noun_before_it():
    """tests/corpus 25 line 170: "a public multi-stakeholder consultation, which was launched on 22
    April 2025": the relative clause's verb only says it began; the noun before names the event.
    The same form in another text (a meeting, in Dutch)."""
    text = " ".join(line("25", 170 + n) for n in range(2)).replace("\n", " ")
    assert event_types.event_type(mention_of(text, "22 April 2025", date(2025, 7, 18)), text) == "consultation"
    dutch = "Het kabinet organiseerde een rondetafelgesprek, die op 3 maart 2024 van start ging."
    assert event_types.event_type(mention_of(dutch, "3 maart 2024", date(2024, 6, 1)), dutch, "nl") == "meeting"


def test_a_word_in_quotes_after_a_governing_preposition_is_no_cue():
    """Seed 000: "begonnen op basis van de ‘nulversie’": the quote mark does not hide the
    preposition that makes the draft the basis, not the event; nor in English."""
    text = "Onderhandelingen over het (kader)verdrag zijn in januari 2023 begonnen op basis van de ‘nulversie’ van de tekst."
    assert event_types.event_type(mention_of(text, "januari 2023", date(2023, 3, 6)), text, "nl") == "negotiation"
    english = "Negotiations started in May 2023 on the basis of the 'zero draft' of the text."
    assert event_types.event_type(mention_of(english, "May 2023", date(2023, 9, 1)), english, "en") == "negotiation"


@pytest.mark.parametrize("text, date_text, doc_date, expected", [
    # resolutions and conclusions are adopted texts (tests/corpus 10, lines 87 and 99)
    ("In its 2019 Conclusions on the Coordinated Plan on the development and use of artificial intelligence", "2019",
     date(2021, 4, 21), "adoption"),
    ("In 2021, those were followed by resolutions on AI in criminal matters and in education.", "2021",
     date(2021, 4, 21), "adoption"),
    ("De Algemene Vergadering van de VN nam in maart 2024 een resolutie over AI aan.", "maart 2024",
     date(2024, 6, 1), "adoption"),
    # sanctions decided, in a compound (seed 004, line 374)
    ("In juli 2020 zijn er EU-sancties aangenomen tegen zes personen en drie entiteiten.", "juli 2020",
     date(2020, 12, 1), "decision"),
    # a minister coming back to parliament on a subject is a letter (seed 002, line 309)
    ("Ik had uw Kamer beloofd hier begin dit jaar op terug te komen.", "begin dit jaar", date(2024, 6, 1), "letter"),
    ("Ik kom hier in het najaar van 2025 bij uw Kamer op terug.", "najaar van 2025", date(2025, 2, 1), "letter"),
    # a signature: a call signed (seed 004, line 194), a convention opened for signature (tests/corpus 18, line 56)
    ("Daartoe heeft Nederland in 2019 de Christchurch call ondertekend, waarin 48 landen zich inzetten.", "2019",
     date(2020, 12, 1), "signature"),
    ("Convention 108, which was opened for signature in 1981.", "1981", date(2021, 4, 2), "signature"),
    # enforcement and applicability dates are the rules applying (tests/corpus 25, lines 408, 414)
    ("the applicability of the obligations laid down in Chapter V of the AI Act from 2 August 2025 onwards",
     "2 August 2025", date(2025, 7, 18), "entry_into_force"),
    ("From 2 August 2026 onwards, the Commission will enforce with fines compliance with all obligations.",
     "2 August 2026", date(2025, 7, 18), "entry_into_force"),
])
def test_general_cues_of_the_types(text, date_text, doc_date, expected):
    assert event_types.event_type(mention_of(text, date_text, doc_date), text) == expected


@pytest.mark.parametrize("text, date_text, doc_date, expected", [
    # a report that appeared: its publication (seed 003, line 274; tests/corpus 17, line 14)
    ("In september 2024 werd het VN rapport uitgebracht «Governing AI for Humanity» met een reeks aanbevelingen.",
     "september 2024", date(2025, 11, 1), "publication"),
    ("Since then, we published an Interim Report in May 2024, which was presented at the AI Seoul Summit.",
     "May 2024", date(2025, 1, 29), "publication"),
    # a report still to come is the report due (seed 001, lines 2080 and 1435)
    ("De ARK verwacht medio zomer 2022 dit rapport te publiceren.", "medio zomer 2022", date(2021, 10, 1), "report"),
    ("Het ministerie van Algemene Zaken verwacht in de eerste helft van 2022 een eindrapportage te kunnen opleveren.",
     "eerste helft van 2022", date(2021, 10, 1), "report"),
])
def test_a_report_that_appeared_is_its_publication_and_one_to_come_the_report_due(text, date_text, doc_date, expected):
    assert event_types.event_type(mention_of(text, date_text, doc_date), text) == expected


def test_what_the_commission_presents_of_a_legislative_act_it_names_is_its_proposal(tmp_path):
    """Seed 004, lines 44 and 203: the Digital Services Act "gepresenteerd" by the Commission is
    its proposal; tests/corpus 10, line 48: a White Paper it published is no act, a publication."""
    letters = {"presented.txt": "De Europese Commissie heeft in december 2020 verschillende initiatieven op dit vlak "
                                "gepresenteerd, zoals het European Democracy Action Plan en de Digital Services Act.",
               "taken_up.txt": "De Europese Commissie heeft deze aspecten ook meegenomen in de Digital Services Act, "
                               "zoals in december 2020 gepresenteerd."}
    for name, sentence in letters.items():
        (tmp_path / name).write_text(f"Den Haag, 1 februari 2021\n\n{sentence}\n", encoding="utf-8")
    (tmp_path / "memorandum.txt").write_text(
        "Brussels, 21.4.2021\n\nFollowing on that announcement, on 19 February 2020 the Commission published the "
        "White Paper on AI - A European approach to excellence and trust.\n", encoding="utf-8")
    table = build([tmp_path]).table
    types = {(doc, date_text): kind for doc, date_text, kind in table[["doc", "date_text", "event_type"]].itertuples(index=False)}
    assert types[("presented.txt", "december 2020")] == "proposal"
    assert types[("taken_up.txt", "december 2020")] == "proposal"
    assert types[("memorandum.txt", "19 February 2020")] == "publication"


# -- status is what the document says -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "This Regulation shall apply from 2 August 2025.",           # tests/corpus 13 (Article 113), undated excerpt
    "It should apply from 2 August 2025.",                        # a recital's framing
    "Article 5 shall enter into force on 1 August 2024.",
    "De lidstaten zullen uiterlijk op 2 augustus 2025 de regels vaststellen.",
    "De regels moeten vóór 1 januari 2024 gelden.",
])
def test_in_an_undated_text_the_text_s_framing_decides_whatever_today_is(text):
    """A document whose date is unknown: "shall apply from <a date now past>" is planned as the
    text presents it; today's date belongs to the dashboard, not to the table."""
    mention = find_dates(text, None, lambda b, e: status.clause_tense(text, b, e))[0]
    assert mention.end < date.today()
    assert status.status(mention, text, None) == "planned"


# -- instruments ------------------------------------------------------------------------------------

@pytest.mark.parametrize("number, key", [
    ("03", "motion:26643-1286"),     # "26 643 / Informatie- en communicatietechnologie (ICT) / Nr. / 1286"
    ("04", "motion:36600-VII-68"),   # "36 600 / VII / Vaststelling van de begrotingsstaten ... / Nr. / 68"
    ("27", "motion:26643-1265"),     # the head's number, not the motion it cites ("26 643, nr. 1180")
    ("29", "motion:21501-33-1146"),  # "21 501 / - / 33 / Raad voor Vervoer, Telecommunicatie en Energie / Nr. / 1146"
])
def test_a_motion_is_keyed_by_the_number_its_head_prints(number, key):
    doc = _doc(number)
    assert own_instrument(doc, own_act(doc)) == key


@pytest.mark.parametrize("number, key", [
    ("08", "digital_omnibus"),  # "... betreffende artificiële intelligentie (digitale omnibus inzake AI)"
    ("21", "ai_act"),           # "... laying down harmonised rules on artificial intelligence (Artificial Intelligence Act)"
])
def test_an_official_title_s_short_title_in_brackets_names_the_act(number, key):
    doc = _doc(number)
    act = own_act(doc)
    assert act.by_head
    found = own_instrument(doc, act)
    assert found == key or found.startswith("opinion:"), found  # a numbered opinion is keyed by its number


def test_a_cited_motion_is_keyed_by_its_reference_and_an_instrument_by_its_name():
    assert [n.key for n in named("Zie de motie van het lid Kathmann (Kamerstuk 26 643, nr. 1157) over de AI-verordening.")] \
        == ["motion:26643-1157", "ai_act"]
    assert [n.key for n in named("The AI Act entered into force on August 1, 2024.")] == ["ai_act"]
    assert named("Kamerstukken 25 268, nr. 197 over de begroting.") == []  # a paper that is no motion


@pytest.mark.parametrize("text, date_text, expected", [
    # "voor" before a date is a deadline, unless the words before it plan the date (seed 001, line 440)
    ("Naar verwachting is de bijeenkomst van de Telecomraad gepland voor begin december 2021.",
     "begin december 2021", "meeting"),
    ("De bijeenkomst is gepland voor 3 december 2021.", "3 december 2021", "meeting"),
    ("De lidstaten moeten de regels voor 1 december 2021 vaststellen.", "1 december 2021", "deadline"),
    ("The meeting is scheduled before 3 May 2024 in Strasbourg.", "3 May 2024", "meeting"),
])
def test_a_deadline_word_after_a_planning_word_plans_a_date(text, date_text, expected):
    assert event_types.event_type(mention_of(text, date_text, date(2021, 6, 1)), text) == expected


@pytest.mark.parametrize("text", ["De stemming 3 maart 2024 vergadering.", "De vergadering 3 maart 2024 stemming."])
def test_on_a_tie_of_distance_the_type_listed_first_wins(text):
    """A vote is listed before a meeting: a cue as near on either side of the date loses to it."""
    assert event_types.event_type(mention_of(text, "3 maart 2024", date(2024, 1, 1)), text, "nl") == "vote"


def test_a_relative_clause_at_a_sentence_s_start_reads_its_own_words():
    text = "Which was launched on 22 April 2025 as a consultation."
    assert event_types.event_type(mention_of(text, "22 April 2025", date(2025, 7, 18)), text, "en") == "consultation"


@pytest.mark.parametrize("number, key", [
    ("21", "opinion:edpb-edps-5-2021"),   # "EDPB-EDPS / Joint Opinion 5/2021": both issuers' acronyms, its number
    ("22", "opinion:ecb-con-2021-40"),    # "OPINION OF THE EUROPEAN CENTRAL BANK ... (CON/2021/40)"
    ("23", "ai_act"),                     # amendments adopted on the AI Act's proposal: no number of their own
    ("24", "ai_act"),                     # a press release about the AI Pact, the AI Act's scheme
    ("25", "ai_act"),                     # guidelines under the AI Act
])
def test_a_document_s_own_acts_are_about_itself_or_what_its_head_names(number, key):
    doc = _doc(number)
    assert own_instrument(doc, own_act(doc)) == key


def test_an_event_takes_the_instrument_nearest_in_its_clause_then_its_sentence_then_its_actors():
    from events.actors import Found
    from events.instruments import instrument

    text = "De AI-verordening geldt sinds 1 augustus 2024, en de AVG sinds 25 mei 2018."
    first, second = text.index("1 augustus 2024"), text.index("25 mei 2018")
    assert instrument(text, first, first + 15, (0, text.index(",")), [], "", "") == "ai_act"
    assert instrument(text, second, second + 11, (text.index(",") + 1, len(text)), [], "", "") == "gdpr"
    # a clause that names none: the sentence's nearest
    plain = "Op 3 maart 2024 is dat besproken; het ging over het AI-verdrag."
    at = plain.index("3 maart 2024")
    assert instrument(plain, at, at + 12, (0, plain.index(";")), [], "", "") == "coe_ai_convention"
    # none named: the procedure its actors conduct, else the fallback; a document's own act: its own
    bare = "Op 3 maart 2024 kwam het comité bijeen."
    at = bare.index("3 maart 2024")
    cai = [Found("CAI", "council_of_europe", -1)]
    assert instrument(bare, at, at + 12, (0, len(bare)), cai, "", "") == "coe_ai_convention"
    assert instrument(bare, at, at + 12, (0, len(bare)), [], "", "motion:26643-1265") == "motion:26643-1265"
    assert instrument(bare, at, at + 12, (0, len(bare)), [], "", "") == ""
    assert instrument(text, first, first + 15, (0, len(text)), [], "opinion:ecb-con-2021-40", "") == \
        "opinion:ecb-con-2021-40"


# -- topics ----------------------------------------------------------------------------------------

def test_a_count_decides_a_topic_only_where_one_topic_has_more_words():
    from collections import Counter

    from events.topics import _decided, counts

    assert _decided(Counter({"ai": 2, "other": 1})) == "ai"
    assert _decided(Counter({"other": 3})) == "other"
    assert _decided(Counter({"ai": 2, "other": 2})) == "" and _decided(Counter()) == ""
    assert counts("De AI-verordening en algoritmes; de cyberaanval.") == Counter({"ai": 2, "other": 1})


def test_the_topic_comes_from_the_instrument_then_the_clause_sentence_actors_context_document():
    from events.actors import Found
    from events.topics import topic

    never = lambda: pytest.fail("the document was read though something nearer decided")  # noqa: E731
    text = "Op 3 maart 2024 volgden sancties na de cyberaanval, terwijl de AI-verordening en algoritmes ook spelen."
    clause = (0, text.index(","))
    assert topic(text, clause, "ai_act", [], [], never) == "ai"    # the instrument decides first
    assert topic(text, clause, "dsa", [], [], never) == "other"
    assert topic(text, clause, "", [], [], never) == "other"       # the clause before the sentence
    assert topic(text, (text.index(",") + 1, len(text)), "", [], [], never) == "ai"
    plain = "Op 3 maart 2024 kwam het comité bijeen."
    assert topic(plain, (0, len(plain)), "", [Found("CAI", "council_of_europe", -1)], [], never) == "ai"
    assert topic(plain, (0, len(plain)), "", [], ["Het ging over ransomware en cyberaanvallen."], never) == "other"
    assert topic(plain, (0, len(plain)), "", [], ["Het ging over cyber en over AI."], lambda: "document") == "document"
    assert topic(plain, (0, len(plain)), "", [], [], lambda: "document") == "document"


def test_as_many_topic_words_each_side_the_noun_the_date_qualifies_decides():
    """A date qualifies the noun before it: seed 001, line 350, "de Tweede Kamer verkiezingen van
    2021 kan deepfake technologie ...": the elections (other), not the deepfakes after the date;
    a date read past the deepfakes has them nearest before it (ai)."""
    from events.topics import topic

    never = lambda: pytest.fail("the document was read though the clause decided")  # noqa: E731
    elections = " ".join(seed_lines("001", 349, 351).split())
    at = elections.index("2021")
    assert topic(elections, (0, len(elections)), "", [], [], never, at=at) == "other"
    assert topic(elections, (0, len(elections)), "", [], [], never, at=elections.index("deepfake") + 9) == "ai"


@pytest.mark.parametrize("text, expected", [
    ("De AI-verordening en de cyberaanval.", "ai"),                       # a tie: the default
    ("Cyberaanvallen, sancties en ransomware; ook AI.", "other"),         # more words of another topic
    ("Een brief over de begroting.", "ai"),                               # no topic word: the default
    ("Algoritmes en AI-systemen, en één cyberaanval.", "ai"),
])
def test_a_document_is_about_ai_unless_another_topic_s_words_outnumber_it(text, expected):
    from events.topics import document_topic

    assert document_topic(text) == expected


# -- a document's own acts, on texts of each form ---------------------------------------------------

def _head(text: str, dateline: int, dateline_text: str = ""):
    return SimpleNamespace(text=text, dateline=dateline, dateline_text=dateline_text, metadata={},
                           doc_date=date(2024, 6, 13))


@pytest.mark.parametrize("text, dateline, evidence, kind, actors, by_head", [
    ("Den Haag, 12 december 2025\nOnderwerp: AI\n", 1, "Den Haag, 12 december 2025", "letter", ["Dutch cabinet"], False),
    ("MOTIE VAN HET LID X\nVoorgesteld 20 februari 2025\nDe Kamer,\n", 2, "Voorgesteld 20 februari 2025", "motion", [],
     True),
    ("Done at Brussels, 13 June 2024.\nFor the European Parliament\nThe President\nFor the Council\nThe President\n",
     1, "Done at Brussels, 13 June 2024", "adoption", ["European Parliament", "Council of the EU"], False),
    ("EUROPEAN COMMISSION\nBrussels, 21.4.2021\nCOM(2021) 206 final\nProposal for a\nREGULATION OF THE EUROPEAN "
     "PARLIAMENT AND OF THE COUNCIL\n", 2, "Brussels, 21.4.2021", "proposal", ["European Commission"], True),
    ("Brussels, 3 May 2024\nSome text that says nothing of what it is.\n", 1, "Brussels, 3 May 2024", "letter", [], False),
])
def test_the_own_act_of_each_form_of_document(text, dateline, evidence, kind, actors, by_head):
    act = own_act(_head(text, dateline, evidence), "Dutch cabinet")
    assert (act.kind, [a.name for a in act.actors], act.by_head) == (kind, actors, by_head)


def test_a_text_with_no_dateline_and_no_head_has_no_own_act():
    assert own_act(_head("Een zin.\nNog een zin.\n", 0)) is None


def test_which_dates_mark_a_document_s_own_act():
    from events.issuer import HEAD_LINES, marks_own_act

    doc = _head("x\n" * 100, 3)
    own, other = date(2024, 6, 13), date(2024, 6, 14)
    assert marks_own_act(doc, 3, other, other, "", 0)  # the dateline, whatever its date
    assert marks_own_act(doc, 3 + HEAD_LINES, own, own, "of 13 June 2024", 3)  # its own day in its head
    assert not marks_own_act(doc, 4 + HEAD_LINES, own, own, "as decided on 13 June 2024", 12)
    assert not marks_own_act(doc, 5, other, other, "of 14 June 2024", 3)  # another day
    assert not marks_own_act(doc, 5, own, date(2024, 6, 30), "June 2024", 0)  # a span that holds it
    assert marks_own_act(doc, 90, own, own, "Brussels, 13 June 2024", len("Brussels, "))  # a closing signature
    assert marks_own_act(doc, 90, own, own, "Done at Frankfurt am Main, 13 June 2024", len("Done at Frankfurt am Main, "))
    assert not marks_own_act(doc, 90, own, own, "the act of the Council, 13 June 2024", 32)
    undated = SimpleNamespace(**{**vars(doc), "doc_date": None})
    assert not marks_own_act(undated, 5, own, own, "of 13 June 2024", 3)


# -- tracks ------------------------------------------------------------------------------------------

def _track(text, found=None, context=(), home="other"):
    from events import actors, tracks

    mention = mention_of(text, "3 maart 2024", date(2024, 6, 1))
    found = actors.institutions_in(text) if found is None else found
    return tracks.track(mention, text, found, list(context), lambda: home)


def test_the_actor_nearest_the_date_places_the_event():
    """Bodies weigh by their distance to the date: the one acting at the date wins over one named
    further on, whichever comes first."""
    assert _track("De Europese Commissie besloot op 3 maart 2024, lang na een besluit van de Raad van Europa.") == "eu"
    assert _track("De Raad van Europa besloot op 3 maart 2024, lang na een besluit van de Europese Commissie.") \
        == "council_of_europe"


def test_the_speaking_government_weighs_less_than_the_body_it_speaks_of():
    assert _track("Het kabinet heeft op 3 maart 2024 de Europese Commissie gesteund.") == "eu"


def test_a_state_acting_makes_an_international_event_and_an_unknown_body_none():
    assert _track("Op 3 maart 2024 sloten Duitsland en Frankrijk een pact.") == "international"
    from events.actors import Found

    unknown = [Found("other:Stichting Voorbeeld", "other", 20)]
    assert _track("Op 3 maart 2024 sprak de Stichting Voorbeeld.", unknown, home="netherlands") == "netherlands"


def test_a_sentence_with_no_track_of_its_own_takes_the_sentences_before_it_the_last_first():
    text = "Op 3 maart 2024 is het besproken."
    assert _track(text, [], ["Het AI-verdrag van de Raad van Europa.", "De AI-verordening van de EU."]) == "eu"
    assert _track(text, [], ["De AI-verordening van de EU.", "Het kaderverdrag van de Raad van Europa."]) \
        == "council_of_europe"
    assert _track(text, [], [], home="international") == "international"


def test_a_document_is_about_the_track_it_names_most():
    from events import tracks

    assert tracks.home_track("De Europese Commissie en de EU-lidstaten; ook de Raad van Europa.") == "eu"
    assert tracks.home_track("De Raad van Europa, het CAI en het kaderverdrag. De EU.") == "council_of_europe"
    assert tracks.home_track("Geen instelling, geen onderwerp.") == "other"


@pytest.mark.parametrize("text, date_text, doc_date, expected", [
    # dated documents: a period before the document happened, after it is planned
    ("De verordening is in 2021 voorgesteld.", "2021", date(2024, 6, 1), "happened"),
    ("De brief volgt in 2025.", "2025", date(2024, 6, 1), "planned"),
    ("Den Haag, 1 juni 2024", "1 juni 2024", date(2024, 6, 1), "happened"),  # the document's own day
    ("Sinds april 2022 werkt het comité aan een verdrag.", "april 2022", date(2024, 6, 1), "ongoing"),
    # a period that holds the document's date: its words decide
    ("Het comité werkt tussen 2022 en 2025 aan het verdrag.", "tussen 2022 en 2025", date(2024, 6, 1), "ongoing"),
    ("Het comité heeft in 2024 het verdrag besproken.", "2024", date(2024, 6, 1), "happened"),
    ("Het comité organiseert in 2024 een conferentie.", "2024", date(2024, 6, 1), "planned"),
    ("De consultatie loopt momenteel in juni 2024.", "juni 2024", date(2024, 6, 10), "ongoing"),
    ("Tot 2024 is financiering beschikbaar.", "Tot 2024", date(2024, 6, 1), "ongoing"),
    ("Tot 2024 zal financiering beschikbaar zijn.", "Tot 2024", date(2024, 6, 1), "planned"),
    # a deadline in a period that holds the date lies ahead, unless the words before plan the date
    ("De lidstaten moeten dit uiterlijk in juni 2024 doen.", "juni 2024", date(2024, 6, 10), "planned"),
    # an undated text: its own framing
    ("Het comité heeft in 2024 het verdrag besproken.", "2024", None, "happened"),
    ("Het comité werkt in 2024 aan het verdrag.", "2024", None, "ongoing"),
    ("Tot eind 2024 werkt het comité.", "Tot eind 2024", None, "planned"),
])
def test_status_as_the_document_presents_it_on_its_own_date(text, date_text, doc_date, expected):
    mention = next(m for m in find_dates(text, doc_date, lambda b, e: status.clause_tense(text, b, e))
                   if m.text.endswith(date_text.split()[-1]) and date_text.split()[0].lower() in m.text.lower())
    assert status.status(mention, text, doc_date) == expected


def test_the_clause_s_tense_before_the_sentence_s():
    text = "Het voorstel is in 2021 aangenomen, de regels zullen in 2026 gelden."
    assert status.tense(text) == "future"
    early, late = text.index("2021"), text.index("2026")
    assert status.clause_tense(text, early, early + 4) == "past"
    assert status.clause_tense(text, late, late + 4) == "future"
    assert status.tense("Een zin zonder werkwoord van tijd.") == "neutral"
