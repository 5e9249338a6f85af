"""Run pip-audit and say what it really checked (issue 22 point 8).

pip-audit lists a package it could not look up as "skipped" and still exits 0, so on a network
without the PyPI advisory service it passed while checking nothing. Here:
- a known vulnerability in an audited package fails (exit 1);
- when the service could not be reached (no package audited) it says so plainly and exits 3 —
  "not checked", never "passed"; .ci/run reports it, and fails on it when PIP_AUDIT_REQUIRED=1;
- a partial audit names how many packages were and were not checked.
Usage: python .ci/pip_audit.py PIP_AUDIT_EXECUTABLE [extra pip-audit arguments]
"""

import json
import subprocess
import sys

NOT_CHECKED = 3


def summarise(report: dict) -> tuple[int, str]:
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = [d for d in deps if not d.get("skip_reason")]
    vulnerable = [d for d in audited if d.get("vulns")]
    if vulnerable:
        lines = [f"  {d['name']} {d.get('version', '')}: " + ", ".join(v["id"] for v in d["vulns"]) for d in vulnerable]
        return 1, f"pip-audit: {len(vulnerable)} vulnerable package(s) of {len(audited)} audited:\n" + "\n".join(lines)
    if deps and not audited:
        reason = skipped[0]["skip_reason"] if skipped else ""
        return NOT_CHECKED, (f"pip-audit: NOT CHECKED — the advisory service could not be reached; 0 of {len(deps)} "
                             f"packages audited (first reason: {reason})")
    note = f"; {len(skipped)} not audited: " + ", ".join(d["name"] for d in skipped) if skipped else ""
    return 0, f"pip-audit: no known vulnerabilities in {len(audited)} audited packages{note}"


def main(argv: list[str]) -> int:
    command = [argv[1], "--format", "json", "--progress-spinner", "off", *argv[2:]]
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 - our own command line
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        print(f"pip-audit: NOT CHECKED — it gave no report (exit {result.returncode}):\n{result.stderr[-2000:]}")
        return NOT_CHECKED
    if not report.get("dependencies") and result.returncode != 0:
        print(f"pip-audit: NOT CHECKED — it failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
        return NOT_CHECKED
    code, message = summarise(report)
    print(message)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
