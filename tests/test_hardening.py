"""Anything a user can throw at the gate (issue 6, part 1), end to end through the command line.

Every case asserts: a clear message naming the file and the line; exit status 1 for a bad *data*
file (a finding, and the other files are still checked: the good article's UC401 is reported) and
2 only for a configuration error (a broken rule file); no traceback; no input file changed. The
cases that could crash the interpreter, block, or take unbounded time or memory run in a
subprocess, with a time limit and the child's peak memory measured.

Decisions (documented in src/ucheck/yamlsafe.py and corpus.py):

* an empty curated file (or one holding only comments) is a finding UC002 "empty file" at line 1;
* a curated or seed file above 10 MB (UCHECK_MAX_FILE_MB) is a finding "file too large", not read:
  composing 50 MB of YAML would take ~1.9 GB; 10 MB is 350 times the largest curated article;
* nesting deeper than 64 levels is refused before libyaml's recursive composer sees it;
* aliases may re-expand at most 100,000 nodes; an alias inside its own anchor is refused;
* a number too large for a float is UC006 (literal-unparseable), never an OverflowError.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import ARTICLE, SEED, findings_of, write_repo

GOOD = "curated/demo.yaml"


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".ucheck_cache" not in p.relative_to(root).parts  # the load cache is no input
    }


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def check(run_cli):
    """``ucheck check`` in-process: (stdout, stderr), with the invariants of every case asserted."""

    def run(root: Path, *args: str, expect: int = 1):
        before = snapshot(root)
        code, out, err = run_cli(root, "check", *args)
        assert snapshot(root) == before, "an input file was changed"
        assert "Traceback" not in out + err and "internal error" not in err, err
        assert code == expect, (code, out, err)
        return out, err

    return run


def data_case(tmp_path: Path, name: str, content, seeds: dict | None = None) -> Path:
    """A repository with the good demo article and one more curated file."""
    return write_repo(tmp_path, curated={"demo.yaml": ARTICLE, name: content},
                      seeds={"demo.txt": SEED, **(seeds or {})})


def assert_located(out: str, file: str, line: int, code: str, fragment: str):
    hits = [l for l in out.splitlines() if l.startswith(f"{file}:{line}:") and f" {code} " in l]
    assert hits and any(fragment in h for h in hits), f"no {code} '{fragment}' at {file}:{line} in:\n{out}"
    # the other files are still checked
    assert any(l.startswith(f"{GOOD}:") and " UC401 " in l for l in out.splitlines()), out


def run_ucheck(root: Path, *args: str, timeout: float = 120, env: dict | None = None):
    """``python -m ucheck check`` as a child: (status, stdout, stderr, wall seconds, its peak RSS MB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "ucheck", "check", *args], cwd=root, stdout=out, stderr=err,
                                env={**os.environ, **(env or {})})
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own resource usage
        finally:
            timer.cancel()
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if wall >= timeout:
            pytest.fail(f"ucheck check did not finish in {timeout} s")
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read().decode("utf-8"), err.read().decode("utf-8"), wall, usage.ru_maxrss / 1024


# -- malformed YAML ---------------------------------------------------------------------------------

@pytest.mark.parametrize("content, line, fragment", [
    ("article:\n  id: [x\nfigures: 1\n", 3, "did not find expected ',' or ']'"),
    ("article:\n  id: x\n  title: 'unterminated\n", 4, "found unexpected end of stream"),
    ("article: {id: x\n", 2, "did not find expected ',' or '}'"),
    ("article:\n\tid: x\n", 2, "found character that cannot start any token"),
    ("---\narticle: {id: a}\n---\narticle: {id: b}\n", 3, "expected a single document"),
    ("article:\n  id: x\n  title: \"bad \\q escape\"\n", 3, "unknown escape character"),
    ("article:\n  id: x\u0007\n", 2, "character #x0007 is not allowed"),
    ("article:\n  id: x\n  title: \x00\n", 3, "character #x0000 is not allowed"),
])
def test_invalid_yaml_is_a_finding_at_its_line(tmp_path, check, content, line, fragment):
    root = data_case(tmp_path, "bad.yaml", content)
    out, _ = check(root)
    hits = [l for l in out.splitlines() if l.startswith("curated/bad.yaml:")]
    assert len(hits) == 1 and "invalid YAML" in hits[0], out
    assert_located(out, "curated/bad.yaml", line, "UC001", fragment)


