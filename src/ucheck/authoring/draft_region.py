"""``ucheck draft``, step 2: the article header and the regions — the gazetteer (rules/regions.yaml)
looked for in the seed, the article's id, title and region, each figure's region, and region names
taken off the front of a name (衢州市总工会 → 市总工会)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from ucheck.authoring.draft_text import Hits, SeedView, alternation

__all__ = ["WHOLE_RE", "Gazetteer", "article_id", "title"]

_WHOLE_REGION = re.compile(r"^(?:全省|全市|全县|全区|我省|我市|本省|本市|全国)")
# "the whole province / city": the figure is about the province (city) named last before it
_WHOLE_LEVEL = (
    ("全省", "province"), ("我省", "province"), ("本省", "province"), ("省总", "province"),
    ("全市", "city"), ("我市", "city"), ("本市", "city"), ("市总", "city"), ("市本级", "city"),
    ("全县", "county"), ("我县", "county"), ("本县", "county"),
    ("全区", "district"), ("我区", "district"), ("本区", "district"),
)
WHOLE_RE = re.compile("|".join(w for w, _l in _WHOLE_LEVEL))
_WHOLE_OF = dict(_WHOLE_LEVEL)
# 全省 after these is a region the text compares its own with (增速高于全省0.1个百分点, 居全省第7位)
_COMPARED = re.compile(r"(?:高于|低于|快于|慢于|比|较|居|占|与|于)$")  # not 在: 在全市范围内 is the text's own
_LEVEL_RANK = {"country": 0, "province": 1, "city": 2, "county": 3, "district": 3}
_LEVEL_WORDS = {"province": "全省", "city": "全市", "county": "全县", "district": "全区"}
# a place named at the head of a title (兰坪县2021年国民经济和社会发展统计公报, 新乡市上半年经济运行简析):
# two to ten characters ending in the word of an administrative level, not 全市 / 我省 / 本县, not
# a period (上半年全市…)
_TITLE_PLACE = re.compile(r"^([^\W\d_全我本各年季月度半期]{1,9}?(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|州|盟|县|旗|区))"
                          r"(?=[0-9０-９〇一二三四五六七八九]|上半年|前三季度|一季度|全年|国民经济|经济|统计|年度|人口|人民政府|政府|总工会|工会|$)")


def article_id(seed_relpath: str) -> str:
    """The article id: the seed file's name in lower case, runs of other characters as '-'."""
    stem = PurePosixPath(seed_relpath.replace("\\", "/")).stem
    s = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()
    return s or "article"


# a web page's navigation trail saved with its text: 首页/ 政务公开/ 统计信息/ 正文, 首页 > 新闻中心 > 工会动态
_BREADCRUMB_RE = re.compile(r"^(?:首页|当前位置|您的位置|您现在的位置)|^[^/>›»]{1,12}(?:\s*[/>›»]\s*[^/>›»]{1,12}){2,}$")


def title(text: str) -> str:
    """The first non-empty line, without heading marks, that is not a web page's navigation trail."""
    for line in text.splitlines():
        t = line.strip().lstrip("#▲■ \t\u3000").strip()
        if t and not _BREADCRUMB_RE.search(t):
            return t
    return ""


# a title that opens with the country's name is the country's own article (a national communiqué);
# 中国 elsewhere in a title is mostly 中国特色…, not the region
_COUNTRY_TITLES = ("中华人民共和国", "全国")


def _region_names(regions: dict[str, dict]) -> dict[str, str]:
    """Every spelling to look for → the canonical region name (full names, aliases, short forms of
    provinces and cities: 河南省 → 河南, 安阳市 → 安阳, 内蒙古自治区 → 内蒙古)."""
    names: dict[str, tuple[tuple[int, int], str]] = {}

    def add(name: str, canon: str, level_rank: int, exact: bool) -> None:
        key = (0 if exact else 1, level_rank)
        if len(name) < 2:
            return
        if name not in names or key < names[name][0]:
            names[name] = (key, canon)

    for canon, info in (regions or {}).items():
        info = info or {}
        lr = _LEVEL_RANK.get(str(info.get("level", "")), 4)
        add(canon, canon, lr, True)
        for alias in info.get("aliases") or []:
            add(str(alias), canon, lr, True)
        if info.get("level") in ("province", "city"):
            for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
                if canon.endswith(suffix) and len(canon) - len(suffix) >= 2:
                    add(canon[: -len(suffix)], canon, lr, False)
                    break
    return {n: c for n, (_k, c) in names.items()}


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


