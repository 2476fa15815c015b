"""Mentions of one real-world event share a cluster; different events do not."""

import dataclasses
import itertools
import re
from datetime import date

import pandas as pd

from events import cluster as clustering
from events.cluster import clusters
from tests.conftest import corpus_text, seed_text
from tests.conftest import event as row


def test_the_same_event_in_two_documents_shares_a_cluster():
    rows = [
        row("a1", "002.txt", "13 maart jl.", "2024-03-13", "2024-03-13", "day",
            "De verordening is na plenaire stemming in het Europees Parlement op 13 maart jl. goedgekeurd.",
            institutions="European Parliament"),
        row("b2", "005.txt", "13 maart 2024", "2024-03-13", "2024-03-13", "day",
            "Het Europees Parlement heeft op 13 maart 2024 in een plenaire stemming de AI-verordening goedgekeurd.",
            institutions="European Parliament"),
        row("c3", "005.txt", "maart 2024", "2024-03-01", "2024-03-31", "month",
            "In maart 2024 stemde de Raad van Europa over iets heel anders.", track="council_of_europe"),
    ]
    cluster = clusters(rows)
    assert cluster[rows[0].id] == cluster[rows[1].id] == "ca1"
    assert cluster[rows[2].id] == "cc3"


def test_clusters_do_not_depend_on_row_order():
    rows = [
        row("x", "1.txt", "2021", "2021-01-01", "2021-12-31", "year", "De UNESCO aanbeveling werd in 2021 aangenomen."),
        row("y", "2.txt", "november 2021", "2021-11-01", "2021-11-30", "month",
            "De UNESCO aanbeveling werd in november 2021 aangenomen."),
    ]
    forward, backward = clusters(rows), clusters(rows[::-1])
    assert forward == backward
    assert forward["x"] == forward["y"]


def test_nested_dates_join_when_actor_and_type_agree():
    rows = [
        row("p1", "000.txt", "april", "2023-04-01", "2023-04-30", "month",
            "In april en juni 2023 vinden nog vergaderingen plaats.", track="council_of_europe",
            event_type="meeting", institutions="CAI"),
        row("p2", "000.txt", "19 tot 21 april 2023", "2023-04-19", "2023-04-21", "days",
            "Van 19 tot 21 april 2023 werkt de plenaire vergadering aan de Preambule.", track="council_of_europe",
            event_type="meeting", institutions="CAI"),
        row("p3", "000.txt", "juni 2023", "2023-06-01", "2023-06-30", "month",
            "In april en juni 2023 vinden nog vergaderingen plaats.", track="council_of_europe",
            event_type="meeting", institutions="CAI"),
    ]
    cluster = clusters(rows)
    assert cluster[rows[0].id] == cluster[rows[1].id]
    assert cluster[rows[2].id] != cluster[rows[0].id]  # two dates of one sentence are two events


def test_the_same_day_in_two_languages_joins_without_shared_words():
    rows = [
        row("e1", "08.txt", "1 augustus 2024", "2024-08-01", "2024-08-01", "day",
            "Verordening (EU) 2024/1689 is op 1 augustus 2024 in werking getreden.", event_type="entry_into_force"),
        row("e2", "13.md", "1 August 2024", "2024-08-01", "2024-08-01", "day",
            "The AI Act entered into force on 1 August 2024.", event_type="entry_into_force"),
    ]
    cluster = clusters(rows)
    assert cluster[rows[0].id] == cluster[rows[1].id]


def test_different_bodies_on_the_same_day_stay_apart():
    rows = [
        row("d1", "09.html", "2 augustus 2025", "2025-08-02", "2025-08-02", "day",
            "De lidstaten delen uiterlijk op 2 augustus 2025 de contactgegevens van hun autoriteiten mee.",
            event_type="deadline", institutions="other:EU Member States"),
        row("d2", "09.html", "2 augustus 2025", "2025-08-02", "2025-08-02", "day",
            "De Commissie stelt uiterlijk op 2 augustus 2025 richtsnoeren op over ernstige incidenten.",
            event_type="deadline", institutions="European Commission"),
    ]
    cluster = clusters(rows)
    assert cluster[rows[0].id] != cluster[rows[1].id]


