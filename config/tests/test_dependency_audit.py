"""The CI dependency audit (.ci/audit.py) tells a finding from an unreachable advisory service.

The audit itself needs the advisory services; these tests feed its verdicts
the answers pip-audit and npm audit give in each case.
"""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"


@pytest.fixture(scope="module")
def audit():
    spec = importlib.util.spec_from_file_location("ci_audit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pip_answer(*dependencies) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_pip_audit_that_could_look_up_nothing_is_unreachable_not_clean(audit):
    skipped = {"name": "django", "version": "5.2.19", "skip_reason": "Dependency not found on PyPI"}

    outcome, lines = audit.pip_verdict(0, pip_answer(skipped), "")

    assert outcome == "unreachable"
    assert lines == ["pip-audit: advisory database not reachable (no package could be looked up)"]


def test_pip_audit_without_an_answer_is_unreachable(audit):
    outcome, lines = audit.pip_verdict(
        1, "", "Traceback …\nrequests.exceptions.ConnectionError: connection refused\n"
    )

    assert outcome == "unreachable"
    assert "advisory database not reachable" in lines[0]
    assert "ConnectionError" in lines[0]


def test_pip_audit_finding_fails_and_names_the_fix(audit):
    clean = {"name": "pillow", "version": "13.0.0", "vulns": []}
    found = {
        "name": "django",
        "version": "5.2.0",
        "vulns": [{"id": "PYSEC-2026-1", "fix_versions": ["5.2.19"]}],
    }

    outcome, lines = audit.pip_verdict(1, pip_answer(clean, found), "")

    assert outcome == "vulnerable"
    assert "pip-audit: django 5.2.0: PYSEC-2026-1 (fixed in 5.2.19)" in lines


def test_pip_audit_clean_lists_what_it_could_not_look_up(audit):
    clean = {"name": "pillow", "version": "13.0.0", "vulns": []}
    local = {"name": "mylib", "version": "1.0", "skip_reason": "not on PyPI"}

    outcome, lines = audit.pip_verdict(0, pip_answer(clean, local), "")

    assert outcome == "ok"
    assert lines == [
        "pip-audit: not looked up: mylib",
        "pip-audit: 1 packages, no known vulnerabilities",
    ]


def test_npm_audit_endpoint_refused_is_unreachable(audit):
    answer = json.dumps(
        {
            "message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk"
        }
    )

    outcome, lines = audit.npm_verdict(1, answer, "npm error audit endpoint returned an error")

    assert outcome == "unreachable"
    assert lines[0].startswith("npm audit: advisory database not reachable (405 Method Not Allowed")


@pytest.mark.parametrize(
    ("counts", "outcome"),
    [
        ({"info": 0, "low": 0, "moderate": 0, "high": 0, "critical": 0, "total": 0}, "ok"),
        ({"info": 0, "low": 2, "moderate": 0, "high": 0, "critical": 0, "total": 2}, "ok"),
        ({"info": 0, "low": 0, "moderate": 1, "high": 0, "critical": 0, "total": 1}, "vulnerable"),
        ({"info": 0, "low": 0, "moderate": 0, "high": 0, "critical": 1, "total": 1}, "vulnerable"),
    ],
)
def test_npm_audit_fails_from_moderate_findings(audit, counts, outcome):
    answer = json.dumps({"vulnerabilities": {}, "metadata": {"vulnerabilities": counts}})

    assert audit.npm_verdict(0, answer, "")[0] == outcome
