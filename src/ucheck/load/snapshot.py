"""The corpus entry of the load cache: what loading a whole curated directory produced, in one file.

``ucheck check curated/a.yaml`` in a corpus of 10,000 articles needs every article's keys (which
figures can share a group with a's: see ``RuleKind.scope``) but the rows of only a few of them. The
per-file entries of ucheck.load.cache would replay all 10,000 files, seeds included; this entry
holds the frames of the whole corpus column by column, so a run reads the key columns of every
figure and the other columns of the rows it uses, and loads only the seeds it locates in.

An entry is written by a run that loaded the whole directory through the load cache (:class:`Trace`
records, per file, what the reader added, its SHA-256 and its status), next to the per-file entries
of the same reader signature (and language). It is used for a later run over the same paths only
when nothing it depends on changed beyond what that run reads again:

* every curated file is unchanged — the same size, modification and change times, inode and
  device as when it was read (a file changed within two seconds of its reading is not trusted by
  its times), else the same SHA-256 — or read afresh (through the per-file entries): the files
  added and changed, the symbolic links and other files that are not regular, the files whose
  article's seed could not be used; at most :func:`fresh_limit` of them (1 %, at least 32);
* no article id changes hands: a file read afresh neither takes an id another file claims nor
  gave up one that another file claimed (the files read after it would read differently: UC003);
* the directories on the way to the seeds are as they were (no seed added, removed or renamed);
  the seed of each article whose figures are located is loaded afresh and must give the same key
  (else that file is read afresh);
* what the run reads of the entry is intact (a damaged block found in the middle of a run: the
  whole directory is loaded then, and the run goes on with it);
* the frames keep their column types (a text column without any text, a column of tuples and
  texts …): a file read afresh that would change one is not served.

Otherwise the run loads everything (and writes a new entry). The format cannot run code: a JSON
header and directory (SHA-256 checked), then numeric arrays (``numpy.frombuffer``) and tables of
distinct values — UTF-8 texts, or JSON in the load cache's tagged forms — each checked by CRC-32 when
it is read. It is written to a temporary file and renamed into place; a run keeps the file it
opened, so a concurrent writer never changes what it reads.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from ucheck.load import yamlsafe
from ucheck.load.cache import CorruptEntry, LoadCache, Uncacheable, _file_mode, decode_object, encode
from ucheck.load.corpus import READER_LISTS, Corpus, _Reader, corpus_of, curated_files
from ucheck.load.keys import FigureKey
from ucheck.load.seeds import load_seed, relative_to_root

FORMAT = "ucheck-corpus-cache/2"  # 2: field_offsets (relative lines) for field_lines
FRAMES = ("articles", "figures", "ignored", "waivers", "stated")  # Corpus fields, each from a reader list
RACY_NS = 2_000_000_000  # a file changed this close to its reading is checked by its bytes, not its times
MISSING, TEXT, OBJECT, NUMBER = 1, 2, 4, 8  # the classes of values in a column (what decides its dtype)
WITNESSES = 4  # rows kept per class of values of a column, from as many files
_DEFAULT_TEXT = None


def fresh_limit(n_files: int) -> int:
    """How many files a run may read afresh and still use the entry."""
    return max(32, n_files // 100)


def _text_dtype():
    global _DEFAULT_TEXT
    if _DEFAULT_TEXT is None:
        _DEFAULT_TEXT = pd.Series(["x"]).dtype  # what pandas makes of a column of texts (str, or object)
    return _DEFAULT_TEXT


def entry_path(cache: LoadCache, paths: list[Path], root: Path) -> Path:
    """The corpus entry of a load of ``paths`` (beside the per-file entries of the opened cache)."""
    names = "\x00".join([cache.lang, *(relative_to_root(p, root) for p in paths)])
    return cache.entries / f"corpus-{hashlib.sha256(names.encode('utf-8', 'surrogatepass')).hexdigest()[:24]}.bin"


def _stamp(st) -> list:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _trusted_stamp(st, now: int) -> list | None:
    """The times of a file, or None when they are too recent to tell a later change (racy)."""
    if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return None
    return _stamp(st)


# -- what a load read, file by file ----------------------------------------------------------------

class Trace:
    """``load_corpus(..., trace=)``: per file, the rows and problems the reader added, the article id it
    claimed, its seed call, and how to tell it unchanged (times, SHA-256)."""

    def __init__(self, root: Path):
        self.root = root
        self.files: list[dict] = []
        self._mark = None

    def before(self, reader, path: Path) -> None:
        reader.seed_call = None
        try:
            st = os.lstat(path)
        except OSError:
            st = None
        self._mark = (st, {n: len(getattr(reader, n)) for n in READER_LISTS}, len(reader.problems))

    def after(self, reader, path: Path) -> None:
        st, sizes, p0 = self._mark
        rel = relative_to_root(path, self.root)
        problems = reader.problems[p0:]
        claim = reader.aid if reader.aid is not None else next((p.article for p in problems if p.code == "UC003"), None)
        call = getattr(reader, "seed_call", None)
        entry = {"rel": rel, "rows": {n: [sizes[n], len(getattr(reader, n))] for n in READER_LISTS}, "problems": [p0, len(reader.problems)],
                 "claim": claim, "seed": None if call is None else [call[0], call[1], call[2]], "sha256": None, "stamp": None, "fresh": True}
        if st is not None and stat.S_ISREG(st.st_mode) and not (call is not None and call[2] is None):
            try:
                data = yamlsafe.read_bytes(path)
                after = os.lstat(path)
            except (OSError, yamlsafe.YamlProblem):
                data = after = None
            if data is not None and _stamp(after) == _stamp(st):
                entry.update(sha256=hashlib.sha256(data).hexdigest(), stamp=_trusted_stamp(st, time.time_ns()), fresh=False)
        self.files.append(entry)


# -- writing ---------------------------------------------------------------------------------------

class _Blocks:
    """The binary part of an entry: blocks appended one after another, each with its CRC-32."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> list:
        at = self.size
        self.parts.append(data)
        self.size += len(data)
        return [at, len(data), zlib.crc32(data)]

    def chunked(self, data: bytes, size: int = 1 << 15) -> dict:
        """A table in chunks of ``size`` bytes, each with its CRC-32: a run that needs a few of its
        values reads and checks only their chunks."""
        return {"chunk": size, "size": len(data), "chunks": [self.add(data[i:i + size]) for i in range(0, max(len(data), 1), size)]}

    def array(self, a: np.ndarray) -> dict:
        a = np.ascontiguousarray(a)
        return {"dtype": a.dtype.str, "block": self.add(a.tobytes())}