def test_only_events_are_clustered():
    from events.build import Extraction, assemble

    quote = "Het Europees Parlement heeft op 13 maart 2024 de AI-verordening goedgekeurd."
    rows = [
        row("k1", "1.txt", "13 maart 2024", "2024-03-13", "2024-03-13", "day", quote, institutions="European Parliament"),
        row("k2", "2.txt", "13 maart 2024", "2024-03-13", "2024-03-13", "day", quote, institutions="European Parliament",
            kind="reference"),
    ]
    table = assemble(Extraction(rows, pd.DataFrame({"file": ["1.txt", "2.txt"]}))).table.set_index("id")
    assert table.loc["k1", "cluster"] == "ck1" and table.loc["k2", "cluster"] == "ck2"
    assert clusters([rows[0], dataclasses.replace(rows[1], kind="event")]) == {"k1": "ck1", "k2": "ck1"}


def test_ai_act_milestones_told_in_two_languages_share_a_cluster_end_to_end(tmp_path):
    from events.build import build

    dutch = next(line for line in corpus_text("08").splitlines() if "1 augustus 2024 in werking" in line)
    (tmp_path / "nl.txt").write_text(f"Den Haag, 3 maart 2025\n\n{dutch.split('. ')[0]}. Sinds 2 februari 2025 gelden "
                                     "de verboden op AI-praktijken met een onaanvaardbaar risico.\n", encoding="utf-8")
    (tmp_path / "en.md").write_text("---\ndate: 2025-02-10\n---\n\nThe AI Act entered into force on 1 August 2024. "
                                    "The prohibitions on unacceptable-risk AI practices apply from 2 February 2025.\n",
                                    encoding="utf-8")
    table = build([tmp_path]).table
    events = table[table["kind"] == "event"]
    for day in ("2024-08-01", "2025-02-02"):
        same_day = events[events["start"] == date.fromisoformat(day)]
        assert set(same_day["doc"]) == {"nl.txt", "en.md"} and same_day["cluster"].nunique() == 1, day
    assert events[events["start"] == date(2024, 8, 1)]["cluster"].iloc[0] != \
        events[events["start"] == date(2025, 2, 2)]["cluster"].iloc[0]


def test_the_clustering_words_name_known_bodies_and_types():
    from events import cluster
    from events.vocabulary import vocabulary

    assert cluster._WEAK_ACTORS and set(vocabulary().institution_names) >= cluster._WEAK_ACTORS
    assert cluster._MANY_PER_DAY and set(vocabulary().keys("event_types")) >= cluster._MANY_PER_DAY
    kindred = {kind for pair in cluster._KINDRED_IN_TEXT for kind in pair}
    assert kindred and set(vocabulary().keys("event_types")) >= kindred | {cluster._UNTYPED}


def _sentence(text: str, phrase: str) -> str:
    """The sentence of a real document that holds phrase, on one line (tags of a web page left out)."""
    flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    at = flat.index(phrase)
    start = flat.rfind(". ", 0, at)
    end = flat.find(". ", at + len(phrase))
    return flat[start + 2 if start >= 0 else 0:end + 1 if end >= 0 else len(flat)]


def test_a_wider_date_does_not_tie_two_dates_of_one_sentence():
    # "launched on 19 February 2020 ... and ran until 14 June 2020" are two events; another text's
    # "Last year" (2020) nests both, and may be one of them, never the tie between them
    memorandum = _sentence(corpus_text("10"), "launched on 19 February 2020")
    interview = _sentence(corpus_text("18"), "Last year, the European Commission launched")
    rows = [
        row("l1", "10.txt", "19 February 2020", "2020-02-19", "2020-02-19", "day", memorandum,
            event_type="consultation", institutions="European Commission"),
        row("l2", "10.txt", "until 14 June 2020", "2020-06-14", "2020-06-14", "day", memorandum,
            event_type="consultation", institutions="European Commission"),
        row("l3", "18.md", "Last year", "2020-01-01", "2020-12-31", "year", interview,
            event_type="consultation", institutions="European Commission"),
    ]
    for order in (rows, rows[::-1]):
        cluster = clusters(order)
        assert cluster["l1"] == cluster["l3"] and cluster["l2"] != cluster["l1"]


