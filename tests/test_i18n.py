"""Both languages, complete: every phrase, every rule text; the language of a run and where it comes from."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import ucheck
from ucheck.builtin import BUILTIN
from ucheck.i18n import LANGS, TABLES, join, lang_of_locale, metric_label, resolve_lang
from ucheck.ruleset import RuleConfigError, load_rules

CJK = re.compile(r"[\u4e00-\u9fff]")


def _import_everything():
    for mod in pkgutil.walk_packages(ucheck.__path__, "ucheck."):
        if mod.name.endswith(".__main__"):  # runs the command line
            continue
        importlib.import_module(mod.name)


def _phrases():
    _import_everything()
    return [(t.owner, name, p) for t in TABLES for name, p in t]


def test_the_package_declares_phrases():
    owners = {owner for owner, _, _ in _phrases()}
    assert {"ucheck.kinds.relation", "ucheck.kinds.arithmetic"} <= owners


@pytest.mark.parametrize("owner,name,phrase", _phrases(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_phrase_is_in_both_languages_with_the_same_placeholders(owner, name, phrase):
    assert phrase.en.strip() and phrase.zh.strip(), f"{owner}.{name}: a text is empty"
    assert phrase.fields("en") == phrase.fields("zh"), f"{owner}.{name}: placeholders differ"
    literal = re.sub(r"\{[^}]*\}", "", phrase.zh)
    assert CJK.search(literal) or not re.search(r"[A-Za-z]{3,}", literal), f"{owner}.{name}: the Chinese text is English"


def _packaged():
    from ucheck.paths import packaged_rules_dir

    return load_rules([packaged_rules_dir()], None)


def _packaged_rules():
    rules = _packaged().rules
    assert len(rules) > 40  # the library, not an empty list that would skip the test below
    return rules


@pytest.mark.parametrize("rule", _packaged_rules(), ids=lambda r: r.code)
def test_every_packaged_rule_speaks_chinese(rule):
    assert CJK.search(rule.text("summary", "zh")) and rule.text("summary", "zh") != rule.summary
    assert CJK.search(rule.text("rationale", "zh")) and rule.text("rationale", "zh") != rule.rationale
    if rule.message:
        zh = rule.text("message", "zh")
        assert zh != rule.message, f"{rule.code}: message_zh missing"
        fields = lambda t: set(re.findall(r"\{(\w+)", t))
        assert fields(zh) == fields(rule.message), f"{rule.code}: message_zh has other placeholders"


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_every_builtin_rule_speaks_chinese(code):
    b = BUILTIN[code]
    assert CJK.search(b.text("summary", "zh")) and CJK.search(b.text("rationale", "zh"))
    assert b.text("summary", "en") == b.summary


def _local_rules(tmp_path, texts: str):
    """A rules directory with one literal rule XX101 whose texts (summary … at line 6 on) are ``texts``."""
    d = tmp_path / "rules"
    d.mkdir()
    (d / "local.yaml").write_text(
        "rules:\n  - code: XX101\n    name: local-rule\n    kind: literal\n    pattern: '\\d多'\n" + texts, encoding="utf-8")
    return load_rules([d], tmp_path)


def test_a_local_rule_without_chinese_falls_back_to_english(tmp_path):
    vocab = _local_rules(tmp_path, "    summary: A local rule.\n    rationale: Ours.\n")
    rule = next(r for r in vocab.rules if r.code == "XX101")
    assert rule.text("summary", "zh") == "A local rule." and rule.headline("zh") == "A local rule."


def test_message_zh_without_message_is_refused_at_its_line(tmp_path):
    with pytest.raises(RuleConfigError) as e:
        _local_rules(tmp_path, "    summary: A local rule.\n    summary_zh: 本地规则。\n    rationale: Ours.\n    message_zh: '{value}'\n")
    assert "local.yaml:9: rule XX101: message_zh without message" in str(e.value)


def test_an_empty_chinese_text_is_refused(tmp_path):
    with pytest.raises(RuleConfigError, match=r"local.yaml:7: rule XX101: summary_zh must be a non-empty text"):
        _local_rules(tmp_path, "    summary: A local rule.\n    summary_zh: ''\n    rationale: Ours.\n")


@pytest.mark.parametrize("environ,lang", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.Big5"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ({}, None),
])
def test_the_locale_decides_when_nothing_else_does(environ, lang):
    assert lang_of_locale(environ) == lang


def test_option_then_configuration_then_locale_then_english():
    assert resolve_lang("en", "zh", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert resolve_lang(None, "zh", {"LANG": "en_US.UTF-8"}) == "zh"
    assert resolve_lang(None, None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert resolve_lang(None, None, {}) == "en"


def test_lists_and_metric_labels():
    assert join("en", ["a", "b"]) == "a, b" and join("zh", ["a", "b"]) == "a、b"
    metrics = {"patents_granted": {"zh": "获得授权的国家专利数", "en": "national patents granted"}, "bare": {}, "half": {"zh": "半"}}
    assert metric_label(metrics, "patents_granted", "zh") == "获得授权的国家专利数"
    assert metric_label(metrics, "patents_granted", "en") == "national patents granted"
    assert metric_label(metrics, "half", "en") == "半"
    assert metric_label(metrics, "bare", "zh") == "bare" and metric_label(metrics, "unknown", "en") == "unknown"


def test_every_metric_of_the_library_has_both_labels():
    vocab = _packaged()
    assert len(vocab.metrics) > 100
    missing = [m for m, spec in vocab.metrics.items() if not (spec.get("zh") and spec.get("en"))]
    assert not missing


# -- through the command line ----------------------------------------------------------------------


def test_report_in_chinese_and_english(repo, run_cli):
    code, zh, _ = run_cli(repo, "report", "--lang", "zh", "--format", "json")
    assert code == 0
    code, en, _ = run_cli(repo, "report", "--lang", "en", "--format", "json")
    import json

    by_code = lambda doc: {f["code"]: f for f in json.loads(doc)["findings"]}
    zh_f, en_f = by_code(zh)["UC401"], by_code(en)["UC401"]
    assert "290多万元 ÷ 1.1万项 ≈ 252–286 元/项，低于 1,000 元/项的下限" in zh_f["message"]
    assert "290多万元 ÷ 1.1万项 ≈ 252–286 元/项, below the floor of 1,000 元/项" in en_f["message"]
    assert zh_f["fingerprint"] == en_f["fingerprint"]  # the language is not part of a finding's identity


def test_the_configuration_and_the_locale_choose_the_language(repo, run_cli, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, out, _ = run_cli(repo, "check", "--select", "UC401", "--exit-zero")
    assert "低于 1,000 元/项的下限" in out
    (repo / "ucheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    _, out, _ = run_cli(repo, "check", "--select", "UC401", "--exit-zero")
    assert "below the floor of 1,000 元/项" in out
    _, out, _ = run_cli(repo, "check", "--select", "UC401", "--exit-zero", "--lang", "zh")
    assert "低于 1,000 元/项的下限" in out


def test_a_bad_lang_in_the_configuration_names_file_and_line(repo, run_cli):
    (repo / "ucheck.toml").write_text('fail-level = "error"\nlang = "cn"\n', encoding="utf-8")
    code, out, err = run_cli(repo, "check")
    assert code == 2 and "ucheck.toml:2: lang must be one of en, zh, not 'cn'" in err and "Traceback" not in err


def test_message_zh_with_other_placeholders_is_refused_at_its_line(tmp_path):
    with pytest.raises(RuleConfigError, match=r"local.yaml:10: rule XX101: message_zh has the placeholders \{valeu\} but message has \{value\}"):
        _local_rules(tmp_path, "    summary: A local rule.\n    summary_zh: 本地规则。\n    rationale: Ours.\n"
                               "    message: 'many: {value}'\n    message_zh: '多：{valeu}'\n")


def test_a_broken_template_is_refused_at_its_line(tmp_path):
    with pytest.raises(RuleConfigError, match=r"local.yaml:10: rule XX101: message or message_zh is not a valid template"):
        _local_rules(tmp_path, "    summary: A local rule.\n    summary_zh: 本地规则。\n    rationale: Ours.\n"
                               "    message: 'many: {value}'\n    message_zh: '多：{value'\n")
