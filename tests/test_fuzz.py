"""The whole-document fuzz of benchmarks/fuzz.py with fewer cases: no crash, every table reads
back through its schema, no row ends before it starts (python benchmarks/fuzz.py runs 10,000)."""

import os

import pytest

from benchmarks.fuzz import Case, Document, Findings, describe, fuzz, run_case

CASES = int(os.environ.get("AIRT_FUZZ_CASES", "150"))  # about 15 s here


@pytest.mark.slow
def test_documents_of_anything_go_through_the_whole_build():
    findings = fuzz(CASES, Findings())
    assert findings.cases == CASES
    problems = [f"{kind}: {message} ({describe(case)})" for kind, found in
                (("crash", findings.crashes), ("schema", findings.schema), ("start > end", findings.order))
                for message, case in found]
    assert problems == []
    assert set(findings.codes) <= {0, 1, 3}


def test_the_fuzz_reports_a_crash():
    """The harness itself can fail: a case the build cannot survive is reported, not passed."""
    import events.__main__
    real = events.__main__.build

    def bug(*args, **kwargs):
        raise IndexError("list index out of range")
    events.__main__.build = bug
    try:
        findings = Findings()
        run_case(Case([Document("", "brief.txt", "Op 29 februari 2023 vergadert de Raad.", "utf-8")], None), findings)
    finally:
        events.__main__.build = real
    assert len(findings.crashes) == 1 and "IndexError" in findings.crashes[0][0]
    findings = Findings()
    run_case(Case([Document("", "brief.txt", "Op 29 februari 2023 vergadert de Raad. Van 30 tot 31 april 2024.",
                            "utf-8")], "file,date\nbrief.txt,31-02-2023\n"), findings)
    assert findings.crashes == [] and findings.schema == [] and findings.codes == {1: 1}
