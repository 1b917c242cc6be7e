"""`--engine dask`: check an audit's partitions on a Dask cluster and take the results back in order.

Without a scheduler address a `LocalCluster` of `jobs` single-threaded
worker processes is started (bound to 127.0.0.1, no dashboard, no spilling
to disk), so a laptop and a cluster run the same code. Partitions (see
`recordlint.audit.split`) are submitted as they are planned, at most
IN_FLIGHT_PER_WORKER per worker at a time, so the client's memory stays flat.
Each result (a partition's CSV rows and totals, see `dask_tasks`) is taken
strictly in partition order: appended to the CSV files and merged into the
totals, giving the outputs a local audit gives. A partition counts when its
result is taken, once. When a worker dies mid-partition, Dask runs the partition again
elsewhere, and only that run's result is ever seen here.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import logging
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from recordlint.audit.dask_tasks import SHARED_FS_HINT, PartitionFailed, PartitionResult, check_partition, probe
from recordlint.audit.readers import Source
from recordlint.audit.runner import WorkerCrashed
from recordlint.audit.split import Partition, partitions
from recordlint.errors import RecordlintError

INSTALL_HINT = "--engine dask needs Dask's distributed scheduler: pip install 'recordlint[dask]'"
IN_FLIGHT_PER_WORKER = 2
CONNECT_TIMEOUT = "10s"
WAIT_FOR_WORKERS_SECONDS = 60
QUIET_LOGGERS = ("distributed", "dask")
LOCAL_CLUSTER_CONFIG = {
    # Note text must not reach the disk: a worker short of memory may pause, never spill.
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    # The statistical profiler samples each worker's stack every 10 ms: a few per cent of CPU.
    "distributed.worker.profile.enabled": False,
}


class ClusterFailed(WorkerCrashed):
    """The cluster lost a partition for good (a worker died too often) or failed to run it."""


def require_dask() -> None:
    """Raise a one-line error naming the extra to install when Dask's distributed scheduler is missing."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise RecordlintError(INSTALL_HINT) from None


@dataclass
class ClusterInfo:
    """How the audit ran, for summary.json."""

    scheduler: str
    workers: int
    partition_bytes: int
    partitions: int = 0

    def to_dict(self) -> dict:
        return {"scheduler": self.scheduler, "workers": self.workers, "partitions": self.partitions,
                "partition_bytes": self.partition_bytes}


