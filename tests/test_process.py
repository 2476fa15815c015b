"""Stages, links between plans and outcomes, the process view and the view as of a date."""

from datetime import date

import pandas as pd
import pytest

from dashboard import process_view
from events.build import SEEDS, build
from events.process import delay_days, processes, stage_of
from events.table import DEFAULT_TABLE, companions, read_links, read_table

PLAN_000 = "000_2412db79c8a8e221.txt"
DONE_002 = "002_2db611365dd9d4ee.txt"


@pytest.fixture(scope="module")
def built():
    return build([SEEDS])


@pytest.fixture(scope="module")
def table():
    df = read_table(DEFAULT_TABLE)
    return df, read_links(companions(DEFAULT_TABLE)["links"], df)


def row_of(df, doc, date_text):
    return df[(df["doc"] == doc) & (df["date_text"] == date_text)].iloc[0]


def test_the_process_models_hold_the_stages_of_each_procedure():
    keys = {p.key: [s.key for s in p.stages] for p in processes()}
    assert keys["eu_olp"][:3] == ["proposal", "general_approach", "parliament_position"]
    assert "provisional_agreement" in keys["eu_olp"] and keys["eu_olp"][-1] == "amendment"
    assert keys["coe_convention"][0] == "feasibility" and keys["coe_convention"][-1] == "entry_into_force"
    assert "opening_for_signature" in keys["coe_convention"]
    assert keys["nl_followup"] == ["motion_or_commitment", "letter", "completion"]


def test_events_are_linked_to_their_stage(built):
    df = built.table
    assert row_of(df, PLAN_000, "eind 2023")["stage"] == "negotiations_concluded"
    assert row_of(df, DONE_002, "maart")["stage"] == "negotiations_concluded"
    assert row_of(df, DONE_002, "13 maart jl.")["stage"] == "parliament_vote"
    assert row_of(df, DONE_002, "21 mei")["stage"] == "council_adoption"
    assert row_of(df, PLAN_000, "1-3 februari 2023")["stage"] == "zero_draft"


def test_a_stage_needs_its_cue_near_the_date():
    row = dict(track="council_of_europe", date_text="eind 2023",
               quote="Het streven is om eind 2023 de onderhandelingen af te ronden.")
    assert stage_of(row) == ("coe_convention", "negotiations_concluded")
    assert stage_of({**row, "quote": "Het streven is om eind 2023 klaar te zijn."}) == ("", "")
    assert stage_of({**row, "track": "international"}) == ("", "")


def test_the_plan_of_march_2023_is_realized_in_march_2024_with_its_delay(built):
    df, links = built.table, built.links
    plan, done = row_of(df, PLAN_000, "eind 2023"), row_of(df, DONE_002, "maart")
    link = links[(links["to_id"] == plan["id"]) & (links["from_id"] == done["id"])].iloc[0]
    assert link["relation"] == "realizes"
    assert link["delay_days"] == 61  # planned by 31 Dec 2023, done from 1 Mar 2024
    assert "negotiations_concluded" in link["evidence"] and PLAN_000 in link["evidence"]
    assert plan["superseded_by"] == done["id"]  # marked, not deleted


def test_the_cahai_plan_for_end_2021_is_realized_on_time(built):
    df, links = built.table, built.links
    plan = row_of(df, "004_df1a3631a3f3e9cc.txt", "eind 2021")
    done = row_of(df, PLAN_000, "2 december 2021")
    link = links[(links["to_id"] == plan["id"]) & (links["from_id"] == done["id"])].iloc[0]
    assert (link["relation"], link["delay_days"]) == ("realizes", 0)
    assert plan["superseded_by"] == ""


def test_the_unesco_recommendation_plan_is_linked_to_its_adoption(built):
    df, links = built.table, built.links
    plan = row_of(df, "001_16388edc88916bbf.txt", "november 2021")
    realized = links[(links["to_id"] == plan["id"]) & (links["relation"] == "realizes")]
    assert len(realized) == 1
    assert df.set_index("id").loc[realized.iloc[0]["from_id"], "doc"] == "003_ae2b2aaf033ea664.txt"


