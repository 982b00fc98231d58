"""The formats a person reads in a terminal: ``full`` (grouped by article, with figures, intervals,
quotes and seed lines; coloured only on a terminal without ``NO_COLOR``; wrapped at the terminal's
width, else at 100 columns, never inside a word or a printed number) and ``concise`` (one line a
finding: ``file:line:col: CODE [severity] message``). Both list an article's findings by severity —
open errors, warnings, info, then the acknowledged ones — and end with a one-line summary
(``47 findings: 5 errors, 18 warnings, 24 info; 40 acknowledged`` / ``All checks passed``).

Headings, labels and the summary are in the run's language (``lang``: :mod:`ucheck.i18n`, the table
``SAY`` below — "47 条发现：5 个错误、18 个警告、24 条提示；40 条已确认" / "全部检查通过"); the
findings' messages already are. A line of ``concise`` keeps its ``CODE [severity]`` as it is: it is
what editors and problem matchers parse, as the rule code is.

Also here: ``--statistics``, and :class:`Progress`, the progress bar a long run draws on a
terminal's standard error.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import time
import unicodedata
from collections import Counter
from itertools import groupby

from ucheck.finding import SEVERITY_RANK, Finding
from ucheck.i18n import Phrase, join, phrases
from ucheck.report.escape import one_line, visible

SAY = phrases(
    __name__,
    # the severities and states of a finding, as labels
    error=("error", "错误"),
    warning=("warning", "警告"),
    info=("info", "提示"),
    acknowledged=("acknowledged", "已确认"),
    clean=("clean", "无发现"),
    open=("open", "待处理"),
    # counts: one and many (English has plurals, Chinese measure words)
    findings_1=("{n} finding", "{n} 条发现"),
    findings_n=("{n} findings", "{n} 条发现"),
    errors_1=("{n} error", "{n} 个错误"),
    errors_n=("{n} errors", "{n} 个错误"),
    warnings_1=("{n} warning", "{n} 个警告"),
    warnings_n=("{n} warnings", "{n} 个警告"),
    infos_1=("{n} info", "{n} 条提示"),
    infos_n=("{n} info", "{n} 条提示"),
    acknowledged_n=("{n} acknowledged", "{n} 条已确认"),
    # the summary line of full and concise
    summary=("{findings}: {parts}", "{findings}：{parts}"),
    passed=("All checks passed", "全部检查通过"),
    and_acknowledged=("{text}; {acknowledged}", "{text}；{acknowledged}"),
    # the full format
    waived=("[acknowledged: {reason}]", "[已确认：{reason}]"),
    seed_line=(", seed line {n}", "，原文第 {n} 行"),
    # the closing sentence of markdown
    no_findings=("No findings.", "没有发现。"),
    open_1=("{n} open finding", "{n} 条待处理的发现"),
    open_n=("{n} open findings", "{n} 条待处理的发现"),
    open_parts=("{open} ({parts})", "{open}（{parts}）"),
    by_waivers=("{text}; {n} acknowledged by waivers", "{text}；{n} 条已由豁免确认"),
    sentence=("{text}.", "{text}。"),
    # the title of a report
    title=("ucheck report: {articles} articles, {figures} figures, {rules} rules", "ucheck 报告：{articles} 篇文章，{figures} 个数字，{rules} 条规则"),
)


def report_title(lang: str, articles: int, figures: int, rules: int) -> str:
    """The title of ``ucheck report``: what was loaded and how many rules ran."""
    return SAY.title(lang, articles=articles, figures=figures, rules=rules)

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}
DEFAULT_WIDTH = 100  # the width of the full format when it is not written to a terminal


def use_colour(stream, mode: str = "auto") -> bool:
    """Whether to colour what is written to ``stream``: ``mode`` (--color) always or never decides;
    auto colours on a terminal, never when NO_COLOR is set to a non-empty value (no-color.org), and
    also off a terminal when FORCE_COLOR is (any non-empty value: force-color.org) -- NO_COLOR wins
    when both are set, as in pytest."""
    if mode in ("always", "never"):
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _is_tty(stream)


def _is_tty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


def terminal_width(stream) -> int | None:
    """The width of the terminal ``stream`` writes to, or None when it is not a terminal."""
    if not _is_tty(stream):
        return None
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # a stream that says it is a terminal but has no size
        return None
    return max(40, columns) if columns > 0 else None  # 0: a pseudo-terminal whose size is not set


def _paint(s: str, what: str | None, colour: bool) -> str:
    return f"{_COLOURS[what]}{s}{_COLOURS['reset']}" if colour and what and s else s


def severity_label(severity: str, lang: str = "en") -> str:
    """A severity (error, warning, info) or state (acknowledged, clean, open) as a reader names it."""
    phrase = SAY.entries.get(severity)
    return phrase(lang) if phrase is not None else severity


def count(lang: str, n: int, what: str, table=None) -> str:
    """``n`` of ``what`` (findings, errors, warnings, infos, open — phrases ``<what>_1`` and
    ``<what>_n`` of ``table``, default ``SAY``): '1 error', '3 errors', '3 个错误'."""
    phrase: Phrase = getattr(table or SAY, f"{what}_{'1' if n == 1 else 'n'}")
    return phrase(lang, n=n)


_PLURAL = {"error": "errors", "warning": "warnings", "info": "infos"}


def by_severity(lang: str, counter) -> str:
    """'5 errors, 18 warnings, 24 info' / '5 个错误、18 个警告、24 条提示': the severities counted."""
    return join(lang, (count(lang, counter[s], _PLURAL[s]) for s in ("error", "warning", "info") if counter[s]))


def groups(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """Findings by (article, file), in the order they come."""
    out: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        out.setdefault((f.article or "", f.file), []).append(f)
    return out


def _rank(f: Finding):
    """Open findings before acknowledged ones, the worst first; then by place (deterministic)."""
    return (f.waived, -SEVERITY_RANK.get(f.severity, -1), f.sort_key())


def ordered(findings: list[Finding]) -> list[Finding]:
    """The findings article by article (in the order the articles come), and within an article
    by severity: open errors, warnings, info, then the acknowledged ones (worst first); ties by
    file, line, column, code and message."""
    return [f for items in groups(findings).values() for f in sorted(items, key=_rank)]


def concise(findings: list[Finding], acknowledged: int = 0, lang: str = "en") -> str:
    lines = [
        f"{visible(f.file)}:{f.line}:{f.column}: {f.code} [{f.severity}{', waived' if f.waived else ''}] {one_line(f.message)}\n"
        for f in ordered(findings)
    ]
    return "".join(lines) + summary(findings, acknowledged, lang) + "\n"


def full(findings: list[Finding], colour: bool, title: str, width: int | None = None, acknowledged: int = 0, lang: str = "en") -> str:
    width = width or DEFAULT_WIDTH
    out: list[str] = []

    def put(runs, first: str, rest: str) -> None:
        for line in wrap_runs(runs, width, first, rest):
            out.append("".join(_paint(s, style, colour) for s, style in line) + "\n")

    if title:
        put([(visible(title), "bold")], "", "")
        out.append("\n")
    for (article, file), items in groups(findings).items():
        head = f"{visible(article)}  ({visible(file)})" if article else visible(file)
        put([(head, "bold")], "", "  ")
        for f in sorted(items, key=_rank):
            runs = [(f"{visible(f.file)}:{f.line}:{f.column}  ", None), (severity_label(f.severity, lang), f.severity),
                    (f"  {f.code} {visible(f.name)}", None)]
            put(runs, "  ", "      ")
            if f.waived:  # on a line of its own: a short reason is never broken
                put([(SAY.waived(lang, reason=one_line(f.waiver_reason or "")), "dim")], "      ", "       ")
            put([(one_line(f.message), None)], "      ", "      ")
            for r in f.figures:
                where = SAY.seed_line(lang, n=r.seed_line) if r.seed_line else ""
                interval = f" {r.interval}" if r.interval else ""
                put([(one_line(f"{r.id}: {r.value}{interval}{where}"), "dim")], "      · ", "        ")
                put([(f"“{one_line(r.quote)}”", None)], "        ", "         ")
        out.append("\n")
    out.append(summary(findings, acknowledged, lang) + "\n")
    return "".join(out)


def summary(findings: list[Finding], acknowledged: int = 0, lang: str = "en") -> str:
    """One line: the open findings by severity and how many are acknowledged by waivers —
    ``47 findings: 5 errors, 18 warnings, 24 info; 40 acknowledged`` — or ``All checks passed``
    (in Chinese ``47 条发现：5 个错误、18 个警告、24 条提示；40 条已确认`` / ``全部检查通过``).
    ``acknowledged`` counts waived findings that are not among ``findings`` (``check`` hides them)."""
    open_ = [f for f in findings if not f.waived]
    waived = len(findings) - len(open_) + acknowledged
    if open_:
        text = SAY.summary(lang, findings=count(lang, len(open_), "findings"), parts=by_severity(lang, Counter(f.severity for f in open_)))
    else:
        text = SAY.passed(lang)
    return SAY.and_acknowledged(lang, text=text, acknowledged=SAY.acknowledged_n(lang, n=waived)) if waived else text


def summary_line(findings: list[Finding], lang: str = "en") -> str:
    """The closing sentence of the markdown format: open findings by severity, the acknowledged."""
    open_ = [f for f in findings if not f.waived]
    waived = len(findings) - len(open_)
    if not findings:
        return SAY.no_findings(lang)
    text = count(lang, len(open_), "open")
    if open_:
        text = SAY.open_parts(lang, open=text, parts=by_severity(lang, Counter(f.severity for f in open_)))
    if waived:
        text = SAY.by_waivers(lang, text=text, n=waived)
    return SAY.sentence(lang, text=text)


def counts(findings: list[Finding]) -> list[tuple[int, str, str]]:
    """(count, code, name) of the open findings per rule, most frequent first."""
    c = Counter((f.code, f.name) for f in findings if not f.waived)
    return [(n, code, name) for (code, name), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_text(findings: list[Finding]) -> str:
    """Open findings per rule, most frequent first: ``count  CODE  name`` lines."""
    return "".join(f"{n:6d}  {code}  {visible(name)}\n" for n, code, name in counts(findings))


# ----------------------------------------------------------------------------------------- wrapping

@functools.cache
def _number() -> re.Pattern:
    """A printed number with its qualifier, scale and measure word (近446人, 290多万元, 1.45万项,
    19.9%): never broken. Measure words longest first, so that 个百分点 wins over 个. Built when
    first wrapped (``ucheck --help`` does not pay for it)."""
    from ucheck.numbers.mentions import MEASURES

    return re.compile(
        "[近约逾超]?[0-9０-９]+(?:[.,．][0-9０-９]+)*(?:[多余几]?[十百千万亿]+)?[多余]?(?:"
        + "|".join(re.escape(m) for m in sorted(MEASURES, key=len, reverse=True)) + ")?"
    )


# An interval as the formats print it — (290万, 300万), [1.05万, 1.15万), [252.174, 285.714] — is kept whole too.
_INTERVAL = re.compile(r"[\[(][-−+]?[0-9.∞]+[万亿]?, [-−+]?[0-9.∞]+[万亿]?[\])]")
_OPENING = set("（《「『“‘【〔〈([{")
_CLOSING = set("，。、；：！？）》」』”’】〕〉…,.;:!?)]}%")


def _cells(ch: str) -> int:
    """Terminal columns of one character: East Asian wide and full-width characters take two,
    combining marks none."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(s: str) -> int:
    return sum(_cells(c) for c in s)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(separator before, start, end) of each unbreakable piece of ``text``. Lines break at white
    space (the separator, dropped at a line break) and between two Chinese characters — not before
    closing punctuation (，。）”), not after opening punctuation (（“), never inside a word of
    Latin letters or digits, a printed number with its measure word or an interval."""
    n = len(text)
    if not n:
        return []
    inside = bytearray(n + 1)  # 1 where a break before index i would split a number
    starts, ends = set(), set()
    for m in (*_number().finditer(text), *_INTERVAL.finditer(text)):
        for i in range(m.start() + 1, m.end()):
            inside[i] = 1
        starts.add(m.start())
        ends.add(m.end())

    def wide(ch: str) -> bool:
        return unicodedata.east_asian_width(ch) in "WF"

    def may_break(i: int) -> bool:  # between text[i-1] and text[i], neither of them white space
        a, b = text[i - 1], text[i]
        if inside[i] or a in _OPENING or b in _CLOSING:
            return False
        return (wide(a) or a in "”’" or i in ends) and (wide(b) or b in "“‘" or i in starts)

    out: list[tuple[str, int, int]] = []
    i, sep = 0, ""
    while i < n and text[i].isspace():
        i += 1
    sep = text[:i]
    start = i
    while i < n:
        if text[i].isspace() and not inside[i]:
            j = i
            while j < n and text[j].isspace() and not inside[j]:
                j += 1
            if i > start:
                out.append((sep, start, i))
            sep, start, i = text[i:j], j, j
            continue
        if i > start and may_break(i):
            out.append((sep, start, i))
            sep, start = "", i
        i += 1
    if n > start:
        out.append((sep, start, n))
    return out


def _lines(text: str, width: int, first: str, rest: str) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    """Greedy wrapping: (indent, start, end, [(separator, start, end)]) of each line."""
    lines: list = []
    indent, used, pieces = first, _width(first), []
    for sep, s, e in _tokens(text):
        w = _width(text[s:e])
        if pieces and used + _width(sep) + w > width:
            lines.append((indent, pieces))
            indent, used, pieces = rest, _width(rest), []
        if pieces:
            used += _width(sep)
            pieces.append((sep, s, e))
        else:
            pieces.append(("", s, e))
        used += w
    if pieces or not lines:
        lines.append((indent, pieces))
    return lines


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (a piece wider than that stands alone
    on its line), the first line indented by ``first``, the others by ``rest``; see :func:`_tokens`
    for where a line may break."""
    return [indent + "".join(sep + text[s:e] for sep, s, e in pieces) for indent, pieces in _lines(text, width, first, rest)]


