"""``ucheck draft``, step 4: links (``part_of``, ``of``, ``within``, ``base``) proposed only where a
sentence pattern states them — 其中, 占…比重, 拉动…个百分点, 同比/比上年 增长|下降 (see
``ucheck.authoring.draft`` for the patterns) — each with the words it was proposed from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ucheck.authoring.draft_fields import CHANGE_VERB, POINTS
from ucheck.authoring.draft_region import WHOLE_RE
from ucheck.authoring.draft_text import CLAUSE_DELIMS, RATIO_COLONS, SeedView, parse_literal
from ucheck.kinds.columns import UNIT_CLASSES
from ucheck.load.seeds import normalise_text
from ucheck.numbers.periods import whole_year
from ucheck.numbers.quantity import FLAT_WORDS

__all__ = ["propose_links"]

_NOT_LEVEL = {"%", "‰", "个百分点", "百分点", "个千分点", "千分点", "倍", "成"}
_BASE_PERIOD = (r"(?:上年同期|去年同期|同期|上年末|去年末|上年底|去年底|上年全年|去年全年|上年|去年|年初|前三季度|一季度|二季度|"
                r"三季度|四季度|上半年|上季度|上月|[0-9０-９一二两三四五六七八九十]+年前|[0-9０-９]{4}年(?:末|底)?)")
# 同比增长 / 比上年下降 / 增速比一季度提高 / 比同期比重提高 / 分别比同期提高, ending where the figure starts
# (较一季度(-10.8%)回升2.1个百分点: the base's value printed in brackets, a figure of its own)
_CHANGE_RE = re.compile(rf"(?:(?P<yoy>同比|环比)|(?:比|较)(?P<base>{_BASE_PERIOD})(?P<bracket>[（(][^（）()]{{1,16}}[)）])?)"
                        rf"(?:比重|增速|增幅|降幅|水平)?(?:分别|均|都)?(?:同比)?(?P<verb>{CHANGE_VERB})$")
_BASE_PERIOD_RE = re.compile(_BASE_PERIOD)
_FLAT_RE = re.compile(rf"与(?P<base>{_BASE_PERIOD})$")  # 增速与一季度持平, 价格与同期持平
# a growth printed for a base period, in an aside after the level's growth (同比下降11.7%（同期为下降9.8%、
# 一季度为增长3.5%）; a clause of its own: 上年同期为增长5.2%): the growth of that period, not against it
_EARLIER_RE = re.compile(rf"(?:(?:^|[（(、])\s*(?P<said>{_BASE_PERIOD})(?:为|是)|[（(、]\s*(?P<bare>{_BASE_PERIOD}))\s*(?P<verb>{CHANGE_VERB})$")
# a clause that is only the change (城镇实现零售额487.3亿元，增长6.9%; 占GDP的比重为13.6%，占比上升2.5个百分点):
# of the figure before, base not printed
_BARE_CHANGE_RE = re.compile(rf"^(?:占比|比重|增速|增幅|降幅|涨幅)?(?P<verb>{CHANGE_VERB})$")
# words before a change that do not name what changed (增速比同期提高: the growth just printed)
_GENERIC_SUBJECT = re.compile(r"^(?:其中|同时|合计|共|分别|均|增速|增幅|降幅|涨幅|跌幅|比重)+|(?:增速|增幅|降幅|涨幅|跌幅|比重|分别|均|都)+$")
_YOY_BASE = {"同比": "同期", "环比": "上期"}
# 占全市固定资产投资比重为 / 占GDP的 (占用, 占地 … are no shares)
_SHARE_RE = re.compile(r"占(?!用|地(?!区)|有|领|据|到|总数)(?P<whole>[^，。；：、,;:]{1,24}?)(?P<tail>的比重|比重|的比例|比例|的份额|份额|的)"
                       r"(?:为|达到|达|是|约为|约)?$")
# 拉动GDP增长 / 拉动全市经济增长 / 负向拉动全市投资 (the whole after 拉动, the part before it)
_PULL_RE = re.compile(r"(?:正向|负向)?(?:拉动|上拉)(?P<whole>[^，。；：、,;:]{1,24}?)(?:增长|增速)?$")
# a bare 增长 X% of a release says year on year: against the same months of last year in a release on
# part of a year (一季度, 上半年, 1-9月), against last year in one on the whole year (全年, 统计公报)
_PART_YEAR = re.compile(r"季度|半年|[0-9]+[-—–~～至到][0-9]+月")
_WHOLE_ECONOMY = ("地区生产总值", "生产总值", "GDP")
# the names before a structure a:b:c (三次产业比为3.9：59.5：36.6, 中直与地方经济比重为31.3：68.7): the three
# industries, else names joined by 与 / 和 / 、, less the words that name the measure
_THREE_INDUSTRIES = re.compile(r"三次产业|[第]?一[、]?二[、]?三(?:次)?产业")
_STRUCTURE_RE = re.compile(r"(?P<names>[^，。；：,;:]+?)(?:的)?(?:增加值|经济|投资)?(?:占[^，。；：,;:]*?)?(?:的)?(?:结构)?"
                           r"(?:比重|比例|之比|比)(?:分别)?(?:调整)?(?:为|是)?$")
_NAME_SPLIT = re.compile(r"与|和|、|及")
# an open bracket and a region before a figure (增长7.5%(全市11.1%), 增长6.4%（全省为6.6%）)
_ASIDE_RE = re.compile(r"[（(](?:全国|全省|全市|全区|全州|全县|[^（）()，。；,;]{1,8}?(?:省|市|县|区|州|盟|旗))(?:平均)?(?:为|是)?\s*$")
# 分三大门类看 / 分产业看 / 按常住地分: a breakdown of the growth (or amount per head) before it follows, to the end of its sentence
_BREAKDOWN_RE = re.compile(r"(?:分|从|按)(?P<by>[^，。；：,;:（）()]{1,8}?)(?:(?:来)?看[，,：:]?|分[，,：:])")
# one month's figure inside a release on several (当月, 单月, 12月份; not 1-2月)
_ONE_MONTH = re.compile(r"当月|单月|本月|(?<![0-9０-９\-—–~～至到])[0-9０-９]{1,2}月份?(?![0-9０-９])")
_COUNTED = re.compile(r"(?P<n>[两二三四五六七八九十])(?:大|次)?(?:门类|产业|行业|类|部分|区域|板块)")
_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SPACES = " \t\u3000\u00a0"
_ENDS_IN_CHANGE = re.compile(rf"(?:{CHANGE_VERB})$")
_NAME_TAIL = re.compile(r"(?:增加值|经济|投资|产业)+$")
# the whole of a structure of parts of a metric, where the text does not name it (三次产业比为…: of GDP)
_WHOLE_METRIC = {"value_added": "gdp"}


def _interval(literal: str) -> tuple[float, float] | None:
    try:
        q = parse_literal(literal)  # bounded in length
        return float(q.low), float(q.high)
    except Exception:  # noqa: BLE001 - a literal the parser refuses just gets no check
        return None


def _unit_class(unit: str | None) -> str | None:
    """人, 名 and 位 count alike, as 家, 个, 所 and 座 do: a part is counted like its whole."""
    return UNIT_CLASSES.get(unit, unit) if unit else unit


def _subsequence(name: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in name)


def _level(f) -> bool:
    return f["unit_eff"] is not None and f["unit_eff"] not in _NOT_LEVEL


def _same_class(a, b) -> bool:
    return _unit_class(a["unit_eff"]) == _unit_class(b["unit_eff"])


def _fits_in(part, whole) -> bool:
    p, w = _interval(part["value"]), _interval(whole["value"])
    return p is None or w is None or p[0] <= w[1]


def propose_links(view: SeedView, figures: list[dict], lexicon: dict[str, str], metrics: dict[str, dict] | None,
                  strip_region: Callable[[str], str]) -> None:
    """Add to each figure the links that a sentence pattern states, as ``(key, target id or base,
    comment)`` in ``figure["links"]``; share and contribution patterns also set the figure's metric
    (share, growth_contribution)."""
    _Linker(view, figures, lexicon, metrics, strip_region).run()


class _Linker:
    """The figures of one seed (dicts with their offsets in the joined text) and the links between them."""

    def __init__(self, view, figures, lexicon, metrics, strip_region):
        self.view, self.joined = view, view.joined
        self.figures, self.lexicon, self.metrics, self.strip_region = figures, lexicon, metrics, strip_region
        self.pos = {id(f): i for i, f in enumerate(figures)}
        self.by_id = {f["id"]: f for f in figures}
        self.starts = [f["start"] for f in figures]

    def run(self) -> None:
        self.parts_after_qizhong()
        for f in self.figures:
            # a space some pages put between a word and its number (比上年增加 39公顷) joins nothing
            pre = self.joined[f["c_lo"]:f["start"]].rstrip(_SPACES)
            if not self.share(f, pre) and not self.contribution(f, pre) and not self.earlier(f, pre):
                self.change(f, pre)
        self.structures()
        self.breakdowns()
        self.urban_rural_ratios()
        self.shares_after_qizhong()
        self.restatements()
        self.break_cycles()

    # -- lookups -------------------------------------------------------------------------------

    def before(self, at: int, lo: int):
        """Figures starting in [lo, at), nearest first."""
        i = bisect.bisect_left(self.starts, at) - 1
        while i >= 0 and self.figures[i]["start"] >= lo:
            yield self.figures[i]
            i -= 1

    def subject(self, f) -> str:
        """What the clause says before the literal: where the name of what it counts stands."""
        return normalise_text(self.joined[f["c_lo"]:f["start"]])

    def set_metric(self, f, name: str) -> None:
        if self.metrics is None or name in self.metrics:
            f["metric"] = name

    @staticmethod
    def link(f, key: str, target, comment: str) -> None:
        value = target if isinstance(target, str) else target["id"]
        if target is f or any(k == key for k, _v, _c in f["links"]):
            return
        f["links"].append((key, value, comment))

    def named_part(self, name: str, f):
        """The level figure of the paragraph of ``f`` whose clause names ``name`` before its literal,
        nearest first (地方投资拉动全市投资增长10.7个百分点 → 地方投资完成87.9亿元, printed after it)."""
        name = normalise_text(name)
        p_lo = self.joined.rfind("\n", 0, f["start"]) + 1
        p_hi = self.joined.find("\n", f["start"])
        p_hi = len(self.joined) if p_hi < 0 else p_hi
        cands = [g for g in self.figures if p_lo <= g["start"] < p_hi and g is not f and _level(g)]
        for test in (lambda g: name in self.subject(g), lambda g: len(name) >= 3 and _subsequence(name, self.subject(g))):
            hits = [g for g in cands if test(g)]
            if hits:
                return min(hits, key=lambda g: abs(g["start"] - f["start"]))
        return None

    def nearest_level(self, f, same_as=None):
        """The nearest level figure before ``f`` in its sentence, else in the sentence before (same paragraph)."""
        spans = [(f["s_lo"], f["start"])]
        prev = self.view.previous_sentence(f["s_lo"])
        if prev:
            spans.append((prev[0], f["s_lo"]))
        for lo, at in spans:
            for g in self.before(at, lo):
                if _level(g) and (same_as is None or _same_class(g, same_as)):
                    return g
        return None

    def resolve_whole(self, name: str, f, part):
        """The figure a whole's name refers to: the first level figure before ``f`` (like ``part``)
        whose clause names it — GDP, 地区生产总值, 全市经济 → the GDP figure — else the first whose
        drafted metric is the metric of the keyword the name contains."""
        raw = normalise_text(name).strip("的")
        bare = self.strip_region(raw)
        regional = bare != raw
        alts = list(_WHOLE_ECONOMY) if (bare in ("", "经济", "经济总量") and regional) or bare in _WHOLE_ECONOMY else [bare]
        alts = [a for a in alts if a]
        if not alts:
            return None
        cands = [g for g in self.figures[:self.pos[id(f)]] if _level(g) and g is not part and (part is None or _same_class(g, part))]
        named = [g for g in cands if any(a.lower() in self.subject(g).lower() for a in alts)]
        if named:
            if regional:
                whole_words = [g for g in named if WHOLE_RE.search(self.subject(g))]
                named = whole_words or named
            return named[0]
        kws = [k for k in (self.lexicon or {}) if k in bare]
        if kws:
            metric = self.lexicon[max(kws, key=len)]
            typed = [g for g in cands if g["metric"] == metric]
            if typed:
                return typed[0]
        return None

    # -- the patterns --------------------------------------------------------------------------

    def _whole_of_qizhong(self, q: int, s_lo: int, head: str, part):
        """The total a 其中 at ``q`` breaks down: the nearest level figure of the part's unit class
        before it in its sentence, or in the sentence before when 其中 opens the sentence."""
        # an increment (比上年增加63公顷) is counted like a level but is no total: passed over
        total = lambda g: _level(g) and _same_class(g, part) and not self.is_change(g)  # noqa: E731
        whole = next((g for g in self.before(q, s_lo) if total(g)), None)
        if whole is None and not head.strip(" \t\u3000（(【"):
            prev = self.view.previous_sentence(s_lo)
            if prev:
                whole = next((g for g in self.before(q, prev[0]) if total(g)), None)
        return whole

    def parts_after_qizhong(self) -> None:
        """其中 → the first figure after it (every one of its unit after 其中：) is part_of the total before it."""
        joined = self.joined
        for m in re.finditer("其中", joined):
            q = m.start()
            if q > 0 and joined[q - 1] not in CLAUSE_DELIMS + "（(【 \t\u3000":
                continue  # 参与其中: not the start of a breakdown
            s_lo, s_hi = self.view.sentences.around(q, m.end())
            head = joined[s_lo:q]
            scope_end = s_hi
            if head.count("（") + head.count("(") > head.count("）") + head.count(")"):
                scope_end = min([i for i in (joined.find("）", q, s_hi), joined.find(")", q, s_hi)) if i >= 0] or [s_hi])
            after = [g for g in self.figures if m.end() <= g["start"] < scope_end]
            if not after:
                continue
            part = after[0]
            gap = joined[m.end():part["start"]].lstrip("，,：: \t\u3000")
            if not _level(part) or any(c in CLAUSE_DELIMS for c in gap):
                continue
            whole = self._whole_of_qizhong(q, s_lo, head, part)
            if whole is None or not _fits_in(part, whole):
                continue
            parts = [part]
            if joined[m.end():m.end() + 1] in "：:":  # 其中：a …；b …；c … — a list of parts
                parts += [g for g in after[1:] if _level(g) and _same_class(g, part) and _fits_in(g, whole)]
            elif part["metric"] != "unknown":
                # 其中，第一产业增加值…；第二产业增加值…；第三产业增加值…: the first amount of each part of the
                # sentence after a semicolon, of the first part's metric
                for cut in (i for i in range(part["start"], scope_end) if joined[i] in "；;"):
                    g = next((g for g in after if g["start"] > cut and _level(g)), None)
                    if (g is not None and g["metric"] == part["metric"] and _same_class(g, part) and _fits_in(g, whole)
                            and g not in parts and not any(c in "；;" for c in joined[cut + 1:g["start"]])):
                        parts.append(g)
            for g in parts:
                self.link(g, "part_of", whole, "其中")
                if g["metric"] == "unknown":  # 其中：油田产能项目完成投资150亿元；石化公司1.1亿元 — counted alike
                    g["metric"] = part["metric"]

    def share(self, f, pre: str) -> bool:
        """占…比重为 X% → a share of the figure before it within the named whole; whether the pattern is there."""
        m = _SHARE_RE.search(pre)
        unit = f["unit_eff"]
        if not (m and (unit == "%" or (unit is None and "比" in m.group("tail")))):
            return False
        part_name = pre[:m.start()].strip(" \t\u3000，,")
        part = self.named_part(part_name, f) if part_name else self.nearest_level(f)
        if part is not None and self.pos[id(part)] > self.pos[id(f)]:
            part = None
        whole = self.resolve_whole(m.group("whole"), f, part) if part is not None else None
        if whole is None and unit == "%":  # no part of the whole's kind before it: the whole alone
            part, whole = None, self.resolve_whole(m.group("whole"), f, None)
        if whole is not None:  # a part that is not printed (工业增加值增长8.0%，占GDP的比重为26.2%): within alone
            self.set_metric(f, "share")
            if part is not None:
                self.link(f, "of", part, f"占…{m.group('tail')}")
            self.link(f, "within", whole, f"占…{m.group('tail')}")
        return True

    def structures(self) -> None:
        """A structure a:b:c whose terms add up to 100 (drafted in %): each term is the share of the part
        its name before the ratio names (三次产业 → 第一、第二、第三产业; 中直与地方经济 → 中直, 地方) within
        the whole — the one 占 names, else the first figure of the article of the parts' whole metric
        (value added → GDP; investment by industry → investment) — and each part is part_of that whole.
        Only where every term finds its part. A structure of an earlier period (由上年的14.9:33.2:51.9调整为…)
        takes the period its words name (上年): the shares of that period's amounts."""
        joined, figs = self.joined, self.figures
        i = 0
        while i < len(figs):
            j = i
            while j + 1 < len(figs) and joined[figs[j]["end"]:figs[j + 1]["start"]] in RATIO_COLONS:
                j += 1
            terms, i = figs[i:j + 1], j + 1
            if len(terms) < 2 or any(t["unit_eff"] != "%" for t in terms):
                continue
            pre = joined[terms[0]["c_lo"]:terms[0]["start"]]
            if _THREE_INDUSTRIES.search(pre):
                names = ["第一产业", "第二产业", "第三产业"] if len(terms) == 3 else []
            else:
                m = _STRUCTURE_RE.search(pre)
                names = [_NAME_TAIL.sub("", n.strip()) for n in _NAME_SPLIT.split(m.group("names"))] if m else []
            if len(names) != len(terms) or not all(names):
                continue
            parts = [self._structure_part(n, terms[0]) for n in names]
            if any(p is None for p in parts) or len({id(p) for p in parts}) < len(parts):
                continue
            whole = next((w for w in (self._target(t, "within") for t in terms) if w is not None), None)
            if whole is None:
                metric = _WHOLE_METRIC.get(parts[0]["metric"], parts[0]["metric"])
                first = min(self.pos[id(p)] for p in parts)
                whole = next((g for g in figs[:first] if g["metric"] == metric and metric != "unknown" and _level(g)
                              and _same_class(g, parts[0])), None)
            said = joined[terms[0]["c_lo"]:terms[-1]["end"]]
            # 由上年的14.9:33.2:51.9调整为…: the first structure is of the period it names (as a ratio of an
            # earlier period is, urban_rural_ratios): its terms are shares of that period's amounts
            prev = next(self.before(terms[0]["start"], terms[0]["c_lo"]), None)  # …调整为15.3:…: the words since the figure before
            between = joined[prev["end"] if prev is not None else terms[0]["c_lo"]:terms[0]["start"]]
            since = between[between.rfind("由"):] if "由" in between else ""
            earlier = [m.group(0) for m in _BASE_PERIOD_RE.finditer(since)] if re.search(r"上年|去年|同期|年初", since) else []
            for t, part in zip(terms, parts):
                if earlier:
                    t["period"] = earlier[-1]
                self.set_metric(t, "share")
                self.link(t, "of", part, f"a term of {said}")
                if whole is not None:
                    self.link(t, "within", whole, f"a term of {said}")
                    if _fits_in(part, whole):
                        self.link(part, "part_of", whole, f"a part in {said}")

    def breakdowns(self) -> None:
        """分三大门类看：采矿业增加值增长67.9%；制造业增长2.8%… after 规模以上工业增加值同比增长7.5%: where the
        parts' amounts are not printed, each growth of the sentence after 分…看 is part_of the growth the
        paragraph says before it — the nearest, no change of a printed amount, not another region's in
        brackets nor one month's (其中，当月…增长9.9%): 全县工业增加值增长6.0%，其中规模以上工业增加值增长7.2%。
        分三大门类看… breaks down the 7.2 %. A growth after 其中 is a part of the part before it, and is left alone.
        Likewise the amounts per head after 按常住地分 (城镇…10063元，增长5.2%；农村…4974元) are part_of the
        amount per head before it (全体居民人均可支配收入7256元), their growths passed over. The whole gets
        parts: complete where the heading counts the parts (分三大门类看), or they are the three industries,
        or 城镇 and 农村, each named; elsewhere that is the curator's to say."""
        joined = self.joined
        kind = lambda g: (self.metrics or {}).get(g["metric"], {})  # noqa: E731
        growth = lambda g: g["unit_eff"] == "%" and kind(g).get("kind") == "growth"  # noqa: E731
        per_head = lambda g: kind(g).get("kind") == "money" and kind(g).get("additive") is False and not self.is_change(g)  # noqa: E731
        for m in _BREAKDOWN_RE.finditer(joined):
            end = min((k for k in (joined.find("。", m.end()), joined.find("\n", m.end())) if k >= 0), default=len(joined))
            p_lo = joined.rfind("\n", 0, m.start()) + 1
            whole = next((g for g in self.before(m.start(), p_lo) if (growth(g) or per_head(g)) and not any(k == "of" for k, _v, _c in g["links"])
                          and not self.aside(g) and not _ONE_MONTH.search(self.subject(g))), None)
            if whole is None:
                continue
            after = [g for g in self.figures if m.end() <= g["start"] < end and not self.aside(g)]
            if growth(whole):
                # the changes in % after it (国有控股企业增长3.2%); a level or a change in points ends the breakdown.
                # A part of the whole is measured like it: its metric is the whole's, whatever its name suggested
                # (外商及港澳台商投资企业 is no investment)
                run = next((i for i, g in enumerate(after) if not (g["unit_eff"] == "%" and _ENDS_IN_CHANGE.search(self.subject(g)))), len(after))
                after = after[:run]
            else:  # the amounts per head of its metric, each perhaps with its growth after it
                after = [g for g in after if g["metric"] == whole["metric"] and not self.is_change(g)]
            parts = [g for g in after if not any(k in ("of", "part_of") for k, _v, _c in g["links"])
                     and not re.search(r"其中[，,：:]?[^，。；,;]*$", joined[g["c_lo"]:g["start"]])]
            if len(parts) < 2:
                continue
            said = m.group().rstrip("，,：:")
            # every part by definition: as many as the heading counts (分三大门类看: 采矿业, 制造业, 电力…), the
            # three industries (三次产业划分规定: they make up the economy), or 城镇 and 农村 (every resident is one)
            counted = _COUNTED.search(m.group("by"))
            complete = (counted is not None and _CN_COUNT.get(counted.group("n")) == len(parts)) or any(
                len(split) == len(parts) and {n for g in parts for n in split if self.subject(g).startswith(n)} == set(split)
                for split in (("第一产业", "第二产业", "第三产业"), ("城镇", "农村")))
            for g in parts:
                self.set_metric(g, whole["metric"])
                self.link(g, "part_of", whole, f"a part in {said}" + ("" if complete else " (add parts: complete to the whole if these are all its parts)"))
            if complete:
                self.link(whole, "parts", "complete", f"{said}: {len(parts)} parts, every one there is")

    def urban_rural_ratios(self) -> None:
        """城乡收入比…为2.02:1: the first term of a 城乡 ratio to 1 is the urban amount per head ÷ the rural
        one — of the 城镇 figure, within the 农村 figure of the paragraph, each the nearest before it.
        A ratio of an earlier period (由上年同期的2.05:1) is of and within the same amounts, its period the
        base's words (上年同期): the links kind reads it as the quotient of that period's amounts, which
        their growths against it give."""
        joined = self.joined
        for f in self.figures:
            if f["unit_eff"] != "倍" or "城乡" not in joined[f["s_lo"]:f["start"]]:
                continue
            if "收入" in joined[f["s_lo"]:f["start"]]:
                self.set_metric(f, "urban_rural_income_ratio")  # 城乡收入比持续缩小，由上年同期的2.05:1…: the earlier one too
            prev = next(self.before(f["start"], f["c_lo"]), None)  # the words since the figure before it in its clause
            between = joined[prev["end"] if prev is not None else f["c_lo"]:f["start"]]
            earlier = [m.group(0) for m in _BASE_PERIOD_RE.finditer(between)] if re.search(r"上年|去年|同期|年初", between) else []
            p_lo = joined.rfind("\n", 0, f["start"]) + 1
            heads = [g for g in self.before(f["start"], p_lo) if (self.metrics or {}).get(g["metric"], {}).get("kind") == "money"
                     and (self.metrics or {}).get(g["metric"], {}).get("additive") is False and not self.is_change(g)]
            urban = next((g for g in heads if self.subject(g).startswith("城镇")), None)
            rural = next((g for g in heads if self.subject(g).startswith("农村")), None)
            if urban is not None and rural is not None and urban["metric"] == rural["metric"]:
                if earlier:
                    f["period"] = earlier[-1]
                self.link(f, "of", urban, "城乡…比: the urban amount" + (f" of {earlier[-1]}" if earlier else ""))
                self.link(f, "within", rural, "城乡…比: over the rural")

    def restatements(self) -> None:
        """The same literal printed again in another sentence (a headline, then the body: 70.13万人次 twice)
        with the same drafted metric is proposed as ``same_as`` the first: a count or amount, not a change."""
        first: dict = {}
        for f in self.figures:
            # not a change, a pull or a span of time (三年 twice is two spans), nor a bare 万场 (no digits)
            if (f["unit_eff"] is None or f["unit_eff"] in POINTS or f["metric"] == "unknown" or self.is_change(f)
                    or (self.metrics or {}).get(f["metric"], {}).get("kind") in ("duration", "contribution", "growth", "rate_change")
                    or not re.search(r"[0-9０-９]", f["value"]) or any(k in ("of", "within") for k, _v, _c in f["links"])):
                continue
            key = (normalise_text(f["value"]), f["metric"])
            g = first.setdefault(key, f)
            if g is not f and g["s_lo"] != f["s_lo"]:
                self.link(f, "same_as", g, "the same literal printed again")

    def _target(self, f, key: str):
        """The figure ``f`` links to with ``key`` (None where it has no such link to a figure)."""
        value = next((v for k, v, _c in f["links"] if k == key), None)
        return self.by_id.get(value) if value else None

    def _structure_part(self, name: str, term):
        """The level figure before ``term`` whose clause begins with ``name`` (油 is not 非油经济), nearest
        first: in its paragraph, else in the paragraph before (从产业结构看，三次产业比例为… on a line of its own)."""
        p_lo = self.joined.rfind("\n", 0, term["start"]) + 1
        prev_lo = self.joined.rfind("\n", 0, max(p_lo - 1, 0)) + 1 if p_lo else p_lo
        for lo in dict.fromkeys((p_lo, prev_lo)):
            for g in self.before(term["start"], lo):
                if _level(g) and self.subject(g).startswith(name):
                    return g
        return None

    def shares_after_qizhong(self) -> None:
        """其中 … 占GDP的比重为13.6% after 工业 … 占GDP的比重为26.2%: the share after 其中 is part_of the
        share of the same whole before it, in its sentence or the one before (shares of one whole are
        their parts scaled alike)."""
        joined = self.joined
        within = {id(f): next((v for k, v, _c in f["links"] if k == "within"), None) for f in self.figures}
        for m in re.finditer("其中", joined):
            q = m.start()
            if q > 0 and joined[q - 1] not in CLAUSE_DELIMS + "（(【 \t\u3000":
                continue
            s_lo, s_hi = self.view.sentences.around(q, m.end())
            part = next((g for g in self.figures if m.end() <= g["start"] < s_hi and within[id(g)] is not None), None)
            if part is None or any(k == "part_of" for k, _v, _c in part["links"]):
                continue
            prev = self.view.previous_sentence(s_lo)
            lo = prev[0] if prev and not joined[s_lo:q].strip(" \t\u3000（(【") else s_lo
            whole = next((g for g in self.before(q, lo) if within[id(g)] == within[id(part)]), None)
            if whole is not None and _fits_in(part, whole):
                self.link(part, "part_of", whole, "其中 … 占")

    def contribution(self, f, pre: str) -> bool:
        """拉动 (上拉)…增长 X 个百分点 → a contribution of the part before 拉动 within the whole after it."""
        m = _PULL_RE.search(pre)
        if not (m and f["unit_eff"] in POINTS):
            return False
        part_name = re.sub(r"^(?:正向|负向)", "", pre[:m.start()].strip(" \t\u3000，,"))
        part = self.named_part(part_name, f) if part_name else self.nearest_level(f)
        whole = self.resolve_whole(m.group("whole"), f, part) if part is not None else None
        if part is not None and whole is not None:
            self.set_metric(f, "growth_contribution")
            self.link(f, "of", part, "拉动…增长")
            self.link(f, "within", whole, "拉动…增长")
        return True

    def aside(self, g) -> bool:
        """A figure of another region printed in brackets for comparison (增长7.5%(全市11.1%)): what a
        change that follows is of is the figure before the brackets."""
        opened = self.joined[max(g["s_lo"], g["start"] - 12):g["start"]]
        return bool(_ASIDE_RE.search(opened)) and bool(re.match(r"\s*[)）]", self.joined[g["end"]:g["end"] + 2]))

    def _changed(self, f, unit, skip=None):
        """The figure a change ``f`` is of: the rate or growth before a change in points (skipping
        other changes in points, ``skip``: the base's value in brackets, and another region's figure
        in brackets), else the level just before it."""
        if unit in POINTS:
            for g in self.before(f["start"], f["s_lo"]):
                if g is skip or self.aside(g):
                    continue
                if g["unit_eff"] == "%":
                    return g
                if _level(g):
                    return None
            return None
        for g in self.before(f["start"], f["s_lo"]):
            if self.aside(g):
                continue
            # 播种面积85.76千公顷，增加0.09千公顷，增长0.1%: a growth is of the level, not of the increment before it
            if unit in ("%", "倍") and _level(g) and self.is_change(g):
                continue
            if _level(g) and (unit in ("%", "倍") or (_level(f) and _same_class(g, f))):
                return g
            return None
        return None

    def earlier(self, f, pre: str) -> bool:
        """同期为下降9.8% after 同比下降11.7%: a growth printed for a base period is of the level the growth
        before it in the sentence is of, and its period is the base's words (the links kind reads it as
        that period's growth). False, leaving the clause to :meth:`change`, where no growth before it
        names its level."""
        if f["unit_eff"] != "%":
            return False
        m = _EARLIER_RE.search(pre)
        if m is None:
            return False
        period = m.group("said") or m.group("bare")
        for g in self.before(f["start"], f["s_lo"]):
            if g["unit_eff"] == "%":
                level = next((v for k, v, _c in g["links"] if k == "of"), None)
                if level is not None:
                    f["period"] = period
                    self.link(f, "of", level, f"{period}{'为' if m.group('said') else ''}{m.group('verb')}: the growth of {period}")
                    return True
            elif _level(g):
                return False
        return False

    def is_change(self, g) -> bool:
        """A figure printed as a change (增加0.09千公顷, 同比减少5.5亿元), not a level."""
        pre = self.joined[g["c_lo"]:g["start"]].rstrip(_SPACES)
        return bool(_CHANGE_RE.search(pre) or _BARE_CHANGE_RE.match(pre.strip(" \t\u3000")))

    def change(self, f, pre: str) -> None:
        """同比增长 X% / 比一季度提高 p 个百分点 / 增长 X% → a change of the figure before it, with its base."""
        flat = _FLAT_RE.search(pre) if f["value"] in FLAT_WORDS else None
        if flat is not None:  # 增速与一季度持平: a change of the rate before it (价格与同期持平: of the level), against 一季度
            target = self._changed(f, f["unit_eff"])
            if target is not None:
                self.link(f, "of", target, f"与{flat.group('base')}持平")
            self.link(f, "base", flat.group("base"), f"与{flat.group('base')}持平")
            return
        m = _CHANGE_RE.search(pre)
        bare = None if m else _BARE_CHANGE_RE.match(pre.strip(" \t\u3000"))
        named = _GENERIC_SUBJECT.sub("", pre[:m.start()]).strip(" \t\u3000，,") if m else ""
        if m is None and bare is None:
            i = self.pos[id(f)]
            prev = self.figures[i - 1] if i else None
            # 分别比同期提高0.9、5.9个百分点: the second of a list shares the first one's base
            if prev is not None and prev["c_lo"] == f["c_lo"] and pre.endswith(("、", "和", "及")):
                m = _CHANGE_RE.search(self.joined[f["c_lo"]:prev["start"]])
            if m is None:
                return
        said = (m or bare).group(0)
        # the base's value in brackets (较一季度(-10.8%)): the base figure, not what changed
        shown = None
        if m is not None and m.group("bracket"):
            lo, hi = f["c_lo"] + m.start("bracket"), f["c_lo"] + m.end("bracket")
            shown = next((g for g in self.figures if lo <= g["start"] < hi and g is not f), None)
        # a clause that names what changed (全市非油化工业生产者出厂价格同比下降1%) is not of the figure before
        target = None if named else self._changed(f, f["unit_eff"], skip=shown)
        if target is not None:
            self.link(f, "of", target, said)
        if m is not None:
            base = shown if shown is not None else _YOY_BASE.get(m.group("yoy")) if m.group("yoy") else m.group("base")
            self.link(f, "base", base, m.group("yoy") or f"{said[:1]}{m.group('base')}")
        elif target is not None and (f["unit_eff"] == "%" or f["unit_eff"] in POINTS):
            period = f["period"] or ""
            implied = "同期" if _PART_YEAR.search(period) else "上年" if whole_year(period) else None
            if implied is not None:
                self.link(f, "base", implied, f"a bare {said} in a release on {period}: year on year")

    def break_cycles(self) -> None:
        """No link may lead back to its figure: a figure whose chain of part_of (of) returns to it loses that link."""
        by_id = self.by_id
        for key in ("part_of", "of"):
            for f in self.figures:
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
