"""The page of one rule (``ucheck rule CODE``), generated from its declaration, ruff-style.

Sections: what it does (the summary), why (the rationale), an example that fires with the message
it actually gives, what to write instead (an example that does not fire, and why), the other
examples, the options of the rule's kind with the values this rule sets, the kind, and how to
acknowledge a finding with a waiver. Built-in codes (UC001 …) have the same page: their examples
are curated files.

Only the examples are run (``ucheck.testing``: the curated reader and the rule), and only when a
page is rendered with ``run=True``; reading this module imports neither pandas nor pandera.
"""

from __future__ import annotations

from ucheck.testing import brief, cases, show

WAIVER_REASON = "printed so in the source; <what is likely meant>"


def render(rule, vocab, run: bool = True) -> str:
    """The page of ``rule`` (a rule of rules/*.yaml or a :class:`~ucheck.builtin.BuiltinRule`)."""
    builtin = getattr(rule, "impl", None) is None
    all_cases = cases(rule)
    bad = next((c for c in all_cases if c.kind == "bad"), None)
    good = next((c for c in all_cases if c.kind == "good"), None)
    out = [f"# {rule.code} {rule.name}", ""]
    if builtin:
        out.append(f"Built in ({rule.kind}), severity {rule.severity}.")
    else:
        out.append(f"A {rule.kind} rule, severity {rule.severity}; defined in {rule.file}:{rule.line}.")
    out += ["", "## What it does", "", rule.summary, "", "## Why", "", rule.rationale]

    fired = []
    out += ["", "## Example", ""]
    if bad is None:
        out.append("(This rule has no example that fires.)")
    else:
        out += _example(bad)
        if run:
            fired = _run(rule, vocab, bad.example)
            if fired:
                out += ["", "ucheck reports:", ""] + [f"    {_concise(f, rule)}" for f in fired]
            else:
                out += ["", "This example does not fire: the rule's examples are broken (`ucheck test-rules` lists them)."]
    out += ["", "## Instead", ""]
    if good is None:
        out.append("(This rule has no example that does not fire.)")
    else:
        out += _example(good, bad.example.get("seed") if bad is not None and isinstance(bad.example, dict) else None)
        said = [f"Why: {_sentence(good.why)}"] if good.why else []
        if run:
            wrong = _run(rule, vocab, good.example)
            said.insert(0, "No finding." if not wrong else f"This example fires ({wrong[0].message}): the rule's examples are broken.")
        if said:
            out += ["", " ".join(said)]
    more = [c for c in all_cases if c is not bad and c is not good]
    if more:
        out += ["", "## More examples", ""]
        for kind, title in (("bad", "Fire:"), ("good", "Do not fire:")):
            these = [c for c in more if c.kind == kind]
            if these:
                out.append(title)
                out += [f"- `{_short(c)}`" + (f" — {c.why}" if c.why else "") for c in these]
                out.append("")
        out.pop()
    out += ["", "## Options", ""] + _options(rule, builtin)
    out += ["", "## Kind", ""] + _kind(rule, builtin)
    out += ["", "## Acknowledging a finding", ""] + _acknowledging(rule, vocab, bad, fired, builtin, run)
    return "\n".join(out) + "\n"


def _run(rule, vocab, example) -> list:
    from ucheck.testing import outcome

    return outcome(rule, vocab, example).open


def _concise(f, rule) -> str:
    where = f"{f.file}:{f.line}:{f.column}"
    ids = ", ".join(r.id for r in f.figures)
    return f"{where}: {f.code} [{rule.severity}] {f.message}" + (f"  (figures {ids})" if ids else "")


def _example(case, shown_seed: str | None = None) -> list[str]:
    ex = case.example
    if isinstance(ex, dict) and "curated" in ex:
        out = ["curated/example.yaml:", "", "```yaml", str(ex["curated"]).rstrip("\n"), "```"]
        if ex.get("seed") is not None:
            if ex["seed"] == shown_seed:
                out += ["", "(seeds/example.txt as above.)"]
            else:
                out += ["", "seeds/example.txt:", "", "```text", str(ex["seed"]).rstrip("\n"), "```"]
        return out
    if isinstance(ex, str):
        ex = {"value": ex}
    return ["```yaml", _yaml(ex).rstrip("\n"), "```"]


