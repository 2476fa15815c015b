"""Speed and memory of the events build, against dateparser.search_dates on the same text.

    python benchmarks/extraction.py [--sizes 100 1000 10000] [--baseline-docs N]

Makes corpora of N documents from excerpts of the seeds (about 1.2 KB each, so 10,000
documents are over 10 MB), builds each in a fresh process, and prints wall time,
throughput, time per document and peak memory (max RSS). Then runs
`dateparser.search_dates(text, languages=["nl"])` over the documents of the largest corpus
(or its first --baseline-docs documents) in a fresh process and prints the ratio.
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
    from events.build import build
    from events.table import write_table
    folder, out, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    t = time.perf_counter()
    result = build([folder], workers=workers, progress=False)
    write_table(result.table, out)
    seconds = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "rows": len(result.table), "rss_kb": rss}))
""")

CHILD_DATEPARSER = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from dateparser.search import search_dates
    files = sorted(Path(sys.argv[1]).glob("*.txt"))[:int(sys.argv[2])]
    texts = [f.read_text(encoding="utf-8") for f in files]
    search_dates("warm up 1 januari 2020", languages=["nl"])
    t = time.perf_counter()
    found = sum(len(search_dates(text, languages=["nl"]) or []) for text in texts)
    seconds = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "found": found, "bytes": sum(len(x.encode()) for x in texts), "rss_kb": rss}))
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


def make_corpus(folder: Path, documents: int, pieces: list[str]) -> int:
    folder.mkdir(parents=True)
    size = 0
    for i in range(documents):
        text = f"Den Haag, {1 + i % 28} maart 2024\n" + pieces[i % len(pieces)]
        (folder / f"doc{i:05}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def child(code: str, *args) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, default=2, help="also build the largest corpus with N processes")
    parser.add_argument("--baseline-docs", type=int, default=None,
                        help="documents of the largest corpus given to dateparser (default: all)")
    args = parser.parse_args()
    pieces = excerpts()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"{'documents':>10} {'MB':>7} {'seconds':>8} {'MB/s':>6} {'ms/doc':>7} {'rows':>8} {'peak MB':>8}")
        results = {}
        for n in args.sizes:
            folder = tmp / f"corpus{n}"
            size = make_corpus(folder, n, pieces)
            r = child(CHILD_BUILD, folder, tmp / f"events{n}.csv", 1)
            results[n] = (size, r)
            print(f"{n:>10} {size / 1e6:>7.2f} {r['seconds']:>8.2f} {size / 1e6 / r['seconds']:>6.2f} "
                  f"{1000 * r['seconds'] / n:>7.2f} {r['rows']:>8} {r['rss_kb'] / 1024:>8.0f}")
        largest = max(args.sizes)
        size, serial = results[largest]
        if args.workers > 1:
            r = child(CHILD_BUILD, tmp / f"corpus{largest}", tmp / "parallel.csv", args.workers)
            print(f"{largest} documents with --workers {args.workers}: {r['seconds']:.2f} s "
                  f"({serial['seconds'] / r['seconds']:.2f}x the single process)")
        smallest = min(args.sizes)
        if largest > smallest:
            s_size, s = results[smallest]
            time_growth = (serial["seconds"] / s["seconds"]) / (size / s_size)
            print(f"growth from {smallest} to {largest} documents: time x{serial['seconds'] / s['seconds']:.1f} "
                  f"for x{size / s_size:.1f} the text (per byte: x{time_growth:.2f}); "
                  f"peak memory x{serial['rss_kb'] / s['rss_kb']:.2f}")
        docs = args.baseline_docs or largest
        base = child(CHILD_DATEPARSER, tmp / f"corpus{largest}", docs)
        ours = serial["seconds"] * base["bytes"] / size
        print(f"dateparser.search_dates over {min(docs, largest)} documents ({base['bytes'] / 1e6:.2f} MB): "
              f"{base['seconds']:.1f} s, {base['bytes'] / 1e6 / base['seconds']:.3f} MB/s, {base['found']} matches, "
              f"peak {base['rss_kb'] / 1024:.0f} MB")
        print(f"events build is {base['seconds'] / ours:.1f}x faster than dateparser.search_dates on the same text"
              + ("" if docs >= largest else " (build time scaled to the baseline's share of the text)"))


if __name__ == "__main__":
    main()