@pytest.mark.parametrize("data, line, column", [
    ("article:\n  id: x\n  title: \xe9\n".encode("latin-1"), 3, 10),
    ("article:\n  id: x\n  title: 河南\n".encode("utf-8") + b"\xff\xfe\n", 4, 1),
    ("article:\n  title: 河南省总工会".encode("utf-8")[:-1] + b"\n", 2, 15),  # a character cut in half
    ("article: {id: x}\n".encode("utf-16"), 1, 1),  # UTF-16 with its BOM
    ("article: {id: x}\n".encode("gbk") + "  title: 河南\n".encode("gbk"), 2, 10),
])
def test_not_utf8_is_a_finding_at_the_first_bad_byte(tmp_path, check, data, line, column):
    root = data_case(tmp_path, "bad.yaml", data)
    out, _ = check(root)
    assert_located(out, "curated/bad.yaml", line, "UC001", "not UTF-8")
    assert f"curated/bad.yaml:{line}:{column}: UC001" in out


def test_bom_is_dropped_and_the_lines_stay_right(tmp_path, check):
    """A UTF-8 BOM, in a curated file and in its seed, is not a problem and moves no line."""
    text = ARTICLE.replace("id: demo", "id: bom").replace("seeds/demo.txt", "seeds/bom.txt")
    root = data_case(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + text.encode("utf-8"),
                     seeds={"bom.txt": "\ufeff" + SEED})
    out, _ = check(root)
    assert "curated/bom.yaml" in out and "UC001" not in out and "UC501" not in out, out
    benefit = text.splitlines().index("  - id: benefit") + 1
    assert f"curated/bom.yaml:{benefit}:5: UC401" in out
    import json

    found = next(f for f in findings_of(check(root, "--format", "json")[0]) if f["code"] == "UC401" and f["article"] == "bom")
    assert {r["id"]: r["seed_line"] for r in found["figures"]} == {"benefit": 3, "patents": 3}  # the BOM moved no seed line


# -- YAML that tries to build objects ---------------------------------------------------------------

@pytest.mark.parametrize("tagged", [
    "!!python/object/apply:os.system ['touch pwned']",
    "!!python/object/new:os.system ['touch pwned']",
    "!!python/object:__main__.Evil {x: 1}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch pwned']",
    "!!set {a, b}",
    "!local-tag value",
])
def test_tags_that_build_objects_are_refused(tmp_path, check, tagged):
    content = f"article:\n  id: evil\n  title: {tagged}\n"
    root = data_case(tmp_path, "evil.yaml", content)
    out, _ = check(root)
    assert_located(out, "curated/evil.yaml", 3, "UC001", "is not allowed")
    assert not (root / "pwned").exists()


# -- duplicate keys, aliases, nesting --------------------------------------------------------------

@pytest.mark.parametrize("content, needle, first", [
    ("article: {id: a}\narticle: {id: b}\n", "article: {id: b}", 1),
    (ARTICLE.replace("    value: 290多万元\n", "    value: 290多万元\n    value: 290多亿元\n").replace("id: demo", "id: dup"),
     "value: 290多亿元", None),
    ("article: {id: a, id: b}\n", "article", 1),
])
def test_duplicate_keys_are_a_finding_at_the_second(tmp_path, check, content, needle, first):
    root = data_case(tmp_path, "dup.yaml", content)
    out, _ = check(root)
    line = line_of(content, needle) if needle != "article" else 1
    first = first or line_of(content, "value: 290多万元")
    assert_located(out, "curated/dup.yaml", line, "UC001", f"(first on line {first})")


