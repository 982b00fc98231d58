"""Issue 11, items 14, 17, 19 and 20 (part): every input ucheck reads is bounded, and a run that
could read nothing says so instead of passing.

* a curated or rules directory that cannot be listed, or a run that finds no curated file, is an
  error naming the directory (exit 2): a gate that checked nothing must not pass;
* rules files, the configuration and the seed of ``ucheck draft`` are read as curated files are:
  regular files only, at most 10 MB (UCHECK_MAX_FILE_MB), with a bounded read;
* a curated file that is a symbolic link out of the repository is refused (UC001), as a seed is
  (UC008); ``draft -o`` does not replace a symbolic link, dangling or not, without ``--force``;
* a NUL byte is reported at its line and column, counted in characters, not bytes.

The cases that would block or exhaust memory without the bounds (a FIFO, ``/dev/zero``) run in a
child process with a time and memory limit.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLE, SEED, findings_of, write_repo
from ucheck.load import yamlsafe

RULE = """\
rules:
  - code: UC901
    name: probe
    kind: literal
    summary: a probe
    rationale: a test
    pattern: "多"
"""


def child(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m ucheck ARGS`` in ``root`` with 60 s and 2 GB of address space at most."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    try:
        return subprocess.run([sys.executable, "-m", "ucheck", *args], cwd=root, capture_output=True, text=True,
                              timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"ucheck {' '.join(args)} did not finish in {timeout} s")


def no_internal_error(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


def unlistable(monkeypatch, directory: Path) -> None:
    """As ``chmod 000 DIR`` for a user who is not root: listing it raises PermissionError (the tests
    run as root here, who may list anything)."""
    real = os.scandir
    target = os.path.realpath(directory)

    def scandir(path="."):
        if os.path.realpath(os.fspath(path)) == target:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


# -- item 14: nothing read is not a pass -------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "report"])
def test_a_curated_directory_that_cannot_be_listed_is_an_error(repo, run_cli, monkeypatch, command):
    unlistable(monkeypatch, repo / "curated")
    code, out, err = run_cli(repo, command)
    assert code == 2, (code, out, err)
    assert err.startswith("ucheck: error: curated: cannot be listed (Permission denied)"), err
    no_internal_error(err)


def test_a_rules_directory_that_cannot_be_listed_is_an_error(tmp_path, run_cli, monkeypatch):
    root = write_repo(tmp_path, rules={"local.yaml": RULE})
    unlistable(monkeypatch, root / "rules")
    code, out, err = run_cli(root, "check")
    assert code == 2, (code, out, err)
    assert err.startswith("ucheck: error: rules: cannot be listed (Permission denied)"), err
    no_internal_error(err)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may list a directory of mode 000")
@pytest.mark.parametrize("directory", ["curated", "rules"])
def test_chmod_000_for_real(tmp_path, run_cli, directory):
    root = write_repo(tmp_path, rules={"local.yaml": RULE})
    (root / directory).chmod(0)
    try:
        code, _, err = run_cli(root, "check")
    finally:
        (root / directory).chmod(0o755)
    assert code == 2 and f"{directory}: cannot be listed" in err, err


@pytest.mark.parametrize("command, args", [("check", ()), ("report", ()), ("coverage", ()), ("check", ("curated",))])
def test_no_curated_file_at_all_is_an_error(tmp_path, run_cli, command, args):
    """An empty curated/ (or one holding only other files) checks nothing: exit 2, not a clean 0."""
    root = write_repo(tmp_path, curated={})
    (root / "curated").mkdir()
    (root / "curated" / "notes.txt").write_text("not a curated file", encoding="utf-8")
    code, out, err = run_cli(root, command, *args)
    assert code == 2, (code, out, err)
    assert err == "ucheck: error: curated: no curated file (*.yaml, *.yml) in it: nothing to check\n", err


# -- item 17: rules files, configuration and draft seeds are bounded ---------------------------------

def test_a_rules_file_that_is_dev_zero_is_refused(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    root = write_repo(tmp_path, rules={"local.yaml": RULE})
    (root / "rules" / "x.yaml").symlink_to("/dev/zero")
    r = child(root, "check")
    assert r.returncode == 2, r
    assert r.stderr == "ucheck: error: rules/x.yaml:1: not a regular file (a directory, device or pipe): not read\n", r.stderr


def test_a_fifo_in_rules_does_not_block(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs")
    root = write_repo(tmp_path, rules={"local.yaml": RULE})
    os.mkfifo(root / "rules" / "x.yaml")
    r = child(root, "check")
    assert r.returncode == 2, r
    assert "rules/x.yaml:1: not a regular file" in r.stderr, r.stderr


def test_a_rules_file_above_the_limit_is_refused(tmp_path, run_cli, monkeypatch):
    root = write_repo(tmp_path, rules={"local.yaml": RULE + "#" * (300 << 10) + "\n"})
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 200 << 10)  # above every packaged rules file
    code, out, err = run_cli(root, "check")
    assert code == 2, (code, out, err)
    assert err.startswith("ucheck: error: rules/local.yaml:1: file too large: 0.3 MB, above the limit of 0.2 MB"), err


def test_a_rules_file_that_cannot_be_read_is_an_error(tmp_path, run_cli, monkeypatch):
    root = write_repo(tmp_path, rules={"local.yaml": RULE})
    real = os.open

    def refuse(path, flags, *a, **kw):
        if os.fspath(path).endswith("local.yaml"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", refuse)
    code, out, err = run_cli(root, "check")
    assert (code, err) == (2, "ucheck: error: rules/local.yaml:1: cannot be read: Permission denied\n"), (code, out, err)


def test_a_region_population_literal_is_bounded_like_a_curated_literal(tmp_path, run_cli):
    """The parser's time grows with a literal's length (quadratically on a run of 万): a rules file
    is held to the bound of curated literals (100 characters)."""
    regions = f"regions:\n  某市: {{parent: 河南省, level: city, population: {{value: 一{'万' * 5000}人, year: 2020, source: s}}}}\n"
    root = write_repo(tmp_path, rules={"regions.yaml": regions})
    code, out, err = run_cli(root, "check")
    assert code == 2, (code, out, err)
    assert err.startswith("ucheck: error: rules/regions.yaml:2: region '某市': population '一万万万"), err
    assert "(5,002 characters): longer than any figure as printed (at most 100)" in err, err


def test_configuration_is_read_with_the_bound(repo, run_cli, monkeypatch):
    (repo / "ucheck.toml").write_text('format = "concise"\n' + "#" * (300 << 10) + "\n", encoding="utf-8")
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 200 << 10)  # above every packaged rules file
    code, out, err = run_cli(repo, "check")
    assert code == 2, (code, out, err)
    assert err.startswith("ucheck: error: ucheck.toml: file too large"), err


def test_a_configuration_that_is_not_a_regular_file_is_refused(repo):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    r = child(repo, "check", "--config", "/dev/zero")
    assert r.returncode == 2 and "/dev/zero: not a regular file" in r.stderr, r
    os.mkfifo(repo / "ucheck.toml")
    r = child(repo, "check")
    assert (r.returncode, r.stderr) == (2, "ucheck: error: ucheck.toml: not a regular file (a directory, device or pipe): not read\n"), r


def test_draft_reads_its_seed_with_the_bound(repo, run_cli, monkeypatch):
    (repo / "seeds" / "demo.txt").write_text(SEED + "。" * (100 << 10), encoding="utf-8")  # 300 KB
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 200 << 10)  # above every packaged rules file
    code, out, err = run_cli(repo, "draft", "seeds/demo.txt")
    assert (code, out) == (2, ""), (code, err)
    assert err.startswith("ucheck: error: seeds/demo.txt:1: file too large:"), err


def test_draft_refuses_a_seed_that_is_not_a_regular_file(repo):
    os.mkfifo(repo / "seeds" / "pipe.txt")
    r = child(repo, "draft", "seeds/pipe.txt")
    assert (r.returncode, r.stderr) == (2, "ucheck: error: seeds/pipe.txt:1: not a regular file (a directory, device or pipe): not read\n"), r


def test_draft_bounds_the_literals_it_parses(repo, run_cli):
    """A seed printing a run of thousands of 万 is a mention as long; the draft's parse of it is
    bounded as a curated literal's is (a run of 256,000 took minutes: the parser is quadratic on it)."""
    (repo / "seeds" / "wan.txt").write_text("标题\n\n全省共有一" + "万" * 3000 + "人参加。\n", encoding="utf-8")
    code, out, err = run_cli(repo, "draft", "seeds/wan.txt")
    assert code == 0, err
    assert "parse error: cannot parse quantity '一万万万万万万万万万万万万万万万万万万万'… (3,002 characters): longer than any figure as printed (at most 100)" in out


