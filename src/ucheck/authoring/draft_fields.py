"""``ucheck draft``, step 3: what a figure is about, guessed from the words around it — its subject
(the nearest organisation, else region, named before it), its metric (a keyword of
rules/lexicon.yaml, checked against the units of rules/metrics.yaml) and its period."""

from __future__ import annotations

import bisect
import re

from ucheck.authoring.draft_region import Gazetteer
from ucheck.authoring.draft_text import Hits, SeedView, alternation

__all__ = ["CHANGE_VERB", "POINTS", "FieldGuesser"]

POINTS = ("个百分点", "百分点")
CHANGE_VERB = r"(?:增长|下降|提高|回落|上涨|下跌|减少|增加|降低|上升|收窄|扩大|回升|加快|放缓|提升|下滑|增收|减收|增产|减产|涨|跌)了?"
_VERB_ONLY = re.compile(CHANGE_VERB)
# words that make a figure a change (its metric may come from a keyword earlier in the sentence)
_CHANGE_WORD = re.compile(r"增长|下降|提高|回落|上涨|下跌|减少|增加(?!值)|降低|上升|收窄|扩大|回升|加快|放缓|涨了|跌了|"
                          r"增收|减收|增产|减产|提升|下滑|增速|增幅|降幅|拉动")
# a growth at constant prices, printed after the nominal one (扣除价格因素，实际增长5.1%)
_REAL = re.compile(r"实际(?:增长|下降|增速|增幅|降幅)")

# organisations: a head word and up to 12 characters before it (stopping at function words)
_ORG_HEADS = (
    "总工会", "工会", "工作室", "服务队", "公司", "集团", "中心", "协会", "委员会", "联合会", "学院", "医院",
    "银行", "办事处", "工会联合会", "宣讲团", "团队",
)
_ORG_STOP = "的在和与及对向由将把被为是有了从让使给经据已并还也都就又等共其中年月日号"
# verbs that often precede an organisation in a clause: not part of its name
_LEADING_VERBS = re.compile(
    r"^(?:充分发挥|开展|发挥|组织|动员|创建|建立|实施|推进|深化|联合|通过|依托|带动|成立|组建|举办|推动|引导|"
    r"指导|要求|围绕|支持|打造|形成|构建|完善|加强|扶持|确定|落实|鼓励|新发展|新组建|新成立)"
)
_ORG_RE = re.compile(
    rf"(?:(?![{_ORG_STOP}])[\u4e00-\u9fff]){{0,12}}?(?:{'|'.join(sorted(_ORG_HEADS, key=len, reverse=True))})(?!员)"
)

# the reporting periods of statistics releases: a quarter, a half-year, the months since January, the year
_REPORT_PERIOD = (r"(?:[0-9０-９]{4}年)?(?:前三季度|一至三季度|第?[一二三四]季度|上半年|下半年|全年|"
                  r"1[-—–~～至到](?:[2-9]|1[0-2])月份?)")
_REPORT_PERIOD_RE = re.compile(_REPORT_PERIOD)
# a period after 比 / 较 is the base of a change (增速比一季度提高1.3个百分点, 比2015年全年回落), not the
# figure's period
_BASE_BEFORE = re.compile(r"(?:比|较|与|同)(?:[0-9０-９]{4}年|上年|去年)?$")
# a figure in brackets right after a period is that period's (较一季度(-10.8%), 较上年同期(3.2%)): the
# base of the change printed after it, given with its value
_BRACKETED = re.compile(rf"(?P<period>{_REPORT_PERIOD}|上年同期|去年同期|上年|去年)[（(][ \t\u3000]*$")


def _periods(pattern: re.Pattern, text: str) -> Hits:
    """The periods ``pattern`` finds in ``text``, but those after 比 (the base of a change)."""
    return Hits([(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text) if not _BASE_BEFORE.search(text, max(0, m.start() - 6), m.start())])


