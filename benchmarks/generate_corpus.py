"""A synthetic corpus for the scale benchmark: N articles of ~50 curated figures each, with seeds.

    python benchmarks/generate_corpus.py OUT_DIR N [--figures 50] [--seed 0]

writes ``OUT_DIR/seeds/NNNNNN.txt`` and ``OUT_DIR/curated/NNNNNN-synthetic.yaml`` (the repository's
``rules/`` is used as is: ``ucheck check --root OUT_DIR`` reads the packaged rules). The corpus looks
like the bundled one: block-style YAML with notes, comments and ``ignored`` numerals, literals in
every supported spelling (1.2万, 3万多家, 290多万元, 近30万名, 约1.2万, 19.9%, 三成, 十几个, Chinese
numerals, full-width digits, thousands separators), quotes that occur in the seed (some of them
across a hard line break), and a realistic mix of relations and errors:

* patents + direct economic benefit (UC401), part / whole / rate triples (UC201), growth triples
  (UC202, UC203) — consistent within rounding, a few per thousand wrong;
* provincial totals restated across many articles (UC301 groups of hundreds of figures at N = 10,000),
  a few restated with a disjoint value;
* malformed approximations (15多家, 48.7余万, 近446人), quotes not in the seed, literals not in the
  quote, unknown metrics; one article in ten waives one of its findings.

Generation is deterministic for (N, figures, seed): about a second per 1,000 articles (140 MB of
YAML and 80 MB of seeds for 10,000).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

PROVINCES = {
    "河南省": ["郑州市", "洛阳市", "安阳市", "焦作市"],
    "河北省": ["石家庄市", "唐山市", "邯郸市", "张家口市", "承德市", "邢台市"],
    "浙江省": ["衢州市"],
    "辽宁省": ["阜新市"],
    "江苏省": ["南通市"],
    "贵州省": ["贵阳市"],
    "内蒙古自治区": ["包头市"],
}
COMPANIES = ["钢铁集团", "煤业公司", "电力公司", "纺织厂", "机械厂", "化工集团", "建设集团", "交通局", "卫生系统",
             "教育系统", "铁路局", "港务集团", "水务公司", "食品公司", "汽车公司", "物流园区", "开发区", "高新区"]
ACTIVITIES = ["技能培训", "劳动竞赛", "困难帮扶", "金秋助学", "送温暖活动", "职工书屋建设", "安全生产月活动",
              "合理化建议活动", "职工疗休养", "农民工就业服务", "法律援助", "心理咨询服务", "女职工关爱行动",
              "劳模宣讲", "工匠评选", "技术协作", "职工文化节", "健步走活动", "读书月活动", "志愿服务",
              "集体协商要约", "厂务公开", "民主管理", "职工互助保障", "爱心驿站建设", "户外劳动者服务",
              "创新成果推广", "岗位练兵", "师带徒活动", "网上工会建设", "职工维权", "劳动保护监督",
              "工资专项协商", "职工之家建设", "大病救助", "就业援助月", "春风行动", "夏送清凉", "冬送温暖"]
VERBS = ["共{kw}", "累计{kw}", "{kw}达", "{kw}", "新增{kw}", "全年{kw}", "{kw}总数达"]
FILLER = ["各级工会组织牢记嘱托、竭诚履职，团结动员广大职工建功立业", "工会组织的凝聚力和影响力进一步增强",
          "职工群众的获得感、幸福感、安全感不断提升", "这些做法得到了上级工会的充分肯定",
          "为推动经济社会高质量发展作出了积极贡献", "形成了一批可复制、可推广的经验",
          "广大职工的积极性、主动性、创造性充分激发", "服务职工的能力和水平明显提高",
          "为企业转型升级提供了有力支撑", "切实维护了职工的合法权益", "营造了劳动光荣、技能宝贵的良好氛围",
          "工作经验在全国工会系统交流推广", "基层工会的活力明显增强", "社会各界给予了广泛好评"]
LEADS = ["据不完全统计，", "在上级工会的坚强领导下，", "通过深入开展各类主题活动，", "经过多方努力，", "截至年底，",
         "按照年初确定的目标任务，", "围绕中心、服务大局，"]
NOTES = ["附注：数据来自年度统计", "the figure counts people, not person-times", "各级工会合计，不含企业自办",
         "printed without a measure word in the seed; the metric supplies it", "与上年同口径比较", "含新组建工会"]
PERIODS = [("2015年", "2015"), ("2016年", "2016"), ("2017年", "2017"), ("2018年", "2018"), ("近5年来", "2013/2018"),
           ("今年以来", None), ("去年", None), ("“十二五”期间", "2011/2015"), ("", None)]
YEARS = ["2014年", "2015年", "2016年", "2017年", "2018年"]
CN = "零一二三四五六七八九"

# Metrics that relation rules bind (kept out of the filler so that no accidental tuple forms).
RELATED = {"workers_total", "patents_granted", "direct_economic_benefit", "workers_covered", "union_members", "coverage_rate",
           "grassroots_unions", "unions_founded", "grassroots_unions_growth", "members_recruited", "union_members_growth"}
RESTATED = ["people_trained", "households_aided", "innovation_studios", "enterprises_covered", "participants", "people_benefited"]


# -- numbers in print -------------------------------------------------------------------------------

def chinese(n: int) -> str:
    """A non-negative integer below 10^8 as a standard Chinese numeral."""
    if n == 0:
        return "零"

    def section(m: int) -> str:
        out, zero = "", False
        for unit, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = m // unit % 10
            if d:
                if zero and out:
                    out += "零"
                out += CN[d] + word
                zero = False
            else:
                zero = True
        return out

    hi, lo = divmod(n, 10000)
    out = (section(hi) + "万") if hi else ""
    if lo:
        out += ("零" if hi and lo < 1000 else "") + section(lo)
    return out[1:] if out.startswith("一十") else out


def _trim(x: float, d: int) -> str:
    return f"{x:.{d}f}"


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def count_literal(n: int, unit: str, rng: random.Random) -> str:
    """A correct printed form of the count ``n`` (the true value lies in its interval)."""
    if rng.random() < 0.01:
        return str(n).translate(_FULLWIDTH) + unit
    r = rng.random()
    if n < 100 and r < 0.25:
        return chinese(n) + unit
    if n >= 20000 and r < 0.30:
        return _trim(n / 1e4, rng.choice([1, 2])) + "万" + unit
    if n >= 20000 and r < 0.40:
        k = n // 10000
        if n % 10000:
            return f"{k}万多{unit}"
    if n >= 200000 and r < 0.48:
        k = n // 100000 * 10
        if n % 100000:
            return f"{k}多万{unit}"
    if n >= 1000 and r < 0.55:
        e = 10 ** (len(str(n)) - 2)
        top = math.ceil(n / e) * e
        if top != n:
            return "近" + (_trim(top / 1e4, 2).rstrip("0").rstrip(".") + "万" if top >= 10000 else str(top)) + unit
    if n >= 10000 and r < 0.60:
        return "约" + _trim(n / 1e4, 1) + "万" + unit
    if 10 < n < 20 and r < 0.70:
        return "十几" + unit
    return f"{n}{unit}"


def money_literal(yuan: float, rng: random.Random) -> str:
    if yuan >= 1e8:
        return _trim(yuan / 1e8, rng.choice([1, 2])) + "亿元"
    if yuan >= 1e4:
        if rng.random() < 0.3 and yuan >= 2e6:
            return f"{int(yuan // 1e6) * 100}多万元" if yuan % 1e6 else f"{int(yuan / 1e4)}万元"
        return _trim(yuan / 1e4, rng.choice([0, 1, 2])) + "万元"
    return f"{int(round(yuan))}元"


_PLAIN_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "~"}


def q(s: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted."""
    if s == "" or s[0] in "-?:,[]{}#&*!|>'\"%@` ~" or any(c in s for c in ",[]{}") or ": " in s or " #" in s or s != s.strip() or s.lower() in _PLAIN_WORDS:
        return json.dumps(s, ensure_ascii=False)
    return s  # 1.1万项 and 2563 stay plain, as curators write them (a number keeps its text)


