"""Mutation testing of the core modules, with mutmut 3: the share of mutants each module's tests kill.

    .venv/bin/python benchmarks/mutation.py                  # every module, cluster last
    .venv/bin/python benchmarks/mutation.py --module dates   # one module (repeat --module for more)
    .venv/bin/python benchmarks/mutation.py --survivors      # and list the survivors, --diff shows each change
    .venv/bin/python benchmarks/mutation.py --report         # only print the last run's figures, run nothing
    .venv/bin/python benchmarks/mutation.py --retest         # again only the last run's survivors (the killed stay killed)

mutmut changes one thing at a time in a copy of the code (an operator, a number, a string, a
keyword argument, a return value...) and runs the tests on that copy; a mutant the tests do not
notice "survives". Per module this script makes a work folder, mutants/by-module/NAME/ (ignored
by git; mutmut itself writes its copy of the code to mutants/ there), whose pyproject.toml is the
repository's with the [tool.mutmut] section narrowed to that module: only its file is mutated,
and only its focused tests are run (MODULES below), never the whole suite. mutmut first runs
those tests once, noting which test calls which function, then runs for each mutant only the
tests that call its function, in 2 processes (--jobs). mutmut 3 mutates code inside functions
and methods only: a module's top-level tables (the date patterns of events/dates.py, the word
lists) are not mutated. For dashboard/figures.py only the plan is counted: Canvas, the Plan and
what places it (importance, shorten, lanes, label_width, x_range, _free, _pack, plan). Functions
that only run while their module is imported (dates' _words, _unit, _anchor_kinds and
_by_first_letter, which build its patterns) are mutated but not counted: mutmut switches a mutant
on after the import, so no test can catch theirs (the patterns they build are tested).

Each run starts afresh (the work folder is emptied) unless --retest. Prints per module the
mutants, killed, survived, "no tests" (no focused test calls the function), timeouts, the
killed share (killed / mutants: timeouts and mutants without tests count as not killed) and the
minutes it took, then the total. Exits 1 when a module's killed share is under --goal (80%).

Time here (2 cores, --jobs 2; minutes as measured, most of them with another run beside it):
roles 1 (155 mutants), process 8 (421), dates 10 (1,475 counted), cluster 7.5 (352),
corrections 24 (801), figures' plan over 25 (556; 324 checked in 25), table over 30 (983; at
about 15 a minute with test_writes' killed builds, hence `-k "not killed"`), changes not yet
timed. --retest after adding tests takes a fraction (dates' 324 survivors: 8 minutes).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants" / "by-module"
# What the copy of the code needs beside the code (mutmut copies tests/ and pyproject.toml itself).
LINKED = ["events", "dashboard", "tests", "seeds"]

_PLAN = ["xǁCanvasǁ*", "x_importance__*", "x_shorten__*", "x_lanes__*", "xǁPlanǁ*", "x_label_width__*",
         "x_x_range__*", "x__free__*", "x__pack__*", "x_plan__*"]


@dataclass(frozen=True)
class Module:
    path: str                      # the file mutated
    tests: tuple[str, ...]         # the focused tests run against its mutants (pytest's arguments)
    only: tuple[str, ...] = ()     # globs of the functions counted (mangled as mutmut names them); all when empty
    # functions called only while the module is imported, to build its patterns: mutmut switches a
    # mutant on after the import, so no test can kill theirs; they are reported apart, not counted
    at_import: tuple[str, ...] = ()

    @property
    def dotted(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")

    def _matches(self, key: str, globs: tuple[str, ...]) -> bool:
        name = key.removeprefix(self.dotted + ".")
        return any(fnmatch.fnmatchcase(name, glob) for glob in globs)

    def counts(self, key: str) -> bool:
        return (not self.only or self._matches(key, self.only)) and not self.imported(key)

    def imported(self, key: str) -> bool:
        return self._matches(key, self.at_import)


# In the order they run: cluster last, as it is the one most often rewritten.
MODULES: dict[str, Module] = {
    "dates": Module("events/dates.py", ("tests/test_dates.py", "tests/test_roles.py", "tests/test_titles.py"),
                    at_import=("x__words__*", "x__unit__*", "x__anchor_kinds__*", "x__by_first_letter__*")),
    "roles": Module("events/roles.py", ("tests/test_roles.py",)),
    "process": Module("events/process.py", ("tests/test_process.py",)),
    # test_writes' builds killed mid-write run a process each, seconds a mutant: left out
    "table": Module("events/table.py", ("tests/test_table.py", "tests/test_writes.py", "-k", "not killed")),
    "changes": Module("events/changes.py", ("tests/test_changes.py",)),
    "corrections": Module("events/corrections.py", ("tests/test_corrections.py",)),
    "figures": Module("dashboard/figures.py", ("tests/test_figures.py",), tuple(_PLAN)),
    # the frames modules (issue 20): who did what to which instrument, on what topic; besides their
    # focused tests, the accuracy tests, whose builds of both annotated sets read every rule
    "actors": Module("events/actors.py", ("tests/test_actors.py", "tests/test_classify.py", "tests/test_accuracy.py")),
    "event_types": Module("events/event_types.py", ("tests/test_event_frames.py", "tests/test_classify.py",
                                                    "tests/test_accuracy.py")),
    "lemmas": Module("events/lemmas.py", ("tests/test_lemmas.py", "tests/test_event_frames.py", "tests/test_accuracy.py")),
    "instruments": Module("events/instruments.py", ("tests/test_instruments.py", "tests/test_event_frames.py",
                                                    "tests/test_filters.py", "tests/test_accuracy.py")),
    "topics": Module("events/topics.py", ("tests/test_event_frames.py", "tests/test_filters.py", "tests/test_accuracy.py")),
    "issuer": Module("events/issuer.py", ("tests/test_issuer.py", "tests/test_event_frames.py", "tests/test_accuracy.py")),
    "tracks": Module("events/tracks.py", ("tests/test_tracks.py", "tests/test_classify.py", "tests/test_event_frames.py",
                                          "tests/test_accuracy.py")),
    "status": Module("events/status.py", ("tests/test_status.py", "tests/test_classify.py", "tests/test_event_frames.py",
                                          "tests/test_accuracy.py")),
    "cluster": Module("events/cluster.py", ("tests/test_cluster.py",)),
}

# mutmut's exit codes of a mutant's test run (mutmut.stats.status_by_exit_code), grouped as counted here
KILLED = {1, 3}
SURVIVED = {0}
NO_TESTS = {5, 33}
TIMEOUT = {36, -24, 24, 152, 255}


@dataclass
class Result:
    name: str
    codes: dict[str, int | None] = field(default_factory=dict)
    minutes: float | None = None
    error: str = ""
    at_import: list[str] = field(default_factory=list)

    def of(self, codes: set[int]) -> list[str]:
        return sorted(k for k, v in self.codes.items() if v in codes)

    @property
    def mutants(self) -> int:
        return len(self.codes)

    @property
    def share(self) -> float:
        return len(self.of(KILLED)) / self.mutants if self.mutants else 0.0

    @property
    def other(self) -> list[str]:
        """Not checked, skipped, suspicious, segfaults: neither killed nor survived."""
        known = KILLED | SURVIVED | NO_TESTS | TIMEOUT
        return sorted(k for k, v in self.codes.items() if v not in known)


def _config(module: Module) -> str:
    """The repository's pyproject.toml with its [tool.mutmut] section narrowed to one module."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", text).rstrip() + "\n\n"

    def toml_list(items) -> str:
        return "[" + ", ".join(json.dumps(str(i)) for i in items) + "]"

    return text + "\n".join([
        "[tool.mutmut]",
        f"source_paths = {toml_list(['events', 'dashboard'])}",
        f"only_mutate = {toml_list([module.path])}",
        f"also_copy = {toml_list(['seeds'])}",
        f"pytest_add_cli_args = {toml_list(['-p', 'no:cacheprovider', '-W', 'ignore'])}",
        f"pytest_add_cli_args_test_selection = {toml_list(module.tests)}",
        "use_git_change_detection = false",
        # each mutant's tests run in a process forked from one that ran no test: in mutmut's default
        # "fork" the caches the stats run filled (find_candidates, a pattern built once) would
        # answer for the mutated functions, and the mutants in them would survive untested
        'process_isolation = "forkserver"',
        "",
    ])


