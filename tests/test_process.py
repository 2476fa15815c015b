"""Stages, links between plans and outcomes, the process view and the view as of a date."""

import dataclasses
import itertools
import re
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import data, process_view
from dashboard import filters as flt
from dashboard.filters import only_events
from events import process as link_pass
from events.process import delay_days, processes, stage_of
from events.table import DEFAULT_TABLE, companions, read_links, read_table
from tests.conftest import event, seed_lines

PLAN_000 = "000_2412db79c8a8e221.txt"
DONE_002 = "002_2db611365dd9d4ee.txt"


@pytest.fixture(scope="module")
def built(seeds_built):
    return seeds_built


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
    row = event("s1", track="council_of_europe", date_text="eind 2023",
                quote="Het streven is om eind 2023 de onderhandelingen af te ronden.")
    assert stage_of(row) == ("coe_convention", "negotiations_concluded")
    assert stage_of(dataclasses.replace(row, quote="Het streven is om eind 2023 klaar te zijn.")) == ("", "")
    assert stage_of(dataclasses.replace(row, track="international")) == ("", "")


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
    plan = event("p", start="2023-10-01", end="2023-12-31")
    assert delay_days(plan, event("a", start="2024-03-01", end="2024-03-31")) == 61
    assert delay_days(plan, event("b", start="2023-11-01", end="2023-11-30")) == 0
    assert delay_days(plan, event("c", start="2023-06-01", end="2023-06-30")) == -93


def test_the_committed_links_are_what_the_build_makes(built, table):
    _, links = table
    assert links.astype(str).equals(built.links.astype(str))


def states(df, process, when=None) -> dict[str, str]:
    chain = process_view.stage_chain(only_events(df), process, when)
    return dict(zip(chain["stage"], chain["state"], strict=True))


def test_the_stages_of_the_eu_procedure_on_the_bundled_documents(table):
    """The Parliament voted on 13 March 2024 and the Council adopted on 21 May 2024 (the June
    2024 letter): every stage before the adoption was reached, whether or not a document
    dates it; the adoption is the current stage; nothing later is planned in the documents."""
    df, _ = table
    assert states(df, "eu_olp", date(2026, 11, 23)) == {
        "proposal": "reached", "general_approach": "reached", "parliament_position": "reached",
        "trilogues": "reached", "provisional_agreement": "reached", "parliament_vote": "reached",
        "council_adoption": "current", "publication": "ahead", "entry_into_force": "ahead",
        "application": "ahead", "amendment": "ahead"}
    chain = process_view.stage_chain(only_events(df), "eu_olp", date(2026, 11, 23)).set_index("stage")
    assert chain.loc["council_adoption", "start"] == date(2024, 5, 21)
    assert chain.loc["parliament_vote", "start"] == date(2024, 3, 13)
    # before the vote, as the documents then stood: nothing of the procedure had happened yet
    assert set(states(df[df["doc_date"] <= date(2024, 1, 1)], "eu_olp", date(2024, 1, 1)).values()) <= {"ahead"}


def test_the_stages_of_the_council_of_europe_convention_on_the_bundled_documents(table):
    """The negotiations concluded in March 2024 (June 2024 letter): the stages before it are
    reached, it is current, adoption, signature and entry into force are still to come."""
    df, _ = table
    assert states(df, "coe_convention", date(2026, 11, 23)) == {
        "feasibility": "reached", "mandate": "reached", "zero_draft": "reached", "negotiation_rounds": "reached",
        "negotiations_concluded": "current", "adoption": "ahead", "opening_for_signature": "ahead",
        "signatures_ratifications": "ahead", "entry_into_force": "ahead"}
    fig = process_view.chain_figure(only_events(df), "en", date(2026, 11, 23)).to_dict()
    assert "Council of Europe<br>convention (Framework<br>Convention on AI)" in fig["layout"]["yaxis"]["ticktext"]
    current = [tr for tr in fig["data"] if tr.get("name") == "current stage"]
    firsts = [text.split("<br>")[0] for tr in current for text in tr["text"]]
    assert "Council adoption" in firsts and any(text.startswith("Negotiations") for text in firsts)


def test_a_stage_is_reached_by_the_view_date_not_later(table):
    df, _ = table
    # on 1 March 2023 the zero draft was out (February 2023) but the negotiations had not concluded
    before = states(df, "coe_convention", date(2023, 3, 1))
    assert before["zero_draft"] in ("reached", "current") and before["negotiations_concluded"] == "planned"


