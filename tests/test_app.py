"""The app's logic through streamlit.testing: URL state, every widget, bad tables."""

import pytest

from dashboard.filters import SHOWN_TOPICS, only_events
from events.table import DEFAULT_TABLE, REQUIRED, read_table
from tests.apptest import markup, open_tab, rendered, shown
from tests.apptest import run_app as app

TABLE = only_events(read_table(DEFAULT_TABLE))  # the timeline counts events, not references or context
AI = TABLE[TABLE["topic"].isin(SHOWN_TOPICS)]  # what the views show unless asked for all topics
pytestmark = pytest.mark.usefixtures("isolated_app")



def test_opens_on_the_committed_table_in_dutch():
    at = app()
    assert not at.exception
    assert at.title[0].value == "Tijdlijn AI-regelgeving"
    total, ai = TABLE["cluster"].nunique(), AI["cluster"].nunique()
    assert shown(at) == f"**{ai} van {total} gebeurtenissen**" and 0 < ai < total
    assert any(c.value.startswith(f"{total - ai} gebeurtenissen over andere onderwerpen") for c in at.caption)
    at.toggle(key="w_all_topics").set_value(True).run()
    assert shown(at) == f"**{total} van {total} gebeurtenissen**" and at.query_params["topic"] == "all"


def test_query_parameters_select_the_events():
    at = app(track="eu", lang="en")
    eu = AI[AI["track"] == "eu"]["cluster"].nunique()
    assert shown(at) == f"**{eu} of {TABLE['cluster'].nunique()} events**"
    assert at.multiselect(key="w_track").value == ["eu"]
    assert at.query_params["track"] == "eu"


def test_invalid_parameters_give_a_notice_not_an_exception():
    at = app(track="mars", **{"from": "gisteren"})
    assert not at.exception
    assert "track=mars" in at.warning[0].value and "from=gisteren" in at.warning[0].value


@pytest.mark.parametrize("value", ["[Sessie verlopen: log opnieuw in](http://x)", "![x](http://x)",
                                   "*dringend* _nu_ `code` $x$ <b>vet</b> www.example.com"])
def test_invalid_values_are_shown_as_written_not_as_markdown(value):
    at = app(institution=value)
    assert not at.exception
    [warning] = at.warning
    assert f"institution={value}" in rendered(warning.value)  # what the user sees: the value as typed
    values = warning.value.split(": ", 1)[1]  # the notice's words ("Genegeerd in de URL (ongeldig): ") aside
    assert markup(values) == []  # no link, image, emphasis, code or math
    assert "](" not in warning.value and "http://" not in warning.value and "www." not in warning.value


def test_an_empty_selection_raises_nothing():
    at = app(q="geen-enkel-citaat-bevat-dit")
    assert not at.exception
    assert any("Geen gebeurtenissen" in i.value for i in at.info)


def test_every_filter_widget_changes_the_view_and_the_url():
    at = app()
    at.multiselect(key="w_institution").set_value(["Council of Europe"]).run()
    coe = AI[AI["institutions"].map(lambda names: "Council of Europe" in names)]["cluster"].nunique()
    assert shown(at).startswith(f"**{coe} van")
    assert at.query_params["institution"] == "Council of Europe"
    at.multiselect(key="w_instrument").set_value(["coe_ai_convention"]).run()
    convention = AI[AI["institutions"].map(lambda names: "Council of Europe" in names)
                    & (AI["instrument"] == "coe_ai_convention")]["cluster"].nunique()
    assert shown(at).startswith(f"**{convention} van") and at.query_params["instrument"] == "coe_ai_convention"
    at.multiselect(key="w_status").set_value(["planned"]).run()
    assert at.query_params["status"] == "planned"
    at.multiselect(key="w_type").set_value(["meeting"]).run()
    at.multiselect(key="w_doc").set_value(["000_2412db79c8a8e221.txt"]).run()
    assert at.query_params["doc"] == "000_2412db79c8a8e221.txt"
    at.date_input(key="w_from").set_value(__import__("datetime").date(2023, 4, 1)).run()
    assert at.query_params["from"] == "2023-04-01"
    at.date_input(key="w_to").set_value(__import__("datetime").date(2023, 12, 31)).run()
    at.text_input(key="w_q").set_value("plenaire").run()
    assert at.query_params["q"] == "plenaire"
    assert not at.exception
    at.button(key="w_reset").click().run()
    assert dict(at.query_params) == {}
    assert shown(at).startswith(f"**{AI['cluster'].nunique()} van")