def test_a_wider_date_does_not_tie_a_laws_deadlines_of_one_day():
    law, memorandum = corpus_text("09"), corpus_text("10")
    rows = [
        row("m1", "09.html", "2 augustus 2025", "2025-08-02", "2025-08-02", "day",
            _sentence(law, "De lidstaten maken uiterlijk op 2 augustus 2025"), event_type="deadline",
            institutions="other:EU Member States"),
        row("m2", "09.html", "2 augustus 2025", "2025-08-02", "2025-08-02", "day",
            _sentence(law, "Uiterlijk op 2 augustus 2025 en vervolgens om de twee jaar"), event_type="deadline",
            institutions="other:EU Member States;European Commission"),
        row("m3", "10.txt", "2025", "2025-01-01", "2025-12-31", "year",
            _sentence(memorandum, "EUR € 170000 by 2025"), event_type="deadline", institutions="other:EU Member States"),
    ]
    for order in (rows, rows[::-1]):
        assert clusters(order)["m1"] != clusters(order)["m2"]


def test_one_text_tells_two_acts_of_one_kind_and_season_in_other_words():
    # a study due "dit najaar" and a course opened "vanaf het najaar van 2021", both read as
    # reports of one body: one text, other words, two events
    letter = seed_text("001")
    rows = [
        row("t1", "001.txt", "dit najaar", "2021-09-01", "2021-11-30", "season",
            _sentence(letter, "Oplevering van het onderzoek wordt dit najaar"), track="netherlands",
            event_type="report", institutions="other:Tilburg University"),
        row("t2", "001.txt", "vanaf het najaar van 2021", "2021-09-01", "2021-11-30", "season",
            _sentence(letter, "vanaf het najaar van 2021"), track="eu", event_type="report",
            institutions="other:Tilburg University"),
    ]
    cluster = clusters(rows)
    assert cluster["t1"] != cluster["t2"]


def test_a_mention_that_names_no_act_joins_the_act_it_refers_back_to():
    # "Die onderwerpen zijn in januari en februari behandeld" names no act: its januari is the
    # negotiations begun in januari 2023, its februari the plenary of 1 to 3 February, both CAI's
    letter = seed_text("000")
    back = _sentence(letter, "Die onderwerpen zijn in januari en februari behandeld")
    rows = [
        row("u1", "000.txt", "januari 2023", "2023-01-01", "2023-01-31", "month",
            _sentence(letter, "in januari 2023 begonnen"), track="council_of_europe", event_type="proposal",
            institutions="CAI"),
        row("u2", "000.txt", "januari", "2023-01-01", "2023-01-31", "month", back, track="council_of_europe",
            event_type="other", institutions="CAI"),
        row("u3", "000.txt", "februari", "2023-02-01", "2023-02-28", "month", back, track="council_of_europe",
            event_type="other", institutions="CAI"),
        row("u4", "000.txt", "van 1 tot 3 februari 2023", "2023-02-01", "2023-02-03", "days",
            _sentence(letter, "plenaire vergadering van 1 tot 3 februari 2023"), track="council_of_europe",
            event_type="meeting", institutions="CAI"),
    ]
    cluster = clusters(rows)
    assert cluster["u1"] == cluster["u2"] and cluster["u3"] == cluster["u4"] and cluster["u1"] != cluster["u3"]


def test_an_untyped_mention_joins_a_bodys_act_in_another_text_but_no_deadline_of_a_law():
    ended = row("v1", "000.txt", "2 december 2021", "2021-12-02", "2021-12-02", "day",
                _sentence(seed_text("000"), "rondde haar werk af op 2 december 2021"), track="council_of_europe",
                event_type="proposal", institutions="CAHAI")
    planned = row("v2", "004.txt", "eind 2021", "2021-10-01", "2021-12-31", "quarter",
                  _sentence(seed_text("004"), "eind 2021 worden afgerond"), track="council_of_europe",
                  event_type="other", institutions="CAHAI")
    assert clusters([ended, planned])["v1"] == clusters([ended, planned])["v2"]
    # two of the AI Act's deadlines for the Commission on 2 February 2026, one read without a type
    guidelines = row("v3", "13.md", "no later than 2 February 2026", "2026-02-02", "2026-02-02", "day",
                     _sentence(corpus_text("13"), "no later than 2 February 2026"), event_type="other",
                     institutions="European Commission")
    monitoring = row("v4", "09.html", "2 februari 2026", "2026-02-02", "2026-02-02", "day",
                     _sentence(corpus_text("09"), "De Commissie stelt uiterlijk op 2 februari 2026"),
                     event_type="deadline", institutions="European Commission")
    assert clusters([guidelines, monitoring])["v3"] != clusters([guidelines, monitoring])["v4"]


