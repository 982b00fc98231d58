"""The source distribution is complete: its tests collect and its gate runs from it alone.

It is built as a user (or a distribution packager) builds it — ``python -m build --sdist`` in an
isolated environment, which needs the package index as the install does: marked slow.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import REPO

from test_packaged_rules import copy_checkout


def _collected(out: str) -> int:
    m = re.search(r"(\d+) tests? collected", out)
    assert m, out[-2000:]
    return int(m.group(1))


@pytest.mark.slow
def test_the_sdist_carries_what_its_tests_read(tmp_path):
    repo = copy_checkout(tmp_path / "repo")
    built = subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path / "dist"), str(repo)],
                           capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (archive,) = (tmp_path / "dist").glob("ucheck-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
        tar.extractall(tmp_path / "unpacked", filter="data")
    for needed in ("LICENSE", "README.md", "tests/conftest.py", "tests/data/peer_exact_cases.jsonl", "tests/report/golden/report.sarif",
                   "requirements/lock.txt", ".pre-commit-hooks.yaml", "rules/links.yaml", "benchmarks/generate_corpus.py"):
        assert needed in names, needed
    for folder in ("curated", "seeds"):
        shipped = sorted(n for n in names if n.startswith(folder + "/"))
        assert shipped == sorted(f"{folder}/{p.name}" for p in (REPO / folder).iterdir()), folder
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)

    (root,) = (tmp_path / "unpacked").iterdir()
    args = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    there = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=600)
    assert there.returncode == 0 and "error" not in there.stdout.lower().split("collected")[-1], there.stdout[-3000:] + there.stderr[-2000:]
    here = subprocess.run(args, cwd=repo, capture_output=True, text=True, timeout=600)
    assert _collected(there.stdout) == _collected(here.stdout)
    gate = subprocess.run([sys.executable, "-m", "ucheck", "check"], cwd=root, capture_output=True, text=True, timeout=600)
    assert gate.returncode == 0, gate.stdout[-2000:] + gate.stderr[-2000:]
