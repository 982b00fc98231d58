"""The findings of reading and validating curated files (UC001–UC009) in Chinese and in English
(issue 12 item 2): ``load_corpus(..., lang=)``, ``validate_figures(..., lang=)``, ``ucheck check
--lang zh``, and the load cache, whose entries are kept per language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ARTICLE, SEED, findings_of, write_repo
from ucheck.i18n import Phrase
from ucheck.kinds import figure_keys
from ucheck.load import yamlsafe
from ucheck.load.cache import LoadCache
from ucheck.load.corpus import load_corpus
from ucheck.load.keys import FigureKey
from ucheck.load.schema import validate_figures
from ucheck.paths import packaged_rules_dir
from ucheck.ruleset import load_rules

CJK = re.compile(r"[\u4e00-\u9fff]")

# one article with a typo in a key (UC007), an unknown metric (UC004), a unit its metric does not
# allow (UC005), a figure without its quote (UC002) and an id used twice (UC003)
TYPOS = """\
article:
  id: typos
  seed: seeds/demo.txt
  titel: 河南省总工会工作综述
  region: 河南省
figures:
  - id: patents
    subject: 创新工作室
    region: 河南省
    metric: patent_granted
    period: 近5年来
    value: 1.1万项
    quote: 全省各类创新工作室共取得国家专利1.1万项
  - id: people
    subject: 竞赛
    region: 河南省
    metric: enterprises_covered
    period: ""
    value: 近20万人
    quote: 参赛人数近20万人
  - id: collective
    subject: 集体协商制度
    region: 河南省
    metric: enterprises_covered
    period: ""
    value: 19.5万家
  - id: people
    subject: 竞赛
    region: 河南省
    metric: workers_covered
    period: ""
    value: 20多万人
    quote: 全省20多万名职工参加了竞赛
