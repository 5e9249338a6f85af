"""Requests under gunicorn, each beside its floor (issues 10 and 25).

One gunicorn on 127.0.0.1 (`bench.wsgi`: the portal's WSGI application plus bench/floor.py's trivial views),
BENCH_WORKERS processes (default one per core) of BENCH_WORKER_CLASS (default gthread, which keeps wrk's
connections alive: sync closes each) with BENCH_THREADS threads (default 4), `--preload`, DEBUG off,
persistent database connections (CONN_MAX_AGE), no access log. For every figure a bounded wrk run
(BENCH_SECONDS, default 10 s, `-t2 -c32`); BENCH_ROUNDS rounds (default 3) measure every figure in turn, so
each figure and its floor are measured minutes apart at most, under the same load.

Figures: the floors (bench/floor.py: a `SELECT 1` view without middleware, through every middleware, as
JSON like the public API, and inside base.html, anonymous and signed in), the public VIN verification API and page rotating over 1,000 VINs (the
per-address limit on, set above the load: PUBLIC_VERIFY_RATE; signed answers), and the logged-in pages:
an enterprise user's `/vehicles/` list and vehicle detail pages (rotating over its vehicles: each read is
audited), an official's case-work queue (`/casework/`, a second factor verified), each beside the floor
requested with the same session cookie. Each figure: req/s, the gunicorn workers' CPU per request (from
/proc: less sensitive to the other processes' load than the rate) and both as a ratio to the floor of the
same round. The median of the rounds is reported with the range.

Also measured in-process: what signing costs per answer (traceability.signatures.signed over the API's
answers) — the Ed25519 signature and the canonical JSON it signs.
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, report, setup_django, vehicle_count  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "18765"))
WORKERS = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 1))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "gthread")
THREADS = os.environ.get("BENCH_THREADS", "4")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
API_TARGET = 1000
LUA = """
paths = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url}")


def _workers_cpu(server_pid: int) -> float:
    """CPU seconds used so far by gunicorn's workers (Linux /proc)."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    total = 0.0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _proc_cpu(pid) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # ended
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backends_cpu() -> dict[int, float]:
    """CPU seconds of the PostgreSQL backends serving this database, but this process's own (the workers'
    connections: the benchmark database has no other client)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return {pid: _proc_cpu(pid) for (pid,) in cursor.fetchall()}


def _wrk(server_pid: int, paths: list[str], cookie: str | None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(f'"{p}"' for p in paths))
    command = ["wrk", "-t2", "-c32", f"-d{SECONDS}s", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    cpu, db = _workers_cpu(server_pid), _backends_cpu()
    out = subprocess.run([*command, f"http://127.0.0.1:{PORT}"], capture_output=True, text=True,
                         timeout=SECONDS + 60).stdout
    cpu = _workers_cpu(server_pid) - cpu
    db = sum(cpu_now - db.get(pid, 0.0) for pid, cpu_now in _backends_cpu().items())
    os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "cpu_ms": cpu / max(requests, 1) * 1000, "db_cpu_ms": db / max(requests, 1) * 1000, "non_2xx": int(errors.group(1)) if errors else 0,
            "latency": re.search(r"Latency\s+(\S+)", out).group(1)}


