"""``ucheck draft``: a first curated YAML for a seed article, for a curator to correct.

``draft_article(seed_text, seed_relpath, lexicon, regions)`` returns the text of a curated file in
the format of the curation brief:

* ``article``: id (from the seed file name), seed, title (first non-empty line), region: the most
  specific region of ``regions`` named in the title area (the lines before the first line of prose:
  辽宁省阜新市总工会 → 阜新市; short forms 河南 / 安阳 of provinces and cities count); else, when the
  text says 全市 (全省 …) more than it names other levels, the region of that level named most often;
  else the region named most often; else empty, with a comment (上半年全市经济运行情况分析 names no city).
* ``figures``: one entry per mention of kind ``figure`` (``ucheck.numbers.mentions``), ids f001, f002 …,
  with guesses for subject (nearest organisation — or region — named before it in the sentence),
  region (nearest gazetteer name before it in the sentence, else the article's), metric, period
  (nearest period expression in the sentence: 近5年来, 今年, 2016年, 上半年 …, not the base of a change
  after 比: 增速比一季度提高; else the reporting period — 一季度, 上半年, 全年, 1-9月 — printed last in
  its paragraph, else the article's: the first in its title or first paragraph, 全年 for a 统计公报),
  value (the literal) and
  quote (the clause; when the same clause is printed at another place — 同比下降0.9% after two
  different figures — the clause with as many clauses before it in its sentence as make it unique).
  A comment above each entry gives its line and column in the seed and the interval
  ``ucheck.numbers.quantity.parse`` reads from the literal (or the parse error).
* metric: the nearest lexicon keyword (rules/lexicon.yaml) before the figure in its clause — else the
  noun right after its measure word (7个税种), else a keyword after it in the clause; ``unknown`` if
  none. With the metric vocabulary (``metrics``), a keyword whose metric does not take the figure's
  unit suggests its derived metrics: a change printed in % after 地区生产总值 / 增加值 / 固定资产投资 is
  gdp_growth / value_added_growth / fixed_asset_investment_growth, a change in points of 比重 is
  share_change; a change with no keyword in its clause (同比增长4.4%) takes the nearest keyword
  before it in its sentence. A keyword that is only a change verb (提高) is tried last.
* links (``part_of``, ``of``, ``within``, ``base``), proposed only where a sentence pattern states
  them, each marked ``# proposed from …`` for the curator to review:

  - 其中 → the first figure after it (every one of its unit after 其中：) is ``part_of`` the nearest
    figure of its unit class before 其中 in the sentence, or in the sentence before when 其中 opens
    the sentence;
  - 占…比重为 X% / 占…的 X% → a share (metric share) ``of`` the figure before it (the one whose clause
    names the part printed before 占) ``within`` the whole named after 占: the first figure of the
    article whose clause names it (GDP, 地区生产总值, 全市经济 → the GDP figure);
  - 同比 / 比上年 / 比同期 / 比一季度 … 增长 / 下降 / 提高 / 回落 … X → ``base`` as printed (同比 → 同期,
    比一季度 → 一季度) and ``of`` the figure just before it in the sentence: a level for a change in %
    (or a clause that is only 增长 X%), the growth or rate for a change in points; no ``of`` when
    the clause names what changed (全市…出厂价格同比下降1%); a clause that is only 增长 X%, in a
    release on part of a year (its period 一季度, 上半年, 1-9月), against 同期, on a whole year
    (全年, a 统计公报) against 上年 — year on year, as statistics releases mean it;
  - 拉动 (上拉)…增长 X 个百分点 → a contribution (metric growth_contribution) ``of`` the part (the level
    before it, or the one whose clause names the part printed before 拉动) ``within`` the whole named
    after 拉动.
* ``ignored``: the mentions of kind ``idiom`` (90周年, 十九大, 三位一体 …) with their reason — the
  curation brief asks for these to be listed.
* dates, clock times and ordinals are recognised automatically and need not be listed: they are
  written as a COMMENT block at the end, for reference only.

Wrapped lines. A seed may break a sentence across lines ("创直接经济效益290\\n\\n多万元。"). Before
anything else the draft re-joins such lines: a line break (with the blank lines and spaces around
it) is removed when the line before it does not end a sentence (。！？；：…) and either that line
is prose (it contains a clause mark ，、； or is at least 25 characters long) or the break splits a
number from its measure word ("200多" / "场，"). Headings and captions (short lines without
punctuation, lines starting with #, ▲, ■) stay separate. Mentions are then found in the joined
text, so the draft proposes ``290多万元`` where ``find_mentions`` on the raw seed sees ``290``.
Quotes are clauses of the joined text, so each is a substring of the seed once white space is
removed — what the checker compares.

A figure printed twice in the same sentence (a duplicated paragraph) is drafted once, with the
other line numbers in its comment; the same clause in another sentence is another figure.

The steps, one module each: ``draft_text`` (wrapped lines joined, clauses, sentences, quotes),
``draft_region`` (the article header, the gazetteer: article and figure regions), ``draft_fields``
(subject, metric and period of a figure), ``draft_links`` (links from the sentence patterns),
``draft_yaml`` (the YAML text); this module reads the mentions into figures and runs the steps.
"""

