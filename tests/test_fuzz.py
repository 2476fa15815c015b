"""The whole-document fuzz of benchmarks/fuzz.py with fewer cases (python benchmarks/fuzz.py
runs 10,000): generated documents, real documents with their bytes mutated, in other encodings,
as truncated or corrupted PDFs, in HTML and Markdown markup, and with their dates replaced. No
uncaught exception, no document skipped for an exception, every table reads back through its
schema, no row ends before it starts.

The cases come from a fixed seed, so they are the same on every machine and run (on top of the
derandomized "ci" profile of conftest.py); AIRT_FUZZ_CASES sets how many (300 take about 25 s
on 2 cores)."""

import os

import pytest

from benchmarks.fuzz import KINDS, Case, Document, Findings, describe, fuzz, run_case

CASES = int(os.environ.get("AIRT_FUZZ_CASES", "300"))
SEED = 20240606


@pytest.mark.slow
def test_documents_of_anything_go_through_the_whole_build():
    findings = fuzz(CASES, Findings(), random_seed=SEED)
    assert findings.cases == CASES
    problems = [f"{kind}: {message} ({describe(case)})\n{case.trace}" for kind, found in
                (("uncaught", findings.crashes), ("skipped for an exception", findings.swallowed),
                 ("schema", findings.schema), ("start > end", findings.order))
                for message, case in found]
    assert problems == []
    assert set(findings.codes) <= {0, 1, 3}
    # every kind of case ran, and enough of each to mean something (Hypothesis's one_of does not
    # draw its strategies evenly: with the 27 corpus documents, "dates" gets 14 of 300)
    assert set(findings.kinds) == set(KINDS), findings.kinds
    assert min(findings.kinds.values()) >= CASES // 25, findings.kinds


def test_the_fuzz_is_the_same_on_every_run(monkeypatch):
    """Two runs of one seed draw the same cases (what a failure on CI names, a developer gets)."""
    import benchmarks.fuzz as harness
    drawn: list[str] = []
    monkeypatch.setattr(harness, "run_case", lambda case, findings: drawn.append(describe(case)))
    fuzz(30, Findings(), random_seed=SEED)
    fuzz(30, Findings(), random_seed=SEED)
    assert len(drawn) == 60 and drawn[:30] == drawn[30:]


def test_the_fuzz_reports_a_crash():
    """The harness itself can fail: a case the build cannot survive is reported with its
    traceback, not passed."""
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
    assert "in bug" in findings.crashes[0][1].trace
    findings = Findings()
    run_case(Case([Document("", "brief.txt", "Op 29 februari 2023 vergadert de Raad. Van 30 tot 31 april 2024.",
                            "utf-8")], "file,date\nbrief.txt,31-02-2023\n"), findings)
    assert findings.crashes == [] and findings.schema == [] and findings.codes == {1: 1}


def test_the_fuzz_reports_a_document_skipped_for_an_exception():
    """The build skips a document whose reading raised (one file never stops a build); the fuzz
    counts it as a bug all the same, and a row outside the schema as a schema failure."""
    import events.build
    real = events.build.extract

    def bug(doc):
        raise KeyError("line")
    events.build.extract = bug
    try:
        findings = Findings()
        run_case(Case([Document("", "brief.txt", "Op 6 juni 2024 vergadert de Raad.", "utf-8"),
                       Document("", "b.bin", "", "bytes", b"\x00\x01")], None), findings)
    finally:
        events.build.extract = real
    assert findings.crashes == []
    assert len(findings.swallowed) == 1 and "KeyError" in findings.swallowed[0][0], findings.swallowed


def test_a_truncated_pdf_is_skipped_not_fatal():
    """A real PDF cut in half: the build names it and skips it, the other document is read."""
    from benchmarks.fuzz import REAL, real_pdf
    name = sorted(REAL)[0]
    whole = real_pdf(name, 0, True)
    findings = Findings()
    run_case(Case([Document("", "cut.pdf", "", "pdf", whole[: len(whole) // 2]),
                   Document("", "brief.txt", "Den Haag, 6 juni 2024\nOp 6 juni 2024 stemt de Raad in.", "utf-8")],
                  None, kind="pdf"), findings)
    assert findings.failed() == 0 and findings.codes == {1: 1}