_PERIOD_RE = re.compile(
    _REPORT_PERIOD + r"|"
    r"截至(?:目前|[0-9０-９]{4}年(?:[0-9０-９]{1,2}月底?)?(?:底|末)?)|到目前为止|至目前|目前|"
    # a duration (5年来, 五年来), not a year (2023年来宾市: 来宾 is a city; a year's 以来 is below)
    r"近[0-9０-９一二两三四五六七八九十几]+年来?|(?<![0-9０-９])[0-9０-９]{1,2}年(?:来|以来|间)|[一二两三四五六七八九十]+年(?:来|以来|间)|"
    r"近年来|近几年来|几年来|多年来|半年多来|过去一年间?|"
    r"[0-9０-９]{4}年(?:[0-9０-９]{1,2}月(?:底|初)?)?(?:以来|年末|年底|年初|初|底)?|今年|去年|每年|当年|此前"
)


class FieldGuesser:
    """Guesses subject, metric and period for the figures of one seed (the words found once)."""

    def __init__(self, view: SeedView, gazetteer: Gazetteer, lexicon: dict[str, str], metrics: dict[str, dict] | None):
        self._view = view
        self._places = gazetteer
        self._lexicon = lexicon
        self._metrics = metrics
        self._keywords = Hits.of(alternation(lexicon or {}), view.joined)  # longest keyword first at each position
        self._orgs = Hits.of(_ORG_RE, view.joined)
        self._periods = _periods(_PERIOD_RE, view.joined)
        self._reporting = _periods(_REPORT_PERIOD_RE, view.joined)
        self._article_period = self._reporting_period_of_the_article()

    def _reporting_period_of_the_article(self) -> str:
        """The period a statistics release reports on: the first reporting period (上半年, 一季度, 全年,
        1-9月) in its title or first paragraph; 全年 for an annual communiqué (统计公报); else ""."""
        text = self._view.joined
        prose = text.find("。")  # the title lines, then the first paragraph of prose
        _lo, hi = self._view.paragraphs.around(max(prose, 0), max(prose, 0))
        first = next((m for m in _REPORT_PERIOD_RE.finditer(text, 0, hi)
                      if not _BASE_BEFORE.search(text, max(0, m.start() - 6), m.start())), None)
        if first:
            return first.group(0)
        return "全年" if "统计公报" in text[:hi] else ""

    def subject(self, s_lo: int, pos: int, region: str) -> str:
        """The nearest organisation named before the figure in its sentence, else the nearest region."""
        orgs = self._orgs.before(s_lo, pos)
        if orgs:
            start, _end, name = orgs[0]
            # a period read over the name's start is not part of it (五年来新发展基层工会: 年 stops the
            # organisation pattern, the 来 of 五年来 does not); nothing else is cut (2023年内蒙古…)
            i = bisect.bisect_right(self._periods.starts, start) - 1
            if i >= 0 and self._periods.hits[i][1] > start:
                name = name[self._periods.hits[i][1] - start:]
            name = self._places.strip(_LEADING_VERBS.sub("", name))
            if name:
                return name
        regs = self._places.named_before(s_lo, pos)
        if regs:
            return regs[0][2]
        return region or "unknown"

    def period(self, s_lo: int, c_hi: int, start: int) -> str:
        """Nearest period expression before the figure in its sentence, else after it in its clause;
        else the reporting period (上半年, 一季度, 全年 …) printed last before it in its paragraph, else
        the article's (a release on 一季度 says it once, at the head of the text). A figure in brackets
        right after a period is that period's (较一季度(-10.8%))."""
        bracketed = _BRACKETED.search(self._view.joined, max(s_lo, start - 16), start)
        if bracketed:
            return bracketed.group("period")
        before = self._periods.before(s_lo, start)
        if before:
            return before[0][2]
        i = bisect.bisect_left(self._periods.starts, start)
        # one after it in its clause, unless in an aside that opens after it (同比下降11.7%（同期为下降9.8%、一季度为增长3.5%）:
        # the periods of the aside's figures)
        if i < len(self._periods.hits) and self._periods.hits[i][1] <= c_hi and not any(
                b in self._view.joined[start:self._periods.hits[i][0]] for b in "（("):
            return self._periods.hits[i][2]
        p_lo, _p_hi = self._view.paragraphs.around(start, start)
        reporting = self._reporting.before(p_lo, start)
        if reporting:
            return reporting[0][2]
        return self._article_period

    # -- metric --------------------------------------------------------------------------------

    def _units_ok(self, metric: str, unit: str | None) -> bool:
        if self._metrics is None or unit is None or metric not in self._metrics:
            return True
        return unit in (self._metrics[metric].get("units") or [])

    def _metric_options(self, m: str, unit: str | None, change: bool, real: bool = False) -> list[str]:
        """The metrics a keyword's metric ``m`` suggests for a figure: with the metric vocabulary,
        a growth (a change printed in %) of 地区生产总值 is gdp_growth, a change in points of 比重 is
        share_change, of a growth rate growth_rate_change; a real growth (扣除价格因素，实际增长5.1%)
        the real growth its nominal growth names (related: real_growth); without it, ``m`` itself."""
        metrics = self._metrics
        if metrics is None:
            return [m]
        if unit == "%" and change and real:
            nominal = [o for o in (f"{m}_growth", m) if metrics.get(o, {}).get("kind") == "growth"]
            opts = [metrics[o]["related"]["real_growth"] for o in nominal if "real_growth" in metrics[o].get("related", {})]
            opts += self._metric_options(m, unit, change)
        elif unit == "%" and change:
            # a change in % is no rate: 占比达96.05%，同比下降15.6% is the growth of what the share is of;
            # a qualified quantity grows as its head does where it has no growth of its own (sown_area: area_growth)
            heads = [m.split("_", i)[-1] for i in range(1, m.count("_") + 1)]
            opts = [f"{m}_growth", f"{m}_change", *(f"{h}_growth" for h in heads)] + ([] if metrics.get(m, {}).get("kind") == "rate" else [m])
        elif unit in POINTS:
            growth = metrics.get(m, {}).get("kind") == "growth"
            opts = [m, f"{m}_change"] + (["growth_rate_change"] if growth else [])
        else:
            opts = [m, f"{m}_growth", f"{m}_change"]
        return [o for o in opts if (o == m or o in metrics) and self._units_ok(o, unit)]

    def _keywords_after(self, end: int, c_hi: int, unit: str | None) -> tuple[list[str], list[str]]:
        """Keywords after the figure in its clause: (right after its measure word, further on)."""
        after, adjacent = [], []
        hits, i = self._keywords.hits, bisect.bisect_left(self._keywords.starts, end)
        while i < len(hits) and hits[i][0] < c_hi:
            if hits[i][1] <= c_hi:
                # the noun right after the measure word is what was counted (7个税种)
                (adjacent if hits[i][0] == end and unit not in ("%", *POINTS) else after).append(hits[i][2])
            i += 1
        return adjacent, after

    def metric(self, c_lo: int, c_hi: int, s_lo: int, start: int, end: int, unit: str | None) -> str:
        """The nearest keyword before the figure in its clause, else after it in its clause, else — for
        a change (a percentage, points, or a change word before it), with the metric vocabulary — the
        nearest keyword before it in its sentence (第一产业实现增加值47.5亿元，同比增长4.4% → 增加值)."""
        change = bool(_CHANGE_WORD.search(self._view.joined, c_lo, start))
        real = bool(_REAL.search(self._view.joined, c_lo, start))  # 实际增长5.1%: at constant prices
        before = [h[2] for h in self._keywords.before(c_lo, start)]
        adjacent, after = self._keywords_after(end, c_hi, unit)
        earlier = []
        if self._metrics is not None and (change or unit in ("%", *POINTS)):
            earlier = [h[2] for h in self._keywords.before(s_lo, c_lo)]
        # a change is of what the sentence counted before it, not of what a remark after it names
        cands = adjacent + before + (earlier + after if change else after + earlier)
        # a keyword that is only a change verb (提高) says that the figure changed, not what: tried last
        cands = [kw for kw in cands if not _VERB_ONLY.fullmatch(kw)] + [kw for kw in cands if _VERB_ONLY.fullmatch(kw)]
        for kw in cands:
            opts = self._metric_options(self._lexicon[kw], unit, change, real)
            if opts:
                return opts[0]
        return "unknown"
