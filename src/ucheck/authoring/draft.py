"""``ucheck draft``: a first curated YAML for a seed article, for a curator to correct.

``draft_article(seed_text, seed_relpath, lexicon, regions)`` returns the text of a curated file in
the format of the curation brief:

* ``article``: id (from the seed file name), seed, title (first non-empty line), region (the region
  of ``regions`` named most often; short forms 河南 / 安阳 of provinces and cities count).
* ``figures``: one entry per mention of kind ``figure`` (``ucheck.numbers.mentions``), ids f001, f002 …,
  with guesses for subject (nearest organisation — or region — named before it in the sentence),
  region (nearest gazetteer name before it in the sentence, else the article's), metric (nearest
  lexicon keyword before it in the clause, see rules/lexicon.yaml; ``unknown`` if none), period
  (nearest period expression in the sentence: 近5年来, 今年, 2016年 …), value (the literal) and
  quote (the clause). A comment above each entry gives its line and column in the seed and the
  interval ``ucheck.numbers.quantity.parse`` reads from the literal (or the parse error).
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

A figure printed twice (a duplicated paragraph) is drafted once, with the other line numbers in
its comment.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from pathlib import PurePosixPath

import yaml

from ucheck.load.seeds import normalise_text
from ucheck.numbers.mentions import CN_DIGITS, CN_SCALES, Mention, find_mentions, measure_of

__all__ = ["draft_article", "join_wrapped_lines", "trim_quote"]

_SENT_END = "。！？!?；;：:…"
_CLAUSE_DELIMS = "。；，！？,;!?：:\n"
_SENT_DELIMS = "。！？!?\n"
_HEAD_MARKS = "#▲■●◆"
_NUMERIC_END = "0123456789０１２３４５６７８９多余几" + CN_DIGITS + CN_SCALES
_LINE_BREAK_RUN = re.compile(r"[ \t\u3000\xa0\r]*\n[\s]*")
_CLAUSE_RE = re.compile(f"[{re.escape(_CLAUSE_DELIMS)}]|——")
_SENT_RE = re.compile(f"[{re.escape(_SENT_DELIMS)}]")

# organisations: a head word and up to 12 characters before it (stopping at function words)
_ORG_HEADS = (
    "总工会", "工会", "工作室", "服务队", "公司", "集团", "中心", "协会", "委员会", "联合会", "学院", "医院",
    "银行", "办事处", "工会联合会", "宣讲团", "团队",
)
_ORG_STOP = "的在和与及对向由将把被为是有了从让使给经据已并还也都就又等共其中年月日号"
# verbs that often precede an organisation in a clause: not part of its name
_LEADING_VERBS = re.compile(
    r"^(?:充分发挥|开展|发挥|组织|动员|创建|建立|实施|推进|深化|联合|通过|依托|带动|成立|组建|举办|推动|引导|"
    r"指导|要求|围绕|支持|打造|形成|构建|完善|加强|扶持|确定|落实|鼓励)"
)
_ORG_RE = re.compile(
    rf"(?:(?![{_ORG_STOP}])[\u4e00-\u9fff]){{0,12}}?(?:{'|'.join(sorted(_ORG_HEADS, key=len, reverse=True))})(?!员)"
)
_WHOLE_REGION = re.compile(r"^(?:全省|全市|全县|全区|我省|我市|本省|本市|全国)")
# "the whole province / city": the figure is about the province (city) named last before it
_WHOLE_LEVEL = (
    ("全省", "province"), ("我省", "province"), ("本省", "province"), ("省总", "province"),
    ("全市", "city"), ("我市", "city"), ("本市", "city"), ("市总", "city"), ("市本级", "city"),
    ("全县", "county"), ("我县", "county"), ("本县", "county"),
    ("全区", "district"), ("我区", "district"), ("本区", "district"),
)
_WHOLE_RE = re.compile("|".join(w for w, _l in _WHOLE_LEVEL))
_WHOLE_OF = dict(_WHOLE_LEVEL)

_PERIOD_RE = re.compile(
    r"截至(?:目前|[0-9０-９]{4}年(?:[0-9０-９]{1,2}月底?)?(?:底|末)?)|到目前为止|至目前|目前|"
    r"近[0-9０-９一二两三四五六七八九十几]+年来?|[0-9０-９一二两三四五六七八九十]+年(?:来|以来|间)|"
    r"近年来|近几年来|几年来|多年来|半年多来|过去一年间?|"
    r"[0-9０-９]{4}年(?:[0-9０-９]{1,2}月(?:底|初)?)?(?:以来|年末|年底|年初|初|底)?|今年|去年|每年|当年|此前"
)


# --------------------------------------------------------------------------------------------
# text views


def _is_join(prev: str, nxt: str) -> bool:
    prev, nxt = prev.strip(), nxt.strip()
    if not prev or not nxt:
        return False
    if prev[-1] in _SENT_END or prev[0] in _HEAD_MARKS or nxt[0] in _HEAD_MARKS:
        return False
    if prev[-1] in _NUMERIC_END:
        probe = find_mentions(prev[-12:] + nxt[:12])
        cut = len(prev[-12:])
        if any(m.start < cut < m.end for m in probe):  # the break splits a number from its measure
            return True
    if re.search(r"\S[ \t\u3000]+\S", prev) and not any(c in prev for c in "，,；;"):
        return False  # a heading or byline (杨君 阎亚平, 南通市总工会主席 陆玉明)
    return any(c in prev for c in "，、；,;") or len(prev) >= 25


def join_wrapped_lines(text: str) -> tuple[str, list[int]]:
    """The text with wrapped lines re-joined, and for each of its characters the offset in ``text``.

    A kept line break (with the blank lines around it) becomes one "\\n"; a joined one disappears.
    """
    out: list[str] = []
    index: list[int] = []
    pos = 0
    line_start = 0
    for m in _LINE_BREAK_RUN.finditer(text):
        a, b = m.span()
        out.append(text[pos:a])
        index.extend(range(pos, a))
        nl = text.find("\n", b)
        nxt = text[b: nl if nl >= 0 else len(text)]
        prev = text[line_start:a]
        if not _is_join(prev, nxt):
            out.append("\n")
            index.append(a)
            line_start = b
        pos = b
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(out), index


class _Bounds:
    """Clause and sentence bounds looked up by bisection over delimiters found once."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text = text
        spans = [m.span() for m in pattern.finditer(text)]
        self.starts = [a for a, _b in spans]
        self.ends = [b for _a, b in spans]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, start) - 1
        a = self.ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self.starts, end)
        b = self.starts[j] if j < len(self.starts) else len(self.text)
        return a, b


