"""Outputs never destroy inputs and are never half-written (issue 11, items 12, 13, 16)."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys



def digest(root):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*"))
            if p.is_file() and ".ucheck_cache" not in p.relative_to(root).parts}  # the load cache is no input


def test_report_refuses_to_write_over_what_it_reads(repo, run_cli):
    before = digest(repo)
    for target in ("curated/demo.yaml", "seeds/demo.txt", "curated/new.yaml"):
        code, _, err = run_cli(repo, "report", "--output-file", target)
        assert code == 2 and "refusing to write" in err and "which ucheck reads" in err, err
    assert digest(repo) == before


def test_draft_refuses_to_overwrite_its_seed_even_with_force(repo, run_cli):
    before = digest(repo)
    code, _, err = run_cli(repo, "draft", "seeds/demo.txt", "-o", "seeds/demo.txt", "--force")
    assert code == 2 and "refusing to write" in err
    code, _, err = run_cli(repo, "draft", "seeds/demo.txt", "-o", "curated/demo.yaml", "--force")
    assert code == 2 and "refusing to write" in err  # an existing curated file is data, --force or not
    assert digest(repo) == before
    code, _, err = run_cli(repo, "draft", "seeds/demo.txt", "-o", "curated/new-draft.yaml")
    assert code == 0 and (repo / "curated" / "new-draft.yaml").is_file(), err  # a new curated file: the workflow


def test_output_is_written_whole_with_ordinary_permissions(repo, run_cli, tmp_path):
    out = tmp_path / "out" / "report.json"
    code, _, err = run_cli(repo, "report", "--format", "json", "--output-file", str(out))
    assert code == 2 and "does not exist" in err  # a missing directory: one line, no traceback
    out.parent.mkdir()
    code, _, err = run_cli(repo, "report", "--format", "json", "--output-file", str(out))
    assert code == 0 and out.read_text(encoding="utf-8").startswith("{")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]  # no temporary file left behind


def test_a_full_standard_output_is_one_line(repo):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "ucheck", "report"], cwd=repo, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == "ucheck: error: cannot write standard output: No space left on device", done.stderr
