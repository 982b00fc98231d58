"""The corpus entry of the load cache (ucheck.load.snapshot): a check of a few files reads the whole
corpus's keys and only the rows and seeds it uses from one file — and never gets a result that a
check without the cache would not give.

Each test changes something a later run must notice (an edited, added or removed file, an article
id that changes hands, a seed that goes away, a column that changes type, a damaged entry) and
compares that run's findings with the full check's, located in the file checked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from conftest import findings_of
from test_focused_check import dumps, full_check, generated, located, seeds_of
from ucheck.kinds import figure_keys
from ucheck.load import snapshot
from ucheck.load.cache import CACHE_DIR, LoadCache
from ucheck.load.corpus import load_corpus

FILE = "curated/000003-synthetic.yaml"


def entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("load-*/corpus-*.bin"))


def checked(run_cli, root: Path, file: str = FILE, *more: str) -> list[dict]:
    code, out, err = run_cli(root, "check", "--format", "json", "--exit-zero", *more, file)
    assert code == 0, err
    return findings_of(out)


def same_as_full(run_cli, root: Path, file: str = FILE) -> list[dict]:
    """The one-file check through the cache equals the full check located in the file and its seed."""
    full = full_check(run_cli, root, "--no-waivers")
    want = located(full, file, seeds_of(root).get(file, file))
    got = checked(run_cli, root, file, "--no-waivers")
    assert dumps(got) == dumps(want)
    return got


@pytest.fixture
def corpus(tmp_path, run_cli, monkeypatch):
    """A generated corpus whose corpus entry is written (a first one-file check). Its files are
    seconds old, not minutes: their times are trusted at once (see test_times_too_recent_to_trust)."""
    monkeypatch.setattr(snapshot, "RACY_NS", 0)
    root = generated(tmp_path, 16, seed=7)
    checked(run_cli, root)
    assert len(entries(root)) == 1
    return root


def add_figure(path: Path, figure: str) -> None:
    """Add a figure (one line of flow YAML) at the top of the file's figures."""
    text = path.read_text(encoding="utf-8")
    assert text.count("\nfigures:\n") == 1
    path.write_text(text.replace("\nfigures:\n", "\nfigures:\n  - " + figure + "\n"), encoding="utf-8")


def no_whole_load(monkeypatch):
    """Make loading the whole directory fail: the run must be served by the corpus entry."""
    import ucheck.load.corpus as corpus_mod

    def refuse(*a, **k):
        raise AssertionError("the whole directory was loaded")

    monkeypatch.setattr(corpus_mod, "load_corpus", refuse)


def test_a_warm_check_reads_the_corpus_entry_not_every_file(corpus, run_cli, monkeypatch):
    want = same_as_full(run_cli, corpus)
    no_whole_load(monkeypatch)
    assert dumps(checked(run_cli, corpus, FILE, "--no-waivers")) == dumps(want)


def test_the_file_checked_edited_is_read_afresh(corpus, run_cli, monkeypatch):
    # a new figure: 15多家 is malformed (UC101)
    add_figure(corpus / FILE, "{id: extra, subject: 企业, region: 河南省, metric: enterprises_covered, period: 2017年, "
                              "value: 15多家, quote: 覆盖企业15多家}")
    got = same_as_full(run_cli, corpus)
    assert any(f["code"] == "UC101" and "15多家" in f["message"] for f in got)
    no_whole_load(monkeypatch)  # one file read afresh: still served by the entry
    assert dumps(checked(run_cli, corpus, FILE, "--no-waivers")) == dumps(got)


def test_added_and_removed_files(corpus, run_cli):
    (corpus / "curated" / "000005-synthetic.yaml").unlink()
    same_as_full(run_cli, corpus)
    text = (corpus / FILE).read_text(encoding="utf-8").replace("id: synthetic-000003", "id: synthetic-copy")
    (corpus / "curated" / "zz-copy.yaml").write_text(text, encoding="utf-8")
    same_as_full(run_cli, corpus)
    same_as_full(run_cli, corpus, "curated/zz-copy.yaml")