# -- one article ------------------------------------------------------------------------------------

class Article:
    def __init__(self, index: int, rng: random.Random, vocab: dict, truth: dict):
        self.i, self.rng, self.vocab, self.truth = index, rng, vocab, truth
        self.province = rng.choice(list(PROVINCES))
        self.city = rng.choice(PROVINCES[self.province])
        self.region = self.province if rng.random() < 0.5 else self.city
        self.org = f"{rng.choice(COMPANIES)}{index}号分会"
        self.aid = f"synthetic-{index:06d}"
        self.figures: list[dict] = []
        self.sentences: list[str] = []
        self.ignored: list[dict] = []
        self.waivers: list[dict] = []
        self.stated: list[dict] = []
        self.activities = rng.sample(ACTIVITIES, len(ACTIVITIES))

    def keyword(self, metric: str) -> str:
        return self.vocab["keywords"].get(metric) or self.rng.choice(["人数", "数量", "总量", "规模"])

    def add(self, metric, subject, value, period=("", None), region=None, quote=None, sentence_tail=None, note=None, unit=None):
        fid = f"{metric.replace('_', '-')}-{len(self.figures) + 1}"
        verb = self.rng.choice(VERBS).format(kw=self.keyword(metric))
        quote = quote or f"{subject}{verb}{value}"
        where = region or self.region
        lead = self.rng.choice(LEADS) if self.rng.random() < 0.5 else ""
        if self.rng.random() < 0.4:
            quote = lead + quote  # a longer quote: the clause before the figure too
            lead = ""
        text = (f"{period[0]}，" if period[0] else "") + lead + (where if not quote.startswith(where) and self.rng.random() < 0.5 else "") + quote
        tail = sentence_tail if sentence_tail is not None else self.rng.choice(FILLER)
        self.sentences.append(f"{text}，{tail}。")
        fig = {"id": fid, "subject": subject, "region": region or self.region, "metric": metric, "period": period[0],
               "value": value, "quote": quote}
        if period[1]:
            fig["period_norm"] = period[1]
        if unit:
            fig["unit"] = unit
        if note:
            fig["note"] = note
        self.figures.append(fig)
        return fig

    def subject(self) -> str:
        act = self.activities.pop() if self.activities else f"专项工作{len(self.figures)}"
        return f"{self.org}{act}"

    # groups of related figures
    def patents_and_benefit(self, wrong: bool):
        rng, sub = self.rng, f"{self.org}劳模创新工作室"
        per = rng.choice(PERIODS[:5]) if rng.random() < 0.7 else ("", None)
        n = rng.randint(80, 20000)
        self.add("patents_granted", sub, count_literal(n, "项", rng), per)
        benefit = n * rng.uniform(5e3, 5e5)
        lit = money_literal(benefit, rng) if not wrong else f"{rng.randint(2, 9) * 10 + 10}多万元"
        if wrong and n < 10000:
            lit = f"{rng.randint(2, 9)}万元"
        self.add("direct_economic_benefit", sub, lit, per)

    def coverage_triple(self, wrong: bool):
        rng = self.rng
        per = rng.choice(PERIODS[:5])
        whole = rng.randint(50_000, 20_000_000)
        rate = rng.uniform(60, 99)
        part = int(whole * rate / 100)
        share = f"{rate:.1f}%" if not wrong else f"{min(rate + rng.uniform(5, 20), 99.9):.1f}%"
        sub = f"{self.org}会员"
        self.add("union_members", sub, f"{whole / 1e4:.2f}万人" if whole > 1e6 else f"{whole}人", per)
        self.add("workers_covered", f"{self.org}参保职工", f"{part / 1e4:.2f}万人" if part > 1e6 else f"{part}人", per)
        self.add("coverage_rate", f"{self.org}参保职工", share, per)

    def growth_triple(self, wrong: bool, total_metric: str, added_metric: str, growth_metric: str, unit: str):
        rng = self.rng
        sub = f"{self.org}基层组织" if total_metric == "grassroots_unions" else f"{self.org}工会会员"
        per = rng.choice(PERIODS[5:8])  # not the coverage triple's periods: no accidental tuples
        total = rng.randint(2_000, 2_000_000)
        added = int(total * rng.uniform(0.02, 0.3))
        growth = (total / (total - added) - 1) * 100
        if wrong:
            growth *= rng.choice([0.5, 1.8])
        whole = self.add(total_metric, sub, f"{total}{unit}" if total < 100000 else f"{total / 1e4:.2f}万{unit}", per)
        part = self.add(added_metric, sub, f"{added}{unit}" if added < 100000 else f"{added / 1e4:.2f}万{unit}", per)
        part["part_of"] = whole["id"]  # the new ones are among the total (UC308)
        self.add(growth_metric, sub, f"{growth:.1f}%", per)

    def restated(self, wrong: bool):
        rng = self.rng
        metric = rng.choice(RESTATED)
        year = rng.choice(YEARS)
        key = (self.province, metric, year)
        if key not in self.truth:
            self.truth[key] = rng.randint(50_000, 5_000_000)
        n = self.truth[key]
        unit = self.vocab["units"][metric][0]
        lit = count_literal(n, unit, rng) if not wrong else f"{n * 3 // 2}{unit}"
        return self.add(metric, f"全省{self.vocab['zh'].get(metric, metric)[:8]}", lit, (year, year[:4]), region=self.province)

    def contest_rule(self, wrong: bool):
        """A stated rule (per trade: one 冠军, the top k) with its totals and unit counts (UC307)."""
        rng = self.rng
        sub = f"{self.org}职工技能大赛"
        trades, years, k = rng.randint(3, 12), rng.randint(2, 6), rng.choice([3, 5, 8, 10])
        contests = trades * years
        top = contests * k if not wrong else contests * k + rng.choice([-1, 1]) * k * rng.randint(2, 4)
        a = self.add("contest_trades", sub, f"{trades}个", ("每年", None), quote=f"{sub}每年设立{trades}个工种")
        y = self.add("duration", sub, f"{years}年", quote=f"已连续举办{years}年")
        champions = self.add("people_honoured", f"{sub}冠军", f"{contests}名", quote=f"共产生劳动模范{contests}名")
        promoted = self.add("people_honoured", f"{sub}晋升技师", f"{top}名", quote=f"晋升技师{top}名")
        rule = f"各工种冠军授予劳动模范,前{k}名晋升为技师"
        self.sentences.append(f"{sub}规定,{rule}。")
        self.stated.append({"id": f"contest-rule-{len(self.stated) + 1}", "per": "工种", "units": [a["id"], y["id"]], "quote": rule,
                            "yields": [("冠军", champions["id"]), (f"前{k}名", promoted["id"])]})

    def filler(self, error: str | None):
        rng = self.rng
        metric = rng.choice(self.vocab["filler"])
        unit = self.vocab["units"][metric][0]
        kind = self.vocab["kinds"][metric]
        per = rng.choice(PERIODS) if rng.random() < 0.5 else ("", None)
        sub = self.subject()
        if kind == "money":
            lit = money_literal(rng.lognormvariate(13, 2), rng)
        elif kind in ("rate",):
            lit = f"{rng.uniform(1, 99.9):.1f}%" if rng.random() < 0.8 or "成" not in self.vocab["units"][metric] else chinese(rng.randint(1, 9)) + "成"
            if unit not in ("%", "成"):
                lit = f"{rng.randint(1, 99)}{unit}"
        else:
            lit = count_literal(int(rng.lognormvariate(7, 2.2)) + 1, unit, rng)
        if error == "UC101":
            lit = f"{rng.randint(11, 99)}多{unit}"
        elif error == "UC102":
            lit = f"{rng.randint(10, 99)}.{rng.randint(1, 9)}余万{unit}"
        elif error == "UC103":
            lit = f"近{rng.randint(101, 999)}{unit}"
        elif error == "UC004":
            metric = metric + "_total"
        fig = self.add(metric, sub, lit, per, note=rng.choice(NOTES) if rng.random() < 0.4 else None)
        if error == "UC501":
            fig["quote"] = fig["quote"].replace(sub[-2:], "全市") if sub[-2:] in fig["quote"] else "另据统计" + fig["quote"]
        elif error == "UC502":
            digit = next((c for c in lit if c in "0123456789"), None)
            if digit is not None:  # a typo in the value: the literal is no longer in its quote
                fig["value"] = lit.replace(digit, str((int(digit) + 1) % 10), 1)
        return fig

    def build(self, n_figures: int):
        rng = self.rng
        err = lambda p: rng.random() < p  # noqa: E731
        wrong_benefit = err(0.05)
        self.patents_and_benefit(wrong_benefit)
        self.coverage_triple(err(0.05))
        self.growth_triple(err(0.05), "grassroots_unions", "unions_founded", "grassroots_unions_growth", "家")
        self.growth_triple(err(0.05), "union_members", "members_recruited", "union_members_growth", "人")
        for _ in range(4):
            self.restated(err(0.005))
        if err(0.3):
            self.contest_rule(err(0.05))
        errors = ["UC101", "UC102", "UC103", "UC501", "UC502", "UC004"]
        while len(self.figures) < n_figures:
            self.filler(rng.choice(errors) if err(0.02) else None)
        for k in range(rng.randint(0, 3)):
            num = rng.choice(["十九大", "“十三五”", "第二届", "三个一", "五一"])
            tail = f"学习宣传贯彻党的{num}精神" if num == "十九大" else f"深入推进{num}工作第{chinese(k + 1)}阶段部署"
            self.sentences.append(f"{tail}，{rng.choice(FILLER)}。")
            self.ignored.append({"value": num, "quote": tail, "reason": "a name, not a figure"})
        if wrong_benefit and err(0.5):  # a confirmed error of the source, acknowledged
            self.waivers.append({"rule": "UC401", "figures": [self.figures[0]["id"], self.figures[1]["id"]],
                                 "reason": "printed so in the source; confirmed with the editor"})
        return self

    def seed_text(self) -> str:
        rng = self.rng
        sents = self.sentences[:]
        rng.shuffle(sents)
        out = [f"{self.org}工作综述", "", f"——{self.region}工会工作巡礼之{self.i}", "", "本报记者 张明", ""]
        sents += [f"{x}，{self.org}{y}。" for x, y in zip(rng.sample(LEADS, 3), rng.sample(FILLER, 3))]
        rng.shuffle(sents)
        i = 0
        while i < len(sents):
            k = rng.randint(2, 5)
            para = "".join(sents[i:i + k])
            if rng.random() < 0.03 and len(para) > 40:
                cut = rng.randint(10, len(para) - 10)
                # a hard line break inside the paragraph: quotes are compared without white space
                para = para[:cut] + "\n" + para[cut:]
            out += [para, ""]
            i += k
        return "\n".join(out)

    def yaml_text(self, seed_rel: str) -> str:
        lines = [f"# synthetic article {self.i}", "article:", f"  id: {self.aid}", f"  seed: {seed_rel}",
                 f"  title: {q(self.org + '工作综述')}", f"  region: {q(self.region)}", f"  organisation: {q(self.org)}",
                 "  date: \"2018\"", "", "figures:"]
        for n, f in enumerate(self.figures):
            if n % 12 == 0:
                lines.append(f"  # ---- part {n // 12 + 1} ----")
            lines.append(f"  - id: {f['id']}")
            for k in ("subject", "region", "metric", "period", "period_norm", "value", "quote", "unit", "note", "part_of"):
                if k in f:
                    lines.append(f"    {k}: {q(str(f[k]))}")
            lines.append("")
        if self.stated:
            lines.append("stated_rules:")
            for r in self.stated:
                lines += [f"  - id: {r['id']}", f"    per: {r['per']}", f"    units: [{', '.join(r['units'])}]",
                          f"    quote: {q(r['quote'])}", "    yields:"]
                lines += [f"      - {{quota: {q(quota)}, total: {total}}}" for quota, total in r["yields"]]
        if self.ignored:
            lines.append("ignored:")
            for g in self.ignored:
                lines.append(f"  - {{value: {q(g['value'])}, quote: {q(g['quote'])}, reason: {q(g['reason'])}}}")
        if self.waivers:
            lines.append("waivers:")
            for w in self.waivers:
                lines += [f"  - rule: {w['rule']}", f"    figures: [{', '.join(w['figures'])}]", f"    reason: {q(w['reason'])}"]
        return "\n".join(lines) + "\n"


