"""Issue 21: an outsider holding only a published tree head and a dossier PDF proves that the dossier's
events are in the log: `python -m traceability.verify_dossier` with no database, no network, no Django."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from traceability.eventlog import publish_tree_head
from traceability.services import append_event
from traceability.tests.helpers import TODAY, make_ready, register

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
# The verifier run as an outsider would: Django cannot even be imported.
NO_DJANGO = ("import sys; sys.modules['django'] = None; from traceability.verify_dossier import main; "
             "sys.exit(main(sys.argv[1:]))")


def _verify(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", NO_DJANGO, *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin"}, timeout=60)


def _save(path: Path, content) -> Path:
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(json.dumps(content))
    return path


@pytest.fixture
def dossier(api, pilot_user, officials, tmp_path):
    vehicle = make_ready(register(pilot_user), officials)
    make_ready(register(pilot_user), officials)  # another file in the same log
    publish_tree_head()
    anonymous = api(None)
    pdf = api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/dossier/").content
    return {
        "vehicle": vehicle, "pdf": _save(tmp_path / "dossier.pdf", pdf),
        "head": _save(tmp_path / "head.json", anonymous.get("/api/v1/public/tree-heads/latest/").json()),
        "keys": _save(tmp_path / "keys.json", anonymous.get("/api/v1/public/keys/").json()),
    }


def test_a_dossier_verifies_offline_against_the_published_head(dossier):
    result = _verify(dossier["pdf"], "--head", dossier["head"], "--keys", dossier["keys"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"OK {dossier['vehicle'].vin}: all 2 events")


def test_the_pdf_prints_each_events_hash_and_the_head(dossier):
    from portal.pdf import pdf_text

    text = pdf_text(dossier["pdf"].read_bytes()).replace("\n", "")
    head = json.loads(dossier["head"].read_text())
    assert head["root_hash"] in text
    for event in dossier["vehicle"].events.all():
        assert event.hash in text


def test_a_forged_head_or_a_changed_root_is_refused(dossier, tmp_path):
    head = json.loads(dossier["head"].read_text())
    forged = dict(head, root_hash="ab" * 32)
    result = _verify(dossier["pdf"], "--head", _save(tmp_path / "forged.json", forged), "--keys", dossier["keys"])
    assert result.returncode == 1 and "signature does not verify" in result.stdout
    # Without the keys, the other root of the same size is named for what it is.
    result = _verify(dossier["pdf"], "--head", _save(tmp_path / "forged.json", forged))
    assert result.returncode == 1 and "not the same log" in result.stdout


def test_an_event_recorded_after_the_head_is_reported_as_not_yet_proven(api, dossier, pilot_user, tmp_path):
    vehicle = dossier["vehicle"]
    append_event(vehicle, "refurbishment", {"description": "更换轮胎"}, actor=pilot_user, occurred_on=TODAY,
                 today=TODAY)
    pdf = _save(tmp_path / "later.pdf", api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/dossier/").content)
    result = _verify(pdf, "--head", dossier["head"])
    assert result.returncode == 1 and "event 3: recorded after the head, not yet proven" in result.stdout


def test_an_old_dossier_verifies_against_a_later_head_with_a_consistency_proof(api, dossier, pilot_user, officials,
                                                                               tmp_path):
    first = json.loads(dossier["head"].read_text())
    make_ready(register(pilot_user), officials)
    later = publish_tree_head()
    anonymous = api(None)
    head = _save(tmp_path / "later-head.json", anonymous.get("/api/v1/public/tree-heads/latest/").json())
    assert _verify(dossier["pdf"], "--head", head).returncode == 1
    proof = anonymous.get("/api/v1/public/consistency/", {"first": first["tree_size"], "second": later.tree_size})
    result = _verify(dossier["pdf"], "--head", head, "--consistency", _save(tmp_path / "c.json", proof.json()))
    assert result.returncode == 0, result.stdout