def test_a_body_of_nearly_every_sentence_joins_mentions_of_one_span_only():
    # the cabinet's letter of 1 March 2021 is not its reply due "in de eerste maanden van 2021"
    rows = [
        row("w1", "001.txt", "1 maart 2021", "2021-03-01", "2021-03-01", "day",
            _sentence(seed_text("001"), "Kamer brief aan uw Kamer van 1 maart 2021"), track="netherlands",
            event_type="letter", institutions="Dutch cabinet"),
        row("w2", "004.txt", "eerste maanden van 2021", "2021-01-01", "2021-03-31", "quarter",
            _sentence(seed_text("004"), "Deze reactie zal in de eerste maanden van 2021"), track="netherlands",
            event_type="letter", institutions="Dutch cabinet"),
        # but its reply of 20 November 2020, cited in two letters, is one
        row("w3", "001.txt", "20 november 2020", "2020-11-20", "2020-11-20", "day",
            _sentence(seed_text("001"), "november 2020 op een drietal"), track="netherlands",
            event_type="letter", institutions="Dutch cabinet"),
        row("w4", "004.txt", "20 november jl.", "2020-11-20", "2020-11-20", "day",
            _sentence(seed_text("004"), "verwijst de Kamerbrief van 20 november jl."), track="netherlands",
            event_type="letter", institutions="Dutch cabinet"),
    ]
    cluster = clusters(rows)
    assert cluster["w1"] != cluster["w2"] and cluster["w3"] == cluster["w4"]


def test_one_text_that_names_other_bodies_names_another_act():
    # the Commission's initiatives of December 2020 (the DSA) and the cyber security strategy the
    # Commission and the High Representative set out on 16 December 2020: one letter, two events
    letter = seed_text("004")
    rows = [
        row("x1", "004.txt", "december 2020", "2020-12-01", "2020-12-31", "month",
            _sentence(letter, "De Europese Commissie heeft in december 2020"), event_type="publication",
            institutions="European Commission"),
        row("x2", "004.txt", "16 december 2020", "2020-12-16", "2020-12-16", "day",
            _sentence(letter, "Op 16 december 2020 hebben de Commissie en Hoge"), event_type="publication",
            institutions="European Commission;other:High Representative"),
        row("x3", "004.txt", "december 2020", "2020-12-01", "2020-12-31", "month",
            _sentence(letter, "zoals in december 2020 gepresenteerd"), event_type="publication",
            institutions="European Commission"),
    ]
    cluster = clusters(rows)
    assert cluster["x1"] == cluster["x3"] and cluster["x2"] != cluster["x1"]


def test_a_body_decides_at_its_meeting_within_one_text():
    letter = seed_text("000")
    decision = row("y1", "000.txt", "september 2023", "2023-09-01", "2023-09-30", "month",
                   _sentence(letter, "In september 2023 zou een voorlopig besluit"), track="council_of_europe",
                   event_type="decision", institutions="CAI")
    meeting = row("y2", "000.txt", "Van 13 tot 15 september 2023", "2023-09-13", "2023-09-15", "days",
                  _sentence(letter, "Van 13 tot 15 september 2023 zal de plenaire vergadering"),
                  track="council_of_europe", event_type="meeting", institutions="CAI")
    assert clusters([decision, meeting])["y1"] == clusters([decision, meeting])["y2"]
    # in two texts the types must agree: a body meets and decides many times a month
    elsewhere = dataclasses.replace(meeting, doc="002.txt")
    assert clusters([decision, elsewhere])["y1"] != clusters([decision, elsewhere])["y2"]



