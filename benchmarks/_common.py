"""What the benchmark scripts share: the machine's description and docs/benchmarks.md sections."""
from __future__ import annotations

import platform
from pathlib import Path


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (else whatever ``platform`` knows)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or ""


def write_section(path: Path, heading: str, section: str) -> None:
    """Replace the section that starts at ``heading`` (up to the next ``## ``), or append it.

    Each benchmark owns one section of the same file, so a run never erases another's figures.
    """
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = old.find(heading + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + section
    else:
        nxt = old.find("\n## ", start + len(heading))
        new = old[:start] + section + ("\n" + old[nxt + 1:] if nxt >= 0 else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