def _meta(name: str, module: Module) -> Path:
    return WORK / name / "mutants" / (module.path + ".meta")


def load(name: str) -> Result:
    module = MODULES[name]
    result = Result(name)
    try:
        data = json.loads(_meta(name, module).read_text(encoding="utf-8"))
    except FileNotFoundError:
        result.error = "not run"
        return result
    result.codes = {k: v for k, v in data["exit_code_by_key"].items() if module.counts(k)}
    result.at_import = sorted(k for k in data["exit_code_by_key"] if module.imported(k))
    return result


def _refresh_copy(name: str, module: Module) -> None:
    """mutmut copies the code once into the work folder and does not copy it again: before a
    retest, that copy (other modules, data files) may be older than the code, and the tests
    fail on it. The copy is removed but for the module's results, which the retest reads."""
    copy = WORK / name / "mutants"
    meta = _meta(name, module)
    kept = meta.read_bytes()
    for source in ("events", "dashboard"):
        shutil.rmtree(copy / source, ignore_errors=True)
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_bytes(kept)


def _keep_earlier_results(name: str, module: Module, previous: Result, retested: set[str]) -> None:
    """mutmut writes a module's results anew on each run: after a retest of the survivors, the
    mutants killed before (and not retested) would read as not checked. Their earlier result is
    written back where the mutant still exists and this run did not check it (a mutant the tests
    killed stays killed as tests are added; a run afresh checks every mutant again)."""
    meta = _meta(name, module)
    data = json.loads(meta.read_text(encoding="utf-8"))
    codes = data["exit_code_by_key"]
    for key, code in previous.codes.items():
        if key in codes and key not in retested and codes[key] is None:
            codes[key] = code
    meta.write_text(json.dumps(data), encoding="utf-8")