def test_every_caller_of_the_parser_is_bounded_by_it():
    """The bound lives in the parser (one definition): a stated-rule quota, which reaches the parser
    through the quota kind and no other check, is refused as a curated value is."""
    from ucheck.numbers.quantity import MAX_LITERAL_CHARS, LiteralTooLong, parse, parse_cached

    assert MAX_LITERAL_CHARS == 100
    for fn in (parse, parse_cached):
        with pytest.raises(LiteralTooLong, match=r"\(256,001 characters\): longer than any figure as printed \(at most 100\)"):
            fn("前" + "万" * 256_000)


def test_read_bytes_checks_the_open_file_not_the_name(tmp_path, monkeypatch):
    """The file is opened first and its descriptor examined: a name swapped for a FIFO between a
    check and the read cannot block (no stat-then-read)."""
    os.mkfifo(tmp_path / "pipe")
    real = os.stat

    def stat(path, *a, **kw):
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(os.fspath(tmp_path)):
            raise AssertionError(f"os.stat of the name {path}")
        return real(path, *a, **kw)

    monkeypatch.setattr(os, "stat", stat)
    with pytest.raises(yamlsafe.YamlProblem, match="not a regular file"):
        yamlsafe.read_bytes(tmp_path / "pipe")
    (tmp_path / "f.yaml").write_bytes(b"a: 1\n")
    assert yamlsafe.read_bytes(tmp_path / "f.yaml") == b"a: 1\n"


