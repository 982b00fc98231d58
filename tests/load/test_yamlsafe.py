"""Reading YAML safely: line numbers kept, objects never built, expansion bounded."""

import pytest

from ucheck.load import yamlsafe


def test_lines_are_kept():
    doc = yamlsafe.load("article:\n  id: a\nfigures:\n  - id: x\n    value: 1.10\n")
    assert doc.line_of("figures") == 3
    fig = doc["figures"][0]
    assert fig.line == 4 and fig.line_of("value") == 5
    assert fig["value"] == "1.10"  # a number keeps its printed text


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a: !!python/object/apply:os.system ['echo hi']\n", 1, "is not allowed"),
        ("a: [1, 2\nb: 3\n", 2, "invalid YAML"),
        ("a: &x [1]\nb: {<<: *x}\n", 2, "merge keys"),
    ],
)
def test_problems_have_lines(text, line, fragment):
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.load(text)
    assert exc.value.line == line
    assert fragment in str(exc.value)


def test_alias_bomb_is_bounded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.load("\n".join(lines) + "\n")
    assert "nodes" in str(exc.value)


def test_deep_nesting_is_refused():
    with pytest.raises(yamlsafe.YamlProblem):
        yamlsafe.load("a: " + "[" * 200 + "]" * 200 + "\n")


@pytest.mark.parametrize("text, blocks", [
    ("a: " + "[" * 300 + "]" * 300 + "\n", 1),  # our event walk stops it
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1),  # libyaml >= 6.0.4 refuses it first, in its own words
    ("a:\n  b: " + "[" * 200_000 + "\n", 2),  # unclosed: libyaml's error comes after it has read ahead
])
def test_deep_flow_nesting_is_our_refusal_at_the_first_level_too_many(text, blocks):
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.load(text)
    assert str(exc.value) == f"nesting deeper than {yamlsafe.MAX_DEPTH} levels"
    line = text.splitlines()[exc.value.line - 1]
    # ``blocks`` block mappings enclose the brackets: the bracket reported opens level MAX_DEPTH + 1
    assert blocks + line[: exc.value.column].count("[") == yamlsafe.MAX_DEPTH + 1
    assert line[exc.value.column - 1] == "["


def test_a_yaml_error_in_a_deep_document_keeps_its_own_message():
    text = "a: " + "[" * 30 + "]" * 30 + "\n" + "  " * 120 + "- x\nb: [1, 2\n"
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.load(text)
    assert "invalid YAML" in str(exc.value)


def test_decode_reports_bad_byte_and_drops_bom():
    assert yamlsafe.decode("\ufeffa: 1".encode("utf-8")) == "a: 1"
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.decode("a: 1\nb: \xff\n".encode("latin-1"))
    assert exc.value.line == 2 and "not UTF-8" in str(exc.value)
