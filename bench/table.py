"""Print the README's results table (Markdown) from var/bench-results.jsonl, the latest line per figure."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS  # noqa: E402


def main() -> None:
    latest = {}
    for line in RESULTS.read_text(encoding="utf-8").splitlines() if RESULTS.exists() else []:
        row = json.loads(line)
        latest[row["name"]] = row
    print("| Figure | Measured | Target | Met | Vehicles | Date | CPUs | Notes |")
    print("|---|---|---|---|---|---|---|---|")
    for row in latest.values():
        notes = ", ".join(f"{k}={v}" for k, v in row.items()
                          if k not in {"name", "figure", "unit", "target", "met", "date", "cpus", "vehicles"})
        print(f"| {row['name']} | {row['figure']:,} {row['unit']} | {row['target']} | {'yes' if row['met'] else 'no'}"
              f" | {row.get('vehicles', '')} | {row['date']} | {row['cpus']} | {notes} |")


if __name__ == "__main__":
    main()