# -- item 19: symbolic links ------------------------------------------------------------------------

def outside_file(tmp_path: Path, name: str, text: str) -> Path:
    out = tmp_path.parent / f"{tmp_path.name}-outside" / name
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def test_a_curated_file_that_links_out_of_the_repository_is_refused(tmp_path, run_cli):
    root = write_repo(tmp_path / "repo")
    secret = outside_file(tmp_path, "secret.yaml", ARTICLE.replace("id: demo", "id: secret"))
    (root / "curated" / "evil.yaml").symlink_to(secret)
    code, out, err = run_cli(root, "check", "--format", "json")
    assert code == 1, err
    import json

    findings = findings_of(out)
    evil = [f for f in findings if f["file"] == "curated/evil.yaml"]
    assert [(f["code"], f["line"], f["message"]) for f in evil] == [
        ("UC001", 1, "a symbolic link to a file outside the repository: not read")]
    assert not any(f["article"] == "secret" or "outside" in f["file"] for f in findings), findings


def test_a_curated_link_inside_the_repository_is_read(tmp_path, run_cli):
    root = write_repo(tmp_path)
    (root / "shared").mkdir()
    (root / "shared" / "other.yaml").write_text(ARTICLE.replace("id: demo", "id: other"), encoding="utf-8")
    (root / "curated" / "other.yaml").symlink_to(root / "shared" / "other.yaml")
    code, out, err = run_cli(root, "check", "--format", "json")
    import json

    assert code == 1 and {f["article"] for f in findings_of(out)} == {"demo", "other"}, (out, err)


@pytest.mark.parametrize("dangling", [True, False])
def test_draft_does_not_replace_a_symbolic_link_without_force(tmp_path, run_cli, dangling):
    root = write_repo(tmp_path / "repo")
    target = tmp_path / "elsewhere.yaml"
    if not dangling:
        target.write_text("kept\n", encoding="utf-8")
    (root / "curated" / "new.yaml").symlink_to(target)
    code, out, err = run_cli(root, "draft", "seeds/demo.txt", "-o", "curated/new.yaml")
    assert code == 2, (code, err)
    assert err == "ucheck: error: curated/new.yaml exists (a symbolic link): not overwritten (use --force)\n", err
    assert (root / "curated" / "new.yaml").is_symlink()
    assert target.exists() == (not dangling) and (dangling or target.read_text(encoding="utf-8") == "kept\n")
    # with --force the link itself is replaced by the draft: nothing is written where it pointed
    code, out, err = run_cli(root, "draft", "seeds/demo.txt", "-o", "curated/new.yaml", "--force")
    assert code == 0, err
    assert not (root / "curated" / "new.yaml").is_symlink() and "article:" in (root / "curated" / "new.yaml").read_text(encoding="utf-8")
    assert target.exists() == (not dangling) and (dangling or target.read_text(encoding="utf-8") == "kept\n")


# -- item 20: a NUL byte at its line ----------------------------------------------------------------

def test_a_nul_byte_after_chinese_text_is_reported_at_its_line_and_column():
    text = "article:\n  id: 河南省总工会工作综述\n  title: 全省各类创新工作室\x00共取得\n"
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.load(text)
    assert (exc.value.line, exc.value.column) == (3, 19), (exc.value.line, exc.value.column)
    assert "#x0000" in str(exc.value)
    assert text.splitlines()[2][18] == "\x00"


def test_a_nul_byte_in_a_curated_file_through_the_gate(tmp_path, run_cli):
    text = ARTICLE.replace("title: 河南省总工会工作综述", "title: 河南省总工会工作综述\x00")
    root = write_repo(tmp_path, curated={"demo.yaml": ARTICLE.replace("id: demo", "id: good"), "nul.yaml": text})
    code, out, err = run_cli(root, "check")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "\x00" in l)
    assert line == 4
    assert f"curated/nul.yaml:4:{text.splitlines()[3].index(chr(0)) + 1}: UC001 " in out, out
