"""`make run` (honcho + Procfile): every process ends with honcho, even when honcho is killed outright."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRAPPER = ROOT / "scripts" / "with_parent.py"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_every_procfile_command_runs_through_the_parent_death_wrapper():
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip():
            assert line.split(":", 1)[1].strip().startswith("exec python scripts/with_parent.py "), line


@pytest.mark.parametrize("options", [[], ["--signal", "QUIT"]])
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
    assert _alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not _alive(child), "the command outlived its killed parent"
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)
