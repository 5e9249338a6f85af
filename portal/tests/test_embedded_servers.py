"""Issue 17: `make run` on the embedded default — web, worker and beat share one PostgreSQL and one Redis
started from the wheels (portal.embedded), and both servers end with them: Ctrl-C, honcho killed
outright, or the wrapper itself killed outright."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from portal import embedded
from portal.tests.processes import alive, children

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent






def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthz(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:  # noqa: S310 - loopback
            return json.loads(answer.read())
    except (OSError, ValueError) as exc:
        body = getattr(exc, "read", None)
        return json.loads(body()) if body else None


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    """One var/ for the module: the first start runs initdb and the migrations, the others reuse them."""
    return tmp_path_factory.mktemp("embedded-var")


def _start(var_dir: Path) -> tuple[subprocess.Popen, int]:
    """`make run`'s shape (portal.embedded around setup_db_roles and honcho) with nothing configured."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CACHE_KEY_PREFIX", "DATABASE_OWNER_URL",
                          "DATABASE_ADMIN_URL"}}
    env.update(PORTAL_VAR_DIR=str(var_dir), PORTAL_EMBEDDED="1", PORT=str(port), PATH=f"{BIN}:{env['PATH']}",
               CELERY_QUEUE=f"embedded-test-{os.getpid()}", MEDIA_ROOT=str(var_dir / "media"))
    wrapper = subprocess.Popen(
        [sys.executable, "-m", "portal.embedded", "--", "sh", "-c",
         "python manage.py setup_db_roles -v0 && python manage.py setup_schedules -v0 && exec honcho start -f Procfile"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return wrapper, port


def _wait_healthy(wrapper: subprocess.Popen, port: int) -> dict:
    deadline = time.monotonic() + 180
    state = None
    while time.monotonic() < deadline and wrapper.poll() is None:
        state = _healthz(port)
        if state and all(state.get(k) == "ok" for k in ("database", "broker", "worker", "beat")):
            return state
        time.sleep(1)
    raise AssertionError(f"the portal did not come up healthy: {state}")


def _servers_of(wrapper: subprocess.Popen) -> dict[str, int]:
    found = {}
    for pid in children(wrapper.pid):
        command = _command(pid)
        if "pginstall/bin/postgres" in command:
            found["postgres"] = pid
        elif "redis-server" in command:
            found["redis"] = pid
    return found


def _stop_all(wrapper: subprocess.Popen, pids) -> None:
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    if wrapper.poll() is None:
        os.killpg(wrapper.pid, signal.SIGKILL)
        wrapper.wait()


def _honcho(wrapper: subprocess.Popen) -> int:
    for pid in children(wrapper.pid):
        if "honcho" in _command(pid):
            return pid
    raise AssertionError("honcho is not running under the wrapper")


def _stop_by_ctrl_c(wrapper):
    os.killpg(wrapper.pid, signal.SIGINT)  # the terminal sends SIGINT to its foreground group


def _stop_by_killing_honcho(wrapper):
    os.kill(_honcho(wrapper), signal.SIGKILL)


def _stop_by_killing_the_wrapper(wrapper):
    os.kill(wrapper.pid, signal.SIGKILL)


@pytest.mark.parametrize("stop", [_stop_by_ctrl_c, _stop_by_killing_honcho, _stop_by_killing_the_wrapper],
                         ids=["ctrl-c", "honcho-killed", "wrapper-killed"])
def test_web_worker_and_beat_share_one_embedded_server_that_ends_with_them(var_dir, stop):
    wrapper, port = _start(var_dir)
    servers, processes = {}, []
    try:
        state = _wait_healthy(wrapper, port)
        # beat's heartbeat row, read by the web process, and the worker's answer over the broker: one
        # database and one Redis for all three.
        assert state["database_server"].startswith("PostgreSQL 18.")
        assert state["broker_server"].startswith("Redis 6.2")
        servers = _servers_of(wrapper)
        assert set(servers) == {"postgres", "redis"}
        postmasters = [pid for pid in (int(p) for p in os.listdir("/proc") if p.isdigit()) if pid != servers["postgres"]
                       if _command(pid).startswith(str(embedded.postgres_bin() / "postgres"))
                       and str(var_dir) in _command(pid)]
        assert postmasters == [], "a second server on the same data"
        # …connected as the app role that owns nothing (portal.db_roles), never as the superuser.
        import psycopg2

        with psycopg2.connect(host=str(var_dir / "pg"), user="postgres", dbname="postgres") as admin:
            with admin.cursor() as cursor:
                cursor.execute("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'portal'")
                assert [user for (user,) in cursor.fetchall()] == ["portal_app"]
        admin.close()
        processes = [pid for honcho in [_honcho(wrapper)] for pid in children(honcho)]
        assert len(processes) == 3  # web, worker, beat

        stop(wrapper)

        deadline = time.monotonic() + 30
        watched = [*servers.values(), *processes]
        while any(map(alive, watched)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(pid) for pid in servers.values()), "an embedded server outlived make run"
        assert not [_command(pid) for pid in processes if alive(pid)], "a Procfile process outlived make run"
        assert not (var_dir / "pg" / "postmaster.pid").exists() or stop is _stop_by_killing_the_wrapper
    finally:
        _stop_all(wrapper, [*servers.values(), *processes])


def test_a_second_command_uses_the_running_server_and_leaves_it_running(tmp_path):
    """`make backup` beside `make run`: the second wrapper finds the first one's servers."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    with embedded.servers(tmp_path, environ=env) as first:
        second = subprocess.run(
            [sys.executable, "-m", "portal.embedded", "--", "sh", "-c", 'echo "$DATABASE_URL $REDIS_URL"'],
            cwd=ROOT, env={**env, "PORTAL_VAR_DIR": str(tmp_path)}, capture_output=True, text=True, timeout=60,
        )
        assert second.stdout.split() == [first["DATABASE_URL"], first["REDIS_URL"]]
        import psycopg2

        socket_dir = first["DATABASE_URL"].split("@/", 1)[1].rsplit("/", 1)[0]
        psycopg2.connect(host=socket_dir, user="postgres", dbname="portal").close()  # still up
