"""``text`` rules: hygiene of the seed texts themselves, reported at the seed's line.

Checks (option ``check``):

* ``duplicated-text`` — a paragraph, or a sentence of at least ``min_chars`` characters, that
  occurs again later in the seed (also a fragment of an earlier sentence: a cut copy);
* ``pattern`` — a regular expression over each line (Latin words in Chinese prose, doubled
  characters that are not reduplication), with ``exceptions`` that must not match the hit's context;
* ``cut-paragraph`` — a paragraph of at least ``min_chars`` characters that does not end a sentence
  (a page, column or caption break cut it).

The finding's ``key`` is the offending text, so a waiver names the text (``text: 部部分``), never a
line number.
"""

from __future__ import annotations

import re

from ucheck.i18n import phrases
from ucheck.kinds.base import Option, RuleKind, register

SAY = phrases(
    __name__,
    twice=("text printed twice (lines {a} and {b}): “{text}”", "文字重复出现（第 {a} 行与第 {b} 行）：“{text}”"),
    hit=("{what}: “{hit}” in “…{context}…”", "{what}：“…{context}…”中的“{hit}”"),
    cut=("paragraph ends mid-sentence (cut at a page, column or caption break?): “…{tail}”",
         "段落在句中结束（是否在换页、分栏或图片说明处被截断？）：“…{tail}”"),
)

CHECKS = ("duplicated-text", "pattern", "cut-paragraph")
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
_WS = re.compile(r"\s+")
_END = "。！？!?；;…”’」』)）:：.．"  # . and ．: a full stop of another script typed for 。 still ends the sentence


@register
class TextRule(RuleKind):
    kind = "text"
    doc = "check: duplicated-text | pattern | cut-paragraph, on each seed text."
    options = {
        "check": Option("str", required=True, doc="what is checked in the seed text", choices=CHECKS),
        "pattern": Option("regex", doc="for check: pattern — searched in each line of the seed"),
        "exceptions": Option("list", default=[], doc="regexes: a hit whose surrounding text matches one is not reported"),
        "min_chars": Option("number", default=20, doc="shortest sentence or paragraph considered (characters, white space removed)"),
    }

    def __init__(self, rule, vocab):
        super().__init__(rule, vocab)
        check = rule.options["check"]
        if check == "pattern" and not rule.options["pattern"]:
            raise rule.error("check: pattern needs 'pattern'")
        self.pattern = re.compile(rule.options["pattern"]) if rule.options["pattern"] else None
        try:
            self.exceptions = [re.compile(e) for e in rule.options["exceptions"]]
        except re.error as exc:
            raise rule.error(f"exceptions: invalid regular expression: {exc}") from None
        self.min_chars = int(rule.options["min_chars"])

    def scope(self, figures, selected):
        return selected  # the selected articles' seeds (always loaded); figures are not read

    def check(self, ctx):
        out = []
        articles = ctx.corpus.articles
        by_seed: dict = {}  # one pass over the articles, not one per seed (quadratic on an archive)
        if len(articles):
            for a, s in zip(articles["article"].tolist(), articles["seed"].tolist()):
                by_seed.setdefault(s, []).append(a)
        self.checked = len(ctx.corpus.seeds)
        for seed_key, seed in sorted(ctx.corpus.seeds.items()):
            arts = sorted(by_seed.get(seed_key, []))
            article = arts[0] if arts else None
            for line, column, key, message in getattr(self, "_" + self.rule.options["check"].replace("-", "_"))(seed, ctx.lang):
                f = ctx.finding(self.rule, None, message, article=article, file=seed_key, line=line, column=column, key=key)
                f.seed_articles = arts
                out.append(f)
        return out

    # -- checks: each yields (line, column, key, message in lang) --------------------------------
    def _paragraphs(self, text):
        """(line, text) of each line that is not blank."""
        for i, raw in enumerate(text.split("\n"), 1):
            if raw and not raw.isspace():
                yield i, raw

    def _duplicated_text(self, seed, lang):
        """Paragraphs and sentences printed twice, compared across line breaks (the seeds break
        sentences over lines). A run of consecutive duplicated sentences is one finding, at the
        later copy, naming the line of the other."""
        norm = seed.norm
        sents = [(m.start(), m.group(0).rstrip("。！？!?；;")) for m in _SENTENCE.finditer(norm)]
        runs: list[list] = []
        last_index = -2
        for i, (start, core) in enumerate(sents):
            if len(core) < self.min_chars:
                continue
            first = norm.find(core)
            other = first if first != start else norm.find(core, start + 1)
            if other < 0:
                continue
            later, earlier = max(start, other), min(start, other)
            if later != start and core in {c for _, c in sents[:i]}:
                continue  # the later copy of a whole sentence reports it
            if runs and i == last_index + 1:
                runs[-1].append((later, earlier, core))
            else:
                runs.append([(later, earlier, core)])
            last_index = i
        by_line: dict[int, tuple] = {}
        for run in runs:
            later, earlier, core = run[0]
            b = seed.line_at(later)
            if b not in by_line:  # one finding per place, even when short sentences split the run
                by_line[b] = (seed.line_at(earlier), core, "".join(c for _, _, c in run))
        for b, (a, core, text) in by_line.items():
            yield b, 1, core[:40], SAY.twice(lang, a=a, b=b, text=_short(text))

    def _pattern(self, seed, lang):
        what = self.rule.text("message", lang)
        if not what:  # a rule without a message: its name, or in Chinese its summary
            what = self.rule.name.replace("-", " ") if lang != "zh" else self.rule.text("summary", lang).rstrip("。")
        for line, raw in self._paragraphs(seed.text):
            for m in self.pattern.finditer(raw):
                context = raw[max(0, m.start() - 6): m.end() + 6]
                if any(e.search(context) for e in self.exceptions):
                    continue
                hit = m.group(0).strip()
                yield line, m.start() + 1, context.strip(), SAY.hit(lang, what=what, hit=hit, context=context.strip())

    def _cut_paragraph(self, seed, lang):
        for line, raw in self._paragraphs(seed.text):
            norm = _WS.sub("", raw)  # white space removed: what the line ends with
            # Prose has clauses; a photo caption or heading (no or one comma) may end without 。
            clauses = sum(norm.count(c) for c in "，,。；;")
            if len(norm) >= self.min_chars and clauses >= 2 and norm[-1] not in _END and not norm.startswith(("#", "▲", "——", "—")):
                yield line, len(raw.rstrip()), norm[-20:], SAY.cut(lang, tail=norm[-20:])  # the key: any part of it waives the finding


def _short(s: str, n: int = 36) -> str:
    return s if len(s) <= n else s[:n] + "…"

