"""SARIF 2.1.0 for GitHub code scanning, valid against the OASIS schema and with every property
GitHub's "SARIF support for code scanning" marks as required:

* URIs relative to the repository that holds the data root (``uriBaseId: SRCROOT``; the data root
  itself when it is in no repository), each region from the finding's position to the end of the
  text located there (``endLine``/``endColumn``; code points, as ``columnKind`` says);
* each rule of the findings in the driver, with ``shortDescription``/``fullDescription`` (its summary
  and rationale, at most 1024 characters) and ``help`` — its page (:mod:`ucheck.ruledoc`: what it
  does, why, examples, options, how to waive) as Markdown and as plain text;
* ``informationUri`` only when the installed package declares a project URL; no ``helpUri``, as
  ucheck's rule pages are not published at any URL;
* waived findings left out: code scanning does not honour SARIF suppressions and opens an alert for
  each (github/codeql-action#1230). With ``RunInfo.sarif_waived`` they are kept, as results with an
  accepted in-source suppression and the waiver's reason.

The rules' descriptions and pages are in the run's language (``RunInfo.lang``), as the findings'
messages are.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from ucheck import __version__
from ucheck.finding import Finding
from ucheck.i18n import phrases
from ucheck.report.github import RepositoryPaths

SAY = phrases(
    __name__,
    what=("## What it does", "## 作用"),
    why=("## Why", "## 原因"),
    about=("Findings of {code} {name}; `ucheck rule {code}` explains the rule.", "{code} {name} 的发现；`ucheck rule {code}` 说明这条规则。"),
    root=("The root of the repository of curated data.", "整理数据所在仓库的根目录。"),
)

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
DESCRIPTION_LIMIT = 1024  # GitHub's limit for shortDescription.text and fullDescription.text
READ_LIMIT = 16 * 1024 * 1024  # bytes read from a file to find where its located lines end
_URL = re.compile(r"https?://[^\s,]+\Z")


def _uri(path: str) -> str:
    return quote(path, safe="/")


def _cap(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _project_urls() -> dict[str, str]:
    """The project URLs of the installed package's metadata (``[project.urls]``), label → URL."""
    from importlib import metadata

    try:
        md = metadata.metadata("ucheck")
    except metadata.PackageNotFoundError:
        return {}
    urls = {}
    for entry in md.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip()] = url.strip()
    if md.get("Home-page"):
        urls.setdefault("Homepage", md["Home-page"].strip())
    return urls


def _information_uri() -> str | None:
    """The documentation, else the home page, else the repository URL the package declares."""
    urls = {k.lower().replace("-", "").replace(" ", ""): v for k, v in _project_urls().items()}
    for label in ("documentation", "docs", "homepage", "repository", "source", "sourcecode"):
        url = urls.get(label, "")
        if _URL.match(url):
            return url
    return None


def _plain(page: str) -> str:
    """A Markdown rule page as plain text: headings as lines, code blocks indented, fences dropped."""
    out, fenced = [], False
    for line in page.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            out.append("    " + line if line else "")
        elif line.startswith("#"):
            out.append(line.lstrip("#").strip())
        else:
            out.append(line)
    return "\n".join(out)


def _packaged_rules() -> Path | None:
    try:
        from ucheck.paths import packaged_rules_dir

        return packaged_rules_dir().resolve()
    except Exception:  # noqa: BLE001 - only where a page says a rule is declared
        return None


def _declared_in(file: str, path: RepositoryPaths) -> str:
    """Where a rule is declared, as its page says it: a rule of the packaged library as
    ``ucheck/stdrules/…`` (not this machine's site-packages), others relative to the repository."""
    p = Path(file)
    if p.is_absolute():
        std = _packaged_rules()
        if std is not None:
            try:
                return "ucheck/stdrules/" + p.resolve().relative_to(std).as_posix()
            except ValueError:
                pass
    return path(file)


def _page(r, path: RepositoryPaths, lang: str = "en") -> str:
    """The rule's page (Markdown), from its declaration when there is one, else from its summary
    and rationale."""
    decl = r.declaration
    if decl is not None:
        from ucheck.ruledoc import render

        if isinstance(getattr(decl, "file", None), str):
            decl = replace(decl, file=_declared_in(decl.file, path))
        return render(decl, None, run=False, lang=lang)
    out = [f"# {r.code} {r.name}", ""]
    if r.summary:
        out += [SAY.what(lang), "", r.summary, ""]
    if r.rationale:
        out += [SAY.why(lang), "", r.rationale, ""]
    if len(out) == 2:
        out += [SAY.about(lang, code=r.code, name=r.name), ""]
    return "\n".join(out)


