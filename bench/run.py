"""`make bench`: every benchmark in turn on the DATABASE_URL database (generate it first:
bench/generate.py --vehicles N --reset). Each prints its figure and target and appends a line to
var/bench-results.jsonl; bench/table.py turns those lines into the README table."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["bench_compliance", "bench_pages", "bench_http", "bench_files", "bench_chain", "bench_tree_head"]


def main(names: list[str]) -> int:
    failed = 0
    for name in names or BENCHMARKS:
        print(f"== {name}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / f"{name}.py")]) != 0
    subprocess.call([sys.executable, str(HERE / "table.py")])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
