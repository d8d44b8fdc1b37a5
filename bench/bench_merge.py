"""Event merging at corpus scale: `geo.events.merge.merge_events` on 10k ... 300k events.

    .venv/bin/python bench/bench_merge.py --sizes 10000 30000 100000 300000
    .venv/bin/python bench/bench_merge.py --sizes 10000 100000 --hot 0.1 --agree

The one step of a run that sees every event at once. Events are synthetic but shaped like
news: places drawn from a skewed (Zipf) pool of 3,000, a dozen event codings, dates over
12 years (a fifth of them month-vague), actors from 20 countries, ~1.4 events per
article. Flat µs/event across sizes means no quadratic step.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine  # noqa: E402

CODINGS = [
    ("attack", "Violence against civilians", "Attack", "18"),
    ("armed clash", "Battles", "Armed clash", "19"),
    ("air strike", "Explosions/Remote violence", "Air/drone strike", "18"),
    ("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", "19"),
    ("protest", "Protests", "Peaceful protest", "14"),
    ("riot", "Riots", "Violent demonstration", "14"),
    ("arrest", "Strategic developments", "Arrests", "17"),
    ("deployment", "Strategic developments", "Other", "15"),
    ("statement", "Strategic developments", "Other", "01"),
    ("agreement", "Strategic developments", "Agreement", "05"),
    ("abduction", "Violence against civilians", "Abduction/forced disappearance", "18"),
    ("looting", "Strategic developments", "Looting/property destruction", "17"),
]
COUNTRIES = [
    "US", "GB", "FR", "DE", "RU", "UA", "SY", "IQ", "AF", "PK",
    "IN", "CN", "VE", "CO", "MX", "NG", "SD", "SO", "YE", "IL",
]  # fmt: skip


def synthetic_events(n: int, seed: int = 1, hot: float = 0.0, agree: bool = False) -> list:
    """`n` events; a share `hot` of them is one story (same place, coding and day), whose
    reports also agree on the actor (one cluster of all of them) when `agree`."""
    from geo.model import Actor, Event, Place, Provenance, content_id

    rng = random.Random(seed)
    places = [
        Place(
            f"gn:{100000 + i}",
            f"Place {i}",
            "city",
            (rng.uniform(-170, 170), rng.uniform(-50, 70)),
            country=rng.choice(COUNTRIES),
        )
        for i in range(3000)
    ]
    weights = [1 / (rank + 1) for rank in range(len(places))]
    chosen = rng.choices(places, weights=weights, k=n)
    first = date(2009, 1, 1)
    events = []
    for i, place in enumerate(chosen):
        article = f"a{int(i / 1.4):08d}"
        label, etype, sub, cameo = rng.choice(CODINGS)
        day = first + timedelta(days=rng.randrange(12 * 365))
        if rng.random() < hot:  # one big story: same place, coding and day
            place, (label, etype, sub, cameo), day = places[0], CODINGS[0], first
        vague = rng.random() < 0.2
        start, end = (day.replace(day=1), day.replace(day=28)) if vague else (day, day)
        prov = Provenance(article, f"Sentence {i}.", 0, 12, label, 0, len(label))
        actor = Actor(f"{rng.choice(COUNTRIES)} forces", rng.choice(COUNTRIES), 1)
        if agree and place is places[0] and day == first:
            actor = Actor("US forces", "US", 1)
        events.append(
            Event(
                id=content_id(article, i),
                label=label,
                event_type=etype,
                sub_event_type=sub,
                cameo=cameo,
                date=None if rng.random() < 0.05 else day,
                date_start=start,
                date_end=end,
                time_precision=3 if vague else 1,
                place=place,
                geo_precision=1,
                location_reason="synthetic",
                actor1=actor,
                actor2=None,
                fatalities=rng.randrange(4),
                fatalities_text=None,
                counts=(),
                modality="asserted",
                confidence=rng.random(),
                sources=(prov,),
            )
        )
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000, 300_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--hot", type=float, default=0.0, help="share of events in one story")
    parser.add_argument(
        "--agree", action="store_true", help="the story's reports agree: one cluster of all"
    )
    args = parser.parse_args()
    from geo.events.merge import merge_events

    print(machine())
    for n in args.sizes:
        events = synthetic_events(n, hot=args.hot, agree=args.agree)
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            merged = merge_events(events)
            times.append(time.process_time() - start)
        best = sorted(times)[len(times) // 2]
        row = {
            "events": n,
            "hot": args.hot,
            "agree": args.agree,
            "merged": len(merged),
            "cpu_s_median": round(best, 2),
            "us_per_event": round(best / n * 1e6, 1),
        }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