def test_the_eu_mandate_ties_the_eu_and_council_of_europe_tracks(built):
    df, links = built.table, built.links
    decision = row_of(df, PLAN_000, "november 2022")
    related = links[(links["from_id"] == decision["id"]) & (links["relation"] == "related")]
    assert len(related) == 1
    target = df.set_index("id").loc[related.iloc[0]["to_id"]]
    assert decision["track"] == "eu" and target["track"] == "council_of_europe"


def test_a_later_plan_supersedes_and_delays_are_signed():
    plan = dict(start="2023-10-01", end="2023-12-31")
    assert delay_days(plan, dict(start="2024-03-01", end="2024-03-31")) == 61
    assert delay_days(plan, dict(start="2023-11-01", end="2023-11-30")) == 0
    assert delay_days(plan, dict(start="2023-06-01", end="2023-06-30")) == -93


def test_the_committed_links_are_what_the_build_makes(built, table):
    _, links = table
    assert links.astype(str).equals(built.links.astype(str))


def test_the_chain_shows_reached_current_planned_and_ahead(table):
    df, _ = table
    chain = process_view.stage_chain(df, "coe_convention").set_index("stage")
    assert chain.loc["feasibility", "state"] == "reached"
    assert chain.loc["negotiations_concluded", "state"] == "current"
    assert chain.loc["opening_for_signature", "state"] == "ahead"
    fig = process_view.chain_figure(df, "en").to_dict()
    assert "Council of Europe convention (Framework Convention on AI)" in fig["layout"]["yaxis"]["ticktext"]


def test_as_of_a_date_the_plans_stand_as_they_then_stood(table):
    df, links = table
    before, before_links = process_view.as_of(df, links, date(2023, 6, 1))
    assert set(before["doc"]) == {"000_2412db79c8a8e221.txt", "001_16388edc88916bbf.txt",
                                  "004_df1a3631a3f3e9cc.txt"}
    plan = row_of(before, PLAN_000, "eind 2023")
    assert plan["superseded_by"] == ""  # the 2024 letter is not yet written
    chain = process_view.stage_chain(before, "coe_convention").set_index("stage")
    assert chain.loc["negotiations_concluded", "state"] == "planned"
    assert chain.loc["negotiations_concluded", "start"] == date(2023, 10, 1)
    assert process_view.plan_vs_actual(before, before_links)["plan_id"].tolist() == [
        row_of(before, "004_df1a3631a3f3e9cc.txt", "eind 2021")["id"]]


def test_planned_against_actual_lists_each_pair_with_its_delay(table):
    df, links = table
    pairs = process_view.plan_vs_actual(df, links)
    march = pairs[pairs["later_text"] == "maart"]
    assert set(march["delay_days"]) == {61, 153}
    fig = process_view.plan_actual_figure(pairs, "nl").to_dict()
    texts = [t for tr in fig["data"] if tr["type"] == "scatter" for t in tr["text"]]
    assert "+61 dagen" in texts


def test_links_are_drawn_on_the_timeline(table):
    from dashboard.figures import timeline
    df, links = table
    names = {tr.name for tr in timeline(df, "en", date(2026, 11, 23), links).data}
    assert {"link across tracks", "plan → outcome"} <= names


def test_invalid_links_are_refused(tmp_path, table):
    from events.table import TableError, write_links
    df, links = table
    broken = pd.concat([links, pd.DataFrame([{"from_id": "nope", "to_id": df.iloc[0]["id"], "relation": "causes",
                                              "delay_days": "", "evidence": ""}])])
    with pytest.raises(TableError, match="relations outside the vocabulary: causes"):
        write_links(broken, df, tmp_path / "links.csv")
