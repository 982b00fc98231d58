"""The page of one rule (``ucheck rule CODE``), generated from its declaration, ruff-style.

Sections: what it does (the summary), why (the rationale), an example that fires with the message
it actually gives, what to write instead (an example that does not fire, and why), the other
examples, the options of the rule's kind with the values this rule sets, the kind, and how to
acknowledge a finding with a waiver. Built-in codes (UC001 …) have the same page: their examples
are curated files.

Only the examples are run (``ucheck.testing``: the curated reader and the rule), and only when a
page is rendered with ``run=True``; reading this module imports neither pandas nor pandera.

The page is in English or Chinese (``lang``): its headings and sentences from the table ``SAY``,
the rule's summary and rationale from :meth:`~ucheck.ruleset.Rule.text`, the message of its example
as a run in that language gives it. The ``CODE [severity]`` of that message stays as ``check``
prints it; the descriptions of a kind and of its options are the kinds' own (English).
"""

from __future__ import annotations

from ucheck.i18n import join, phrases
from ucheck.testing import brief, cases, show

SAY = phrases(
    __name__,
    builtin=("Built in ({kind}), severity {severity}.", "内置规则（{kind}），严重程度：{severity}。"),
    declared=("A {kind} rule, severity {severity}; defined in {file}:{line}.", "{kind} 类规则，严重程度：{severity}；定义于 {file}:{line}。"),
    what=("## What it does", "## 作用"),
    why=("## Why", "## 原因"),
    example=("## Example", "## 示例"),
    instead=("## Instead", "## 应当写成"),
    more=("## More examples", "## 更多示例"),
    options=("## Options", "## 选项"),
    kind=("## Kind", "## 类型"),
    acknowledging=("## Acknowledging a finding", "## 确认一条发现"),
    no_bad=("(This rule has no example that fires.)", "（这条规则没有会触发的示例。）"),
    reports=("ucheck reports:", "ucheck 给出："),
    bad_silent=("This example does not fire: the rule's examples are broken (`ucheck test-rules` lists them).",
                "这个示例没有触发：这条规则的示例有误（`ucheck test-rules` 会列出）。"),
    no_good=("(This rule has no example that does not fire.)", "（这条规则没有不触发的示例。）"),
    good_why=("Why: {why}", "原因：{why}"),
    no_finding=("No finding.", "没有发现。"),
    good_fires=("This example fires ({message}): the rule's examples are broken.", "这个示例触发了（{message}）：这条规则的示例有误。"),
    fire=("Fire:", "会触发："),
    do_not_fire=("Do not fire:", "不会触发："),
    figures=("  (figures {ids})", "（数字 {ids}）"),
    seed_as_above=("({file} as above.)", "（{file} 同上。）"),
    builtin_example=("a curated file (see the source of ucheck.builtin)", "一个整理文件（见 ucheck.builtin 的源码）"),
    builtin_options=("None: a built-in code. Its severity can be configured ({how}).", "无：这是内置规则。它的严重程度可以配置（{how}）。"),
    no_options=("None: a {kind} rule has no options.", "无：{kind} 类规则没有选项。"),
    required=("required", "必填"),
    default=("default {value}", "默认 {value}"),
    one_of=("one of {values}", "取值之一：{values}"),
    not_set=("Not set.", "未设置。"),
    the_default=("This rule: the default.", "本规则：默认值。"),
    this_rule=("This rule: {value}.", "本规则：{value}。"),
    option=("- {key} ({facts}): {doc} {this}", "- {key}（{facts}）：{doc} {this}"),
    built_in_kind=("built in.", "内置。"),
    builtin_waiver=("{code} reports the curated file itself, not an error of the source: fix the file (as under Instead). "
                    "A waiver acknowledges only a confirmed error of the source.",
                    "{code} 报告的是整理文件本身的问题，不是原文的错误：请修改文件（见“应当写成”）。豁免只用来确认原文中经核实的错误。"),
    waiver_intro=("A figure is curated as printed, even when the source is wrong. When a finding is a confirmed error of the source, "
                  "acknowledge it in the article's curated file: `ucheck report` still lists it, marked as acknowledged, and "
                  "`ucheck check` no longer fails on it.",
                  "数字按原文照录，即使原文有误。一条发现经核实确是原文的错误时，在这篇文章的整理文件中用豁免确认它："
                  "`ucheck report` 仍会列出它并标为已确认，`ucheck check` 不再因它失败。"),
    waiver_reason=("printed so in the source; <what is likely meant>", "原文如此；<可能的本意>"),
    waiver_figures=("<the figure ids of the finding>", "<这条发现的数字 id>"),
    names_figures=("It names the figures of the finding (all of them):", "豁免列出这条发现的全部数字："),
    names_text=("A finding on the seed text is named by a piece of that text (a waiver in any article curated from the seed applies):",
                "关于原文的发现由原文中的一段文字指明（从这篇原文整理的任何文章中的豁免都适用）："),
    severity_error=("error", "错误"),  # as ucheck.report.text names them (a layer above this one)
    severity_warning=("warning", "警告"),
    severity_info=("info", "提示"),
    waiver_broken=("A waiver does not acknowledge the finding of the example above: that is a bug of ucheck, please report it.",
                   "豁免没有确认上面示例的发现：这是 ucheck 的缺陷，请报告。"),
)
WAIVER_REASON = SAY.waiver_reason.en


