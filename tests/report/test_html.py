"""The review page (``report --format html``) without a browser: parsed with ``html.parser``.

Every curated figure is marked in its article's text, every finding is listed with its code,
everything from the data is text (a ``<script>`` in a seed, a quote, a title, a waiver reason), and
the page is self-contained. tests/report/test_browser.py opens it in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, SEED, findings_of, write_repo

from ucheck.finding import FigureRef, Finding
from ucheck.report import FORMATS, RunInfo, render

# A repository whose data tries every way into the markup: a seed text with a script, a title with
# an image that runs code, a figure whose literal is a tag, a waiver reason that closes the script
# element the article travels in.
EVIL_SEED = textwrap.dedent(
    """\
    工会工作<script>alert("seed")</script>综述

    全省工会会员<img src=x onerror=alert("seed-img")>25多人，其中新会员1200名。共取得国家专利<b>1065项</b>。

    参赛人数1.2万人。
    """
)
EVIL = textwrap.dedent(
    """\
    article:
      id: evil
      seed: seeds/evil.txt
      title: '<img src=x onerror=alert("title")>报告'
      region: 河南省
    figures:
      - id: members
        subject: '<script>alert("subject")</script>'
        region: 河南省
        metric: union_members
        period: ""
        value: 25多人
        quote: 全省工会会员<img src=x onerror=alert("seed-img")>25多人
      - id: new-members
        subject: 工会
        region: 河南省
        metric: union_members
        period: ""
        value: 1200名
        quote: 其中新会员1200名
      - id: tagged
        subject: 工会
        region: 河南省
        metric: patents_granted
        period: ""
        value: <b>1065项</b>
        quote: 共取得国家专利<b>1065项</b>
    ignored:
      - {value: '1.2万人', quote: 参赛人数1.2万人, reason: '</script><script>alert("ignored")</script>'}
    waivers:
      - rule: UC101
        figures: [members]
        reason: '</script><script>alert("waiver")</script><!-- printed so'
    """
)


class Page(HTMLParser):
    """The elements of a page: tags with their attributes, the text inside each <mark>, the text of
    every <script> by type, and all text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.marks: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._script: dict | None = None
        self._mark: list = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._script, self._buf = a, []
        if tag == "mark":
            self._mark.append([a, ""])

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buf)))
            self._script = None
        if tag == "mark" and self._mark:
            self.marks.append(tuple(self._mark.pop()))

    def handle_data(self, data):
        if self._script is not None:
            self._buf.append(data)
            return
        self.text.append(data)
        for m in self._mark:
            m[1] += data


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


def articles(page: Page) -> dict[str, Page]:
    """The markup of each article (the text of its inert script element), parsed: by file."""
    out = {}
    for attrs, body in page.scripts:
        if attrs.get("type") == "text/x-ucheck-article":
            doc = parse(body)
            file = next(t for t in doc.text if t.startswith("curated/") or t.endswith(".yaml"))
            out[file] = doc
    return out


def report_html(root: Path, run_cli, *args: str) -> str:
    out = root.parent / f"{root.name}-review.html"
    code, stdout, err = run_cli(root, "report", "--format", "html", "--output-file", str(out), *args)
    assert code == 0 and stdout == "" and not err, err
    return out.read_text(encoding="utf-8")


