"""N worker processes that take tasks one or two at a time, some tasks pinned to one of them.

`accord ingest --jobs N` sends two kinds of work to its workers: preparing a file, which any of
them may do, and ranking a text's link suggestions against the earlier texts of its partnership,
which is cheaper where that partnership's earlier texts were ranked against before (a worker keeps
the pool items it has read, and the words it worked out for them). `multiprocessing.Pool` hands
every task to whichever worker asks first, so every worker came to read and word every pool item;
sent round-robin to one-process pools instead, a file to prepare waited behind another worker's
rankings. Here a dispatching thread keeps each worker fed with at most `DEPTH` tasks: the oldest
of those pinned to it, else the oldest of those pinned to none. A worker with nothing else to do
takes another's pinned task rather than idle.

A task's exception is raised again by `Task.get`; a worker that dies fails the tasks it held.

Objects that subclass `SentOnce` are sent to each worker once: the worker keeps them, and a later
task that holds one again sends its key only. Every later text of a partnership is ranked against
its earlier texts, and sending them whole every time cost the sending process a tenth of its time.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import pickle
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Hashable, Iterable
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar

from accord.errors import AccordError

Result = TypeVar("Result")

# Objects kept by each worker; past it the worker forgets them all, and they are sent whole again.
KEPT = 20_000


class SentOnce:
    """Sent to a worker once, then by `sent_key` alone (unique in the sending process; the object
    must not change once sent)."""

    __slots__ = ()

    @property
    def sent_key(self) -> Hashable:
        raise NotImplementedError


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, sent: set[Hashable]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._sent = sent
        self.added: set[Hashable] = set()  # sent whole by this message

    def persistent_id(self, obj: object) -> tuple[Hashable, bytes | None] | None:
        if not isinstance(obj, SentOnce):
            return None
        key = obj.sent_key
        if key in self._sent or key in self.added:
            return key, None
        self.added.add(key)
        return key, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: memoryview, kept: dict[Hashable, object]) -> None:
        super().__init__(io.BytesIO(data))
        self._kept = kept

    def persistent_load(self, pid: tuple[Hashable, bytes | None]) -> object:
        key, blob = pid
        if blob is None:
            return self._kept[key]
        found = self._kept[key] = pickle.loads(blob)
        return found


def _encode(message: object, sent: set[Hashable]) -> bytes:
    """A message to a worker: a byte saying whether to forget what it kept first, then the pickle.
    `sent` (what the worker keeps) gains what the message sends whole once it is encoded."""
    forget = len(sent) >= KEPT
    buffer = io.BytesIO()
    buffer.write(b"\x01" if forget else b"\x00")
    pickler = _Pickler(buffer, set() if forget else sent)
    pickler.dump(message)  # may fail: then `sent` stays as it was
    if forget:
        sent.clear()
    sent |= pickler.added
    return buffer.getvalue()


def _decode(raw: bytes, kept: dict[Hashable, object]) -> Any:
    if raw[:1] == b"\x01":
        kept.clear()
    return _Unpickler(memoryview(raw)[1:], kept).load()


# Tasks held by one worker: the one it works on and the next, so that it need not wait for the
# dispatching thread (which may wait for the GIL) between two short tasks.
DEPTH = 2


class _WorkersError(AccordError):
    """An error of the worker processes, with what to do about it (`HINT`)."""

    HINT = ""

    def __init__(self, message: str) -> None:
        super().__init__(message, hint=self.HINT)


class WorkerDied(_WorkersError):
    """A worker process ended while it held tasks (killed, or out of memory)."""

    code = "worker_died"
    HINT = "run it again with fewer worker processes (each takes memory), or with none"


class WorkersFailed(_WorkersError):
    """The worker processes could not start, or the thread that feeds them failed."""

    code = "workers_failed"
    HINT = "run it again without worker processes (one job)"


class Task(Generic[Result]):
    """One task's result, once a worker has sent it back."""

    __slots__ = ("_done", "_error", "_result", "args", "function", "serial")

    def __init__(self, serial: int, function: Callable[..., Result], args: tuple[Any, ...]) -> None:
        self.serial = serial
        self.function = function
        self.args = args
        self._done = threading.Event()
        self._result: Result | None = None
        self._error: BaseException | None = None

    def _finish(self, result: Result | None, error: BaseException | None) -> None:
        self._result, self._error = result, error
        self.args = ()  # what was sent (a pool, a file's text) need not stay alive with the result
        self._done.set()

    def get(self) -> Result:
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]


class Tasks(Generic[Result]):
    """Several tasks' results, in the order they were submitted."""

    def __init__(self, tasks: list[Task[Result]]) -> None:
        self._tasks = tasks

    def get(self) -> list[Result]:
        return [task.get() for task in self._tasks]


