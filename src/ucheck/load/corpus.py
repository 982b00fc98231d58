"""Loading curated/*.yaml and seeds/ into frames, keeping every record's file and line.

The corpus is four frames — articles, figures, ignored mentions, waivers — plus the seed texts.
Problems met while loading (bad YAML, a missing seed, an unknown key) become findings; the other
files are still loaded. Literals are parsed once per distinct text, then joined back as columns.

Bad input is a finding, never a crash: a file that is not valid UTF-8 YAML data (see yamlsafe for
the bounds on size, nesting and aliases) is UC001 at its line; an empty file is UC002 "empty file"
at line 1; a seed that is missing, unreadable, too large, not a regular file or outside the
repository (``../../etc/passwd``, an absolute path, a symbolic link out) is UC008 at the article's
``seed:`` line; a curated file that is a symbolic link out of the repository is UC001 at line 1.
Files are only ever read. Only reading nothing is an error of the command (``yamlsafe.InputError``,
exit 2): a directory that cannot be listed, or no curated file at all.

The problems' messages are in the language asked for (``lang``: ``en`` or ``zh``, phrases of
:data:`SAY`); what makes two runs' findings the same (a finding's ``key``, its fingerprint) is the
English text in both.
"""

from __future__ import annotations

import gc
import operator
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ucheck.load import yamlsafe
from ucheck.builtin import problem
from ucheck.finding import Finding
from ucheck.i18n import Phrase, join, phrases
from ucheck.load.keys import CORE_FIGURE_KEYS, FigureKey
from ucheck.load.keys import interned as _interned
from ucheck.load.keys import layout as _layout
from ucheck.load.keys import text as _text
from ucheck.load.cache import LiteralMemo, LoadCache
from ucheck.load.seeds import Seed, link_out_of, load_seed, relative_to_root
from ucheck.suggest import comma_in_flow, did_you_mean_after
from ucheck.suggest import quote as quote_name

ARTICLE_KEYS = {"id", "seed", "title", "subtitle", "region", "organisation", "authors", "source", "date", "period", "note"}
IGNORED_KEYS = {"value", "quote", "reason"}
WAIVER_KEYS = {"rule", "figures", "text", "reason"}
TOP_KEYS = {"article", "figures", "ignored", "waivers", "stated_rules"}
STATED_KEYS = {"id", "per", "units", "quote", "yields", "note"}
YIELD_KEYS = {"quota", "total", "note"}
# One row per yield of a stated rule (see ucheck.kinds.quota): the rule's fields repeat on each.
STATED_COLUMNS = [
    "article", "file", "line", "column", "seed", "rule", "rule_line", "rule_column", "per", "units", "units_line",
    "quote", "quote_line", "quota", "quota_line", "total", "total_line",
]

# The columns of every figure row: where it is, its core keys (``unit`` as ``unit_override``: the
# measure word read from the literal is ``unit``), and field → line; the keys rule kinds declare
# (ucheck.load.keys) follow, one column each, in the order given to load_corpus.
FIGURE_COLUMNS = [
    "article", "file", "line", "column", "seed", "id", "subject", "region", "organisation", "metric", "period",
    "period_norm", "value", "quote", "unit_override", "note", "base", "field_offsets",
]

# the figure's own keys that hold one text each: a list or mapping there is a mistake at its line
_TEXT_KEYS = frozenset(CORE_FIGURE_KEYS)
_ROW_AT = {"unit": FIGURE_COLUMNS.index("unit_override"), **{k: FIGURE_COLUMNS.index(k) for k in CORE_FIGURE_KEYS if k != "unit"}}
_LAYOUT_AT = FIGURE_COLUMNS.index("field_offsets")


def _positions(keys: tuple):
    """A function of a row giving the values of the text keys a figure with ``keys`` has (None: it has none)."""
    at = [_ROW_AT[k] for k in keys if k in _TEXT_KEYS]
    return operator.itemgetter(*at, at[0]) if at else None  # a tuple even for one key

# the columns of texts that do not recur (a quote is printed once): not looked up to be shared
_UNIQUE_AT = frozenset({FIGURE_COLUMNS.index("quote")})

# The reader's row lists, one per frame (what the load cache stores of a file, whatever their rows hold).
READER_LISTS = ("articles", "figures", "ignored", "waivers", "stated")

