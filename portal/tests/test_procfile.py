"""`make run` (honcho + Procfile): every process ends with honcho, even when honcho is killed outright."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal.tests.processes import alive, children

ROOT = Path(__file__).resolve().parents[2]
WRAPPER = ROOT / "scripts" / "with_parent.py"




def test_every_procfile_command_runs_through_the_parent_death_wrapper():
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip():
            assert line.split(":", 1)[1].strip().startswith("exec python scripts/with_parent.py "), line


@pytest.mark.parametrize("options", [[], ["--signal", "QUIT"], ["--signal", "KILL"]])
def test_a_command_ends_when_its_parent_is_killed_with_sigkill(options):
    # A parent (standing in for honcho) starts the wrapped command, prints its pid and waits.
    parent_code = (
        "import subprocess, sys; "
        f"child = subprocess.Popen([sys.executable, {str(WRAPPER)!r}, *{options!r}, 'sleep', '120']); "
        "print(child.pid, flush=True); child.wait()"
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    time.sleep(0.5)  # the wrapper has set the death signal and exec'd sleep
    assert alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not alive(child), "the command outlived its killed parent"
    finally:
        if alive(child):
            os.kill(child, signal.SIGKILL)




def test_the_procfile_worker_ends_when_honcho_is_killed_during_its_warm_shutdown(tmp_path):
    """The Procfile's own worker line: honcho's SIGTERM starts a warm shutdown while the worker is still
    starting, then honcho is killed outright (the newcomer check's `kill -9`). The worker and its pool
    processes must be gone within seconds (once, a worker told QUIT on top of it waited on a lock for good)."""
    line = next(cmd for name, _, cmd in (row.partition(":") for row in (ROOT / "Procfile").read_text().splitlines())
                if name == "worker")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
           "CELERY_QUEUE": f"procfile-test-{os.getpid()}"}
    parent_code = (
        "import subprocess, sys; "
        f"child = subprocess.Popen(['sh', '-c', {line.strip()!r}], cwd={str(ROOT)!r}); "
        "print(child.pid, flush=True); child.wait()"
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE, text=True, env=env,
                              stderr=subprocess.DEVNULL)
    worker = int(parent.stdout.readline())
    deadline = time.monotonic() + 60
    while not children(worker) and time.monotonic() < deadline:  # the pool is forked early in the start
        time.sleep(0.05)
    pool = children(worker)
    assert pool, "the worker did not start its pool"
    try:
        os.kill(worker, signal.SIGTERM)  # honcho passes Ctrl-C / TERM on
        time.sleep(0.3)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(map(alive, [worker, *pool])) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(alive, [worker, *pool])), "the worker outlived honcho"
    finally:
        for pid in [worker, *pool]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