class Workers:
    """`count` worker processes of `context` and the thread that dispatches tasks to them."""

    def __init__(self, context: BaseContext, count: int) -> None:
        self._serials = itertools.count()
        self._lock = threading.Lock()
        self._shared: deque[Task[Any]] = deque()
        self._pinned: list[deque[Task[Any]]] = [deque() for _ in range(count)]
        self._held: list[dict[int, Task[Any]]] = [{} for _ in range(count)]
        self._pins: dict[Hashable, int] = {}
        self._closing = False
        self._failure: WorkersFailed | None = None
        self._connections: list[Connection] = []
        self._sent: list[set[Hashable]] = [set() for _ in range(count)]  # what each worker keeps
        self._processes: list[Any] = []
        self._context, self._count = context, count
        self._alive = set(range(count))
        # Set once a worker has started (the first takes longest), or starting them failed.
        self.started = threading.Event()
        self._wake_reader, self._wake_writer = os.pipe()
        self._thread = threading.Thread(target=self._dispatch, name="accord-workers", daemon=True)
        self._thread.start()

    def submit(
        self, function: Callable[..., Result], args: tuple[Any, ...], pin: Hashable = None
    ) -> Task[Result]:
        """Run `function(*args)` in a worker; with `pin`, in the worker of that pin's first task."""
        task: Task[Result] = Task(next(self._serials), function, args)
        with self._lock:
            if self._failure is not None:
                raise self._failure
            if self._closing:
                raise RuntimeError("the workers are closed")
            if pin is None:
                self._shared.append(task)
            else:
                worker = self._pins.get(pin)
                if worker is None and self._alive:
                    # A new pin goes to the live worker with the fewest pins, so that their work evens out.
                    counts = dict.fromkeys(sorted(self._alive), 0)
                    for owner in self._pins.values():
                        counts[owner] += 1
                    worker = self._pins[pin] = min(counts, key=counts.__getitem__)
                if worker is None:
                    self._shared.append(task)  # no worker is left: the dispatcher fails it
                else:
                    self._pinned[worker].append(task)
        os.write(self._wake_writer, b"x")
        return task

    def map(self, function: Callable[..., Result], arguments: Iterable[tuple[Any, ...]]) -> list[Result]:
        return Tasks([self.submit(function, args) for args in arguments]).get()

    def close(self) -> None:
        """Stop the workers once they have finished what they hold; tasks not yet sent are dropped."""
        with self._lock:
            self._closing = True
        os.write(self._wake_writer, b"x")
        self._thread.join()
        # Fewer connections than workers when starting one failed.
        for connection, sent in zip(self._connections, self._sent, strict=False):
            with contextlib.suppress(OSError):  # that worker is gone
                connection.send_bytes(_encode(None, sent))
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
        for connection in self._connections:
            connection.close()
        os.close(self._wake_reader)
        os.close(self._wake_writer)

    def terminate(self) -> None:
        """Stop the workers at once (the caller failed; nothing they do is wanted)."""
        with self._lock:
            started = list(self._processes)
        for process in started:  # any started after this get the message to stop from `close`
            process.terminate()
        self.close()

    def _start_processes(self) -> None:
        # Here, in the dispatching thread: starting a process through a fork server waits until the
        # server has started and read what it preloads (a second or two), which the caller can
        # spend on work of its own meanwhile. Tasks submitted before wait in their queues.
        for _ in range(self._count):
            ours, theirs = self._context.Pipe()
            process = self._context.Process(target=_serve, args=(theirs,), daemon=True)  # type: ignore[attr-defined]
            process.start()
            theirs.close()
            with self._lock:
                self._connections.append(ours)
                self._processes.append(process)

    def _dispatch(self) -> None:
        try:
            self._start_processes()
        except Exception as error:  # no fork server, no processes left (ulimit), …
            self._fail(WorkersFailed(f"the worker processes could not start: {error}"))
            return  # raised to the caller by its tasks and by `submit`
        try:
            self._dispatch_until_closed()
        except BaseException as error:  # a fault here must not leave callers waiting for ever
            self._fail(WorkersFailed(f"the workers' dispatcher failed: {error!r}"))
            raise

    def _fail(self, failure: WorkersFailed) -> None:
        """Fail every task not yet done, and every later `submit`, with `failure`."""
        with self._lock:
            self._closing = True
            self._failure = failure
            stranded = [*self._shared, *itertools.chain.from_iterable(self._pinned)]
            stranded += [task for held in self._held for task in held.values()]
            self._shared.clear()
            for pinned in self._pinned:
                pinned.clear()
        for task in stranded:
            task._finish(None, failure)
        self.started.set()  # nobody waits for workers that will not start

    def _dispatch_until_closed(self) -> None:
        while True:
            with self._lock:
                assigned = self._assign()
            # Sent outside the lock: a large task's bytes may take a while to go through the pipe,
            # and a caller submitting meanwhile need not wait for them.
            for worker, task in assigned:
                try:
                    message = _encode((task.serial, task.function, task.args), self._sent[worker])
                    self._connections[worker].send_bytes(message)
                except OSError:
                    self._lost(worker)
                except Exception as error:  # the task would not pickle
                    with self._lock:
                        del self._held[worker][task.serial]
                    task._finish(None, error)
            with self._lock:
                if not self._alive or self._closing:
                    reason = "the workers closed before this task ran" if self._closing else None
                    stranded = [*self._shared, *itertools.chain.from_iterable(self._pinned)]
                    self._shared.clear()
                    for pinned in self._pinned:
                        pinned.clear()
                    for task in stranded:
                        task._finish(
                            None,
                            RuntimeError(reason) if reason else WorkerDied("every worker process has ended"),
                        )
                    if self._closing and not any(self._held[worker] for worker in self._alive):
                        return
                # Every live worker, busy or not: each says when it has started, and one that died
                # idle is noticed.
                live = [self._connections[worker] for worker in self._alive]
            for ready in wait([*live, self._wake_reader]):
                if ready == self._wake_reader:
                    os.read(self._wake_reader, 4096)
                    continue
                assert isinstance(ready, Connection)
                worker = self._connections.index(ready)
                try:
                    serial, ok, value = ready.recv()
                except (EOFError, OSError):
                    self._lost(worker)
                    continue
                if serial is None:  # the worker has started
                    self.started.set()
                    continue
                with self._lock:
                    task = self._held[worker].pop(serial)
                task._finish(value if ok else None, None if ok else value)

    def _lost(self, worker: int) -> None:
        """A worker is gone: the tasks it held fail, those pinned to it go to the others."""
        with self._lock:
            self._alive.discard(worker)
            held = list(self._held[worker].values())
            self._held[worker].clear()
            self._shared.extend(self._pinned[worker])
            self._pinned[worker].clear()
            for pin, owner in list(self._pins.items()):
                if owner == worker:
                    del self._pins[pin]
        for task in held:
            task._finish(
                None,
                WorkerDied(
                    f"worker process {self._processes[worker].pid} ended while it held work (killed, or out of memory?)"
                ),
            )

    def _assign(self) -> list[tuple[int, Task[Any]]]:
        """The tasks each live worker takes next, up to DEPTH held (under the lock)."""
        assigned = []
        for worker in sorted(self._alive):
            held = self._held[worker]
            while len(held) < DEPTH:
                task = self._next_for(worker, idle=not held)
                if task is None:
                    break
                held[task.serial] = task
                assigned.append((worker, task))
        return assigned

    def _next_for(self, worker: int, *, idle: bool) -> Task[Any] | None:
        # Pinned tasks first: in an ingest they are rankings, which the storing transaction waits
        # for, where the files to prepare are wanted only by the next batch.
        mine, shared = self._pinned[worker], self._shared
        if mine:
            return mine.popleft()
        if shared:
            return shared.popleft()
        if idle:  # nothing of its own: another's pinned task rather than waiting
            others = [tasks for tasks in self._pinned if tasks]
            if others:
                return min(others, key=lambda tasks: tasks[0].serial).popleft()
        return None


