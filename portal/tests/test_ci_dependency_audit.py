"""Issue 22 point 8: the dependency audit says what it really checked — a check that cannot fail is a defect."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("ci_pip_audit", Path(__file__).resolve().parents[2] / ".ci" / "pip_audit.py")
ci_pip_audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ci_pip_audit)

UNREACHABLE = "Dependency not found on PyPI and could not be audited: django (5.2.19)"


def test_when_no_package_could_be_audited_it_says_not_checked_and_does_not_pass():
    code, message = ci_pip_audit.summarise({"dependencies": [{"name": "django", "skip_reason": UNREACHABLE},
                                                             {"name": "celery", "skip_reason": UNREACHABLE}]})
    assert code == ci_pip_audit.NOT_CHECKED != 0
    assert "NOT CHECKED" in message and "0 of 2" in message


def test_a_known_vulnerability_in_an_audited_package_fails_and_is_named():
    code, message = ci_pip_audit.summarise({"dependencies": [
        {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1"}]},
        {"name": "celery", "version": "5.5.3", "vulns": []}]})
    assert code == 1
    assert "django 5.2.0: PYSEC-2025-1" in message


def test_a_clean_audit_passes_and_names_what_was_not_audited():
    code, message = ci_pip_audit.summarise({"dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []}, {"name": "local-pkg", "skip_reason": UNREACHABLE}]})
    assert code == 0
    assert "1 audited" in message and "local-pkg" in message


def test_ci_reports_an_unreachable_service_instead_of_passing_silently():
    run = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert ".ci/pip_audit.py" in run and "NOT RUN" in run
