"""Configuration: ``ucheck.toml`` or ``[tool.ucheck]`` in the root's ``pyproject.toml``.

Read with the standard library only (``tomllib``), so that every command, ``ucheck rules`` and
``ucheck --help`` included, starts without pandas. ``ucheck.toml`` holds the keys at its top level
and wins over ``pyproject.toml``; paths are relative to the directory of the file that names them.

    [tool.ucheck]
    curated = "curated"                 # the curated YAML files
    rules = ["rules"]                   # rule directories, read after the packaged library
    seeds = "seeds"
    select = ["UC101", "benefit-per-patent-implausible"]   # codes or names; empty: all
    ignore = ["UC010"]
    fail-level = "warning"              # check exits 1 on open findings at or above this
    coverage-threshold = 90             # ucheck coverage exits 1 below this percentage
    format = "concise"                  # default output format of check and report

    [tool.ucheck.severity]              # per rule, by code or name
    UC101 = "error"

``select`` and ``ignore`` (and ``--select`` / ``--ignore``) take rule codes, names, or code prefixes:
``UC1`` is every rule whose code begins with UC1, as in ruff; a prefix that matches no rule is an
error (:func:`rule_matches`).

An unknown key, a value of the wrong type or (once the rules are read) an unknown rule code is a
:class:`ConfigError` naming the file, the line and the key, with the closest known name (``unknown
key 'selcet' (did you mean 'select'?)``): the command exits 2. So is a ``pyproject.toml`` that
mentions ucheck but cannot be read -- unreadable, not UTF-8, not TOML --: it is never skipped in
silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ucheck.suggest import did_you_mean

SEVERITIES = ("info", "warning", "error")
KEYS = {
    "curated": "path of the curated YAML files (default: curated)",
    "rules": "rule directory or list of them, read after the packaged library (default: rules)",
    "seeds": "path of the seed texts (default: seeds)",
    "select": "list of rule codes or names to run (default: all)",
    "ignore": "list of rule codes or names to skip",
    "severity": "table: rule code or name -> info | warning | error",
    "fail-level": "info | warning | error: check exits 1 on open findings at or above it",
    "coverage-threshold": "percentage (0-100) below which `ucheck coverage` exits 1",
    "format": "default output format of check and report",
    "lang": "en | zh: the language of messages and reports (default: the locale, else en)",
}


class ConfigError(Exception):
    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line = file, line
        super().__init__(f"{file}{f':{line}' if line else ''}: {message}")


@dataclass
class Config:
    """Settings read from a file; ``None`` / empty where the file says nothing."""

    file: str | None = None  # as shown in messages
    table: tuple[str, ...] = ()  # where the keys live in the file: ("tool", "ucheck") or ()
    curated: Path | None = None
    rules: list[Path] | None = None
    seeds: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_level: str | None = None
    coverage_threshold: float | None = None
    format: str | None = None
    lang: str | None = None
    text: str = ""

    def line_of(self, *path: str) -> int | None:
        return _line_of(self.text, [*self.table, *path]) if self.text else None

    def error(self, message: str, *path: str) -> ConfigError:
        return ConfigError(self.file or "configuration", self.line_of(*path) if path else None, message)

    def check_rule_refs(self, known: set[str]) -> None:
        """Every code, name or code prefix in select and ignore must name a rule, and every code or
        name of severity."""
        for key in ("select", "ignore"):
            for name in getattr(self, key):
                if not rule_matches(name, known):
                    raise self.error(f"{_where(self)}{key}: {unknown_rule(name, known)}", key)
        for name in self.severity:
            if name not in known:
                raise self.error(f"{_where(self)}severity: unknown rule {name!r}{did_you_mean(name, known)} (see `ucheck rules`)",
                                 "severity", name)


CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")  # a rule code (ucheck.ruleset checks rule files against the same form)
CODE_PREFIX_RE = re.compile(r"^[A-Z]{1,4}\d{0,2}$")  # the beginning of one: UC, UC1, UC10


def rule_matches(ref: str, known: set[str]) -> set[str]:
    """The rules a reference of select / ignore stands for: itself when it is the code or name of a
    rule (``known`` holds both), every code that begins with it when it is a code prefix (UC1 ->
    UC101 … UC110), else nothing."""
    if ref in known:
        return {ref}
    if CODE_PREFIX_RE.match(ref):
        return {c for c in known if CODE_RE.match(c) and c.startswith(ref)}
    return set()


def unknown_rule(ref: str, known: set[str], where: str = "") -> str:
    """The message for a reference that stands for no rule (``where``: ' in --select' …)."""
    if CODE_PREFIX_RE.match(ref):
        return f"rule code prefix {ref!r}{where} matches no rule (see `ucheck rules`)"
    return f"unknown rule {ref!r}{where}{did_you_mean(ref, known)} (see `ucheck rules`)"


def expand_rule_refs(refs, known: set[str]) -> set[str]:
    """The codes and names that references (codes, names, prefixes) stand for."""
    return {name for ref in refs for name in rule_matches(ref, known)}


def _where(cfg: Config) -> str:
    return "[tool.ucheck] " if cfg.table else ""


_TOOL_UCHECK = re.compile(r"^\s*\[\s*tool\s*\.\s*(ucheck|\"ucheck\")\b|^\s*tool\s*\.\s*ucheck\b|^\s*\[\s*tool\s*\]", re.M)


def find_config(root: Path) -> Path | None:
    """``ucheck.toml`` of the root, else its ``pyproject.toml`` if that has ``[tool.ucheck]``.

    A ``pyproject.toml`` that never mentions ucheck is not read further; one that does but cannot be
    read, is not UTF-8 or (where the cheap test cannot tell) is not TOML is a :class:`ConfigError`
    naming it -- a configuration is never skipped in silence."""
    own = root / "ucheck.toml"
    if own.exists():  # a FIFO or a directory of that name is refused when read, not passed over
        return own
    py = root / "pyproject.toml"
    if not py.is_file():
        return None
    shown = _display(py, Path.cwd())
    data = _read_file(py, shown)
    if b"ucheck" not in data:  # most pyproject files are not about ucheck: no decoding, no parsing
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(shown, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if _TOOL_UCHECK.search(text):
        return py
    # ucheck is named, but not as a plain [tool.ucheck] header: a quoted or inline table, or a
    # byte-order mark before it -- only the TOML parser can tell
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(shown, int(m.group(1)) if m else None, f"invalid TOML: {exc}") from None
    tool = doc.get("tool")
    return py if isinstance(tool, dict) and "ucheck" in tool else None


def _read_file(path: Path, shown: str) -> bytes:
    """A configuration file's bytes, read as every input is (``ucheck.load.yamlsafe.read_bytes``): a
    regular file of at most 10 MB (UCHECK_MAX_FILE_MB), with a bounded read; ConfigError otherwise
    (``--config /dev/zero`` would never end, a FIFO would block)."""
    from ucheck.load import yamlsafe

    try:
        return yamlsafe.read_bytes(path)
    except yamlsafe.YamlProblem as exc:
        raise ConfigError(shown, None, str(exc)) from None
    except OSError as exc:
        raise ConfigError(shown, None, f"cannot read: {exc.strerror or exc}") from None


def load_config(root: Path, explicit: Path | None = None) -> Config:
    """The configuration of ``root`` (or of the file ``explicit``); defaults when there is none."""
    import tomllib

    path = explicit if explicit is not None else find_config(root)
    if path is None:
        return Config()
    shown = _display(path, root)
    if not path.exists():
        raise ConfigError(shown, None, "configuration file does not exist")
    try:
        text = _read_file(path, shown).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(shown, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(shown, int(m.group(1)) if m else None, f"invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table: tuple[str, ...] = ("tool", "ucheck")
        tool = doc.get("tool", {})
        data = tool.get("ucheck") if isinstance(tool, dict) else None
        if data is None:
            if explicit is not None:
                raise ConfigError(shown, None, "has no [tool.ucheck] table")
            return Config()
        if not isinstance(data, dict):
            raise ConfigError(shown, _line_of(text, list(table)), "tool.ucheck must be a table")
    else:
        table, data = (), doc
    cfg = Config(file=shown, table=table, text=text)
    _read(cfg, data, path.parent)
    return cfg


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read(cfg: Config, data: dict, base: Path) -> None:
    where = _where(cfg)
    for key in data:
        if key not in KEYS:
            alt = key.replace("_", "-")
            hint = f" (did you mean {alt!r}?)" if alt in KEYS else did_you_mean(key, KEYS)
            raise cfg.error(f"{where}unknown key {key!r}{hint}; known keys: {', '.join(sorted(KEYS))}", key)

    def path_value(key: str, v) -> Path:
        if not isinstance(v, str) or not v.strip():
            raise cfg.error(f"{where}{key} must be a path (a string), not {v!r}", key)
        return (base / v).resolve() if not Path(v).is_absolute() else Path(v)

    def names(key: str, v) -> list[str]:
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise cfg.error(f"{where}{key} must be a list of rule codes or names, e.g. [\"UC101\"], not {v!r}", key)
        return [x.strip() for x in v]

    if "curated" in data:
        cfg.curated = path_value("curated", data["curated"])
    if "seeds" in data:
        cfg.seeds = path_value("seeds", data["seeds"])
    if "rules" in data:
        v = data["rules"]
        cfg.rules = [path_value("rules", x) for x in (v if isinstance(v, list) else [v])]
    if "select" in data:
        cfg.select = names("select", data["select"])
    if "ignore" in data:
        cfg.ignore = names("ignore", data["ignore"])
    if "severity" in data:
        sev = data["severity"]
        if not isinstance(sev, dict):
            raise cfg.error(f"{where}severity must be a table of rule code or name = \"info\" | \"warning\" | \"error\"", "severity")
        for k, v in sev.items():
            if v not in SEVERITIES:
                raise cfg.error(f"{where}severity.{k} must be one of {', '.join(SEVERITIES)}, not {v!r}{did_you_mean(v, SEVERITIES)}",
                                "severity", k)
        cfg.severity = dict(sev)
    if "fail-level" in data:
        v = data["fail-level"]
        if v not in SEVERITIES:
            raise cfg.error(f"{where}fail-level must be one of {', '.join(SEVERITIES)}, not {v!r}{did_you_mean(v, SEVERITIES)}", "fail-level")
        cfg.fail_level = v
    if "coverage-threshold" in data:
        v = data["coverage-threshold"]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
            raise cfg.error(f"{where}coverage-threshold must be a percentage between 0 and 100, not {v!r}", "coverage-threshold")
        cfg.coverage_threshold = float(v)
    if "format" in data:
        from ucheck.report import FORMATS

        v = data["format"]
        if v not in FORMATS:
            raise cfg.error(f"{where}format must be one of {', '.join(FORMATS)}, not {v!r}{did_you_mean(v, FORMATS)}", "format")
        cfg.format = v
    if "lang" in data:
        from ucheck.i18n import LANGS

        v = data["lang"]
        if v not in LANGS:
            raise cfg.error(f"{where}lang must be one of {', '.join(LANGS)}, not {v!r}{did_you_mean(v, LANGS)}", "lang")
        cfg.lang = v


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def _split_key(dotted: str) -> list[str]:
    return [p.strip().strip('"').strip("'") for p in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', dotted)]


def _line_of(text: str, path: list[str]) -> int | None:
    """The line that sets ``path`` (table parts then key), found by reading the TOML as lines.

    tomllib keeps no positions; this covers the usual layouts: ``[a.b]`` then ``key = …``, a key
    inside an inline table (``severity = {UC101 = "error"}``) and a table header itself.
    """
    lines = text.splitlines()
    regions: list[tuple[list[str], int, int]] = []  # (table, first line index, end index)
    current, start = [], 0
    for i, line in enumerate(lines):
        m = _HEADER.match(line)
        if m and not line.lstrip().startswith("[["):
            regions.append((current, start, i))
            current, start = _split_key(m.group(1)), i
    regions.append((current, start, len(lines)))
    for cut in range(len(path) - 1, -1, -1):
        table, key = path[:cut], path[cut]
        for tab, a, b in regions:
            if tab == path[: cut + 1] and cut + 1 == len(path):
                return a + 1  # the header [a.b.key] itself
            if tab != table:
                continue
            pat = re.compile(r"(^|[{,])\s*(" + re.escape(key) + r"|\"" + re.escape(key) + r"\"|'" + re.escape(key) + r"')\s*=")
            for i in range(a, b):
                if pat.search(lines[i]):
                    return i + 1
    return None