_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】"}


def trim_quote(quote: str) -> str:
    """The clause without white space at its ends and without an opening mark at its start or a
    closing mark at its end that has no partner inside it (“这20元钱的住院补贴 → 这20元钱的住院补贴)."""
    q = quote.strip()
    changed = True
    while changed and q:
        changed = False
        if q[0] in _PAIRS and _PAIRS[q[0]] not in q[1:]:
            q, changed = q[1:].lstrip(), True
        elif q and q[-1] in _PAIRS.values():
            opener = next(k for k, v in _PAIRS.items() if v == q[-1])
            if opener not in q[:-1]:
                q, changed = q[:-1].rstrip(), True
    return q or quote.strip()


# --------------------------------------------------------------------------------------------
# gazetteer and lexicon


def _region_names(regions: dict[str, dict]) -> dict[str, str]:
    """Every spelling to look for → the canonical region name (full names, aliases, short forms of
    provinces and cities: 河南省 → 河南, 安阳市 → 安阳, 内蒙古自治区 → 内蒙古)."""
    rank = {"country": 0, "province": 1, "city": 2, "county": 3, "district": 3}
    names: dict[str, tuple[int, str]] = {}

    def add(name: str, canon: str, level_rank: int, exact: bool) -> None:
        key = (0 if exact else 1, level_rank)
        if len(name) < 2:
            return
        if name not in names or key < names[name][0]:
            names[name] = (key, canon)

    for canon, info in (regions or {}).items():
        info = info or {}
        lr = rank.get(str(info.get("level", "")), 4)
        add(canon, canon, lr, True)
        for alias in info.get("aliases") or []:
            add(str(alias), canon, lr, True)
        if info.get("level") in ("province", "city"):
            for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
                if canon.endswith(suffix) and len(canon) - len(suffix) >= 2:
                    add(canon[: -len(suffix)], canon, lr, False)
                    break
    return {n: c for n, (_k, c) in names.items()}