def _entry_bytes(v) -> bytes:
    if type(v) is str:
        return b"s" + v.encode("utf-8", "surrogatepass")
    if type(v) is float and v != v:
        return b"n"
    return b"j" + json.dumps(encode(v), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _value_class(v) -> int:
    if v is None or (type(v) is float and v != v):
        return MISSING
    if type(v) is str:
        return TEXT
    return NUMBER if type(v) in (int, float, bool) else OBJECT


def _plain(v) -> bool:
    """A distinct value that pandas' factorize keeps apart from every other: texts, and tuples of
    texts, whole numbers and None (1, 1.0 and True would be one value)."""
    if type(v) is str or v is None:
        return True
    if type(v) is int:
        return True
    return type(v) is tuple and all(_plain(x) for x in v)


def _codes_of(values: np.ndarray) -> tuple[np.ndarray, list]:
    """Dictionary codes of a column of Python values, None and NaN kept apart."""
    codes, uniq = pd.factorize(values)
    uniq = list(uniq)
    if not all(_plain(v) for v in uniq):
        raise Uncacheable("a value of a type that factorize may merge")
    missing = np.flatnonzero(codes < 0)
    if len(missing):
        kinds = [0 if values[i] is None else 1 if type(values[i]) is float else 2 for i in missing.tolist()]
        if 2 in kinds:
            raise Uncacheable("a missing value other than None and NaN")
        kinds = np.asarray(kinds)
        for kind, v in ((0, None), (1, float("nan"))):
            if (kinds == kind).any():
                codes[missing[kinds == kind]] = len(uniq)
                uniq.append(v)
    return codes, uniq


def _entry_hash(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _encode_column(name: str, col: pd.Series, blocks: _Blocks, spans: np.ndarray, index: bool = False) -> dict:
    dtype = col.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return {"name": name, "kind": "array", "restore": dtype.str, "data": blocks.array(col.to_numpy())}
    if dtype == object:
        restore = "object"
    elif dtype == _text_dtype():
        restore = "text"
    else:
        raise Uncacheable(f"column {name} of dtype {dtype}")
    values = col.to_numpy(dtype=object)
    relative = name == "field_offsets"
    if relative:  # field → line, relative to the record's line (ucheck.load.keys.layout): a few shapes, not one a figure
        if not all(type(v) is dict for v in values):
            raise Uncacheable("field_offsets")
        shapes = np.empty(len(values), dtype=object)
        shapes[:] = [tuple(d.items()) for d in values.tolist()]
        values = shapes
    codes, uniq = _codes_of(values)
    data = [_entry_bytes(dict(v) if relative else v) for v in uniq]
    classes = np.asarray([OBJECT if relative else _value_class(v) for v in uniq] or [0], dtype=np.uint8)
    row_class = classes[codes] if len(codes) else np.zeros(0, dtype=np.uint8)
    width = np.uint8 if len(uniq) < 2**8 else np.uint16 if len(uniq) < 2**16 else np.uint32
    offsets = np.zeros(len(data) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in data])
    chars = np.zeros(len(data) + 1, dtype=np.int64)  # the same, in characters of the decoded table
    chars[1:] = np.cumsum([len(b.decode("utf-8", "surrogatepass")) for b in data])
    out = {"name": name, "kind": "relative" if relative else "table", "restore": restore,
           "codes": blocks.array(codes.astype(width)), "entries": blocks.chunked(b"".join(data)), "offsets": blocks.array(offsets),
           "chars": blocks.array(chars), "missing_codes": [i for i, v in enumerate(uniq) if not relative and _value_class(v) == MISSING],
            "missing": sorted({"none" if v is None else "nan" for v in uniq if _value_class(v) == MISSING}) if not relative else [],
           "witnesses": _witnesses(row_class, spans)}
    if index and not relative:  # to find a value read afresh among the distinct values without decoding them
        out["hashes"] = blocks.array(np.asarray([_entry_hash(b) for b in data], dtype=np.uint64))
    return out


def _witnesses(row_class: np.ndarray, spans: np.ndarray) -> dict:
    """For each class of values in the column, the first row of it in each of the first WITNESSES
    files that hold one: rows read with the files read afresh, so that pandas gives the columns the
    types a load of the whole corpus gives them."""
    out = {}
    if not len(row_class):
        return out
    starts = spans[:, 0]
    for bit in (MISSING, TEXT, OBJECT, NUMBER):
        rows = np.flatnonzero(row_class == bit)
        if not len(rows):
            continue
        files = np.searchsorted(starts, rows, side="right") - 1
        _, first = np.unique(files, return_index=True)
        out[str(bit)] = rows[np.sort(first)[:WITNESSES]].tolist()
    return out


def write(path: Path, corpus: Corpus, trace: Trace, signature: str, lang: str, seeds_dir: Path | None) -> bool:
    """Write the corpus entry of a load (``trace``: of that load); False when the corpus holds a
    value the entry cannot keep exactly, or the entry cannot be written."""
    try:
        payload = _payload(corpus, trace, signature, lang, seeds_dir)
    except Uncacheable:
        return False
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".bin")
        try:
            os.fchmod(fd, _file_mode())  # as the per-file entries: what open() would give under the umask
            with os.fdopen(fd, "wb") as fh:
                for part in payload:
                    fh.write(part)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return False
    return True


