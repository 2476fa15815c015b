"""Mentions of one real-world event share a cluster; different events do not."""

import dataclasses
from datetime import date

import pandas as pd

from events.cluster import clusters
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
    from tests.conftest import corpus_text

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
