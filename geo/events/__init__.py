"""Event extraction: what happened, when, where, who and how many — coded like ACLED and
CAMEO, with provenance. `detect_events` codes one article; `merge_events` merges reports
of the same event across sentences and articles; `evaluate_events` scores a corpus.
"""

from __future__ import annotations

from geo.events.detect import detect_events
from geo.events.merge import merge_events

__all__ = ["detect_events", "evaluate_events", "merge_events"]


def evaluate_events(path: str) -> dict[str, object]:
    """Per-field accuracy on an expected-codings corpus (see `geo.events.evaluate`)."""
    from geo.events.evaluate import evaluate_events as run

    return run(path)
