"""The review page (``report --format html``) in a real browser: Debian's Chromium, headless, driven
by Playwright for Python (no browser download: ``executable_path`` is the system's chromium, which
.ci/run installs with apt-get).

On the bundled data: every curated figure is marked in its article's text, every open finding is
listed with its code, the severity and rule filters hide and show findings, ``j``/``k`` walk the
findings shown; a ``<script>`` (and an ``onerror``) in curated data and seed text stays inert; a
page of a synthetic corpus opens quickly; with ``--lang zh`` the page's labels, its status line and
the 290多万元 finding (UC401, its arithmetic in 元/项) are Chinese. Screenshots are written for
review — under pytest's tmp dir, and into ``$UCHECK_SCREENSHOT_DIR`` when it is set — and their
paths printed.

Slow (a browser start, a few pages): the quick run (``-m "not slow"``) skips it; CI runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, SEED, findings_of, write_repo
from test_html import EVIL, EVIL_SEED, curated_figures

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def _ucheck(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "ucheck", *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)")
        pytest.skip(f"no {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The pages of the bundled data: as reported (waived findings acknowledged), with
    --no-waivers (every finding open) and in Chinese, and the page of a repository of hostile data."""
    d = tmp_path_factory.mktemp("review")
    out = {"bundled": d / "bundled.html", "open": d / "open.html", "evil": d / "evil.html", "zh": d / "zh.html"}
    _ucheck("report", "--root", str(REPO), "--format", "html", "--output-file", str(out["bundled"]), "--lang", "en")
    _ucheck("report", "--root", str(REPO), "--format", "html", "--output-file", str(out["zh"]), "--lang", "zh")
    _ucheck("report", "--root", str(REPO), "--format", "html", "--output-file", str(out["open"]), "--no-waivers")
    evil = write_repo(d / "evil", curated={"evil.yaml": EVIL, "demo.yaml": ARTICLE}, seeds={"evil.txt": EVIL_SEED, "demo.txt": SEED})
    _ucheck("report", "--root", str(evil), "--format", "html", "--output-file", str(out["evil"]))
    findings = findings_of(_ucheck("report", "--root", str(REPO), "--format", "json", "--no-waivers").stdout)
    return out, findings


def _open(browser, path: Path, events: list | None = None):
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    if events is not None:
        page.on("dialog", lambda d: (events.append(("dialog", d.message)), d.dismiss()))
        page.on("pageerror", lambda e: events.append(("pageerror", str(e))))
        page.on("console", lambda m: events.append(("console", m.text)) if m.type in ("error", "warning") else None)
        page.on("request", lambda r: events.append(("request", r.url)) if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready]")
    return page


def _articles(page) -> list[tuple[int, str]]:
    return [(int(a.get_attribute("data-i")), a.query_selector(".f").inner_text()) for a in page.query_selector_all("#index a[data-i]")]


def _show(page, i: int) -> None:
    page.click(f'#index a[data-i="{i}"]')
    page.wait_for_selector(f'#view article.doc[data-i="{i}"]')


def test_every_curated_figure_is_marked_in_its_article(browser, pages):
    (paths, _) = pages
    page = _open(browser, paths["bundled"])
    expected = curated_figures(REPO)
    seen = set()
    for i, file in _articles(page):
        _show(page, i)
        marks = page.eval_on_selector_all(
            "#view mark.fig:not(.again)",
            "ms => ms.map(m => [m.title, m.textContent, m.getBoundingClientRect().width, getComputedStyle(m).borderBottomStyle])")
        marked = {fid for title, _, width, border in marks if width > 0 and border != "none" for fid in title.split(", ")}
        missing = [fid for fid, _ in expected[file] if fid not in marked]
        assert not missing, f"{file}: not marked: {missing}"
        seen.add(file)
    assert seen == set(expected)
    page.close()


def test_every_open_finding_is_listed_with_its_code(browser, pages):
    paths, findings = pages
    page = _open(browser, paths["open"])
    listed = []
    for i, _ in _articles(page):
        _show(page, i)
        listed += page.eval_on_selector_all(
            "#view .finding", "fs => fs.map(f => [f.dataset.rule, f.querySelector('.where').textContent, f.innerText])")
    assert all(code in text for code, _, text in listed)  # the code is shown, not only an attribute
    assert sorted((code, where) for code, where, _ in listed) == sorted((f["code"], f"{f['file']}:{f['line']}:{f['column']}") for f in findings)
    assert len(findings) > 20
    page.close()