def run(name: str, jobs: int, retest: bool) -> Result:
    module = MODULES[name]
    work = WORK / name
    names: list[str] = []
    if retest:
        previous = load(name)
        names = previous.of(SURVIVED | TIMEOUT | NO_TESTS) + previous.other  # new tests may reach "no tests"
        if not names:
            print(f"{name}: no survivors to retest", flush=True)
            return previous
        _refresh_copy(name, module)
    else:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    for linked in LINKED:
        if not (work / linked).exists():
            (work / linked).symlink_to(os.path.relpath(ROOT / linked, work))
    (work / "pyproject.toml").write_text(_config(module), encoding="utf-8")
    if not names and module.only:
        names = [f"{module.dotted}.{glob}" for glob in module.only]
    log = work / "mutmut.log"
    print(f"{name}: mutating {module.path}, running {' '.join(module.tests)} (log: {log.relative_to(ROOT)})", flush=True)
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *names],
                              cwd=work, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONHASHSEED": "0"})
    if retest:
        _keep_earlier_results(name, module, previous, set(names))
    result = load(name)
    result.minutes = (time.monotonic() - start) / 60
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        result.error = f"mutmut exited {done.returncode}:\n    " + "\n    ".join(tail)
    return result


def diff(name: str, key: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mutmut", "show", key], cwd=WORK / name,
                          capture_output=True, text=True)
    return done.stdout.split("\n", 1)[-1].rstrip()


def _status(code: int | None) -> str:
    for codes, status in ((SURVIVED, "survived"), (NO_TESTS, "no tests"), (TIMEOUT, "timeout"), (KILLED, "killed")):
        if code in codes:
            return status
    return f"other: exit {code}"


def report(results: list[Result], goal: float) -> bool:
    header = f"{'module':<12} {'mutants':>7} {'killed':>6} {'survived':>8} {'no tests':>8} {'timeouts':>8} {'other':>5} " \
             f"{'killed %':>8} {'minutes':>7}"
    print(header)
    print("-" * len(header))
    total = Result("total")
    minutes = 0.0
    ok = True
    for r in results:
        total.codes.update({f"{r.name}:{k}": v for k, v in r.codes.items()})
        minutes += r.minutes or 0
        took = f"{r.minutes:7.1f}" if r.minutes is not None else f"{'':>7}"
        print(f"{r.name:<12} {r.mutants:>7} {len(r.of(KILLED)):>6} {len(r.of(SURVIVED)):>8} {len(r.of(NO_TESTS)):>8} "
              f"{len(r.of(TIMEOUT)):>8} {len(r.other):>5} {100 * r.share:>7.1f}% {took}"
              + ("" if r.share >= goal else "   < goal"))
        ok = ok and r.share >= goal
        if r.at_import:
            print(f"    and {len(r.at_import)} mutants in functions run only at import, not counted")
        if r.error:
            print("    " + r.error)
    print("-" * len(header))
    print(f"{'total':<12} {total.mutants:>7} {len(total.of(KILLED)):>6} {len(total.of(SURVIVED)):>8} "
          f"{len(total.of(NO_TESTS)):>8} {len(total.of(TIMEOUT)):>8} {len(total.other):>5} {100 * total.share:>7.1f}% "
          f"{minutes:7.1f}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", action="append", choices=list(MODULES), help="a module to test (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--survivors", action="store_true", help="list the mutants no test killed")
    parser.add_argument("--diff", action="store_true", help="with --survivors: show each survivor's change")
    parser.add_argument("--report", action="store_true", help="print the figures of the last run, run nothing")
    parser.add_argument("--retest", action="store_true", help="run again only the last run's survivors")
    parser.add_argument("--goal", type=float, default=0.8, help="the killed share each module should reach")
    args = parser.parse_args(argv)
    try:
        import mutmut  # noqa: F401
    except ImportError:
        parser.error(f"mutmut is not installed in {sys.executable}: run scripts/setup")
    names = [name for name in MODULES if name in (args.module or MODULES)]
    results = []
    for name in names:
        result = load(name) if args.report else run(name, args.jobs, args.retest)
        results.append(result)
        if not args.report:
            print(f"{name}: {len(result.of(KILLED))}/{result.mutants} killed ({100 * result.share:.1f}%)"
                  f" in {result.minutes:.1f} min", flush=True)
    print()
    ok = report(results, args.goal)
    if args.survivors:
        for r in results:
            left = r.of(SURVIVED) + r.of(NO_TESTS) + r.of(TIMEOUT) + r.other
            if not left:
                continue
            print(f"\n{r.name}: {len(left)} not killed")
            for key in left:
                print(f"  {key}  ({_status(r.codes[key])})")
                if args.diff:
                    print("    " + diff(r.name, key).replace("\n", "\n    "))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
