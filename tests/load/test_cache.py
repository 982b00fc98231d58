"""The load cache (issue 14): ``.ucheck_cache/`` at the data root, per curated file, keyed by content.

The cache must never change a result: every test compares a run through the cache with a run
without it (``--no-cache``) — on the bundled data, after editing, adding and removing files, with
damaged, foreign and concurrent entries.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLE, REPO, SEED, findings_of, write_repo
from ucheck.finding import FigureRef, Finding
from ucheck.kinds import figure_keys
from ucheck.load import cache as cache_mod
from ucheck.load.cache import CACHE_DIR, LoadCache, decode_object, encode
from ucheck.load.corpus import load_corpus


def report(run_cli, root: Path, *more: str) -> str:
    code, out, err = run_cli(root, "report", "--format", "json", "--no-waivers", *more)
    assert code == 0, err
    return out


def same_with_and_without_cache(run_cli, root: Path) -> str:
    """The findings through the cache equal those without it (also when the cache is warm)."""
    plain = report(run_cli, root, "--no-cache")
    assert report(run_cli, root) == plain
    assert report(run_cli, root) == plain
    return plain


def load(root: Path, cache: LoadCache | None):
    return load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys(), cache=cache)


def counts(root: Path) -> tuple[int, int]:
    """(hits, misses) of a load through the cache."""
    c = LoadCache(root)
    load(root, c)
    return c.hits, c.misses


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE_DIR).glob("load-*/*.json") if p.name != cache_mod.LITERALS)


@pytest.fixture
def bundled(tmp_path) -> Path:
    root = tmp_path / "data"
    for d in ("curated", "seeds"):
        shutil.copytree(REPO / d, root / d)
    return root


def test_bundled_data_same_findings_cold_and_warm(bundled, run_cli):
    plain = same_with_and_without_cache(run_cli, bundled)
    assert findings_of(plain)
    files = sorted((bundled / "curated").glob("*.yaml"))
    assert len(entries(bundled)) == len(files)
    assert counts(bundled) == (len(files), 0)


def test_the_cache_directory_ignores_itself_and_no_cache_writes_nothing(repo, run_cli):
    report(run_cli, repo, "--no-cache")
    assert not (repo / CACHE_DIR).exists()
    run_cli(repo, "check")
    assert (repo / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (repo / CACHE_DIR / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        st = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"], capture_output=True, text=True, check=True)
        assert CACHE_DIR not in st.stdout and "curated/demo.yaml" in st.stdout


def test_clean_removes_the_cache(repo, run_cli):
    run_cli(repo, "check")
    assert (repo / CACHE_DIR).is_dir()
    code, out, _ = run_cli(repo, "clean")
    assert code == 0 and out.strip() == f"removed {repo.resolve() / CACHE_DIR}"
    assert not (repo / CACHE_DIR).exists()
    code, out, _ = run_cli(repo, "clean")
    assert code == 0 and out.startswith("no cache in")


def test_clean_removes_a_link_not_what_it_points_to(repo, run_cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("x")
    (repo / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    assert report(run_cli, repo) == report(run_cli, repo, "--no-cache")  # a linked cache is not used
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    code, _, _ = run_cli(repo, "clean")
    assert code == 0 and not (repo / CACHE_DIR).exists() and (elsewhere / "keep.txt").exists()


EXTRA = ARTICLE.replace("id: demo", "id: second").replace("290多万元", "29亿元")


def test_an_edited_file_is_read_again_alone(bundled, run_cli):
    same_with_and_without_cache(run_cli, bundled)
    files = sorted((bundled / "curated").glob("*.yaml"))
    edited = files[0]
    text = edited.read_text(encoding="utf-8")
    # a literal changed (another interval) and a comment: findings and lines move
    first_value = next(line for line in text.splitlines() if line.strip().startswith("value:"))
    edited.write_text("# edited\n" + text.replace(first_value, first_value.rstrip() + "0", 1), encoding="utf-8")
    before = report(run_cli, bundled, "--no-cache")
    assert counts(bundled) == (len(files) - 1, 1)
    assert same_with_and_without_cache(run_cli, bundled) == before


def test_added_and_removed_files(repo, run_cli):
    same_with_and_without_cache(run_cli, repo)
    (repo / "curated" / "second.yaml").write_text(EXTRA, encoding="utf-8")
    assert counts(repo) == (1, 1)
    with_second = same_with_and_without_cache(run_cli, repo)
    assert '"article": "second"' in with_second
    (repo / "curated" / "second.yaml").unlink()
    assert counts(repo) == (1, 0)
    assert '"article": "second"' not in same_with_and_without_cache(run_cli, repo)


def test_an_article_id_taken_by_a_file_read_earlier(repo, run_cli):
    """b.yaml is cached with id 'second'; a.yaml, read before it, now takes that id: b.yaml is
    read (UC003), not replayed."""
    (repo / "curated" / "b.yaml").write_text(EXTRA, encoding="utf-8")
    same_with_and_without_cache(run_cli, repo)
    (repo / "curated" / "a.yaml").write_text(EXTRA, encoding="utf-8")
    out = same_with_and_without_cache(run_cli, repo)
    assert any(f["code"] == "UC003" and f["file"] == "curated/b.yaml" for f in findings_of(out))
    (repo / "curated" / "a.yaml").unlink()
    assert not any(f["code"] == "UC003" for f in findings_of(same_with_and_without_cache(run_cli, repo)))


def test_a_seed_changed_or_removed_after_the_file_was_cached(repo, run_cli):
    same_with_and_without_cache(run_cli, repo)
    seed = repo / "seeds" / "demo.txt"
    seed.write_text(SEED.replace("覆盖企业15多家", "覆盖企业15万多家"), encoding="utf-8")
    assert any(f["code"] == "UC501" for f in findings_of(same_with_and_without_cache(run_cli, repo)))
    seed.unlink()
    assert any(f["code"] == "UC008" for f in findings_of(same_with_and_without_cache(run_cli, repo)))
    seed.write_text(SEED, encoding="utf-8")
    assert not any(f["code"] in ("UC008", "UC501") for f in findings_of(same_with_and_without_cache(run_cli, repo)))


def damage_garbage(p: Path) -> None:
    p.write_bytes(b"\x00\xff not json at all")


def damage_truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])


def damage_payload(p: Path) -> None:
    """A changed figure in the payload; the header's checksum no longer matches."""
    p.write_bytes(p.read_bytes().replace("290多万元".encode(), "999多万元".encode()))


