"""Running a check: load problems, schema findings, every rule, then waivers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ucheck.finding import Finding, configured_level
from ucheck.i18n import join, phrases

# the messages of the built-in codes found here: UC006, UC009, UC010
SAY = phrases(
    __name__,
    unparseable=("figure {id}: {error}", "数字 {id}：{error}"),
    unknown_rule=("waiver of unknown rule {rule}{hint}: it acknowledges nothing (see `ucheck rules`)",
                  "豁免所写的规则{rule}不存在{hint}：这条豁免不起作用（见 `ucheck rules`）"),
    unused=("waiver of {rule} for {what} matches no finding", "对 {what} 的 {rule} 豁免没有匹配任何问题"),
)


@dataclass
class Selection:
    """Which rules run: codes or names to select / ignore (empty select = all)."""

    select: set[str] = field(default_factory=set)
    ignore: set[str] = field(default_factory=set)

    def wants(self, code: str, name: str) -> bool:
        if self.select and code not in self.select and name not in self.select:
            return False
        return code not in self.ignore and name not in self.ignore


def run(corpus, vocab, selection: Selection | None = None, use_waivers: bool = True, severity: dict[str, str] | None = None,
        usage: dict | None = None, lang: str = "en", scope: Scope | None = None) -> list[Finding]:
    """Every finding of the corpus, sorted; ``severity`` maps rule codes or names to a level that
    replaces the rule's own (a relation's strained tuples stay ``info``); messages in ``lang``.

    With ``scope``, the findings located in it — the same as those of a full run restricted to it
    (:func:`restrict`), found with each rule checked only on the figures its kind needs for them
    (``RuleKind.scope``; see ucheck.check.context.focus)."""
    from ucheck.check.context import build, focus
    from ucheck.builtin import BUILTIN
    from ucheck.load.schema import validate_figures

    selection = selection or Selection()
    if severity:
        set_severities(vocab, severity)
    wanted = [rule for rule in vocab.rules if selection.wants(rule.code, rule.name)]
    if scope is not None:
        focused = focus(corpus, vocab, scope, wanted, lang)
        ctx, contexts, stated_problems = focused.base, focused.contexts, focused.problems
        corpus = ctx.corpus  # what the built-in checks and the waivers see: the selected articles
    findings: list[Finding] = list(corpus.problems)
    findings += validate_figures(corpus.figures, vocab.metrics, lang)
    f = corpus.figures
    if len(f):
        from ucheck.kinds.frame import figure_refs

        bad = f[f["q_error"].notna()]
        meta = BUILTIN["UC006"]
        # the figure named, so that a waiver naming it acknowledges a literal the source misprints (14..3%)
        for r, ref in zip(bad.itertuples(index=False), figure_refs(bad)):
            findings.append(Finding("UC006", meta.name, meta.severity, r.article, r.file, int(r.line + r.field_offsets.get("value", 0)),
                                    SAY.unparseable(lang, id=r.id, error=r.q_error), key=str(r.id), figures=[ref]))
    if scope is None:
        ctx, stated_problems = build(corpus, vocab, lang)
        contexts = {}
    findings += stated_problems
    ran = set(BUILTIN)
    for rule in wanted:
        found = rule.impl.check(contexts.get(rule.code, ctx))
        findings += found
        ran |= {rule.code, rule.name}
        if usage is not None:  # rule code → (name, combinations judged, findings)
            usage[rule.code] = (rule.name, rule.impl.checked, len(found))
    findings = [x for x in findings if selection.wants(x.code, x.name)]
    known = set(BUILTIN) | {b.name for b in BUILTIN.values()} | {r.code for r in vocab.rules} | {r.name for r in vocab.rules}
    findings = apply_waivers(findings, corpus, use_waivers, ran, known, lang)
    if severity:
        for x in findings:
            if x.code in BUILTIN:
                x.severity = configured_level(severity, x.code, x.name, x.severity)
    if scope is not None:
        findings = restrict(findings, scope)
        focused.seed_lines(findings)  # of the other articles' figures these findings show
    findings.sort(key=Finding.sort_key)
    return findings


def apply_waivers(findings: list[Finding], corpus, use_waivers: bool, ran: set[str] | None = None,
                  known: set[str] | None = None, lang: str = "en") -> list[Finding]:
    """Mark findings acknowledged by a waiver of their article; report waivers that match nothing.

    A waiver names the rule and either the figures of the finding (all of them) or, for a finding
    on the seed text, a piece of the offending text (``text:``). A waiver in any article curated
    from a seed may acknowledge a finding on that seed's text. Waivers of rules that did not run
    (``--select``) are not reported as unused; a waiver of a rule that does not exist (a code or name
    not in ``known``) is invalid (UC009), with the closest known ones. Messages in ``lang``."""
    from ucheck.builtin import BUILTIN

    if not use_waivers or not len(corpus.waivers):
        return findings
    used = set()
    by_article: dict[str, list] = {}
    for i, w in enumerate(corpus.waivers.itertuples(index=False)):
        by_article.setdefault(w.article, []).append((i, w))
    for fd in findings:
        ids = {r.id for r in fd.figures}
        for article in fd.seed_articles or [fd.article]:
            match = next((i for i, w in by_article.get(article, []) if w.rule in (fd.code, fd.name) and _matches(w, fd, ids)), None)
            if match is not None:
                fd.waived, fd.waiver_reason = True, corpus.waivers.iloc[match]["reason"]
                used.add(match)
                break
    meta = BUILTIN["UC010"]
    for i, w in enumerate(corpus.waivers.itertuples(index=False)):
        if known is not None and w.rule not in known:
            from ucheck.suggest import did_you_mean, quote

            invalid = BUILTIN["UC009"]
            findings.append(Finding("UC009", invalid.name, invalid.severity, w.article, w.file, int(w.line),
                                    SAY.unknown_rule(lang, rule=quote(w.rule, lang), hint=did_you_mean(w.rule, known, lang=lang)),
                                    key=f"waiver:{w.rule}:{w.figures}:{w.text}"))
            continue
        if ran is not None and w.rule not in ran:
            continue
        if i not in used:
            from ucheck.suggest import quote

            what = join(lang, w.figures) if w.figures else quote(w.text, lang)
            findings.append(Finding("UC010", meta.name, meta.severity, w.article, w.file, int(w.line),
                                    SAY.unused(lang, rule=w.rule, what=what), key=f"{w.rule}:{w.figures}:{w.text}"))
    return findings


def _matches(w, fd: Finding, ids: set[str]) -> bool:
    if ids:
        return bool(w.figures) and ids <= set(w.figures)
    return bool(w.text) and w.text in fd.key


def set_severities(vocab, severity: dict[str, str]) -> None:
    """Give the rules of ``vocab`` the levels configured by code or name."""
    for rule in vocab.rules:
        level = configured_level(severity, rule.code, rule.name, None)
        if level:
            rule.severity = level


@dataclass
class Scope:
    """Which findings a run reports: those located in these files or under these directories
    (paths relative to the root, as in :attr:`Finding.file`)."""

    files: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)

    def contains(self, file: str) -> bool:
        if file in self.files:
            return True
        return bool(self.dirs) and any(file == d or file.startswith(d.rstrip("/") + "/") for d in self.dirs)

    def mask(self, files) -> "np.ndarray":
        """:meth:`contains` of each of ``files`` (a Series of paths), at once."""
        import numpy as np

        texts = files.astype(object)
        out = np.array(texts.isin(list(self.files)).to_numpy(), dtype=bool)  # (a copy: pandas may give a read-only view)
        for d in self.dirs:
            out |= texts.map(lambda f, d=d: isinstance(f, str) and (f == d or f.startswith(d.rstrip("/") + "/"))).to_numpy(dtype=bool)
        return out


def restrict(findings: list[Finding], scope: Scope | None) -> list[Finding]:
    """The findings located in ``scope`` (all of them when there is none)."""
    return findings if scope is None else [f for f in findings if scope.contains(f.file)]
