"""Speed and memory of the events build, against dateparser.search_dates on the same text.

    python benchmarks/extraction.py [--sizes 100 1000 10000] [--baseline-docs N] [--workers 2]
                                    [--dask] [--kind excerpts|whole] [--repeat N]

Makes corpora of N documents from the seeds and builds each in a fresh process (the whole
build: reading, extraction, clustering, stages, links, the table written), printing wall
time, throughput, throughput per core (megabytes per CPU second of the build and its
worker processes: on a quiet machine the same as MB/s for one process, and not flattered by
a busy one), time per document and peak memory (max RSS), and under each build the seconds of
each step of the pipeline (listing the files, the extraction, clusters, stages, links, the
table made and written) with the share of the whole that no process pool shares out: what
bounds the speed-up of --workers. Each corpus is also built with
--workers processes and, with --dask, on a Dask LocalCluster of as many workers. Then
`dateparser.search_dates(text, languages=["nl"])` runs over the documents of the largest
corpus (or its first --baseline-docs) in a fresh process, and the ratio is printed per core
(CPU time) and by the clock.

--kind excerpts (the default, the corpus of issue 13): pieces of about 1.2 KB of the seeds,
each after a dateline of its own. Such a document dates its first sentence and few after
it, while a whole letter dates sentences throughout: --kind whole builds documents that are
whole seed files, for a figure of documents as they come.

--repeat N builds each corpus N times with each engine, alternating, and keeps the fastest run
of each (a shared or throttled machine slows single runs by 10-20%; the fastest is the
machine's own speed, and the ratios compare runs made side by side).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXCERPT = 1200  # characters per document

CHILD_BUILD = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from events import build as pipeline
    from events.table import write_table
    folder, out, workers, engine = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    passes = {}

    def timed(name, function):
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                passes[name] = passes.get(name, 0.0) + time.perf_counter() - t
        return run

    # the pipeline's own steps, timed where the build calls them (in this process: the passes
    # over the whole corpus run here whatever the engine)
    for name, step in PASSES.items():
        setattr(pipeline, step, timed(name, getattr(pipeline, step)))

    def cpu():
        return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage,
                                                        (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))

    options = {"engine": engine} if engine != "local" else {}
    t, c = time.perf_counter(), cpu()
    result = pipeline.build([folder], workers=workers, progress=False, **options)
    written = time.perf_counter()
    write_table(result.table, out)
    passes["write"] = time.perf_counter() - written
    seconds, cpu_seconds = time.perf_counter() - t, cpu() - c
    passes["extract"] -= passes["collect"]  # extract_all lists the files first
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "rows": len(result.table), "rss_kb": rss,
                      "passes": passes}))
""").replace("PASSES", repr({"collect": "collect", "extract": "extract_all", "clusters": "clusters", "stages": "stages",
                             "links": "link", "table": "to_frame"}))

CHILD_DATEPARSER = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from dateparser.search import search_dates
    files = sorted(Path(sys.argv[1]).glob("*.txt"))[:int(sys.argv[2])]
    texts = [f.read_text(encoding="utf-8") for f in files]
    search_dates("warm up 1 januari 2020", languages=["nl"])
    t, c = time.perf_counter(), time.process_time()
    found = sum(len(search_dates(text, languages=["nl"]) or []) for text in texts)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu, "found": found, "bytes": sum(len(x.encode()) for x in texts),
                      "rss_kb": rss}))