def forged(p: Path, payload: bytes) -> None:
    """A payload with a header that matches it: only the payload's own validation stands."""
    head = json.loads(p.read_bytes().partition(b"\n")[0])
    import hashlib

    head["payload_sha256"] = hashlib.sha256(payload).hexdigest()
    p.write_bytes(json.dumps(head).encode() + b"\n" + payload)


def damage_foreign_tag(p: Path) -> None:
    forged(p, p.read_bytes().partition(b"\n")[2].replace(b'"\\u0000t"', b'"\\u0000x"', 1))


def damage_wrong_shape(p: Path) -> None:
    forged(p, b'{"article": "demo", "seed": null, "problems": [], "rows": {"figures": []}}')


def damage_bad_finding(p: Path) -> None:
    doc = json.loads(p.read_bytes().partition(b"\n")[2])
    doc["problems"] = [{"\u0000F": {"code": "UC999", "line": "not a number"}}]
    forged(p, json.dumps(doc).encode())


def damage_short_row(p: Path) -> None:
    """A figure row one value short, under a checksum that matches: it would shift every column after it."""
    doc = json.loads(p.read_bytes().partition(b"\n")[2])
    row = doc["rows"]["figures"][0]
    (tag,) = row  # a tuple, tagged
    row[tag] = row[tag][:-1]
    forged(p, json.dumps(doc).encode())


def damage_other_files_entry(p: Path) -> None:
    """The entry of another file (or another signature) copied in place."""
    head, _, payload = p.read_bytes().partition(b"\n")
    h = json.loads(head)
    h["file"] = "curated/other.yaml"
    p.write_bytes(json.dumps(h).encode() + b"\n" + payload)


@pytest.mark.parametrize("damage", [damage_garbage, damage_truncate, damage_payload, damage_foreign_tag, damage_wrong_shape,
                                    damage_bad_finding, damage_short_row, damage_other_files_entry])
def test_a_damaged_or_foreign_entry_is_ignored_and_replaced(repo, run_cli, damage):
    plain = same_with_and_without_cache(run_cli, repo)
    (entry,) = entries(repo)
    damage(entry)
    assert counts(repo) == (0, 1)  # read again, and the entry written anew
    assert counts(repo) == (1, 0)
    damage(entry)
    assert report(run_cli, repo) == plain


def test_a_damaged_literal_memo_is_ignored(repo, run_cli):
    plain = same_with_and_without_cache(run_cli, repo)
    memo = next((repo / CACHE_DIR).glob(f"load-*/{cache_mod.LITERALS}"))
    head, _, payload = memo.read_bytes().partition(b"\n")
    doc = json.loads(payload)
    doc["columns"][0][0] = "text where a number goes"
    forged(memo, json.dumps(doc).encode())
    assert report(run_cli, repo) == plain
    forged(memo, b'{"literals": ["1.1\\u4e07\\u9879"], "columns": [[1.0]]}')  # fewer columns than the reader fills
    assert report(run_cli, repo) == plain
    memo.write_bytes(b"garbage")
    assert report(run_cli, repo) == plain