from __future__ import annotations

import re
import unicodedata

from ucheck.authoring.draft_fields import FieldGuesser
from ucheck.authoring.draft_links import propose_links
from ucheck.authoring.draft_region import Gazetteer, article_id, title
from ucheck.authoring.draft_text import MAX_LITERAL_CHARS, RATIO_COLONS, SeedView, join_wrapped_lines, parse_literal, trim_quote
from ucheck.authoring.draft_yaml import render
from ucheck.load.seeds import normalise_text
from ucheck.numbers.mentions import Mention, find_mentions, measure_of
from ucheck.numbers.quantity import FLAT_WORDS, QuantityError

_OF_RATE = re.compile(r"(?:增速|增幅|降幅|涨幅|比重|占比)[^，。；,;]*$")  # 增速与一季度持平: the rate did not change

__all__ = ["MAX_LITERAL_CHARS", "draft_article", "join_wrapped_lines", "trim_quote"]

# what joins two numbers of a list whose measure word is printed once, after the last (10.8和12.9个百分点)
_LIST_JOINS = ("和", "与", "及", "、", "或", "至", "到", "和了")


def draft_article(seed_text: str, seed_relpath: str, lexicon: dict[str, str], regions: dict[str, dict],
                  metrics: dict[str, dict] | None = None) -> str:
    """Text of a draft curated YAML for one seed (see the module documentation).

    ``lexicon`` maps keywords to metric names (rules/lexicon.yaml ``keywords``), ``regions`` is the
    gazetteer (rules/regions.yaml ``regions``); ``metrics`` (rules/metrics.yaml ``metrics``), when
    given, lets the metric guess skip keywords whose metric does not take the figure's unit.
    """
    view = SeedView(seed_text)  # wrapped lines joined; clauses, sentences, quotes
    places = Gazetteer(regions, view)  # the article's region, each figure's region
    guesser = FieldGuesser(view, places, lexicon, metrics)  # subject, metric, period
    figures, ignored, auto = _collect(view, find_mentions(view.joined), places, guesser)
    propose_links(view, figures, lexicon, metrics, places.strip)
    article = {"id": article_id(seed_relpath), "title": title(view.text), "region": places.region, "region_note": places.note}
    return render(seed_relpath, article, figures, ignored, auto)


# --------------------------------------------------------------------------------------------
# what the parser reads from a literal


def _fmt_num(x) -> str:
    if x is None:
        return "?"
    try:
        f = float(x)
    except (TypeError, ValueError):
        return str(x)
    if f != f:
        return "?"
    if f in (float("inf"), float("-inf")):
        return "∞" if f > 0 else "-∞"
    return str(int(f)) if f.is_integer() else f"{f:g}"