"""

FILES = {
    "demo.yaml": ARTICLE,
    "typos.yaml": TYPOS,
    "noseed.yaml": "article:\n  id: noseed\n  seed: seeds/nope.txt\n  title: t\n  region: 河南省\n",
    "badseed.yaml": "article:\n  id: badseed\n  seed: seeds/latin1.txt\n  title: t\n  region: 河南省\n",
    "empty.yaml": "# nothing yet\n",
    "twice.yaml": ARTICLE.replace("id: demo", "id: twice").replace("    value: 1.1万项\n", "    value: 1.1万项\n    value: 1.2万项\n"),
    "broken.yaml": "article: [unclosed\n",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = write_repo(tmp_path, curated=FILES, seeds={"demo.txt": SEED})
    (root / "seeds" / "latin1.txt").write_bytes("第一行\n第二行 ".encode("utf-8") + b"\xff\n")
    return root


def _vocab():
    return load_rules([packaged_rules_dir()], None)


def _load(root: Path, lang: str, cache: LoadCache | None = None):
    return load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys(), cache=cache, lang=lang)


def _messages(findings) -> dict[tuple, str]:
    """(code, file, line) → message."""
    return {(f.code, f.file, f.line): f.message for f in findings}


def _one(messages: dict, code: str, file: str) -> str:
    (msg,) = [m for (c, f, _), m in messages.items() if c == code and f == f"curated/{file}"]
    return msg


# (code, file, English, Chinese): substrings of the message of the one finding of that code in that file
READER = [
    ("UC007", "typos.yaml", "unknown key 'titel' in article (known: authors, date, id, ", "; did you mean 'title'?"),
    ("UC008", "noseed.yaml", "seed file 'seeds/nope.txt' does not exist", None),
    ("UC008", "badseed.yaml", "seed file 'seeds/latin1.txt' is not UTF-8: byte 0xff cannot be decoded (its line 2)", None),
    ("UC002", "empty.yaml", "empty file (no YAML content, or only comments): a curated file is a mapping with keys article, figures, ignored, waivers", None),
    ("UC001", "twice.yaml", "duplicate key 'value' (first on line 12)", None),
    ("UC001", "broken.yaml", "invalid YAML: while parsing a flow sequence", None),
]
READER_ZH = {
    ("UC007", "typos.yaml"): ["article 中有未知的键“titel”（已知的键：authors、date、id、", "；是否应为“title”？"],
    ("UC008", "noseed.yaml"): ["原文文件“seeds/nope.txt”不存在"],
    ("UC008", "badseed.yaml"): ["原文文件“seeds/latin1.txt”不是 UTF-8 编码：字节 0xff 无法解码（在其第 2 行）"],
    ("UC002", "empty.yaml"): ["空文件（没有 YAML 内容，或只有注释）：整理文件应为映射，含键 article、figures、ignored、waivers"],
    ("UC001", "twice.yaml"): ["重复的键“value”（首次出现在第 12 行）"],
    # PyYAML's own words stay as PyYAML prints them, inside our sentence
    ("UC001", "broken.yaml"): ["YAML 格式错误：while parsing a flow sequence"],
}


@pytest.mark.parametrize("code,file,en,en_more", READER, ids=[f"{c}-{f}" for c, f, *_ in READER])
def test_the_readers_problems_in_both_languages(data, code, file, en, en_more):
    en_msg = _one(_messages(_load(data, "en").problems), code, file)
    zh_msg = _one(_messages(_load(data, "zh").problems), code, file)
    assert en in en_msg and (en_more is None or en_more in en_msg), en_msg
    assert not CJK.search(en_msg.replace("河南省", "")), en_msg
    for part in READER_ZH[(code, file)]:
        assert part in zh_msg, zh_msg


def test_the_same_problems_at_the_same_places_with_the_same_keys(data):
    en, zh = _load(data, "en").problems, _load(data, "zh").problems
    assert [(p.code, p.file, p.line, p.column, p.key, p.fingerprint) for p in en] == \
           [(p.code, p.file, p.line, p.column, p.key, p.fingerprint) for p in zh]
    assert all(a.message != b.message for a, b in zip(en, zh))


def test_schema_findings_in_both_languages(data):
    vocab = _vocab()
    corpus = _load(data, "en")
    en = _messages(validate_figures(corpus.figures, vocab.metrics, lang="en"))
    zh = _messages(validate_figures(corpus.figures, vocab.metrics, lang="zh"))
    assert validate_figures(corpus.figures, vocab.metrics) == list(validate_figures(corpus.figures, vocab.metrics, lang="en"))
    assert en.keys() == zh.keys()
    # UC004: the metric the curator wrote, by its id, with the closest known one
    assert _one(en, "UC004", "typos.yaml") == ("figure patents: unknown metric 'patent_granted' (did you mean 'patents_granted'?) "
                                              "(not in the vocabulary of rules/; see `ucheck metrics`)")
    assert _one(zh, "UC004", "typos.yaml") == ("数字 patents：未知的指标“patent_granted”（是否应为“patents_granted”？），"
                                              "不在 rules/ 的指标表中（见 `ucheck metrics`）")
    # UC005: a known metric is named by its label too, in the language of the run
    assert _one(en, "UC005", "typos.yaml") == ("figure people: unit '人' of '近20万人' does not fit metric enterprises_covered "
                                              "(enterprises covered by a system or campaign; units: 家, 个)")
    assert _one(zh, "UC005", "typos.yaml") == ("数字 people：“近20万人”的单位“人”不符合指标“某项制度或活动覆盖的企业数”"
                                              "（enterprises_covered；可用单位：家、个）")
    assert _one(en, "UC002", "typos.yaml") == "figure collective: field 'quote' is missing"
    assert _one(zh, "UC002", "typos.yaml") == "数字 collective：缺少字段“quote”"
    assert _one(en, "UC003", "typos.yaml") == "figure id 'people' is used more than once in article typos (first on line 14)"
    assert _one(zh, "UC003", "typos.yaml") == "数字 id“people”在文章 typos 中重复使用（首次出现在第 14 行）"


def test_a_bad_value_of_a_declared_key_in_both_languages(tmp_path):
    odd = Phrase("{value} is odd", "{value} 是奇数")  # a kind's own phrase, with its values

    def parse(value, report):
        if int(value) % 2:
            report(None, odd, value=value)
            return None
        return value

    keys = (FigureKey("side", "which side", read="choice", choices=("left", "right"), doc_zh="哪一边"),
            FigureKey("pairs", "an even number", read="parse", parse=parse))
    text = ARTICLE.replace("    value: 1.1万项\n", "    value: 1.1万项\n    side: middle\n    pairs: 3\n")
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    got = {lang: [p.message for p in load_corpus([root / "curated"], root, keys=keys, lang=lang).problems] for lang in ("en", "zh")}
    assert got["en"] == ["figure patents: side must be left or right (which side), not 'middle'", "figure patents: 3 is odd"]
    assert got["zh"] == ["数字 patents：side 应为 left 或 right（哪一边），而不是“middle”", "数字 patents：3 是奇数"]


def test_stated_rules_and_waivers_in_both_languages(tmp_path):
    text = ARTICLE + ("stated_rules:\n  - {id: r1, per: 人, quote: 每人, yields: [{quota: 1}], colour: red}\n"
                      "waivers:\n  - {rule: UC101, figures: [patents]}\n")
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    got = {lang: [p.message for p in load_corpus([root / "curated"], root, keys=figure_keys(), lang=lang).problems] for lang in ("en", "zh")}
    assert got["en"] == [
        "unknown key 'colour' in stated rule (known: id, note, per, quote, units, yields)",
        "stated rule r1: a yield needs quota (as printed: 前10名, 状元, 9个) and total (the id of the figure it produced)",
        "a waiver needs a reason: why the finding is acknowledged rather than fixed",
    ]
    assert got["zh"] == [
        "文中规则中有未知的键“colour”（已知的键：id、note、per、quote、units、yields）",
        "文中规则 r1：yield 需要 quota（照原文写：前10名、状元、9个）和 total（它得出的数字的 id）",
        "豁免需要理由（reason）：为什么确认这条检查结果而不是改正它",
    ]


def test_yaml_problems_keep_english_as_their_text_and_say_it_in_chinese(tmp_path):
    p = tmp_path / "big.yaml"
    p.write_bytes(b"x" * 2048)
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.read_bytes(p, 1024)
    assert str(exc.value) == "file too large: 0.0 MB, above the limit of 0.0 MB (UCHECK_MAX_FILE_MB): not read"
    assert exc.value.text("en") == str(exc.value)
    assert exc.value.text("zh") == "文件过大：0.0 MB，超过 0.0 MB 的上限（UCHECK_MAX_FILE_MB）：未读取"
    with pytest.raises(yamlsafe.YamlProblem) as exc:
        yamlsafe.load("a: 1\nb: !!python/object:os.system x\n")
    assert str(exc.value) == "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"
    assert exc.value.text("zh") == "不允许使用标签“tag:yaml.org,2002:python/object:os.system”" and exc.value.line == 2


# -- through the command line ----------------------------------------------------------------------

def _check(run_cli, root: Path, *args: str) -> str:
    code, out, err = run_cli(root, "check", "--no-waivers", *args)
    assert code == 1 and "Traceback" not in err, (code, err)
    return out


def test_ucheck_check_lang_zh_and_en(data, run_cli):
    zh = _check(run_cli, data, "--lang", "zh", "--no-cache")
    en = _check(run_cli, data, "--lang", "en", "--no-cache")
    assert "curated/typos.yaml:4:1: UC007 [error] article 中有未知的键“titel”" in zh
    assert "curated/typos.yaml:4:1: UC007 [error] unknown key 'titel' in article" in en
    assert "UC004 [error] 数字 patents：未知的指标“patent_granted”（是否应为“patents_granted”？）" in zh
    assert "UC004 [error] figure patents: unknown metric 'patent_granted' (did you mean 'patents_granted'?)" in en
    assert "UC005 [error] 数字 people：“近20万人”的单位“人”不符合指标“某项制度或活动覆盖的企业数”（enterprises_covered；可用单位：家、个）" in zh
    assert "UC005 [error] figure people: unit '人' of '近20万人' does not fit metric enterprises_covered (enterprises covered" in en
    assert "curated/noseed.yaml:3:1: UC008 [error] 原文文件“seeds/nope.txt”不存在" in zh
    assert "curated/noseed.yaml:3:1: UC008 [error] seed file 'seeds/nope.txt' does not exist" in en
    assert "curated/empty.yaml:1:1: UC002 [error] 空文件" in zh
    assert "curated/empty.yaml:1:1: UC002 [error] empty file" in en


def test_fingerprints_do_not_depend_on_the_language(data, run_cli):
    def run(lang):
        code, out, _ = run_cli(data, "check", "--format", "json", "--no-cache", "--lang", lang)
        return {(f["code"], f["file"], f["line"]): (f["fingerprint"], f["message"]) for f in findings_of(out)}

    en, zh = run("en"), run("zh")
    assert en.keys() == zh.keys()
    assert {k: v[0] for k, v in en.items()} == {k: v[0] for k, v in zh.items()}
    assert {k for k in en if en[k][1] == zh[k][1]} <= {k for k in en if not k[0].startswith("UC00")}


# -- the load cache keeps each language's messages ------------------------------------------------------

def test_a_warm_cache_gives_the_messages_of_the_language_of_the_run(data, run_cli):
    en = _check(run_cli, data, "--lang", "en")  # cold: entries written
    zh = _check(run_cli, data, "--lang", "zh")  # warm for English only
    assert "article 中有未知的键“titel”" in zh and "空文件" in zh and "重复的键“value”" in zh and "YAML 格式错误" in zh
    assert "unknown key 'titel'" not in zh and "empty file" not in zh
    assert _check(run_cli, data, "--lang", "zh") == zh  # warm for both
    assert _check(run_cli, data, "--lang", "en") == en
    assert _check(run_cli, data, "--lang", "zh", "--no-cache") == zh


def test_cache_entries_are_kept_per_language(data):
    files = len(list((data / "curated").glob("*.yaml")))
    runs = {}
    for lang in ("en", "zh", "en", "zh"):
        c = LoadCache(data)
        corpus = _load(data, lang, c)
        runs.setdefault(lang, []).append(((c.hits, c.misses), [p.message for p in corpus.problems]))
    (cold_en, warm_en), (cold_zh, warm_zh) = runs["en"], runs["zh"]
    assert cold_en[0][1] == cold_zh[0][1] == files  # a language's first run reads every file
    assert warm_en[0] == warm_zh[0] == (files, 0)  # then both are replayed, side by side
    assert warm_en[1] == cold_en[1] == [p.message for p in _load(data, "en").problems]
    assert warm_zh[1] == cold_zh[1] == [p.message for p in _load(data, "zh").problems]
    header = json.loads((next(p for p in (data / ".ucheck_cache").glob("load-*/*.json") if p.name != "literals.json")).read_text(encoding="utf-8").split("\n", 1)[0])
    assert header["lang"] in ("en", "zh")