# The reader's problems, in both languages. Keys, field names and literals stay as written; a name or
# value in a message is quoted as each language quotes it ('titel', “titel”: see quoted()).
SAY = phrases(
    __name__,
    link_out=("a symbolic link to a file outside the repository: not read", "指向仓库之外文件的符号链接：未读取"),
    cannot_read=("cannot read file: {why}", "无法读取文件：{why}"),
    empty=("empty file (no YAML content, or only comments): a curated file is a mapping with keys article, figures, ignored, waivers",
           "空文件（没有 YAML 内容，或只有注释）：整理文件应为映射，含键 article、figures、ignored、waivers"),
    not_mapping=("a curated file is a mapping with keys article, figures, ignored, waivers",
                 "整理文件应为映射，含键 article、figures、ignored、waivers"),
    unknown_top=("unknown key {name} at top level (known: {known}){hint}", "顶层有未知的键{name}（已知的键：{known}）{hint}"),
    unknown_in_article=("unknown key {name} in article (known: {known}){hint}", "article 中有未知的键{name}（已知的键：{known}）{hint}"),
    unknown_in_entry=("unknown key {name} in {section} entry (known: {known}){hint}", "{section} 条目中有未知的键{name}（已知的键：{known}）{hint}"),
    unknown_in_waiver=("unknown key {name} in waiver (known: {known}){hint}", "豁免中有未知的键{name}（已知的键：{known}）{hint}"),
    unknown_in_stated=("unknown key {name} in stated rule (known: {known}){hint}", "文中规则中有未知的键{name}（已知的键：{known}）{hint}"),
    unknown_in_yield=("unknown key {name} in a yield of stated rule {rule} (known: {known}){hint}",
                      "文中规则 {rule} 的 yield 中有未知的键{name}（已知的键：{known}）{hint}"),
    no_article=("missing 'article' mapping", "缺少“article”映射"),
    no_article_id=("article.id is required", "缺少 article.id（必填）"),
    article_taken=("article id {article} is already used by {file}", "文章 id{article}已被 {file} 使用"),
    no_seed=("article.seed is required: the seed file this article was curated from", "缺少 article.seed（必填）：这篇文章据以整理的原文文件"),
    not_list=("{section} must be a list", "{section}应为列表"),
    entry_not_mapping=("each entry of {section} must be a mapping", "{section}的每一项都应为映射"),
    bad_choice=("figure {id}: {name} must be {choices} ({doc}), not {value}", "数字 {id}：{name} 应为 {choices}（{doc}），而不是{value}"),
    choice_or=(" or ", " 或 "),
    figure_says=("figure {id}: {says}", "数字 {id}：{says}"),
    not_text=("figure {id}: {name} must be a text as printed, not a {what} (it is read as absent)",
              "数字 {id}：{name}应为照原文的文本，而不是{what}（按缺失处理）"),
    waiver_not_mapping=("each waiver must be a mapping with rule, figures and reason", "每条豁免都应为映射，含 rule、figures 和 reason"),
    waiver_no_reason=("a waiver needs a reason: why the finding is acknowledged rather than fixed",
                      "豁免需要理由（reason）：为什么确认这条检查结果而不是改正它"),
    waiver_no_rule=("a waiver must name the rule code it acknowledges", "豁免须写明它确认的规则代码（rule）"),
    waiver_no_target=("a waiver must name the figures (figures: [...]) or, for a finding on the seed text, the text (text: ...)",
                      "豁免须写明数字（figures: [...]），针对原文文本的检查结果则写明文本（text: ...）"),
    stated_units=("stated rule {rule}: 'units' must list the ids of the figures that count the units",
                  "文中规则 {rule}：“units”应列出计数这些单位的数字的 id"),
    stated_no_yields=("stated rule {rule}: missing or empty {missing}: a stated rule needs a list of {{quota, total}}",
                      "文中规则 {rule}：{missing} 缺失或为空：文中规则需要一个 {{quota, total}} 列表"),
    stated_missing=("stated rule {rule}: missing or empty {missing}: a stated rule needs id, per (the unit), quote and yields ({{quota, total}} …)",
                    "文中规则 {rule}：{missing} 缺失或为空：文中规则需要 id、per（单位）、quote 和 yields（{{quota, total}} …）"),
    yield_not_mapping=("stated rule {rule}: each yield is a mapping {{quota, total}}", "文中规则 {rule}：每个 yield 都应为映射 {{quota, total}}"),
    yield_incomplete=("stated rule {rule}: a yield needs quota (as printed: 前10名, 状元, 9个) and total (the id of the figure it produced)",
                      "文中规则 {rule}：yield 需要 quota（照原文写：前10名、状元、9个）和 total（它得出的数字的 id）"),
)


def quoted(value):
    """A name or value as a message quotes it, in the language it is said in: ``'titel'`` (Python's
    repr, as English messages always quoted) or “titel”."""
    return lambda lang: quote_name(value, lang) if lang == "zh" else repr(value)