def _parse_note(literal: str) -> tuple[str, str | None]:
    """(comment text, unit or None) for a literal, as ucheck.numbers.quantity reads it (one longer
    than a curated literal may be is not parsed: the parser's time grows with the text)."""
    try:
        q = parse_literal(literal)
    except (QuantityError, ValueError) as exc:
        return f"parse error: {exc}", None
    lo = "(" if q.low_open else "["
    hi = ")" if q.high_open else "]"
    unit = q.unit or None
    text = f"interval {lo}{_fmt_num(q.low)}, {_fmt_num(q.high)}{hi}"
    text += f" unit {unit}" if unit else " no unit"
    if q.kind:
        text += f" ({q.kind})"
    return text, unit


def _unit_of(literal: str) -> str | None:
    """The measure word of a literal without 万/亿 (unit of the checker): 290多万元 → 元."""
    _note, unit = _parse_note(literal)
    if unit:
        return unit
    m = measure_of(literal)
    if m and m.endswith("元") and len(m) == 2 and m[0] in "万亿千百":
        return "元"
    return m


# --------------------------------------------------------------------------------------------
# mentions → figures, ignored mentions, recognised ones


def _collect(view: SeedView, mentions: list[Mention], places: Gazetteer, guesser: FieldGuesser):
    """(figures, ignored, auto): one figure entry per place a figure is printed (the same literal in
    the same sentence at the same offset is a duplicated paragraph: its lines are added to the
    first), the idioms once per literal and quote, and (line, mention) of dates, times, ordinals."""
    figures: list[dict] = []
    ignored: list[dict] = []
    auto: list[tuple[int, Mention]] = []
    seen_fig: dict[tuple[str, str, int], dict] = {}
    seen_ign: set[tuple[str, str]] = set()
    joined = view.joined
    for k, m in enumerate(mentions):
        line, col = view.line_col(view.orig_pos(m.start))
        if m.kind in ("date", "time", "ordinal"):
            auto.append((line, m))
            continue
        if m.kind == "idiom":
            quote = view.quote(*view.clauses.around(m.start, m.end))
            key = (normalise_text(m.literal), normalise_text(quote))
            if key not in seen_ign:
                seen_ign.add(key)
                ignored.append({"value": m.literal, "quote": quote, "reason": m.reason or "idiom", "line": line})
            continue
        s_lo, s_hi = view.sentences.around(m.start, m.end)
        # the same clause in another sentence is another figure
        key = (normalise_text(m.literal), normalise_text(joined[s_lo:s_hi]), len(normalise_text(joined[s_lo:m.start])))
        if key in seen_fig:
            seen_fig[key]["also"].append(line)
            continue
        entry = _figure(view, mentions, k, (s_lo, s_hi), places, guesser)
        entry.update(id=f"f{len(figures) + 1:03d}", line=line, column=col)
        seen_fig[key] = entry
        figures.append(entry)
    return figures, ignored, auto


def _printed_unit(view: SeedView, mentions: list[Mention], k: int, c_hi: int) -> str | None:
    """分别 lists: 10.8和12.9个百分点 — the measure word is printed with the next number."""
    m = mentions[k]
    nxt = mentions[k + 1] if k + 1 < len(mentions) else None
    if nxt is not None and nxt.kind == "figure" and nxt.start < c_hi:
        if view.joined[m.end:nxt.start].strip() in _LIST_JOINS:
            return _unit_of(nxt.literal)
    return None


def _ratio_terms(view: SeedView, mentions: list[Mention], k: int) -> tuple[list[str], str]:
    """(terms, text) of the ratio ``mentions[k]`` is printed in (14:43.4:42.6), or ([], ""): bare
    numbers joined by colons."""
    def bare(m: Mention) -> bool:
        return m.kind == "figure" and _parse_note(m.literal)[1] is None and measure_of(m.literal) is None

    if not bare(mentions[k]):
        return [], ""
    lo = hi = k
    joined = view.joined
    while lo > 0 and bare(mentions[lo - 1]) and joined[mentions[lo - 1].end:mentions[lo].start] in RATIO_COLONS:
        lo -= 1
    while hi + 1 < len(mentions) and bare(mentions[hi + 1]) and joined[mentions[hi].end:mentions[hi + 1].start] in RATIO_COLONS:
        hi += 1
    if hi == lo:
        return [], ""
    return [m.literal for m in mentions[lo:hi + 1]], joined[mentions[lo].start:mentions[hi].end]


