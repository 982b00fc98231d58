"""Installs as users make them: the lowest versions pyproject.toml allows, and the newest ones.

CI installs from requirements/lock.txt, so a new release cannot turn it red; these two jobs are how
we learn that a release (or a declared minimum) breaks users. Each copies the checkout, installs it
into a new virtual environment without the lock, runs the gate on the bundled data and the quick
test suite. They need the package index, as the install does, and take minutes: marked slow.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

from test_packaged_rules import copy_checkout


def declared_minimums() -> list[str]:
    """``name==minimum`` for every dependency and test extra of pyproject.toml (each must have one)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for req in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*", req)
        assert m, f"{req!r}: declare every dependency with a tested minimum (name>=version)"
        pins.append(f"{m.group(1)}=={m.group(2)}")
    return pins


def test_every_dependency_declares_a_minimum():
    assert {p.split("==")[0].lower() for p in declared_minimums()} >= {"pandas", "pandera", "pyyaml", "numpy"}


def install_and_test(tmp_path: Path, *pip_args: str) -> str:
    """Copy the checkout, install it with ``pip_args`` into a new venv, run the gate and the quick
    tests there; returns what pip installed (for the log)."""
    repo = copy_checkout(tmp_path / "repo")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = str(venv / "bin" / "python")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run([py, "-m", "pip", "install", "--quiet", *pip_args], cwd=repo, env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    versions = subprocess.run([py, "-m", "pip", "freeze", "--exclude-editable"], env=env, capture_output=True, text=True).stdout
    print(versions)
    gate = subprocess.run([str(venv / "bin" / "ucheck"), "check"], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert gate.returncode == 0, gate.stdout[-3000:] + gate.stderr[-3000:]
    tests = subprocess.run([py, "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider"],
                           cwd=repo, env=env, capture_output=True, text=True, timeout=1800)
    assert tests.returncode == 0, tests.stdout[-5000:] + tests.stderr[-3000:]
    return versions


@pytest.mark.slow
def test_lowest_declared_versions_work(tmp_path):
    versions = install_and_test(tmp_path, *declared_minimums(), "-e", ".[test]")
    for pin in declared_minimums():
        assert pin.lower().replace("_", "-") in versions.lower().replace("_", "-"), (pin, versions)


@pytest.mark.slow
def test_newest_versions_work(tmp_path):
    install_and_test(tmp_path, "--upgrade", "--upgrade-strategy", "eager", "-e", ".[test]")