def _payload(corpus: Corpus, trace: Trace, signature: str, lang: str, seeds_dir: Path | None) -> list[bytes]:
    blocks = _Blocks()
    frames = {}
    for name in FRAMES:
        frame = getattr(corpus, name)
        spans = np.asarray([f["rows"][name] for f in trace.files], dtype=np.int64).reshape(-1, 2)
        if len(frame) != (int(spans[-1, 1]) if len(spans) else 0):
            raise Uncacheable(f"{name}: rows and trace disagree")
        frames[name] = {"rows": len(frame), "columns": [_encode_column(c, frame[c], blocks, spans, index=name == "figures")
                                                        for c in frame.columns]}
    problems = [json.dumps(encode(corpus.problems[a:b]), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
                for a, b in (f["problems"] for f in trace.files)]
    offsets = np.zeros(len(problems) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(p) for p in problems])
    # per file: its names in JSON, its numbers as arrays (quicker to read than a dict a file)
    n = len(trace.files)
    files = {k: [f[k] for f in trace.files] for k in ("rel", "claim")}
    files["seeds"] = blocks.add(json.dumps([f["seed"] for f in trace.files], ensure_ascii=False).encode("utf-8", "surrogatepass"))
    stamps = np.zeros((n, 5), dtype=np.int64)
    trusted = np.zeros(n, dtype=np.uint8)
    digests = np.zeros((n, 32), dtype=np.uint8)
    for i, f in enumerate(trace.files):
        if f["stamp"] is not None:
            stamps[i], trusted[i] = f["stamp"], 1
        if f["sha256"] is not None:
            digests[i] = np.frombuffer(bytes.fromhex(f["sha256"]), dtype=np.uint8)
    files["arrays"] = {"stamp": blocks.array(stamps), "trusted": blocks.array(trusted), "sha256": blocks.array(digests),
                       "fresh": blocks.array(np.asarray([f["fresh"] for f in trace.files], dtype=np.uint8)),
                       **{f"rows:{name}": blocks.array(np.asarray([f["rows"][name] for f in trace.files], dtype=np.int64).reshape(-1, 2))
                          for name in READER_LISTS}}
    meta = {"files": files, "frames": frames, "problems": blocks.add(b"".join(problems)), "problem_offsets": blocks.array(offsets),
            "dirs": _seed_dirs(trace, seeds_dir)}
    meta_bytes = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    header = json.dumps({"format": FORMAT, "signature": signature, "lang": lang, "meta": [len(meta_bytes), hashlib.sha256(meta_bytes).hexdigest()],
                         "blocks": blocks.size}, ensure_ascii=True).encode("ascii") + b"\n"
    return [header, meta_bytes, *blocks.parts]


