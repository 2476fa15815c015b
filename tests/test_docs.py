"""The README's option tables, usage lines and URL-parameter table agree with the code, in both
directions: every documented option or parameter exists, and every real one is documented (as
datasette checks its documentation against its code)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard import export
from dashboard import filters as flt
from events.__main__ import parser as build_parser
from events.vocabulary import vocabulary

README = Path(__file__).resolve().parent.parent / "README.md"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def table_after(text: str, header: str) -> list[list[str]]:
    """The rows (cells, stripped) of the Markdown table whose header line starts with `header`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:  # past the header and its |---| line
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    assert rows, f"no rows under {header!r}"
    return rows


def code_names(cell: str) -> list[str]:
    """The names in backticks of a table cell: "`from`, `to`" -> ["from", "to"]."""
    return re.findall(r"`([^`]+)`", cell)


def usage_block(text: str, command: str) -> str:
    """The usage line(s) of a command, from the code block that starts with it (continuation
    lines joined)."""
    match = re.search(rf"^```\n({re.escape(command)}\b.*?)\n```", text, re.MULTILINE | re.DOTALL)
    assert match, f"no usage block for {command!r} in the README"
    return match.group(1).replace("\\\n", " ")


def usage_options(usage: str) -> dict[str, str | None]:
    """Options of a usage line, each with its documented argument ("--size slide|a4" ->
    {"--size": "slide|a4"}); "--progress/--no-progress" gives both."""
    found: dict[str, str | None] = {}
    for match in re.finditer(r"(--[\w-]+(?:/--[\w-]+)*)(?:\s+(?!--|\[|\])([^\s\]]+(?:\s*\.\.\.)?))?", usage):
        for name in match.group(1).split("/"):
            found[name] = match.group(2)
    return found


def parser_options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """Every option string of a parser (help left out), with its action."""
    return {opt: action for action in parser._actions for opt in action.option_strings
            if not isinstance(action, argparse._HelpAction)}


def build_subparser() -> argparse.ArgumentParser:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices["build"]


# --- python -m events build ---------------------------------------------------------------------

def test_build_usage_line_and_parser_agree():
    documented = set(usage_options(usage_block(readme(), "python -m events build")))
    real = set(parser_options(build_subparser()))
    assert documented - real == set(), "documented in the README's usage line but not an option"
    assert real - documented == set(), "options missing from the README's usage line"


def test_build_option_table_and_parser_agree():
    rows = table_after(readme(), "| option | meaning |")
    documented = {code_names(cells[0])[0].split()[0] for cells in rows}
    real_options = parser_options(build_subparser())
    # a --flag/--no-flag pair is documented by its positive form
    real = {opt for opt in real_options if not (opt.startswith("--no-") and "--" + opt[5:] in real_options)}
    positionals = {a.metavar for a in build_subparser()._actions if not a.option_strings}
    real |= positionals
    assert documented - real == set(), "documented in the README's option table but not an option"
    assert real - documented == set(), "options missing from the README's option table"


def test_build_option_arguments_are_named_as_in_the_parser():
    rows = table_after(readme(), "| option | meaning |")
    options = parser_options(build_subparser())
    for cells in rows:
        name, *arg = code_names(cells[0])[0].split()
        if name in options and options[name].metavar:
            assert arg == [options[name].metavar], f"{name}: README says {arg}, parser {options[name].metavar}"


# --- python -m events changes -------------------------------------------------------------------

def changes_subparser() -> argparse.ArgumentParser:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices["changes"]


def test_changes_usage_line_option_table_and_parser_agree():
    usage = usage_options(usage_block(readme(), "python -m events changes"))
    options = parser_options(changes_subparser())
    assert set(usage) == set(options), "the README's changes usage line and the parser differ"
    documented = {code_names(cells[0])[0].split()[0] for cells in table_after(readme(), "| changes option | meaning |")}
    assert documented == set(options), "the README's changes option table and the parser differ"
    assert set(usage["--format"].split("|")) == set(options["--format"].choices)
    assert usage["--since"] == options["--since"].metavar and usage["--table"] == options["--table"].metavar


# --- python -m dashboard.export -----------------------------------------------------------------

def test_export_usage_and_parser_agree():
    documented = set(usage_options(usage_block(readme(), "python -m dashboard.export")))
    real = set(parser_options(export.parser()))
    assert documented - real == set(), "documented in the README's export usage but not an option"
    assert real - documented == set(), "export options missing from the README's usage"


def test_export_documented_choices_are_the_parser_choices():
    documented = usage_options(usage_block(readme(), "python -m dashboard.export"))
    options = parser_options(export.parser())
    checked = 0
    for name, action in options.items():
        if action.choices:
            assert documented[name] is not None, f"{name}: its values are not documented"
            assert set(documented[name].split("|")) == set(action.choices), name
            checked += 1
    assert checked >= 3  # --format, --size, --view


def test_export_filter_options_are_the_url_parameters():
    """The export takes the URL's filter names: each documented filter parameter is an option."""
    options = parser_options(export.parser())
    filter_params = set(_read_params()) - set(flt.VIEW_STATE) - set(flt.FREE_STATE) - {"kinds"}
    assert {f"--{name}" for name in filter_params} <= set(options)


# --- URL parameters -----------------------------------------------------------------------------