""")


def excerpts() -> list[str]:
    """The seeds cut at line ends into pieces of about EXCERPT characters."""
    pieces = []
    for path in sorted(SEEDS.glob("*.txt")):
        current = ""
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            current += line
            if len(current) >= EXCERPT:
                pieces.append(current)
                current = ""
        if current.strip():
            pieces.append(current)
    return pieces


def wholes() -> list[str]:
    """The seed documents, whole."""
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def make_corpus(folder: Path, documents: int, pieces: list[str], dateline: bool = True) -> int:
    folder.mkdir(parents=True)
    size = 0
    for i in range(documents):
        text = (f"Den Haag, {1 + i % 28} maart 2024\n" if dateline else "") + pieces[i % len(pieces)]
        (folder / f"doc{i:05}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def row(label: str, documents: int, size: int, r: dict) -> str:
    return (f"{label:>14} {size / 1e6:>7.2f} {r['seconds']:>8.2f} {size / 1e6 / r['seconds']:>6.2f} "
            f"{size / 1e6 / r['cpu']:>9.2f} {1000 * r['seconds'] / documents:>7.2f} {r['rows']:>8} "
            f"{r['rss_kb'] / 1024:>8.0f}")


def passes(r: dict) -> str:
    """Where a build's time went: each step the pipeline takes, and the part of the whole that
    no process pool shares out (all but the extraction)."""
    steps = r["passes"]
    serial = r["seconds"] - steps["extract"]
    return (" " * 15 + " ".join(f"{name} {seconds:.2f}" for name, seconds in steps.items())
            + f" s; all but the extraction {serial:.2f} s ({serial / r['seconds']:.0%})")


def fastest(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def child(code: str, *args) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, default=2, help="also build each corpus with N processes")
    parser.add_argument("--baseline-docs", type=int, default=None,
                        help="documents of the largest corpus given to dateparser (default: all)")
    parser.add_argument("--dask", action="store_true", help="also build each corpus on a Dask LocalCluster")
    parser.add_argument("--repeat", type=int, default=1, help="build each corpus N times per engine, keep the fastest")
    parser.add_argument("--kind", choices=("excerpts", "whole"), default="excerpts",
                        help="documents of 1.2 KB excerpts of the seeds (default), or whole seed documents")
    args = parser.parse_args()
    pieces = excerpts() if args.kind == "excerpts" else wholes()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"{args.kind} of the seeds; MB/s/core: megabytes per CPU second")
        print(f"{'documents':>14} {'MB':>7} {'seconds':>8} {'MB/s':>6} {'MB/s/core':>9} {'ms/doc':>7} {'rows':>8} "
              f"{'peak MB':>8}")
        results = {}
        for n in args.sizes:
            folder = tmp / f"corpus{n}"
            size = make_corpus(folder, n, pieces, dateline=args.kind == "excerpts")
            engines = [("", "local", 1, True), (f"x{args.workers} proc", "local", max(args.workers, 1), args.workers > 1),
                       ("dask", "dask", max(args.workers, 1), args.dask)]
            runs: dict[str, list[dict]] = {label: [] for label, _, _, wanted in engines if wanted}
            for _ in range(max(args.repeat, 1)):
                for label, engine, workers, wanted in engines:
                    if wanted:
                        runs[label].append(child(CHILD_BUILD, folder, tmp / f"{engine}{workers}-{n}.csv", workers, engine))
            serial = fastest(runs[""])
            results[n] = (size, serial)
            print(row(str(n), n, size, serial))
            print(passes(serial))
            single = (tmp / f"local1-{n}.csv").read_bytes()
            for (label, engine, workers, _), found in zip((e for e in engines if e[3]), runs.values(), strict=True):
                if label:
                    r = fastest(found)
                    same = (tmp / f"{engine}{workers}-{n}.csv").read_bytes() == single
                    print(row(f"{n} {label}", n, size, r) + f"  ({serial['seconds'] / r['seconds']:.2f}x the single process; "
                          f"table {'byte-identical' if same else 'DIFFERENT'})")
                    print(passes(r))
        largest = max(args.sizes)
        size, serial = results[largest]
        smallest = min(args.sizes)
        if largest > smallest:
            s_size, s = results[smallest]
            time_growth = (serial["seconds"] / s["seconds"]) / (size / s_size)
            print(f"growth from {smallest} to {largest} documents: time x{serial['seconds'] / s['seconds']:.1f} "
                  f"for x{size / s_size:.1f} the text (per byte: x{time_growth:.2f}); "
                  f"peak memory x{serial['rss_kb'] / s['rss_kb']:.2f}")
        docs = args.baseline_docs or largest
        base = child(CHILD_DATEPARSER, tmp / f"corpus{largest}", docs)
        print(f"dateparser.search_dates over {min(docs, largest)} documents ({base['bytes'] / 1e6:.2f} MB): "
              f"{base['seconds']:.1f} s, {base['bytes'] / 1e6 / base['seconds']:.3f} MB/s, "
              f"{base['bytes'] / 1e6 / base['cpu']:.3f} MB/s/core, {base['found']} matches, "
              f"peak {base['rss_kb'] / 1024:.0f} MB")
        per_core = (size / serial["cpu"]) / (base["bytes"] / base["cpu"])
        by_clock = (size / serial["seconds"]) / (base["bytes"] / base["seconds"])
        print(f"events build (one process) is {per_core:.1f}x faster per core than dateparser.search_dates on the same "
              f"text ({by_clock:.1f}x by the clock)")


if __name__ == "__main__":
    main()
