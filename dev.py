#!/usr/bin/env python3
"""The two commands of Almanac's README, needing nothing but Python 3.11+.

    python3 dev.py run    # venv, dependencies, migrations, demo data, serve :8000
    python3 dev.py test   # venv, dependencies, the whole test suite

Everything else is passed on: `python3 dev.py test -k week` or
`python3 dev.py run --port 8001`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("ALMANAC_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".almanac-installed"


def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "requirements.lock"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the pinned dependencies when they changed."""
    if sys.version_info < (3, 11):
        sys.exit("Almanac needs Python 3.11 or newer; this is " + sys.version.split()[0])
    if not (BIN / "python").exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = _requirements_digest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    print("Installing the pinned dependencies ...", flush=True)
    subprocess.run(
        [BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", ROOT / "requirements.lock", "-e", f"{ROOT}[dev]"],
        check=True,
    )
    STAMP.write_text(digest)


def run(args: list[str]) -> int:
    almanac = [str(BIN / "python"), "-m", "almanac"]
    subprocess.run([*almanac, "migrate", "--no-input", "-v", "0"], check=True)
    subprocess.run([*almanac, "demo"], check=True)
    return subprocess.call([*almanac, "serve", *args])


def test(args: list[str]) -> int:
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT)


def main() -> int:
    commands = {"run": run, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    ensure_environment()
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
