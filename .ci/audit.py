"""Dependency audit for CI: known vulnerabilities in the pinned Python and npm packages.

Runs ``pip-audit`` over constraints.txt (every pinned Python package) and
``npm audit`` over package-lock.json. A known vulnerability fails the build.
When an advisory service does not answer (no internet, a registry mirror
without the audit endpoint) the audit prints one clear line saying so and
does not fail the build for that reason alone.

Usage: .venv/bin/python .ci/audit.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNREACHABLE = "advisory database not reachable"
# npm severities that fail the build; "low" and "info" are printed only.
NPM_FAILING = ("moderate", "high", "critical")
TIMEOUT_SECONDS = 180


def pip_verdict(returncode: int, stdout: str, stderr: str) -> tuple[str, list[str]]:
    """("ok" | "vulnerable" | "unreachable", lines to print) from pip-audit's JSON answer.

    pip-audit says "no known vulnerabilities" even when it could look up
    nothing (every package skipped as "not found"): that is unreachable.
    """
    try:
        report = json.loads(stdout)
    except ValueError:
        return "unreachable", [f"pip-audit: {UNREACHABLE} ({_last_line(stderr)})"]
    dependencies = report.get("dependencies", [])
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    if dependencies and not audited:
        return "unreachable", [f"pip-audit: {UNREACHABLE} (no package could be looked up)"]
    lines = [
        f"pip-audit: {dep['name']} {dep['version']}: {vuln['id']} (fixed in "
        f"{', '.join(vuln.get('fix_versions', [])) or 'no release yet'})"
        for dep in audited
        for vuln in dep.get("vulns", [])
    ]
    skipped = [dep["name"] for dep in dependencies if "skip_reason" in dep]
    if skipped:
        lines.append(f"pip-audit: not looked up: {', '.join(skipped)}")
    if any(dep.get("vulns") for dep in audited):
        return "vulnerable", lines
    return "ok", [*lines, f"pip-audit: {len(audited)} packages, no known vulnerabilities"]


def npm_verdict(returncode: int, stdout: str, stderr: str) -> tuple[str, list[str]]:
    """The same for ``npm audit --json``: its metadata counts findings per severity."""
    try:
        report = json.loads(stdout)
    except ValueError:
        return "unreachable", [f"npm audit: {UNREACHABLE} ({_last_line(stderr)})"]
    counts = report.get("metadata", {}).get("vulnerabilities")
    if counts is None:
        error = report.get("error")
        summary = error.get("summary") if isinstance(error, dict) else None
        reason = report.get("message") or summary or _last_line(stderr)
        return "unreachable", [f"npm audit: {UNREACHABLE} ({reason})"]
    found = {severity: n for severity, n in counts.items() if severity != "total" and n}
    lines = [
        f"npm audit: {name}: {advisory.get('severity')}"
        for name, advisory in report.get("vulnerabilities", {}).items()
    ]
    if any(found.get(severity) for severity in NPM_FAILING):
        return "vulnerable", lines
    summary = ", ".join(f"{n} {severity}" for severity, n in found.items()) or "none"
    return "ok", [*lines, f"npm audit: no vulnerabilities that fail the build (found: {summary})"]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no answer"


def _run(command: list[str]) -> tuple[int, str, str]:
    try:
        done = subprocess.run(  # noqa: S603 - fixed commands of this script
            command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        return 1, "", f"no answer within {TIMEOUT_SECONDS} s"
    return done.returncode, done.stdout, done.stderr


def main() -> int:
    pip_audit = str(Path(sys.executable).parent / "pip-audit")
    checks = [
        (
            pip_verdict,
            [
                pip_audit,
                "-r",
                "constraints.txt",
                "--no-deps",
                "--disable-pip",
                "-f",
                "json",
                "--progress-spinner",
                "off",
            ],
        ),
        (npm_verdict, ["npm", "audit", "--json", "--package-lock-only"]),
    ]
    failed = False
    for verdict, command in checks:
        outcome, lines = verdict(*_run(command))
        print("\n".join(lines))
        failed = failed or outcome == "vulnerable"
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