def _descriptor(r, path: RepositoryPaths, lang: str = "en") -> dict:
    d: dict = {"id": r.code, "name": _cap(r.name, 255)}
    short = r.summary or r.name or r.code
    d["shortDescription"] = {"text": _cap(short)}
    d["fullDescription"] = {"text": _cap(r.rationale or short)}
    page = _page(r, path, lang)
    d["help"] = {"text": _plain(page), "markdown": page}
    d["defaultConfiguration"] = {"level": LEVEL[r.severity]}
    if r.kind:
        d["properties"] = {"kind": r.kind}
    return d


class _LineEnds:
    """Where the text of a located line ends, read from the files of the data root (each file once,
    up to the last line asked for; only regular files, at most READ_LIMIT bytes)."""

    def __init__(self, root: Path | None, wanted: dict[str, int]):
        self.lines: dict[str, list[str]] = {}
        if root is None:
            return
        for file, last in wanted.items():
            got = self._read(Path(root) / file if not Path(file).is_absolute() else Path(file), last)
            if got is not None:
                self.lines[file] = got

    @staticmethod
    def _read(p: Path, last: int) -> list[str] | None:
        try:
            if not stat.S_ISREG(os.stat(p).st_mode):  # never open a FIFO or a device
                return None
            with open(p, "rb") as fh:
                data = fh.read(READ_LIMIT)
        except OSError:
            return None
        cut = len(data) == READ_LIMIT
        lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
        if cut:
            lines.pop()  # it may go on past what was read
        return [x.decode("utf-8", errors="replace") for x in lines[:last]]

    def end(self, file: str, line: int, column: int) -> tuple[int, int]:
        """(endLine, endColumn): the column after the last non-blank character of the line, or the
        position itself (an insertion point) when nothing is known beyond it."""
        lines = self.lines.get(file)
        if lines is None or not 1 <= line <= len(lines):
            return line, column
        return line, max(column, len(lines[line - 1].rstrip()) + 1)


def sarif(findings: list[Finding], info) -> dict:
    from ucheck.report import RuleInfo

    if not getattr(info, "sarif_waived", False):
        findings = [f for f in findings if not f.waived]
    path = RepositoryPaths(getattr(info, "root", None))
    codes = sorted({f.code for f in findings})
    index = {c: i for i, c in enumerate(codes)}
    rules = []
    for c in codes:
        r = info.rules.get(c)
        if r is None:
            f = next(x for x in findings if x.code == c)
            r = RuleInfo(c, f.name, f.severity)
        rules.append(_descriptor(r, path, getattr(info, "lang", "en")))
    wanted: dict[str, int] = {}
    for f in findings:
        wanted[f.file] = max(wanted.get(f.file, 0), int(f.line))
    ends = _LineEnds(getattr(info, "root", None), wanted)
    results = []
    for f in findings:
        line, column = max(1, int(f.line)), max(1, int(f.column))
        end_line, end_column = ends.end(f.file, line, column)
        res: dict = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[f.severity],
            "message": {"text": f.message or f"{f.code} {f.name}"},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(path(f.file)), "uriBaseId": "SRCROOT"},
                    "region": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
                }
            }],
            "partialFingerprints": {"ucheck/v1": f.fingerprint},
        }
        props: dict = {}
        if f.article:
            props["article"] = f.article
        if f.figures:
            props["figures"] = [{k: v for k, v in (("id", r.id), ("value", r.value), ("quote", r.quote), ("seed_line", r.seed_line), ("interval", r.interval)) if v is not None} for r in f.figures]
        if props:
            res["properties"] = props
        if f.waived:
            res["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": f.waiver_reason or ""}]
        results.append(res)
    driver: dict = {"name": "ucheck", "version": __version__, "semanticVersion": __version__}
    information = _information_uri()
    if information:
        driver["informationUri"] = information
    driver["rules"] = rules
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "originalUriBaseIds": {"SRCROOT": {"description": {"text": SAY.root(getattr(info, "lang", "en"))}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
