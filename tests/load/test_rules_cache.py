"""The cache of parsed rule files (issue 14): ``.ucheck_cache/rules-<signature>/``, keyed by bytes.

What a rule file is read as must not depend on the cache: the document decoded from an entry equals
the parsed one down to every line, column and number text (error messages cite them), an edited
file is parsed again, and a damaged or forged entry is ignored.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import REPO, write_repo
from ucheck.load import yamlsafe
from ucheck.load.cache import CACHE_DIR, CorruptEntry, RulesCache, decode_document, encode_document


def same(a, b) -> bool:
    """Equal values of equal types, lines, columns and number texts, all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, yamlsafe.LineDict):
        return ((a.line, a.column, a.key_lines, a.key_columns) == (b.line, b.column, b.key_lines, b.key_columns)
                and list(a) == list(b) and all(type(k) is type(j) for k, j in zip(a, b)) and all(same(a[k], b[k]) for k in a))
    if isinstance(a, yamlsafe.LineList):
        return (a.line, a.column) == (b.line, b.column) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, yamlsafe.RawNumber):
        return str.__str__(a) == str.__str__(b) and (a.number == b.number or a.number != a.number and b.number != b.number)
    return a == b


@pytest.mark.parametrize("path", sorted((REPO / "rules").glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_rules_file_round_trips_with_its_lines(path):
    doc = yamlsafe.load(yamlsafe.decode(path.read_bytes()))
    back = decode_document(json.loads(json.dumps(encode_document(doc), ensure_ascii=False)))
    assert same(doc, back)


def test_numbers_keys_and_special_values_round_trip():
    text = "a: {2016: 1.10, 0x1F: .nan, -.inf: true, null: ~}\nb: [1_000, '2', 1:30, 99999999999999999999]\n"
    doc = yamlsafe.load(text)
    back = decode_document(json.loads(json.dumps(encode_document(doc))))
    assert same(doc, back) and str.__str__(back["a"][next(iter(back["a"]))]) == "1.10"


@pytest.mark.parametrize("forged", [
    ["\x00M", 1, 1, [["k", "v", 1]]],  # an item short
    ["\x00S", 1, "1", []],  # a column that is no number
    ["\x00N", "1", {"x": 1}],  # a number that is a mapping
    ["\x00X", 1, 1, []],  # a tag the encoding does not write
    "\x00M",  # a tag as text
    ["\x00M", 1, 1, [["k", 1, 1, 1], ["k", 2, 2, 1]]],  # a key twice
    {"k": "v"},  # a JSON object: never written
])
def test_what_the_encoding_cannot_have_written_is_refused(forged):
    with pytest.raises(CorruptEntry):
        decode_document(forged)


RULE = ("rules:\n  - code: LC001\n    name: local-check\n    kind: literal\n    severity: warning\n    when: metric == 'patents_granted'\n"
        "    summary: s\n    rationale: r\n    message: '{message}'\n")


def test_a_warm_run_reads_the_rules_from_the_cache_and_an_edited_file_again(tmp_path, run_cli):
    root = write_repo(tmp_path, rules={"local.yaml": RULE.format(message="first wording")})
    code, out, _ = run_cli(root, "check", "--select", "LC001")
    assert code == 1 and "first wording" in out
    c = RulesCache(root)
    c.document((root / "rules" / "local.yaml").read_bytes(), "rules/local.yaml")
    assert (c.hits, c.misses) == (1, 0)  # stored by the run
    (root / "rules" / "local.yaml").write_text(RULE.format(message="second wording"), encoding="utf-8")
    code, out, _ = run_cli(root, "check", "--select", "LC001")
    assert code == 1 and "second wording" in out and "first wording" not in out
    code, again, _ = run_cli(root, "check", "--select", "LC001")
    assert again == out


def test_an_error_in_a_cached_rules_file_keeps_its_line(tmp_path, run_cli):
    """A rule refused when the rules are built (not when they are parsed) is refused at the same
    line from an entry as from the file."""
    bad = RULE.format(message="m").replace("kind: literal", "kind: literal\n    frobnicate: 3")
    root = write_repo(tmp_path, rules={"local.yaml": bad})
    outs = [run_cli(root, "check")[2] for _ in range(2)] + [run_cli(root, "check", "--no-cache")[2]]
    assert outs[0] == outs[1] == outs[2] and "rules/local.yaml:5:" in outs[0], outs


def test_invalid_yaml_is_not_stored_and_is_reported_each_time(tmp_path, run_cli):
    root = write_repo(tmp_path, rules={"local.yaml": "rules: [\n"})
    for _ in range(2):
        code, _, err = run_cli(root, "check")
        assert code == 2 and "rules/local.yaml:" in err
    digest = hashlib.sha256(b"rules: [\n").hexdigest()
    for p in (root / CACHE_DIR).glob("rules-*/*.json"):
        assert json.loads(p.read_bytes().partition(b"\n")[0])["sha256"] != digest


def test_a_damaged_or_forged_entry_is_parsed_again(tmp_path, run_cli):
    root = write_repo(tmp_path, rules={"local.yaml": RULE.format(message="the wording")})
    _, plain, _ = run_cli(root, "check", "--select", "LC001", "--no-cache")
    run_cli(root, "check", "--select", "LC001")
    rel = "rules/local.yaml"
    c = RulesCache(root)
    entry = c._path(rel)
    head, _, payload = entry.read_bytes().partition(b"\n")
    # a payload changed under a checksum that matches: a text where the rule's mapping was
    forged = json.dumps(["\x00M", 1, 1, [["rules", "\x00S", 1, 1]]]).encode()
    h = json.loads(head)
    h["payload_sha256"] = hashlib.sha256(forged).hexdigest()
    entry.write_bytes(json.dumps(h).encode() + b"\n" + forged)
    assert run_cli(root, "check", "--select", "LC001")[1] == plain
    entry.write_bytes(b"garbage")
    assert run_cli(root, "check", "--select", "LC001")[1] == plain


def test_no_cache_writes_no_rules_entry(tmp_path, run_cli):
    root = write_repo(tmp_path, rules={"local.yaml": RULE.format(message="m")})
    run_cli(root, "check", "--no-cache")
    assert not (root / CACHE_DIR).exists()