class DaskCluster:
    """A connection to a scheduler (or a LocalCluster of our own), as a context manager."""

    def __init__(self, scheduler: str | None, jobs: int, partition_bytes: int) -> None:
        self.address = scheduler
        self.jobs = jobs
        self.partition_bytes = partition_bytes
        self.client = None
        self._cluster = None
        self.info: ClusterInfo | None = None
        self._log_levels: dict[str, int] = {}

    def __enter__(self) -> "DaskCluster":
        require_dask()
        import dask
        from dask.distributed import Client, LocalCluster

        # Dask logs a lost scheduler or worker with a traceback; recordlint says what happened in one line.
        # (Dask's logging config gives some child loggers levels of their own, so each is quietened.)
        names = [name for name in logging.root.manager.loggerDict if name.split(".")[0] in QUIET_LOGGERS]
        self._log_levels = {name: logging.getLogger(name).level for name in {*QUIET_LOGGERS, *names}}
        for name in self._log_levels:
            logging.getLogger(name).setLevel(logging.CRITICAL)

        try:
            if self.address:
                with dask.config.set({"distributed.comm.timeouts.connect": CONNECT_TIMEOUT}):
                    self.client = Client(self.address, set_as_default=False)
            else:
                with dask.config.set(LOCAL_CLUSTER_CONFIG), _sigint_ignored():
                    # The scheduler always serves HTTP (health, metrics): on a free loopback port, no dashboard.
                    self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                                 host="127.0.0.1", dashboard_address=":0",
                                                 scheduler_kwargs={"dashboard": False},
                                                 silence_logs=logging.ERROR)
                self.client = Client(self._cluster, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            self.__exit__()
            where = self.address or "a local Dask cluster"
            raise RecordlintError(f"{where}: cannot connect to the Dask scheduler ({_reason(exc)})") from None
        except BaseException:  # e.g. a second Ctrl-C while it starts: leave no worker process behind
            self.__exit__()
            raise
        try:
            self.client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_SECONDS)
        except TimeoutError:
            self.__exit__()
            raise RecordlintError(f"{self.address}: the Dask scheduler has no workers "
                                  f"(waited {WAIT_FOR_WORKERS_SECONDS} s)") from None
        workers = len(self.client.scheduler_info().get("workers", {}))
        self.info = ClusterInfo(self.address or "LocalCluster", workers, self.partition_bytes)
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        self.client = self._cluster = None
        for name, level in self._log_levels.items():
            logging.getLogger(name).setLevel(level)

    def check_workers(self, sources: list[Source]) -> None:
        """Every worker must run this recordlint version and see every file it is to read, as we see it."""
        from recordlint import __version__

        paths = [source.path for source in sources if source.format in ("csv", "tsv", "jsonl", "folder", "note")]
        for address, seen in sorted(self.client.run(probe, paths).items()):
            if seen["version"] != __version__:
                raise RecordlintError(f"{address}: the Dask worker runs recordlint {seen['version']}, "
                                      f"this is {__version__}; install the same version on every worker")
            for source in sources:
                found = seen["paths"].get(source.path)
                if isinstance(found, str):
                    hint = SHARED_FS_HINT if os.path.isabs(source.path) else \
                        f"the workers' working folder is not this one: give it as {os.path.abspath(source.path)}"
                    raise RecordlintError(f"{source.path}: the Dask worker {address} cannot read it ({found}); {hint}")

    def run(self, sources: list[Source], *, linter_options: dict, no_text: bool, limit: int | None,
            take: Callable[[PartitionResult, int], None], on_start: Callable[[bool], None],
            should_stop: Callable[[], bool]) -> bool:
        """Check every partition, calling `take(result, input index)` per partition, in order.

        With `limit`, the partition where it falls is checked again up to it. Returns whether it
        stopped early (`should_stop`).
        """
        client = self.client
        token = uuid.uuid4().hex[:8]
        shipped = [_for_workers(source) for source in sources]
        window = max(2, IN_FLIGHT_PER_WORKER * max(1, self.info.workers))
        plan: Iterator[Partition] = partitions(sources, self.partition_bytes)
        pending: deque = deque()
        left = limit
        on_start(True)

        def submit(part: Partition, data, max_records: int | None = None):
            return client.submit(check_partition, shipped[part.input_index], data, linter_options, no_text,
                                 max_records, key=f"recordlint-{token}-{part.number}-{max_records or 'all'}",
                                 pure=False)

        def submit_next() -> None:
            for part in itertools.islice(plan, 1):
                self.info.partitions += 1
                # rows read here go straight to a worker, not through the scheduler
                data = client.scatter(part, hash=False) if part.kind == "rows" else part
                pending.append((part, data, submit(part, data)))

        try:
            for _ in range(window):
                submit_next()
            while pending:
                part, data, future = pending.popleft()
                result = _result(future, part)
                if left is not None and result.totals.records_read > left:
                    result = _result(submit(part, data, left), part)  # only the records up to --limit
                take(result, part.input_index)
                if left is not None:
                    left -= result.totals.records_read
                    if left <= 0:
                        return False
                if should_stop():
                    return True
                submit_next()
            return False
        finally:
            if pending:
                client.cancel([future for _part, _data, future in pending])


@contextlib.contextmanager
def _sigint_ignored():
    """Worker processes started in here ignore Ctrl-C, as a local audit's do: the terminal sends it to
    every process of the command, and only the client is to decide what stops (see main.StopOnInterrupt)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited through exec, unlike a handler
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _for_workers(source: Source) -> Source:
    """The reader as workers need it: a folder's list of files stays here (each partition names its own)."""
    if getattr(source, "files", None):
        source = copy.copy(source)
        source.files = []
    return source


def _result(future, part: Partition):
    from distributed import KilledWorker

    try:
        result = future.result()
    except KilledWorker:
        raise ClusterFailed(f"partition {part.number} was lost: the Dask workers running it kept dying "
                            "(out of memory?)") from None
    except Exception as exc:  # the scheduler went away, or the task could not be run at all
        raise ClusterFailed(f"the Dask cluster failed on partition {part.number} ({_reason(exc)})") from None
    if isinstance(result, PartitionFailed):
        raise ClusterFailed(result.message)
    return result


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