def vocabulary(rules_dir: Path) -> dict:
    metrics = yaml.safe_load((rules_dir / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    keywords: dict[str, str] = {}
    lex = rules_dir / "lexicon.yaml"
    if lex.exists():
        for kw, m in (yaml.safe_load(lex.read_text(encoding="utf-8")).get("keywords") or {}).items():
            if m not in keywords or len(kw) < len(keywords[m]):
                keywords[m] = kw
    filler = sorted(m for m, d in metrics.items() if m not in RELATED and d["kind"] in ("count", "money", "rate") and m not in RESTATED)
    return {
        "units": {m: [str(u) for u in d["units"]] for m, d in metrics.items()},
        "kinds": {m: d["kind"] for m, d in metrics.items()},
        "zh": {m: str(d.get("zh", "")).split("（")[0] for m, d in metrics.items()},
        "keywords": keywords, "filler": filler,
    }


def generate(out: Path, n: int, figures: int = 50, seed: int = 0, rules_dir: Path = ROOT / "rules") -> dict:
    """Write the corpus; returns counts (articles, figures, bytes of curated YAML)."""
    vocab = vocabulary(rules_dir)
    for m in RELATED | set(RESTATED):
        if m not in vocab["units"]:
            raise SystemExit(f"generate_corpus: metric {m} is not in {rules_dir}/metrics.yaml any more: update RELATED / RESTATED")
    rng = random.Random(seed)
    truth: dict = {}
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    (out / "curated").mkdir(parents=True, exist_ok=True)
    n_fig = size = 0
    for i in range(n):
        art = Article(i, random.Random(rng.getrandbits(64)), vocab, truth).build(figures)
        seed_rel = f"seeds/{i:06d}.txt"
        (out / seed_rel).write_text(art.seed_text(), encoding="utf-8")
        text = art.yaml_text(seed_rel)
        (out / "curated" / f"{i:06d}-synthetic.yaml").write_text(text, encoding="utf-8")
        n_fig += len(art.figures)
        size += len(text.encode("utf-8"))
    return {"articles": n, "figures": n_fig, "curated_bytes": size}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("n", type=int)
    p.add_argument("--figures", type=int, default=50)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    print(json.dumps(generate(a.out, a.n, a.figures, a.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