def test_alias_bomb_is_refused_quickly_at_the_alias(tmp_path, check):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]  # 10^10 nodes
    content = "\n".join(lines) + "\n"
    root = data_case(tmp_path, "bomb.yaml", content)
    out, _ = check(root)  # the refusal is the bound: 10^10 nodes are never built (timings: benchmarks/hostile.py)
    hits = [l for l in out.splitlines() if l.startswith("curated/bomb.yaml:")]
    assert len(hits) == 1 and "aliases expand to more than 100,000 nodes" in hits[0], out
    line = int(hits[0].split(":")[1])
    assert 2 <= line <= 10 and "*a" in content.splitlines()[line - 1]  # the line of an alias
    assert_located(out, "curated/bomb.yaml", line, "UC001", "alias bomb")


@pytest.mark.parametrize("content, line, fragment", [
    ("article: &a {id: x, self: *a}\n", 1, "refers to its own anchor"),
    ("a: &x [1, *x]\n", 1, "refers to its own anchor"),
    ("base: &b {id: x}\narticle:\n  <<: *b\n", 3, "merge keys"),
])
def test_recursive_aliases_and_merge_keys(tmp_path, check, content, line, fragment):
    root = data_case(tmp_path, "alias.yaml", content)
    out, _ = check(root)
    assert_located(out, "curated/alias.yaml", line, "UC001", fragment)


def test_legitimate_aliases_still_work(tmp_path, check):
    text = ARTICLE.replace("id: demo", "id: aliased").replace("    region: 河南省\n    metric: patents_granted",
                                                              "    region: &r 河南省\n    metric: patents_granted")
    text = text.replace("    region: 河南省\n    metric: direct_economic_benefit", "    region: *r\n    metric: direct_economic_benefit")
    root = data_case(tmp_path, "aliased.yaml", text)
    out, _ = check(root)
    assert "curated/aliased.yaml" in out and " UC401 " in out.split("curated/aliased.yaml", 1)[1] and "UC001" not in out


def deep_cases() -> dict[str, str]:
    return {
        "flow.yaml": "article:\n  id: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "flowmap.yaml": "article: " + "{a: " * 100_000 + "}" * 100_000 + "\n",
        "unclosed.yaml": "article:\n  title: " + "[" * 200_000 + "\n",
        "compact.yaml": "article:\n  id: x\nfigures:\n" + "  " + "- " * 100_000 + "x\n",
        "indent.yaml": "article:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 400)) + " " * 400 + "v\n",
    }


@pytest.fixture(scope="module")
def deep_run(tmp_path_factory):
    """One child process over every deeply nested file (libyaml's composer recurses in C: a
    segmentation fault, not an exception, if a file reached it unchecked)."""
    root = tmp_path_factory.mktemp("deep")
    write_repo(root, curated={"demo.yaml": ARTICLE, **deep_cases()})
    before = snapshot(root)
    result = run_ucheck(root, timeout=120)
    assert snapshot(root) == before
    return result


@pytest.mark.parametrize("name, line", [("flow.yaml", 2), ("flowmap.yaml", 1), ("unclosed.yaml", 2),
                                        ("compact.yaml", 4), ("indent.yaml", 65)])
def test_deep_nesting_is_refused_without_crashing(deep_run, name, line):
    code, out, err, wall, rss = deep_run
    assert code == 1, (code, err)  # not -11 (SIGSEGV)
    assert "Traceback" not in err and not err.strip(), err
    assert_located(out, f"curated/{name}", line, "UC001", "nesting deeper than 64 levels")
    assert wall < 60


# -- size, emptiness ------------------------------------------------------------------------------