def _severity(severity: str, lang: str) -> str:
    phrase = SAY.entries.get(f"severity_{severity}")
    return phrase(lang) if phrase is not None else severity


def render(rule, vocab, run: bool = True, lang: str = "en") -> str:
    """The page of ``rule`` (a rule of rules/*.yaml or a :class:`~ucheck.builtin.BuiltinRule`) in
    ``lang``."""
    builtin = getattr(rule, "impl", None) is None
    all_cases = cases(rule)
    bad = next((c for c in all_cases if c.kind == "bad"), None)
    good = next((c for c in all_cases if c.kind == "good"), None)
    out = [f"# {rule.code} {rule.name}", ""]
    severity = _severity(rule.severity, lang)
    if builtin:
        out.append(SAY.builtin(lang, kind=rule.kind, severity=severity))
    else:
        out.append(SAY.declared(lang, kind=rule.kind, severity=severity, file=rule.file, line=rule.line))
    out += ["", SAY.what(lang), "", rule.text("summary", lang), "", SAY.why(lang), "", rule.text("rationale", lang)]

    fired = []
    out += ["", SAY.example(lang), ""]
    if bad is None:
        out.append(SAY.no_bad(lang))
    else:
        out += _example(bad, lang=lang)
        if run:
            fired = _run(rule, vocab, bad.example, lang)
            if fired:
                out += ["", SAY.reports(lang), ""] + [f"    {_concise(f, rule, lang)}" for f in fired]
            else:
                out += ["", SAY.bad_silent(lang)]
    out += ["", SAY.instead(lang), ""]
    if good is None:
        out.append(SAY.no_good(lang))
    else:
        out += _example(good, bad.example.get("seed") if bad is not None and isinstance(bad.example, dict) else None, lang)
        said = [SAY.good_why(lang, why=_sentence(good.why, lang))] if good.why else []
        if run:
            wrong = _run(rule, vocab, good.example, lang)
            said.insert(0, SAY.no_finding(lang) if not wrong else SAY.good_fires(lang, message=wrong[0].message))
        if said:
            out += ["", (" " if lang != "zh" else "").join(said)]
    more = [c for c in all_cases if c is not bad and c is not good]
    if more:
        out += ["", SAY.more(lang), ""]
        for kind, title in (("bad", SAY.fire(lang)), ("good", SAY.do_not_fire(lang))):
            these = [c for c in more if c.kind == kind]
            if these:
                out.append(title)
                out += [f"- `{_short(c, lang)}`" + (f" — {c.why}" if c.why else "") for c in these]
                out.append("")
        out.pop()
    out += ["", SAY.options(lang), ""] + _options(rule, builtin, lang)
    out += ["", SAY.kind(lang), ""] + _kind(rule, builtin, lang)
    out += ["", SAY.acknowledging(lang), ""] + _acknowledging(rule, vocab, bad, fired, builtin, run, lang)
    return "\n".join(out) + "\n"


def _run(rule, vocab, example, lang: str = "en") -> list:
    from ucheck.testing import outcome

    return outcome(rule, vocab, example, lang).open


def _concise(f, rule, lang: str = "en") -> str:
    where = f"{f.file}:{f.line}:{f.column}"
    ids = join(lang, (r.id for r in f.figures))
    return f"{where}: {f.code} [{rule.severity}] {f.message}" + (SAY.figures(lang, ids=ids) if ids else "")


def _example(case, shown_seed: str | None = None, lang: str = "en") -> list[str]:
    ex = case.example
    if isinstance(ex, dict) and "curated" in ex:
        out = ["curated/example.yaml:", "", "```yaml", str(ex["curated"]).rstrip("\n"), "```"]
        if ex.get("seed") is not None:
            if ex["seed"] == shown_seed:
                out += ["", SAY.seed_as_above(lang, file="seeds/example.txt")]
            else:
                out += ["", "seeds/example.txt:", "", "```text", str(ex["seed"]).rstrip("\n"), "```"]
        return out
    if isinstance(ex, str):
        ex = {"value": ex}
    return ["```yaml", _yaml(ex).rstrip("\n"), "```"]


def _short(case, lang: str = "en") -> str:
    ex = case.example
    if isinstance(ex, dict) and "curated" in ex:
        return SAY.builtin_example(lang)
    return brief(ex)


