"""events/institutions.toml is an authority list: every body complete, named once, found by names
no other body has, under a parent of the list. Read with tomllib, not through events.vocabulary."""

import tomllib
from pathlib import Path

import pytest

EVENTS = Path(__file__).resolve().parent.parent / "events"
AUTHORITY = tomllib.loads((EVENTS / "institutions.toml").read_text(encoding="utf-8"))
BODIES = AUTHORITY["institutions"]
KINDS = {kind["key"] for kind in AUTHORITY["kinds"]}
TRACKS = {track["key"] for track in tomllib.loads((EVENTS / "vocabulary.toml").read_text(encoding="utf-8"))["tracks"]}
# the schema's order of keys (the file's header)
KEY_ORDER = ["name", "nl", "en", "kind", "track", "aliases", "official", "acronyms", "parent", "refs",
             "default", "role", "advisory", "owns", "owns_types", "initiates"]


BY_NAME = {body["name"]: body for body in BODIES}

# The bodies the list must hold, by canonical name, with their kind.
REQUIRED = {
    # EU
    "European Commission": "eu_body", "European Parliament": "parliament", "Council of the EU": "eu_body",
    "European Council": "eu_body", "Telecom Council": "eu_body", "European Central Bank": "eu_body",
    "European Economic and Social Committee": "advisory_body", "European Committee of the Regions": "advisory_body",
    "Court of Justice of the EU": "court", "European Court of Auditors": "regulator", "AI Office": "eu_body",
    "AI Board": "advisory_body", "European Data Protection Board": "regulator",
    "European Data Protection Supervisor": "regulator", "ENISA": "eu_body", "FRA": "eu_body",
    "EU Member States": "national_government",
    # Council of Europe
    "Council of Europe": "international_organisation", "Committee of Ministers": "coe_body", "PACE": "parliament",
    "CAI": "coe_body", "CAHAI": "coe_body", "Venice Commission": "advisory_body",
    # UN
    "UN": "international_organisation", "UN General Assembly": "un_body", "UN Human Rights Council": "un_body",
    "UN Secretary-General": "un_body", "UN High-level Advisory Body on AI": "advisory_body", "UNESCO": "un_body",
    "ITU": "un_body",
    # other international
    "OECD": "international_organisation", "G7": "international_organisation", "G20": "international_organisation",
    "GPAI": "international_organisation", "NATO": "international_organisation",
    # the Netherlands
    "Tweede Kamer": "parliament", "Eerste Kamer": "parliament", "Dutch cabinet": "national_government",
    "Dutch ministry": "national_government", "Ministerie van BZK": "national_government",
    "Ministerie van EZ": "national_government", "Ministerie van JenV": "national_government",
    "Ministerie van BZ": "national_government", "Ministerie van OCW": "national_government",
    "Ministerie van Financiën": "national_government", "Ministerie van Defensie": "national_government",
    "Ministerie van VWS": "national_government", "Ministerie van SZW": "national_government",
    "Ministerie van IenW": "national_government", "Ministerie van LVVN": "national_government",
    "Ministerie van KGG": "national_government", "Autoriteit Persoonsgegevens": "regulator", "RDI": "regulator",
    "AIV": "advisory_body", "Rathenau Instituut": "advisory_body", "Raad van State": "advisory_body",
    "Algemene Rekenkamer": "regulator", "Rekenkamer Deventer": "regulator",
    # states acting as parties
    "Russia": "national_government", "Germany": "national_government",
}

# Parents the list must give (both by canonical name).
PARENTS = {
    "UN General Assembly": "UN", "UN Human Rights Council": "UN", "UN Secretary-General": "UN",
    "UN High-level Advisory Body on AI": "UN Secretary-General", "UNESCO": "UN", "ITU": "UN",
    "Telecom Council": "Council of the EU", "AI Office": "European Commission",
    "CAI": "Council of Europe", "CAHAI": "Council of Europe", "Committee of Ministers": "Council of Europe",
    "PACE": "Council of Europe", "Venice Commission": "Council of Europe",
    "Dutch ministry": "Dutch cabinet", "Ministerie van BZK": "Dutch ministry", "Ministerie van EZ": "Dutch ministry",
    "RDI": "Ministerie van EZ", "Tweede Kamer": "Staten-Generaal", "Eerste Kamer": "Staten-Generaal",
}

