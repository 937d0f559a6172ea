"""The worker processes of `accord ingest --jobs N`: results in order, errors raised again, pinned
tasks kept on one worker, large tasks and results both ways without a deadlock, and a worker that
dies failing its own tasks rather than hanging the caller."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from accord.services import worker_processes
from accord.services.worker_processes import SentOnce, Tasks, WorkerDied, Workers, WorkersFailed
from tests.held_start import FailedStart, HeldStart


def _square(n: int) -> int:
    return n * n


def _fail(message: str) -> None:
    raise ValueError(message)


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _echo_bytes(payload: bytes) -> bytes:
    return payload[::-1]


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture
def workers() -> Iterator[Workers]:
    started = Workers(multiprocessing.get_context("forkserver"), 2)
    yield started
    started.terminate()


def _within(seconds: float, run: Tasks[object]) -> list[object]:
    """`run.get()`, failing the test rather than hanging it when the results never come."""
    box: list[list[object]] = []
    thread = threading.Thread(target=lambda: box.append(run.get()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert box, f"no results after {seconds} s: the workers are stuck"
    return box[0]


def test_results_come_back_in_the_order_submitted(workers: Workers) -> None:
    assert workers.map(_square, [(n,) for n in range(50)]) == [n * n for n in range(50)]


def test_an_error_in_a_task_is_raised_by_its_result_and_the_workers_go_on(workers: Workers) -> None:
    failing = workers.submit(_fail, ("bad file: line 3",))
    with pytest.raises(ValueError, match="bad file: line 3"):
        failing.get()
    assert workers.submit(_square, (7,)).get() == 49


def test_a_pins_tasks_stay_on_one_worker_while_both_have_work(workers: Workers) -> None:
    tasks = {pin: [] for pin in ("a", "b")}  # type: dict[str, list]
    for _ in range(20):
        for pin in tasks:
            tasks[pin].append(workers.submit(_pid_after, (0.02,), pin=pin))
    pids = {pin: Counter(task.get() for task in found) for pin, found in tasks.items()}
    (a_pid, a_count), (b_pid, b_count) = (pids[pin].most_common(1)[0] for pin in ("a", "b"))
    assert a_pid != b_pid, "the two pins share one worker"
    # A worker left idle at the very end may take the other's last task: most stay.
    assert a_count >= 17 and b_count >= 17, pids


def test_large_tasks_and_results_both_ways_do_not_deadlock() -> None:
    # Each result fills the pipe back while the next task fills the pipe there: a worker that read
    # its next task only after sending its result would wait on its parent, and its parent on it.
    one = Workers(multiprocessing.get_context("forkserver"), 1)
    try:
        payload = os.urandom(3_000_000)
        run = Tasks([one.submit(_echo_bytes, (payload,)) for _ in range(6)])
        assert _within(60, run) == [payload[::-1]] * 6
    finally:
        one.terminate()


def test_a_worker_that_dies_fails_its_task_and_the_other_goes_on(workers: Workers) -> None:
    dying = workers.submit(_die, ())
    with pytest.raises(WorkerDied):
        dying.get()
    assert _within(60, Tasks([workers.submit(_square, (n,)) for n in range(5)])) == [0, 1, 4, 9, 16]


def test_closing_waits_for_what_the_workers_hold_then_stops_them() -> None:
    started = Workers(multiprocessing.get_context("forkserver"), 2)
    task = started.submit(_pid_after, (0.2,))
    time.sleep(0.05)  # sent to a worker before closing
    started.close()
    assert task.get() > 0
    with pytest.raises(RuntimeError, match="closed"):
        started.submit(_square, (2,))


def test_with_every_worker_gone_a_task_fails_rather_than_waits() -> None:
    one = Workers(multiprocessing.get_context("forkserver"), 1)
    try:
        with pytest.raises(WorkerDied):
            one.submit(_die, ()).get()
        run = Tasks([one.submit(_square, (3,), pin="a"), one.submit(_square, (4,))])
        box: list[BaseException] = []

        def collect() -> None:
            try:
                run.get()
            except WorkerDied as error:
                box.append(error)

        thread = threading.Thread(target=collect, daemon=True)
        thread.start()
        thread.join(30)
        assert box, "a task submitted with no worker left was neither run nor failed"
    finally:
        one.close()


class _Kept(SentOnce):
    """Counts, in the worker that keeps it, the tasks it was sent with."""

    __slots__ = ("key", "visits")

    def __init__(self, key: int) -> None:
        self.key = key
        self.visits = 0

    @property
    def sent_key(self) -> int:
        return self.key

    def __reduce__(self) -> tuple[type[_Kept], tuple[int]]:
        return _Kept, (self.key,)


def _visit(*kept: _Kept) -> list[int]:
    for each in kept:
        each.visits += 1
    return [each.visits for each in kept]


def test_an_object_sent_once_is_kept_by_the_worker_and_sent_again_by_key(workers: Workers) -> None:
    first, second = _Kept(1), _Kept(2)
    assert workers.submit(_visit, (first, first), pin="a").get() == [2, 2]  # one object there too
    assert workers.submit(_visit, (first, second), pin="a").get() == [3, 1]
    assert workers.submit(_visit, (second,), pin="a").get() == [2]


def test_past_the_limit_a_worker_forgets_and_objects_are_sent_whole_again(
    workers: Workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_processes, "KEPT", 3)
    objects = [_Kept(n) for n in range(4)]
    assert workers.submit(_visit, tuple(objects[:3]), pin="a").get() == [1, 1, 1]
    assert workers.submit(_visit, (objects[0],), pin="a").get() == [1]  # forgotten, then sent whole
    assert workers.submit(_visit, (objects[0], objects[3]), pin="a").get() == [2, 1]


def test_a_task_that_does_not_pickle_leaves_its_objects_unsent(workers: Workers) -> None:
    kept = _Kept(7)
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        workers.submit(_visit, (kept, lambda: None), pin="a").get()
    # Had the failed task counted the object as sent, the worker would now be asked for one it lacks.
    assert workers.submit(_visit, (kept,), pin="a").get() == [1]


def test_workers_say_when_they_have_started_without_being_given_work() -> None:
    started = Workers(multiprocessing.get_context("forkserver"), 2)
    try:
        assert started.started.wait(60), "no worker said it had started"
        assert started.map(_square, [(3,)]) == [9]
    finally:
        started.close()


def test_the_caller_goes_on_while_the_workers_start_and_what_it_submitted_runs_once_they_have() -> None:
    go = threading.Event()
    made: list[Workers] = []
    maker = threading.Thread(target=lambda: made.append(Workers(HeldStart(go), 2)), daemon=True)  # type: ignore[arg-type]
    maker.start()
    maker.join(10)
    assert made, "making the workers waited for their processes to start"
    workers = made[0]
    try:
        early = Tasks([workers.submit(_square, (n,)) for n in range(4)])
        assert not workers.started.is_set()
        go.set()
        assert _within(60, early) == [0, 1, 4, 9]
        assert workers.started.is_set()
    finally:
        workers.close()


def test_closing_workers_that_never_started_does_not_hang() -> None:
    go = threading.Event()
    workers = Workers(HeldStart(go), 1)  # type: ignore[arg-type]
    closer = threading.Thread(target=workers.terminate, daemon=True)
    closer.start()
    go.set()
    closer.join(30)
    assert not closer.is_alive(), "terminate hung on workers that were starting"


def test_workers_that_cannot_start_fail_their_tasks_and_later_submits_with_the_reason() -> None:
    go = threading.Event()
    workers = Workers(FailedStart(go), 2)  # type: ignore[arg-type]
    try:
        early = workers.submit(_square, (3,))
        go.set()
        assert workers.started.wait(30), "the caller would wait for ever for workers that cannot start"
        # its tasks fail before `started` is set: nothing waits for ever
        with pytest.raises(WorkersFailed, match=r"could not start: .*Resource temporarily unavailable"):
            early.get()
        with pytest.raises(WorkersFailed, match="could not start"):
            workers.submit(_square, (4,))
    finally:
        workers.close()