def listed(items, joined_by: Phrase | None = None):
    """Items as a language lists them: 'a, b' / 'a、b' (or joined by a phrase: 'a or b' / 'a 或 b')."""
    items = [str(x) for x in items]
    return lambda lang: joined_by(lang).join(items) if joined_by is not None else join(lang, items)


def said(code: str, rel: str, line: int, lang: str, phrase: Callable[..., str], aid: str | None = None, column: int = 1,
         key: str = "", **values) -> Finding:
    """A finding of a built-in code whose message is ``phrase`` (a :class:`Phrase`, or any function
    of the language such as ``YamlProblem.text``) said in ``lang`` with ``values`` (a value may be a
    phrase, or a function of the language such as :func:`quoted`: said in the same language).
    Without a ``key``, the key is the English message, as it was before messages had a language: a
    finding's fingerprint is the same in every language."""

    def text(in_lang: str) -> str:
        return phrase(in_lang, **{k: v(in_lang) if callable(v) else v for k, v in values.items()})

    msg = text(lang)
    return problem(code, rel, line, msg, aid, column=column, key=key or (msg if lang == "en" else text("en")))


def unknown_key(rel: str, line: int, lang: str, phrase: Phrase, name, known, aid: str | None = None, key: str = "",
                valueless: bool = False, **values) -> Finding:
    """UC007 for a key ``name`` not in ``known``: the known keys listed, the closest one offered; for a
    key with no value (``valueless``), what makes one in a flow mapping: a comma in the value before."""
    return said("UC007", rel, line, lang, phrase, aid, key=key, name=quoted(name), known=listed(sorted(known)),
                hint=lambda lg: did_you_mean_after(name, known, lang=lg) + (comma_in_flow(lg) if valueless else ""), **values)


@dataclass
class Corpus:
    root: Path
    articles: pd.DataFrame
    figures: pd.DataFrame
    ignored: pd.DataFrame
    waivers: pd.DataFrame
    seeds: dict[str, Seed] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    stated: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STATED_COLUMNS))


def load_corpus(paths: list[Path], root: Path, seeds_dir: Path | None = None, keys: tuple[FigureKey, ...] = (),
                cache: LoadCache | None = None, lang: str = "en", trace=None) -> Corpus:
    """Load the curated files (files or directories of *.yaml / *.yml) under ``root``; a figure may
    have the core keys and ``keys`` (those the rule kinds declare: ``ucheck.kinds.figure_keys()``).
    With ``cache``, each file's output is replayed from the load cache when its bytes are unchanged
    (ucheck.load.cache: the result is the same either way). The problems' messages are in ``lang``.
    ``trace`` (with a cache: ucheck.load.snapshot) is told before and after each file is read."""
    files = curated_files(paths, root)
    reader = _Reader(root, seeds_dir, keys, lang)
    # The loop allocates millions of small objects and frees almost all of them by reference
    # counting; the cyclic collector would walk the growing set of rows again and again (half of
    # the YAML time on a large archive). Nothing here makes cycles: it is paused, then restored.
    paused = gc.isenabled()
    gc.disable()
    try:
        if cache is None:
            for f in files:
                reader.read_file(f)
        else:
            cache.open(keys, READER_LISTS, lang)
            for f in files:
                if trace is not None:
                    trace.before(reader, f)
                cache.read(reader, f, relative_to_root(f, root))
                if trace is not None:
                    trace.after(reader, f)
    finally:
        if paused:
            gc.enable()
    return corpus_of(reader, root, keys, cache)


