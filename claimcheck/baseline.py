"""Baselines: record the findings a team has accepted, then report only new ones.

A baseline file is JSON: `{"claimcheck_baseline": 1, "findings": [{"fingerprint", "code",
"subject"}, ...]}`, sorted by fingerprint, one entry per fingerprint, no dates, so that it diffs
cleanly in version control. Only fingerprints are compared; `code` and `subject` are there for the
people reading the file. A plain JSON list of fingerprints is read too.
"""

from __future__ import annotations

import json
from pathlib import Path

from .fileio import write_atomic
from .models import Report, Summary
from .safeyaml import ConfigError

FORMAT_VERSION = 1


def read_fingerprints(path: str | Path) -> set[str]:
    """The fingerprints recorded in a baseline file (ConfigError if it is missing or malformed)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(path, f"malformed baseline JSON: {exc.msg} (line {exc.lineno})") from None
    entries = data.get("findings") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ConfigError(path, "a baseline holds a list of findings", key="findings")
    out: set[str] = set()
    for i, e in enumerate(entries):
        fp = e.get("fingerprint") if isinstance(e, dict) else e
        if not isinstance(fp, str) or not fp:
            raise ConfigError(path, "each entry needs a fingerprint string", key=f"findings[{i}]")
        out.add(fp)
    return out


def apply_baseline(report: Report, path: str | Path) -> Report:
    """The report without the findings whose fingerprints are in the baseline (summary recounted)."""
    known = read_fingerprints(path)
    kept = [f for f in report.findings if f.fingerprint not in known]
    by_sev = {s: 0 for s in report.summary.by_severity} or {"error": 0, "warning": 0, "info": 0}
    for f in kept:
        by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
    summary = Summary(articles=report.summary.articles, claims=report.summary.claims, findings=len(kept),
                      by_severity=by_sev, skipped=report.summary.skipped)
    return report.model_copy(update={"findings": kept, "summary": summary})


def baseline_text(report: Report) -> str:
    """The baseline file for a report's current findings: sorted, stable JSON."""
    entries: dict[str, dict[str, str | None]] = {}
    for f in report.findings:
        if f.fingerprint:
            entries.setdefault(f.fingerprint, {"fingerprint": f.fingerprint, "code": f.code,
                                               "subject": f.subject})
    doc = {"claimcheck_baseline": FORMAT_VERSION, "findings": [entries[k] for k in sorted(entries)]}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_baseline(report: Report, path: str | Path) -> None:
    """Record the report's findings in a baseline file (written atomically)."""
    write_atomic(path, baseline_text(report))