def test_an_article_id_that_changes_hands(corpus, run_cli):
    """An edited file that takes the id of a later file makes that later file UC003: the entry
    cannot serve it (the whole directory is read) and the later file's check says so."""
    path = corpus / "curated" / "000001-synthetic.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: synthetic-000001", "id: synthetic-000003"), encoding="utf-8")
    got = same_as_full(run_cli, corpus)
    assert [f["code"] for f in got] == ["UC003"]
    path.write_text(path.read_text(encoding="utf-8").replace("id: synthetic-000003", "id: synthetic-000001"), encoding="utf-8")
    same_as_full(run_cli, corpus)


def test_seeds_that_go_away(corpus, run_cli):
    """The seed of the file checked, then the seed of another article, removed: UC008 for the first;
    the second changes the seeds directory, so the entry is not trusted."""
    seed = seeds_of(corpus)[FILE]
    (corpus / seed).unlink()
    got = same_as_full(run_cli, corpus)
    assert any(f["code"] == "UC008" for f in got)
    (corpus / "seeds" / "000002.txt").unlink()
    same_as_full(run_cli, corpus)
    same_as_full(run_cli, corpus, "curated/000002-synthetic.yaml")


def test_a_seed_edited_in_place(corpus, run_cli):
    """A seed's text changes without its directory changing: the seeds the check locates are read
    afresh every run (a quote no longer in it is UC501)."""
    seed = corpus / seeds_of(corpus)[FILE]
    seed.write_text("换了一篇文章。\n", encoding="utf-8")
    got = same_as_full(run_cli, corpus)
    assert any(f["code"] == "UC501" for f in got)


def test_a_column_that_changes_type(corpus, run_cli):
    """No figure of the generated corpus has ``base:`` (an all-empty column); the edited file adds
    one, which changes that column's type in a whole load: the entry is not used for that run."""
    add_figure(corpus / FILE, "{id: growth-x, subject: 职工, region: 河南省, metric: union_members_growth, period: 2017年, "
                              "value: 5%, base: 同比, quote: 同比增长5%}")
    got = same_as_full(run_cli, corpus)
    assert any("growth-x" in json.dumps(f, ensure_ascii=False) for f in got)  # the figure is read (its quote is not in the seed)