def test_a_date_restated_beside_another_in_one_sentence_is_one_event():
    # "This year, on 30 March 2021" names one day twice; "Last year ... published in February
    # 2020" names two acts, the consultation and the White Paper it was about
    interview = corpus_text("18")
    this_year = _sentence(interview, "This year, on 30 March 2021")
    last_year = _sentence(interview, "Last year, the European Commission launched")
    rows = [
        row("n1", "18.md", "This year", "2021-01-01", "2021-12-31", "year", this_year, track="council_of_europe",
            event_type="publication", institutions="CAHAI"),
        row("n2", "18.md", "30 March 2021", "2021-03-30", "2021-03-30", "day", this_year, track="council_of_europe",
            event_type="publication", institutions="CAHAI"),
        row("n3", "18.md", "Last year", "2020-01-01", "2020-12-31", "year", last_year, event_type="consultation",
            institutions="European Commission"),
        row("n4", "18.md", "February 2020", "2020-02-01", "2020-02-29", "month", last_year, event_type="publication",
            institutions="European Commission"),
    ]
    for order in (rows, rows[::-1]):
        cluster = clusters(order)
        assert cluster["n1"] == cluster["n2"] and cluster["n3"] != cluster["n4"]
        assert len({cluster["n1"], cluster["n3"], cluster["n4"]}) == 3


def test_a_month_joins_the_quarter_it_ends():
    # the Commission's proposals due "dit kwartaal" (the last of 2020) are its initiatives of
    # December 2020: dates that end on one day nest, whichever starts first
    letter = seed_text("004")
    quarter = row("q1", "004.txt", "dit kwartaal", "2020-10-01", "2020-12-31", "quarter",
                  _sentence(letter, "nog dit kwartaal zullen worden gepresenteerd"), event_type="publication",
                  institutions="European Commission")
    month = row("q2", "004.txt", "december 2020", "2020-12-01", "2020-12-31", "month",
                _sentence(letter, "De Europese Commissie heeft in december 2020"), event_type="publication",
                institutions="European Commission")
    for rows in ([quarter, month], [month, quarter]):
        assert clusters(rows)["q1"] == clusters(rows)["q2"]


def test_a_span_of_years_holds_no_one_date_of_it():
    # the CAI negotiates "tussen 2022 en 2024" and aims to conclude "eind 2023": the span of
    # years is the whole process, not its end
    letter = seed_text("000")
    process = row("r1", "000.txt", "tussen 2022 en 2024", "2022-01-01", "2024-12-31", "multi-year",
                  _sentence(letter, "tussen 2022 en 2024"), track="council_of_europe", event_type="negotiation",
                  institutions="CAI")
    end = row("r2", "000.txt", "eind 2023", "2023-10-01", "2023-12-31", "quarter",
              _sentence(letter, "eind 2023 de onderhandelingen"), track="council_of_europe", event_type="negotiation",
              institutions="CAI")
    assert clusters([process, end])["r1"] != clusters([process, end])["r2"]



def test_an_untyped_mention_joins_no_deadline_of_a_law_whatever_its_id():
    guidelines = row("v3", "13.md", "no later than 2 February 2026", "2026-02-02", "2026-02-02", "day",
                     _sentence(corpus_text("13"), "no later than 2 February 2026"), event_type="other",
                     institutions="European Commission")
    monitoring = row("v4", "09.html", "2 februari 2026", "2026-02-02", "2026-02-02", "day",
                     _sentence(corpus_text("09"), "De Commissie stelt uiterlijk op 2 februari 2026"),
                     event_type="deadline", institutions="European Commission")
    for untyped, deadline in (("a", "b"), ("b", "a")):
        rows = [dataclasses.replace(guidelines, id=untyped), dataclasses.replace(monitoring, id=deadline)]
        assert clusters(rows)["a"] != clusters(rows)["b"]


def test_one_text_tells_one_act_of_one_day_in_other_words():
    statement = corpus_text("16")
    first = _sentence(statement, "Today, the UN General Assembly")
    rows = [
        row("s1", "16.md", "Today", "2024-03-21", "2024-03-21", "day", first[first.index("Today"):],
            track="international", event_type="adoption", institutions="UN"),
        row("s2", "16.md", "today", "2024-03-21", "2024-03-21", "day",
            _sentence(statement, "The resolution adopted today"), track="international", event_type="adoption",
            institutions="UN"),
    ]
    assert clusters(rows)["s1"] == clusters(rows)["s2"]