def test_the_language_switch_changes_labels_and_the_url():
    at = app()
    at.radio(key="w_lang").set_value("en").run()
    assert at.title[0].value == "AI-regulation timeline"
    assert at.query_params["lang"] == "en"
    assert at.multiselect(key="w_institution").label == "Institution"


def test_choosing_an_event_shows_its_mentions_as_text():
    at = app(q="Telecomraad")
    box = at.selectbox(key="w_event")
    box.select_index(0).run()
    assert not at.exception
    quotes = [t.value for t in at.text]
    assert any("Telecomraad" in q for q in quotes)


def test_downloads_are_offered():
    at = app(track="eu")
    assert len(at.get("download_button")) == 2


@pytest.mark.parametrize("content, message", [
    (None, "no events table"),
    ("id,doc\n1,a.txt\n", "missing columns"),
    (",".join(REQUIRED) + "\n", "is leeg"),
])
def test_a_missing_or_malformed_table_is_explained(tmp_path, monkeypatch, content, message):
    path = tmp_path / "events.csv"
    if content is not None:
        path.write_text(content)
    monkeypatch.setenv("AIRT_TABLE", str(path))
    at = app()
    assert not at.exception
    assert message in rendered(at.error[0].value) and "python -m events build" in rendered(at.error[0].value)
    assert not at.get("plotly_chart")


def test_as_of_a_date_shows_only_the_documents_then_available():
    at = app(asof="2023-06-01")
    assert not at.exception
    assert any("tot en met 1 jun 2023" in i.value and "3 documenten" in i.value for i in at.info)
    assert at.query_params["asof"] == "2023-06-01"
    assert len(at.get("plotly_chart")) == 1  # only the open tab runs: the timeline
    open_tab(at, "Proces")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2  # the process chain, planned against actual
    assert at.query_params["tab"] == "process"


def test_the_briefing_image_is_made_from_the_current_view_and_its_settings_are_in_the_url():
    at = app(track="eu", lang="en")
    at.radio(key="w_size").set_value("a4").run()
    at.radio(key="w_format").set_value("svg").run()
    assert at.query_params["size"] == "a4" and at.query_params["format"] == "svg"
    at.button(key="w_export").click().run()
    assert not at.exception
    assert len(at.get("download_button")) == 3  # CSV, Excel and the image


