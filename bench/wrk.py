"""Load a URL with wrk; bench/wrk_report.lua prints the figures as JSON."""

import json
import subprocess
from pathlib import Path

REPORT = Path(__file__).resolve().parent / "wrk_report.lua"


def run(
    url: str,
    duration: int,
    connections: int,
    threads: int = 2,
    timeout: str | None = None,
) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
    if timeout:
        command += ["--timeout", timeout]
    output = subprocess.run(
        [*command, "-s", str(REPORT), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])
