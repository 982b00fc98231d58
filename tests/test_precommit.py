"""The pre-commit hook (.pre-commit-hooks.yaml), run with the real `pre-commit try-repo`.

pre-commit builds the hook's own virtual environment and pip-installs this repository into it (with
pandas and pandera from the package index), so the end-to-end test is marked slow: the quick run,
``pytest -m "not slow"``, skips it; CI runs everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ARTICLE, REPO, SEED, write_repo
from test_packaged_rules import copy_checkout

CLEAN_ARTICLE = ARTICLE.replace("value: 290多万元\n", "value: 290多亿元\n").replace("quote: 创直接经济效益290多万元", "quote: 创直接经济效益290多亿元").replace(
    "value: 15多家\n", "value: 150多家\n").replace("quote: 覆盖企业15多家", "quote: 覆盖企业150多家")
CLEAN_SEED = SEED.replace("290多万元", "290多亿元").replace("15多家", "150多家")
OTHER_SEED = "全省职工技能竞赛\n\n参赛人数近20万人。\n"
OTHER = textwrap.dedent(
    """\
    article: {id: contest, seed: seeds/other.txt, title: 全省职工技能竞赛, region: 河南省}
    figures:
      - {id: contestants, subject: 职工技能竞赛, region: 河南省, metric: participants, period: 2018, value: 近20万人, quote: 参赛人数近20万人}
    """
)


def test_hook_definition():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "ucheck"]
    assert hook["language"] == "python" and hook["types"] == ["yaml"]
    assert hook["require_serial"] is True and hook.get("pass_filenames", True) is True
    assert hook["entry"] == "ucheck check"


def test_files_passed_restrict_what_is_reported_not_what_is_loaded(tmp_path, run_cli):
    """What the hook relies on: `ucheck check FILES` loads all of curated/ and reports only the
    findings located in FILES (and in the seeds of their articles)."""
    # the same head-count printed as 近20万人 (other.yaml) and 20多万人 (demo.yaml): no value is both
    demo = CLEAN_ARTICLE + "  - {id: contestants, subject: 职工技能竞赛, region: 河南省, metric: participants, period: 2018, value: 20多万名, quote: 全省20多万名职工参加了竞赛}\n"
    root = write_repo(tmp_path, curated={"demo.yaml": demo, "other.yaml": OTHER}, seeds={"demo.txt": CLEAN_SEED, "other.txt": OTHER_SEED})
    code, out, _ = run_cli(root, "check")
    assert code == 1 and "UC301" in out
    located = out.split(":", 1)[0]
    unlocated = ({"curated/demo.yaml", "curated/other.yaml"} - {located}).pop()
    # passing only the file where the restatement is located: found, although the figure it
    # contradicts is in the other file (the whole corpus was loaded)
    code, out, _ = run_cli(root, "check", located)
    assert code == 1 and "UC301" in out
    # passing only the other file: the finding is located elsewhere, not reported
    code, out, _ = run_cli(root, "check", unlocated)
    assert (code, out) == (0, "All checks passed\n")
    # a changed rule file reports everything
    (root / "rules").mkdir()
    (root / "rules" / "extra.yaml").write_text("rules: []\n", encoding="utf-8")
    code, out, _ = run_cli(root, "check", "rules/extra.yaml")
    assert code == 1 and "UC301" in out


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env, check=True,
                   capture_output=True, timeout=120)


@pytest.mark.slow
def test_pre_commit_try_repo_passes_on_good_data_and_fails_on_a_bad_figure(tmp_path):
    pytest.importorskip("pre_commit")
    hook_repo = copy_checkout(tmp_path / "ucheck")
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "commit", "-q", "-m", "ucheck under test")

    data = write_repo(tmp_path / "data", curated={"demo.yaml": CLEAN_ARTICLE, "other.yaml": OTHER},
                      seeds={"demo.txt": CLEAN_SEED, "other.txt": OTHER_SEED})
    _git(data, "init", "-q")
    _git(data, "add", "-A")
    _git(data, "commit", "-q", "-m", "curated data")

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    env.pop("PYTHONPATH", None)

    def try_repo(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "ucheck", "--verbose", *args],
                              cwd=data, env=env, capture_output=True, text=True, timeout=1500)

    good = try_repo("--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "ucheck" in good.stdout and "Passed" in good.stdout

    # a bad figure: 15多家 (a non-zero digit before 多), staged as a commit would be
    bad = CLEAN_ARTICLE + "  - {id: bad, subject: 企业, region: 河南省, metric: enterprises_covered, period: '', value: 15多家, quote: 覆盖企业150多家}\n"
    (data / "curated" / "demo.yaml").write_text(bad, encoding="utf-8")
    _git(data, "add", "curated/demo.yaml")
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "curated/demo.yaml:" in failed.stdout and "UC101" in failed.stdout and "15多家" in failed.stdout

    # the files passed decide what is reported: the unchanged file alone passes
    other_only = try_repo("--files", "curated/other.yaml")
    assert other_only.returncode == 0, other_only.stdout + other_only.stderr