def _alternation(words) -> re.Pattern | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


# --------------------------------------------------------------------------------------------
# YAML helpers


def _scalar(value: str) -> str:
    """One YAML scalar on one line, quoted when it needs quotes (yaml.safe_dump decides)."""
    value = value.replace("\n", " ")
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    out = out.rstrip("\n")
    if out.endswith("\n..."):
        out = out[:-4]
    assert "\n" not in out
    return out


def _comment(s: str) -> str:
    return s.replace("\n", " ")


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
    """(comment text, unit or None) for a literal, using ucheck.numbers.quantity when it is there."""
    try:
        from ucheck.numbers.quantity import QuantityError, parse
    except ImportError:
        return "parsed: ucheck.numbers.quantity not available", None
    try:
        q = parse(literal)
    except (QuantityError, ValueError) as exc:
        return f"parse error: {exc}", None
    lo = "(" if getattr(q, "low_open", False) else "["
    hi = ")" if getattr(q, "high_open", False) else "]"
    unit = getattr(q, "unit", None) or None
    kind = getattr(q, "kind", None)
    text = f"interval {lo}{_fmt_num(getattr(q, 'low', None))}, {_fmt_num(getattr(q, 'high', None))}{hi}"
    text += f" unit {unit}" if unit else " no unit"
    if kind:
        text += f" ({kind})"
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


def _article_id(seed_relpath: str) -> str:
    stem = PurePosixPath(seed_relpath.replace("\\", "/")).stem
    s = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()
    return s or "article"


def _title(text: str) -> str:
    for line in text.splitlines():
        t = line.strip().lstrip("#▲■ \t\u3000").strip()
        if t:
            return t
    return ""