def _seed_dirs(trace: Trace, seeds_dir: Path | None) -> dict:
    """The directories on the way to the seeds (each seed path as named and as resolved, and the
    seeds directory) with their times: an added, removed or renamed seed changes one of them."""
    root = trace.root
    dirs = set()

    def along(rel: str) -> None:
        parts = Path(rel).parts[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add(Path(*parts[:i]).as_posix())

    for f in trace.files:
        if f["seed"] is not None:
            along(f["seed"][0])
            if f["seed"][2] is not None:
                along(f["seed"][2])
    if seeds_dir is not None:
        along(relative_to_root(Path(seeds_dir) / "x", root))
    now = time.time_ns()
    out = {}
    for d in sorted(dirs):
        if ".." in Path(d).parts or Path(d).is_absolute():
            continue  # outside the repository: refused by the reader (UC008) whatever it holds
        try:
            st = os.lstat(root / d)
        except OSError:
            out[d] = None
            continue
        out[d] = None if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS else [st.st_mode, *_stamp(st)]
    return out


# -- reading ---------------------------------------------------------------------------------------

class _Entry:
    """An opened corpus entry: its directory, and its blocks read (and checked) when asked for."""

    def __init__(self, path: Path, signature: str, lang: str):
        # the descriptor is kept for the run: a concurrent writer renames a new file into place
        self.fd = None
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
        try:
            st = os.fstat(self.fd)
            if not stat.S_ISREG(st.st_mode):
                raise CorruptEntry("not a regular file")
            head = os.pread(self.fd, 4096, 0)
            line, newline, _ = head.partition(b"\n")
            header = json.loads(line) if newline else None
            if (type(header) is not dict or header.get("format") != FORMAT or header.get("signature") != signature
                    or header.get("lang") != lang):
                raise CorruptEntry("header")
            size, digest = header["meta"]
            meta_bytes = os.pread(self.fd, size, len(line) + 1)
            if len(meta_bytes) != size or hashlib.sha256(meta_bytes).hexdigest() != digest:
                raise CorruptEntry("directory")
            self.base = len(line) + 1 + size
            if st.st_size != self.base + int(header["blocks"]):
                raise CorruptEntry("size")
            self.meta = json.loads(meta_bytes)
            files = self.meta["files"]
            self.files = {"rel": files["rel"], "claim": files["claim"]}
            self._seeds = None
            widths = {"stamp": 5, "sha256": 32, **{f"rows:{name}": 2 for name in READER_LISTS}}
            for key, desc in files["arrays"].items():
                a = self.array(desc)
                self.files[key] = a.reshape(len(files["rel"]), widths[key]) if key in widths else a
            if any(len(v) != len(files["rel"]) for v in self.files.values()):
                raise CorruptEntry("files")
        except BaseException:
            self.close()
            raise

    def seed_call(self, i: int):
        """(seed as named, its line, its key) of the article of file ``i``, or None."""
        if self._seeds is None:
            self._seeds = json.loads(self.block(self.meta["files"]["seeds"]))
            if type(self._seeds) is not list or len(self._seeds) != len(self.files["rel"]):
                raise CorruptEntry("seeds")
        return self._seeds[i]

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __del__(self):
        self.close()

    def block(self, desc) -> bytes:
        at, size, crc = desc
        if self.fd is None:
            raise CorruptEntry("closed")
        data = os.pread(self.fd, size, self.base + at)
        if len(data) != size or zlib.crc32(data) != crc:
            raise CorruptEntry("block")
        return data

    def array(self, desc) -> np.ndarray:
        return np.frombuffer(self.block(desc["block"]), dtype=np.dtype(desc["dtype"]))


class _Chunked:
    """A table of the entry read chunk by chunk (each checked when first read)."""

    def __init__(self, entry: "_Entry", desc: dict):
        self.entry, self.chunks, self.size = entry, desc["chunks"], int(desc["chunk"])
        self._read: dict[int, bytes] = {}

    def _chunk(self, k: int) -> bytes:
        got = self._read.get(k)
        if got is None:
            got = self._read[k] = self.entry.block(self.chunks[k])
        return got

    def get(self, a: int, b: int) -> bytes:
        if b <= a:
            return b""
        first, last = a // self.size, (b - 1) // self.size
        if first == last:
            return self._chunk(first)[a - first * self.size:b - first * self.size]
        return b"".join(self._chunk(k) for k in range(first, last + 1))[a - first * self.size:b - first * self.size]

    def whole(self) -> bytes:
        return b"".join(self._chunk(k) for k in range(len(self.chunks)))


class _Column:
    """One column of a frame of the entry: its codes or values, its table of distinct values
    decoded entry by entry as they are needed."""

    def __init__(self, entry: _Entry, desc: dict):
        self.entry, self.desc, self.name = entry, desc, desc["name"]
        self.kind = desc["kind"]
        self._data = self._codes = self._blob = self._offsets = self._text = self._chars = self._table = None
        self._values: dict[int, object] = {}

    @property
    def restore(self):
        r = self.desc["restore"]
        return object if r == "object" else _text_dtype() if r == "text" else np.dtype(r)

    def data(self) -> np.ndarray:
        if self._data is None:
            self._data = self.entry.array(self.desc["data"])
        return self._data

    def codes(self) -> np.ndarray:
        if self._codes is None:
            self._codes = self.entry.array(self.desc["codes"])
        return self._codes

    def value(self, code: int):
        got = self._values.get(code, self)
        if got is self:
            self._open_table()
            raw = self._blob.get(int(self._offsets[code]), int(self._offsets[code + 1]))
            tag, body = raw[:1], raw[1:]
            try:
                if tag == b"s":
                    got = body.decode("utf-8", "surrogatepass")
                elif tag == b"n":
                    got = float("nan")
                elif tag == b"j":
                    got = json.loads(body, object_hook=decode_object)
                else:
                    raise CorruptEntry("value")
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                raise CorruptEntry("value") from exc
            self._values[code] = got
        return got

    def _open_table(self) -> None:
        if self._blob is None:
            self._blob = _Chunked(self.entry, self.desc["entries"])
            self._offsets = self.entry.array(self.desc["offsets"])
            if len(self._offsets) < 1 or int(self._offsets[-1]) != int(self.desc["entries"]["size"]):
                raise CorruptEntry("table")

    def decode(self, codes: list[int]) -> list:
        """The distinct values of ``codes`` (texts sliced straight from the table)."""
        self._open_table()
        if len(codes) * 20 > len(self._offsets):  # many of them: the whole table decoded at once, then sliced
            return self._decode_all(codes)
        table, got, out = self._blob, self._values, []
        starts = self._offsets[codes].tolist() if codes else []
        ends = self._offsets[np.asarray(codes, dtype=np.int64) + 1].tolist() if codes else []
        for code, a, b in zip(codes, starts, ends):
            v = got.get(code, got)
            if v is got:
                raw = table.get(a, b)
                if raw[:1] == b"s":  # a text
                    try:
                        v = raw[1:].decode("utf-8", "surrogatepass")
                    except UnicodeDecodeError as exc:
                        raise CorruptEntry("value") from exc
                    got[code] = v
                else:
                    v = self.value(code)
            out.append(v)
        return out

    def _decode_all(self, codes: list[int]) -> list:
        if self._text is None:
            try:
                self._text = self._blob.whole().decode("utf-8", "surrogatepass")
            except UnicodeDecodeError as exc:
                raise CorruptEntry("value") from exc
            self._chars = self.entry.array(self.desc["chars"])
            if len(self._chars) != len(self._offsets) or int(self._chars[-1]) != len(self._text):
                raise CorruptEntry("table")
        text, got, out = self._text, self._values, []
        at = np.asarray(codes, dtype=np.int64)
        for code, a, b in zip(codes, self._chars[at].tolist(), self._chars[at + 1].tolist()):
            v = got.get(code, got)
            if v is got:
                v = text[a + 1:b] if text[a] == "s" else self.value(code)
                got[code] = v
            out.append(v)
        return out

    def values(self, rows: np.ndarray) -> np.ndarray:
        """The values of the entry's rows ``rows`` as Python objects (a numeric column: its array)."""
        if self.kind == "array":
            return self.data()[rows]
        codes = self.codes()[rows].astype(np.int64)
        n_entries = len(self.entry.array(self.desc["offsets"])) - 1
        if n_entries <= max(len(rows), 4096):  # a small table: all of it, then one lookup a row
            if self._table is None:
                self._table = np.empty(n_entries, dtype=object)
                for j, v in enumerate(self.decode(list(range(n_entries)))):  # one by one: a tuple is one value
                    self._table[j] = v
            out, table = self._table[codes], self._table
        else:
            uniq, inverse = np.unique(codes, return_inverse=True)
            table = np.empty(len(uniq), dtype=object)
            for j, v in enumerate(self.decode(uniq.tolist())):
                table[j] = v
            out = table[inverse.reshape(-1)] if len(rows) else np.empty(0, dtype=object)
        if self.kind == "relative":  # shared by the rows of one layout (ucheck.load.keys.layout), as read afresh
            if not all(type(d) is dict and all(type(k) is str and type(v) is int for k, v in d.items()) for d in table.tolist()):
                raise CorruptEntry("field_offsets")
        return out


class _Frame:
    """A frame of the corpus as this run sees it: the entry's rows of the files it serves and the
    rows read afresh, in reading order."""

    def __init__(self, entry: _Entry, name: str, fresh: pd.DataFrame, spans: list[tuple[int, int, int]], columns=None):
        desc = entry.meta["frames"][name]
        self.name = name
        self.columns = columns if columns is not None else [_Column(entry, c) for c in desc["columns"]]  # (what they read, kept)
        self.by_name = {c.name: c for c in self.columns}
        self.fresh = fresh
        sp = np.asarray(spans, dtype=np.int64).reshape(-1, 3)
        sizes = sp[:, 2] - sp[:, 1]
        self.starts = np.cumsum(sizes) - sizes  # where each file's rows start, in reading order
        self.src = np.repeat(sp[:, 0], sizes).astype(np.int8)
        self.row = np.repeat(sp[:, 1] - self.starts, sizes) + np.arange(int(sizes.sum()), dtype=np.int64)
        self.identity = not self.src.any() and bool((sp[:, 1] == self.starts).all())
        self.fresh_at = np.flatnonzero(self.src == 1)
        self.entry_row = np.where(self.src == 0, self.row, 0)

    def __len__(self) -> int:
        return len(self.src)

    def column(self, name: str, positions: np.ndarray, thin=None, at=None) -> pd.Series | np.ndarray:
        col = self.by_name[name]
        src, row = at if at is not None else (self.src[positions], self.row[positions])
        if thin is not None and col.kind != "array":  # not read: missing (field_offsets empty)
            src = np.where(thin, 2, src)
        old, new = np.flatnonzero(src == 0), np.flatnonzero(src == 1)
        if col.kind == "array":
            out = np.empty(len(positions), dtype=col.restore)
            out[old] = col.values(row[old])
            if len(new):
                out[new] = self.fresh[name].to_numpy()[row[new]]
            return out
        out = np.empty(len(positions), dtype=object)
        if thin is not None and col.kind != "array":
            at = np.flatnonzero(src == 2)
            fill = np.empty(len(at), dtype=object)
            fill.fill({} if col.kind == "relative" else float("nan") if col.desc["restore"] == "text" else None)
            out[at] = fill
        if len(old):
            out[old] = col.values(row[old])
        if len(new):
            out[new] = self.fresh[name].to_numpy(dtype=object)[row[new]]
        return out

    def rows(self, positions: np.ndarray, index=None, thin=None, keep=()) -> pd.DataFrame:
        """The frame's rows at ``positions``, with the dtypes of a load of the whole corpus; those
        where ``thin`` is true with only their numbers and the columns ``keep`` (a mapping: column →
        a boolean array over ``positions``, the thin rows that keep it)."""
        positions = np.asarray(positions, dtype=np.int64)
        if thin is not None and not np.asarray(thin).any():
            thin = None
        data = {}
        at = (self.src[positions], self.row[positions])
        lines = self.column("line", positions, at=at) if "line" in self.by_name else None
        for col in self.columns:
            skip = None if thin is None or (col.name in keep and not isinstance(keep, dict)) else \
                thin & ~np.asarray(keep[col.name], dtype=bool) if col.name in keep else thin
            if skip is not None and not skip.any():
                skip = None
            values = lines if col.name == "line" else self.column(col.name, positions, thin=skip, at=at)
            data[col.name] = pd.Series(values, dtype=col.restore, index=index, copy=False) if index is not None else \
                pd.Series(values, dtype=col.restore, copy=False)
        return pd.DataFrame(data, index=index, copy=False) if index is not None else pd.DataFrame(data, copy=False)  # (fresh arrays: no copy)


class _Unused:
    """A category of no figure (a missing value of the entry's table: its figures have code -1)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unused>"


class Unusable(Exception):
    """The corpus entry cannot serve this run (the whole directory is loaded instead)."""


_DAMAGE = (CorruptEntry, OSError, ValueError, IndexError, KeyError, TypeError)


def _or_whole(method):
    """A method of CachedCorpus that reads the entry: should what it reads be damaged, the whole
    directory is loaded and the method answers from it (the same figures, in the same order)."""
    import functools

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if self._whole_corpus is None:
            try:
                return method(self, *args, **kwargs)
            except _DAMAGE:
                self._load_whole()
        return method(self, *args, **kwargs)

    return guarded


class CachedCorpus:
    """A corpus read from its corpus entry and the files read afresh: the frames of ucheck.load.corpus,
    read when they are asked for, and what a focused run (ucheck.check.context.focus) reads —
    :meth:`key_frame`, :meth:`figure_rows`, :meth:`load_seeds`, :meth:`problems_in`. ``seeds`` holds
    the seeds loaded so far (those of the files read afresh, and those asked for)."""

    def __init__(self, root: Path, entry: _Entry, paths: list[Path], files: list[Path], rels: list[str], keys: tuple[FigureKey, ...],
                 seeds_dir, lang: str, cache: LoadCache, fresh: set[str]):
        self.root, self.entry, self._paths, self._files, self._rels = root, entry, paths, files, rels
        self._keys, self._seeds_dir, self._lang, self._cache = keys, seeds_dir, lang, cache
        self.meta = entry.files
        self.meta_files = {rel: i for i, rel in enumerate(self.meta["rel"])}
        self.seeds: dict = {}
        self._verified: set[str] = set()
        self._whole_corpus: Corpus | None = None  # when the entry could no longer serve: everything loaded
        self._read_afresh(fresh)

    def _load_whole(self) -> None:
        """Load the whole directory after all (a file read afresh for its seed changed a column's
        type): the same figures in the same order, so what was computed from the keys still holds."""
        from ucheck.load.corpus import load_corpus

        self._whole_corpus = load_corpus(self._paths, self.root, seeds_dir=self._seeds_dir, keys=self._keys, cache=self._cache,
                                         lang=self._lang)
        self.seeds = self._whole_corpus.seeds

    # -- the files read afresh ----------------------------------------------------------------------
    def _read_afresh(self, fresh: set[str]) -> None:
        self._fresh_rels = fresh
        if not hasattr(self, "_frames_desc"):
            self._frames_desc = {name: _Frame(self.entry, name, pd.DataFrame(), []) for name in FRAMES}  # the entry's rows alone
        reader = _Reader(self.root, self._seeds_dir, self._keys, self._lang)
        trace = Trace(self.root)
        if fresh:
            self._cache.open(self._keys, READER_LISTS, self._lang)
        for f, rel in zip(self._files, self._rels):
            if rel in fresh:
                f = Path(os.fspath(f))
                trace.before(reader, f)
                self._cache.read(reader, f, rel)
                trace.after(reader, f)
        self.seeds.update(reader.seeds)
        problems = list(reader.problems)
        self._fresh_trace = {t["rel"]: t for t in trace.files}
        self._fresh = self._fresh_frames(reader) if fresh else _Nothing()
        self._fresh_problems = problems
        _check_claims(self.meta, self._rels, self._fresh_trace)
        spans = {}
        for name in FRAMES:
            s = []
            for rel in self._rels:
                if rel in self._fresh_trace:
                    a, b = self._fresh_trace[rel]["rows"][name]
                    s.append((1, a, b))
                else:
                    a, b = self.meta["rows:" + name][self.meta_files[rel]].tolist()
                    s.append((0, a, b))
            spans[name] = s
        self._frames = {name: _Frame(self.entry, name, getattr(self._fresh, name), spans[name], self._frames_desc[name].columns)
                        for name in FRAMES}
        self._check_types()
        self._cached: dict = {}

    def _fresh_frames(self, reader) -> Corpus:
        """The frames of the files read afresh, built as a load of the whole corpus builds them:
        with the entry's witness rows of each column's classes of values (of files it serves), so
        that every column gets the type it has in a whole load; then the witnesses are left out."""
        served = np.zeros(len(self.meta["rel"]), dtype=bool)
        for rel in self._rels:
            if rel not in self._fresh_trace:
                served[self.meta_files[rel]] = True
        counts = {}
        for name in FRAMES:
            desc = self.entry.meta["frames"][name]
            starts = np.asarray(self.meta["rows:" + name][:, 0], dtype=np.int64)
            rows: set[int] = set()
            for col in desc["columns"]:
                for bit, candidates in col.get("witnesses", {}).items():
                    mine = [r for r in candidates if served[np.searchsorted(starts, r, side="right") - 1]]
                    if mine:
                        rows.add(mine[0])
                    elif candidates and self._class_served(name, col, int(bit), served, starts):
                        raise Unusable(f"{name}.{col['name']}: no witness")
            lst = getattr(reader, name)
            counts[name] = len(lst)
            lst.extend(self._raw_rows(name, sorted(rows)))
        whole = corpus_of(reader, self.root, self._keys, None)
        for name in FRAMES:
            setattr(whole, name, getattr(whole, name).iloc[:counts[name]])
        return whole

    def _class_served(self, name: str, col: dict, bit: int, served: np.ndarray, starts: np.ndarray) -> bool:
        """Whether a file the entry serves holds a value of class ``bit`` in the column (its
        witnesses all being in files read afresh)."""
        column = _Column(self.entry, col)
        n = self.entry.meta["frames"][name]["rows"]
        files = np.searchsorted(starts, np.arange(n), side="right") - 1
        rows = np.flatnonzero(served[files]) if n else np.zeros(0, dtype=np.int64)
        codes = np.unique(column.codes()[rows].astype(np.int64))
        return any(_value_class(v) == bit for v in column.decode(codes.tolist()))

    def _raw_rows(self, name: str, rows: list[int]) -> list:
        """Rows of the entry as the reader makes them (tuples of figures and stated rules, dicts of
        the rest; a missing value None), for the frames to be built from."""
        if not rows:
            return []
        at = np.asarray(rows, dtype=np.int64)
        frame = self._frames_desc[name]
        lines = frame.by_name["line"].values(at)
        cols = {c.name: (lines if c.name == "line" else c.values(at)).tolist() for c in frame.columns}
        names = _reader_columns(frame, name, self._keys)
        clean = {c: [None if _value_class(v) == MISSING else v for v in cols[c]] for c in names}
        if name in ("figures", "stated"):
            return [tuple(clean[c][i] for c in names) for i in range(len(rows))]
        return [{c: clean[c][i] for c in names} for i in range(len(rows))]

    def _check_types(self) -> None:
        """The column types of a load of the whole corpus now (those of the frames read afresh, built
        with the witnesses) are those of the entry: its values are served as they are."""
        for name, frame in self._frames.items():
            fresh = getattr(self._fresh, name)
            if not len(fresh.columns):
                continue  # nothing read afresh
            for col in frame.columns:
                if fresh[col.name].dtype != col.restore:
                    raise Unusable(f"{name}.{col.name}: {fresh[col.name].dtype} now, {col.restore} in the entry")

    # -- the frames -------------------------------------------------------------------------------------
    @_or_whole
    def _whole(self, name: str) -> pd.DataFrame:
        if self._whole_corpus is not None:
            return getattr(self._whole_corpus, name)
        got = self._cached.get(name)
        if got is None:
            frame = self._frames[name]
            got = self._cached[name] = frame.rows(np.arange(len(frame)))
        return got

    @property
    def articles(self) -> pd.DataFrame:
        return self._whole("articles")

    @property
    def ignored(self) -> pd.DataFrame:
        return self._whole("ignored")

    @property
    def waivers(self) -> pd.DataFrame:
        return self._whole("waivers")

    @property
    def stated(self) -> pd.DataFrame:
        return self._whole("stated")

    @property
    @_or_whole
    def figures(self) -> pd.DataFrame:
        """Every figure (all of it decoded: a focused run reads :meth:`figure_rows` instead)."""
        if self._whole_corpus is not None:
            return self._whole_corpus.figures
        got = self._cached.get("figures")
        if got is None:
            got = self._cached["figures"] = self.figure_rows(np.arange(len(self._frames["figures"])))
        return got

    @_or_whole
    def figure_rows(self, positions, thin=None, keep=()) -> pd.DataFrame:
        """The figures at ``positions`` (ascending), indexed by them, as ``figures.iloc[positions]``
        — but where ``thin`` is true (rows only counted in a statistic: see RuleKind.cited), with
        only the columns ``keep`` and the numbers: the other texts missing, field_offsets empty.
        ``keep`` may map a column to the thin rows that keep it (RuleKind.thin_keys)."""
        positions = np.asarray(positions, dtype=np.int64)
        if self._whole_corpus is not None:
            return self._whole_corpus.figures.iloc[positions]
        return self._frames["figures"].rows(positions, index=pd.Index(positions), thin=thin, keep=keep)

    @_or_whole
    def figures_in(self, scope) -> np.ndarray:
        """A boolean array over the figures: those of the files in ``scope`` (an engine.Scope)."""
        if self._whole_corpus is not None:
            files = self._whole_corpus.figures["file"]
            return files.isin([f for f in pd.unique(files.to_numpy(dtype=object)) if isinstance(f, str) and scope.contains(f)]).to_numpy()
        frame = self._frames["figures"]
        out = np.zeros(len(frame), dtype=bool)
        for rel, start, end in zip(self._rels, frame.starts.tolist(), [*frame.starts[1:].tolist(), len(frame)]):
            if scope.contains(rel):
                out[start:end] = True
        return out

    def key_values(self, name: str, codes: list[int]) -> list | None:
        """The values of ``codes`` of :meth:`key_codes` (``name``); None when they cannot be read
        (the entry damaged, or no longer used: the caller reads the column instead)."""
        if self._whole_corpus is not None:
            return None
        try:
            frame = self._frames["figures"]
            col = frame.by_name[name]
            n_entries = len(col.entry.array(col.desc["offsets"])) - 1
            out = dict(zip([c for c in codes if c < n_entries], col.decode([c for c in codes if c < n_entries])))
            if any(c >= n_entries for c in codes):
                all_codes = self.key_codes(name)
                new = np.flatnonzero(frame.src == 1)
                for i, v in zip(new.tolist(), frame.fresh[name].to_numpy(dtype=object)[frame.row[new]].tolist()):
                    out.setdefault(int(all_codes[i]), v)
        except _DAMAGE:
            return None
        return [out[c] for c in codes]

    @property
    def n_figures(self) -> int:
        return len(self._whole_corpus.figures) if self._whole_corpus is not None else len(self._frames["figures"])

    @_or_whole
    def key_codes(self, name: str) -> np.ndarray:
        """Integer codes of a figure column, equal where the values are (-1: missing), read from the
        entry's codes without decoding its values (a value read afresh is found by its hash)."""
        if self._whole_corpus is not None:
            return pd.factorize(self._whole_corpus.figures[name].to_numpy(dtype=object))[0].astype(np.int64)
        frame = self._frames["figures"]
        col = frame.by_name[name]
        n_entries = len(col.entry.array(col.desc["offsets"])) - 1
        to_key = np.arange(n_entries, dtype=np.int64)
        to_key[col.desc["missing_codes"]] = -1
        entry_codes = to_key[col.codes().astype(np.int64)]
        if frame.identity:  # every row the entry's, in its order
            return entry_codes[:len(frame)]
        codes = entry_codes[frame.entry_row]  # (the rows read afresh are set below)
        new = frame.fresh_at
        if len(new):
            values = frame.fresh[name].to_numpy(dtype=object)[frame.row[new]].tolist()
            distinct = {(type(v), v): _entry_hash(_entry_bytes(v)) for v in values if _value_class(v) != MISSING}
            hashes = col.entry.array(col.desc["hashes"])
            wanted = np.asarray(sorted(set(distinct.values())), dtype=np.uint64)
            by_hash: dict = {}
            for c in np.flatnonzero(np.isin(hashes, wanted)).tolist():  # one pass over the table's hashes
                by_hash.setdefault(int(hashes[c]), []).append(c)
            added: dict = {}
            for key, h in distinct.items():
                match = next((c for c in by_hash.get(h, []) if type(col.value(c)) is key[0] and col.value(c) == key[1]), None)
                added[key] = match if match is not None else n_entries + sum(1 for a in added.values() if a >= n_entries)
            for i, v in zip(new.tolist(), values):
                if _value_class(v) != MISSING:
                    codes[i] = added[(type(v), v)]
        return codes

    @_or_whole
    def number_column(self, name: str) -> np.ndarray:
        """A numeric figure column (a quantity: q_value …) of every figure, as floats."""
        if self._whole_corpus is not None:
            return self._whole_corpus.figures[name].to_numpy(dtype=float)
        frame = self._frames["figures"]
        col = frame.by_name[name]
        if col.kind != "array":
            return np.asarray(frame.column(name, np.arange(len(frame))), dtype=float)
        data = col.data()
        out = np.array(data[:len(frame)] if frame.identity else data[frame.entry_row], dtype=float)  # (a fresh row: fixed below)
        if len(frame.fresh_at):
            out[frame.fresh_at] = frame.fresh[name].to_numpy(dtype=float)[frame.row[frame.fresh_at]]
        return out

    @_or_whole
    def key_column(self, name: str) -> pd.Series:
        """A figure column of every figure, as a categorical over the column's distinct values."""
        if self._whole_corpus is not None:
            return self._whole_corpus.figures[name].reset_index(drop=True)
        codes = self.key_codes(name)
        frame = self._frames["figures"]
        col = frame.by_name[name]
        n_entries = len(col.entry.array(col.desc["offsets"])) - 1
        values = col.decode(list(range(n_entries)))
        for c in col.desc["missing_codes"]:
            values[c] = _Unused()  # (no figure has this code: its figures have -1)
        extra = int(codes.max(initial=-1)) + 1 - n_entries
        if extra > 0:  # values read afresh that the entry does not hold
            new = np.flatnonzero(frame.src == 1)
            found = dict(zip(codes[new].tolist(), frame.fresh[name].to_numpy(dtype=object)[frame.row[new]].tolist()))
            values += [found[c] for c in range(n_entries, n_entries + extra)]
        return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(values, dtype=object)))

    # -- seeds and problems -------------------------------------------------------------------------------
    @_or_whole
    def load_seeds(self, articles) -> None:
        """Load the seeds of ``articles`` (their files served by the entry: loaded now, and a file
        whose seed no longer gives the key it gave is read afresh)."""
        if self._whole_corpus is not None:
            return
        arts = self.articles
        file_of = dict(zip(arts["article"].tolist(), arts["file"].tolist())) if len(arts) else {}
        changed = set()
        for article in articles:
            rel = file_of.get(article)
            if rel is None or rel in self._fresh_trace or rel in self._verified:
                continue
            self._verified.add(rel)
            seed = self.entry.seed_call(self.meta_files[rel])
            if seed is None:
                continue
            seed_rel, line, key = seed
            problems: list = []
            got = load_seed(seed_rel, rel, line, self.root, self._seeds_dir, self.seeds, problems, article, self._lang)
            if got != key or problems:
                changed.add(rel)
        if changed:
            try:
                self._read_afresh(self._fresh_rels | changed)
            except Unusable:
                self._load_whole()

    @_or_whole
    def problems_in(self, scope) -> list:
        """The problems of loading the files in ``scope`` (an engine.Scope), in reading order."""
        if self._whole_corpus is not None:
            return [p for p in self._whole_corpus.problems if scope.contains(p.file)]
        out = []
        offsets = None
        blob = None
        for rel in self._rels:
            if not scope.contains(rel):
                continue
            if rel in self._fresh_trace:
                a, b = self._fresh_trace[rel]["problems"]
                out += self._fresh_problems[a:b]
                continue
            if offsets is None:
                offsets = self.entry.array(self.entry.meta["problem_offsets"])
                blob = self.entry.block(self.entry.meta["problems"])
            i = self.meta_files[rel]
            try:
                got = json.loads(blob[int(offsets[i]):int(offsets[i + 1])], object_hook=decode_object)
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                raise CorruptEntry("problems") from exc
            out += got
        return out

    @property
    def problems(self) -> list:
        class _All:
            def contains(self, file):
                return True

        return self.problems_in(_All())


