"""The review page (``--format html``): one self-contained HTML file for curators.

Per article, the seed text with every curated figure marked where it is printed — coloured by the
worst open finding on it (error, warning, info), else acknowledged (only waived findings) or clean —
the ``ignored`` numerals, the mentions the extractor reads as dates or ordinals, the mentions curated
in another article of the same seed and the numeric mentions nobody curated, each visibly different
(so coverage gaps show); each finding beside the line of its figures (or of the seed text it is
about), with its rule code and name linking to the rule's page (embedded), the message, the figures
with their intervals and quotes, and the waiver's state and reason. An index of the articles with
their counts by severity, filters by severity and rule, and ``j``/``k`` from one finding to the next.

The page needs no network: its style and script are inline, a Content-Security-Policy allows
nothing else (and only the page's own script, by its hash). Each article is rendered on the server
and carried as the text of an inert ``<script type="text/x-ucheck-article">`` (the HTML parser skips
over it without building anything), which the page's script puts into the page when the article is
opened: a corpus of thousands of articles opens and scrolls as one article does. Everything is built
with Jinja2 templates (``templates/``), autoescaped: text from the data is never markup.

Figures are located as the rules locate them (:func:`ucheck.load.seeds.locate`: the quote in the
seed's normalised text, the literal in the quote), then mapped back to the raw text through the
seed's ``norm_index``; a quote printed twice marks both places (the second as a repeat).

Every word of the page is in the run's language (``RunInfo.lang``; ``<html lang>`` is ``en`` or
``zh-Hans``, the seed text ``zh-Hans`` always): the templates' labels from the table ``SAY`` below,
the script's from the same table, carried in the page's data (``say``), so that the script — and its
hash in the Content-Security-Policy — is one for both languages.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from ucheck.finding import SEVERITY_RANK, Finding
from ucheck.i18n import phrases
from ucheck.load.seeds import locate, normalise_text, normalised_column
from ucheck.numbers.mentions import find_mentions
from ucheck.report.escape import visible
from ucheck.report.text import SAY as WORDS
from ucheck.report.text import count, severity_label

# From worst to best: the colour of a figure is its worst state.
STATES = ("error", "warning", "info", "ack", "clean")
_STATE_RANK = {s: i for i, s in enumerate(STATES)}

SAY = phrases(
    __name__,
    page_title=("ucheck review", "ucheck 审阅"),
    building=("building the review page", "正在生成审阅页"),
    # the header: totals, filters, keys, legend
    totals=("{findings}:", "{findings}："),
    show=("Show", "显示"),
    rule=("Rule", "规则"),
    all_rules=("all rules", "全部规则"),
    only_with=("only articles with findings shown", "只列出有可见发现的文章"),
    keys_finding=("next/previous finding", "下一条/上一条发现"),
    keys_article=("next/previous article", "下一篇/上一篇文章"),
    keys_help=("help", "帮助"),
    legend_figures=("(curated figures, by their worst open finding)", "（已整理的数字，按其最严重的待处理发现着色）"),
    ignored=("ignored", "已忽略"),
    auto=("date, ordinal…", "日期、序数……"),
    other=("curated in another article", "已在另一篇文章中整理"),
    gap=("not curated", "未整理"),
    articles=("articles", "文章"),
    noscript=("This page shows its articles with its script; the rule pages are below.", "本页用脚本显示文章；规则说明在下方。"),
    rules=("rules", "规则"),
    rules_heading=("Rules of these findings", "这些发现涉及的规则"),
    close=("close", "关闭"),
    help_heading=("Keys", "按键"),
    help_keys=("{j} next finding, {k} previous (on to the next or previous article at the end) · {n} next article, {p} previous · "
               "{enter} the rule of the current finding · {esc} close · {q} this help.",
               "{j} 下一条发现，{k} 上一条（到头时转到下一篇或上一篇文章）· {n} 下一篇文章，{p} 上一篇 · "
               "{enter} 当前发现的规则 · {esc} 关闭 · {q} 本帮助。"),
    help_click=("Click a marked figure to go to its findings, a finding to see its figures. The filters hide findings by severity "
                "(acknowledged: waived by a curator) and by rule.",
                "点击标出的数字，转到它的发现；点击一条发现，查看它的数字。筛选按严重程度（已确认：整理者已用豁免确认）和规则隐藏发现。"),
    # an article
    figures_marked_1=("{n} figure marked", "标出 {n} 个数字"),
    figures_marked_n=("{n} figures marked", "标出 {n} 个数字"),
    unlocated_count=(" ({n} not found in the text)", "（{n} 个在原文中未找到）"),
    n_ignored=("{n} ignored", "{n} 个已忽略"),
    n_gaps=("{n} not curated", "{n} 个未整理"),
    unplaced=("Findings not located in the text", "未在原文中定位的发现"),
    findings=("Findings", "发现"),
    unlocated=("Figures whose quote is not found in the seed", "引文在原文中找不到的数字"),
    no_text=("No seed text to show.", "没有可显示的原文。"),
    not_in_text=("not found in the text", "原文中未找到"),
    line=("line {n}", "第 {n} 行"),
    waived_state=("acknowledged:", "已确认："),
    # the titles of marks
    again=("{ids} (printed again)", "{ids}（再次出现）"),
    ignored_because=("ignored: {reason}", "已忽略：{reason}"),
    pin=("a finding on the seed text", "一条关于原文的发现"),
    curated_in=("curated in {who}", "已在 {who} 中整理"),
    # the rule page when the rule is not known
    unknown_rule=("No description of this rule is known to this run.", "本次运行不知道这条规则的说明。"),
    rule_facts=("A {kind} rule, severity {severity}.", "{kind} 类规则，严重程度 {severity}。"),
    what=("What it does", "作用"),
    why=("Why", "原因"),
    unrendered=("(the rule's page could not be rendered: {error})", "（无法生成这条规则的说明：{error}）"),
    # the page's script (the status line)
    js_article=("article {i} of {n} · ", "第 {i} 篇，共 {n} 篇 · "),
    js_finding=("finding {i} of {n} here · ", "本篇第 {i} 条，共 {n} 条 · "),
    js_here=("{n} here · ", "本篇 {n} 条 · "),
    js_total=("{n} shown in all", "共显示 {n} 条"),
    js_no_further=("no further finding shown", "后面没有显示的发现"),
    js_no_earlier=("no earlier finding shown", "前面没有显示的发现"),
    js_none_on_figure=("no finding shown on this figure: {title}", "这个数字上没有显示的发现：{title}"),
    js_no_articles=("No articles.", "没有文章。"),
)

# What the extractor recognised a numeral as (ucheck.numbers.mentions: the label before the colon of
# its reason), for the title of its mark.
MENTION = phrases(
    __name__ + ".mentions",
    date=("date", "日期"),
    time=("time", "时刻"),
    date_range=("date range", "日期区间"),
    decade=("decade", "年代"),
    ordinal=("ordinal", "序数"),
    scheme_name=("scheme name", "方案名称"),
    list_marker=("list marker", "列表序号"),
    anniversary=("anniversary", "周年"),
    congress=("congress", "代表大会"),
    five_year_plan=("five-year plan", "五年规划"),
    rank=("rank", "名次"),
    ranking_list=("ranking list", "排行榜"),
    label_number=("label number", "编号"),
    period=("period", "时段"),
    idiom=("idiom", "成语"),
)


def state_label(state: str, lang: str = "en") -> str:
    """A state of the page (error, warning, info, ack, clean) as the reader names it."""
    return severity_label("acknowledged" if state == "ack" else state, lang)


def mention_label(label: str, lang: str = "en") -> str:
    phrase = MENTION.entries.get(label.replace(" ", "_").replace("-", "_"))
    return phrase(lang) if phrase is not None else label


def state_of(f: Finding) -> str:
    return "ack" if f.waived else f.severity


def _worst(states) -> str:
    return min(states, key=_STATE_RANK.__getitem__, default="clean")


def _finding_order(f: Finding):
    return (f.waived, -SEVERITY_RANK.get(f.severity, -1), f.sort_key())


@dataclass
class Item:
    """Something curated that is marked in the text: a figure, a quota of a stated rule, an ignored numeral."""

    id: str
    value: str
    quote: str
    what: str = "figure"  # figure | quota | ignored
    reason: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # raw-text spans of the literal, first = as located
    quote_only: bool = False  # the quote is found, the literal not in it: the quote is marked
    state: str = "clean"


@dataclass
class Entry:
    """One article of the page (or a curated file that has no article: it could not be read)."""

    index: int
    article: str | None
    file: str
    title: str
    seed: str | None = None
    items: list[Item] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


# --------------------------------------------------------------------------------------- locating


class _SeedView:
    """A seed's raw text, the raw offset of each normalised character, its line starts and mentions."""

    def __init__(self, seed):
        self.seed = seed
        self.text = seed.text
        self.norm = seed.norm
        self._index = None
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._mentions = None

    @property
    def index(self):
        if self._index is None:
            self._index = self.seed.norm_index
        return self._index

    @property
    def mentions(self):
        if self._mentions is None:
            self._mentions = find_mentions(self.text)
        return self._mentions

    def raw_span(self, a: int, length: int) -> tuple[int, int]:
        """The raw-text span of ``length`` normalised characters from normalised offset ``a``."""
        return int(self.index[a]), int(self.index[a + length - 1]) + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def occurrences(self, quote_norm: str, first: int) -> list[int]:
        out, pos = [first], self.norm.find(quote_norm, first + 1)
        while pos >= 0:
            out.append(pos)
            pos = self.norm.find(quote_norm, pos + 1)
        return out


