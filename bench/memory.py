"""Resident memory of one bot process: idle, after the first chart, after a 1,000-goal Home.

The parent builds a workspace of `--goals` goals (10 check-ins each) with
`checkin-bot import`'s code, then starts one fresh child per variant, so every figure
is a process's own RSS (VmRSS):

- baseline: the chart drawn in the process itself (as before), no gc.freeze();
- freeze: the same, with gc.freeze() after start-up;
- child chart: `draw_chart`, which draws in a short-lived child process (the bot now);
- both: child chart and gc.freeze().

gc.freeze() changed no figure by 1 MB, so the bot does not call it.

    .venv/bin/python bench/memory.py
    .venv/bin/python bench/memory.py --goals 1000
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
from datetime import UTC, datetime

from questions import build_file, rss_mb  # bench/questions.py, beside this script

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TEAM = "TMEMORY"
VARIANTS = {  # name: (chart drawn in a child process, gc.freeze after start-up)
    "baseline": (False, False),
    "freeze": (False, True),
    "child chart": (True, False),
    "both": (True, True),
}


def measure(url: str, child_chart: bool, freeze: bool) -> None:
    """In a fresh process: start as the bot does, draw a digest chart, build a Home."""
    import bot.jobs.deploy  # noqa: F401  (what `run` and `worker` import)
    from bot.charts import chart_panels, draw_chart, draw_chart_here
    from bot.clock import FrozenClock
    from bot.config import Settings
    from bot.render.home import home_blocks
    from bot.services import Services
    from bot.services.digests import build_digest
    from bot.services.home import views_to_refresh
    from storage.db import make_engine

    services = Services(
        engine=make_engine(url), clock=FrozenClock(NOW), settings=Settings(DATABASE_URL=url)
    )
    if freeze:
        gc.collect()
        gc.freeze()
    idle = rss_mb()
    view = build_digest(services, team_id=TEAM, channel_id=None, now=NOW)
    draw = draw_chart if child_chart else draw_chart_here
    draw(chart_panels(view.goals, NOW), title="Weekly digest")
    del view
    gc.collect()
    charted = rss_mb()
    for _ in range(3):
        views = views_to_refresh(services, team_id=TEAM, actor="U0", goal_ids=[1])
        blocks = [home_blocks(v) for v in views]
        del views, blocks
    gc.collect()
    print(f"{idle:.0f} {charted:.0f} {rss_mb():.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)  # url, chart, freeze
    args = parser.parse_args()
    if args.child:
        url, chart, freeze = args.child
        measure(url, chart == "1", freeze == "1")
        return
    from bot.clock import FrozenClock
    from bot.config import Settings
    from bot.services import Services
    from bot.services.transfer import import_file
    from storage.db import make_engine, upgrade

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/memory.db"
        engine = make_engine(url)
        upgrade(engine)
        services = Services(
            engine=engine, clock=FrozenClock(NOW), settings=Settings(DATABASE_URL=url)
        )
        import_file(services, team_id=TEAM, text=build_file(args.goals, args.goals * 10, owners=1))
        engine.dispose()
        print(f"RSS in MB, one process, {args.goals} goals: idle / after a chart / after a Home")
        for name, (chart, freeze) in VARIANTS.items():
            flags = [url, "1" if chart else "0", "1" if freeze else "0"]
            out = subprocess.run(
                [sys.executable, __file__, "--child", *flags], capture_output=True, text=True
            )
            figures = out.stdout.strip() or out.stderr.strip().splitlines()[-1]
            print(f"{name:12} {figures.replace(' ', ' / ')}", flush=True)


if __name__ == "__main__":
    main()