def _summit() -> list:
    """The AI Safety Summit of November 2023 in three texts, and the Council of Europe's
    guidelines adopted that month in one of them."""
    return [
        row("s1", "003.txt", "november 2023", "2023-11-01", "2023-11-30", "month",
            _sentence(seed_text("003"), "AI Safety Summit (november 2023"), track="international",
            event_type="meeting", institutions="Dutch cabinet;other:AI Safety Summit"),
        row("s2", "003.txt", "november 2023", "2023-11-01", "2023-11-30", "month",
            _sentence(seed_text("003"), "In november 2023 nam de Raad"), track="council_of_europe",
            event_type="adoption", institutions="Council of Europe"),
        row("s3", "17.md", "November 2023", "2023-11-01", "2023-11-30", "month",
            _sentence(corpus_text("17"), "Bletchley Park (November 2023)"), track="international",
            event_type="meeting", institutions="other:AI Safety Summit"),
        row("s4", "14.md", "November 1 and 2", "2023-11-01", "2023-11-02", "days",
            _sentence(corpus_text("14"), "November 1 and 2"), track="international", event_type="meeting",
            institutions="G7;other:AI Safety Summit"),
    ]


def test_another_bodys_act_of_the_month_does_not_keep_a_mention_from_its_own_event():
    summit = _summit()
    cluster = clusters(summit)
    assert cluster["s1"] == cluster["s3"] == cluster["s4"] != cluster["s2"]


def test_which_mentions_are_one_event_does_not_depend_on_their_ids():
    # the ids are hashes: whatever their order, the same mentions are one event, named after the
    # first id of them
    summit = _summit()
    for ids in itertools.permutations(["k1", "k2", "k3", "k4"]):
        renamed = [dataclasses.replace(mention, id=new) for mention, new in zip(summit, ids, strict=True)]
        cluster = clusters(renamed)
        meeting = {ids[0], ids[2], ids[3]}
        assert {cluster[i] for i in meeting} == {"c" + min(meeting)}, ids
        assert cluster[ids[1]] == "c" + ids[1], ids


def _motion_head(number: str) -> str:
    """The head of a corpus motion, as its dateline sentence reads ("... Voorgesteld 16 januari 2025 De Kamer, ...")."""
    return " ".join(corpus_text(number).splitlines()[:16])


def test_the_own_acts_of_two_documents_are_two_acts_whatever_day_and_body_they_share():
    # motions 06 and 27, both "Voorgesteld 16 januari 2025"; motions 29 and 30, both "Voorgesteld 2 september 2025"
    pairs = (("06", "27", "2025-01-16", "16 januari 2025"), ("29", "30", "2025-09-02", "2 september 2025"))
    for first, second, day, text in pairs:
        rows = [row(f"m{n}", f"{n}.txt", text, day, day, "day", _motion_head(n), track="netherlands", event_type="motion",
                    institutions="Tweede Kamer", doc_date=date.fromisoformat(day))
                for n in (first, second)]
        assert text in rows[0].quote and text in rows[1].quote
        cluster = clusters(rows)
        assert cluster[rows[0].id] != cluster[rows[1].id], (first, second)
    # a motion's date cited in another text (no dateline there) still joins it
    cited = row("c", "letter.txt", "16 januari 2025", "2025-01-16", "2025-01-16", "day",
                "Met de motie Vermeer van 16 januari 2025 verzoekt de Kamer de regering om een plan.",
                track="netherlands", event_type="motion", institutions="Tweede Kamer", doc_date=date(2025, 3, 1))
    own = row("m06", "06.txt", "16 januari 2025", "2025-01-16", "2025-01-16", "day", _motion_head("06"),
              track="netherlands", event_type="motion", institutions="Tweede Kamer", doc_date=date(2025, 1, 16))
    assert len(set(clusters([own, cited]).values())) == 1


