"""One bench, run on two checkouts' code in turns, with the machine's load beside each run.

The same bench script runs with `--baseline`'s code first (PYTHONPATH puts its `bot` and
`storage` ahead of this checkout's), then with this checkout's, `--rounds` times, so both
see the same machine. Each side keeps its own database (`--baseline-url`, `--url`): a
schema one side migrated may be unknown to the other. On a busy machine read the CPU
figures the bench prints; wall times move with the load shown.

    .venv/bin/python bench/side_by_side.py --baseline /path/to/main-checkout \\
        --baseline-url sqlite:////tmp/old.db --url sqlite:////tmp/new.db \\
        -- bench/questions.py --only at-risk --digest-rounds 5
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} CPUs"


def run(label: str, code: Path, url: str, bench: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(code), "DATABASE_URL": url}
    print(f"--- {label} ({code}), {load()}", flush=True)
    finished = subprocess.run(
        [sys.executable, *bench], cwd=HERE, env=env, capture_output=True, text=True, check=False
    )
    for line in (finished.stdout + finished.stderr).splitlines():
        print(f"    {label}: {line}", flush=True)
    print(f"--- {label} done, {load()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="the other checkout")
    parser.add_argument("--baseline-url", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("bench", nargs=argparse.REMAINDER, help="-- script and its arguments")
    args = parser.parse_args()
    bench = args.bench[1:] if args.bench[:1] == ["--"] else args.bench
    for round_ in range(1, args.rounds + 1):
        print(f"round {round_} of {args.rounds}")
        run("before", args.baseline.resolve(), args.baseline_url, bench)
        run("after", HERE, args.url, bench)


if __name__ == "__main__":
    main()
