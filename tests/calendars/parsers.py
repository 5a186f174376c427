"""Independent parsers the feeds are read with: Mozilla's ical.js under Node, and vobject."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS_DIR = Path(__file__).resolve().parent.parent / "js"
SCRIPT = JS_DIR / "parse_ics.mjs"


def _missing(reason: str):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} CI=true, so the ical.js tests must run: .ci/run installs it with npm ci.")
    pytest.skip(reason)


def ical_js_events(ics: bytes) -> list[dict]:
    """The VEVENTs as ical.js reads them (start and end as UTC ISO strings)."""
    node = shutil.which("node")
    if node is None:
        _missing("Node is not installed.")
    if not (JS_DIR / "node_modules" / "ical.js").is_dir():
        _missing("ical.js is not installed: run `npm ci` in tests/js.")
    result = subprocess.run(  # noqa: S603 - our own script, our own input
        [node, str(SCRIPT)], input=ics, capture_output=True, cwd=JS_DIR, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)
