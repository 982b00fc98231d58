"""``yield`` rules: a crop's output over its sown area, or meat over the animals slaughtered, against
the national figure of that crop or animal.

A statistics bulletin prints a crop's sown area and its output (粮食种植面积43907公顷 … 粮食总产量20.2万吨)
without the yield between them, so neither figure has anything to be checked against — yet their
quotient, tonnes a hectare, is among the best known numbers of a country's agriculture, and a figure
ten times off (a slipped digit, 万 lost or added) moves it out of what any field in China gives. The
same holds for the pigs slaughtered and the pork they give (生猪出栏94.28万头 … 猪肉产量7.1万吨): some 80
kg a head (``per: head``).

The crop is read from the figures' subjects by the words of the rule's crop table (粮食, 小麦, 烟叶 …;
the longest word a subject contains); an output and an area of one article, region and period of the
same crop are paired (稻谷 and 水稻 name one crop) — an output of 夏粮, a crop of its own, with an area
of 夏粮, not of 粮食. A subject that names two crops (猪牛羊肉产量) or a word of the rule's ``except``
list (牛奶, 生猪存栏) is not paired. Figures that are changes (linked ``of`` another) are not levels and
are left out. A figure is on the output side when its metric is ``output`` and its unit is in
``output_units``, on the other when its metric is ``area`` and its unit is in ``area_units`` (one
metric may serve both, by unit: 猪肉产量 in 吨 and 生猪出栏 in 头 are both outputs); a figure in another
unit is not judged. One pass over the figures per crop word, one join: no loop per figure.
"""

from __future__ import annotations

import math

import numpy as np

from ucheck.i18n import phrases
from ucheck.kinds.base import Option, RuleKind, register
from ucheck.kinds.columns import records
from ucheck.numbers.intervals import format_number

SAY = phrases(
    __name__,
    detail=("{head} — '{output}' of {crop} from '{area}' is {low}–{high} t a hectare ({mu} 公斤/亩); "
            "the national yield of {crop} is {national} t a hectare ({source}); any region's lies within {range} times it",
            "{head}——{crop}“{output}”出自“{area}”，即每公顷{low}–{high}吨（{mu}公斤/亩）；"
            "全国{crop}单产为每公顷{national}吨（{source}），任何地区都在其{range}倍之内"),
    per_resident=("{head} — '{output}' of {crop} is {low}–{high} {unit} a resident of {region} ({population}); "
                  "China's is {national} {unit} a resident ({source}); any region's lies within {range} times it",
                  "{head}——{crop}“{output}”按{region}常住人口（{population}）计为每人{low}–{high}{unit}；"
                  "全国为每人{national}{unit}（{source}），任何地区都在其{range}倍之内"),
    above_country=("{head} — '{output}' of {crop} for {region} (a region of {country} without a population in the gazetteer) is "
                   "more than twice what all {country} grows: about {total} {unit} ({national} {unit} a resident, {source}; {population})",
                   "{head}——{region}（{country}的地区，地名表中没有其人口）的{crop}“{output}”超过{country}总产量的两倍：{country}约{total}{unit}"
                   "（每人{national}{unit}，{source}；{population}）"),
    per_head=("{head} — '{output}' of {crop} from '{area}' is {low}–{high} kg a head; "
              "the national figure for {crop} is {national} kg a head ({source}); any region's lies within {range} times it",
              "{head}——{crop}“{output}”出自“{area}”，即每头（只）{low}–{high}公斤；"
              "全国{crop}为每头（只）{national}公斤（{source}），任何地区都在其{range}倍之内"),
)
PER = ("hectare", "head", "resident")


