"""Mentions of one real-world event share a cluster; different events do not."""

from events.cluster import assign_clusters


def row(id, doc, date_text, start, end, precision, quote, track="eu", event_type="vote", institutions=""):
    return dict(id=id, doc=doc, date_text=date_text, start=start, end=end, precision=precision, quote=quote,
                track=track, event_type=event_type, institutions=institutions)


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
    assign_clusters(rows)
    assert rows[0]["cluster"] == rows[1]["cluster"] == "ca1"
    assert rows[2]["cluster"] == "cc3"


def test_clusters_do_not_depend_on_row_order():
    rows = [
        row("x", "1.txt", "2021", "2021-01-01", "2021-12-31", "year", "De UNESCO aanbeveling werd in 2021 aangenomen."),
        row("y", "2.txt", "november 2021", "2021-11-01", "2021-11-30", "month",
            "De UNESCO aanbeveling werd in november 2021 aangenomen."),
    ]
    forward = [dict(r) for r in rows]
    backward = [dict(r) for r in reversed(rows)]
    assign_clusters(forward)
    assign_clusters(backward)
    assert {r["id"]: r["cluster"] for r in forward} == {r["id"]: r["cluster"] for r in backward}
    assert forward[0]["cluster"] == forward[1]["cluster"]
