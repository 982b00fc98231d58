"""The standard rule library travels with the package (``ucheck.stdrules``, built from rules/).

A data repository with only curated/ and seeds/ gets this repository's rules and metric vocabulary;
its own rules/ adds rules and metrics, and replaces a packaged rule that has the same code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, write_repo

from ucheck.paths import packaged_rules_dir

LOCAL_RULES = textwrap.dedent(
    """\
    metrics:
      volunteers:
        kind: count
        units: [人, 名]
        zh: 志愿者人数
        en: volunteers
    rules:
      - code: UC401
        name: benefit-per-patent-implausible
        kind: relation
        severity: error
        bind: {benefit: direct_economic_benefit, patents: patents_granted}
        match_on: [article, region, subject, period]
        assert: benefit / patents >= 1000
        summary: Benefit per patent below 1,000 元 (this repository makes it an error).
        rationale: Overridden by code in the data repository.
      - code: UC901
        name: volunteers-without-unit-ren
        kind: literal
        severity: warning
        when: metric == 'volunteers' and unit != '人'
        summary: Volunteers are counted in 人 in this repository.
        rationale: A house rule of the data repository.
    """
)
VOLUNTEERS = "  - {id: vol, subject: 职工, region: 河南省, metric: volunteers, period: '', value: 20多万名, quote: 全省20多万名职工参加了竞赛}\n"


def copy_checkout(dest: Path) -> Path:
    """The working tree of this repository (uncommitted changes included) without build debris."""
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "dist", "__pycache__", "*.egg-info", ".pytest_cache", ".hypothesis", "*.pyc")
    shutil.copytree(REPO, dest, ignore=ignore)
    return dest


def data_repo_without_rules(root: Path) -> Path:
    root = write_repo(root)
    assert sorted(p.name for p in root.iterdir()) == ["curated", "seeds"]
    return root


def test_packaged_rules_are_this_repositorys_rules():
    std = packaged_rules_dir()
    assert sorted(p.name for p in std.glob("*.yaml")) == sorted(p.name for p in (REPO / "rules").glob("*.yaml"))
    assert (std / "metrics.yaml").is_file()


def test_data_repository_without_rules_gets_the_standard_library(tmp_path, run_cli):
    root = data_repo_without_rules(tmp_path / "data")
    code, out, err = run_cli(root, "check")
    assert code == 1, err
    assert "UC401 [warning]" in out  # a relation of the packaged library, on the packaged vocabulary
    assert "UC101 [warning]" in out
    assert "UC004" not in out  # every metric of the fixture is in the packaged metrics.yaml
    code, out, _ = run_cli(root, "rules", "--format", "json")
    listed = {r["code"] for r in json.loads(out)}
    assert {"UC101", "UC401", "UC501"} <= listed


def test_local_rules_add_and_override_by_code(tmp_path, run_cli):
    article = ARTICLE + VOLUNTEERS
    root = write_repo(tmp_path / "data", curated={"demo.yaml": article}, rules={"house.yaml": LOCAL_RULES})
    code, out, err = run_cli(root, "check")
    assert code == 1, err
    assert "UC401 [error]" in out and "UC401 [warning]" not in out  # replaced by code
    assert "UC901 [warning]" in out  # the added rule fires, on the added metric
    assert "UC004" not in out  # the added metric is known
    assert "UC101 [warning]" in out  # the other packaged rules still run
    code, out, _ = run_cli(root, "rule", "UC401")
    assert "rules/house.yaml" in out and "this repository makes it an error" in out
    code, out, _ = run_cli(root, "rules", "--format", "json")
    rules = {r["code"]: r for r in json.loads(out)}
    assert rules["UC401"]["severity"] == "error" and "UC901" in rules and "UC101" in rules


def _clean_env():
    # PYTHONPATH would put a checkout's src/ ahead of the installed wheel in the fresh venv
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    return env


def _run(cmd, **kw):
    kw.setdefault("env", _clean_env())
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kw)


@pytest.mark.slow
def test_wheel_carries_the_rules_and_works_when_installed(tmp_path):
    """Build the wheel, install it (not editable) into a fresh virtual environment and run it on a
    data repository that has no rules/ of its own, then on one that adds and overrides rules."""
    src = copy_checkout(tmp_path / "src")
    wheels = tmp_path / "wheels"
    r = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check", "-w", str(wheels), str(src)])
    assert r.returncode == 0, r.stderr
    (wheel,) = wheels.glob("ucheck-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    expected = {f"ucheck/stdrules/{p.name}" for p in (REPO / "rules").glob("*.yaml")}
    assert expected and expected <= names, sorted(expected - names)
    assert "ucheck/stdrules/__init__.py" in names

    venv = tmp_path / "venv"
    r = _run([sys.executable, "-m", "venv", str(venv)])
    assert r.returncode == 0, r.stderr
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    py = bindir / ("python.exe" if os.name == "nt" else "python")
    r = _run([str(py), "-m", "pip", "install", "--no-deps", "--quiet", "--disable-pip-version-check", str(wheel)])
    assert r.returncode == 0, r.stderr
    # The dependencies (pandas, pandera …) come from this test's environment, after the venv's own
    # site-packages: the ucheck imported is the wheel's.
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True, env=_clean_env()).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "zz_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    where = _run([str(py), "-c", "import ucheck.stdrules as s, ucheck; print(ucheck.__file__); print(list(s.__path__)[0])"])
    assert where.returncode == 0, where.stderr
    for line in where.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(venv.resolve()), f"{line} is not the installed wheel"

    ucheck = str(bindir / "ucheck")
    env = _clean_env()
    data = data_repo_without_rules(tmp_path / "data")
    r = _run([ucheck, "check"], cwd=data, env=env)
    assert r.returncode == 1, r.stderr
    assert "UC401 [warning]" in r.stdout and "UC101 [warning]" in r.stdout and "UC004" not in r.stdout

    own = write_repo(tmp_path / "own", curated={"demo.yaml": ARTICLE + VOLUNTEERS}, rules={"house.yaml": LOCAL_RULES})
    r = _run([ucheck, "check"], cwd=own, env=env)
    assert r.returncode == 1, r.stderr
    assert "UC401 [error]" in r.stdout and "UC901 [warning]" in r.stdout and "UC004" not in r.stdout