def _locate_items(view: _SeedView | None, items: list[Item], quote_pos: list[int], literal_pos: list[int],
                  quotes: list[str], values: list[str]) -> None:
    """Fill ``spans`` of each item: the literal inside every occurrence of its quote (the first as
    located by the rules); the whole quote when the literal is not in it."""
    if view is None:
        return
    for item, qp, lp, q, v in zip(items, quote_pos, literal_pos, quotes, values):
        if qp < 0 or not q:
            continue
        if (lp < 0 or not v) and item.what == "ignored":
            continue  # an ignored numeral not in its quote: nothing to mark
        for pos in view.occurrences(q, qp):
            if lp >= 0 and v:
                item.spans.append(view.raw_span(pos + lp, len(v)))
            else:
                item.quote_only = True
                item.spans.append(view.raw_span(pos, len(q)))


# ---------------------------------------------------------------------------------------- marking

# A mark is (class, name of its data attribute or "", that attribute's value, title): the template
# writes <mark class="…" data-…="…" title="…">. data-f lists the items a figure mark shows (their
# indices in the article), data-pin the DOM id of the finding on the seed text a pin stands for.
Mark = tuple


def _marks(entry: Entry, view: _SeedView, covered_elsewhere: list[tuple[int, int, str]], pins: list[tuple[int, str, str]],
           lang: str = "en"):
    """Non-overlapping (start, end, mark) over the raw text, by start: figures first (where figures
    overlap, each piece names all of them), then ignored numerals, then the pins of findings on the
    seed text, then the other numeric mentions (curated in another article, recognised as a date or
    ordinal, or not curated at all)."""
    n = len(view.text)
    occupied = bytearray(n + 1)
    out: list[tuple[int, int, Mark]] = []

    def free(s: int, e: int) -> bool:
        return occupied.find(1, s, e) < 0

    def take(s: int, e: int, mark: Mark) -> None:
        occupied[s:e] = b"\x01" * (e - s)
        out.append((s, e, mark))

    def figure_mark(ks: list[int], first: bool) -> Mark:
        items = [entry.items[k] for k in ks]
        state = _worst(it.state for it in items)
        cls = f"fig st-{state}" + ("" if first else " again") + (" qonly" if all(it.quote_only for it in items) else "")
        title = ", ".join(dict.fromkeys(it.id for it in items))
        if not first:
            title = SAY.again(lang, ids=title)
        return (cls, "data-f", " ".join(map(str, ks)), title)

    spans = sorted((s, e, k, j == 0) for k, it in enumerate(entry.items) if it.what != "ignored" for j, (s, e) in enumerate(it.spans))
    i = 0
    while i < len(spans):  # clusters of overlapping spans; most are a span alone
        j, end = i + 1, spans[i][1]
        while j < len(spans) and spans[j][0] < end:
            end = max(end, spans[j][1])
            j += 1
        if j == i + 1:
            s, e, k, first = spans[i]
            take(s, e, figure_mark([k], first))
        else:
            cluster = spans[i:j]
            bounds = sorted({b for s, e, _, _ in cluster for b in (s, e)})
            for a, b in zip(bounds, bounds[1:]):
                over = [(k, first) for s, e, k, first in cluster if s <= a and b <= e]
                if over:
                    mark = figure_mark(sorted({k for k, _ in over}), any(f for _, f in over))
                    if out and out[-1][1] == a and out[-1][2] == mark:  # the same figures go on: one mark
                        s0 = out.pop()[0]
                        take(s0, b, mark)
                    else:
                        take(a, b, mark)
        i = j
    for k, it in enumerate(entry.items):
        if it.what == "ignored":
            for s, e in it.spans:
                if free(s, e):
                    take(s, e, ("ign", "data-f", str(k), SAY.ignored_because(lang, reason=it.reason)))
    for offset, state, fid in pins:
        if 0 <= offset < n and free(offset, offset + 1):
            take(offset, offset + 1, (f"pin st-{state}", "data-pin", fid, SAY.pin(lang)))
    for m in view.mentions:
        if not free(m.start, m.end):
            continue
        other = next((who for s, e, who in covered_elsewhere if s < m.end and m.start < e), None) if covered_elsewhere else None
        if other is not None:
            take(m.start, m.end, ("other", "", "", SAY.curated_in(lang, who=other)))
        elif m.kind != "figure":
            take(m.start, m.end, ("auto", "", "", mention_label((m.reason or m.kind).split(":")[0], lang)))
        else:
            take(m.start, m.end, ("gap", "", "", SAY.gap(lang)))
    out.sort(key=lambda t: t[0])
    return out