def _serve(connection: Connection) -> None:
    """A worker: run each task it is sent, in order, until told to stop or its parent is gone."""
    # Ctrl+C reaches the whole process group: the parent stops the workers, which need not stop
    # in the middle of a task and send an interrupted result back.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Tasks are read as they come, by a thread of their own: a worker blocked sending back a large
    # result while its parent is blocked sending it a large task would wait for ever otherwise.
    inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    threading.Thread(target=_read, args=(connection, inbox), daemon=True).start()
    kept: dict[Hashable, object] = {}
    try:
        connection.send((None, True, None))  # started: the parent may count on this worker now
    except (OSError, ValueError):
        return
    while True:
        raw = inbox.get()
        if raw is None:
            return
        message = _decode(raw, kept)
        if message is None:
            return
        serial, function, args = message
        try:
            reply = (serial, True, function(*args))
        except BaseException as error:  # sent back, raised again by the caller
            reply = (serial, False, error)
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return
        except Exception as error:  # a result or error that would not pickle
            connection.send((serial, False, RuntimeError(f"{type(error).__name__}: {error}")))


def _read(connection: Connection, inbox: queue.SimpleQueue[bytes | None]) -> None:
    try:
        while True:
            inbox.put(connection.recv_bytes())
    except (EOFError, OSError):
        inbox.put(None)  # the parent is gone


__all__ = ["DEPTH", "Task", "Tasks", "WorkerDied", "Workers", "WorkersFailed"]