def big_article(mb: float) -> str:
    head, figs = ARTICLE.split("figures:\n")
    blocks, size, i = [head, "figures:\n"], len(ARTICLE.encode("utf-8")), 0
    while size < mb * 1024 * 1024 + 4096:
        b = figs.replace("- id: patents", f"- id: patents-{i}").replace("- id: benefit", f"- id: benefit-{i}")
        b = b.replace("- id: harmony-enterprises", f"- id: harmony-{i}")
        blocks.append(b)
        size += len(b.encode("utf-8"))
        i += 1
    return "".join(blocks).replace("id: demo", "id: big")


def test_a_50_mb_file_is_a_finding_in_bounded_time_and_memory(tmp_path):
    root = data_case(tmp_path, "big.yaml", big_article(50))
    assert (root / "curated/big.yaml").stat().st_size > 50 * 1024 * 1024
    before = snapshot(root)
    code, out, err, wall, rss = run_ucheck(root, timeout=120)
    assert snapshot(root) == before
    assert code == 1 and "Traceback" not in err, err
    assert_located(out, "curated/big.yaml", 1, "UC001", "file too large: 50.0 MB, above the limit of 10.0 MB")
    assert wall < 30
    assert rss < 1024  # the file is never read: well under the 50 MB × 36 that composing it takes


def test_the_size_limit_is_configurable_and_a_large_file_under_it_is_checked(tmp_path):
    root = data_case(tmp_path, "big.yaml", big_article(2))
    code, out, err, wall, rss = run_ucheck(root, "--select", "UC001,UC401", timeout=120, env={"UCHECK_MAX_FILE_MB": "1"})
    assert code == 1 and "file too large" in out and "limit of 1.0 MB" in out, (out, err)
    code, out, err, wall, rss = run_ucheck(root, "--select", "UC001,UC101,UC401", timeout=120, env={"UCHECK_MAX_FILE_MB": "4"})
    assert code == 1 and "file too large" not in out, err
    assert out.count(" UC101 ") > 3000  # every copy of 15多家 is reported
    # 3,478 patents × 3,478 benefits of one subject and period: not 12 million tuples, one finding
    assert out.count(" UC401 ") == 2 and "not checked: 3478 × 3478 figures" in out, out[-2000:]
    assert wall < 60 and rss < 1500


@pytest.mark.parametrize("content", ["", "\n\n   \n", "# only a comment\n", "---\n", "--- # nothing\n...\n"])
def test_an_empty_file_is_a_finding_at_line_1(tmp_path, check, content):
    root = data_case(tmp_path, "empty.yaml", content)
    out, _ = check(root)
    assert_located(out, "curated/empty.yaml", 1, "UC002", "empty file")


@pytest.mark.parametrize("content, fragment", [
    ("- a\n- b\n", "a curated file is a mapping"),
    ("just a string\n", "a curated file is a mapping"),
    ("article: [1, 2]\n", "missing 'article' mapping"),
    ("~\n", "empty file"),
])
def test_a_document_of_the_wrong_shape_is_a_finding(tmp_path, check, content, fragment):
    root = data_case(tmp_path, "shape.yaml", content)
    out, _ = check(root)
    assert_located(out, "curated/shape.yaml", 1, "UC002", fragment)