def test_chain_labels_do_not_overlap(table):
    """Labels alternate above and below the chain; neighbours on one side are two stages apart
    and each label is wrapped to that width."""
    df, _ = table
    fig = process_view.chain_figure(only_events(df), "nl", date(2026, 11, 23))
    slot = fig.layout.meta["slot_px"]
    for trace in fig.to_dict()["data"]:
        for text in trace.get("text") or []:
            width = max(len(re.sub(r"<[^>]+>", "", line)) for line in text.split("<br>")) * \
                trace["textfont"]["size"] * 0.55
            assert width < 2 * slot - 8, text
    positions = {}
    for trace in fig.to_dict()["data"]:
        for x, y, where in zip(trace["x"], trace["y"], trace.get("textposition") or [], strict=False):
            positions.setdefault((y, where), []).append(x)
    for xs in positions.values():
        xs = sorted(xs)
        assert all(b - a >= 2 for a, b in itertools.pairwise(xs))


def test_an_empty_selection_has_no_procedure(table):
    df, _ = table
    fig = process_view.chain_figure(only_events(df).iloc[0:0], "nl")
    assert not fig.to_dict()["data"]


def test_as_of_a_date_the_plans_stand_as_they_then_stood(table):
    df, links = table
    before, before_links = flt.as_of(df, links, date(2023, 6, 1))
    assert set(before["doc"]) == {"000_2412db79c8a8e221.txt", "001_16388edc88916bbf.txt",
                                  "004_df1a3631a3f3e9cc.txt"}
    plan = row_of(before, PLAN_000, "eind 2023")
    assert plan["superseded_by"] == ""  # the 2024 letter is not yet written
    chain = process_view.stage_chain(before, "coe_convention", date(2023, 6, 1)).set_index("stage")
    assert chain.loc["negotiations_concluded", "state"] == "planned"
    assert chain.loc["negotiations_concluded", "start"] == date(2023, 10, 1)
    assert data.plan_vs_actual(before, before_links)["plan_id"].tolist() == [
        row_of(before, "004_df1a3631a3f3e9cc.txt", "eind 2021")["id"]]


def test_planned_against_actual_lists_each_pair_with_its_delay(table):
    df, links = table
    pairs = data.plan_vs_actual(df, links)
    march = pairs[pairs["later_text"] == "maart"]
    assert set(march["delay_days"]) == {61, 153}
    fig = process_view.plan_actual_figure(pairs, "nl").to_dict()
    texts = [t for tr in fig["data"] if tr["type"] == "scatter" for t in tr["text"]]
    assert "+61 dagen" in texts
    assert all("pattern" not in tr["marker"] for tr in fig["data"] if tr["type"] == "bar")  # vector, no raster


def test_planned_against_actual_follows_the_filters(table):
    from dashboard import filters as flt
    df, links = table
    eu = flt.apply(df, flt.Filters(track=("eu",)))
    coe = flt.apply(df, flt.Filters(track=("council_of_europe",)))
    assert set(data.plan_vs_actual(coe, links)["track"]) == {"council_of_europe"}
    assert set(data.plan_vs_actual(eu, links)["track"]) <= {"eu"}
    assert len(data.plan_vs_actual(eu, links)) < len(data.plan_vs_actual(df, links))


def test_planned_against_actual_table_speaks_the_interface_language(table):
    df, links = table
    pairs = data.plan_vs_actual(df, links)
    en = process_view.plan_table(pairs, "en", lambda doc: f"title of {doc}")
    nl = process_view.plan_table(pairs, "nl", lambda doc: doc)
    assert list(en.columns) == ["Title", "Planned", "Planned in", "Reported", "Reported in", "Delay (days)",
                                "Relation", "Evidence"]
    assert list(nl.columns)[:3] == ["Titel", "Gepland", "Gepland in"]
    assert en.iloc[0]["Planned in"].startswith("title of ")


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


def _cue_pieces() -> list[str]:
    return sorted({n for p in processes() for n in p.cue_gate.needles})


@given(st.lists(st.one_of(st.sampled_from(_cue_pieces()), st.sampled_from([" ", "-", "de ", "the "]),
                          st.text(max_size=4)), max_size=8).map("".join))