def draft_article(seed_text: str, seed_relpath: str, lexicon: dict[str, str], regions: dict[str, dict],
                  metrics: dict[str, dict] | None = None) -> str:
    """Text of a draft curated YAML for one seed (see the module documentation).

    ``lexicon`` maps keywords to metric names (rules/lexicon.yaml ``keywords``), ``regions`` is the
    gazetteer (rules/regions.yaml ``regions``); ``metrics`` (rules/metrics.yaml ``metrics``), when
    given, lets the metric guess skip keywords whose metric does not take the figure's unit.
    """
    text = seed_text.replace("\r\n", "\n").replace("\r", "\n")
    joined, index = join_wrapped_lines(text)
    orig_line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def orig_pos(j: int) -> int:
        return index[j] if j < len(index) else len(text)

    def line_col(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(orig_line_starts, pos) - 1
        return i + 1, pos - orig_line_starts[i] + 1

    mentions = find_mentions(joined)
    clauses = _Bounds(joined, _CLAUSE_RE)
    sentences = _Bounds(joined, _SENT_RE)

    # gazetteer hits, once
    name_map = _region_names(regions)
    region_re = _alternation(name_map)
    region_hits = [(m.start(), m.end(), name_map[m.group(0)]) for m in region_re.finditer(joined)] if region_re else []
    region_hit_starts = [h[0] for h in region_hits]
    levels = {k: (v or {}).get("level") for k, v in (regions or {}).items()}
    counts = Counter(c for _s, _e, c in region_hits if levels.get(c) != "country")
    if not counts:
        counts = Counter(c for _s, _e, c in region_hits)
    first_seen = {}
    for s, _e, c in region_hits:
        first_seen.setdefault(c, s)
    article_region = min(counts, key=lambda c: (-counts[c], first_seen[c])) if counts else ""
    region_words = sorted(set(name_map), key=len, reverse=True)

    # lexicon hits, once (longest keyword first at each position)
    kw_re = _alternation(lexicon or {})
    kw_hits = [(m.start(), m.end(), m.group(0)) for m in kw_re.finditer(joined)] if kw_re else []
    kw_starts = [h[0] for h in kw_hits]
    org_hits = [(m.start(), m.end(), m.group(0)) for m in _ORG_RE.finditer(joined)]
    org_starts = [h[0] for h in org_hits]
    period_hits = [(m.start(), m.end(), m.group(0)) for m in _PERIOD_RE.finditer(joined)]
    period_starts = [h[0] for h in period_hits]

    def nearest_before(hits, starts, lo: int, pos: int):
        """Hits that lie in [lo, pos], nearest first (``starts``: the hits' start offsets)."""
        out = []
        i = bisect.bisect_right(starts, pos) - 1
        while i >= 0:
            h = hits[i]
            if h[0] < lo:
                break
            if h[1] <= pos:
                out.append(h)
            i -= 1
        return out

    paragraphs = _Bounds(joined, re.compile("\n"))

    def guess_region(s_lo: int, s_hi: int, pos: int) -> str:
        """Nearest name before the figure in its sentence; else, when the sentence says 全省/全市 …,
        the nearest province/city named before it anywhere; else the nearest name before it in
        its paragraph; else the article's region."""
        cands = [h for h in nearest_before(region_hits, region_hit_starts, s_lo, pos) if levels.get(h[2]) != "country"]
        if cands:
            return cands[0][2]
        whole = [m for m in _WHOLE_RE.finditer(joined, s_lo, s_hi)]
        if whole:
            before = [m for m in whole if m.end() <= pos]
            level = _WHOLE_OF[(before[-1] if before else whole[0]).group(0)]
            for h in nearest_before(region_hits, region_hit_starts, 0, pos):
                if levels.get(h[2]) == level:
                    return h[2]
            if levels.get(article_region) == level:
                return article_region
        p_lo, _p_hi = paragraphs.around(pos, pos)
        cands = [h for h in nearest_before(region_hits, region_hit_starts, p_lo, pos) if levels.get(h[2]) != "country"]
        return cands[0][2] if cands else article_region

    def strip_region(s: str) -> str:
        changed = True
        while changed and s:
            changed = False
            m = _WHOLE_REGION.match(s)
            if m:
                s, changed = s[m.end():], True
            for w in region_words:
                if s.startswith(w) and len(s) > len(w):
                    rest = s[len(w):]
                    # 衢州市总工会 → 市总工会 (the level stays: which federation it is)
                    s = w[-1] + rest if w[-1] in "省市县区" and rest.startswith("总工会") else rest
                    changed = True
                    break
        return s

    def guess_subject(s_lo: int, pos: int, region: str) -> str:
        orgs = nearest_before(org_hits, org_starts, s_lo, pos)
        if orgs:
            name = strip_region(_LEADING_VERBS.sub("", orgs[0][2]))
            if name:
                return name
        regs = [h for h in nearest_before(region_hits, region_hit_starts, s_lo, pos) if levels.get(h[2]) != "country"]
        if regs:
            return regs[0][2]
        return region or "unknown"

    def units_ok(metric: str, unit: str | None) -> bool:
        if metrics is None or unit is None or metric not in metrics:
            return True
        return unit in (metrics[metric].get("units") or [])

    def guess_metric(c_lo: int, c_hi: int, start: int, end: int, unit: str | None) -> str:
        before = nearest_before(kw_hits, kw_starts, c_lo, start)
        for h in before:
            if units_ok(lexicon[h[2]], unit):
                return lexicon[h[2]]
        i = bisect.bisect_left(kw_starts, end)
        while i < len(kw_hits) and kw_hits[i][0] < c_hi:
            if kw_hits[i][1] <= c_hi and units_ok(lexicon[kw_hits[i][2]], unit):
                return lexicon[kw_hits[i][2]]
            i += 1
        return "unknown"

    def guess_period(s_lo: int, c_hi: int, start: int) -> str:
        """Nearest period expression before the figure in its sentence, else after it in its clause."""
        before = nearest_before(period_hits, period_starts, s_lo, start)
        if before:
            return before[0][2]
        i = bisect.bisect_left(period_starts, start)
        if i < len(period_hits) and period_hits[i][1] <= c_hi:
            return period_hits[i][2]
        return ""

    figures: list[dict] = []
    ignored: list[dict] = []
    auto: list[tuple[int, Mention]] = []
    seen_fig: dict[tuple[str, str], dict] = {}
    seen_ign: set[tuple[str, str]] = set()

    for k, m in enumerate(mentions):
        o_start = orig_pos(m.start)
        line, col = line_col(o_start)
        if m.kind in ("date", "time", "ordinal"):
            auto.append((line, m))
            continue
        c_lo, c_hi = clauses.around(m.start, m.end)
        quote = trim_quote(joined[c_lo:c_hi])
        if m.kind == "idiom":
            key = (normalise_text(m.literal), normalise_text(quote))
            if key not in seen_ign:
                seen_ign.add(key)
                ignored.append({"value": m.literal, "quote": quote, "reason": m.reason or "idiom", "line": line})
            continue
        key = (normalise_text(m.literal), normalise_text(quote))
        if key in seen_fig:
            seen_fig[key]["also"].append(line)
            continue
        s_lo, s_hi = sentences.around(m.start, m.end)
        note, unit = _parse_note(m.literal)
        printed_unit = None
        if unit is None and measure_of(m.literal) is None:
            # 分别 lists: 10.8和12.9个百分点 — the measure word is printed with the next number
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            if nxt is not None and nxt.kind == "figure" and nxt.start < c_hi:
                gap = joined[m.end:nxt.start].strip()
                if gap in ("和", "与", "及", "、", "或", "至", "到", "和了"):
                    printed_unit = _unit_of(nxt.literal)
        region = guess_region(s_lo, s_hi, m.start)
        entry = {
            "id": f"f{len(figures) + 1:03d}",
            "subject": guess_subject(s_lo, m.start, region),
            "region": region or "unknown",
            "metric": guess_metric(c_lo, c_hi, m.start, m.end, printed_unit or unit or _unit_of(m.literal)),
            "period": guess_period(s_lo, c_hi, m.start),
            "value": m.literal,
            "quote": quote,
            "unit": printed_unit,
            "line": line,
            "column": col,
            "note": note,
            "joined": "\n" in text[o_start:orig_pos(m.end - 1) + 1],
            "chinese": not any(ch.isdigit() for ch in unicodedata.normalize("NFKC", m.literal)),
            "also": [],
        }
        seen_fig[key] = entry
        figures.append(entry)

    # ---------------------------------------------------------------- render
    out: list[str] = [
        f"# DRAFT written by `ucheck draft` from {seed_relpath}: every field is a guess.",
        "# Check subject, region, metric and period; move what is not a figure to `ignored` with a",
        "# reason; keep value and quote verbatim. Comments give the seed line:column and the parse.",
        "article:",
        f"  id: {_scalar(_article_id(seed_relpath))}",
        f"  seed: {_scalar(seed_relpath)}",
        f"  title: {_scalar(_title(text))}",
        f"  region: {_scalar(article_region)}",
        "  # to fill in: subtitle, organisation, authors, source, date, period",
    ]
    out.append("figures:" if figures else "figures: []")
    for f in figures:
        where = f"line {f['line']}, column {f['column']}"
        if f["also"]:
            where += f"; printed again at line {', '.join(map(str, f['also']))}"
        out.append(f"  - id: {f['id']}")
        out.append(f"    # {_comment(where)} | {_comment(f['note'])}")
        if f["joined"]:
            out.append("    # the literal is split across a line break in the seed (joined here)")
        if f["chinese"]:
            out.append("    # Chinese numeral: a count, or a name / slogan / set phrase for `ignored`?")
        out.append(f"    subject: {_scalar(f['subject'])}")
        out.append(f"    region: {_scalar(f['region'])}")
        out.append(f"    metric: {_scalar(f['metric'])}")
        out.append(f"    period: {_scalar(f['period'])}")
        out.append(f"    value: {_scalar(f['value'])}")
        out.append(f"    quote: {_scalar(f['quote'])}")
        if f["unit"]:
            out.append(f"    unit: {_scalar(f['unit'])}")
    out.append("ignored:" if ignored else "ignored: []")
    for g in ignored:
        out.append(f"  - value: {_scalar(g['value'])}")
        out.append(f"    # line {g['line']}")
        out.append(f"    quote: {_scalar(g['quote'])}")
        out.append(f"    reason: {_scalar(g['reason'])}")
    if auto:
        out.append("# Recognised automatically, need not be listed (dates, times, ordinals):")
        for line, m in auto:
            out.append(f"#   line {line}: {_comment(m.literal)} — {_comment(m.reason or m.kind)}")
    return "\n".join(out) + "\n"
