"""Whole-document fuzz of the build, with hypothesis.

    python benchmarks/fuzz.py [--cases 10000] [--seed 0]

Each case is a folder of 1-4 documents (.txt, .md, .html, now and then a .pdf or a type the
build does not read, some in subfolders, names of any Unicode) that mix sentences of the seeds,
dates valid and impossible ("29 februari 2023", "van 30 tot 31 april"), random Unicode, markup
fragments and tables, with a documents.csv of random rows (dates as typed, impossible or no date,
languages, ragged rows). Each goes through the whole build, `python -m events build` in-process
(documents, metadata, extraction, clustering, links, corrections, the write), and the table is
read back through its schema. Prints the crashes (exit 4 or an exception), the schema failures
(a table that does not read back, or does not come out at all when a document was read), the rows
that end before they start, and the slowest cases. tests/test_fuzz.py runs the same with fewer
cases.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from events.__main__ import main  # noqa: E402
from events.table import TableError, read_table_and_links  # noqa: E402

SEEDS = ROOT / "seeds"
SENTENCES = sorted({s.strip() for p in sorted(SEEDS.glob("*.txt"))
                    for s in re.split(r"(?<=[.;:])\s+", p.read_text(encoding="utf-8")) if 20 < len(s.strip()) < 400})
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FRAGMENTS = ["<p>", "</p>", "<div>", "</div>", "<table><tr><td>", "</td><td>", "</td></tr></table>", "<br>",
             "<script>var d = '1 januari 2099';</script>", "<main>", "<!-- 3 maart 2023 -->", "&nbsp;", "<b>",
             "| jaar | mijlpaal |", "|---|---|", "| 2021 | strategie |", "# Kamerbrief", "## Bronnen", "- ", "1. ",
             "---\ndate: 2023-13-45\ntitle: [x\n---", "---\ndate: 2023-03-06\n---", "1 Kamerstukken II 2021/22, 26 643, nr. 835",
             "Den Haag, ", "Datum ", "Brussels, ", "(", ")", "“", "”", "…", "\t", "\f", "\u200b", "\ufeff"]
SUFFIXES = [".txt", ".txt", ".md", ".md", ".html", ".htm", ".pdf", ".docx", ""]


@st.composite
def dates(draw) -> str:
    day, month, year = draw(st.integers(0, 35)), draw(st.sampled_from(MONTHS)), draw(st.integers(1990, 2035))
    forms = [f"{day} {month} {year}", f"{day} {month}", f"Op {day} {month} {year}", f"van {day} tot {day + 1} {month}",
             f"{day}-{day + 2} {month} {year}", f"eind {year}", f"begin {month}", f"{month} jl.", f"medio {year}",
             f"Q{draw(st.integers(0, 5))} {year}", f"{year}-{draw(st.integers(0, 13)):02}-{day:02}",
             f"{day}.{draw(st.integers(0, 13))}.{year}", f"sinds {month} {year}", "29 februari 2023", "31 februari",
             "van 30 tot 31 april", f"het voorjaar van {year}", f"de afgelopen {day} jaar", f"{year}/{year + 1}",
             "dit najaar", "komend jaar", f"{day} {month} {year} – {day} {month} {year - 1}"]
    return draw(st.sampled_from(forms))


def pieces():
    return st.one_of(st.sampled_from(SENTENCES), dates(), st.text(max_size=30), st.sampled_from(FRAGMENTS),
                     st.sampled_from(SENTENCES).map(lambda s: s[: len(s) // 2]))


@st.composite
def texts(draw) -> str:
    parts = draw(st.lists(pieces(), min_size=1, max_size=30))
    seps = draw(st.lists(st.sampled_from([" ", "\n", "\n\n", "", ". ", " | "]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


NAME_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00")


@dataclass
class Document:
    folder: str  # "" or a subfolder
    name: str
    text: str
    encoding: str


@dataclass
class Case:
    documents: list[Document]
    metadata: str | None  # documents.csv beside them, if any
    summary: str = field(default="")


@st.composite
def cases(draw) -> Case:
    docs = []
    for _ in range(draw(st.integers(1, 4))):
        stem = draw(st.sampled_from(["brief", "kamerbrief 2023", "verslag"]) | st.text(NAME_CHARS, min_size=1, max_size=40))
        name = (stem + draw(st.sampled_from(SUFFIXES))).strip()
        if not name or name in (".", "..") or len(name.encode()) > 200 or name == "documents.csv":
            name = "brief.txt"
        folder = draw(st.sampled_from(["", "", "", "sub", "sub/deeper"]))
        docs.append(Document(folder, name, draw(texts()), draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252"]))))
    metadata = None
    if draw(st.booleans()):
        header = draw(st.sampled_from(["file,title,date,language", "file,date", "name,date", "file;date;language",
                                       "file,title,doc_type,date,language,addressee,reference,signatories,note"]))
        sep = ";" if ";" in header else ","
        rows = [header]
        for _ in range(draw(st.integers(0, 5))):
            cells = [draw(st.sampled_from([d.name for d in docs]) | st.text(NAME_CHARS, max_size=10))]
            for _ in range(draw(st.integers(0, header.count(sep) + 2))):
                cells.append(draw(st.one_of(dates(), st.sampled_from(["nl", "en", "fr", "", "NL", "2023-03-06",
                                                                       "10-03-2023", "10 maart 2023", '"a, b"']),
                                            st.text(max_size=15))))
            rows.append(sep.join(cells))
        metadata = "\n".join(rows) + "\n"
    return Case(docs, metadata)


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1") or "x")
    return bytes(pdf.output())


def lay_out(case: Case, folder: Path) -> None:
    for doc in case.documents:
        where = folder / doc.folder
        where.mkdir(parents=True, exist_ok=True)
        path = where / doc.name
        if doc.name.endswith(".pdf"):
            path.write_bytes(pdf_bytes(doc.text))
        else:
            path.write_bytes(doc.text.encode(doc.encoding, "replace"))
    if case.metadata is not None:
        (folder / "documents.csv").write_text(case.metadata, encoding="utf-8")


@dataclass
class Findings:
    cases: int = 0
    crashes: list[tuple[str, Case]] = field(default_factory=list)
    schema: list[tuple[str, Case]] = field(default_factory=list)
    order: list[tuple[str, Case]] = field(default_factory=list)
    times: list[tuple[float, Case]] = field(default_factory=list)
    codes: dict[int, int] = field(default_factory=dict)
    keep: Path | None = None  # where the input folders of failing cases are copied


def run_case(case: Case, findings: Findings) -> None:
    """One case through the whole build; what went wrong goes into findings (and, with
    findings.keep, its input folder is kept there to build again)."""
    findings.cases += 1
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    failed = len(findings.crashes) + len(findings.schema) + len(findings.order)
    try:
        _run(case, findings, work)
        if findings.keep and len(findings.crashes) + len(findings.schema) + len(findings.order) > failed:
            shutil.copytree(work / "in", findings.keep / f"case{findings.cases:05}", dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(case: Case, findings: Findings, work: Path) -> None:
    lay_out(case, work / "in")
    out = work / "out" / "events.csv"
    err = io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stderr(err):
            code = main(["build", str(work / "in"), "--out", str(out), "--no-progress"])
    except BaseException as exc:  # a crash is what we look for
        code = -1
        err.write("".join(traceback.format_exception(exc)))
    findings.times.append((time.perf_counter() - start, case))
    findings.codes[code] = findings.codes.get(code, 0) + 1
    if code not in (0, 1, 3):
        findings.crashes.append((err.getvalue().strip().splitlines()[-1] if err.getvalue().strip() else f"exit {code}",
                                 case))
        return
    if code == 3:
        if "could not write" in err.getvalue():
            findings.schema.append((err.getvalue().strip().splitlines()[-1], case))
        return
    try:
        table, _ = read_table_and_links(out)
    except TableError as exc:
        findings.schema.append((str(exc), case))
        return
    late = table[table["start"] > table["end"]]
    if len(late):
        findings.order.append((f"{len(late)} rows end before they start: {late.iloc[0]['date_text']!r}", case))


def fuzz(n: int, findings: Findings, random_seed: int | None = None):
    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def one(case):
        run_case(case, findings)
    if random_seed is not None:
        one = seed(random_seed)(one)
    one()
    return findings


def describe(case: Case) -> str:
    return "; ".join(f"{(d.folder + '/') if d.folder else ''}{d.name!r} ({len(d.text)} chars, {d.encoding})"
                     for d in case.documents) + (f"; documents.csv of {case.metadata.count(chr(10))} lines"
                                                 if case.metadata is not None else "")


def report(f: Findings, seconds: float) -> None:
    times = sorted(t for t, _ in f.times)
    print(f"{f.cases} cases in {seconds:.0f} s ({f.cases / seconds:.1f} cases/s); exit statuses "
          + ", ".join(f"{k}: {v}" for k, v in sorted(f.codes.items())))
    print(f"crashes: {len(f.crashes)}; schema failures: {len(f.schema)}; start > end: {len(f.order)}")
    for title, found in (("crash", f.crashes), ("schema", f.schema), ("start > end", f.order)):
        for message, case in found[:5]:
            print(f"  {title}: {message}\n    {describe(case)}")
    if times:
        print(f"time per case: median {times[len(times) // 2]:.3f} s, 99th percentile "
              f"{times[int(len(times) * 0.99)]:.3f} s, slowest {times[-1]:.3f} s; over 2 s: {sum(t > 2 for t in times)}")
        slowest = max(f.times, key=lambda x: x[0])
        print(f"  slowest case: {describe(slowest[1])}")


def cli() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--keep", type=Path, default=None, metavar="DIR",
                    help="copy the input folder of each failing case into DIR, to build it again")
    args = ap.parse_args()
    started = time.perf_counter()
    findings = fuzz(args.cases, Findings(keep=args.keep), args.seed)
    report(findings, time.perf_counter() - started)
    return 1 if findings.crashes or findings.schema or findings.order else 0


if __name__ == "__main__":
    sys.exit(cli())
