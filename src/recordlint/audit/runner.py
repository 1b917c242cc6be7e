"""Run batches of records through the linter: in worker processes, or in-process when small.

Records are grouped into batches (BATCH_SIZE records each, with any skipped
records that came between them riding along so that order is kept). With
more than one job and more than one batch, batches go to a pool of worker
processes; at most `jobs × IN_FLIGHT_PER_JOB` batches are out at once, so
memory stays flat however big the export, and results are taken back in the
order the batches were sent: the input order. `consume(batch, results)` is
called once per batch, in order, in this process.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from recordlint.audit import worker
from recordlint.audit.model import Item, Read
from recordlint.errors import RecordlintError

BATCH_SIZE = 256
MAX_ITEMS_PER_BATCH = 4 * BATCH_SIZE  # a long run of skipped rows still flushes
IN_FLIGHT_PER_JOB = 2


class WorkerCrashed(RecordlintError):
    """A worker died (killed, or out of memory) or could not go on; the audit stops with what it has."""


@dataclass(slots=True)
class Batch:
    """Items as `(tag, item)` pairs (the tag is the caller's: which input it came from), and the texts to lint."""

    items: list[tuple[int, Item]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def batches(items: Iterable[tuple[int, Item]], size: int = BATCH_SIZE) -> Iterator[Batch]:
    batch = Batch()
    for tag, item in items:
        batch.items.append((tag, item))
        if isinstance(item, Read):
            batch.texts.append(item.record.text)
        if len(batch.texts) >= size or len(batch.items) >= max(size, MAX_ITEMS_PER_BATCH):
            yield batch
            batch = Batch()
    if batch.items:
        yield batch


Consume = Callable[[Batch, list], None]


def _never() -> bool:
    return False


def run(items: Iterable[tuple[int, Item]], *, linter, linter_options: dict, no_text: bool, jobs: int,
        consume: Consume, on_start: Callable[[bool], None] = lambda parallel: None,
        should_stop: Callable[[], bool] = _never, batch_size: int | None = None) -> tuple[bool, bool]:
    """Lint every record, calling `consume` per batch in input order.

    `on_start(parallel)` is called once the workers are up (start a progress
    bar there: no thread should be running while processes fork).
    `should_stop()` is asked after each batch; when it says yes, the batches
    still out are dropped and the run ends cleanly. Returns (ran in parallel,
    stopped early).
    """
    size = batch_size or BATCH_SIZE
    stream = batches(items, size)
    head = list(itertools.islice(stream, 2))  # read ahead: a small input is not worth the processes
    if jobs <= 1 or len(head) < 2:
        on_start(False)
        return False, _run_serial(itertools.chain(head, stream), linter, no_text, consume, should_stop)
    return True, _run_parallel(itertools.chain(head, stream), linter, linter_options, no_text, jobs, consume,
                               on_start, should_stop)


def _run_serial(stream: Iterator[Batch], linter, no_text: bool, consume: Consume,
                should_stop: Callable[[], bool]) -> bool:
    worker.init(None, no_text, linter=linter)
    for batch in stream:
        if should_stop():
            return True
        consume(batch, worker.lint_batch(batch.texts) if batch.texts else [])
    return should_stop()


def _run_parallel(stream: Iterator[Batch], linter, linter_options: dict, no_text: bool, jobs: int,
                  consume: Consume, on_start: Callable[[bool], None], should_stop: Callable[[], bool]) -> bool:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        worker.inherit(linter)  # forked workers share the parent's linter instead of building their own
        options = None
    else:
        options = linter_options
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=worker.init,
                                   initargs=(options, no_text, None, True))
    window = jobs * IN_FLIGHT_PER_JOB
    pending: deque = deque()
    started = False
    stopped = False
    try:
        for batch in stream:
            pending.append((batch, executor.submit(worker.lint_batch, batch.texts) if batch.texts else None))
            if not started:
                started = True
                on_start(True)
            while len(pending) >= window and not stopped:
                _take(pending, consume)
                stopped = should_stop()
            if stopped:
                break
        while pending and not stopped:
            _take(pending, consume)
            stopped = should_stop()
    except BrokenProcessPool:
        _abandon(executor)
        raise WorkerCrashed("a worker process died (out of memory, or killed); "
                            "the outputs cover the records checked before it") from None
    except BaseException:  # a second Ctrl-C, or a bug: do not wait for the batches still out
        _abandon(executor)
        raise
    executor.shutdown(wait=True, cancel_futures=True)
    return stopped


def _abandon(executor) -> None:
    """Stop the pool without waiting for the batches in hand: cancel what is queued, end the workers."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _take(pending: deque, consume: Consume) -> None:
    batch, future = pending.popleft()
    consume(batch, future.result() if future is not None else [])
