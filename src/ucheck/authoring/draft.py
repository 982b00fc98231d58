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
  (nearest period expression in the sentence: 近5年来, 今年, 2016年 …), value (the literal) and
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
    the clause names what changed (全市…出厂价格同比下降1%);
  - 拉动…增长 X 个百分点 → a contribution (metric growth_contribution) ``of`` the part (the level
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
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from pathlib import PurePosixPath

import yaml

from ucheck.kinds.columns import UNIT_CLASSES
from ucheck.load.seeds import normalise_text
from ucheck.numbers.mentions import CN_DIGITS, CN_SCALES, Mention, find_mentions, measure_of

__all__ = ["draft_article", "join_wrapped_lines", "trim_quote"]

_SENT_END = "。！？!?；;：:…"
_CLAUSE_DELIMS = "。；，！？,;!?：:\n"
_SENT_DELIMS = "。！？!?\n"
_HEAD_MARKS = "#▲■●◆"
_NUMERIC_END = "0123456789０１２３４５６７８９多余几" + CN_DIGITS + CN_SCALES
_LINE_BREAK_RUN = re.compile(r"[ \t\u3000\xa0\r]*\n[\s]*")
# a colon between two numbers separates the terms of a ratio (三次产业比为3.9：59.5：36.6), not clauses
_CLAUSE_RE = re.compile(f"[{re.escape(_CLAUSE_DELIMS.replace('：', '').replace(':', ''))}]|——|"
                         r"(?<![0-9０-９])[：:]|[：:](?![0-9０-９])")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
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
    if _NUMBERED_HEADING.match(prev) and len(prev) <= 40:
        return False  # a numbered heading (一、地方经济…带动GDP实现正增长; 三、规上工业降幅收窄，地方工业保持正增长)
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
# links proposed from the sentence patterns that state them

_POINTS = ("个百分点", "百分点")
_NOT_LEVEL = {"%", "‰", "个百分点", "百分点", "个千分点", "千分点", "倍", "成"}
_CHANGE_VERB = r"(?:增长|下降|提高|回落|上涨|下跌|减少|增加|降低|上升|收窄|扩大|回升|加快|放缓|提升|下滑|增收|减收|涨|跌)了?"
_VERB_ONLY = re.compile(_CHANGE_VERB)
# words that make a figure a change (its metric may come from a keyword earlier in the sentence)
_CHANGE_WORD = re.compile(r"增长|下降|提高|回落|上涨|下跌|减少|增加(?!值)|降低|上升|收窄|扩大|回升|加快|放缓|涨了|跌了|"
                          r"增收|减收|提升|下滑|增速|增幅|降幅|拉动")
_BASE_PERIOD = (r"(?:上年同期|去年同期|同期|上年末|去年末|上年底|去年底|上年全年|去年全年|上年|去年|年初|前三季度|一季度|二季度|"
                r"三季度|四季度|上半年|上季度|上月|[0-9０-９一二两三四五六七八九十]+年前|[0-9０-９]{4}年(?:末|底)?)")
# 同比增长 / 比上年下降 / 增速比一季度提高 / 比同期比重提高 / 分别比同期提高, ending where the figure starts
_CHANGE_RE = re.compile(rf"(?:(?P<yoy>同比|环比)|比(?P<base>{_BASE_PERIOD}))(?:比重|增速|增幅|降幅|水平)?(?:分别|均|都)?(?:同比)?"
                        rf"(?P<verb>{_CHANGE_VERB})$")
# a clause that is only the change (城镇实现零售额487.3亿元，增长6.9%): of the figure before, base not printed
_BARE_CHANGE_RE = re.compile(rf"^(?P<verb>{_CHANGE_VERB})$")
# words before a change that do not name what changed (增速比同期提高: the growth just printed)
_GENERIC_SUBJECT = re.compile(r"^(?:其中|同时|合计|共|分别|均|增速|增幅|降幅|涨幅|跌幅|比重)+|(?:增速|增幅|降幅|涨幅|跌幅|比重|分别|均|都)+$")
_YOY_BASE = {"同比": "同期", "环比": "上期"}
# 占全市固定资产投资比重为 / 占GDP的 (占用, 占地 … are no shares)
_SHARE_RE = re.compile(r"占(?!用|地(?!区)|有|领|据|到|总数)(?P<whole>[^，。；：、,;:]{1,24}?)(?P<tail>的比重|比重|的比例|比例|的份额|份额|的)"
                       r"(?:为|达到|达|是|约为|约)?$")
# 拉动GDP增长 / 拉动全市经济增长 / 负向拉动全市投资 (the whole after 拉动, the part before it)
_PULL_RE = re.compile(r"(?:正向|负向)?拉动(?P<whole>[^，。；：、,;:]{1,24}?)(?:增长|增速)?$")
_WHOLE_ECONOMY = ("地区生产总值", "生产总值", "GDP")


def _interval(literal: str) -> tuple[float, float] | None:
    try:
        from ucheck.numbers.quantity import parse
        q = parse(literal)
        return float(q.low), float(q.high)
    except Exception:  # noqa: BLE001 - a literal the parser refuses just gets no check
        return None


def _unit_class(unit: str | None) -> str | None:
    """人, 名 and 位 count alike, as 家, 个, 所 and 座 do: a part is counted like its whole."""
    return UNIT_CLASSES.get(unit, unit) if unit else unit


def _subsequence(name: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in name)


def _propose_links(joined: str, figures: list[dict], sentences: _Bounds, lexicon: dict[str, str],
                   metrics: dict[str, dict] | None, strip_region) -> None:
    """Add to each figure the links (``part_of``, ``of``, ``within``, ``base``) that a sentence pattern
    states, as ``(key, target id or base, comment)`` in ``figure["links"]``; share and contribution
    patterns also set the figure's metric (share, growth_contribution)."""
    pos = {id(f): i for i, f in enumerate(figures)}
    starts = [f["start"] for f in figures]

    def level(f) -> bool:
        return f["unit_eff"] is not None and f["unit_eff"] not in _NOT_LEVEL

    def same_class(a, b) -> bool:
        return _unit_class(a["unit_eff"]) == _unit_class(b["unit_eff"])

    def before(at: int, lo: int):
        """Figures starting in [lo, at), nearest first."""
        i = bisect.bisect_left(starts, at) - 1
        while i >= 0 and figures[i]["start"] >= lo:
            yield figures[i]
            i -= 1

    def previous_sentence(s_lo: int) -> tuple[int, int] | None:
        if s_lo <= 0 or joined[s_lo - 1] == "\n":
            return None
        return sentences.around(s_lo - 1, s_lo - 1)

    def subject(f) -> str:
        """What the clause says before the literal: where the name of what it counts stands."""
        return normalise_text(joined[f["c_lo"]:f["start"]])

    def set_metric(f, name: str) -> None:
        if metrics is None or name in metrics:
            f["metric"] = name

    def link(f, key: str, target, comment: str) -> None:
        value = target if isinstance(target, str) else target["id"]
        if target is f or any(k == key for k, _v, _c in f["links"]):
            return
        f["links"].append((key, value, comment))

    def fits_in(part, whole) -> bool:
        p, w = _interval(part["value"]), _interval(whole["value"])
        return p is None or w is None or p[0] <= w[1]

    def named_part(name: str, f):
        """The level figure of the paragraph of ``f`` whose clause names ``name`` before its literal,
        nearest first (地方投资拉动全市投资增长10.7个百分点 → 地方投资完成87.9亿元, printed after it)."""
        name = normalise_text(name)
        p_lo = joined.rfind("\n", 0, f["start"]) + 1
        p_hi = joined.find("\n", f["start"])
        p_hi = len(joined) if p_hi < 0 else p_hi
        cands = [g for g in figures if p_lo <= g["start"] < p_hi and g is not f and level(g)]
        for test in (lambda g: name in subject(g), lambda g: len(name) >= 3 and _subsequence(name, subject(g))):
            hits = [g for g in cands if test(g)]
            if hits:
                return min(hits, key=lambda g: abs(g["start"] - f["start"]))
        return None

    def nearest_level(f, same_as=None):
        """The nearest level figure before ``f`` in its sentence, else in the sentence before (same paragraph)."""
        spans = [(f["s_lo"], f["start"])]
        prev = previous_sentence(f["s_lo"])
        if prev:
            spans.append((prev[0], f["s_lo"]))
        for lo, at in spans:
            for g in before(at, lo):
                if level(g) and (same_as is None or same_class(g, same_as)):
                    return g
        return None

    def resolve_whole(name: str, f, part):
        """The figure a whole's name refers to: the first level figure before ``f`` (like ``part``)
        whose clause names it — GDP, 地区生产总值, 全市经济 → the GDP figure — else the first whose
        drafted metric is the metric of the keyword the name contains."""
        raw = normalise_text(name).strip("的")
        bare = strip_region(raw)
        regional = bare != raw
        alts = list(_WHOLE_ECONOMY) if (bare in ("", "经济", "经济总量") and regional) or bare in _WHOLE_ECONOMY else [bare]
        alts = [a for a in alts if a]
        if not alts:
            return None
        cands = [g for g in figures[:pos[id(f)]] if level(g) and g is not part and (part is None or same_class(g, part))]
        named = [g for g in cands if any(a.lower() in subject(g).lower() for a in alts)]
        if named:
            if regional:
                whole_words = [g for g in named if _WHOLE_RE.search(subject(g))]
                named = whole_words or named
            return named[0]
        kws = [k for k in (lexicon or {}) if k in bare]
        if kws:
            metric = lexicon[max(kws, key=len)]
            typed = [g for g in cands if g["metric"] == metric]
            if typed:
                return typed[0]
        return None

    # 其中 → part_of the total before it
    for m in re.finditer("其中", joined):
        q = m.start()
        if q > 0 and joined[q - 1] not in _CLAUSE_DELIMS + "（(【 \t\u3000":
            continue  # 参与其中: not the start of a breakdown
        s_lo, s_hi = sentences.around(q, m.end())
        head = joined[s_lo:q]
        scope_end = s_hi
        if head.count("（") + head.count("(") > head.count("）") + head.count(")"):
            close = min([i for i in (joined.find("）", q, s_hi), joined.find(")", q, s_hi)) if i >= 0] or [s_hi])
            scope_end = close
        after = [g for g in figures if m.end() <= g["start"] < scope_end]
        if not after:
            continue
        part = after[0]
        gap = joined[m.end():part["start"]].lstrip("，,：: \t\u3000")
        if not level(part) or any(c in _CLAUSE_DELIMS for c in gap):
            continue
        whole = next((g for g in before(q, s_lo) if level(g) and same_class(g, part)), None)
        if whole is None and not head.strip(" \t\u3000（(【"):
            prev = previous_sentence(s_lo)
            if prev:
                whole = next((g for g in before(q, prev[0]) if level(g) and same_class(g, part)), None)
        if whole is None or not fits_in(part, whole):
            continue
        parts = [part]
        if joined[m.end():m.end() + 1] in "：:":  # 其中：a …；b …；c … — a list of parts
            parts += [g for g in after[1:] if level(g) and same_class(g, part) and fits_in(g, whole)]
        for g in parts:
            link(g, "part_of", whole, "其中")
            if g["metric"] == "unknown":  # 其中：油田产能项目完成投资150亿元；石化公司1.1亿元 — counted alike
                g["metric"] = part["metric"]

    for f in figures:
        pre = joined[f["c_lo"]:f["start"]]
        unit = f["unit_eff"]
        # 占…比重为 X% → a share of the figure before it within the named whole
        m = _SHARE_RE.search(pre)
        if m and (unit == "%" or (unit is None and "比" in m.group("tail"))):
            part_name = pre[:m.start()].strip(" \t\u3000，,")
            part = named_part(part_name, f) if part_name else nearest_level(f)
            if part is not None and pos[id(part)] > pos[id(f)]:
                part = None
            whole = resolve_whole(m.group("whole"), f, part) if part is not None else None
            if part is not None and whole is not None:
                set_metric(f, "share")
                link(f, "of", part, f"占…{m.group('tail')}")
                link(f, "within", whole, f"占…{m.group('tail')}")
            continue
        # 拉动…增长 X 个百分点 → a contribution of the part before 拉动 within the whole after it
        m = _PULL_RE.search(pre)
        if m and unit in _POINTS:
            part_name = re.sub(r"^(?:正向|负向)", "", pre[:m.start()].strip(" \t\u3000，,"))
            part = named_part(part_name, f) if part_name else nearest_level(f)
            whole = resolve_whole(m.group("whole"), f, part) if part is not None else None
            if part is not None and whole is not None:
                set_metric(f, "growth_contribution")
                link(f, "of", part, "拉动…增长")
                link(f, "within", whole, "拉动…增长")
            continue
        # 同比增长 X% / 比一季度提高 p 个百分点 / 增长 X% → a change of the figure before it
        m = _CHANGE_RE.search(pre)
        bare = None if m else _BARE_CHANGE_RE.match(pre.strip(" \t\u3000"))
        named = _GENERIC_SUBJECT.sub("", pre[:m.start()]).strip(" \t\u3000，,") if m else ""
        if m is None and bare is None:
            prev = figures[pos[id(f)] - 1] if pos[id(f)] else None
            # 分别比同期提高0.9、5.9个百分点: the second of a list shares the first one's base
            if prev is not None and prev["c_lo"] == f["c_lo"] and pre.endswith(("、", "和", "及")):
                m = _CHANGE_RE.search(joined[f["c_lo"]:prev["start"]])
            if m is None:
                continue
        said = (m or bare).group(0)
        target = None
        if named:
            pass  # 全市非油化工业生产者出厂价格同比下降1%: the change names what changed; not the figure before
        elif unit in _POINTS:  # a change of the rate or growth before it (skipping other changes in points)
            for g in before(f["start"], f["s_lo"]):
                if g["unit_eff"] == "%":
                    target = g
                    break
                if level(g):
                    break
        else:
            g = next(before(f["start"], f["s_lo"]), None)
            if g is not None and level(g) and (unit in ("%", "倍") or (level(f) and same_class(g, f))):
                target = g
        if target is not None:
            link(f, "of", target, said)
        if m is not None:
            base = _YOY_BASE.get(m.group("yoy")) if m.group("yoy") else m.group("base")
            link(f, "base", base, m.group("yoy") or f"比{m.group('base')}")

    # no link may lead back to its figure
    by_id = {f["id"]: f for f in figures}
    for key in ("part_of", "of"):
        for f in figures:
            seen, cur = {f["id"]}, f
            while True:
                nxt = next((v for k, v, _c in cur["links"] if k == key), None)
                if nxt is None or nxt not in by_id:
                    break
                if nxt in seen:
                    f["links"] = [lk for lk in f["links"] if lk[0] != key]
                    break
                seen.add(nxt)
                cur = by_id[nxt]


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


_LEVEL_RANK = {"country": 0, "province": 1, "city": 2, "county": 3, "district": 3}
_LEVEL_WORDS = {"province": "全省", "city": "全市", "county": "全县", "district": "全区"}


def _title_area_end(text: str) -> int:
    """Where the title area ends: the lines before the first line of prose (one with 。 or of at
    least 40 characters), at most six non-empty lines — title, subtitle, byline."""
    pos, seen = 0, 0
    for line in text.splitlines(keepends=True):
        t = line.strip()
        if t:
            if "。" in t or len(t) >= 40 or seen >= 6:
                return pos
            seen += 1
        pos += len(line)
    return pos


def _article_region(joined: str, title_hits, levels: dict, counts: Counter, first_seen: dict) -> tuple[str, str]:
    """(region, note): the most specific region named in the title area (``title_hits``: (offset,
    region) in the seed's first lines; a city before its province: 辽宁省阜新市 → 阜新市); else, when
    the text speaks of 全市 (全省 …) more than of other levels, the region of that level named most
    often; else the region named most often. ``note`` says why the region is empty when it is."""
    in_title = [(s, c) for s, c in title_hits if levels.get(c) != "country"]
    if in_title:
        return max(in_title, key=lambda h: (_LEVEL_RANK.get(levels.get(h[1]) or "", 4), -h[0]))[1], ""
    said = Counter()
    for m in _WHOLE_RE.finditer(joined):
        said[_WHOLE_OF[m.group(0)]] += 1
    level = said.most_common(1)[0][0] if said else None
    if level is not None:
        named = [c for c in counts if levels.get(c) == level]
        if named:
            return min(named, key=lambda c: (-counts[c], first_seen[c])), ""
    if counts:
        return min(counts, key=lambda c: (-counts[c], first_seen[c])), ""
    if level is not None:
        return "", f"the text says {_LEVEL_WORDS.get(level, level)} but names no {level} of the gazetteer: fill in"
    return "", "no region of the gazetteer is named: fill in"


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
    title_hits = [(m.start(), name_map[m.group(0)]) for m in region_re.finditer(text, 0, _title_area_end(text))] if region_re else []
    article_region, region_note = _article_region(joined, title_hits, levels, counts, first_seen)
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

    def kind_of(metric: str) -> str | None:
        return (metrics or {}).get(metric, {}).get("kind")

    def metric_options(m: str, unit: str | None, change: bool) -> list[str]:
        """The metrics a keyword's metric ``m`` suggests for a figure: with the metric vocabulary,
        a growth (a change printed in %) of 地区生产总值 is gdp_growth, a change in points of 比重 is
        share_change, of a growth rate growth_rate_change; without it, ``m`` itself."""
        if metrics is None:
            return [m]
        if unit == "%" and change:
            opts = [f"{m}_growth", f"{m}_change", m]
        elif unit in _POINTS:
            opts = [m, f"{m}_change"] + (["growth_rate_change"] if kind_of(m) == "growth" else [])
        else:
            opts = [m, f"{m}_growth", f"{m}_change"]
        return [o for o in opts if (o == m or o in metrics) and units_ok(o, unit)]

    def guess_metric(c_lo: int, c_hi: int, s_lo: int, start: int, end: int, unit: str | None) -> str:
        """The nearest keyword before the figure in its clause, else after it in its clause, else — for
        a change (a percentage, points, or a change word before it), with the metric vocabulary — the
        nearest keyword before it in its sentence (第一产业实现增加值47.5亿元，同比增长4.4% → 增加值)."""
        change = bool(_CHANGE_WORD.search(joined, c_lo, start))
        before = [h[2] for h in nearest_before(kw_hits, kw_starts, c_lo, start)]
        after, adjacent = [], []
        i = bisect.bisect_left(kw_starts, end)
        while i < len(kw_hits) and kw_hits[i][0] < c_hi:
            if kw_hits[i][1] <= c_hi:
                # the noun right after the measure word is what was counted (7个税种)
                (adjacent if kw_hits[i][0] == end and unit not in ("%", *_POINTS) else after).append(kw_hits[i][2])
            i += 1
        earlier = []
        if metrics is not None and (change or unit in ("%", *_POINTS)):
            earlier = [h[2] for h in nearest_before(kw_hits, kw_starts, s_lo, c_lo)]
        # a change is of what the sentence counted before it, not of what a remark after it names
        cands = adjacent + before + (earlier + after if change else after + earlier)
        # a keyword that is only a change verb (提高) says that the figure changed, not what: tried last
        cands = [kw for kw in cands if not _VERB_ONLY.fullmatch(kw)] + [kw for kw in cands if _VERB_ONLY.fullmatch(kw)]
        for kw in cands:
            opts = metric_options(lexicon[kw], unit, change)
            if opts:
                return opts[0]
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

    norm_joined = normalise_text(joined)

    def occurrences(q: str) -> int:
        n, at = 0, norm_joined.find(q)
        while at >= 0 and n < 2:
            n, at = n + 1, norm_joined.find(q, at + 1)
        return n

    def unique_quote(c_lo: int, c_hi: int, s_lo: int) -> str:
        """The clause; when the same clause is printed elsewhere (同比下降0.9% after two different
        figures), the clause with the clauses before it in its sentence, as few as make it unique."""
        quote = trim_quote(joined[c_lo:c_hi])
        if occurrences(normalise_text(quote)) < 2:
            return quote
        lo = c_lo
        while lo > s_lo:
            lo = clauses.around(lo - 1, lo - 1)[0]
            longer = trim_quote(joined[max(lo, s_lo):c_hi])
            if occurrences(normalise_text(longer)) < 2:
                return longer
        return quote

    figures: list[dict] = []
    ignored: list[dict] = []
    auto: list[tuple[int, Mention]] = []
    seen_fig: dict[tuple[str, str, int], dict] = {}
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
        s_lo, s_hi = sentences.around(m.start, m.end)
        # a figure is drafted once per place: the same literal in the same sentence at the same offset
        # is a duplicated paragraph; the same clause in another sentence is another figure
        key = (normalise_text(m.literal), normalise_text(joined[s_lo:s_hi]), len(normalise_text(joined[s_lo:m.start])))
        if key in seen_fig:
            seen_fig[key]["also"].append(line)
            continue
        quote = unique_quote(c_lo, c_hi, s_lo)
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
        unit_eff = printed_unit or unit or _unit_of(m.literal)
        entry = {
            "id": f"f{len(figures) + 1:03d}",
            "subject": guess_subject(s_lo, m.start, region),
            "region": region or "unknown",
            "metric": guess_metric(c_lo, c_hi, s_lo, m.start, m.end, unit_eff),
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
            # where it stands in the joined text, for the links
            "start": m.start, "end": m.end, "c_lo": c_lo, "c_hi": c_hi, "s_lo": s_lo, "s_hi": s_hi,
            "unit_eff": unit_eff, "links": [],
        }
        seen_fig[key] = entry
        figures.append(entry)

    _propose_links(joined, figures, sentences, lexicon, metrics, strip_region)

    # ---------------------------------------------------------------- render
    out: list[str] = [
        f"# DRAFT written by `ucheck draft` from {seed_relpath}: every field is a guess.",
        "# Check subject, region, metric and period; move what is not a figure to `ignored` with a",
        "# reason; keep value and quote verbatim. Comments give the seed line:column and the parse.",
        "article:",
        f"  id: {_scalar(_article_id(seed_relpath))}",
        f"  seed: {_scalar(seed_relpath)}",
        f"  title: {_scalar(_title(text))}",
        f"  region: {_scalar(article_region)}" + (f"  # {_comment(region_note)}" if region_note else ""),
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
        for key in ("part_of", "of", "within", "base"):
            for k, v, why in f["links"]:
                if k == key:
                    out.append(f"    {key}: {_scalar(v)}  # proposed from {_comment(why)}")
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