def test_a_directory_named_like_a_curated_file_is_a_finding(tmp_path, check):
    root = data_case(tmp_path, "x.txt", "")
    (root / "curated" / "dir.yaml").mkdir()
    out, _ = check(root)
    assert_located(out, "curated/dir.yaml", 1, "UC001", "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_not_opened(tmp_path):
    root = data_case(tmp_path, "x.txt", "")
    os.mkfifo(root / "curated" / "pipe.yaml")
    code, out, err, wall, rss = run_ucheck(root, timeout=60)  # opening it would block for ever
    assert code == 1 and "curated/pipe.yaml:1:1: UC001" in out and "not a regular file" in out, (out, err)


def test_many_figures_sharing_the_match_keys_do_not_explode(tmp_path, check):
    """A relation joins figures that share article, region, subject and period: 150 × 150 of them
    would be 22,500 tuples (and as many findings). Above 10,000 a group is one finding, not checked."""
    figs = "".join(
        f"  - {{id: p{i}, subject: s, region: 河南省, metric: patents_granted, period: '2015', value: 1.1万项, quote: 1.1万项}}\n"
        f"  - {{id: b{i}, subject: s, region: 河南省, metric: direct_economic_benefit, period: '2015', value: 290多万元, quote: 290多万元}}\n"
        for i in range(150))
    text = "article: {id: many, seed: seeds/demo.txt, title: t, region: 河南省}\nfigures:\n" + figs
    root = data_case(tmp_path, "many.yaml", text)
    out, _ = check(root, "--select", "UC401")
    mine = [l for l in out.splitlines() if l.startswith("curated/many.yaml:")]
    assert len(mine) == 1 and "not checked: 150 × 150 figures" in mine[0] and "22,500 combinations" in mine[0], mine
    assert mine[0].startswith("curated/many.yaml:4:")  # the first benefit figure
    few = "article: {id: few, seed: seeds/demo.txt, title: t, region: 河南省}\nfigures:\n" + "".join(figs.splitlines(True)[:40])
    root2 = data_case(tmp_path / "few", "few.yaml", few)
    out, _ = check(root2, "--select", "UC401")
    assert sum(1 for l in out.splitlines() if l.startswith("curated/few.yaml:")) == 400  # 20 × 20: every tuple


def test_a_cross_article_join_of_many_figures_is_bounded(tmp_path, check):
    """The hierarchy rule joins every city figure to its province's figures of the same metric,
    subject and period, across articles: 101 × 101 of them is one finding, not 10,201 pairs."""
    def fig(i, region, value):
        return (f"  - {{id: {region[:2]}{i}, subject: s, region: {region}, metric: patents_granted, period: '2015', "
                f"value: {value}, quote: {value}}}\n")
    city = "article: {id: city, seed: seeds/demo.txt, title: t, region: 郑州市}\nfigures:\n" + "".join(fig(i, "郑州市", "2000项") for i in range(101))
    prov = "article: {id: prov, seed: seeds/demo.txt, title: t, region: 河南省}\nfigures:\n" + "".join(fig(i, "河南省", "1000项") for i in range(101))
    root = data_case(tmp_path, "city.yaml", city)
    (root / "curated" / "prov.yaml").write_text(prov, encoding="utf-8")
    out, _ = check(root, "--select", "UC302")
    mine = [l for l in out.splitlines() if " UC302 " in l]
    assert len(mine) == 1 and "not checked: 101 × 101 figures (part and whole)" in mine[0], out
    few = city.split("\n  - ")[0] + "".join("\n  - " + x for x in city.split("\n  - ")[1:4])
    (root / "curated" / "city.yaml").write_text(few, encoding="utf-8")
    out, _ = check(root, "--select", "UC302")
    assert sum(1 for l in out.splitlines() if " UC302 " in l) == 3 * 101  # every pair: 2000项 > 1000项


# -- numbers too large ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["1e400万元", "9" * 400 + "万元", "1" + "0" * 400 + "元", "1.0e+400", "9" * 5000,
                                   "-" + "9" * 400, "0." + "0" * 60 + "1万元", "1.7976931348623157e308亿元"])
def test_a_number_too_large_for_a_float_is_a_finding(tmp_path, check, value):
    text = ARTICLE.replace("id: demo", "id: huge").replace("value: 290多万元", f"value: {value}")
    root = data_case(tmp_path, "huge.yaml", text)
    out, _ = check(root)
    line = line_of(text, f"value: {value}")
    mine = [l for l in out.splitlines() if l.startswith("curated/huge.yaml:")]
    if value.startswith("0."):  # a tiny number is a quantity (an interval near 0), not an error
        assert not any(" UC006 " in l for l in mine), mine
        return
    assert any(l.startswith(f"curated/huge.yaml:{line}:") and " UC006 " in l for l in mine), out
    # beyond MAX_LITERAL_CHARS (100) the literal is refused before parsing, with the same opening words
    assert_located(out, "curated/huge.yaml", line, "UC006", "cannot parse quantity")