def wrap_runs(runs: list[tuple[str, str | None]], width: int, first: str = "", rest: str = "") -> list[list[tuple[str, str | None]]]:
    """:func:`wrap` for styled text: ``runs`` are (text, style) pieces of one logical line; each
    line comes back as its (text, style) pieces, the indent unstyled."""
    text = "".join(s for s, _ in runs)
    style_at: list[str | None] = [style for s, style in runs for _ in s]
    out = []
    for indent, pieces in _lines(text, width, first, rest):
        chars = [k for sep, s, e in pieces for k in range(s - len(sep), e)]
        line = [(indent, None)] if indent else []
        line += [("".join(text[k] for k in g), st) for st, g in groupby(chars, key=style_at.__getitem__)]
        out.append(line)
    return out


# ------------------------------------------------------------------------------------- progress bar

# The formats a person waits for; the machine formats (json, sarif, github, junit) never get a bar.
PROGRESS_FORMATS = frozenset({"full", "concise", "markdown", "html"})


class Progress:
    """A progress bar on standard error, for a person waiting at a terminal.

    Nothing is drawn unless :meth:`start` is given a format a person reads and ``stream`` is a
    terminal (not ``TERM=dumb``), nor before ``delay`` seconds have passed: a quick run prints
    nothing. A thread redraws the line every ``interval`` seconds — a bar with the count when the
    step's total is known, a moving block while it is not — and :meth:`close` erases it, so what
    is written next (the findings) starts on a clean line. Other text for the same stream goes
    through :meth:`write`.
    """

    BAR = 24

    def __init__(self, stream, delay: float = 1.0, interval: float = 0.1):
        self.stream, self.delay, self.interval = stream, delay, interval
        self._state: tuple[str, int | None, int | None] = ("", None, None)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self._t0 = time.monotonic()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self, fmt: str) -> None:
        if fmt not in PROGRESS_FORMATS or not _is_tty(self.stream) or os.environ.get("TERM") == "dumb" or self._thread:
            return
        self._t0 = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="ucheck-progress", daemon=True)
        self._thread.start()

    def update(self, label: str, done: int | None = None, total: int | None = None) -> None:
        """The step under way, and how far it is when that is known."""
        self._state = (label, done, total)

    def ticks(self, label: str, total: int) -> dict:
        """A dict that advances the bar by one each time an item is set in it (``usage`` of
        :func:`ucheck.check.engine.run`, filled once per rule)."""
        return _Ticks(self, label, total)

    def write(self, text: str) -> None:
        """Write ``text`` to the stream on a line of its own (the bar is redrawn after it)."""
        with self._lock:
            self._erase()
            self.stream.write(text)
            self.stream.flush()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            self._erase()
            try:
                self.stream.flush()
            except (ValueError, OSError):
                pass

    def _erase(self) -> None:
        if self._drawn:
            self.stream.write("\r\033[K")
            self._drawn = False

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while True:
            with self._lock:
                if self._stop.is_set():
                    return
                try:
                    self.stream.write(self._line())
                    self.stream.flush()
                    self._drawn = True
                except (ValueError, OSError):  # the terminal went away: stop drawing
                    return
            if self._stop.wait(self.interval):
                return

    def _line(self) -> str:
        label, done, total = self._state
        elapsed = time.monotonic() - self._t0
        n = self.BAR
        if total:
            filled = min(n, int(n * (done or 0) / total))
            bar, count = "█" * filled + "░" * (n - filled), f" {done}/{total}"
        else:
            block = 4
            span = 2 * (n - block)
            p = int(elapsed * 12) % span
            p = p if p <= n - block else span - p
            bar, count = "░" * p + "█" * block + "░" * (n - block - p), ""
        text = f"ucheck: {label} {bar}{count}  {elapsed:.0f}s"
        cols = (terminal_width(self.stream) or 80) - 1
        while _width(text) > cols:
            text = text[:-1]
        return "\r" + text + "\033[K"


class _Ticks(dict):
    def __init__(self, progress: Progress, label: str, total: int):
        super().__init__()
        self._progress, self._label, self._total = progress, label, total
        progress.update(label, 0, total)

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        self._progress.update(self._label, len(self), self._total)