class _Recorder(Mapping):
    """An empty query that records every parameter name read from it."""

    def __init__(self):
        self.read: list[str] = []

    def __getitem__(self, key):
        self.read.append(key)
        raise KeyError(key)

    def get(self, key, default=None):
        self.read.append(key)
        return default

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


def _table() -> pd.DataFrame:
    return pd.DataFrame({"doc": ["a.txt"], "institutions": [""]})


def _read_params() -> set[str]:
    """The parameters the app reads from the URL: the filters and the view state."""
    recorder = _Recorder()
    flt.parse_query(recorder, _table())
    flt.parse_view_state(recorder)
    return set(recorder.read)


def _written_params() -> set[str]:
    """The parameters the app writes to the URL, with every setting away from its default."""
    everything = flt.Filters(track=("eu",), institution=("CAI",), type=("meeting",), instrument=("ai_act",),
                             status=("planned",), doc=("a.txt",), start=date(2023, 1, 1), end=date(2023, 12, 31), q="x",
                             asof=date(2024, 1, 1), show_all=True, all_topics=True, lang="en")
    state = {name: allowed[-1] for name, allowed in flt.VIEW_STATE.items()} | dict.fromkeys(flt.FREE_STATE, "abc")
    return set(flt.to_query(everything)) | set(flt.view_state_query(state))


def url_table() -> dict[str, str]:
    """Parameter name -> its values cell, from the README's URL-parameter table."""
    out = {}
    for cells in table_after(readme(), "| parameter | values"):
        for name in code_names(cells[0]):
            out[name] = cells[1]
    return out


def test_every_documented_url_parameter_is_read_and_written():
    documented = set(url_table())
    assert documented - _read_params() == set(), "documented but parse_query/parse_view_state do not read it"
    assert documented - _written_params() == set(), "documented but to_query/view_state_query do not write it"


def test_every_url_parameter_is_documented():
    documented = set(url_table())
    assert _read_params() - documented == set(), "read from the URL but missing from the README's table"
    assert _written_params() - documented == set(), "written to the URL but missing from the README's table"


def test_the_recorder_sees_what_parse_query_reads():
    """The check above is only as good as the recorder: it must see the filters' parameters."""
    assert set(flt.LIST_FILTERS) | {"from", "to", "q", "asof", "kinds", "lang"} <= _read_params()


@pytest.mark.parametrize("name", sorted(flt.VIEW_STATE))
def test_view_state_values_are_documented(name):
    cell = url_table()[name]
    for value in flt.VIEW_STATE[name]:
        assert f"`{value}`" in cell, f"{name}: value {value!r} is not in the README's table"


def test_closed_value_lists_are_those_of_the_code():
    table = url_table()
    vocab = vocabulary()
    assert code_names(table["track"].split("(")[0]) == list(vocab.keys("tracks"))
    assert code_names(table["status"]) == list(vocab.keys("statuses"))
    assert code_names(table["lang"]) == list(flt.LANGUAGES)
    for name in ("tab", "view"):
        assert code_names(table[name]) == list(flt.VIEW_STATE[name])
    assert code_names(table["size"]) == [*flt.VIEW_STATE["size"], *flt.VIEW_STATE["format"]]


def test_the_docs_check_fails_on_a_drifted_readme(monkeypatch, tmp_path):
    """The checks are able to fail: a README missing an option and naming one that does not
    exist is caught."""
    drifted = readme().replace("| `--workers N` |", "| `--threads N` |")
    drifted = drifted.replace("| `asof` |", "| `asof_date` |")
    path = tmp_path / "README.md"
    path.write_text(drifted, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["README"]), "README", path)
    with pytest.raises(AssertionError):
        test_build_option_table_and_parser_agree()
    with pytest.raises(AssertionError):
        test_every_url_parameter_is_documented()
    with pytest.raises(AssertionError):
        test_every_documented_url_parameter_is_read_and_written()


def test_nothing_in_the_repository_points_outside_it():
    """A clone holds what its documents and tests name: the design document is docs/DESIGN.md,
    not a sibling folder of the place the project was made in."""
    root = README.parent
    outside = re.compile(r"\.\./" + "shared|/work/" + "shared")
    texts = [p for p in root.rglob("*") if p.suffix in (".md", ".py", ".toml", ".txt", ".cfg") and p.is_file()
             and not {".venv", "mutants", ".git", "artifacts"} & set(p.relative_to(root).parts)]
    assert len(texts) > 50
    pointing = [str(p.relative_to(root)) for p in texts if outside.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert pointing == []
    assert (root / "docs" / "DESIGN.md").read_text(encoding="utf-8").startswith("# AI-regulation timeline: design")


def test_the_readme_s_example_body_is_a_valid_block_of_the_authority_list():
    """The "How to add a body or a cue" example, read as the build reads institutions.toml."""
    import tomllib

    from events.vocabulary import INSTITUTIONS_FILE, _authority

    block = readme().split("## How to add a body or a cue", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    example = tomllib.loads(block.replace("\n  ", "\n"))["institutions"]
    authority = tomllib.loads(INSTITUTIONS_FILE.read_text(encoding="utf-8"))
    bodies = _authority(authority["institutions"] + example, {kind["key"] for kind in authority["kinds"]})
    added = bodies[-1]
    assert added["name"] == "Adviescollege ICT-toetsing" and "AcICT" in added["aliases"]
    assert added["parent"] in {body["name"] for body in bodies}