def test_very_long_literals_take_bounded_time(tmp_path, check):
    values = ["9" * 200_000, "约" + "1" * 200_000 + "万人", "近" + "1," * 100_000 + "人", "十" * 100_000,
              "3、" * 100_000 + "4个", "1-" * 100_000, "１" * 200_000]
    figs = "".join(f"  - {{id: f{i}, subject: s, region: 河南省, metric: participants, period: '', value: \"{v}\", quote: q}}\n"
                   for i, v in enumerate(values))
    root = data_case(tmp_path, "long.yaml", "article: {id: long, seed: seeds/demo.txt, title: t, region: 河南省}\nfigures:\n" + figs)
    out, _ = check(root)  # each is refused before parsing, so the work is bounded (timings: benchmarks/hostile.py)
    long = [l for l in out.splitlines() if l.startswith("curated/long.yaml:") and " UC006 " in l]
    assert len(long) == len(values) and all("longer than any figure as printed" in l for l in long), out


# -- seeds ----------------------------------------------------------------------------------------

def seed_case(tmp_path, seed_value: str, seeds: dict | None = None) -> tuple[Path, int]:
    text = ARTICLE.replace("id: demo", "id: other").replace("seed: seeds/demo.txt", f"seed: {seed_value}")
    return data_case(tmp_path, "other.yaml", text, seeds), line_of(text, "seed:")


@pytest.mark.parametrize("seed, fragment", [
    ("seeds/nope.txt", "does not exist"),
    ("../../etc/passwd", "outside the repository: refused"),
    ("/etc/passwd", "outside the repository: refused"),
    ("seeds/../../secret.txt", "outside the repository: refused"),
    ('"seeds/a\\0b.txt"', "not usable"),
    ("seeds", "not a regular file"),
    ("seeds/" + "x" * 5000 + ".txt", "seed"),
])
def test_seed_problems_are_findings_at_the_seed_line(tmp_path, check, seed, fragment):
    root, line = seed_case(tmp_path, seed)
    (tmp_path.parent / "secret.txt").write_text("全省各类创新工作室共取得国家专利1.1万项", encoding="utf-8")
    out, _ = check(root)
    assert_located(out, "curated/other.yaml", line, "UC008", fragment)


def test_a_symlink_out_of_the_repository_is_refused(tmp_path, check):
    root, line = seed_case(tmp_path, "seeds/link.txt")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(SEED, encoding="utf-8")
    try:
        (root / "seeds" / "link.txt").symlink_to(outside)
    except OSError:
        pytest.skip("no symbolic links here")
    out, _ = check(root)
    assert_located(out, "curated/other.yaml", line, "UC008", "outside the repository: refused")


def test_a_bad_seed_file_is_a_finding(tmp_path, check):
    root, line = seed_case(tmp_path, "seeds/latin.txt", seeds={"latin.txt": "x"})
    (root / "seeds/latin.txt").write_bytes("第一行\n第二行 \xe9\n".encode("utf-8").replace("\xe9".encode("utf-8"), b"\xe9"))
    out, _ = check(root)
    assert_located(out, "curated/other.yaml", line, "UC008", "not UTF-8")
    assert "(its line 2)" in out
    root2, line2 = seed_case(tmp_path / "b", "seeds/long.txt", seeds={"long.txt": "。" * (4 * 1024 * 1024)})  # 12 MB
    out, _ = check(root2)
    assert_located(out, "curated/other.yaml", line2, "UC008", "file too large: 12.0 MB, above the limit of 10.0 MB")