def test_a_cue_is_searched_wherever_its_own_gate_would_let_it(text):
    """stage_of finds the pieces of all of a procedure's cues once, then opens each cue's gate by
    those it holds: that must open exactly where the cue's gate opens on the text itself."""
    lowered = text.lower()
    for model in processes():
        held = model.cue_gate.held(lowered)
        assert bool(held) == model.cue_gate.within(lowered)
        for stage in model.stages:
            for cue_gate in stage.cue_gates:
                assert cue_gate.needles <= model.cue_gate.needles or cue_gate.always
                assert cue_gate.opened_by(held) == cue_gate.within(lowered), (stage.key, text)


def _mention(id, doc, doc_date, start, end, status="happened", stage="", institutions="European Commission", **more):
    """An event of a procedure as the linking pass sees it (on the EU track unless told)."""
    return event(id, doc=doc, doc_date=date.fromisoformat(doc_date), start=start, end=end, status=status,
                 process="eu_olp" if stage else "", stage=stage, institutions=institutions, **more)


_PLAN = _mention("plan", "000.txt", "2023-03-06", "2023-10-01", "2023-12-31", "planned", "provisional_agreement",
                 date_text="eind 2023")


@pytest.mark.parametrize("later, why", [
    (_mention("l", "002.txt", "2024-06-06", "2024-03-01", "2024-03-31", stage="provisional_agreement"),
     "same stage: eu_olp/provisional_agreement"),
    # another track, another stage, or no stage on one side: not the same milestone
    (_mention("l", "002.txt", "2024-06-06", "2024-03-01", "2024-03-31", stage="provisional_agreement",
              track="council_of_europe"), None),
    (_mention("l", "002.txt", "2024-06-06", "2024-03-01", "2024-03-31", stage="parliament_vote"), None),
    (_mention("l", "002.txt", "2024-06-06", "2024-03-01", "2024-03-31"), None),
])
def test_a_plan_and_a_later_mention_are_one_milestone_by_their_stage(later, why):
    assert link_pass._same_milestone(_PLAN, later, {}) == why


def test_a_stage_that_happens_many_times_is_no_milestone_and_no_stage_needs_both_unstaged():
    plan = dataclasses.replace(_PLAN, stage="trilogues")
    later = _mention("l", "002.txt", "2024-06-06", "2024-03-01", "2024-03-31", stage="trilogues")
    assert "trilogues" in link_pass.REPEATING
    assert link_pass._same_milestone(plan, later, {}) is None
    unstaged = dataclasses.replace(_PLAN, stage="", process="")
    assert link_pass._same_milestone(unstaged, later, {"plan": frozenset(), "l": frozenset()}) is None


_WORDS = frozenset({"toezichthouder", "verordening"})


@pytest.mark.parametrize("plan_words, later_words, later_start, later_institutions, why", [
    (_WORDS, _WORDS | {"ander"}, "2024-03-01", "European Commission",
     "shared actors European Commission; words toezichthouder, verordening"),
    # words of five letters count; shorter ones, month names and the field's common words do not
    ({"markt", "toets"}, {"markt", "toets"}, "2024-03-01", "European Commission",
     "shared actors European Commission; words markt, toets"),
    ({"toezichthouder", "wet"}, {"toezichthouder", "wet"}, "2024-03-01", "European Commission", None),
    ({"toezichthouder", "augustus"}, {"toezichthouder", "augustus"}, "2024-03-01", "European Commission", None),
    ({"toezichthouder", "commissie"}, {"toezichthouder", "commissie"}, "2024-03-01", "European Commission", None),
    # one shared word, no shared actor, or an actor every Dutch sentence has: not enough
    ({"toezichthouder", "verordening"}, {"toezichthouder", "agentschap"}, "2024-03-01", "European Commission", None),
    (_WORDS, _WORDS, "2024-03-01", "Council of the EU", None),
    (_WORDS, _WORDS, "2024-03-01", "Tweede Kamer", None),
    # at most a year from the planned interval, either side
    (_WORDS, _WORDS, "2024-12-30", "European Commission", "shared actors European Commission; words toezichthouder, verordening"),
    (_WORDS, _WORDS, "2024-12-31", "European Commission", None),
    (_WORDS, _WORDS, "2022-10-01", "European Commission", "shared actors European Commission; words toezichthouder, verordening"),
    (_WORDS, _WORDS, "2022-09-30", "European Commission", None),
])
def test_unstaged_mentions_are_one_milestone_by_shared_actors_words_and_time(plan_words, later_words, later_start,
                                                                            later_institutions, why):
    plan = _mention("plan", "000.txt", "2022-03-06", "2023-10-01", "2023-12-31", "planned",
                    institutions="European Commission;Tweede Kamer")
    later = _mention("l", "002.txt", "2024-06-06", later_start, later_start, institutions=later_institutions)
    assert link_pass._same_milestone(plan, later, {"plan": frozenset(plan_words), "l": frozenset(later_words)}) == why


