"""Run a command of the Procfile so that it ends with honcho, even when honcho is killed outright.

    python scripts/with_parent.py [--signal QUIT] celery -A portal worker …

Ctrl-C reaches every process through honcho; a SIGKILL of honcho does not, and a Celery worker
would outlive it. On Linux the kernel sends the command a signal when its parent dies (prctl
PR_SET_PDEATHSIG, kept across exec): SIGTERM, or the one named. The worker takes KILL: a warm shutdown
that honcho's SIGTERM began may be what hangs, and so may Celery's cold shutdown (QUIT) on top of it
(seen: a worker told TERM while starting, then QUIT, waited on a lock for good); its pool processes
end with it (Celery gives them PDEATHSIG KILL), and a task in flight is lost either way.
Elsewhere the command simply runs.
"""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def main(argv: list[str]) -> None:
    death_signal = signal.SIGTERM
    if argv[:1] == ["--signal"]:
        death_signal, argv = signal.Signals[f"SIG{argv[1].upper()}"], argv[2:]
    if death_signal not in (signal.SIGKILL, signal.SIGSTOP):
        signal.signal(death_signal, signal.SIG_DFL)  # an ignored signal stays ignored across exec
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, death_signal)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the death signal was set
        sys.exit(0)
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
