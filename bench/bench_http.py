"""Public VIN verification under load: gunicorn on 127.0.0.1 and a bounded wrk run (10 s, 2 threads,
32 connections) against GET /api/v1/public/vehicles/{vin}/ and the page /verify/{vin}/, rotating
over 1,000 VINs. Target: ≥ 1,000 requests/s.

gunicorn: BENCH_WORKERS processes (default one per core) of BENCH_WORKER_CLASS (default gthread, which
keeps wrk's connections alive: sync closes each, 2,000 req/s at most here even for a hello-world app)
with BENCH_THREADS threads (default 4), `--preload`, DEBUG off, persistent database connections
(settings: CONN_MAX_AGE), no access log. 2 x 4 used the least CPU per request of the mixes tried."""

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, report, setup_django  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "18765"))
WORKERS = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 1))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "gthread")
THREADS = os.environ.get("BENCH_THREADS", "4")
TARGET = 1000
LUA = """
vins = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", string.format(path_format, vins[(i %% #vins) + 1]))
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
    """CPU seconds used so far by gunicorn's workers (Linux /proc): a figure the other engineers'
    load does not change much, unlike the rate."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    total = 0.0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def main() -> None:
    setup_django()
    from traceability.models import Vehicle

    vins = list(Vehicle.objects.order_by("?").values_list("vin", flat=True)[:1000])
    env = {**os.environ, "DEBUG": "0"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", WORKERS,
         "-k", WORKER_CLASS, "--threads", THREADS, "--preload", "--error-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for vin in vins[:20]:  # every worker answers once before the run
            _wait(f"http://127.0.0.1:{PORT}/api/v1/public/vehicles/{vin}/")
        for label, path in (("public VIN verification API", "/api/v1/public/vehicles/%s/"),
                            ("public VIN verification page", "/verify/%s/")):
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                script.write(f'path_format = "{path}"\n' + LUA % ", ".join(f'"{v}"' for v in vins))
            cpu = _workers_cpu(server.pid)
            out = subprocess.run(["wrk", "-t2", "-c32", "-d10s", "-s", script.name, f"http://127.0.0.1:{PORT}"],
                                 capture_output=True, text=True, timeout=60).stdout
            cpu = _workers_cpu(server.pid) - cpu
            os.unlink(script.name)
            rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            requests = int(re.search(r"(\d+) requests in", out).group(1))
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            latency = re.search(r"Latency\s+(\S+)", out).group(1)
            report(label, rate, "req/s", f">= {TARGET:,}", rate >= TARGET and not errors,
                   mean_latency=latency, non_2xx=int(errors.group(1)) if errors else 0,
                   gunicorn=f"{WORKERS}x{WORKER_CLASS}/{THREADS}",
                   worker_cpu_ms_per_request=round(cpu / requests * 1000, 2))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