# -- rule files: configuration errors, exit 2 ------------------------------------------------------

RULE = """\
rules:
  - code: UC901
    name: my-rule
    kind: relation
    severity: warning
    summary: s
    rationale: r
    bind: {a: patents_granted, b: direct_economic_benefit}
    assert: {expr}
"""


@pytest.mark.parametrize("expr, fragment", [
    ("a.__class__ > 1", "attribute access is not allowed"),
    ("b / a >= a.real", "attribute access is not allowed"),
    ("max(a, b) > 1", "a function call is not allowed"),
    ("abs(a, b) > 1", "a function call is not allowed"),  # abs takes one argument
    ("__import__('os').system('touch pwned') > 0", "a function call is not allowed"),
    ("(lambda: a)() > 1", "a function call is not allowed"),
    ("a[0] > 1", "subscripting is not allowed"),
    ("[x for x in a] > b", "a comprehension is not allowed"),
    ("(a := 1) > b", "assignment is not allowed"),
    ("import os", "syntax error"),
    ("a > 1; import os", "syntax error"),
    ("b > __builtins__", "unknown name '__builtins__'"),
    ("f'{a}' > b", "f-string is not allowed"),
])
def test_rule_expressions_outside_the_grammar_are_refused(tmp_path, check, expr, fragment):
    root = write_repo(tmp_path, rules={"mine.yaml": RULE.replace("{expr}", f'"{expr}"')})
    _, err = check(root, expect=2)
    assert "rules/mine.yaml:9: rule UC901:" in err and fragment in err, err  # the assert line
    assert not (root / "pwned").exists()


@pytest.mark.parametrize("when, fragment", [
    ("value.startswith('1')", "a function call is not allowed"),
    ("unit in [__import__('os')]", "anything but a list of constants"),
    ("metric.__class__ == 'x'", "attribute access is not allowed"),
])
def test_filter_expressions_outside_the_grammar_are_refused(tmp_path, check, when, fragment):
    rule = "rules:\n  - code: UC902\n    name: my-filter\n    kind: literal\n    summary: s\n    rationale: r\n" f'    when: "{when}"\n'
    root = write_repo(tmp_path, rules={"mine.yaml": rule})
    _, err = check(root, expect=2)
    assert "rules/mine.yaml:7: rule UC902:" in err and fragment in err, err  # the when line


@pytest.mark.parametrize("change, line, fragment", [
    (("kind: relation", "kind: magic"), 4, "unknown kind 'magic'"),
    (("    severity: warning\n", "    severity: warning\n    severty: error\n"), 6, "unknown key 'severty'"),
    (("    assert: {expr}\n", "    assert: a > 1\n    asert: a > 2\n"), 10, "unknown key 'asert'"),
    (("severity: warning", "severity: fatal"), 5, "severity must be info, warning or error"),
    (("code: UC901", "code: 901"), 2, "code must look like UC101"),
    (("bind: {a: patents_granted, b: direct_economic_benefit}", "bind: {a: patent_granted}"), 2, "unknown metric"),
    (("bind: {a: patents_granted, b: direct_economic_benefit}", "bind: {a: [patents_granted, patent_grantd], b: direct_economic_benefit}"),
     2, "bind.a: unknown metric 'patent_grantd'"),
    (("bind: {a: patents_granted, b: direct_economic_benefit}", "bind: {a: [], b: direct_economic_benefit}"),
     2, "bind.a: a list of metrics must name at least one metric"),
    (("bind: {a: patents_granted, b: direct_economic_benefit}", "bind: {a: [patents_granted, [x]], b: direct_economic_benefit}"),
     2, "each a metric id (got ['patents_granted', ['x']])"),
])
def test_broken_rule_files_exit_2_naming_file_line_and_rule(tmp_path, check, change, line, fragment):
    text = RULE.replace("{expr}", "b / a >= 1000").replace(*change) if "{expr}" not in change[0] else RULE.replace(*change)
    root = write_repo(tmp_path, rules={"mine.yaml": text})
    _, err = check(root, expect=2)
    assert f"rules/mine.yaml:{line}:" in err and fragment in err, err