def test_severity_and_rule_filters_hide_and_show_findings(browser, pages):
    paths, findings = pages
    page = _open(browser, paths["open"])
    by_file = {}
    for f in findings:
        by_file.setdefault(f["file"], set()).add(f["severity"])
    # an article with findings of more than one severity
    target = next(i for i, file in _articles(page) if len(by_file.get(file, ())) >= 2)
    _show(page, target)

    def shown():
        return page.eval_on_selector_all("#view .finding", "fs => fs.filter(f => f.offsetParent !== null).map(f => [f.dataset.state, f.dataset.rule])")

    everything = shown()
    states = {s for s, _ in everything}
    assert len(states) >= 2
    hide = sorted(states)[0]
    page.uncheck(f'#filters input[name="sev"][value="{hide}"]')
    assert shown() and all(s != hide for s, _ in shown())
    assert len(shown()) == len([1 for s, _ in everything if s != hide])
    for _ in range(len(everything) + 2):  # j walks the findings shown, never a hidden one
        page.keyboard.press("j")
        state = page.eval_on_selector("#view .finding.current", "f => f.dataset.state") if page.query_selector("#view .finding.current") else None
        assert state != hide
    page.check(f'#filters input[name="sev"][value="{hide}"]')
    assert sorted(shown()) == sorted(everything)
    code = everything[0][1]
    page.select_option("#rule-filter", code)
    assert shown() and all(r == code for _, r in shown())
    page.select_option("#rule-filter", "")
    assert sorted(shown()) == sorted(everything)
    page.close()


def test_keys_go_from_finding_to_finding_across_articles(browser, pages):
    paths, findings = pages
    page = _open(browser, paths["open"])
    _show(page, 0)
    seen = []
    for _ in range(len(findings) + 1):  # once more than there are: j stays on the last one
        page.keyboard.press("j")
        seen.append((page.eval_on_selector("#view .finding.current", "f => f.id"),
                     page.eval_on_selector("#view article.doc", "a => a.dataset.i")))
    assert len(set(seen)) == len(findings) and seen[-1] == seen[-2]
    with_findings = page.evaluate("JSON.parse(document.getElementById('index-data').textContent).articles.filter(a => a.r.length).length")
    assert len({a for _, a in seen}) == with_findings  # j went through every article that has findings
    page.keyboard.press("k")
    assert page.eval_on_selector("#view .finding.current", "f => f.id") == seen[-3][0]
    _show(page, 0)
    page.keyboard.press("n")
    assert page.eval_on_selector("#view article.doc", "a => a.dataset.i") == "1"
    page.keyboard.press("p")
    assert page.eval_on_selector("#view article.doc", "a => a.dataset.i") == "0"
    page.close()


def test_a_rule_link_opens_the_rule_page(browser, pages):
    paths, _ = pages
    page = _open(browser, paths["bundled"])
    i = next(i for i, file in _articles(page) if file == "curated/001-henan-union-review.yaml")
    _show(page, i)
    page.click('#view .finding[data-rule="UC401"] a.rule')
    dialog = page.wait_for_selector("#rule-dialog[open]")
    text = dialog.inner_text()
    assert "UC401 benefit-per-patent-implausible" in text and "What it does" in text and "Why" in text
    page.keyboard.press("Escape")
    page.wait_for_selector("#rule-dialog:not([open])", state="attached")
    page.keyboard.press("j")  # the keys work again once it is closed
    assert page.query_selector("#view .finding.current")
    page.close()


def test_script_in_curated_data_is_inert(browser, pages):
    paths, _ = pages
    events: list = []
    page = _open(browser, paths["evil"], events)
    page.evaluate("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective))")
    for i, file in _articles(page):
        _show(page, i)
        if file == "curated/evil.yaml":
            before = page.evaluate("document.getElementById('view').innerHTML")
            for _ in range(3):
                page.keyboard.press("j")
            page.click("#view mark.fig")
            time.sleep(0.5)
            assert page.evaluate("document.querySelectorAll('#view script, #view img, #view iframe').length") == 0
            text = page.inner_text("#view")
            assert '<script>alert("seed")</script>' in text and '<img src=x onerror=alert("seed-img")>' in text
            assert '</script><script>alert("waiver")</script><!-- printed so' in text
            after = page.evaluate("document.getElementById('view').innerHTML")
            # the page's own changes only: the classes of the current finding and its marks
            strip = "s => s.replace(/ (current|hl)(?=\")/g, '')"
            assert page.evaluate(f"({strip})({json.dumps(before)})") == page.evaluate(f"({strip})({json.dumps(after)})")
    assert '<img src=x onerror=alert("title")>报告' in page.inner_text("#index")
    assert events == [] and page.evaluate("window.__violations") == []
    page.close()


