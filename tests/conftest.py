"""Shared fixtures: small repositories of curated data built in a temporary directory."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests judge results, never time: a deadline fails on a loaded machine (seen in the
# lowest-versions job: 570 ms on a first call that takes 0.1 ms).
settings.register_profile("ucheck", deadline=None)
settings.load_profile("ucheck")

REPO = Path(__file__).resolve().parent.parent

# Messages are in the language of the locale when neither --lang nor the configuration says: the
# tests read English unless they ask for Chinese, whatever the locale of the machine that runs them.
for _var in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

SEED = textwrap.dedent(
    """\
    河南省总工会工作综述

    近5年来，全省各类创新工作室共取得国家专利1.1万项，创直接经济效益290多万元。

    深入开展劳动关系和谐企业创建活动，覆盖企业15多家。全省19.5万家企业建立集体协商制度。

    参赛人数近20万人。全省20多万名职工参加了竞赛。
    """
)

ARTICLE = textwrap.dedent(
    """\
    article:
      id: demo
      seed: seeds/demo.txt
      title: 河南省总工会工作综述
      region: 河南省
    figures:
      - id: patents
        subject: 创新工作室
        region: 河南省
        metric: patents_granted
        period: 近5年来
        value: 1.1万项
        quote: 全省各类创新工作室共取得国家专利1.1万项
      - id: benefit
        subject: 创新工作室
        region: 河南省
        metric: direct_economic_benefit
        period: 近5年来
        value: 290多万元
        quote: 创直接经济效益290多万元
      - id: harmony-enterprises
        subject: 劳动关系和谐企业创建活动
        region: 河南省
        metric: enterprises_covered
        period: ""
        value: 15多家
        quote: 覆盖企业15多家
    """
)


def write_repo(root: Path, curated: dict[str, str] | None = None, seeds: dict[str, str] | None = None, rules: dict[str, str] | None = None) -> Path:
    for rel, text in {**({"demo.txt": SEED} if seeds is None else seeds)}.items():
        p = root / "seeds" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for rel, text in {**({"demo.yaml": ARTICLE} if curated is None else curated)}.items():
        p = root / "curated" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    for rel, text in (rules or {}).items():
        p = root / "rules" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path)


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run the CLI in-process in a directory; returns (exit status, stdout, stderr)."""
    from ucheck.cli import main

    def run(cwd: Path, *args: str):
        monkeypatch.chdir(cwd)
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def findings_of(out: str) -> list:
    """The findings of a ``--format json`` document (``{"version", "tool", "findings"}``)."""
    import json

    doc = json.loads(out)
    assert doc["version"] == 1 and doc["tool"]["name"] == "ucheck", doc.keys()
    return doc["findings"]