def _short(case) -> str:
    ex = case.example
    if isinstance(ex, dict) and "curated" in ex:
        return "a curated file (see the source of ucheck.builtin)"
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


def _sentence(s: str) -> str:
    s = s.strip()
    return s if not s or s[-1] in ".!?。)）”" else s + "."


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


def _options(rule, builtin: bool) -> list[str]:
    if builtin:
        return [f"None: a built-in code. Its severity can be configured (`[tool.ucheck.severity]` `{rule.code} = \"warning\"`)."]
    from ucheck.kinds.base import KINDS

    declared = KINDS[rule.kind].options
    if not declared:
        return [f"None: a {rule.kind} rule has no options."]
    out = []
    for key, opt in declared.items():
        facts = [opt.type]
        if opt.required:
            facts.append("required")
        elif not _unset(opt.default):
            facts.append(f"default `{_value(opt.default)}`")
        if opt.choices:
            facts.append("one of " + ", ".join(opt.choices))
        value = rule.options.get(key)
        if _unset(value):
            this = "Not set."
        elif not opt.required and value == opt.default:
            this = "This rule: the default."
        else:
            this = f"This rule: `{_value(value)}`."
        doc = opt.doc.rstrip(".") + "." if opt.doc else ""
        out.append(f"- `{key}` ({'; '.join(facts)}): {doc} {this}".replace(":  ", ": "))
    return out


def _kind(rule, builtin: bool) -> list[str]:
    if builtin:
        from ucheck.builtin import KIND_DOCS

        return [f"`{rule.kind}`: {KIND_DOCS.get(rule.kind, 'built in.')}"]
    from ucheck.kinds.base import KINDS

    doc = KINDS[rule.kind].doc
    return [f"`{rule.kind}`: {doc}" if doc else f"`{rule.kind}`."]


def _acknowledging(rule, vocab, bad, fired, builtin: bool, run: bool) -> list[str]:
    if builtin:
        return [f"{rule.code} reports the curated file itself, not an error of the source: fix the file (as under "
                "Instead). A waiver acknowledges only a confirmed error of the source."]
    intro = ("A figure is curated as printed, even when the source is wrong. When a finding is a confirmed "
             "error of the source, acknowledge it in the article's curated file: `ucheck report` still lists it, "
             "marked as acknowledged, and `ucheck check` no longer fails on it.")
    if not run or not fired:
        waiver = {"rule": rule.code, "figures": ["<the figure ids of the finding>"], "reason": WAIVER_REASON}
        return [intro, "", *_waiver(waiver)]
    f = fired[0]
    if f.figures:
        waiver = {"rule": rule.code, "figures": list(dict.fromkeys(r.id for r in f.figures)), "reason": WAIVER_REASON}
        how = "It names the figures of the finding (all of them):"
    else:
        text = f.key if len(f.key) <= 24 else f.key[:24]
        waiver = {"rule": rule.code, "text": text, "reason": WAIVER_REASON}
        how = "A finding on the seed text is named by a piece of that text (a waiver in any article curated from the seed applies):"
    example = bad.example
    example = {"value": example} if isinstance(example, str) else dict(example)
    example["waivers"] = [*(example.get("waivers") or []), {**waiver, "article": f.article or "example"}]
    from ucheck.testing import outcome

    try:
        still_open = outcome(rule, vocab, example).open
    except Exception:  # noqa: BLE001 - the page is still written, without the promise
        still_open = fired
    if still_open:  # checked on the example: never promise a waiver that does not work
        return [intro, "", "A waiver does not acknowledge the finding of the example above: that is a bug of ucheck, please report it."]
    return [intro, "", how, "", *_waiver(waiver)]