def _reader_columns(frame: "_Frame", name: str, keys) -> list[str]:
    """The columns of a frame that the reader fills: all of them, but the figures' computed ones."""
    from ucheck.load.corpus import FIGURE_COLUMNS

    if name == "figures":
        return [*FIGURE_COLUMNS, *(k.name for k in keys)]
    return [c.name for c in frame.columns]


class _Nothing:
    """The frames of no file read afresh."""

    def __getattr__(self, name):
        if name in FRAMES:
            return pd.DataFrame()
        raise AttributeError(name)


def _repr(v) -> str:
    return "none" if v is None else "nan"


def _check_claims(meta_files: dict, rels: list[str], fresh: dict) -> None:
    """No article id changes hands: the ids claimed by the files read afresh (now and when the entry
    was written) are claimed by no other file."""
    old: dict[str, list[str]] = {}
    recorded = dict(zip(meta_files["rel"], meta_files["claim"]))
    for rel, claim in recorded.items():
        if claim is not None:
            old.setdefault(claim, []).append(rel)
    now: dict[str, list[str]] = {}
    for rel in rels:
        claim = fresh[rel]["claim"] if rel in fresh else recorded.get(rel)
        if claim is not None:
            now.setdefault(claim, []).append(rel)
    touched = set(fresh) | (set(recorded) - set(rels))  # read afresh, or removed
    for rel in touched:
        claims = [recorded.get(rel)] + ([fresh[rel]["claim"]] if rel in fresh else [])
        for c in claims:
            if c is not None and (len(old.get(c, [])) > 1 or len(now.get(c, [])) > 1):
                raise Unusable(f"article id {c!r} changes hands")