def curated_files(paths: list[Path], root: Path) -> list[Path]:
    """The curated files of ``paths`` (files, or directories of *.yaml / *.yml), in reading order."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():  # one that cannot be listed is an error, not an empty directory
            files.extend(yamlsafe.yaml_files(p, relative_to_root(p, root)))
        else:
            files.append(p)
    if not files:  # a gate that read nothing must not pass
        where = ", ".join(relative_to_root(p, root) for p in paths) or "curated"
        raise yamlsafe.InputError(where, "no curated file (*.yaml, *.yml) in it: nothing to check")
    return files


def corpus_of(reader: "_Reader", root: Path, keys: tuple[FigureKey, ...] = (), cache: LoadCache | None = None) -> Corpus:
    """The frames of what ``reader`` read (its figure rows are released once their frame exists)."""
    articles = pd.DataFrame(reader.articles, columns=["article", "file", "line", "seed", "title", "region", "organisation", "date", "period"])
    figures = reader.figures.frame([*FIGURE_COLUMNS, *(k.name for k in keys)])  # the rows released as it is built
    ignored = pd.DataFrame(reader.ignored, columns=["article", "file", "line", "seed", "value", "quote", "reason"])
    waivers = pd.DataFrame(reader.waivers, columns=["article", "file", "line", "rule", "figures", "text", "reason"])
    figures = share_texts(attach_quantities(figures, cache.literals() if cache is not None else None))
    if cache is not None:
        cache.save_literals()
    stated = pd.DataFrame(reader.stated, columns=STATED_COLUMNS)
    return Corpus(root, articles, figures, ignored, waivers, reader.seeds, reader.problems, stated)


def share_texts(frame: pd.DataFrame, sample: int = 2000) -> pd.DataFrame:
    """Equal texts of a column held once: each column of texts that repeat (ids, units, notes, and
    the texts read from the load cache, where JSON gives every text its own object) gets one
    object per distinct value, as a categorical would, with its values and dtype unchanged.

    Some ``sample`` texts spread over a column decide: a column whose equal texts are one object
    already (the reader interns regions, metrics, periods) or whose texts are mostly distinct
    (quotes, subjects) is left as it is. A Python dict finds the equal texts: pandas' factorize of
    a text column would store the UTF-8 form inside every text it hashes."""
    n = len(frame)
    for c in frame.columns:
        col = frame[c]
        if col.dtype.kind in "biufcmM":
            continue
        values = col.to_numpy(dtype=object).tolist()
        head = [v for v in values[:: max(1, n // sample)] if type(v) is str]
        distinct = len(set(head))
        if not head or len({id(v) for v in head}) == distinct or 4 * distinct > 3 * len(head):
            continue
        held: dict = {}
        out = np.empty(n, dtype=object)
        out[:] = [held.setdefault(v, v) if type(v) is str else v for v in values]
        frame[c] = pd.Series(out, index=frame.index, dtype=col.dtype)  # the dtype as it was (no inference)
    return frame


class Rows:
    """A list of rows of one width, kept column by column: ``append`` a tuple, take ``len``, a slice (as
    tuples), ``extend``, ``clear``, and :meth:`frame`.

    A tuple per figure (some 300 bytes on the allocator's small-object heap) lived until the frame
    was built, among the texts that stay: freed, its pages could not go back to the system, so a
    sixth of the memory of a large archive stayed taken for nothing. A column is one growing
    array of references instead, released whole."""

    __slots__ = ("width", "columns", "_appends")

    def __init__(self, width: int):
        self.width = width
        self.columns: list[list] = [[] for _ in range(width)]
        self._appends = [c.append for c in self.columns]

    def append(self, row: tuple) -> None:
        if len(row) != self.width:
            raise ValueError(f"a row of {len(row)} values where there are {self.width} columns")
        for add, v in zip(self._appends, row):
            add(v)

    def extend(self, rows) -> None:
        for row in rows:
            self.append(row)

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def __getitem__(self, at: slice) -> list[tuple]:
        return list(zip(*(c[at] for c in self.columns)))

    def clear(self) -> None:
        for c in self.columns:
            c.clear()

    def frame(self, names: list[str]) -> pd.DataFrame:
        """The rows as a frame with columns ``names``, each column's dtype inferred from its values
        as ``DataFrame.from_records`` infers it; each column is released once converted."""
        data = {}
        for name, col in zip(names, self.columns):
            data[name] = pd.Series(col, dtype=None if col else object)
            col.clear()
        return pd.DataFrame(data, columns=names) if data else pd.DataFrame(columns=names)


class _Reader:
    """Reads curated files one after another into rows (one list per frame), the problems met, the
    seeds loaded and the article ids seen (id → file): one method per section of a file. A file's
    sections are read in order — article, figures, ignored, stated rules, waivers — and so are
    its problems reported."""

    def __init__(self, root: Path, seeds_dir: Path | None, keys: tuple[FigureKey, ...] = (), lang: str = "en"):
        self.root = root
        self.lang = lang  # of the problems' messages
        self.seeds_dir = seeds_dir
        self.keys = keys
        self.figure_keys = frozenset(CORE_FIGURE_KEYS).union(k.name for k in keys)
        self.articles: list[dict] = []
        self.figures = Rows(len(FIGURE_COLUMNS) + len(keys))  # rows in FIGURE_COLUMNS order, then the keys
        self.ignored: list[dict] = []
        self.waivers: list[dict] = []
        self.stated: list[tuple] = []  # tuples in STATED_COLUMNS order
        self.problems: list[Finding] = []
        self.seeds: dict[str, Seed] = {}
        self.seen: dict[str, str] = {}
        # texts that recur over an archive (ids, literals, subjects, notes, the ids links name), each
        # held once: equal texts are one object before the frame is built, so no copy of a column
        # is needed after it (which kept the first one alive in the frame's block: share_texts)
        self._texts: dict[str, str] = {}
        self._present: dict[tuple, object] = {}  # the keys of a layout → _positions of them
        # the file being read: its path relative to the root, its article id and seed key
        self.rel = ""
        self.aid: str | None = None
        self.seed_key: str | None = None

    def problem(self, code: str, line: int, message: Callable[..., str], column: int = 1, key: str = "", **values) -> None:
        """A problem of the file being read: ``message`` said with ``values`` (see :func:`said`)."""
        self.problems.append(said(code, self.rel, line, self.lang, message, self.aid, column=column, key=key, **values))

    def unknown(self, line: int, message: Phrase, name, known, key: str = "", valueless: bool = False, **values) -> None:
        self.problems.append(unknown_key(self.rel, line, self.lang, message, name, known, self.aid, key=key, valueless=valueless, **values))

    def seed(self, seed_rel: str, line: int) -> str | None:
        """The key of the article's seed (loaded once a run), its problems reported; the call is
        recorded in ``seed_call``, for the load cache to replay it (ucheck.load.cache)."""
        start = len(self.problems)
        key = load_seed(seed_rel, self.rel, line, self.root, self.seeds_dir, self.seeds, self.problems, self.aid, self.lang)
        self.seed_call = (seed_rel, line, key, start, len(self.problems))
        return key

    def read_file(self, f: Path) -> None:
        if link_out_of(f, self.root):  # refused, as a seed out of the repository is (UC008)
            self.rel, self.aid, self.seed_key = relative_to_root(f, self.root, follow=False), None, None
            self.problem("UC001", 1, SAY.link_out)
            return
        self.rel, self.aid, self.seed_key = relative_to_root(f, self.root), None, None
        try:
            doc = yamlsafe.load(yamlsafe.decode(yamlsafe.read_bytes(f)))
        except yamlsafe.YamlProblem as exc:
            self.problem("UC001", exc.line, exc.text, column=exc.column)
            return
        except OSError as exc:
            self.problem("UC001", 1, SAY.cannot_read, why=exc.strerror)
            return
        self.read(doc)

    def read(self, doc) -> None:
        """One curated file's data (``doc``: the composed YAML, a mapping with lines)."""
        if doc is None:
            self.problem("UC002", 1, SAY.empty)
            return
        if not isinstance(doc, dict):
            self.problem("UC002", getattr(doc, "line", 1), SAY.not_mapping)
            return
        for k in doc:
            if k not in TOP_KEYS:
                self.unknown(doc.line_of(k), SAY.unknown_top, k, TOP_KEYS)
        if not self.article(doc):
            return
        self.read_figures(doc)
        self.read_ignored(doc)
        if doc.get("stated_rules") is not None:
            read_stated_rules(doc["stated_rules"], doc.line_of("stated_rules"), self.aid, self.rel, self.seed_key, self.stated, self.problems,
                              self.lang)
        self.read_waivers(doc)

    def article(self, doc) -> bool:
        """The ``article:`` mapping; False when the rest of the file cannot be read without it."""
        art = doc.get("article")
        if not isinstance(art, dict):
            self.problem("UC002", doc.line_of("article") if "article" in doc else 1, SAY.no_article)
            return False
        for k in art:
            if k not in ARTICLE_KEYS:
                self.unknown(art.line_of(k), SAY.unknown_in_article, k, ARTICLE_KEYS, valueless=art[k] is None)
        aid = _text(art.get("id"))
        if not aid:
            self.problem("UC002", art.line, SAY.no_article_id)
            return False
        if aid in self.seen:
            self.problems.append(said("UC003", self.rel, art.line_of("id"), self.lang, SAY.article_taken, aid,
                                      article=quoted(aid), file=self.seen[aid]))
            return False
        self.seen[aid] = self.rel
        self.aid = aid
        seed_rel = _text(art.get("seed"))
        if not seed_rel:
            self.problem("UC002", art.line, SAY.no_seed)
        else:
            self.seed_key = self.seed(seed_rel, art.line_of("seed"))
        self.articles.append({
            "article": aid, "file": self.rel, "line": art.line, "seed": self.seed_key,
            "title": _text(art.get("title")), "region": _text(art.get("region")),
            "organisation": _text(art.get("organisation")), "date": _text(art.get("date")), "period": _text(art.get("period")),
        })
        return True

    def entries(self, doc, section: str, keys: set[str]):
        """The mappings of a list section (figures, ignored), after reporting a section that is not a
        list, an entry that is not a mapping and unknown keys."""
        items = doc.get(section)
        if items is None:
            return
        if not isinstance(items, list):
            self.problem("UC002", doc.line_of(section), SAY.not_list, section=quoted(section))
            return
        for item in items:
            if not isinstance(item, dict):
                self.problem("UC002", getattr(items, "line", 1), SAY.entry_not_mapping, section=quoted(section))
                continue
            if not keys.issuperset(item):
                for k in item:
                    if k not in keys:
                        self.unknown(item.line_of(k), SAY.unknown_in_entry, k, keys, key=f"{section}:{k}", valueless=item[k] is None,
                                     section=section)
            yield item

    def read_figures(self, doc) -> None:
        aid, rel, seed_key = self.aid, self.rel, self.seed_key
        share = self._texts.setdefault
        for item in self.entries(doc, "figures", self.figure_keys):
            get = item.get
            # A row in FIGURE_COLUMNS order, stored column by column (Rows); the recurring texts
            # are one object each.
            fid, subject, value, note = get("id"), get("subject"), get("value"), get("note")
            row = (
                aid, rel, item.line, item.column, seed_key,
                # one object per distinct text (self.shared), inline for texts: a call per field costs
                share(fid, fid) if type(fid) is str else self.shared(fid),
                share(subject, subject) if type(subject) is str else self.shared(subject),
                _interned(get("region")), _interned(get("organisation")), _interned(get("metric")),
                _interned(get("period")), _interned(get("period_norm")),
                share(value, value) if type(value) is str else self.shared(value), _text(get("quote")),
                _interned(get("unit")), share(note, note) if type(note) is str else self.shared(note), _interned(get("base")),
                _layout(item.key_lines, item.line),  # field -> line - the figure's line: shared by figures written alike
            )
            if self.keys:
                row += tuple(self.declared(item, k) for k in self.keys)
            # a text written as a list or mapping reads as absent (None): say so, at its line. Only the
            # keys the figure has can be; the row positions to look at are found once per layout.
            keys = tuple(row[_LAYOUT_AT])
            present = self._present.get(keys, False)
            if present is False:
                present = self._present[keys] = _positions(keys)
            if present is not None and None in present(row):
                self.not_texts(item)
            self.figures.append(row)

    def not_texts(self, item) -> None:
        for k, v in item.items():
            if k in _TEXT_KEYS and isinstance(v, (dict, list)):
                what = ("mapping", "映射") if isinstance(v, dict) else ("list", "列表")
                self.problem("UC002", item.line_of(k), SAY.not_text, key=f"{k}:{_text(item.get('id'))}", id=_text(item.get("id")) or "?",
                             name=quoted(k), what=lambda lang, w=what: w[lang == "zh"])

    def shared(self, v) -> str | None:
        """``v`` as text, one object per distinct text of the run."""
        t = _text(v)
        return t if t is None else self._texts.setdefault(t, t)

    def shared_row(self, row: tuple) -> tuple:
        """A figure row replayed from the load cache (JSON: every text its own object) with its
        recurring texts held once, as a row read afresh has them."""
        if type(row) is not tuple:
            return row
        texts = self._texts
        return tuple(texts.setdefault(v, v) if type(v) is str and i not in _UNIQUE_AT else v for i, v in enumerate(row))

    def declared(self, item, key: FigureKey):
        """The value of a key a rule kind declares, read as it says; a bad value is UC002 at its line."""
        if key.name not in item:
            return None
        value = item[key.name]
        if key.read == "text":
            return self.shared(value)
        if key.read == "name":
            return _interned(value)
        fid = _text(item.get("id"))
        if key.read == "choice":
            if value in key.choices:
                return sys.intern(value)
            self.problem("UC002", item.line_of(key.name), SAY.bad_choice, key=f"{key.name}:{fid}", id=fid, name=key.name,
                         choices=listed(key.choices, SAY.choice_or), doc=key.describe, value=quoted(value))
            return None

        def report(line: int | None, message: Phrase | str, **values) -> None:
            """The kind's words (a text, or a phrase with its values) after the figure's id."""
            if isinstance(message, Phrase):
                said_ = lambda lang: message(lang, **values)  # noqa: E731
            else:
                said_ = message
            self.problem("UC002", line or item.line_of(key.name), SAY.figure_says, key=f"{key.name}:{fid}", id=fid, says=said_)

        return key.parse(value, report)

    def read_ignored(self, doc) -> None:
        for item in self.entries(doc, "ignored", IGNORED_KEYS):
            self.ignored.append({"article": self.aid, "file": self.rel, "line": item.line, "seed": self.seed_key,
                                 "value": _text(item.get("value")), "quote": _text(item.get("quote")), "reason": _text(item.get("reason"))})

    def read_waivers(self, doc) -> None:
        waivers = doc.get("waivers")
        if waivers is None:
            return
        if not isinstance(waivers, list):
            self.problem("UC002", doc.line_of("waivers"), SAY.not_list, section=quoted("waivers"))
            return
        for w in waivers:
            if not isinstance(w, dict):
                self.problem("UC002", waivers.line, SAY.waiver_not_mapping)
                continue
            for k in w:
                if k not in WAIVER_KEYS:
                    self.unknown(w.line_of(k), SAY.unknown_in_waiver, k, WAIVER_KEYS, valueless=w[k] is None)
            row = self._waiver(w)
            if row is not None:
                self.waivers.append(row)

    def _waiver(self, w) -> dict | None:
        """A waiver's row, or None (a UC009 problem) when it lacks a reason, a rule, or figures or text."""
        figs = w.get("figures")
        figs = [str(x) for x in figs] if isinstance(figs, list) else ([str(figs)] if figs else [])
        reason = _text(w.get("reason"))
        if not reason or not reason.strip():
            self.problem("UC009", w.line, SAY.waiver_no_reason, key=f"waiver:{w.get('rule')}:{figs}")
            return None
        if not _text(w.get("rule")):
            self.problem("UC009", w.line, SAY.waiver_no_rule, key=f"waiver:{figs}")
            return None
        text = _text(w.get("text"))
        if not figs and not text:
            self.problem("UC009", w.line, SAY.waiver_no_target, key=f"waiver:{w.get('rule')}")
            return None
        return {"article": self.aid, "file": self.rel, "line": w.line, "rule": _text(w.get("rule")), "figures": tuple(sorted(figs)), "text": text, "reason": reason.strip()}


def read_stated_rules(items, line: int, aid: str, rel: str, seed_key, rows: list, problems: list, lang: str = "en") -> None:
    """The ``stated_rules:`` section: one row per yield (quota → total) of each rule; a malformed
    entry is UC002 / UC007 at its line and left out, the rest of the file is still read (messages
    in ``lang``)."""

    def report(code: str, at: int, message: Phrase, key: str = "", **values) -> None:
        problems.append(said(code, rel, at, lang, message, aid, key=key, **values))

    if not isinstance(items, list):
        report("UC002", line, SAY.not_list, section=quoted("stated_rules"))
        return
    for item in items:
        if not isinstance(item, dict):
            report("UC002", getattr(items, "line", line), SAY.entry_not_mapping, section=quoted("stated_rules"))
            continue
        for k in item:
            if k not in STATED_KEYS:
                problems.append(unknown_key(rel, item.line_of(k), lang, SAY.unknown_in_stated, k, STATED_KEYS, aid, key=f"stated_rules:{k}"))
        rid, per, quote = (_text(item.get(k)) for k in ("id", "per", "quote"))
        missing = [k for k, v in (("id", rid), ("per", per), ("quote", quote)) if not v or not v.strip()]
        yields = item.get("yields")
        if not isinstance(yields, list) or not yields:
            missing.append("yields")
        units = item.get("units")
        units = [units] if isinstance(units, str) else units
        if units is not None and (not isinstance(units, list) or not all(isinstance(u, str) and u for u in units)):
            report("UC002", item.line_of("units"), SAY.stated_units, key=f"stated:{rid}:units", rule=rid)
            continue
        if missing:
            report("UC002", item.line_of(missing[0]) if missing[0] in item else item.line,
                   SAY.stated_no_yields if missing == ["yields"] else SAY.stated_missing, key=f"stated:{rid}:{missing}",
                   rule=rid or "?", missing=listed(missing))
            continue
        for y in yields:
            if not isinstance(y, dict):
                report("UC002", getattr(yields, "line", item.line), SAY.yield_not_mapping, key=f"stated:{rid}:yield", rule=rid)
                continue
            for k in y:
                if k not in YIELD_KEYS:
                    problems.append(unknown_key(rel, y.line_of(k), lang, SAY.unknown_in_yield, k, YIELD_KEYS, aid, key=f"yields:{k}", rule=rid))
            quota, total = _text(y.get("quota")), _text(y.get("total"))
            if not quota or not total:
                report("UC002", y.line, SAY.yield_incomplete, key=f"stated:{rid}:{quota}:{total}", rule=rid)
                continue
            rows.append((
                aid, rel, y.line, y.column, seed_key, rid, item.line, item.column, per, tuple(units or ()),
                item.line_of("units") if units else item.line, quote, item.line_of("quote"), quota, y.line_of("quota"),
                total, y.line_of("total"),
            ))


QUANTITY_COLUMNS = ["q_value", "q_low", "q_high", "q_low_open", "q_high_open", "q_unit", "q_qualifier", "q_scale", "q_step", "q_kind", "q_numeral", "q_error"]
# what literal rules test of the printed form (Quantity's predicates): column → predicate; the
# columns come last in the frame
PREDICATE_COLUMNS = {"q_fullwidth": "has_fullwidth_digits", "q_mixed_digits": "mixes_chinese_digits", "q_stacked": "is_stacked"}


# A table's unit column prints the scale with the measure word (单位：万吨; 出栏肉猪 | 万头 | 94.28): a
# curated unit that begins with one of these, on a literal that prints neither, scales the literal.
# Only the scale words of Chinese numbers: 千 and 百 begin units of their own (千瓦时, 千克, 千升, 千公顷,
# 百分点), which must stay as they are.
UNIT_SCALES = {"万亿": 10**12, "万": 10**4, "亿": 10**8}


def _scaled_units(out: pd.DataFrame) -> None:
    """Apply the scale of a curated unit such as 万头 (a table's unit column) to a bare literal:
    94.28 with unit 万头 is 942,800 头, its interval and step scaled alike, its unit 头. Only where
    the literal prints no unit and no scale of its own (94.28万 with 万头 would be scaled twice: it
    keeps the unit as curated, which no metric lists — UC005). 万 alone is no unit: left as it is."""
    given = out["unit_override"]
    if not given.notna().any():
        return
    text = given.astype(object).where(given.notna(), "").astype(str)
    bare = out["q_unit"].isna().to_numpy() & ~(out["q_scale"].to_numpy(float) > 1)
    for word, factor in sorted(UNIT_SCALES.items(), key=lambda kv: -len(kv[0])):  # 万亿 before 万
        at = (text.str.startswith(word) & (text.str.len() > len(word))).to_numpy() & bare
        if not at.any():
            continue
        bare &= ~at
        for c in ("q_value", "q_low", "q_high", "q_step"):
            out.loc[at, c] = out.loc[at, c].to_numpy(float) * factor
        out.loc[at, "q_scale"] = np.where(np.isnan(out.loc[at, "q_scale"].to_numpy(float)), 1.0, out.loc[at, "q_scale"].to_numpy(float)) * factor
        out.loc[at, "unit"] = text[at].str.slice(len(word)).to_numpy(object)


def attach_quantities(figures: pd.DataFrame, memo: LiteralMemo | None = None) -> pd.DataFrame:
    """Parse each distinct literal once and join the interval columns onto the figures (by position:
    one array lookup per column, no merge). ``memo`` (the load cache's parsed literals) fills the
    literals it holds and is given those parsed here."""
    from ucheck.numbers.quantity import QuantityError, parse

    codes, literals = pd.factorize(figures["value"])  # a missing literal has code -1
    n = len(literals)
    cols = {c: np.full(n + 1, np.nan) for c in ("q_value", "q_low", "q_high", "q_scale", "q_step")}
    flags = {c: np.zeros(n + 1, dtype=bool) for c in ("q_low_open", "q_high_open", *PREDICATE_COLUMNS)}
    texts = {c: np.full(n + 1, None, dtype=object) for c in ("q_unit", "q_qualifier", "q_kind", "q_numeral", "q_error")}
    arrays = [*cols.values(), *flags.values(), *texts.values()]
    texts_of = literals.tolist()
    known = memo.recall(texts_of, arrays) if memo is not None else np.zeros(n, dtype=bool)
    for i, lit in enumerate(texts_of):  # slot n (code -1) stays empty
        if known[i]:
            continue
        try:
            q = parse(lit)
        except QuantityError as exc:
            texts["q_error"][i] = str(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - a parser bug is a finding at the literal, not a crash of the run
            texts["q_error"][i] = f"cannot parse quantity {lit!r}: {type(exc).__name__}: {exc}"
            continue
        cols["q_value"][i], cols["q_low"][i], cols["q_high"][i], cols["q_scale"][i], cols["q_step"][i] = q.value, q.low, q.high, q.scale, q.step
        flags["q_low_open"][i], flags["q_high_open"][i] = q.low_open, q.high_open
        for c, predicate in PREDICATE_COLUMNS.items():  # False for a literal that does not parse
            flags[c][i] = getattr(q, predicate)
        texts["q_unit"][i], texts["q_qualifier"][i], texts["q_kind"][i], texts["q_numeral"][i] = q.unit, q.qualifier, q.kind, q.numeral
    if memo is not None:
        memo.remember(texts_of, arrays, np.flatnonzero(~known))
    table = {**cols, **flags, **texts}
    out = figures.assign(**{c: table[c][codes] for c in QUANTITY_COLUMNS})
    # A unit printed elsewhere in the quote (分别…10.8和12.9个百分点) is given by the curator.
    out["unit"] = out["unit_override"].where(out["unit_override"].notna(), out["q_unit"])
    _scaled_units(out)
    out["period_key"] = out["period_norm"].where(out["period_norm"].notna() & (out["period_norm"] != ""), out["period"]).fillna("")
    for c in PREDICATE_COLUMNS:
        out[c] = table[c][codes]
    return out
