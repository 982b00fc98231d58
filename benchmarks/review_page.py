"""The review page (``ucheck report --format html``) of a large synthetic corpus: its size, the time to
write it, and the time headless Chromium takes to have it ready and to open an article far down.

    python benchmarks/review_page.py [--articles 3000] [--lang en|zh] [--workdir DIR]

The corpus is ``benchmarks/generate_corpus.py``'s (about 50 figures an article, cached in
``--workdir``, by default ``$TMPDIR/ucheck-review``). Chromium is Debian's (``/usr/bin/chromium``,
driven by Playwright, as in tests/report/test_browser.py). Printed: the page's bytes, the wall time of
``ucheck report --format html`` (a fresh process, with a warm load cache and with none), the time
from navigation to ``html[data-ready]``, the time to open the last article of the index, and the
longest task the browser ran meanwhile (``PerformanceObserver('longtask')``: a task over 50 ms; the
page freezes for as long as the longest one).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def corpus_of(workdir: Path, n: int) -> Path:
    d = workdir / f"corpus-{n}"
    if not (d / "curated").exists():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(d), str(n)], check=True)
    return d


def report(corpus: Path, out: Path, lang: str, cache: bool) -> float:
    cmd = [sys.executable, "-m", "ucheck", "report", "--root", str(corpus), "--format", "html", "--output-file", str(out), "--lang", lang]
    if not cache:
        cmd.append("--no-cache")
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(proc.stderr)
    return time.perf_counter() - t


def browse(page_file: Path, last: int) -> tuple[float, float, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.add_init_script("window.__long = []; new PerformanceObserver(l => { for (const e of l.getEntries()) "
                             "window.__long.push(e.duration); }).observe({type: 'longtask', buffered: true});")
        t = time.perf_counter()
        page.goto(page_file.as_uri(), timeout=600_000)
        page.wait_for_selector("html[data-ready]", timeout=600_000)
        ready = time.perf_counter() - t
        t = time.perf_counter()
        page.click(f'#index a[data-i="{last}"]')
        page.wait_for_selector(f'#view article.doc[data-i="{last}"]')
        opened = time.perf_counter() - t
        longest = max(page.evaluate("window.__long") or [0.0])
        browser.close()
    return ready, opened, longest / 1000


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=3000)
    p.add_argument("--lang", choices=["en", "zh"], default="zh")
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ucheck-review")
    a = p.parse_args()
    a.workdir.mkdir(parents=True, exist_ok=True)
    corpus = corpus_of(a.workdir, a.articles)
    out = a.workdir / f"review-{a.articles}-{a.lang}.html"
    cold = report(corpus, out, a.lang, cache=False)
    report(corpus, out, a.lang, cache=True)  # writes the load cache
    warm = report(corpus, out, a.lang, cache=True)
    size = out.stat().st_size
    print(f"review page of {a.articles} articles ({a.lang}): {size / 1e6:.1f} MB, {size / a.articles / 1e3:.1f} KB an article")
    print(f"  ucheck report --format html: {cold:.1f} s without the load cache, {warm:.1f} s with it warm")
    if not CHROMIUM.exists():
        print(f"  no {CHROMIUM}: the browser figures are not measured (apt-get install chromium)")
        return 0
    ready, opened, longest = browse(out, a.articles - 1)
    print(f"  Chromium: ready in {ready:.2f} s, the last article opened in {opened:.2f} s, longest task {longest:.2f} s")
    print(f"  page: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
