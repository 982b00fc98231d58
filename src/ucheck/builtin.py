"""The codes of findings that come from loading and validating, not from rules/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field

from ucheck.finding import Finding


@dataclass(frozen=True)
class BuiltinRule:
    code: str
    name: str
    severity: str
    summary: str
    rationale: str
    kind: str = "schema"
    # A bad curated file and its fix, as rule examples are (see ucheck.testing): {bad: [...], good: [...]},
    # each {curated: <the file>, seed: <the seed text>, why / expect …}.
    examples: dict = field(default_factory=dict, compare=False)
    summary_zh: str = ""  # the summary and rationale in Chinese (ucheck.i18n)
    rationale_zh: str = ""
    message = None  # a built-in finding's message is composed where it is found

    def text(self, key: str, lang: str = "en") -> str | None:
        """The summary or rationale in ``lang`` (as :meth:`ucheck.ruleset.Rule.text`)."""
        if key == "message":
            return None
        return (getattr(self, f"{key}_zh") or getattr(self, key)) if lang == "zh" else getattr(self, key)

    def headline(self, lang: str = "en") -> str:
        head = self.text("summary", lang)
        return head.rstrip("。") if lang == "zh" else head


# What the built-in "kinds" are, for `ucheck rule UC00N` (a kind of rules/*.yaml documents itself).
KIND_DOCS = {
    "load": "Built in: reading a curated file (UTF-8 YAML data, bounded in size, nesting and aliases), before any rule runs; "
            "a file that cannot be read is reported at its line and the other files are still checked.",
    "schema": "Built in: the curated format itself (its keys, required fields, ids, metrics, units, literals, seeds and "
              "waivers), checked while the corpus is loaded, before any rule runs.",
}

_SEED = "河南省总工会工作综述\n\n全省基层工会21.5万家，新建工会2.1万家，覆盖企业15多家。\n"


def _file(figures: str = "", article: str = "", tail: str = "", seed: str = "seeds/example.txt") -> str:
    """A small curated file of the built-in examples: one article, the figures given (or the one
    figure ``unions``), and any sections after them."""
    figures = figures or _figure()
    return f"article:\n  id: example\n  seed: {seed}\n{article}figures:\n{figures}{tail}"


def _figure(id: str = "unions", metric: str = "grassroots_unions", value: str = "21.5万家", extra: str = "",
            quote: str = "全省基层工会21.5万家", subject: str = "基层工会") -> str:
    lines = [f"  - id: {id}", f"    subject: {subject}", "    region: 河南省", f"    metric: {metric}", "    period: \"\"",
             f"    value: {value}"] + ([extra] if extra else []) + ([f"    quote: {quote}"] if quote else [])
    return "\n".join(lines) + "\n"


def _case(curated: str, **more) -> dict:
    return {"curated": curated, "seed": _SEED, **more}


_HARMONY = _figure("harmony", "enterprises_covered", "15多家", quote="覆盖企业15多家", subject="劳动关系和谐企业创建活动")
_FOUNDED = _figure("founded", "unions_founded", "2.1万家", quote="新建工会2.1万家")


BUILTIN: dict[str, BuiltinRule] = {
    r.code: r
    for r in (
        BuiltinRule("UC001", "file-unreadable", "error", "A curated file is not valid UTF-8 YAML data.",
                    "Malformed YAML, a byte that is not UTF-8, a duplicate key, a tag that would build an object "
                    "(!!python/object…) or aliases that expand without bound: the file is reported at the line of the "
                    "problem and the other files are still checked.", "load",
                    summary_zh="整理文件不是有效的 UTF-8 YAML 数据。",
                    rationale_zh="YAML 格式错误、不属于 UTF-8 的字节、重复的键、会构造对象的标签（!!python/object…），或可无限展开的别名：在问题所在行报告该文件，其他文件照常检查。",
                    examples={"bad": [_case(_file(_figure(extra="    value: 21.6万家")), expect={"message": "duplicate key 'value'"})],
                             "good": [_case(_file(), why="one value a figure")]}),
        BuiltinRule("UC002", "field-missing-or-invalid", "error", "A required field is missing, empty or of the wrong type.",
                    "Every figure needs id, subject, region, metric, value (the literal as printed) and quote; every article "
                    "needs id and seed. Without them the rules cannot bind or locate the figure.",
                    summary_zh="缺少必填字段，或字段为空、类型不对。",
                    rationale_zh="每个数字都需要 id、subject、region、metric、value（原文写法）和 quote；每篇文章都需要 id 和 seed。缺了这些，规则就无法绑定或定位该数字。",
                    examples={"bad": [_case(_file(_figure(quote="")), expect={"message": "field 'quote' is missing"})],
                             "good": [_case(_file(), why="the quote: the sentence the figure comes from")]}),
        BuiltinRule("UC003", "duplicate-id", "error", "Two figures of one article (or two articles) share an id.",
                    "Ids name figures in waivers, findings and fingerprints; a duplicate makes them ambiguous.",
                    summary_zh="同一文章的两个数字（或两篇文章）使用了相同的 id。",
                    rationale_zh="豁免、检查结果和指纹都用 id 指称数字；id 重复会造成歧义。",
                    examples={"bad": [_case(_file(_figure() + _FOUNDED.replace("id: founded", "id: unions")), expect={"message": "figure id 'unions' is used more than once"})],
                             "good": [_case(_file(_figure() + _FOUNDED), why="one id a figure")]}),
        BuiltinRule("UC004", "unknown-metric", "error", "A figure names a metric that is not in the vocabulary.",
                    "Rules bind figures by metric; a misspelt metric silently escapes every rule. Add the metric to "
                    "rules/metrics.yaml with its kind and units, or use an existing one.",
                    summary_zh="数字所用的指标不在指标表中。",
                    rationale_zh="规则按指标绑定数字；拼错的指标会悄然躲过所有规则。请把该指标连同其类型和单位加入 rules/metrics.yaml，或改用已有的指标。",
                    examples={"bad": [_case(_file(_figure(metric="grassroot_unions")), expect={"message": "unknown metric 'grassroot_unions'"})],
                             "good": [_case(_file(), why="a metric of the vocabulary (rules/metrics.yaml)")]}),
        BuiltinRule("UC005", "unit-incompatible-with-metric", "error", "A figure's measure word is not one its metric allows.",
                    "A count of enterprises printed in 人, or money without 元, means the metric or the literal is wrong; "
                    "arithmetic across figures assumes each metric's unit.",
                    summary_zh="数字的量词不是其指标允许的单位。",
                    rationale_zh="企业数以“人”计，或金额没有“元”，说明指标或原文写法有误；跨数字的运算以每个指标的单位为前提。",
                    examples={"bad": [_case(_file(_figure(value="21.5万人", quote="全省基层工会21.5万人")), expect={"message": "does not fit metric grassroots_unions"})],
                             "good": [_case(_file(), why="unions are counted in 家 or 个")]}),
        BuiltinRule("UC006", "literal-unparseable", "error", "The literal is not a quantity ucheck can read.",
                    "The literal must be the figure exactly as printed (e.g. 290多万元). Where the source misprints the number "
                    "(14..3%, a doubled point), it stays as printed and a waiver naming the figure acknowledges it, with the "
                    "reason: the figure then takes part in no arithmetic. A literal printed well that ucheck cannot read is a bug to report.",
                    summary_zh="原文写法不是 ucheck 能读懂的数量。",
                    rationale_zh="原文写法必须与原文印出的数字完全一致（如 290多万元）。若原文把数字印错了（14..3%，多了一个小数点），"
                                 "照印出的样子保留，并用点名该数字的豁免说明原因：该数字不再参与任何运算。若原文印得没错而 ucheck 读不懂，那是应当报告的程序缺陷。",
                    examples={"bad": [_case(_file(_figure(value="21,5万家")), expect={"message": "cannot parse quantity '21,5万家'"})],
                             "good": [_case(_file(), why="the literal as printed, in a form ucheck reads")]}),
        BuiltinRule("UC007", "unknown-key", "error", "A key that the curated format does not have (a typo?).",
                    "An unknown key is usually a misspelt known one whose value is then silently ignored.",
                    summary_zh="整理文件格式中没有的键（拼写错误？）。",
                    rationale_zh="未知的键通常是某个已知键拼错了，其值随之被悄然忽略。",
                    examples={"bad": [_case(_file(article="  titel: 河南省总工会工作综述\n"), expect={"message": "unknown key 'titel'"})],
                             "good": [_case(_file(article="  title: 河南省总工会工作综述\n"), why="title, as the curated format spells it")]}),
        BuiltinRule("UC008", "seed-missing", "error", "The article's seed file is missing, unreadable or outside the repository.",
                    "Provenance checks need the source text; a seed path outside the repository is refused.",
                    summary_zh="文章的原文文件不存在、无法读取或位于仓库之外。",
                    rationale_zh="出处检查需要原文；位于仓库之外的原文路径一律拒绝。",
                    examples={"bad": [_case(_file(seed="seeds/exmaple.txt"), expect={"message": "does not exist"})],
                             "good": [_case(_file(), why="the seed the article was curated from, relative to the repository root")]}),
        BuiltinRule("UC009", "waiver-invalid", "error", "A waiver without a reason or without a rule code.",
                    "A waiver acknowledges a confirmed source error; the reason is what the next curator reads.",
                    summary_zh="豁免缺少理由或规则代码。",
                    rationale_zh="豁免用来标明已核实的原文错误；理由是写给下一位整理人员看的。",
                    examples={"bad": [_case(_file(_HARMONY, tail="waivers:\n  - rule: UC101\n    figures: [harmony]\n"), expect={"message": "a waiver needs a reason"})],
                             "good": [_case(_file(_HARMONY, tail="waivers:\n  - rule: UC101\n    figures: [harmony]\n    reason: printed so in the source; 15万多家 is likely meant\n"),
                                            why="the reason is what the next curator reads")]}),
        BuiltinRule("UC010", "waiver-unused", "warning", "A waiver that matches no finding.",
                    "The data or the rule changed and the waiver no longer applies; stale waivers hide future findings.",
                    summary_zh="豁免没有匹配任何检查结果。",
                    rationale_zh="数据或规则已经改变，该豁免不再适用；过时的豁免会掩盖今后的检查结果。",
                    examples={"bad": [_case(_file(tail="waivers:\n  - rule: UC101\n    figures: [unions]\n    reason: printed so in the source\n"), expect={"message": "waiver of UC101 for unions matches no finding"})],
                             "good": [_case(_file(), why="the stale waiver removed")]}),
    )
}


def problem(code: str, file: str, line: int, message: str, article: str | None = None, column: int = 1, key: str = "") -> Finding:
    """A finding of a built-in code (loading, the curated format, references between records)."""
    meta = BUILTIN[code]
    return Finding(code, meta.name, meta.severity, article, file, line, message, column=column, key=key or message)