def _rows(view: _SeedView, marks) -> list[tuple[int, list[tuple]]]:
    """(line number, parts) of every line that is not blank, a part being (text, class, attribute,
    value, title) — class "" for plain text; a mark that spans a line break is cut in two."""
    text = view.text
    rows = []
    mi = 0
    starts = view.line_starts
    for ln, ls in enumerate(starts, 1):
        le = starts[ln] - 1 if ln < len(starts) else len(text)
        if le > ls and text[le - 1] == "\r":  # CRLF line ends
            le -= 1
        if not text[ls:le].strip():
            while mi < len(marks) and marks[mi][1] <= le:
                mi += 1
            continue
        parts: list[tuple] = []
        pos = ls
        j = mi
        while j < len(marks) and marks[j][0] < le:
            s, e, m = marks[j]
            s, e2 = max(s, ls), min(e, le)
            if s > pos:
                parts.append((visible(text[pos:s]), "", "", "", ""))
            if e2 > s:
                parts.append((visible(text[s:e2]), *m))
            pos = max(pos, e2)
            if e <= le:
                j += 1
            else:
                break
        if pos < le:
            parts.append((visible(text[pos:le]), "", "", "", ""))
        mi = j
        rows.append((ln, parts))
    return rows


# ------------------------------------------------------------------------------------------ the page