def test_the_cache_keys_on_the_figure_keys_the_reader_accepts(repo):
    c = LoadCache(repo)
    load(repo, c)
    assert (c.hits, c.misses) == (0, 1)
    fewer = LoadCache(repo)
    load_corpus([repo / "curated"], repo, seeds_dir=repo / "seeds", keys=figure_keys()[:-1], cache=fewer)
    assert (fewer.hits, fewer.misses) == (0, 1) and fewer.signature != c.signature


def test_a_link_to_a_curated_file_is_left_to_the_reader(repo, run_cli, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(EXTRA, encoding="utf-8")
    (repo / "curated" / "linked.yaml").symlink_to(outside)
    same_with_and_without_cache(run_cli, repo)
    assert all(json.loads(e.read_bytes().partition(b"\n")[0])["file"] != "curated/linked.yaml" for e in entries(repo))


def test_concurrent_runs_leave_valid_entries(bundled, monkeypatch):
    """Four processes fill one cold cache at once: every entry they leave is valid, none is half
    written, no temporary file stays, and a warm run replays all of them."""
    code = ("import sys; from pathlib import Path; from ucheck.kinds import figure_keys; "
            "from ucheck.load.corpus import load_corpus; from ucheck.load.cache import LoadCache; r = Path(sys.argv[1]); "
            "load_corpus([r / 'curated'], r, seeds_dir=r / 'seeds', keys=figure_keys(), cache=LoadCache(r))")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(bundled)]) for _ in range(4)]
    assert all(p.wait(timeout=300) == 0 for p in procs)
    assert not list((bundled / CACHE_DIR).rglob(".tmp-*"))
    monkeypatch.setattr(cache_mod, "_SOURCE_DIGEST", None)  # as the processes computed it
    files = sorted((bundled / "curated").glob("*.yaml"))
    assert counts(bundled) == (len(files), 0)
    plain, cached = load(bundled, None), load(bundled, LoadCache(bundled))
    assert cached.problems == plain.problems
    for name in ("articles", "figures", "ignored", "waivers", "stated"):
        assert getattr(cached, name).equals(getattr(plain, name)), name


def test_an_unwritable_cache_is_left_alone(repo, run_cli, monkeypatch):
    def refuse(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_mod.tempfile, "mkstemp", refuse)
    assert report(run_cli, repo) == report(run_cli, repo, "--no-cache")


# -- the encoding ---------------------------------------------------------------------------------------