def test_the_reason_names_every_shared_actor_and_at_most_six_words():
    words = frozenset({"alfabet", "bureau", "college", "dossier", "eenheid", "fundament", "gremium"})
    plan = _mention("plan", "000.txt", "2022-03-06", "2023-10-01", "2023-12-31", "planned",
                    institutions="European Commission;European Parliament")
    later = _mention("l", "002.txt", "2024-06-06", "2024-01-01", "2024-01-31",
                     institutions="European Parliament;European Commission")
    assert link_pass._same_milestone(plan, later, {"plan": words, "l": words}) == (
        "shared actors European Commission, European Parliament; words alfabet, bureau, college, dossier, eenheid, fundament")


def _done(id, doc, doc_date, start, status="happened", stage="provisional_agreement"):
    return _mention(id, doc, doc_date, start, start[:8] + "28", status, stage, date_text=f"d{id}")


def test_a_plan_is_linked_to_the_first_later_document_that_reports_it():
    rows = [_PLAN,
            _done("same_doc", "000.txt", "2023-03-06", "2024-01-01"),  # its own document: no report on it
            dataclasses.replace(_done("undated", "001.txt", "2023-04-01", "2024-01-01"), doc_date=None),
            _done("old", "001.txt", "2023-04-01", "2023-01-01"),  # ends before the plan was written
            _done("first", "002.txt", "2024-06-06", "2024-03-01"),
            _done("second", "003.txt", "2024-09-01", "2024-03-05")]
    links, superseded = link_pass.link(rows)
    realized = [(k.from_id, k.to_id, k.relation, k.delay_days) for k in links if k.relation == "realizes"]
    assert realized == [("first", "plan", "realizes", 61)]
    evidence = next(k.evidence for k in links if k.relation == "realizes")
    assert evidence == ("same stage: eu_olp/provisional_agreement; planned 'eind 2023' in 000.txt, "
                        "done 'dfirst' in 002.txt")
    assert superseded == {"plan": "first"}  # done late: the plan is marked
    # a mention that is not a plan, or a plan without a document date, links to nothing
    assert link_pass.link([dataclasses.replace(_PLAN, status="happened"), rows[4]])[1] == {}
    assert link_pass.link([dataclasses.replace(_PLAN, doc_date=None), rows[4]])[1] == {}


def test_a_plan_done_on_time_is_not_marked_and_a_new_plan_supersedes_it():
    on_time = _done("on_time", "002.txt", "2024-01-06", "2023-11-01")
    links, superseded = link_pass.link([_PLAN, on_time])
    assert [(k.relation, k.delay_days) for k in links if k.to_id == "plan"] == [("realizes", 0)]
    assert superseded == {}
    replanned = _done("again", "002.txt", "2024-01-06", "2023-11-01", status="planned")
    links, superseded = link_pass.link([_PLAN, replanned])
    assert [(k.relation, k.delay_days) for k in links if k.to_id == "plan"] == [("supersedes", 0)]
    assert "planned anew 'dagain' in 002.txt" in links[0].evidence
    assert superseded == {"plan": "again"}


def test_unstaged_plans_are_found_through_their_actors():
    plan = _mention("plan", "000.txt", "2023-03-06", "2023-10-01", "2023-12-31", "planned", institutions="AI Office",
                    quote="Het AI-bureau publiceert de gedragscode voor aanbieders eind 2023.", date_text="eind 2023")
    done = _mention("done", "002.txt", "2024-06-06", "2024-02-01", "2024-02-29", institutions="AI Office",
                    quote="Het AI-bureau publiceerde in februari de gedragscode voor aanbieders.", date_text="februari")
    links, superseded = link_pass.link([plan, done])
    assert [(k.from_id, k.to_id, k.relation, k.delay_days) for k in links] == [("done", "plan", "realizes", 32)]
    assert superseded == {"plan": "done"}
    assert links[0].evidence.startswith("shared actors AI Office; words ")