def _session_cookie(user, *, device=None) -> str:
    """A signed-in session of `user` as the login leaves it (the second factor passed with `device`)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "portal.auth_backend.PortalBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def signing_cost(vins: list[str]) -> dict:
    """Per answer, in this process: building the summary, and signing it (canonical JSON + Ed25519)."""
    from traceability import selectors, signatures

    summaries = [selectors.public_vehicle_summary(vin) for vin in vins[:20]]  # warm: key, prepared query
    signatures.signed(summaries[0])
    n = min(len(vins), 1000)
    start = time.process_time()
    summaries = [selectors.public_vehicle_summary(vin) for vin in vins[:n]]
    summary_ms = (time.process_time() - start) / n * 1000
    start = time.process_time()
    for summary in summaries:
        signatures.signed(summary)
    sign_ms = (time.process_time() - start) / n * 1000
    key, _key_id, _public = signatures.private_key()
    start = time.process_time()
    for _ in range(n):
        key.sign(b"x" * 600)
    ed25519_ms = (time.process_time() - start) / n * 1000
    return {"summary_ms": summary_ms, "signed_ms": sign_ms, "ed25519_ms": ed25519_ms}


def figures(vins: list[str], enterprise_vins: list[str], cookies: dict) -> list[tuple]:
    """(key, label, paths, cookie, floor key): the floors first, every figure after the floor it is
    compared with."""
    api = [f"/api/v1/public/vehicles/{v}/" for v in vins]
    page = [f"/verify/{v}/" for v in vins]
    return [
        ("bare", "floor: SELECT 1 view, no middleware", ["/_bench/floor/bare/"], None, None),
        ("floor", "floor: SELECT 1 view, every middleware", ["/_bench/floor/"], None, "bare"),
        ("floor_json", "floor: SELECT 1 as JSON (DRF, as the public API)", ["/_bench/floor.json"], None, "floor"),
        ("api", "public VIN verification API", api, None, "floor_json"),
        ("floor_page", "floor: SELECT 1 in base.html (an HTML page's frame)", ["/_bench/floor/page/"], None, "floor"),
        ("page", "public VIN verification page", page, None, "floor"),
        ("floor_ent", "floor: SELECT 1 view, enterprise user signed in", ["/_bench/floor/"], cookies["ent"], "floor"),
        ("floor_page_ent", "floor: SELECT 1 in base.html, enterprise user signed in", ["/_bench/floor/page/"],
         cookies["ent"], "floor_ent"),
        ("ent_list", "enterprise /vehicles/ list", ["/vehicles/"], cookies["ent"], "floor_ent"),
        ("ent_detail", "enterprise vehicle detail (read audited)",
         [f"/vehicles/{v}/" for v in enterprise_vins], cookies["ent"], "floor_ent"),
        ("floor_off", "floor: SELECT 1 view, official signed in (2FA)", ["/_bench/floor/"], cookies["off"], "floor"),
        ("off_queue", "official's case-work queue /casework/", ["/casework/"], cookies["off"], "floor_off"),
    ]


def main() -> None:
    setup_django()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.models import User
    from traceability.models import Vehicle

    vins = list(Vehicle.objects.order_by("?").values_list("vin", flat=True)[:1000])
    enterprise_user = User.objects.filter(username__startswith="bench_ent_").order_by("id").first()
    enterprise_vins = list(Vehicle.objects.filter(enterprise_id=enterprise_user.organisation_id)
                           .order_by("?").values_list("vin", flat=True)[:200])
    officer = User.objects.get(username="bench_officer")
    device = TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    cookies = {"ent": _session_cookie(enterprise_user), "off": _session_cookie(officer, device=device)}
    plan = figures(vins, enterprise_vins, cookies)
    signing = signing_cost(vins)

    env = {**os.environ, "DEBUG": "0", "PORTAL_BENCH_FLOOR": "1",
           # the per-address limit stays on, above the load (wrk's one address)
           "PUBLIC_VERIFY_RATE": os.environ.get("BENCH_PUBLIC_VERIFY_RATE", "100000000/minute")}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "bench.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", WORKERS,
         "-k", WORKER_CLASS, "--threads", THREADS, "--preload", "--error-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    runs: dict[str, list[dict]] = {key: [] for key, *_ in plan}
    try:
        for vin in vins[:20]:  # every worker answers once before the run
            _wait(f"http://127.0.0.1:{PORT}/api/v1/public/vehicles/{vin}/")
        _wait(f"http://127.0.0.1:{PORT}/_bench/floor/")
        for _key, _label, paths, cookie, _floor in plan:  # warm every page in every worker
            _wrk_warm(paths, cookie)
        for round_no in range(ROUNDS):
            load = os.getloadavg()[0]
            for key, _label, paths, cookie, floor in plan:
                result = _wrk(server.pid, paths, cookie)
                result["load"] = load
                if floor is not None:
                    base = runs[floor][round_no]
                    result["rate_ratio"] = result["rate"] / base["rate"]
                    result["cpu_ratio"] = result["cpu_ms"] / base["cpu_ms"]
                    # the logged-in pages against the anonymous floor too
                    if floor in ("floor_ent", "floor_off"):
                        anon = runs["floor"][round_no]
                        result["cpu_ratio_anon"] = result["cpu_ms"] / anon["cpu_ms"]
                runs[key].append(result)
                print(f"  round {round_no + 1} {key:<11} {result['rate']:>8.0f} req/s {result['cpu_ms']:>6.2f} ms CPU"
                      f" (+{result['db_cpu_ms']:.2f} PostgreSQL)"
                      f"  ratio {result.get('rate_ratio', 1):.2f} (CPU {result.get('cpu_ratio', 1):.2f})"
                      f"  non-2xx {result['non_2xx']}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        from django.contrib.sessions.models import Session

        Session.objects.filter(session_key__in=[c.split("=", 1)[1] for c in cookies.values()]).delete()
        device.delete()

    n = vehicle_count()
    gunicorn = f"{WORKERS}x{WORKER_CLASS}/{THREADS}"
    for key, label, _paths, _cookie, floor in plan:
        rows = runs[key]
        rate = statistics.median(r["rate"] for r in rows)
        cpu = statistics.median(r["cpu_ms"] for r in rows)
        extra = {"req_s_range": f"{min(r['rate'] for r in rows):.0f}-{max(r['rate'] for r in rows):.0f}",
                 "cpu_ms_per_request": round(cpu, 2),
                 "cpu_ms_range": f"{min(r['cpu_ms'] for r in rows):.2f}-{max(r['cpu_ms'] for r in rows):.2f}",
                 "postgres_cpu_ms_per_request": round(statistics.median(r["db_cpu_ms"] for r in rows), 2),
                 "non_2xx": sum(r["non_2xx"] for r in rows), "rounds": len(rows), "seconds": SECONDS,
                 "gunicorn": gunicorn, "load": f"{min(r['load'] for r in rows):.1f}-{max(r['load'] for r in rows):.1f}",
                 "vehicles": n}
        target, met = "(floor)", True
        if floor is not None:
            rate_ratio = statistics.median(r["rate_ratio"] for r in rows)
            cpu_ratio = statistics.median(r["cpu_ratio"] for r in rows)
            extra |= {"floor": floor, "rate_vs_floor": round(rate_ratio, 2),
                      "rate_vs_floor_range": f"{min(r['rate_ratio'] for r in rows):.2f}-"
                                             f"{max(r['rate_ratio'] for r in rows):.2f}",
                      "cpu_vs_floor": round(cpu_ratio, 2)}
            if "cpu_ratio_anon" in rows[0]:
                extra["cpu_vs_anonymous_floor"] = round(statistics.median(r["cpu_ratio_anon"] for r in rows), 2)
            if key == "api":
                target, met = f">= {API_TARGET:,} req/s and >= 0.8x floor", rate >= API_TARGET and rate_ratio >= 0.8
                extra |= {k: round(v, 3) for k, v in signing.items()}
            elif key == "page":
                target, met = ">= 0.6x floor", rate_ratio >= 0.6
            elif key in ("ent_list", "ent_detail", "off_queue"):
                target, met = "<= 3x floor CPU", cpu_ratio <= 3
                if key == "ent_list":
                    target += ", >= 300 req/s"
                    met = met and rate >= 300
            met = met and extra["non_2xx"] == 0
        report(label, rate, "req/s", target, met, **extra)


def _wrk_warm(paths: list[str], cookie: str | None) -> None:
    command = ["wrk", "-t2", "-c8", "-d1s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    subprocess.run([*command, f"http://127.0.0.1:{PORT}{paths[0]}"], capture_output=True, timeout=60)


if __name__ == "__main__":
    main()
