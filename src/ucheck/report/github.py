"""GitHub Actions workflow commands (``::error file=…,line=…::message``): annotations on the pull
request's files; and the repository paths that GitHub (annotations, code scanning) expects. The
words of ours in an annotation (acknowledged) are in the run's language."""

from __future__ import annotations

import os
from pathlib import Path

from ucheck.finding import Finding
from ucheck.i18n import phrases
from ucheck.report.escape import visible

SAY = phrases(
    __name__,
    title=("{title} (acknowledged)", "{title}（已确认）"),
    message=("{message} — acknowledged: {reason}", "{message}——已确认：{reason}"),
)

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def repository_of(root: Path) -> Path | None:
    """The repository that holds ``root``: the nearest directory upwards (``root`` itself first) with
    a ``.git`` — a directory, or a file as in a worktree or a submodule; None outside any."""
    for d in (root, *root.parents):
        if os.path.lexists(d / ".git"):
            return d
    return None


class RepositoryPaths:
    """Paths of findings (relative to the data root) as paths relative to the repository that holds
    the data root — what GitHub resolves annotations and code-scanning URIs against — with symlinks
    resolved, as code scanning requires. Without a root, or outside any repository, a path stays as
    it is (relative to the data root)."""

    def __init__(self, root: Path | None):
        self.root = Path(root).resolve() if root is not None else None
        self.repo = repository_of(self.root) if self.root is not None else None
        self._seen: dict[str, str] = {}

    def __call__(self, file: str) -> str:
        if self.repo is None:
            return file
        got = self._seen.get(file)
        if got is None:
            got = self._seen[file] = self._map(file)
        return got

    def _map(self, file: str) -> str:
        p = Path(file)
        if not p.is_absolute():
            given = p
            p = self.root / p
            if not p.exists() and given.exists():  # a file outside the root, named relative to the current directory
                p = given.absolute()
        for candidate in (p.resolve(), Path(os.path.normpath(p))):
            try:
                return candidate.relative_to(self.repo).as_posix()
            except ValueError:
                continue
        return file


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], info=None) -> str:
    """Workflow commands, one a finding, ``file=`` relative to the repository that holds the data
    root (``info.root``); line breaks in a message are the command's own %0A, every other control
    or bidi character from the data a visible escape."""
    path = RepositoryPaths(getattr(info, "root", None))
    lang = getattr(info, "lang", "en")
    out = []
    for f in findings:
        cmd = "notice" if f.waived else COMMAND[f.severity]
        title = f"{f.code} {f.name}"
        message = f.message
        if f.waived:
            title = SAY.title(lang, title=title)
            message = SAY.message(lang, message=message, reason=f.waiver_reason)
        message = visible(message, keep_breaks=True)
        props = f"file={_property(visible(path(f.file)))},line={int(f.line)},col={int(f.column)},title={_property(visible(title))}"
        out.append(f"::{cmd} {props}::{_data(message)}\n")
    return "".join(out)