def test_a_document_about_a_procedure_gives_its_stage_to_sentences_that_do_not_name_it():
    named = " ".join(seed_lines("002", 21, 23).split())  # "... op 13 maart jl. goedgekeurd ... De AI-verordening zal ..."
    bare = "De Raad heeft de verordening op 21 mei formeel aangenomen."
    rows = [event("named", doc="002.txt", track="eu", date_text="13 maart jl.", quote=named),
            event("bare", doc="002.txt", track="eu", date_text="21 mei", quote=bare),
            event("elsewhere", doc="009.txt", track="eu", date_text="21 mei", quote=bare),
            event("other_track", doc="010.txt", track="council_of_europe", date_text="21 mei", quote=named)]
    found = link_pass.stages(rows)
    assert found["named"] == ("eu_olp", "parliament_vote")
    assert found["bare"] == ("eu_olp", "council_adoption")
    assert found["elsewhere"] == ("", "")  # a document that never names the AI Act
    assert found["other_track"][0] != "eu_olp"


def test_a_procedure_s_stages_are_found_by_their_key():
    model = link_pass.process("coe_convention")
    assert model.stage("feasibility").key == "feasibility" and model.index("feasibility") == 0
    assert model.index("entry_into_force") == len(model.stages) - 1
    assert model.stage("entry_into_force").en != model.stage("feasibility").en


def _reached(id, stage, start, status="happened", process="eu_olp", **more):
    return event(id, start=start, end=start, status=status, process=process, stage=stage, **more)


def test_the_stages_a_procedure_reached_are_chained_in_the_model_s_order_by_their_first_event():
    rows = [_reached("vote", "parliament_vote", "2024-03-13"),
            _reached("deal2", "provisional_agreement", "2023-12-09"),
            _reached("deal", "provisional_agreement", "2023-12-08"),
            _reached("proposal", "proposal", "2021-04-21"),
            _reached("planned_adoption", "council_adoption", "2024-05-21", status="planned"),  # not reached yet
            _reached("coe", "negotiations_concluded", "2024-03-14", process="coe_convention")]
    chain = [(k.from_id, k.to_id, k.relation, k.delay_days, k.evidence) for k in link_pass._stage_chain(rows)]
    assert chain == [("deal", "proposal", "same_process", None, "eu_olp: proposal → provisional_agreement"),
                     ("vote", "deal", "same_process", None, "eu_olp: provisional_agreement → parliament_vote")]


def test_an_eu_decision_on_the_convention_is_related_to_its_mandate_stage():
    mandate = _reached("mandate", "mandate", "2022-11-22", process="coe_convention", track="council_of_europe")
    later = _reached("signed", "opening_for_signature", "2024-09-05", process="coe_convention", track="council_of_europe")
    decision = event("eu", track="eu", quote="Het besluit van de Raad machtigt de Commissie tot onderhandelingen over het "
                                             "Verdrag van de Raad van Europa.", date_text="2022")
    council = event("council", track="netherlands", institutions="Council of the EU",
                    quote="De Raad nam een BESLUIT over het mandaat voor het verdrag.", date_text="2022")
    unrelated = event("other", track="eu", quote="De Raad besluit over de begroting.", date_text="2022")
    in_process = dataclasses.replace(decision, id="inside", process="coe_convention")
    links = link_pass._cross_track([later, mandate, decision, council, unrelated, in_process])
    assert [(k.from_id, k.to_id, k.relation, k.delay_days) for k in links] == [
        ("eu", "mandate", "related", None), ("council", "mandate", "related", None)]
    assert links[0].evidence.startswith("eu → coe_convention: (?:machtiging")
    assert link_pass._cross_track([decision, council]) == []  # no event of the convention to relate to
    # without its mandate, the convention's first event
    assert [k.to_id for k in link_pass._cross_track([later, decision])] == ["signed"]


def test_a_cue_further_than_its_reach_from_the_date_gives_no_stage():
    far = ("Het streven is om eind 2023 klaar te zijn met de tekst, zodat de lidstaten, de waarnemers en het "
           "maatschappelijk middenveld daarna ruim de tijd hebben om de onderhandelingen af te ronden.")
    row = event("s1", track="council_of_europe", date_text="eind 2023", quote=far)
    assert far.index("onderhandelingen") - far.index("eind 2023") - len("eind 2023") > 100
    assert stage_of(row) == ("", "")


def test_mentions_before_a_plan_that_are_no_plans_do_not_stop_its_linking():
    earlier = _done("earlier", "00a.txt", "2022-01-01", "2021-12-01")  # reported before the plan was made
    done = _done("first", "002.txt", "2024-06-06", "2024-03-01")
    links, superseded = link_pass.link([done, _PLAN, earlier])
    assert [(k.from_id, k.to_id, k.relation) for k in links if k.relation == "realizes"] == [("first", "plan", "realizes")]
    assert superseded == {"plan": "first"}