def test_a_powerpoint_slide_is_offered(monkeypatch):
    import io

    import streamlit as st
    from pptx import Presentation
    offered = {}
    real = st.download_button

    def keep(label, data, *args, **kwargs):  # what the app hands the browser
        offered[label] = (data, kwargs.get("file_name"))
        return real(label, data, *args, **kwargs)
    monkeypatch.setattr(st, "download_button", keep)
    at = app(track="eu", format="pptx", view="milestones", lang="en")
    assert at.radio(key="w_format").value == "pptx"
    at.button(key="w_export").click().run()
    assert not at.exception
    data, name = offered["PPTX ↓"]
    assert name == "ai-regulation-milestones.pptx"
    [slide] = Presentation(io.BytesIO(data)).slides
    texts = {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
    assert texts["Title"] == "AI-regulation milestones" and "Track: European Union" in texts["Subtitle"]
    # each labelled event a group of its mark and label, the others a mark alone
    assert sum(shape.name.startswith(("Mark ", "Event ")) for shape in slide.shapes) >= 2


def test_the_open_tab_the_view_and_the_chosen_event_live_in_the_url():
    at = app(tab="process", lang="en")
    assert len(at.get("plotly_chart")) == 2 and at.subheader[0].value == "Where does each procedure stand?"
    open_tab(at, "Timeline")
    assert "tab" not in at.query_params
    at = app(view="milestones", track="eu")
    assert at.segmented_control(key="w_view").value == "milestones"
    at.segmented_control(key="w_view").set_value("timeline").run()
    assert "view" not in at.query_params
    cluster = TABLE[TABLE["title"].str.contains("Telecomraad")]["cluster"].iloc[0]
    at = app(event=cluster)
    assert at.selectbox(key="w_event").value == cluster and at.query_params["event"] == cluster
    assert not at.exception


def test_an_invalid_view_state_gives_a_notice():
    at = app(tab="nowhere", view="gantt")
    assert not at.exception
    assert "tab=nowhere" in at.warning[0].value and "view=gantt" in at.warning[0].value


def test_the_process_view_says_when_the_selection_has_no_procedure():
    at = app(tab="process", track="international")
    assert not at.exception
    assert any("Geen gebeurtenissen van een procedure" in i.value for i in at.info)


def test_tables_and_placeholders_speak_the_interface_language():
    at = app(tab="process", lang="en")
    [table] = [d for d in at.dataframe]
    assert list(table.value.columns)[:3] == ["Title", "Planned", "Planned in"]
    open_tab(at, "Review")
    assert at.selectbox(key="w_review").proto.placeholder == "Choose…"
    history = at.dataframe[-1].value
    assert list(history.columns)[:3] == ["No.", "Mention", "Action"]
    at = app()
    assert at.selectbox(key="w_event").proto.placeholder == "Kies…"


def test_sources_are_cited_by_title_in_the_detail_and_the_table():
    at = app(q="Telecomraad")
    at.selectbox(key="w_event").select_index(0).run()
    heads = [rendered(m.value) for m in at.markdown if m.value.startswith("**Verslag van een schriftelijk overleg")]
    assert heads and "22 112, nr. 3221" in heads[0]
    assert any(c.value.startswith("Bestand: `001_") for c in at.caption)  # the file name stays at hand
    cited = set(at.dataframe[0].value["Brondocument"])
    assert "Verzamelbrief over de voortgang en afdoening van moties en toezeggingen over AI en algoritmes, 6 jun 2024" \
        in cited and not any(c.endswith(".txt") for c in cited)


@pytest.mark.parametrize("params, named", [
    ({"asof": "9999-12-31"}, "asof=9999-12-31"),  # past the last day the timeline can pad to
    ({"from": "0001-01-01", "to": "2024-01-01"}, "from=0001-01-01"),
    ({"event": "c000000000000"}, "event=c000000000000"),  # an event of no build of this table
])
def test_a_date_out_of_range_or_an_unknown_event_gives_a_notice_not_an_exception(params, named):
    at = app(**params)
    assert not at.exception
    assert any(named in rendered(w.value) for w in at.warning), [w.value for w in at.warning]
    assert at.get("plotly_chart")  # the timeline still draws, without the value
    assert "event" not in at.query_params and "asof" not in at.query_params


def test_a_long_parameter_is_named_not_repeated_in_its_notice():
    at = app(institution="X" * 10_000, doc=",".join(f"brief{i}.txt" for i in range(2_000)))
    assert not at.exception
    [notice] = [rendered(w.value) for w in at.warning if "institution=" in rendered(w.value)]
    assert "institution=" + "X" * 59 + "…" in notice and len(notice) < 1_000 and "(+" in notice


@pytest.mark.parametrize("params, says", [
    ({"tab": "process", "lang": "en"}, "as reported up to 12 Dec 2025"),
    ({"view": "milestones", "lang": "en"}, "As reported up to 12 Dec 2025."),
    ({"view": "milestones", "asof": "2024-12-31"}, "Zoals gemeld tot en met 6 jun 2024."),
])
def test_the_process_and_milestones_views_state_their_basis(params, says):
    """The newest document among the events of the view, not today: the AIV response of 12
    December 2025 for all, the June 2024 letter as of the end of 2024."""
    at = app(**params)
    assert not at.exception
    assert any(says in c.value for c in at.caption), [c.value for c in at.caption]