def open_cached(paths: list[Path], root: Path, seeds_dir: Path | None, keys: tuple[FigureKey, ...], cache: LoadCache,
                lang: str) -> CachedCorpus | None:
    """The corpus of ``paths`` from its corpus entry, or None when there is none it can be served from."""
    from ucheck.load.cache import signature

    files = _listing(paths, root)
    cache.open(keys, READER_LISTS, lang)
    path = entry_path(cache, paths, root)
    try:
        if cache.dir.is_symlink():
            return None
        entry = _Entry(path, signature(keys), lang)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, CorruptEntry):
        return None
    try:
        rels, fresh = _to_read(entry, files, root)
        if len(fresh) > fresh_limit(len(files)) or not _dirs_unchanged(entry.meta["dirs"], root):
            entry.close()
            return None
        return CachedCorpus(root, entry, paths, files, rels, keys, seeds_dir, lang, cache, fresh)
    except (Unusable, CorruptEntry, OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        entry.close()
        return None


class _Listed(os.PathLike):
    """A curated file as a path string (10,000 of them: a Path each costs more than the rest)."""

    __slots__ = ("path",)

    def __init__(self, path: str):
        self.path = path

    def __fspath__(self) -> str:
        return self.path

    @property
    def parent(self) -> Path:
        return Path(self.path).parent

    @property
    def name(self) -> str:
        return self.path.rpartition(os.sep)[2]

    def __str__(self) -> str:
        return self.path


def _listing(paths: list[Path], root: Path) -> list:
    """curated_files(paths, root), a directory's files listed without a Path object each (the same
    files in the same order; a directory that cannot be listed is left to curated_files to report)."""
    out: list = []
    for p in paths:
        if not p.is_dir():
            out.append(p)
            continue
        try:
            with os.scandir(p) as entries:
                names = sorted(e.name for e in entries if e.name.endswith((".yaml", ".yml")))
        except OSError:
            return curated_files(paths, root)
        base = os.fspath(p)
        out.extend(_Listed(os.path.join(base, name)) for name in names)
    return out if out else curated_files(paths, root)


def _to_read(entry: _Entry, files: list[Path], root: Path) -> tuple[list[str], set[str]]:
    """Each file's path relative to the root (as relative_to_root gives it: its directory resolved
    once, a symbolic link on its own) and the files to read afresh: added, changed, not regular,
    or with an unusable seed."""
    from ucheck.load.seeds import _real_dir

    recorded = entry.files
    known = {rel: i for i, rel in enumerate(recorded["rel"])}
    fresh_before = recorded["fresh"].tolist()
    stamps = [s if t else None for s, t in zip(recorded["stamp"].tolist(), recorded["trusted"].tolist())]
    digests = recorded["sha256"]
    base = _real_dir(str(root))
    prefixes: dict = {}
    rels: list[str] = []
    fresh = set()
    lstat, is_link = os.lstat, stat.S_ISLNK
    for f in files:
        path = os.fspath(f)
        try:
            st = lstat(path)
        except OSError:
            st = None
        parent, _, name = path.rpartition(os.sep)
        prefix = prefixes.get(parent)
        if prefix is None:
            try:
                prefix = prefixes[parent] = _real_dir(str(f.parent)).relative_to(base).as_posix()
            except (ValueError, OSError, RuntimeError):
                prefix = prefixes[parent] = False
        if prefix is False or st is None or is_link(st.st_mode) or name in ("", ".", "..") or not parent:
            rel = relative_to_root(f, root)
        else:
            rel = name if prefix == "." else f"{prefix}/{name}"
        rels.append(rel)
        i = known.get(rel)
        if i is None or fresh_before[i] or st is None or not stat.S_ISREG(st.st_mode):
            fresh.add(rel)
            continue
        if stamps[i] == [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]:
            continue
        try:
            data = yamlsafe.read_bytes(f)
        except (OSError, yamlsafe.YamlProblem):
            fresh.add(rel)
            continue
        if hashlib.sha256(data).digest() != digests[i].tobytes():
            fresh.add(rel)
    return rels, fresh


def _dirs_unchanged(dirs: dict, root: Path) -> bool:
    for d, recorded in dirs.items():
        if recorded is None:
            return False
        try:
            st = os.lstat(root / d)
        except OSError:
            return False
        if [st.st_mode, *_stamp(st)] != recorded:
            return False
    return True


def load(paths: list[Path], root: Path, seeds_dir: Path | None, keys: tuple[FigureKey, ...], cache: LoadCache, lang: str = "en"):
    """The corpus of ``paths`` for a run that reports a few files: served by the corpus entry when
    it can be (a :class:`CachedCorpus`), else loaded whole through the per-file entries — and a
    new corpus entry written."""
    from ucheck.load.cache import signature
    from ucheck.load.corpus import load_corpus

    got = open_cached(paths, root, seeds_dir, keys, cache, lang)
    if got is not None:
        return got
    trace = Trace(root)
    corpus = load_corpus(paths, root, seeds_dir=seeds_dir, keys=keys, cache=cache, lang=lang, trace=trace)
    if cache.writable and cache.entries.is_dir() and not cache.dir.is_symlink():
        write(entry_path(cache, paths, root), corpus, trace, signature(keys), lang, seeds_dir)
    return corpus