@pytest.mark.parametrize("text, line, fragment", [
    ("rules:\n  - code: UC903\n    name: [x\n", 4, "invalid YAML"),
    ("rules: !!python/object/apply:os.system ['touch pwned']\n", 1, "is not allowed"),
    ("rules:\n  - code: UC903\n    code: UC904\n", 3, "duplicate key 'code'"),
    ("rules: " + "[" * 100_000 + "\n", 1, "nesting deeper than 64 levels"),
    ("rules: []\n".encode("utf-16"), 1, "not UTF-8"),
])
def test_unreadable_rule_files_exit_2(tmp_path, check, text, line, fragment):
    root = write_repo(tmp_path)
    (root / "rules").mkdir()
    (root / "rules" / "mine.yaml").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    _, err = check(root, expect=2)
    assert f"rules/mine.yaml:{line}:" in err and fragment in err, err
    assert not (root / "pwned").exists()


def test_an_empty_rule_file_is_fine(tmp_path, check):
    root = write_repo(tmp_path, rules={"empty.yaml": "", "comment.yaml": "# nothing yet\n"})
    out, _ = check(root)
    assert "UC401" in out


# -- many problems at once -------------------------------------------------------------------------

def test_every_bad_file_at_once_each_reported_and_the_good_one_checked(tmp_path, check):
    bad = {
        "a-invalid.yaml": "article:\n  id: [x\nfigures: 1\n",
        "b-latin.yaml": "title: \xe9\n".encode("latin-1"),
        "c-evil.yaml": "article: !!python/object/apply:os.system ['touch pwned']\n",
        "d-dup.yaml": "article: {id: a}\narticle: {id: b}\n",
        "e-empty.yaml": "",
        "f-deep.yaml": "article: " + "[" * 1000 + "]" * 1000 + "\n",
        "g-huge.yaml": ARTICLE.replace("id: demo", "id: g").replace("value: 290多万元", "value: 1e400万元"),
        "h-seed.yaml": ARTICLE.replace("id: demo", "id: h").replace("seed: seeds/demo.txt", "seed: ../../etc/passwd"),
    }
    root = write_repo(tmp_path, curated={"demo.yaml": ARTICLE, **bad})
    out, _ = check(root)
    for name, code in [("a-invalid", "UC001"), ("b-latin", "UC001"), ("c-evil", "UC001"), ("d-dup", "UC001"),
                       ("e-empty", "UC002"), ("f-deep", "UC001"), ("g-huge", "UC006"), ("h-seed", "UC008")]:
        assert any(l.startswith(f"curated/{name}.yaml:") and f" {code} " in l for l in out.splitlines()), (name, out)
    # the articles that could be read are checked in full, their figures too
    assert sum(1 for l in out.splitlines() if " UC401 " in l) == 2  # demo and h-seed (g's benefit is unparseable)
    assert not (root / "pwned").exists()


def test_a_huge_literal_is_a_finding_at_once(tmp_path, check):
    """Issue 11, item 15: a 1 MB value of CJK characters took minutes to parse; now it is UC006."""
    text = ARTICLE.replace("value: 290多万元", "value: " + "万" * 1_000_000).replace("id: demo", "id: huge")
    root = data_case(tmp_path, "huge.yaml", text)
    t = time.perf_counter()
    out, _ = check(root)
    elapsed = time.perf_counter() - t
    line = line_of(text, "value: 万万")
    assert_located(out, "curated/huge.yaml", line, "UC006", "longer than any figure as printed")
    print(f"1 MB literal: {elapsed:.1f} s")  # measured, not asserted (a loaded machine is slow)