@pytest.mark.parametrize("damage", ["flip", "truncate", "header"])
def test_a_damaged_entry_is_not_used(corpus, run_cli, damage):
    (entry,) = entries(corpus)
    data = bytearray(entry.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF  # a byte of a block: its CRC-32 no longer matches
    elif damage == "truncate":
        data = data[: len(data) - 100]
    else:
        data[:20] = b'{"format": "other", '
    entry.write_bytes(bytes(data))
    same_as_full(run_cli, corpus)
    same_as_full(run_cli, corpus, "curated/000007-synthetic.yaml")


def test_the_frames_served_are_those_of_a_whole_load(corpus):
    """Values, dtypes and the kind of missing value (None or NaN) of every frame, with a file read
    afresh among those served by the entry."""
    path = corpus / FILE
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    keys = figure_keys()
    whole = load_corpus([corpus / "curated"], corpus, seeds_dir=corpus / "seeds", keys=keys)
    served = snapshot.load([corpus / "curated"], corpus, corpus / "seeds", keys, LoadCache(corpus))
    assert isinstance(served, snapshot.CachedCorpus)
    for name in ("articles", "figures", "ignored", "waivers", "stated"):
        a, b = getattr(served, name), getattr(whole, name)
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        for col in a.columns:
            assert [type(v) for v in a[col].tolist()] == [type(v) for v in b[col].tolist()], (name, col)
    assert [p.to_dict() for p in served.problems] == [p.to_dict() for p in whole.problems]
    rows = served.figure_rows([3, 70, 71, 400])
    pd.testing.assert_frame_equal(rows, whole.figures.iloc[[3, 70, 71, 400]], check_exact=True)


def test_thin_rows_keep_the_key_columns_asked_for_each(corpus):
    """figure_rows with ``keep`` a mapping: a thin row has a key column where its mask says so
    (a rule reads it of that figure), is missing it elsewhere; full rows have every column."""
    keys = figure_keys()
    whole = load_corpus([corpus / "curated"], corpus, seeds_dir=corpus / "seeds", keys=keys)
    served = snapshot.load([corpus / "curated"], corpus, corpus / "seeds", keys, LoadCache(corpus))
    at = [3, 70, 71, 400]
    thin = pd.Series([False, True, True, True]).to_numpy()
    subject = pd.Series([False, True, False, False]).to_numpy()  # of the thin rows, only 70 keeps its subject
    rows = served.figure_rows(at, thin=thin, keep={"article": thin, "metric": thin, "subject": subject})
    want = whole.figures.iloc[at]
    assert rows["article"].tolist() == want["article"].tolist() and rows["metric"].tolist() == want["metric"].tolist()
    assert rows["subject"].tolist()[:2] == want["subject"].tolist()[:2]
    assert rows["subject"].isna().tolist() == [False, False, True, True]
    assert rows["region"].isna().tolist() == [False, True, True, True]  # not kept by any thin row
    assert rows["q_low"].tolist() == want["q_low"].tolist()  # numbers are always read
    pd.testing.assert_series_equal(rows.iloc[0], want.iloc[0], check_names=False)


def test_the_entry_is_only_json_and_arrays(corpus):
    """What a run reads of the entry: a JSON header and directory, then numeric arrays and tables of
    texts or JSON — no pickle (nothing in it can run code)."""
    (entry,) = entries(corpus)
    data = entry.read_bytes()
    header, _, rest = data.partition(b"\n")
    head = json.loads(header)
    assert head["format"] == snapshot.FORMAT
    meta = json.loads(rest[: head["meta"][0]])
    assert set(meta) == {"files", "frames", "problems", "problem_offsets", "dirs"}
    assert b"\x80\x04\x95" not in data[:4096]  # a pickle protocol 4 header


def test_a_corpus_that_changed_beyond_the_limit_is_loaded_whole_and_the_entry_rewritten(corpus, run_cli, monkeypatch):
    """More files changed than FRESH_LIMIT (here 3): the run loads everything and writes the entry anew."""
    monkeypatch.setattr(snapshot, "fresh_limit", lambda n: 3)
    for p in sorted((corpus / "curated").glob("*.yaml"))[:4]:
        p.write_text(p.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    (before,) = entries(corpus)
    stamp = before.stat().st_mtime_ns
    same_as_full(run_cli, corpus)
    (after,) = entries(corpus)
    assert after.stat().st_mtime_ns != stamp


def test_times_too_recent_to_trust(tmp_path, run_cli):
    """A file (or seeds directory) changed less than two seconds before its reading could change
    again within the same tick of the clock without its times showing it: its times are not
    recorded, so the next run compares its bytes (SHA-256) — or, for a directory, loads everything."""
    root = generated(tmp_path, 4, seed=1)
    checked(run_cli, root)  # everything was just written
    from ucheck.load.cache import signature

    (path,) = entries(root)
    entry = snapshot._Entry(path, signature(figure_keys()), "en")
    assert not entry.files["trusted"].any() and entry.files["sha256"].any(axis=1).all()  # by their bytes, not their times
    assert entry.meta["dirs"] == {"seeds": None}
    entry.close()
    same_as_full(run_cli, root)


def test_a_block_found_damaged_in_the_middle_of_a_run(corpus, run_cli):
    """The entry's directory is intact, but a table the run reads (the quotes) is not: the damage is
    found when the table is read (its CRC-32), the whole directory is loaded then, and the run goes
    on with the same findings."""
    (entry,) = entries(corpus)
    data = bytearray(entry.read_bytes())
    header, _, rest = bytes(data).partition(b"\n")
    size = json.loads(header)["meta"][0]
    meta = json.loads(rest[:size])
    base = len(header) + 1 + size
    quote = next(c for c in meta["frames"]["figures"]["columns"] if c["name"] == "quote")
    at, n, _ = quote["entries"]["chunks"][0]
    data[base + at + n // 2] ^= 0x01
    entry.write_bytes(bytes(data))
    same_as_full(run_cli, corpus)