def _screenshot(page, tmp_path: Path, name: str, capsys) -> None:
    """A screenshot of the page for review: under pytest's tmp dir (and $UCHECK_SCREENSHOT_DIR), its paths printed."""
    shots = [tmp_path / name]
    if os.environ.get("UCHECK_SCREENSHOT_DIR"):
        d = Path(os.environ["UCHECK_SCREENSHOT_DIR"])
        d.mkdir(parents=True, exist_ok=True)
        shots.append(d / name)
    page.screenshot(path=str(shots[0]))
    for extra in shots[1:]:
        shutil.copyfile(shots[0], extra)
    assert shots[0].stat().st_size > 10_000
    with capsys.disabled():
        print(f"\nreview page screenshot: {', '.join(map(str, shots))}")


def test_screenshot_for_review(browser, pages, tmp_path, capsys):
    """The 290多万元 finding (UC401) focused, its figures highlighted in the article."""
    paths, _ = pages
    page = _open(browser, paths["bundled"])
    i = next(i for i, file in _articles(page) if file == "curated/001-henan-union-review.yaml")
    _show(page, i)
    page.click('#view .finding[data-rule="UC401"] .msg')
    assert {"290多万元", "1.1万项"} <= set(page.eval_on_selector_all("#view mark.hl", "ms => ms.map(m => m.textContent)"))
    _screenshot(page, tmp_path, "review-henan-UC401.png", capsys)
    page.close()


def test_the_page_in_chinese(browser, pages, tmp_path, capsys):
    """--lang zh: the page's labels and status line are Chinese, the UC401 finding shows its arithmetic
    in 元/项 with its figures highlighted, its rule opens in Chinese; a screenshot for review."""
    paths, _ = pages
    events: list = []
    page = _open(browser, paths["zh"], events)
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert page.inner_text("#filters legend") == "显示"
    labels = page.eval_on_selector_all('#filters label.chk', "ls => ls.map(l => l.innerText.trim())")
    assert labels[:4] == ["错误", "警告", "提示", "已确认"] and labels[4] == "只列出有可见发现的文章"
    assert page.inner_text('#rule-filter option[value=""]') == "全部规则"
    assert "条发现：" in page.inner_text("#top .totals")
    i = next(i for i, file in _articles(page) if file == "curated/001-henan-union-review.yaml")
    _show(page, i)
    assert "标出" in page.inner_text("#view .dochead") and "个未整理" in page.inner_text("#view .dochead")
    card = '#view .finding[data-rule="UC401"]'
    page.click(f"{card} .msg")
    msg = page.inner_text(f"{card} .msg")
    assert "元/项" in msg and "290多万元 ÷ 1.1万项 ≈ 252–286 元/项，低于 1,000 元/项的下限" in msg
    assert page.inner_text(f"{card} .sev").split(" · ")[0] in ("错误", "警告", "提示")
    assert {"290多万元", "1.1万项"} <= set(page.eval_on_selector_all("#view mark.hl", "ms => ms.map(m => m.textContent)"))
    status = page.inner_text("#status")
    assert status.startswith(f"第 {i + 1} 篇，共 ") and "本篇第 " in status and "共显示 " in status, status
    _screenshot(page, tmp_path, "review-henan-UC401-zh.png", capsys)
    page.click(f"{card} a.rule")
    dialog = page.wait_for_selector("#rule-dialog[open]")
    assert "UC401 benefit-per-patent-implausible" in dialog.inner_text() and "作用" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert events == []
    page.close()


def test_a_large_corpus_opens_without_freezing(browser, tmp_path):
    """A synthetic corpus of 300 articles (benchmarks/generate_corpus.py): the page is ready in
    seconds, no task blocks the page for long, and an article far down the index opens at once."""
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), str(corpus), "300"], check=True,
                   capture_output=True, timeout=300)
    out = tmp_path / "big.html"
    _ucheck("report", "--root", str(corpus), "--format", "html", "--output-file", str(out))
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.add_init_script("window.__long = []; new PerformanceObserver(l => { for (const e of l.getEntries()) "
                         "window.__long.push(e.duration); }).observe({type: 'longtask', buffered: true});")
    t = time.perf_counter()
    page.goto(out.as_uri())
    page.wait_for_selector("html[data-ready]")
    ready = time.perf_counter() - t
    t = time.perf_counter()
    _show(page, 299)
    opened = time.perf_counter() - t
    page.keyboard.press("j")
    long_tasks = page.evaluate("window.__long")
    assert ready < 15 and opened < 3, (ready, opened)
    assert max(long_tasks or [0]) < 2000, long_tasks
    page.close()
