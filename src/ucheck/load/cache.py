"""The load cache: what reading each curated file produced, kept between runs (``.ucheck_cache/``).

Reading a curated file — composing its YAML, checking its keys, building its rows — depends only on
its bytes, its path relative to the root and the code that reads it; the seed its article names is
loaded afresh on every run (its key and problems are compared with those recorded). So each file's
output is stored under the file's path and the language of its problems' messages (``en``, ``zh``:
an entry of each, side by side, so that a run never shows a message of the other language), keyed by

* the SHA-256 of its bytes,
* the *signature* of the reader: the cache format, ucheck's version and a digest of its own source
  files, PyYAML's version and loader, the Python version, and the figure keys the reader accepts
  (each key's name, how it is read, its choices and its parser) — nothing in the entry names a
  column, so a change of the row layout is a change of the source digest, never a wrong row.

A later run re-reads only the files whose bytes changed, and the files added; a removed file is
simply not asked for. An entry is trusted only when everything matches: its header (format,
signature, file, language, content hash) and the SHA-256 of its payload; an entry that is truncated, damaged,
written by another version or by anyone else is a miss, read again and replaced. Entries are JSON
with a few tagged forms (tuple, dict with other keys, finding) — nothing in the cache can run code.
Writes go to a temporary file in the same directory, then ``os.replace``: a concurrent run sees the
old entry or the new one, never half of one.

A file whose output depends on the files read before it (an article id already used: UC003) is not
stored; on a hit whose article id is already taken, the file is read.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

import numpy as np

from ucheck.finding import FigureRef, Finding
from ucheck.load import yamlsafe
from ucheck.load.keys import shared_layout

CACHE_DIR = ".ucheck_cache"
FORMAT = "ucheck-load-cache/2"  # 2: field_offsets (relative lines) for field_lines
GITIGNORE = "# Written by ucheck: the cache of `ucheck check` (`ucheck clean` removes it).\n*\n"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by ucheck.\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")
KEEP_OTHERS = 2  # entry directories of other signatures kept (two ucheck installations at work on one repository)
# An entry larger than this is not read (a curated file is at most UCHECK_MAX_FILE_MB; its entry is
# of the same order).
MAX_ENTRY_BYTES = 8 * yamlsafe.MAX_FILE_BYTES + (1 << 20)

_TUPLE, _DICT, _FINDING, _REF = "\x00t", "\x00d", "\x00F", "\x00R"
LITERALS = "literals.json"  # the memo of parsed literals, beside the entries (named by a hash: never this)


@functools.lru_cache(maxsize=1)
def _file_mode() -> int:
    """What ``open`` would give a new file under the umask (``mkstemp``'s files are private)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


class LiteralMemo:
    """Parsed literals: for each literal, one value per quantity array of
    ``ucheck.load.corpus.attach_quantities`` (a float, a bool, a text or None as the array holds),
    kept column by column so that a run recalls all it holds with a few array operations.
    :meth:`recall` fills the arrays for the literals held, :meth:`remember` adds those parsed."""

    def __init__(self, literals: list | None = None, columns: list | None = None):
        self.literals: list[str] = list(literals or [])
        self.index = {lit: i for i, lit in enumerate(self.literals)}
        self.columns: list[np.ndarray] = list(columns or [])  # one array per quantity array
        self.used = np.zeros(len(self.literals), dtype=bool)
        self.loaded = len(self.literals)
        self.added: list[str] = []  # the literals parsed in this run …
        self.added_columns: list[np.ndarray] = []  # … and their values, one array per quantity array

    @classmethod
    def from_json(cls, doc) -> "LiteralMemo":
        """The memo of a decoded ``literals.json``; empty when anything does not fit."""
        if type(doc) is not dict or set(doc) != {"literals", "columns"}:
            return cls()
        literals, columns = doc["literals"], doc["columns"]
        if type(literals) is not list or type(columns) is not list or not all(type(c) is list and len(c) == len(literals) for c in columns):
            return cls()
        if {type(x) for x in literals} - {str} or len(set(literals)) != len(literals):
            return cls()
        arrays = []
        for c in columns:
            kinds = {type(x) for x in c}
            if kinds <= {float}:
                arrays.append(np.array(c, dtype=float))
            elif kinds <= {bool}:
                arrays.append(np.array(c, dtype=bool))
            elif kinds <= {str, type(None)}:
                seen: dict = {}  # each recurring text (元, 多, count) stored once
                arrays.append(np.array([x if x is None else seen.setdefault(x, x) for x in c], dtype=object))
            else:
                return cls()
        return cls(literals, arrays)

    def recall(self, literals: list, arrays: list) -> np.ndarray:
        """Fill the slots of ``literals`` that the memo holds; which ones. A memo whose columns do
        not fit ``arrays`` is dropped: nothing is filled, and only what is parsed now is kept."""
        n = len(literals)
        if len(self.columns) != len(arrays) or any(col.dtype.kind != a.dtype.kind for col, a in zip(self.columns, arrays)):
            self.__init__()
            return np.zeros(n, dtype=bool)
        get = self.index.get
        pos = np.fromiter((get(lit, -1) for lit in literals), dtype=np.int64, count=n)
        known = pos >= 0
        at = pos[known]
        self.used[at] = True
        slots = np.flatnonzero(known)
        for col, a in zip(self.columns, arrays):
            a[slots] = col[at]
        return known

    def remember(self, literals: list, arrays: list, slots) -> None:
        """Add the literals at ``slots``, with their values as the arrays hold them now (once a run)."""
        slots = np.asarray(slots, dtype=np.int64)
        self.added = [literals[i] for i in slots.tolist()]
        self.added_columns = [a[slots] for a in arrays]

    def to_json(self, bound: bool) -> dict:
        """What to write: the literals held (only those this run used, when ``bound``: the memo
        outgrew the corpus) and those added."""
        keep = np.flatnonzero(self.used) if bound else np.arange(len(self.literals))
        width = len(self.added_columns) if self.added else len(self.columns)
        held = [col[keep].tolist() for col in self.columns] if self.columns else [[] for _ in range(width)]
        return {"literals": [self.literals[i] for i in keep.tolist()] + self.added,
                "columns": [held[k] + self.added_columns[k].tolist() for k in range(width)]}


class Uncacheable(Exception):
    """A value of the reader's output that the entry format cannot hold exactly."""


class CorruptEntry(Exception):
    """An entry that does not decode to what the reader produces."""


# -- values ------------------------------------------------------------------------------------------

_SCALARS = frozenset({str, int, float, bool, type(None)})  # exactly these types: a subclass is refused


def encode(v):
    """A JSON-ready form of a value of the reader's output, from which :func:`decode_object` gives
    back an equal value of the same types (a tuple stays a tuple, a str subclass is refused)."""
    t = type(v)
    if t in _SCALARS:
        return v
    if t is tuple:
        return {_TUPLE: [x if type(x) in _SCALARS else encode(x) for x in v]}
    if t is list:
        return [x if type(x) in _SCALARS else encode(x) for x in v]
    if t is dict:
        if all(type(k) is str and k[:1] != "\x00" for k in v):
            if all(type(x) in _SCALARS for x in v.values()):
                return v  # (a figure's field → line table): as it is
            return {k: encode(x) for k, x in v.items()}
        return {_DICT: [[encode(k), encode(x)] for k, x in v.items()]}
    if t is Finding:
        return {_FINDING: {f.name: encode(getattr(v, f.name)) for f in _FINDING_FIELDS}}
    if t is FigureRef:
        return {_REF: {f.name: encode(getattr(v, f.name)) for f in _REF_FIELDS}}
    raise Uncacheable(f"{t.__name__} value")


_FINDING_FIELDS = dataclasses.fields(Finding)
_REF_FIELDS = dataclasses.fields(FigureRef)
# the types each field of a finding may have, checked when an entry is read
_FIELD_TYPES = {"str": (str,), "int": (int,), "bool": (bool,), "str | None": (str, type(None)), "int | None": (int, type(None))}


def _checked(cls, fields, values):
    if type(values) is not dict or set(values) != {f.name for f in fields}:
        raise CorruptEntry(f"{cls.__name__} fields")
    for f in fields:
        v = values[f.name]
        allowed = _FIELD_TYPES.get(str(f.type))
        if allowed is not None:
            if type(v) not in allowed:
                raise CorruptEntry(f"{cls.__name__}.{f.name}")
        elif str(f.type) == "list[FigureRef]":
            if type(v) is not list or not all(type(x) is FigureRef for x in v):
                raise CorruptEntry(f"{cls.__name__}.{f.name}")
        elif str(f.type) == "list[str]":
            if type(v) is not list or not all(type(x) is str for x in v):
                raise CorruptEntry(f"{cls.__name__}.{f.name}")
        else:  # a field this module does not know: the finding model changed
            raise CorruptEntry(f"{cls.__name__}.{f.name}: {f.type}")
    return cls(**values)


def decode_object(o: dict):
    """``json.loads``' object hook: the tagged forms back to tuples, dicts, findings."""
    if len(o) == 1:
        (tag,) = o
        if tag.startswith("\x00"):
            v = o[tag]
            if tag == _TUPLE and type(v) is list:
                return tuple(v)
            if tag == _DICT and type(v) is list:
                try:
                    return {k: x for k, x in v}
                except (TypeError, ValueError) as exc:
                    raise CorruptEntry("dict") from exc
            if tag == _FINDING:
                return _checked(Finding, _FINDING_FIELDS, v)
            if tag == _REF:
                return _checked(FigureRef, _REF_FIELDS, v)
            raise CorruptEntry(f"tag {tag!r}")
    return o


# -- the signature -----------------------------------------------------------------------------------

def signature(keys) -> str:
    """What, besides a file's bytes and path, decides what the reader makes of it."""
    import ucheck

    import yaml

    h = hashlib.sha256()
    for part in (FORMAT, ucheck.__version__, yaml.__version__, getattr(yamlsafe._Parser, "__module__", ""), sys.version.split()[0],
                 sys.implementation.name):
        h.update(str(part).encode() + b"\x00")
    for k in keys:
        parse = getattr(k, "parse", None)
        h.update(repr((k.name, k.read, tuple(k.choices), getattr(parse, "__module__", None), getattr(parse, "__qualname__", None))).encode())
        h.update(b"\x00")
    h.update(source_digest().encode())
    return h.hexdigest()


_SOURCE_DIGEST: str | None = None


def source_digest() -> str:
    """SHA-256 over ucheck's own Python files (their paths and bytes): an edited reader, parser or
    finding model is a new signature, whatever the version says."""
    global _SOURCE_DIGEST
    if _SOURCE_DIGEST is None:
        import ucheck

        base = Path(ucheck.__file__).resolve().parent
        h = hashlib.sha256()
        for p in sorted(base.rglob("*.py")):
            h.update(p.relative_to(base).as_posix().encode() + b"\x00")
            h.update(p.read_bytes())
            h.update(b"\x00")
        _SOURCE_DIGEST = h.hexdigest()
    return _SOURCE_DIGEST


# -- the cache ---------------------------------------------------------------------------------------

class LoadCache:
    """The per-file entries of one reader signature under ``<root>/.ucheck_cache/``.

    :meth:`open` binds it to a reader: the figure keys it accepts and the names of its row lists (one
    per frame; each holds rows of any shape the encoding keeps exactly). :meth:`read` stands in for
    ``reader.read_file(path)``: it replays the file's entry when there is a valid one, else reads
    the file and stores what the reader produced. Counts of hits, misses and entries written are
    kept for the benchmark.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.dir = self.root / CACHE_DIR
        self.hits = self.misses = self.written = 0
        self.writable = True
        self.signature, self.entries, self.lists, self.lang = "", self.dir / "load-", (), "en"
        self.prefix = "load-"  # the entry directories of this cache's kind, one per signature
        self._literals: LiteralMemo | None = None

    def open(self, keys, lists: tuple[str, ...], lang: str = "en") -> None:
        """Use the entries of the reader that accepts ``keys``, fills the row lists ``lists`` and
        says its problems in ``lang``."""
        self.signature = signature(keys)
        self.entries = self.dir / f"load-{self.signature[:16]}"
        self.lists = tuple(lists)
        self.lang = lang
        self._literals: LiteralMemo | None = None

    # the parsed literals ------------------------------------------------------------------------------
    def literals(self) -> LiteralMemo:
        """The memo of parsed literals (one file beside the entries); empty when there is none or
        it is not valid."""
        if self._literals is None:
            payload = self._read(self.entries / LITERALS, LITERALS, "", lang="")
            memo = LiteralMemo()
            if payload is not None:
                try:
                    memo = LiteralMemo.from_json(json.loads(payload))
                except (ValueError, RecursionError, UnicodeDecodeError):
                    pass
            self._literals = memo
        return self._literals

    def save_literals(self) -> None:
        """Write the memo back when this run parsed literals it did not hold: what it held and what
        was added, or — when it holds more than twice what this run asked for — only those."""
        memo = self._literals
        if memo is None or not memo.added:
            return
        bound = memo.loaded > 2 * int(memo.used.sum()) + 1000
        try:
            payload = json.dumps(memo.to_json(bound), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        except (ValueError, TypeError, RecursionError):
            return
        self._write(self.entries / LITERALS, LITERALS, "", payload, lang="")

    # entries ------------------------------------------------------------------------------------------
    def _path(self, rel: str) -> Path:
        """The entry of ``rel`` in the language of this run (one file per path and language)."""
        name = f"{self.lang}\x00{rel}".encode("utf-8", "surrogatepass")
        return self.entries / (hashlib.sha256(name).hexdigest()[:40] + ".json")

    def _read(self, path: Path, rel: str, digest: str, lang: str | None = None) -> bytes | None:
        """The payload of an entry file whose header matches (format, signature, file, language —
        this run's, or ``lang``: "" for the parsed literals, which have none — content hash) and
        whose payload has the SHA-256 the header gives; else None."""
        try:
            if self.dir.is_symlink():
                return None
            data = yamlsafe.read_bytes(path, MAX_ENTRY_BYTES)
        except (OSError, yamlsafe.YamlProblem):
            return None
        head, _, payload = data.partition(b"\n")
        try:
            header = json.loads(head)
        except (ValueError, RecursionError, UnicodeDecodeError):
            return None
        if (type(header) is not dict or header.get("format") != FORMAT or header.get("signature") != self.signature
                or header.get("file") != rel or header.get("lang") != (self.lang if lang is None else lang)
                or header.get("sha256") != digest
                or header.get("payload_sha256") != hashlib.sha256(payload).hexdigest()):
            return None
        return payload

    def _write(self, path: Path, rel: str, digest: str, payload: bytes, lang: str | None = None) -> None:
        """Write an entry file: a temporary file in the same directory, then an atomic rename; a
        cache that cannot be written is left alone for the rest of the run."""
        if not self.writable:
            return
        header = json.dumps({"format": FORMAT, "signature": self.signature, "file": rel, "lang": self.lang if lang is None else lang,
                             "sha256": digest, "payload_sha256": hashlib.sha256(payload).hexdigest()}, ensure_ascii=True)
        try:
            self._prepare()
            fd, tmp = tempfile.mkstemp(dir=self.entries, prefix=".tmp-", suffix=".json")
            try:
                os.fchmod(fd, _file_mode())
                with os.fdopen(fd, "wb") as fh:
                    fh.write(header.encode("ascii") + b"\n" + payload)
                os.replace(tmp, path)
            except BaseException:
                _unlink(tmp)
                raise
            self.written += 1
        except OSError:
            self.writable = False

    def load(self, rel: str, digest: str) -> dict | None:
        """The valid entry stored for ``rel`` with content hash ``digest``, or None."""
        payload = self._read(self._path(rel), rel, digest)
        if payload is None:
            return None
        try:
            entry = json.loads(payload, object_hook=decode_object)
        except (ValueError, TypeError, RecursionError, CorruptEntry, UnicodeDecodeError):
            return None
        return entry if _valid(entry, self.lists) else None

    def store(self, rel: str, digest: str, entry: dict) -> None:
        """Write the entry of ``rel`` (a value the encoding cannot hold exactly: not stored)."""
        try:
            payload = json.dumps(encode(entry), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        except (Uncacheable, ValueError, RecursionError):
            return
        self._write(self._path(rel), rel, digest, payload)

    def _prepare(self) -> None:
        """The cache directory with its .gitignore and CACHEDIR.TAG, and the entries' directory."""
        if self.entries.is_dir() and not self.dir.is_symlink():
            return
        if self.dir.is_symlink():
            raise OSError("the cache directory is a symbolic link: not used")
        created = not self.dir.exists()
        self.dir.mkdir(exist_ok=True)
        if not self.entries.is_dir():
            self._prune()
        if created or not (self.dir / ".gitignore").exists():
            for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
                fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-")
                os.fchmod(fd, _file_mode())
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, self.dir / name)
        self.entries.mkdir(exist_ok=True)

    def _prune(self, keep: int = KEEP_OTHERS) -> None:
        """Remove the entries of other signatures (another ucheck version, edited source) but the
        ``keep`` most recently written: a new signature starts a new directory, and an old one
        would otherwise stay as large as the corpus. A concurrent run of a pruned signature only
        misses (its writes fail, it reads afresh)."""
        import shutil

        try:
            others = [d for d in self.dir.glob(f"{self.prefix}*") if d != self.entries and d.is_dir() and not d.is_symlink()]
            others.sort(key=lambda d: d.stat().st_mtime, reverse=True)
        except OSError:
            return
        for d in others[keep:]:
            shutil.rmtree(d, ignore_errors=True)

    # reading through the cache --------------------------------------------------------------------------
    def read(self, reader, path: Path, rel: str) -> None:
        """``reader.read_file(path)``, through the cache (``rel``: the path as the reader records it)."""
        try:
            before = os.lstat(path)
            # only a regular file is read through the cache: a symbolic link (which may lead out
            # of the repository), a device or a file that cannot be read is the reader's to judge
            if not stat.S_ISREG(before.st_mode):
                reader.read_file(path)
                return
            data = yamlsafe.read_bytes(path)
        except (OSError, yamlsafe.YamlProblem):  # the reader reports it
            reader.read_file(path)
            return
        digest = hashlib.sha256(data).hexdigest()
        entry = self.load(rel, digest)
        if entry is not None and replay(reader, entry, rel, self.lists):
            self.hits += 1
            return
        self.misses += 1
        entry = capture(reader, path, self.lists)
        try:
            after = os.lstat(path)
        except OSError:
            return
        if entry is not None and (before.st_size, before.st_mtime_ns, before.st_ino) == (after.st_size, after.st_mtime_ns, after.st_ino):
            self.store(rel, digest, entry)


class RulesCache(LoadCache):
    """The parsed YAML of rule files (``rules-<signature>/``), keyed by each file's bytes: reading
    the rule library's dozen files is most of what loading rules costs (≈ 0.09 s of a one-file
    check), and they change far less often than curated files. An entry holds the document as
    :func:`encode_document` writes it — the mappings and lists with their lines and columns, each
    key's line and column, numbers with their text — so that what :func:`ucheck.ruleset.load_rules`
    reads from it is what parsing the file gives, line numbers of its errors included. A file whose
    YAML is not valid is not stored: it is parsed on every run, and its problem reported as such."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.prefix, self.lang = "rules-", ""
        self.signature = signature(())
        self.entries = self.dir / f"rules-{self.signature[:16]}"

    def document(self, data: bytes, rel: str):
        """The plain data of the YAML document ``data`` (rule file ``rel``): from its entry when
        there is a valid one, else parsed (``yamlsafe.YamlProblem`` as parsing raises it) and stored."""
        digest = hashlib.sha256(data).hexdigest()
        payload = self._read(self._path(rel), rel, digest)
        if payload is not None:
            try:
                doc = decode_document(json.loads(payload))
                self.hits += 1
                return doc
            except (ValueError, TypeError, RecursionError, CorruptEntry, UnicodeDecodeError):
                pass
        self.misses += 1
        doc = yamlsafe.load(yamlsafe.decode(data))
        try:
            payload = json.dumps(encode_document(doc), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        except (Uncacheable, ValueError, RecursionError):
            return doc
        self._write(self._path(rel), rel, digest, payload)
        return doc


# a document's collections and numbers, tagged: no text of a YAML file starts with NUL (YAML refuses
# control characters), so a tagged list cannot be taken for data
_MAP, _SEQ, _NUM = "\x00M", "\x00S", "\x00N"


def encode_document(v):
    """A JSON-ready form of what ``yamlsafe.load`` returns, lines and number texts kept."""
    t = type(v)
    if t is str or t is bool or v is None:
        return v
    if t is yamlsafe.RawNumber:
        n = v.number
        if n is not None and type(n) not in (int, float):
            raise Uncacheable(f"number {type(n).__name__}")
        return [_NUM, str.__str__(v), n]
    if t is yamlsafe.LineDict:
        return [_MAP, v.line, v.column, [[encode_document(k), encode_document(x), v.key_lines.get(k, v.line), v.key_columns.get(k, v.column)]
                                         for k, x in v.items()]]
    if t is yamlsafe.LineList:
        return [_SEQ, v.line, v.column, [encode_document(x) for x in v]]
    raise Uncacheable(f"{t.__name__} value")


def decode_document(v):
    """What :func:`encode_document` wrote, back to LineDict / LineList / RawNumber / scalars;
    :class:`CorruptEntry` for anything it cannot have written."""
    t = type(v)
    if t is str or t is bool or v is None:
        if t is str and v[:1] == "\x00":
            raise CorruptEntry("a bare tag")
        return v
    if t is not list or not v or type(v[0]) is not str:
        raise CorruptEntry("document value")
    tag = v[0]
    if tag == _NUM and len(v) == 3 and type(v[1]) is str and (v[2] is None or type(v[2]) in (int, float)):
        return yamlsafe.RawNumber(v[1], v[2])
    if tag in (_MAP, _SEQ) and len(v) == 4 and type(v[1]) is int and type(v[2]) is int and type(v[3]) is list:
        if tag == _SEQ:
            out = yamlsafe.LineList(decode_document(x) for x in v[3])
        else:
            out = yamlsafe.LineDict()
            for item in v[3]:
                if type(item) is not list or len(item) != 4 or type(item[2]) is not int or type(item[3]) is not int:
                    raise CorruptEntry("mapping item")
                key = decode_document(item[0])
                if type(key) in (yamlsafe.LineDict, yamlsafe.LineList) or key in out:
                    raise CorruptEntry("mapping key")
                out[key] = decode_document(item[1])
                out.key_lines[key], out.key_columns[key] = item[2], item[3]
        out.line, out.column = v[1], v[2]
        return out
    raise CorruptEntry(f"tag {tag!r}")


def capture(reader, path: Path, lists: tuple[str, ...]) -> dict | None:
    """Read the file with the reader; what it added (rows, problems, the article id, the seed call),
    or None when that output depends on the files read before (the article id was taken)."""
    sizes = {name: len(getattr(reader, name)) for name in lists}
    p0 = len(reader.problems)
    reader.seed_call = None
    reader.read_file(path)
    problems = reader.problems[p0:]
    if any(p.code == "UC003" for p in problems):
        return None
    seed = None
    if reader.seed_call is not None:
        seed_rel, line, key, start, end = reader.seed_call
        seed = [seed_rel, line, key, start - p0, end - p0]
    return {"article": reader.aid, "seed": seed, "problems": list(problems),
            "rows": {name: getattr(reader, name)[sizes[name]:] for name in lists}}


def replay(reader, entry: dict, rel: str, lists: tuple[str, ...]) -> bool:
    """Add an entry's output to the reader as reading the file would; False (nothing added) when
    the article id is taken or the seed does not load as it did."""
    aid = entry["article"]
    if aid is not None and aid in reader.seen:
        return False
    for name in lists:  # a list of rows of one width (the figures) takes rows of that width only
        width = getattr(getattr(reader, name), "width", None)
        if width is not None and not all(type(r) is tuple and len(r) == width for r in entry["rows"][name]):
            return False
    problems = entry["problems"]
    reader.rel, reader.aid, reader.seed_key = rel, aid, None
    p0 = len(reader.problems)
    if entry["seed"] is not None:
        seed_rel, line, key, start, end = entry["seed"]
        reader.problems.extend(problems[:start])
        if reader.seed(seed_rel, line) != key:
            del reader.problems[p0:]
            return False
        reader.problems.extend(problems[end:])
    else:
        reader.problems.extend(problems)
    if aid is not None:
        reader.seen[aid] = rel
    for name in lists:
        rows = entry["rows"][name]
        if name == "figures" and rows:  # each figure's layout shared with the figures written alike, as read afresh
            from ucheck.load.corpus import FIGURE_COLUMNS

            at = FIGURE_COLUMNS.index("field_offsets")
            rows = [reader.shared_row((*r[:at], shared_layout(r[at]), *r[at + 1:])) for r in rows]
        getattr(reader, name).extend(rows)
    return True


def _valid(entry, lists) -> bool:
    """The shape of a payload, before anything of it is used."""
    if type(entry) is not dict or set(entry) != {"article", "seed", "problems", "rows"}:
        return False
    if entry["article"] is not None and type(entry["article"]) is not str:
        return False
    problems = entry["problems"]
    if type(problems) is not list or not all(type(p) is Finding for p in problems):
        return False
    seed = entry["seed"]
    if seed is not None:
        if type(seed) is not list or len(seed) != 5:
            return False
        seed_rel, line, key, start, end = seed
        if (type(seed_rel) is not str or type(line) is not int or (key is not None and type(key) is not str)
                or type(start) is not int or type(end) is not int or not 0 <= start <= end <= len(problems)):
            return False
    rows = entry["rows"]
    return type(rows) is dict and set(rows) == set(lists) and all(type(rows[n]) is list for n in lists)


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def clean(root: Path) -> Path | None:
    """Remove ``<root>/.ucheck_cache`` (a symbolic link there is removed, not followed); the path
    removed, or None when there was none."""
    import shutil

    d = Path(root) / CACHE_DIR
    if d.is_symlink():
        d.unlink()
        return d
    if not d.exists():
        return None
    shutil.rmtree(d)
    return d