@pytest.mark.parametrize("quote, date_text, stage", [
    # a committee that ends its work, in a letter and in an English report (seed 000, line 16)
    ("Dit comité rondde haar werk af op 2 december 2021 en concludeerde dat er een instrument nodig is.",
     "2 december 2021", "feasibility"),
    ("The ad hoc committee completed its work in December 2021.", "December 2021", "feasibility"),
    # an agreement on the whole text concludes the negotiations (seed 000, line 48), in either language
    ("In mei 2024 zal een voorlopig besluit over de gehele tekst moeten worden genomen.", "mei 2024",
     "negotiations_concluded"),
    ("The committee reached agreement on the full text in March 2024.", "March 2024", "negotiations_concluded"),
])
def test_general_stage_cues_of_the_convention(quote, date_text, stage):
    """The stage cues are forms a second text would also use, not one letter's phrase."""
    row = event("s2", track="council_of_europe", date_text=date_text, quote=quote)
    assert stage_of(row) == ("coe_convention", stage)


def test_the_zero_draft_sits_where_the_letter_says_it_was_made_public(table):
    """Seed 000: "Tevens zend ik u de 'nulversie' van het verdrag, die op 1-3 februari 2023
    openbaar is gemaakt"; "Onderhandelingen ... zijn in januari 2023 begonnen op basis van de
    'nulversie'" are the negotiations, which build on the draft ([linking] builds_on)."""
    df, _ = table
    chain = process_view.stage_chain(only_events(df), "coe_convention", date(2026, 11, 23)).set_index("stage")
    assert (chain.loc["zero_draft", "start"], chain.loc["zero_draft", "end"]) == (date(2023, 2, 1), date(2023, 2, 3))
    january = df[(df["date_text"] == "januari 2023") & df["doc"].str.startswith("000_")].iloc[0]
    assert january["stage"] == "negotiation_rounds"


@pytest.mark.parametrize("process", ["eu_olp", "coe_convention", "nl_followup"])
def test_a_chain_runs_in_date_order(table, process):
    """The Dutch follow-up's letter is the first after its motion (early 2024), not a letter of 2019."""
    df, _ = table
    chain = process_view.stage_chain(only_events(df), process, date(2026, 11, 23))
    reached = chain[chain["state"].isin(["reached", "current"]) & chain["start"].map(lambda d: isinstance(d, date))]
    assert len(reached) >= 2
    assert list(reached["start"]) == sorted(reached["start"])


def test_a_plan_passed_with_no_report_of_it_is_due_and_says_so(table):
    """The June 2024 letter plans the follow-up's completion for "einde van dit jaar"; no later
    document reports it: on 23 November 2026 it is due, not reported; on 1 July 2024 it is planned."""
    df, _ = table
    assert states(df, "nl_followup", date(2026, 11, 23))["completion"] == "due"
    assert states(df[df["doc_date"] <= date(2024, 7, 1)], "nl_followup", date(2024, 7, 1))["completion"] == "planned"
    fig = process_view.chain_figure(only_events(df), "en", date(2026, 11, 23)).to_dict()
    due = [text for tr in fig["data"] if tr.get("name") == "due, not reported" for text in tr["text"]]
    assert due and "due end of 2024, not reported" in due[0].replace("<br>", " ")
    nl = process_view.chain_figure(only_events(df), "nl", date(2026, 11, 23)).to_dict()
    texts = [text.replace("<br>", " ") for tr in nl["data"] for text in tr.get("text") or []]
    assert any("verwacht eind 2024, niet gemeld" in text for text in texts)


def test_no_stage_is_named_as_if_it_were_done():
    """A planned stage is never "Completed": stages are named by nouns."""
    for model in processes():
        for stage in model.stages:
            assert not re.search(r"\b(?:completed|afgedaan|done)\b", f"{stage.en} {stage.nl}", re.IGNORECASE), stage.key


def test_a_view_states_its_basis_the_newest_document_it_holds(table):
    from dashboard.stages import reported_up_to

    df, _ = table
    assert reported_up_to(only_events(df)) == date(2025, 12, 12)  # the cabinet's response to the AIV advice
    june_2024 = df[df["doc"].str.startswith("002_")]
    assert reported_up_to(june_2024) == june_2024["doc_date"].iloc[0] < date(2025, 12, 12)