def _ratio_unit(terms: list[str], printed: str, term: str) -> tuple[str | None, str]:
    """('%', '倍' or None, comment) for the term ``term`` of the ratio ``terms``: terms that add up to
    100 (within their rounding) are shares of a whole in per cent (三次产业比重为14:43.4:42.6); the first
    of a ratio to 1 is a multiple (城乡收入比2.02:1)."""
    try:
        qs = [parse_literal(t) for t in terms]
    except (QuantityError, ValueError):
        return None, f"a term of the ratio {printed}"
    if qs and all(q.low is not None and q.high is not None for q in qs) and sum(q.low for q in qs) <= 100 <= sum(q.high for q in qs):
        return "%", f"a term of the ratio {printed}: the terms add up to 100, shares of a whole in %"
    if len(terms) == 2 and terms[1] == "1":  # 城乡收入比2.02:1: the first term is a multiple of the second
        return ("倍", f"the first term of the ratio {printed}: a multiple (倍) of the second") if term == terms[0] else \
            (None, f"the second term of the ratio {printed}: 1, for ignored")
    return None, f"a term of the ratio {printed}: its unit is the ratio's (e.g. per 100 of the last term)"


def _figure(view: SeedView, mentions: list[Mention], k: int, sentence: tuple[int, int], places: Gazetteer,
            guesser: FieldGuesser) -> dict:
    """The drafted fields of the figure ``mentions[k]`` (without id, line and column), and where it
    stands in the joined text, for the links."""
    m = mentions[k]
    s_lo, s_hi = sentence
    c_lo, c_hi = view.clauses.around(m.start, m.end)
    note, unit = _parse_note(m.literal)
    printed_unit = _printed_unit(view, mentions, k, c_hi) if unit is None and measure_of(m.literal) is None else None
    terms, printed = _ratio_terms(view, mentions, k)
    if terms:
        printed_unit, why = _ratio_unit(terms, printed, m.literal)
        note = f"{note}; {why}"
    region = places.figure_region(s_lo, s_hi, m.start)
    if m.literal in FLAT_WORDS:  # 增速与一季度持平: a change in points of a rate; 价格与同期持平: of a level, in %
        printed_unit = "个百分点" if _OF_RATE.search(view.joined[c_lo:m.start]) else "%"
        note = f"a change printed as a word: 0.0 at one decimal, [-0.05, 0.05); unit {printed_unit} not printed"
    unit_eff = printed_unit or unit or _unit_of(m.literal)
    metric = guesser.metric(c_lo, c_hi, s_lo, m.start, m.end, unit_eff)
    if terms and printed_unit == "%" and metric == "unknown":
        metric = "share"
    return {
        "subject": guesser.subject(s_lo, m.start, region),
        "region": region or "unknown",
        "metric": metric,
        "period": guesser.period(s_lo, c_hi, m.start),
        "value": m.literal,
        "quote": view.unique_quote(c_lo, c_hi, s_lo),
        "unit": printed_unit,
        "note": note,
        "joined": "\n" in view.text[view.orig_pos(m.start):view.orig_pos(m.end - 1) + 1],
        "chinese": m.literal not in FLAT_WORDS and not any(ch.isdigit() for ch in unicodedata.normalize("NFKC", m.literal)),
        "also": [],
        "start": m.start, "end": m.end, "c_lo": c_lo, "c_hi": c_hi, "s_lo": s_lo, "s_hi": s_hi,
        "unit_eff": unit_eff, "links": [],
    }