def _yaml(x) -> str:
    """Block YAML as a rule file writes an example: figures one a line, a text with line breaks as a
    literal block (|), no document end marker."""
    import yaml

    from ucheck.testing import plain

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    def text(dumper, s):
        return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None)

    Dumper.add_representer(str, text)

    def dump(v, flow):
        return yaml.dump(v, Dumper=Dumper, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=10_000)

    x = plain(x)
    if not isinstance(x, dict):
        return dump(x, None)
    # the top level in block style; below it a collection of scalars on one line ({metric: …, value: …})
    return "".join(dump({k: v}, None if isinstance(v, (list, dict)) else False) for k, v in x.items())


def _waiver(waiver: dict) -> list[str]:
    """A waiver as a curator writes it: block style, its figures on one line."""
    lines = [f"{'  - ' if i == 0 else '    '}{k}: {show(v)}" for i, (k, v) in enumerate(waiver.items())]
    return ["```yaml", "waivers:", *lines, "```"]


def _sentence(s: str, lang: str = "en") -> str:
    s = s.strip()
    if not s or s[-1] in ".!?。！？)）”":
        return s
    return s + ("。" if lang == "zh" and "\u4e00" <= s[-1] <= "\u9fff" else ".")


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (int, float)):
        return f"{v:g}"
    if isinstance(v, (list, dict)):
        return show(v)
    return str(v)


def _unset(v) -> bool:
    return v is None or v == [] or v == {} or v == ""


def _options(rule, builtin: bool, lang: str = "en") -> list[str]:
    if builtin:
        return [SAY.builtin_options(lang, how=f"`[tool.ucheck.severity]` `{rule.code} = \"warning\"`")]
    from ucheck.kinds.base import KINDS

    declared = KINDS[rule.kind].options
    if not declared:
        return [SAY.no_options(lang, kind=rule.kind)]
    out = []
    for key, opt in declared.items():
        facts = [opt.type]
        if opt.required:
            facts.append(SAY.required(lang))
        elif not _unset(opt.default):
            facts.append(SAY.default(lang, value=f"`{_value(opt.default)}`"))
        if opt.choices:
            facts.append(SAY.one_of(lang, values=join(lang, opt.choices)))
        value = rule.options.get(key)
        if _unset(value):
            this = SAY.not_set(lang)
        elif not opt.required and value == opt.default:
            this = SAY.the_default(lang)
        else:
            this = SAY.this_rule(lang, value=f"`{_value(value)}`")
        doc = opt.doc.rstrip(".") + "." if opt.doc else ""
        line = SAY.option(lang, key=f"`{key}`", facts=("；" if lang == "zh" else "; ").join(facts), doc=doc, this=this)
        out.append(line.replace(":  ", ": ").replace("：  ", "：").replace("： ", "："))
    return out


def _kind(rule, builtin: bool, lang: str = "en") -> list[str]:
    if builtin:
        from ucheck.builtin import KIND_DOCS

        return [f"`{rule.kind}`: {KIND_DOCS.get(rule.kind, SAY.built_in_kind(lang))}"]
    from ucheck.kinds.base import KINDS

    doc = KINDS[rule.kind].doc
    return [f"`{rule.kind}`: {doc}" if doc else f"`{rule.kind}`."]


def _acknowledging(rule, vocab, bad, fired, builtin: bool, run: bool, lang: str = "en") -> list[str]:
    if builtin:
        return [SAY.builtin_waiver(lang, code=rule.code)]
    intro = SAY.waiver_intro(lang)
    reason = SAY.waiver_reason(lang)
    if not run or not fired:
        waiver = {"rule": rule.code, "figures": [SAY.waiver_figures(lang)], "reason": reason}
        return [intro, "", *_waiver(waiver)]
    f = fired[0]
    if f.figures:
        waiver = {"rule": rule.code, "figures": list(dict.fromkeys(r.id for r in f.figures)), "reason": reason}
        how = SAY.names_figures(lang)
    else:
        text = f.key if len(f.key) <= 24 else f.key[:24]
        waiver = {"rule": rule.code, "text": text, "reason": reason}
        how = SAY.names_text(lang)
    example = bad.example
    example = {"value": example} if isinstance(example, str) else dict(example)
    example["waivers"] = [*(example.get("waivers") or []), {**waiver, "article": f.article or "example"}]
    from ucheck.testing import outcome

    try:
        still_open = outcome(rule, vocab, example, lang).open
    except Exception:  # noqa: BLE001 - the page is still written, without the promise
        still_open = fired
    if still_open:  # checked on the example: never promise a waiver that does not work
        return [intro, "", SAY.waiver_broken(lang)]
    return [intro, "", how, "", *_waiver(waiver)]