def test_one_texts_entry_into_application_on_one_day_is_one_event_whatever_body_it_names():
    lines = corpus_text("25").splitlines()
    quotes = [" ".join(lines[a - 1:b]) for a, b in ((134, 135), (247, 248), (349, 350))]
    rows = [row(f"g{i}", "25.txt", "2 August 2025", "2025-08-02", "2025-08-02", "day", quote,
                event_type="entry_into_force", institutions=actors)
            for i, (quote, actors) in enumerate(zip(quotes, ("European Commission", "other:AI Office", ""), strict=True))]
    assert all("2 August 2025" in r.quote for r in rows)
    written = [row(f"w{i}", "act.txt", "2 augustus 2026", "2026-08-02", "2026-08-02", "day", quote,
                   event_type="entry_into_force", institutions=actors)
               for i, (quote, actors) in enumerate((
                   ("Hoofdstuk III is van toepassing vanaf 2 augustus 2026.", ""),
                   ("De Commissie handhaaft de regels voor hoogrisicosystemen vanaf 2 augustus 2026, wanneer zij gaan gelden.",
                    "European Commission")))]
    # ... but a law's deadlines of one day, for different bodies, stay apart
    deadlines = [row(f"d{i}", "law.txt", "2 augustus 2025", "2025-08-02", "2025-08-02", "day", quote,
                     event_type="deadline", institutions=actors)
                 for i, (quote, actors) in enumerate((
                     ("De lidstaten maken uiterlijk op 2 augustus 2025 de contactgegevens bekend.", "other:EU Member States"),
                     ("De Commissie stelt uiterlijk op 2 augustus 2025 richtsnoeren op.", "European Commission")))]
    cluster = clusters(rows + written + deadlines)
    assert len({cluster[r.id] for r in rows}) == 1
    assert len({cluster[r.id] for r in written}) == 1
    assert len({cluster[r.id] for r in deadlines}) == 2


def _guidelines(phrase: str, date_text: str, id: str, event_type: str, institutions: str = "",
                instrument: str = "ai_act"):
    """A mention of 2 August 2025 in the GPAI guidelines (25), in the sentence that holds phrase."""
    quote = _sentence(corpus_text("25"), phrase)
    assert date_text in quote
    return row(id, "25.txt", date_text, "2025-08-02", "2025-08-02", "day", quote, event_type=event_type,
               institutions=institutions, instrument=instrument)


def test_a_date_given_with_a_provision_of_law_names_it_in_brackets_right_after():
    decisions = _guidelines("The Commission can take decisions under Article 52", "from 2 August 2025", "b1", "decision")
    onwards = _guidelines("lack of enforcement does not put into question", "from 2 August 2025", "b2",
                          "entry_into_force")
    assert clustering._basis(decisions) == clustering._basis(onwards) == "article 113 point b ai act"
    # a date that opens its sentence (a heading, a bullet) is read alike
    opening = dataclasses.replace(decisions, date_text="2 August 2025",
                                  quote=decisions.quote[decisions.quote.index("2 August 2025"):])
    assert clustering._basis(opening) == "article 113 point b ai act"
    # footnote marks and a citation of a parliamentary record are no provision of law
    heading = _guidelines("Chapter V of the AI Act on 2 August 2025 (109)", "2 August 2025",
                          "b3", "entry_into_force")
    assert "2 August 2025 (109)" in heading.quote and clustering._basis(heading) == ""
    record = _sentence(seed_text("002"), "21 maart 2023 (Handeling I")
    assert clustering._basis(row("b4", "002.txt", "21 maart 2023", "2023-03-21", "2023-03-21", "day", record)) == ""
    letter = _sentence(seed_text("001"), "1 maart 2021 (Kamerstukken")
    assert clustering._basis(row("b5", "001.txt", "1 maart 2021", "2021-03-01", "2021-03-01", "day", letter)) == ""
    # a provision named before the date is the act's content, not the date's basis
    deadline = _guidelines("If a code of practice cannot be finalised by 2 August 2025", "2 August 2025",
                           "b6", "deadline")
    assert "(Article 56(9)" in deadline.quote and clustering._basis(deadline) == ""


def test_mentions_of_one_text_that_give_one_day_one_provision_are_its_one_act():
    # "The Commission can take decisions ... from 2 August 2025 (Article 113, point (b), AI Act)",
    # read as a decision, is the application the guidelines give that provision three more times:
    # one event with every mention of that application, also those that cite no provision
    rows = [
        _guidelines("The Commission can take decisions under Article 52", "from 2 August 2025", "p1", "decision",
                    "European Commission"),
        _guidelines("The obligations for providers of general-purpose AI models under the AI Act enter",
                    "2 August 2025", "p2", "entry_into_force"),
        _guidelines("laid down in Chapter V of the AI Act apply from 2 August 2025", "from 2 August 2025", "p3",
                    "entry_into_force"),
        _guidelines("lack of enforcement does not put into question", "from 2 August 2025", "p4",
                    "entry_into_force"),
        _guidelines("in light of their imminent entry into application", "2 August 2025", "p5", "entry_into_force"),
    ]
    assert clustering._kinds(rows) == {f"p{i}": "entry_into_force" for i in range(1, 5)}
    for order in (rows, rows[::-1]):
        assert len(set(clusters(order).values())) == 1
    # one mention against one, with two types, says nothing of which is right
    assert clustering._kinds(rows[:2]) == {}
    # a day given the same provision in two texts is not read across them
    elsewhere = [dataclasses.replace(mention, doc="other.txt") for mention in rows[2:4]]
    assert clustering._kinds([rows[0], *elsewhere]) == {}


