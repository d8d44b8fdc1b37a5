"""Run the pipeline over many articles with Dask: a local cluster, or an existing one.

`map_articles(func, articles, workers, scheduler)` is the one entry point: it cuts the
article stream into partitions of a few hundred, keeps a bounded number of partitions in
flight on the cluster, and yields `(article, result, failure)` in input order, so callers
see exactly what a serial loop would have produced. `func(article, nlp, gazetteer)` runs
on the workers with the spaCy pipeline and the gazetteer each worker loads once
(`worker_resources`), never per article.

This module is the executor only; what runs on it is in `geo.run` and `geo.streaming`.
"""

from __future__ import annotations

import gc
import logging
import os
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any, TypeVar

from tqdm import tqdm

from geo.errors import ConflictmapError, printable
from geo.model import Article

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

    from gazetteer import Gazetteer, PlaceLookup

log = logging.getLogger("conflictmap")

R = TypeVar("R")
ArticleFunc = Callable[[Article, "Language", "PlaceLookup"], R]
Outcome = tuple[Article, R | None, str | None]
Resources = Callable[[], tuple[Any, Any]]  # () -> (nlp, gazetteer), cached per worker

PARTITION_SIZE = 200  # articles per task: a few seconds of work, ~0.5 MB pickled
IN_FLIGHT_PER_WORKER = 2  # unfinished partitions per worker: busy workers, bounded memory
HELD_PER_WORKER = 8  # partitions per worker sent and not yet yielded, finished or not
SMALLEST_PARTITION = 8  # articles: the tail of a run of known length (`guided_sizes`)
BATCH_SIZE = 8  # texts per nlp.pipe batch; a batch's activations are a worker's memory
# peak (RSS growth over LGL ~200 MB at 64 texts, ~90 at 16, ~60 at 8), at no measurable CPU
# cost (BENCHMARKS.md, Throughput round 3)
BATCH_MAX_CHARS = 100_000  # longer texts are parsed alone (geo.chunks territory)
LOCAL_CLUSTER_CONFIG = {
    # No statistical profiler (it feeds a dashboard a local run does not open) and slower
    # memory and system monitors: their CPU is taken from the pipeline.
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

_local = threading.local()


# --- on the workers -------------------------------------------------------------------


def worker_resources(
    exclude: tuple[str, ...] = (), model: str | None = None
) -> tuple[Language, Gazetteer]:
    """The spaCy pipeline `model` (default: `geo.nlp.DEFAULT_MODEL`; once per process and
    `exclude` set, `geo.nlp.load_nlp`) and the gazetteer (once per thread: its SQLite
    connection must not cross threads), with the toponym stage's name index loaded; the
    process is tuned first (`geo.tuning.tune_process`).

    A Dask worker has one thread, so each is loaded exactly once per worker.
    """
    from geo.nlp import DEFAULT_MODEL, load_nlp
    from geo.tuning import tune_process

    tune_process()
    gazetteer = getattr(_local, "gazetteer", None)
    if gazetteer is None:
        from gazetteer import Gazetteer
        from geo.placenames import name_index_for

        gazetteer = _local.gazetteer = Gazetteer.open()
        name_index_for(gazetteer)  # loaded in `warm_up`, not in the first partition
    return load_nlp(model or DEFAULT_MODEL, exclude=exclude), gazetteer


WARM_UP_ARTICLE = Article(
    id="warm-up",
    text="Officials in Caracas said on Monday that US forces struck two boats off the coast "
    "of Venezuela on 2 September 2025, killing 11 people.",
    published=date(2025, 9, 3),
    origin="geo.parallel.WARM_UP_ARTICLE",
)


def warm_up(resources: Resources = worker_resources, func: ArticleFunc[Any] | None = None) -> int:
    """Load the worker's resources now, and run `func` once on `WARM_UP_ARTICLE` (its
    modules, dateparser's languages and the stages' lazy tables load), so that
    the first partition is not slower; the worker's pid. A failure of `func` here is
    left to the articles themselves to meet (and report)."""
    nlp, gazetteer = resources()
    if func is not None:
        try:
            func(WARM_UP_ARTICLE, nlp, gazetteer)
        except Exception:  # best effort: the run reports per-article failures
            log.debug("warm-up article failed", exc_info=True)
    return os.getpid()


def failure_message(article: Article, exc: BaseException) -> str:
    """The message of an article whose processing raised (as in `geo.run.extract`)."""
    where = printable(article.origin or article.id)
    return f"{where}: processing failed ({type(exc).__name__}: {exc})"


def run_partition(
    func: ArticleFunc[R], articles: Sequence[Article], resources: Resources = worker_resources
) -> list[tuple[R | None, str | None]]:
    """`func` on each article of one partition: `(result, None)` or `(None, failure)`.

    A spaCy pipeline is run over the partition's texts in batches (`nlp.pipe`: less CPU
    than one `nlp(text)` per article, same annotations) and `func` gets a
    stand-in whose `nlp(article.text)` returns the parsed Doc.
    """
    nlp, gazetteer = resources()
    out: list[tuple[R | None, str | None]] = []
    for article, parser in _batch_parsed(nlp, articles):
        try:
            out.append((func(article, parser, gazetteer), None))
        except Exception as exc:  # one broken article must not stop the batch
            log.debug("processing %s failed", article.origin, exc_info=True)
            out.append((None, failure_message(article, exc)))
    return out


class Preparsed:
    """Stands in for a spaCy pipeline whose Doc of one text is already parsed.

    `preparsed(text)` returns that Doc for that text (once) and parses anything else with
    the real pipeline; every other attribute is the real pipeline's.
    """

    def __init__(self, nlp: Language, text: str, doc: Any) -> None:
        self._nlp, self._text, self._doc = nlp, text, doc

    def __call__(self, text: str, **kwargs: Any) -> Any:
        if self._doc is not None and text is self._text and not kwargs:
            doc, self._doc = self._doc, None
            return doc
        return self._nlp(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def _batch_parsed(nlp: Any, articles: Sequence[Article]) -> Iterator[tuple[Article, Any]]:
    """Each article with the pipeline to hand to `func`: a `Preparsed` one where batching
    applies (a spaCy `Language`, texts up to `BATCH_MAX_CHARS`), else `nlp` itself.
    Docs are parsed lazily, one `BATCH_SIZE` batch ahead."""
    from spacy.language import Language

    if not isinstance(nlp, Language):
        yield from ((article, nlp) for article in articles)
        return
    limit = min(BATCH_MAX_CHARS, nlp.max_length)
    short = (a.text for a in articles if len(a.text) <= limit)
    docs: Iterator[Any] | None = iter(nlp.pipe(short, batch_size=BATCH_SIZE))
    for article in articles:
        doc = None
        if docs is not None and len(article.text) <= limit:
            try:
                doc = next(docs)
            except Exception:  # each article then fails (or not) on its own, as serially
                log.debug("batch parse failed; parsing one by one", exc_info=True)
                docs = None
        yield article, (Preparsed(nlp, article.text, doc) if doc is not None else nlp)


# --- on the client --------------------------------------------------------------------


@contextmanager
def dask_client(
    workers: int = 2, scheduler: str | None = None, preload: Resources | None = None
) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new local cluster of `workers`
    single-threaded worker processes (closed on exit).

    `preload` (the resources the tasks will ask for) is loaded here first when local
    workers are forked (`shared_before_fork`): they inherit it instead of loading it each.
    """
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with scheduler_client(scheduler) as client:
            yield client
        return
    method = _start_method()
    with (
        shared_before_fork(preload if method == "fork" else None),
        dask.config.set(
            {**LOCAL_CLUSTER_CONFIG, "distributed.worker.multiprocessing-method": method}
        ),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},  # no fixed port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@contextmanager
def shared_before_fork(resources: Resources | None) -> Iterator[None]:
    """Load `resources` in this process and freeze its objects out of the cyclic garbage
    collector while workers are forked from it.

    Forked workers then find the spaCy pipeline and the name index already loaded
    (`geo.nlp.load_nlp` and `geo.placenames.name_index_for` cache per process) and share
    their pages with this process and with each other until written: the model's weights
    and the name automaton are never written, and frozen objects are not touched by the
    collector (`gc.freeze`), so the pages stay shared. Less memory and start-up CPU.
    """
    if resources is None:
        yield
        return
    resources()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


SCHEDULER_TIMEOUT_S = 5.0


class SchedulerError(ConflictmapError):
    """A `--scheduler` address that is malformed or that nothing answers at."""


def check_scheduler(address: str, timeout: float = SCHEDULER_TIMEOUT_S) -> None:
    """Fail within `timeout` seconds (`SchedulerError`) unless a TCP server listens at the
    Dask scheduler `address` (`tcp://HOST:PORT` or `HOST:PORT`), before any work starts."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location)
    except ValueError as exc:
        raise SchedulerError(f"--scheduler {address!r}: not an address ({exc})") from None
    if scheme not in ("tcp", "tls") or not 0 < int(port) < 65536:
        raise SchedulerError(f"--scheduler {address!r}: expected tcp://HOST:PORT")
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        reason = "no answer" if isinstance(exc, TimeoutError) else exc.strerror or str(exc)
        raise SchedulerError(f"--scheduler {address!r}: cannot connect ({reason})") from None


def scheduler_client(address: str) -> Client:
    """A client of the Dask scheduler at `address`, or a `SchedulerError` within seconds."""
    from distributed import Client

    check_scheduler(address)
    try:
        return Client(address, timeout=SCHEDULER_TIMEOUT_S)
    except Exception as exc:  # distributed raises many kinds at a peer that is no scheduler
        reason = f"no Dask scheduler answers ({type(exc).__name__})"
        raise SchedulerError(f"--scheduler {address!r}: {reason}") from None


def _start_method() -> str:
    """How local workers start: forked on Linux, where the child inherits the imported
    modules (a faster cluster start and stop; no worker re-imports spaCy, Dask and
    geopandas); spawned elsewhere (forking
    is unsafe on macOS). `DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD` overrides."""
    configured = os.environ.get("DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD")
    return configured or ("fork" if sys.platform == "linux" else "spawn")


def partitions(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of `size` items (the last may be shorter), read lazily."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def guided_sizes(
    total: int, workers: int, largest: int = PARTITION_SIZE, smallest: int = SMALLEST_PARTITION
) -> list[int]:
    """Partition sizes for a run of `total` articles on `workers`: each takes a
    `2 * workers`-th of what is left (between `smallest` and `largest`), so partitions
    shrink towards the end and the workers finish together."""
    sizes: list[int] = []
    left = total
    while left > 0:
        size = min(left, largest, max(smallest, -(-left // (2 * workers))))
        sizes.append(size)
        left -= size
    return sizes


def _n_workers(client: Client) -> int:
    return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))


def map_serial(
    func: ArticleFunc[R],
    articles: Iterable[Article],
    partition_size: int = PARTITION_SIZE,
    resources: Resources = worker_resources,
) -> Iterator[Outcome[R]]:
    """`map_articles` in this process: the same `run_partition` on each partition, in order."""
    for batch in partitions(articles, partition_size):
        outcomes = run_partition(func, batch, resources)
        for article, (result, failure) in zip(batch, outcomes, strict=True):
            yield article, result, failure


def map_articles(
    func: ArticleFunc[R],
    articles: Iterable[Article],
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
    progress: bool = False,
    client: Client | None = None,
    resources: Resources = worker_resources,
) -> Iterator[Outcome[R]]:
    """`func(article, nlp, gazetteer)` on every article, on Dask; `(article, result, failure)`
    in input order.

    `articles` is consumed lazily: at most `IN_FLIGHT_PER_WORKER` partitions per worker are
    unfinished at a time, and at most `HELD_PER_WORKER` sent and not yet yielded; a known
    run is cut into shrinking partitions (`guided_sizes`). `func` and `resources` must be
    importable on the workers (module-level functions of an installed module, or
    `functools.partial`s of them); `resources()` gives the `(nlp, gazetteer)` passed to
    `func` and must cache them per worker (`worker_resources` does). Pass `client` to
    reuse a cluster.
    """
    if client is None:
        with dask_client(workers, scheduler, preload=resources) as own:
            yield from map_articles(
                func,
                articles,
                partition_size=partition_size,
                progress=progress,
                client=own,
                resources=resources,
            )
        return
    n = _n_workers(client)
    client.gather(
        [
            client.submit(warm_up, resources, func, workers=[worker], pure=False)
            for worker in client.scheduler_info(n_workers=-1).get("workers", {})
        ]
    )
    total = len(articles) if isinstance(articles, Sequence) else None
    bar = tqdm(total=total, disable=not progress, unit="article", leave=False)
    pending: deque[tuple[list[Article], Any]] = deque()
    if not isinstance(articles, Sequence):
        batches = partitions(articles, partition_size)
    else:  # shrinking partitions: no worker waits long at the end
        cuts = accumulate(guided_sizes(len(articles), n, partition_size), initial=0)
        batches = (list(articles[a:b]) for a, b in pairwise(cuts))
    try:
        for batch in batches:
            pending.append(
                (batch, client.submit(run_partition, func, batch, resources, pure=False))
            )
            yield from _drain_finished(pending, n, bar)
        while pending:
            yield from _drain(pending.popleft(), bar)
    finally:
        for _, future in pending:
            future.cancel()
        bar.close()


def _drain_finished(
    pending: deque[tuple[list[Article], Any]], workers: int, bar: tqdm
) -> Iterator[Outcome[Any]]:
    """Wait until a worker is free for the next partition (fewer than
    `IN_FLIGHT_PER_WORKER` unfinished per worker), then yield the finished partitions at
    the head of `pending`, in input order. A free worker never waits for an older, longer
    partition to be yielded first, unless `HELD_PER_WORKER` partitions are held."""
    from distributed import wait

    running = [future for _, future in pending if not future.done()]
    if len(running) >= IN_FLIGHT_PER_WORKER * workers:
        wait(running, return_when="FIRST_COMPLETED")
    while pending and (pending[0][1].done() or len(pending) >= HELD_PER_WORKER * workers):
        yield from _drain(pending.popleft(), bar)


def _drain(item: tuple[list[Article], Any], bar: tqdm) -> Iterator[Outcome[Any]]:
    batch, future = item
    outcomes = future.result()
    bar.update(len(batch))
    for article, (result, failure) in zip(batch, outcomes, strict=True):
        yield article, result, failure