def _entries(findings: list[Finding], info) -> list[Entry]:
    corpus = info.corpus
    entries: list[Entry] = []
    by_key: dict[tuple[str | None, str], Entry] = {}
    by_id: dict[str, Entry] = {}
    wanted = set(info.checked) if info.checked else None
    if corpus is not None and len(corpus.articles):
        a = corpus.articles
        for aid, file, seed, title in zip(a["article"].tolist(), a["file"].tolist(), a["seed"].tolist(), a["title"].tolist()):
            if wanted is not None and (aid, file) not in wanted:
                continue
            e = Entry(len(entries), aid, file, str(title) if isinstance(title, str) and title else str(aid),
                      seed if isinstance(seed, str) and seed in corpus.seeds else None)
            entries.append(e)
            by_key.setdefault((aid, file), e)
            if aid is not None:
                by_id.setdefault(aid, e)
    for f in findings:
        e = by_key.get((f.article, f.file)) or (by_id.get(f.article) if f.article else None) or by_key.get((None, f.file))
        if e is None:
            e = Entry(len(entries), f.article, f.file, f.article or f.file)
            entries.append(e)
            by_key[(None, f.file)] = e
            if f.article:
                by_id.setdefault(f.article, e)
        e.findings.append(f)
    return entries


def _fill_items(entries: list[Entry], corpus, views: dict) -> None:
    """The figures, quotas and ignored numerals of every entry, located in its seed."""
    if corpus is None:
        return
    import pandas as pd

    by_key = {(e.article, e.file): e for e in entries if e.article is not None}

    def rows(frame, value_col: str, what: str, id_col: str | None, reason_col: str | None):
        if frame is None or not len(frame):
            return
        cols = {c: frame[c].tolist() for c in ("article", "file", "seed", value_col, "quote")}
        ids = frame[id_col].tolist() if id_col else [None] * len(frame)
        reasons = frame[reason_col].tolist() if reason_col else [""] * len(frame)
        keep = [i for i in range(len(frame)) if (cols["article"][i], cols["file"][i]) in by_key]
        if not keep:
            return
        seeds = [cols["seed"][i] for i in keep]
        quotes = normalised_column(pd.Series([cols["quote"][i] for i in keep], dtype=object))
        values = normalised_column(pd.Series([cols[value_col][i] for i in keep], dtype=object))
        qpos, lpos, _ = locate(corpus.seeds, seeds, quotes, values)
        made: dict[int, tuple[Entry, list[Item], list[int], list[int], list[str], list[str]]] = {}
        for j, i in enumerate(keep):
            e = by_key[(cols["article"][i], cols["file"][i])]
            item = Item(_str(ids[i]), _str(cols[value_col][i]), _str(cols["quote"][i]), what=what, reason=_str(reasons[i]))
            e.items.append(item)
            bucket = made.setdefault(e.index, (e, [], [], [], [], []))
            bucket[1].append(item)
            bucket[2].append(qpos[j])
            bucket[3].append(lpos[j])
            bucket[4].append(quotes[j])
            bucket[5].append(values[j])
        for e, its, qp, lp, qs, vs in made.values():
            _locate_items(views.get(e.seed) if e.seed else None, its, qp, lp, qs, vs)

    rows(corpus.figures, "value", "figure", "id", None)
    stated = getattr(corpus, "stated", None)
    rows(stated, "quota", "quota", "rule", None)
    rows(corpus.ignored, "value", "ignored", None, "reason")