def test_mentions_that_act_on_two_instruments_are_two_events():
    # the code of practice due by 2 August 2025 (AI Act Art. 56(9), in the law, 09, and in the
    # guidelines, 25) is one event; the Commission's decisions that the AI Act allows from that
    # day, told by the same body with like words, are another
    law = _sentence(corpus_text("09"), "uiterlijk op 2 augustus 2025 nog geen praktijkcode")
    fallback = row("i1", "09.html", "2 augustus 2025", "2025-08-02", "2025-08-02", "day", law,
                   event_type="deadline", institutions="European Commission;AI Office",
                   instrument="gpai_code_of_practice")
    told = _guidelines("If a code of practice cannot be finalised by 2 August 2025", "2 August 2025", "i2",
                       "deadline", "European Commission", instrument="gpai_code_of_practice")
    decisions = _guidelines("The Commission can take decisions under Article 52", "from 2 August 2025", "i3",
                            "decision", "European Commission")
    for order in ([fallback, told, decisions], [decisions, told, fallback]):
        cluster_of = clusters(order)
        assert cluster_of["i1"] == cluster_of["i2"] != cluster_of["i3"]
    # without an instrument named, like words of one body on one day still tell one event
    assert len(set(clusters([dataclasses.replace(told, instrument=""), decisions]).values())) == 1
    # nor does a mention that names none tie two of them: the Commission's guidelines on serious
    # incidents due by 2 August 2025 (09) and its fallback for the code, each one event with a
    # third text's mention of a Commission deadline that day
    incidents = row("i4", "09.html", "2 augustus 2025", "2025-08-02", "2025-08-02", "day",
                    _sentence(corpus_text("09"), "Die richtsnoeren worden uiterlijk op 2 augustus 2025"),
                    event_type="deadline", institutions="European Commission", instrument="ai_act")
    unnamed = dataclasses.replace(told, doc="summary.txt", instrument="")
    for first, bridge, last in (("a", "b", "c"), ("c", "b", "a")):
        rows = [dataclasses.replace(incidents, id=first), dataclasses.replace(unnamed, id=bridge),
                dataclasses.replace(told, id=last)]
        cluster_of = clusters(rows)
        assert cluster_of[first] != cluster_of[last] and cluster_of[bridge] in (cluster_of[first], cluster_of[last])


def test_a_dateline_and_its_today_in_one_sentence_are_one_event():
    release = _sentence(corpus_text("24"), "The Commission announced today")
    dateline = row("r1", "24.txt", "25 September 2024", "2024-09-25", "2024-09-25", "day", release,
                   event_type="publication", institutions="European Commission")
    today = dataclasses.replace(row("r2", "24.txt", "today", "2024-09-25", "2024-09-25", "day", release,
                                    event_type="publication", institutions="European Commission"), relative=True)
    assert "Brussels, 25 September 2024" in release
    assert clusters([dateline, today])["r1"] == clusters([today, dateline])["r2"]
    # read as two acts, they stay two
    announced = dataclasses.replace(today, event_type="signature")
    assert clusters([dateline, announced])["r1"] != clusters([dateline, announced])["r2"]
    # two days worked out from the document's date in one sentence are two events: the
    # Parliament's vote of 13 March and the Council's adoption of 21 May
    letter = _sentence(seed_text("002"), "op 13 maart jl. goedgekeurd")
    vote = dataclasses.replace(row("v1", "002.txt", "13 maart jl.", "2024-03-13", "2024-03-13", "day", letter,
                                   event_type="adoption", institutions="European Parliament"), relative=True)
    adopted = dataclasses.replace(row("v2", "002.txt", "21 mei", "2024-05-21", "2024-05-21", "day", letter,
                                      event_type="adoption", institutions="Telecom Council"), relative=True)
    assert clusters([vote, adopted])["v1"] != clusters([vote, adopted])["v2"]