def curated_figures(root: Path) -> dict[str, list[tuple[str, str]]]:
    """(id, value) of the figures and quotas of every curated file, as written."""
    import yaml

    out = {}
    for f in sorted((root / "curated").glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            continue
        items = [(str(x["id"]), str(x["value"])) for x in doc.get("figures") or []]
        items += [(str(r["id"]), str(y["quota"])) for r in doc.get("stated_rules") or [] for y in r.get("yields") or []]
        out[f"curated/{f.name}"] = items
    return out


def norm(s: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", s).split())


def assert_every_figure_marked(root: Path, page: Page) -> int:
    docs = articles(page)
    n = 0
    for file, items in curated_figures(root).items():
        doc = docs[file]
        marked: dict[str, str] = {}
        for attrs, text in doc.marks:
            if "fig" in attrs.get("class", "").split() and "again" not in attrs["class"]:
                for fid in attrs["title"].split(", "):
                    marked[fid] = marked.get(fid, "") + text
        for fid, value in items:
            assert fid in marked, f"{file}: figure {fid} ({value}) is not marked"
            assert norm(value) in norm(marked[fid]) or norm(marked[fid]) in norm(value), (file, fid, value, marked[fid])
            n += 1
    return n


# ------------------------------------------------------------------------------------------ tests


def test_html_is_a_format_of_check_and_report():
    assert "html" in FORMATS


def test_every_curated_figure_of_the_bundled_data_is_marked_and_every_finding_listed(run_cli, tmp_path):
    out = tmp_path / "review.html"
    code, _, err = run_cli(REPO, "report", "--format", "html", "--output-file", str(out), "--no-waivers")
    assert code == 0, err
    page = parse(out.read_text(encoding="utf-8"))
    assert assert_every_figure_marked(REPO, page) > 400
    _, js, _ = run_cli(REPO, "report", "--format", "json", "--no-waivers")
    expected = sorted((f["code"], f"{f['file']}:{f['line']}:{f['column']}") for f in findings_of(js))
    listed = []
    for doc in articles(page).values():
        cards = [a for t, a in doc.tags if t == "div" and "finding" in a.get("class", "").split()]
        wheres = [t for t in doc.text if re.fullmatch(r"\S+:\d+:\d+", t)]
        assert len(cards) == len(wheres)
        listed += [(a["data-rule"], w) for a, w in zip(cards, wheres)]
    assert sorted(listed) == expected and expected


def test_everything_from_the_data_is_text(tmp_path, run_cli):
    root = write_repo(tmp_path / "evil", curated={"evil.yaml": EVIL}, seeds={"evil.txt": EVIL_SEED})
    html = report_html(root, run_cli)
    page = parse(html)
    # the page's own scripts only: the index data, the articles (inert), the page's script
    kinds = [a.get("type") for a, _ in page.scripts]
    assert kinds.count(None) == 1 and set(kinds) == {None, "application/json", "text/x-ucheck-article"}
    assert not any(t == "img" for t, _ in page.tags)
    assert not any(a.get(k, "").startswith(("javascript:", "http:", "https:", "//")) for _, a in page.tags for k in ("href", "src"))
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    (doc,) = articles(page).values()
    assert not any(t in ("script", "img") for t, _ in doc.tags)  # shown, not obeyed
    text = "".join(doc.text)
    for shown in ('<script>alert("seed")</script>', '<img src=x onerror=alert("seed-img")>', "<b>1065项</b>",
                  '</script><script>alert("waiver")</script><!-- printed so'):
        assert shown in text, shown
    assert '<img src=x onerror=alert("title")>报告' in "".join(page.text)  # the index and the title bar
    # the marks: the literal that is a tag is marked as text; the ignored numeral with its reason
    marks = {a.get("title"): t for a, t in doc.marks}
    assert marks["tagged"] == "<b>1065项</b>" and marks["members"] == "25多人"
    ign = [(a, t) for a, t in doc.marks if a["class"] == "ign"]
    assert ign == [({"class": "ign", "data-f": ign[0][0]["data-f"], "title": 'ignored: </script><script>alert("ignored")</script>'}, "1.2万人")]
    # the JSON data cannot close its element either
    (data,) = [body for a, body in page.scripts if a.get("type") == "application/json"]
    assert "<" not in data and json.loads(data)["articles"]


def test_the_page_is_self_contained_and_runs_only_its_own_script(tmp_path, run_cli):
    html = report_html(write_repo(tmp_path / "demo"), run_cli)
    page = parse(html)
    assert not any(t in ("link", "iframe", "object", "embed", "base") for t, _ in page.tags)
    assert not any("src" in a for t, a in page.tags if t in ("script", "img"))
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    (js,) = [body for a, body in page.scripts if a.get("type") is None]
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "url(" not in html and "@import" not in html and "@font-face" not in html


def test_marks_show_state_ignored_numerals_and_coverage_gaps(tmp_path, run_cli):
    seed = SEED + "\n共有会员3000名，其中女会员1600名。2018年9月26日召开大会。\n"
    article = ARTICLE + "ignored:\n  - {value: 1600名, quote: 其中女会员1600名, reason: not a figure of this report}\n"
    root = write_repo(tmp_path / "cov", curated={"demo.yaml": article}, seeds={"demo.txt": seed})
    page = parse(report_html(root, run_cli))
    (doc,) = articles(page).values()
    by_class = {}
    for a, t in doc.marks:
        by_class.setdefault(a["class"], []).append((a.get("title"), t))
    assert ("patents", "1.1万项") in by_class["fig st-warning"]  # UC401 is a warning in the library
    assert ("benefit", "290多万元") in by_class["fig st-warning"]
    assert ("harmony-enterprises", "15多家") in by_class["fig st-warning"]
    assert ("not curated", "3000名") in by_class["gap"] and ("not curated", "20多万名") in by_class["gap"]
    assert [t for _, t in by_class["ign"]] == ["1600名"]
    assert any(t == "2018年9月26日" for _, t in by_class["auto"])
    waived = ARTICLE + "waivers:\n  - {rule: UC101, figures: [harmony-enterprises], reason: printed so}\n"
    root = write_repo(tmp_path / "ack", curated={"demo.yaml": waived})
    (doc,) = articles(parse(report_html(root, run_cli))).values()
    assert ("harmony-enterprises", "15多家") in [(a["title"], t) for a, t in doc.marks if a["class"] == "fig st-ack"]


def test_findings_sit_beside_the_line_of_their_figures_with_their_rule_page(tmp_path, run_cli):
    page = parse(report_html(write_repo(tmp_path / "demo"), run_cli))
    (doc,) = articles(page).values()
    rows: dict[str, list[str]] = {}
    line = None
    for t, a in doc.tags:
        if t == "div" and a.get("class") == "row":
            line = a["data-line"]
        if t == "div" and "finding" in a.get("class", "").split():
            rows.setdefault(line, []).append(a["data-rule"])
    assert rows == {"3": ["UC401"], "5": ["UC101"]}  # the seed lines of 1.1万项/290多万元 and 15多家
    links = {a["href"] for t, a in doc.tags if t == "a" and "data-rule-link" in a}
    assert links == {"#rule-UC401", "#rule-UC101"}
    ids = {a.get("id") for t, a in page.tags if t == "article"}
    assert {"rule-UC401", "rule-UC101"} <= ids
    assert "Direct economic benefit per patent granted below 1,000 元" in "".join(page.text)  # the rule's page, embedded


def test_a_finding_on_the_seed_text_is_pinned_where_it_is(tmp_path, run_cli):
    seed = SEED.replace("参赛人数近20万人。", "参赛人数近20万人，最吸引眼球的的就是竞赛。")
    root = write_repo(tmp_path / "pin", seeds={"demo.txt": seed})
    page = parse(report_html(root, run_cli, "--select", "UC603"))
    (doc,) = articles(page).values()
    pins = [(a, t) for a, t in doc.marks if a["class"].startswith("pin")]
    cards = [a for t, a in doc.tags if t == "div" and a.get("data-rule") == "UC603"]
    assert len(pins) == 1 and len(cards) == 1 and pins[0][0]["data-pin"] == cards[0]["id"] and pins[0][1] == "的"


def test_without_a_corpus_the_page_lists_the_findings(tmp_path):
    f = Finding("UC001", "file-unreadable", "error", None, "curated/x.yaml", 3, "bad <YAML>",
                figures=[FigureRef("a", "1<2", "q<q>", 2, None)])
    page = parse(render([f], "html", info=RunInfo(title="t<i>")))
    (doc,) = articles(page).values()
    assert "bad <YAML>" in "".join(doc.text) and "q<q>" in "".join(doc.text)
    assert [a["data-rule"] for t, a in doc.tags if t == "div" and "finding" in a.get("class", "").split()] == ["UC001"]
    assert "t<i>" in "".join(page.text)
    empty = parse(render([], "html", info=RunInfo()))
    assert not articles(empty)


def test_the_page_is_deterministic_and_statistics_stay_out_of_it(tmp_path, run_cli):
    root = write_repo(tmp_path / "demo")
    assert report_html(root, run_cli) == report_html(root, run_cli)
    out = tmp_path / "s.html"
    code, stdout, err = run_cli(root, "report", "--format", "html", "--output-file", str(out), "--statistics")
    assert code == 0 and re.search(r"^\s+1  UC401  ", err, re.M)
    assert "UC401  benefit" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [(), ("curated/demo.yaml",)])
def test_the_files_given_restrict_the_articles_shown(tmp_path, run_cli, args):
    clean = ("article: {id: clean, seed: seeds/clean.txt, title: t, region: 河南省}\nfigures:\n"
             "  - {id: p, subject: s, region: 河南省, metric: patents_granted, period: '', value: 1065项, quote: 共取得国家专利1065项}\n")
    root = write_repo(tmp_path / "two", curated={"demo.yaml": ARTICLE, "clean.yaml": clean},
                      seeds={"demo.txt": SEED, "clean.txt": "共取得国家专利1065项。\n"})
    page = parse(report_html(root, run_cli, *args))
    assert sorted(articles(page)) == (["curated/demo.yaml"] if args else ["curated/clean.yaml", "curated/demo.yaml"])


# ---------------------------------------------------------------------------------------- Chinese


def _visible_words(page: Page) -> set[str]:
    """Every text node of the page and of its articles, stripped: what a reader sees (and the
    titles and labels of marks and controls)."""
    out = {t.strip() for t in page.text}
    for doc in articles(page).values():
        out |= {t.strip() for t in doc.text}
        out |= {a[k].strip() for _, a in doc.tags for k in ("title", "aria-label") if k in a}
    out |= {a[k].strip() for _, a in page.tags for k in ("title", "aria-label") if k in a}
    return out - {""}


def test_the_page_in_chinese_has_chinese_labels_and_messages(run_cli, tmp_path):
    from ucheck.report import html as page_module
    from ucheck.report import text as text_module

    root = write_repo(tmp_path / "demo")
    zh, en = report_html(root, run_cli, "--lang", "zh"), report_html(root, run_cli)
    assert '<html lang="zh-Hans">' in zh and '<html lang="en">' in en
    page = parse(zh)
    words = _visible_words(page)
    # not one label of ours left in English (the data and the rule names are what they are)
    english = {p.en.strip() for table in (page_module.SAY, page_module.MENTION, text_module.SAY) for _, p in table if "{" not in p.en}
    assert not (english & words), english & words
    assert {"显示", "规则", "全部规则", "只列出有可见发现的文章", "错误", "警告", "提示", "已确认", "无发现", "未整理", "待处理"} <= words
    assert "2 条发现：" in words and "这些发现涉及的规则" in words and "作用" in words and "原因" in words
    (doc,) = articles(page).values()
    text = "".join(doc.text)
    assert "290多万元 ÷ 1.1万项 ≈ 252–286 元/项，低于 1,000 元/项的下限" in text  # the arithmetic, with units, in Chinese
    assert "第 3 行" in text and re.search(r"标出 \d+ 个数字 · \d+ 个已忽略 · \d+ 个未整理", text)
    say = json.loads(next(body for a, body in page.scripts if a.get("id") == "index-data"))["say"]
    assert say["no_articles"] == "没有文章。" and say["article"] == "第 {i} 篇，共 {n} 篇 · "
    # the script is one for both languages: its words come with the data
    script = lambda html: next(body for a, body in parse(html).scripts if not a)
    assert script(zh) == script(en)
    page_en = parse(en)
    assert {"Show", "all rules", "not curated", "Rules of these findings", "open"} <= _visible_words(page_en)
    assert "below the floor of 1,000 元/项" in "".join(next(iter(articles(page_en).values())).text)


def test_the_bundled_290_wan_finding_in_chinese(run_cli, tmp_path):
    out = tmp_path / "review.html"
    code, _, err = run_cli(REPO, "report", "--format", "html", "--output-file", str(out), "--lang", "zh")
    assert code == 0, err
    page = parse(out.read_text(encoding="utf-8"))
    body = next(b for a, b in page.scripts if a.get("type") == "text/x-ucheck-article" and "curated/001-henan-union-review.yaml" in b)
    (card,) = re.findall(r'<div class="finding [^"]*"[^>]*data-rule="UC401".*?<p class="where">', body, re.S)
    assert re.search(r'<span class="sev b-\w+">(错误|警告|提示)( · 已确认)?</span>', card)
    assert "290多万元 ÷ 1.1万项 ≈ 252–286 元/项，低于 1,000 元/项的下限" in card
    assert re.search(r'<span class="sl">第 \d+ 行</span>', card)