def _str(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)


def _rule_page(code: str, info) -> list[tuple[str, str]]:
    """The page of rule ``code`` (``ucheck rule CODE``, its examples not run) as (kind, text)
    blocks: h1, h2, p, pre, li."""
    from ucheck.builtin import BUILTIN
    from ucheck.ruledoc import render

    lang = info.lang
    ri = info.rules.get(code)
    rule = getattr(ri, "declaration", None) or BUILTIN.get(code)
    if rule is None:
        if ri is None:
            return [("h1", code), ("p", SAY.unknown_rule(lang))]
        return [("h1", f"{code} {ri.name}"), ("p", SAY.rule_facts(lang, kind=ri.kind, severity=severity_label(ri.severity, lang))), ("h2", SAY.what(lang)),
                ("p", ri.summary), ("h2", SAY.why(lang)), ("p", ri.rationale)]
    if ri is not None and getattr(rule, "severity", None) != ri.severity:
        from dataclasses import replace

        try:
            rule = replace(rule, severity=ri.severity)  # as configured
        except TypeError:
            pass
    try:
        text = render(rule, None, run=False, lang=lang)
    except Exception as exc:  # noqa: BLE001 - a page that cannot be rendered is said so, the review page still is
        return [("h1", f"{code} {getattr(rule, 'name', '')}"), ("p", SAY.unrendered(lang, error=exc))]
    return _blocks(text)


def _blocks(md: str) -> list[tuple[str, str]]:
    """The few Markdown constructs of a rule page as blocks: headings, fenced and indented code,
    list items, paragraphs."""
    out: list[tuple[str, str]] = []
    lines = md.split("\n")
    i, para = 0, []

    def flush():
        if para:
            out.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            out.append(("pre", "\n".join(lines[i + 1:j])))
            i = j + 1
            continue
        if line.startswith("    ") and not para:
            flush()
            j = i
            while j < len(lines) and lines[j].startswith("    "):
                j += 1
            out.append(("pre", "\n".join(x[4:] for x in lines[i:j])))
            i = j
            continue
        if line.startswith("## "):
            flush()
            out.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush()
            out.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush()
            out.append(("li", line[2:]))
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()
    return out


def _json_script(obj) -> str:
    """JSON for a ``<script type="application/json">`` element: nothing in it can close the element
    or start markup (<, >, & and the line separators as \\u escapes)."""
    from markupsafe import Markup

    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        s = s.replace(a, b)
    return Markup(s)


def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("ucheck.report", "templates"),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _asset(name: str) -> str:
    return resources.files("ucheck.report").joinpath("templates", name).read_text(encoding="utf-8")