# Head nouns that, standing alone, would name a body in every text. (The speaking government's
# words "ministerie", "minister", "staatssecretaris", "kabinet" and "regering" are aliases on
# purpose: in a Dutch government letter they are the government.)
GENERIC_HEADS = {
    "council", "raad", "board", "office", "bureau", "commission", "commissie", "committee", "comité", "agency",
    "agentschap", "bank", "union", "unie", "court", "hof", "rechtbank", "assembly", "assemblee", "parliament",
    "parlement", "senate", "senaat", "authority", "autoriteit", "organisation", "organization", "organisatie",
    "institute", "instituut", "foundation", "stichting", "forum", "summit", "top", "group", "groep", "partnership",
    "coalition", "inspectie", "inspectorate", "rekenkamer", "ministry", "government", "cabinet", "kamer",
    "chamber", "secretary-general", "secretaris-generaal", "state", "staat",
}


def names_found_by(body: dict) -> list[str]:
    """Every name the body is found by in text: aliases, official names, acronyms."""
    return [*body["aliases"], *body.get("official", {}).values(),
            *(acronym for acronyms in body.get("acronyms", {}).values() for acronym in acronyms)]


@pytest.mark.parametrize("body", BODIES, ids=lambda body: body["name"])
def test_every_block_has_the_required_keys(body):
    for key in ("name", "nl", "en"):
        assert isinstance(body.get(key), str) and body[key].strip(), key
    assert body.get("kind") in KINDS
    assert body.get("track") in TRACKS | {""}
    assert isinstance(body.get("aliases"), list) and all(isinstance(a, str) and a for a in body["aliases"])


@pytest.mark.parametrize("body", BODIES, ids=lambda body: body["name"])
def test_optional_keys_have_their_shape(body):
    official = body.get("official", {"nl": "-", "en": "-"})
    assert set(official) == {"nl", "en"} and all(isinstance(v, str) and v.strip() for v in official.values())
    acronyms = body.get("acronyms", {})
    assert set(acronyms) <= {"nl", "en"}
    assert all(isinstance(a, str) and a.strip() == a and a for values in acronyms.values() for a in values)


@pytest.mark.parametrize("body", BODIES, ids=lambda body: body["name"])
def test_keys_stand_in_the_schemas_order(body):
    keys = list(body)
    assert set(keys) <= set(KEY_ORDER), set(keys) - set(KEY_ORDER)
    assert keys == sorted(keys, key=KEY_ORDER.index)


def test_names_are_unique():
    names = [body["name"] for body in BODIES]
    assert len(set(names)) == len(names)
    # "other:<name>" is the table's word for a body the list lacks: a body of the list is never one
    assert [name for name in names if name.startswith("other:")] == []


def test_every_parent_is_a_block_and_no_chain_loops():
    parent_of = {body["name"]: body.get("parent", "") for body in BODIES}
    for name, parent in parent_of.items():
        assert parent == "" or parent in parent_of, (name, parent)
        seen = {name}
        while parent:
            assert parent not in seen, f"{name}: its parents loop at {parent}"
            seen.add(parent)
            parent = parent_of[parent]


@pytest.mark.parametrize("name, kind", sorted(REQUIRED.items()))
def test_the_list_holds_the_body_with_its_kind(name, kind):
    assert name in BY_NAME, name
    assert BY_NAME[name]["kind"] == kind


@pytest.mark.parametrize("name, parent", sorted(PARENTS.items()))
def test_the_body_is_under_its_parent(name, parent):
    assert BY_NAME[name].get("parent", "") == parent


@pytest.mark.parametrize("body", BODIES, ids=lambda body: body["name"])
def test_no_name_is_a_bare_generic_head(body):
    bare = [n for n in names_found_by(body) if not n.startswith("re:") and n.casefold() in GENERIC_HEADS]
    assert not bare


def test_no_name_finds_two_bodies():
    # matched in any case unless in capitals only; compared in any case all the same, as "AP"
    # and "Ap" would both find "AP". No name is shared on purpose: none is listed here.
    owners: dict[str, set[str]] = {}
    for body in BODIES:
        for n in names_found_by(body):
            owners.setdefault(n if n.startswith("re:") else n.casefold(), set()).add(body["name"])
    shared = {n: sorted(bodies) for n, bodies in owners.items() if len(bodies) > 1}
    assert not shared