class Gazetteer:
    """The regions named in one seed: where, at which level, how often; the article's region."""

    def __init__(self, regions: dict[str, dict], view: SeedView):
        self._view = view
        name_map = _region_names(regions)
        pattern = alternation(name_map)
        joined = view.joined
        self.hits = Hits([(m.start(), m.end(), name_map[m.group(0)]) for m in pattern.finditer(joined)] if pattern else [])
        self.levels = {k: (v or {}).get("level") for k, v in (regions or {}).items()}
        self._counts = Counter(c for _s, _e, c in self.hits.hits if self.levels.get(c) != "country")
        if not self._counts:
            self._counts = Counter(c for _s, _e, c in self.hits.hits)
        self._first_seen: dict[str, int] = {}
        for s, _e, c in self.hits.hits:
            self._first_seen.setdefault(c, s)
        end = _title_area_end(view.text)
        title_hits = [(m.start(), name_map[m.group(0)]) for m in pattern.finditer(view.text, 0, end)] if pattern else []
        self.region, self.note = self._article_region(title_hits)
        self._words = sorted(set(name_map), key=len, reverse=True)

    def _most_named(self, names) -> str:
        return min(names, key=lambda c: (-self._counts[c], self._first_seen[c]))

    def _article_region(self, title_hits) -> tuple[str, str]:
        """(region, note): the most specific region named in the title area (``title_hits``: (offset,
        region) in the seed's first lines; a city before its province: 辽宁省阜新市 → 阜新市); else a place
        the gazetteer does not know named at the head of the title (兰坪县2021年…统计公报), with a note to
        add it; else, when
        the text speaks of 全市 (全省 …) more than of other levels, the region of that level named most
        often; else the region named most often. ``note`` says why the region is empty,
        or not of the gazetteer, when it is."""
        levels = self.levels
        countries = [c for c, lv in levels.items() if lv == "country"]
        if countries and title(self._view.text).startswith(_COUNTRY_TITLES):  # 中华人民共和国2024年…统计公报: the country's own
            return countries[0], ""
        in_title = [(s, c) for s, c in title_hits if levels.get(c) != "country"]
        if in_title:
            return max(in_title, key=lambda h: (_LEVEL_RANK.get(levels.get(h[1]) or "", 4), -h[0]))[1], ""
        place = _TITLE_PLACE.match(title(self._view.text))
        if place:  # a place the gazetteer does not know is still the article's, not 中国 of 中国特色…
            name = place.group(1)
            return name, f"{name} (from the title) is not in the gazetteer: add it under regions: in a rules/ file, see `ucheck regions`"
        said = Counter()
        joined = self._view.joined
        for m in WHOLE_RE.finditer(joined):
            if not _COMPARED.search(joined, max(0, m.start() - 2), m.start()):  # 高于全省: the text's own region is another
                said[_WHOLE_OF[m.group(0)]] += 1
        level = said.most_common(1)[0][0] if said else None
        if said.get("city") and level == "province" and not any(levels.get(c) == "city" for c in self._counts):
            level = "city"  # 全市 of a city the text never names, beside 全省 of the province it compares itself with
        if level is not None:
            named = [c for c in self._counts if levels.get(c) == level]
            if named:
                return self._most_named(named), ""
        if self._counts:
            most = self._most_named(self._counts)
            # 全市 throughout and only 辽宁 named (在辽宁考察时): the city is not named, not the province
            if level is None or _LEVEL_RANK.get(levels.get(most) or "", 4) >= _LEVEL_RANK.get(level, 4):
                return most, ""
        if level is not None:
            return "", f"the text says {_LEVEL_WORDS.get(level, level)} but names no {level} of the gazetteer: fill in"
        return "", "no region of the gazetteer is named: fill in"

    def named_before(self, lo: int, pos: int) -> list[tuple[int, int, str]]:
        """Regions below the country named in [lo, pos] of the joined text, nearest first."""
        return [h for h in self.hits.before(lo, pos) if self.levels.get(h[2]) != "country"]

    def figure_region(self, s_lo: int, s_hi: int, pos: int) -> str:
        """Nearest name before the figure in its sentence; else, when the sentence says 全省/全市 …,
        the nearest province/city named before it anywhere; else the nearest name before it in
        its paragraph; else the article's region."""
        cands = self.named_before(s_lo, pos)
        if cands:
            return cands[0][2]
        whole = [m for m in WHOLE_RE.finditer(self._view.joined, s_lo, s_hi)]
        if whole:
            before = [m for m in whole if m.end() <= pos]
            level = _WHOLE_OF[(before[-1] if before else whole[0]).group(0)]
            for h in self.hits.before(0, pos):
                if self.levels.get(h[2]) == level:
                    return h[2]
            if self.levels.get(self.region) == level:
                return self.region
        p_lo, _p_hi = self._view.paragraphs.around(pos, pos)
        cands = self.named_before(p_lo, pos)
        return cands[0][2] if cands else self.region

    def strip(self, s: str) -> str:
        """``s`` without the region names (and 全市, 我省 …) at its front."""
        changed = True
        while changed and s:
            changed = False
            m = _WHOLE_REGION.match(s)
            if m:
                s, changed = s[m.end():], True
            for w in self._words:
                if s.startswith(w) and len(s) > len(w):
                    rest = s[len(w):]
                    # 衢州市总工会 → 市总工会 (the level stays: which federation it is)
                    s = w[-1] + rest if w[-1] in "省市县区" and rest.startswith("总工会") else rest
                    changed = True
                    break
        return s