def articles(findings: list[Finding], info):
    """The articles of the page, one dict each (its rows of marked text, its findings, its
    counts), built one after the other: only the article being written is held in full."""
    progress = info.progress or (lambda *a: None)
    corpus = info.corpus
    lang = info.lang
    step = SAY.building(lang)
    entries = _entries(findings, info)
    progress(step, 0, len(entries))
    views: dict[str, _SeedView] = {}
    if corpus is not None:
        for e in entries:
            if e.seed and e.seed not in views:
                views[e.seed] = _SeedView(corpus.seeds[e.seed])
    _fill_items(entries, corpus, views)

    # per seed: the spans curated (or ignored) by each article, so that a mention covered by another
    # article of the same seed is not called a gap
    by_seed: dict[str, list[tuple[int, int, str]]] = {}
    for e in entries:
        if e.seed:
            by_seed.setdefault(e.seed, []).extend((s, t, e.article or e.file) for it in e.items for s, t in it.spans)
    if corpus is not None:  # articles of the seed that are not on the page (outside the files given) count too
        _covered_by_others(corpus, entries, views, by_seed)
    n = len(entries)
    for e in entries:
        progress(step, e.index, n)
        yield _article(e, views.get(e.seed) if e.seed else None, by_seed.get(e.seed, []) if e.seed else [], lang)
        e.items, e.findings = [], []  # written: let it go
    progress(step, n, n)


def _covered_by_others(corpus, entries, views, by_seed) -> None:
    """Add to ``by_seed`` the spans of the figures and ignored numerals of articles that share a
    seed with an article on the page but are not on it themselves."""
    shown = {(e.article, e.file) for e in entries}
    for frame, col in ((corpus.figures, "value"), (corpus.ignored, "value")):
        if frame is None or not len(frame):
            continue
        sub = frame[frame["seed"].isin(list(views)).to_numpy()]
        for aid, file, seed, value, quote in zip(sub["article"].tolist(), sub["file"].tolist(), sub["seed"].tolist(),
                                                 sub[col].tolist(), sub["quote"].tolist()):
            if (aid, file) in shown or not isinstance(value, str) or not isinstance(quote, str):
                continue
            view = views[seed]
            q, v = normalise_text(quote), normalise_text(value)
            off, pos = q.find(v), view.norm.find(q) if q else -1
            while q and v and off >= 0 and pos >= 0:
                s, t = view.raw_span(pos + off, len(v))
                by_seed[seed].append((s, t, aid or file))
                pos = view.norm.find(q, pos + 1)


def _article(e: Entry, view: _SeedView | None, seed_spans: list[tuple[int, int, str]], lang: str = "en") -> dict:
    findings = sorted(e.findings, key=_finding_order)
    ids: dict[str, list[int]] = {}
    for k, it in enumerate(e.items):
        if it.what != "ignored":
            ids.setdefault(it.id, []).append(k)
    states: dict[int, list[str]] = {}
    fdata = []
    pins = []
    for j, f in enumerate(findings):
        st = state_of(f)
        ks = sorted({k for r in f.figures for k in ids.get(r.id, [])})
        for k in ks:
            states.setdefault(k, []).append(st)
        fid = f"f{e.index}-{j}"
        line = None
        located = [e.items[k].spans[0][0] for k in ks if e.items[k].spans]
        if view is not None and located:
            line = view.line_of(min(located))
        elif view is not None and f.file == e.seed and f.line:
            line = f.line
            if 1 <= f.line <= len(view.line_starts):
                pins.append((view.line_starts[f.line - 1] + max(0, f.column - 1), st, fid))
        fdata.append({
            "id": fid, "code": f.code, "name": f.name, "severity": f.severity, "state": st, "waived": f.waived,
            "reason": f.waiver_reason or "", "message": f.message, "where": f"{f.file}:{f.line}:{f.column}",
            "figs": " ".join(map(str, ks)), "line": line,
            "refs": [{"id": r.id, "value": r.value, "interval": r.interval or "", "quote": r.quote, "seed_line": r.seed_line,
                      "marked": bool(ids.get(r.id)) and any(e.items[k].spans for k in ids[r.id])} for r in f.figures],
        })
    for k, it in enumerate(e.items):
        if it.what != "ignored":
            it.state = _worst(states.get(k, []))
    rows, gaps = [], 0
    if view is not None:
        others = [(s, t, who) for s, t, who in seed_spans if who != (e.article or e.file)]
        marks = _marks(e, view, others, pins, lang)
        gaps = sum(1 for _, _, m in marks if m[0] == "gap")
        by_line: dict[int, list[dict]] = {}
        for fd in fdata:
            if fd["line"] is not None:
                by_line.setdefault(fd["line"], []).append(fd)
        rows = [{"n": ln, "parts": parts, "findings": by_line.pop(ln, [])} for ln, parts in _rows(view, marks)]
        for ln in sorted(by_line):  # a finding on a blank line: beside the next line shown, else the last
            row = next((r for r in rows if r["n"] >= ln), rows[-1] if rows else None)
            if row is None:
                for fd in by_line[ln]:
                    fd["line"] = None
            else:
                row["findings"].extend(by_line[ln])
    counts = {s: 0 for s in STATES[:4]}
    for fd in fdata:
        counts[fd["state"]] += 1
    figures = [it for it in e.items if it.what != "ignored"]
    return {
        "index": e.index, "article": e.article, "file": e.file, "title": e.title, "seed": e.seed,
        "has_text": view is not None, "rows": rows, "unplaced": [fd for fd in fdata if fd["line"] is None],
        "all_findings": fdata, "counts": [counts[s] for s in STATES[:4]],
        "unlocated": [it for it in figures if not it.spans],
        "n_figures": len(figures), "n_ignored": sum(1 for it in e.items if it.what == "ignored"), "n_gaps": gaps,
        "items": e.items,
    }