@register
class YieldRule(RuleKind):
    kind = "yield"
    doc = ("A crop's output over its sown area (paired by the crop's word in their subjects, in one article, region and "
           "period), in tonnes a hectare — or meat over the animals slaughtered, in kg a head (per: head) — against the "
           "national figure of the crop times the rule's range.")
    options = {
        "output": Option("str", default="output", doc="the metric of a crop's output"),
        "area": Option("str", default="sown_area", doc="the metric of a crop's sown area (per: head, of the animals slaughtered)"),
        "per": Option("str", default="hectare", choices=PER,
                      doc="hectare: tonnes a hectare (output_units in tonnes, area_units in hectares); head: kg a head "
                          "(output_units in kg, area_units in heads); resident: the output per resident of its region "
                          "(the gazetteer's population; output_units in the unit of national, named by unit)"),
        "unit": Option("str", default="kg", doc="per resident: the unit output_units convert to, as messages print it", applies=("per", ("resident",))),
        "output_units": Option("mapping", required=True, doc="unit: tonnes per unit (吨: 1, 公斤: 0.001); per head, kg (吨: 1000)"),
        "area_units": Option("mapping", default={}, doc="unit: hectares per unit (公顷: 1, 亩: 0.0666667); per head, heads (头: 1); "
                             "not per resident"),
        "crops": Option("table", required=True, doc="each {name, words, national (in the quotient's unit), range: [low, high], source}"),
        "except": Option("list", default=[], doc="words of a subject that is not paired (牛奶 beside 牛, 存栏 beside 出栏)"),
    }

    def __init__(self, rule, vocab):
        super().__init__(rule, vocab)
        opts = rule.options
        for key in ("output", "area"):
            if opts[key] not in vocab.metrics:
                from ucheck.suggest import did_you_mean

                raise rule.error(f"{key}: unknown metric {opts[key]!r}{did_you_mean(str(opts[key]), vocab.metrics)}")
        self.output_units = self._factors(rule, "output_units")
        self.per = opts["per"]
        self.area_units = self._factors(rule, "area_units") if self.per != "resident" else {}
        both = sorted(set(self.output_units) & set(self.area_units))
        if both:
            raise rule.error(f"output_units and area_units both list {', '.join(both)}: a figure's unit must tell its side")
        self.excluded = [w.strip() for w in opts["except"] or [] if isinstance(w, str) and w.strip()]
        if len(self.excluded) != len(opts["except"] or []):
            raise rule.error("except: each entry must be a word of a subject")
        self.words: dict[str, dict] = {}  # a crop word → its crop (words of one crop are one crop's names: 稻谷, 水稻)
        self.crops: dict[str, dict] = {}  # a crop's name → its crop: outputs and areas are paired by it
        for i, crop in enumerate(opts["crops"]):
            where = f"crops[{i}]"
            if not isinstance(crop, dict) or set(crop) - {"name", "words", "national", "range", "source"}:
                raise rule.error(f"{where}: a crop is a mapping of name, words, national, range and source")
            name, words, source = crop.get("name"), crop.get("words"), crop.get("source")
            national = _number(crop.get("national"))
            span = crop.get("range")
            bounds = [_number(b) for b in span] if isinstance(span, list) else []
            if not isinstance(name, str) or not name.strip():
                raise rule.error(f"{where}: name must be the crop's name")
            if not isinstance(words, list) or not words or any(not isinstance(w, str) or not w.strip() for w in words):
                raise rule.error(f"{where} ({name}): words must list the words of a subject that name the crop")
            if national is None or national <= 0:
                quotient = {"head": "kg a head", "resident": f"{opts['unit']} a resident"}.get(self.per, "tonnes a hectare")
                raise rule.error(f"{where} ({name}): national must be the national yield in {quotient}, a positive number")
            floor_ok = 0 <= bounds[0] < 1 if self.per == "resident" and len(bounds) == 2 and None not in bounds else \
                len(bounds) == 2 and None not in bounds and 0 < bounds[0] < 1
            if len(bounds) != 2 or None in bounds or not floor_ok or not 1 < bounds[1]:
                low_bound = "0 ≤ low" if self.per == "resident" else "0 < low"
                raise rule.error(f"{where} ({name}): range must be [low, high] times the national yield, {low_bound} < 1 < high")
            if not isinstance(source, str) or not source.strip():
                raise rule.error(f"{where} ({name}): source must name where the national yield is published")
            entry = {"name": name.strip(), "national": national, "range": (bounds[0], bounds[1]), "source": source.strip()}
            if entry["name"] in self.crops:
                raise rule.error(f"{where} ({name}): the crop {entry['name']!r} is in the table twice")
            self.crops[entry["name"]] = entry
            for w in words:
                if w.strip() in self.words:
                    raise rule.error(f"{where} ({name}): the word {w.strip()!r} names two crops")
                self.words[w.strip()] = entry

    def _country(self) -> tuple[str, float, str] | None:
        """(name, population, its text) of the gazetteer's country, or None."""
        for name, r in self.vocab.regions.items():
            p = r.get("population") if r.get("level") == "country" else None
            v = _number(p.get("value")) if isinstance(p, dict) else None
            if v and v > 0:
                return name, v, f"{p.get('literal', p.get('value'))} ({p.get('year')}, {p.get('source')})"
        return None

    @staticmethod
    def _factors(rule, key) -> dict[str, float]:
        table = rule.options[key]
        out = {}
        for unit, factor in (table or {}).items():
            v = _number(factor)
            if not isinstance(unit, str) or v is None or v <= 0:
                raise rule.error(f"{key}: each unit must map to a positive number, not {unit!r}: {factor!r}")
            out[unit] = v
        if not out:
            raise rule.error(f"{key}: at least one unit")
        return out

    def scope(self, figures, selected):
        return selected  # article-local: an output and an area of one article

    def check(self, ctx):
        import pandas as pd

        f = ctx.figures
        self.checked = 0
        opts = self.rule.options
        metric = f["metric"].to_numpy(object)
        level = f["of"].isna().to_numpy() if "of" in f.columns else np.ones(len(f), bool)
        unit = f["unit"].astype(object)
        is_output = (metric == opts["output"]) & unit.isin(list(self.output_units)).to_numpy()
        is_area = (metric == opts["area"]) & unit.isin(list(self.area_units)).to_numpy()
        mine = np.flatnonzero((is_output | is_area) & level & f["q_low"].notna().to_numpy())
        if not len(mine):
            return []
        some = f.iloc[mine]
        subject = some["subject"].fillna("").astype(str)
        found = {w: subject.str.contains(w, regex=False).to_numpy() for w in self.words}
        # a word inside another the subject also contains is that one's (猪 in 猪肉): the others name the crop
        crop = np.full(len(some), "", dtype=object)
        named = np.zeros(len(some), dtype=np.int64)  # how many crops a subject names (猪牛羊肉产量: three, paired with none)
        for name in self.crops:
            own = [w for w, c in self.words.items() if c["name"] == name]
            hit = np.zeros(len(some), dtype=bool)
            for w in own:
                inside = [found[v] for v in self.words if v != w and w in v and self.words[v]["name"] != name]
                hit |= found[w] & ~np.logical_or.reduce(inside) if inside else found[w]
            crop[hit] = name
            named += hit
        crop[named != 1] = ""
        for w in self.excluded:
            crop[subject.str.contains(w, regex=False).to_numpy()] = ""
        out_side = is_output[mine]
        factor = np.where(out_side, unit.iloc[mine].map(self.output_units).to_numpy(float), unit.iloc[mine].map(self.area_units).to_numpy(float))
        t = pd.DataFrame({"row": mine, "article": some["article"].to_numpy(object), "region": some["region"].fillna("").to_numpy(object),
                          "period": some["period_key"].fillna("").to_numpy(object), "word": crop,
                          "lo": some["q_low"].to_numpy(float) * factor, "hi": some["q_high"].to_numpy(float) * factor,
                          "is_output": out_side})
        t = t[(t["word"] != "") & np.isfinite(t["lo"]) & np.isfinite(t["hi"])]
        keys = ["article", "region", "period", "word"]
        whole = np.zeros(0, dtype=bool)
        if self.per == "resident":  # the other side is the region's population, exact
            pairs = t[t["is_output"]].copy()
            pop = f["region_population"].to_numpy(float)[pairs["row"].to_numpy()]
            # a region without a population is a part of the country: no more than the country's whole output
            country = self._country()
            whole = ~(np.isfinite(pop) & (pop > 0))
            pop = np.where(whole, country[1] if country else np.nan, pop)
            pairs["lo@a"], pairs["hi@a"], pairs["row@a"] = pop, pop, -1
            keep = np.isfinite(pop) & (pop > 0)
            pairs, whole = pairs[keep], whole[keep]
        else:
            pairs = t[t["is_output"]].merge(t[~t["is_output"]], on=keys, suffixes=("", "@a"))
        if not len(pairs):
            return []
        self.checked = len(pairs)
        with np.errstate(divide="ignore", invalid="ignore"):
            low = pairs["lo"].to_numpy() / pairs["hi@a"].to_numpy()
            high = np.where(pairs["lo@a"].to_numpy() > 0, pairs["hi"].to_numpy() / pairs["lo@a"].to_numpy(), np.inf)
        name = pairs["word"]  # the crop's name (pairs were joined on it)
        national = name.map({k: c["national"] for k, c in self.crops.items()}).to_numpy(float)
        floor = national * name.map({k: c["range"][0] for k, c in self.crops.items()}).to_numpy(float)
        ceiling = national * name.map({k: c["range"][1] for k, c in self.crops.items()}).to_numpy(float)
        if whole.any():  # against the country's whole output: no floor; twice it the ceiling (the national
            # figures are rounded and of one year, and a region named 全国 is the whole country)
            floor, ceiling = np.where(whole, 0.0, floor), np.where(whole, 2 * national, ceiling)
        bad = np.flatnonzero((high < floor) | (low > ceiling))
        out = []
        head = ctx.headline(self.rule)
        for i in bad:  # the findings only
            c = self.crops[name.iloc[i]]
            o, a = int(pairs["row"].iloc[i]), int(pairs["row@a"].iloc[i])
            if self.per == "resident" and whole[i]:
                rows = records(f.iloc[[o]])
                country = self._country()
                msg = ctx.say(SAY.above_country, head=head, output=rows[0]["value"], crop=c["name"], region=rows[0]["region"] or "?",
                              country=country[0], total=format_number(float(f"{c['national'] * country[1]:.2g}")), unit=opts["unit"],
                              national=format_number(c["national"]), population=country[2], source=c["source"])
                out.append(ctx.finding(self.rule, rows, msg, key=pairs["word"].iloc[i]))
                continue
            if self.per == "resident":
                rows = records(f.iloc[[o]])
                msg = ctx.say(SAY.per_resident, head=head, output=rows[0]["value"], crop=c["name"], low=_sig(low[i]), high=_sig(high[i]),
                              unit=opts["unit"], region=rows[0]["region"], population=rows[0].get("region_population_text") or "",
                              national=format_number(c["national"]), source=c["source"],
                              range=f"{format_number(c['range'][0])}–{format_number(c['range'][1])}")
                out.append(ctx.finding(self.rule, rows, msg, key=pairs["word"].iloc[i]))
                continue
            rows = records(f.iloc[[o, a]])
            point = f["q_value"].iloc[o] * self.output_units[f["unit"].iloc[o]] / (f["q_value"].iloc[a] * self.area_units[f["unit"].iloc[a]])
            msg = ctx.say(SAY.per_head if opts["per"] == "head" else SAY.detail, head=head, output=rows[0]["value"], area=rows[1]["value"],
                          crop=c["name"], low=_sig(low[i]), high=_sig(high[i]), mu=_sig(point * 1000 / 15), national=format_number(c["national"]),
                          source=c["source"], range=f"{format_number(c['range'][0])}–{format_number(c['range'][1])}")
            out.append(ctx.finding(self.rule, rows, msg, key=pairs["word"].iloc[i]))
        return out


def _number(v) -> float | None:
    """A number of a rule file (RawNumber or plain), finite, else None."""
    v = getattr(v, "number", v)
    if isinstance(v, bool) or not isinstance(v, (int, float)) and type(v).__name__ != "Decimal":
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def _sig(x: float) -> str:
    """Three significant figures, as a reader compares yields."""
    return "∞" if not math.isfinite(x) else format_number(float(f"{x:.3g}"))