VALUES = [
    None, True, 0, -3, 1.5, float("inf"), "290多万元", "\x00odd", [1, (2, "a")], ("a", ("b", "c"), None),
    {"id": 3, "value": 5}, {1: "a", ("x", 2): [1]}, {"\x00t": 1}, {}, (), [],
    Finding("UC001", "file-unreadable", "error", None, "curated/a.yaml", 3, "bad", column=2,
            figures=[FigureRef("f", "1万", "q", None, "[1, 2)")], key="k", seed_articles=["a"]),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_encoding_round_trips_values_and_their_types(value):
    back = json.loads(json.dumps(encode(value), ensure_ascii=False), object_hook=decode_object)
    assert back == value and type(back) is type(value)
    if isinstance(value, (list, tuple)):
        assert [type(x) for x in back] == [type(x) for x in value]


def test_values_the_encoding_cannot_hold_are_not_cached():
    class Text(str):
        pass

    for v in (Text("a"), {1.5j}, object(), [Text("x")]):
        with pytest.raises(cache_mod.Uncacheable):
            encode(v)


def test_nan_round_trips():
    back = json.loads(json.dumps(encode((float("nan"),))), object_hook=decode_object)
    assert type(back) is tuple and back[0] != back[0]


def test_entries_are_json_only():
    """Nothing in the module can turn cache bytes into code: no pickle, marshal, eval or exec."""
    text = Path(cache_mod.__file__).read_text(encoding="utf-8")
    for word in ("pickle", "marshal", "eval(", "exec(", "shelve"):
        assert word not in text, word


def test_a_run_from_a_subdirectory_uses_the_same_cache(repo, run_cli):
    """A cache written by a run in one directory serves a run started from another (the paths in
    the entries are relative to the root)."""
    same_with_and_without_cache(run_cli, repo)
    code, out, _ = run_cli(repo / "curated", "report", "--format", "json", "--no-waivers")
    assert code == 0 and out == report(run_cli, repo, "--no-cache")
    assert os.path.isdir(repo / CACHE_DIR)


def test_entries_of_old_signatures_are_pruned(repo, run_cli):
    """A new signature (another version, edited source) keeps the two most recent other entry
    directories and removes the older ones, which would otherwise stay as large as the corpus."""
    for i in range(4):
        d = repo / CACHE_DIR / f"load-old{i}"
        d.mkdir(parents=True)
        (d / "x.json").write_text("{}")
        os.utime(d, (1_000_000 + i, 1_000_000 + i))
    run_cli(repo, "check")
    left = sorted(d.name for d in (repo / CACHE_DIR).glob("load-*"))
    assert [n for n in left if n.startswith("load-old")] == ["load-old2", "load-old3"] and len(left) == 3
    run_cli(repo, "check")  # a run of the same signature removes nothing
    assert sorted(d.name for d in (repo / CACHE_DIR).glob("load-*")) == left


def assert_same_corpus(a, b) -> None:
    import pandas as pd

    for name in ("articles", "figures", "ignored", "waivers", "stated"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)  # values and dtypes
    assert a.problems == b.problems and list(a.seeds) == list(b.seeds)


def test_synthetic_corpus_same_frames_and_findings(tmp_path, run_cli):
    """The benchmark's generator (every spelling of literal, errors, waivers, restatements across
    articles): the frames loaded cold, warm and without the cache are equal, dtypes included, and
    so are the findings."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    root = tmp_path / "synthetic"
    generate_corpus.generate(root, 60, 50)
    plain = load(root, None)
    assert_same_corpus(load(root, LoadCache(root)), plain)  # cold: read and written
    assert counts(root) == (60, 0)
    assert_same_corpus(load(root, LoadCache(root)), plain)  # warm: replayed
    same_with_and_without_cache(run_cli, root)


def synthetic(tmp_path: Path, n: int) -> Path:
    """A corpus of ``n`` articles of the benchmark's generator, 50 figures each."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    root = tmp_path / "synthetic"
    generate_corpus.generate(root, n, 50)
    return root


def afresh_and_replayed(root: Path):
    """The figures frame read without the cache, then replayed from a cache written first."""
    load(root, LoadCache(root))
    for cache in (None, LoadCache(root)):
        yield load(root, cache).figures


def test_repeated_texts_are_one_object_each_with_or_without_the_cache(tmp_path):
    """JSON gives every text its own object; the loaded frame holds each repeated text (ids,
    regions, metrics, units) once, as the reader's interning does — the quotes stay as read."""
    for f in afresh_and_replayed(synthetic(tmp_path, 40)):
        for col in ("id", "region", "metric", "unit", "q_unit"):
            values = [v for v in f[col].tolist() if isinstance(v, str)]
            assert len({id(v) for v in values}) == len(set(values)), col


def test_a_figures_field_lines_are_held_once_per_layout_with_or_without_the_cache(tmp_path):
    """Figures written alike share one table of their fields' lines relative to their own line (a dict
    a figure was a third of its memory), read afresh or replayed from the files' entries (the corpus
    entry keeps them by layout too: tests/check/test_focused_check.py locates its findings); each
    field's line is still its own."""
    from ucheck.load.keys import field_line

    root = synthetic(tmp_path, 40)
    for f in afresh_and_replayed(root):
        offsets = f["field_offsets"].tolist()
        assert len({id(d) for d in offsets}) == len({tuple(d.items()) for d in offsets}) < len(f) // 100
        for _, row in f.sample(200, random_state=1).iterrows():  # each field at its line of the file
            lines = (root / row["file"]).read_text(encoding="utf-8").splitlines()
            for key in ("value", "quote", "metric"):
                if key in row["field_offsets"]:
                    at = lines[field_line(row, key) - 1]
                    assert at.lstrip(" -{").startswith(f"{key}:") or f" {key}: " in at or f"{{{key}: " in at, (key, at)


def test_recurring_texts_are_one_object_a_text_with_or_without_the_cache(tmp_path, monkeypatch):
    """Ids, literals, subjects and notes recur over an archive (gdp-growth, 8.1%): each distinct text is
    held once, read afresh or replayed from the cache (JSON gives every text its own object) — before
    the frame is built, so that share_texts has nothing left to replace (a replaced column kept its
    first copy, and every duplicate text, alive in the frame's block). Quotes are not looked up."""
    import ucheck.load.corpus as corpus

    seen = []
    original = corpus.share_texts

    def watching(frame, sample=2000):
        for column in ("id", "value", "subject", "note", "region", "metric", "article", "file", "seed"):
            values = [v for v in frame[column].tolist() if isinstance(v, str)]
            seen.append((column, len({id(v) for v in values}), len(set(values)), len(values)))
        return original(frame, sample)

    monkeypatch.setattr(corpus, "share_texts", watching)
    root = synthetic(tmp_path, 40)
    for _ in afresh_and_replayed(root):
        pass
    assert seen and all(objects == distinct for _c, objects, distinct, _n in seen), [s for s in seen if s[1] != s[2]]
    assert any(c == "id" and distinct < n for c, _o, distinct, n in seen)  # ids do recur: the test is not vacuous
