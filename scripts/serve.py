"""The web process of `make run`: gunicorn when a database server is configured, else runserver.

Prints the URL and the demo logins so that a newcomer knows where to go.
"""

import os
import sys

port = os.environ.get("PORT", "8000")
password = os.environ.get("DEMO_PASSWORD", "Taiyuan-Demo-2026")
print(f"\n  Portal: http://127.0.0.1:{port}/   (API docs: http://127.0.0.1:{port}/api/docs/)", flush=True)
print("  Demo logins: pilot_demo, applicant_demo, bureau_demo, bureau_head_demo, expert1_demo..expert3_demo,", flush=True)
print(f"               police_demo, customs_demo, inspector_demo, auditor_demo — password {password}\n", flush=True)
os.execvp(
    sys.executable,
    [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
)