def html(findings: list[Finding], info) -> str:
    """The review page of ``findings`` (see the module's documentation); ``info`` is the run's
    :class:`ucheck.report.RunInfo`, its ``corpus`` the loaded corpus (without it, the findings only)."""
    from markupsafe import Markup

    env = _environment()
    lang = info.lang
    words = _words(lang)
    article_page = env.get_template("article.html")
    shown, index = [], []
    for a in articles(findings, info):
        body = article_page.render(a=a, states=STATES, **words)
        _check_inert(body, a["file"])
        shown.append({"index": a["index"], "title": a["title"], "file": a["file"], "counts": a["counts"], "body": Markup(body)})
        index.append({"c": a["counts"], "r": [[f["code"], f["state"]] for f in a["all_findings"]]})
    totals = {s: 0 for s in STATES[:4]}
    for f in findings:
        totals[state_of(f)] += 1
    names = {f.code: f.name for f in findings}
    rules = [(code, names[code], sum(1 for f in findings if f.code == code), _rule_page(code, info)) for code in sorted(names)]
    script = _asset("review.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    say = {name[3:]: getattr(p, "zh" if lang == "zh" else "en") for name, p in SAY if name.startswith("js_")}
    return env.get_template("review.html").render(
        title=info.title or SAY.page_title(lang), articles=shown, totals=totals, n_findings=len(findings), rules=rules,
        index_json=_json_script({"articles": index, "say": say}), states=STATES,
        style=Markup(_asset("review.css")), script=Markup(script), script_hash=f"sha256-{digest}", **words,
    )


def _words(lang: str) -> dict:
    """What the templates say, in ``lang``: ``say(name, **values)`` a phrase of ``SAY`` (text,
    autoescaped), ``say_markup(name, **values)`` one whose values are markup (``<kbd>``; its own
    text escaped), ``state_label(state)``, ``severity(severity)``, ``words(name)`` a phrase of
    :mod:`ucheck.report.text`, ``count(name, n)`` a counted phrase, and ``html_lang``."""
    from markupsafe import Markup, escape

    def say(name: str, **values) -> str:
        return getattr(SAY, name)(lang, **values)

    def say_markup(name: str, **values) -> Markup:
        phrase = getattr(SAY, name)
        return Markup(escape(phrase.zh if lang == "zh" else phrase.en)).format(**values)

    return {
        "say": say, "say_markup": say_markup, "state_label": lambda s: state_label(s, lang),
        "severity": lambda s: severity_label(s, lang), "words": lambda name, **v: getattr(WORDS, name)(lang, **v),
        "count": lambda name, n: count(lang, n, name, SAY if name in ("figures_marked",) else None),
        "html_lang": "zh-Hans" if lang == "zh" else "en",
    }


def _check_inert(body: str, file: str) -> None:
    """An article's markup is carried as the text of a <script type="text/x-ucheck-article">: the
    parser reads it as text up to the first ``</script`` (and treats ``<!--`` specially), so neither
    may occur — autoescaping turns every ``<`` of the data into ``&lt;``, and the template has none."""
    low = body.lower()
    if "</script" in low or "<script" in low or "<!--" in low:
        raise ValueError(f"the markup of {file} cannot be carried inertly (a bug of ucheck's review page)")
