"""Safe YAML reading with line numbers: libyaml composes, we construct only plain data.

PyYAML's C composer gives nodes with their marks; we build dicts, lists and scalars from them
ourselves so that every key keeps its line, duplicate keys are caught, no tag outside the YAML core
schema is honoured (``!!python/object`` is refused, not built), and alias expansion is bounded.

Bounds, so that no input costs unbounded time or memory and none crashes the interpreter:

* files above :data:`MAX_FILE_BYTES` are not read (:func:`read_bytes`), nor anything that is not a
  regular file (a FIFO would block, ``/dev/zero`` never ends): curated files, seeds, rules files,
  the configuration and the seed of ``ucheck draft`` alike. The file is opened first (without
  blocking) and the open descriptor examined, so a name swapped between a check and the read
  changes nothing; the read itself stops at the limit;
* a directory that cannot be listed is an :class:`InputError` (:func:`yaml_files`), not an empty
  one: a run that silently read nothing would pass;
* nesting deeper than :data:`MAX_DEPTH` is refused. libyaml's composer recurses in C and overflows
  the C stack at some 20,000 levels (a segmentation fault, not an exception), so a cheap scan bounds
  the depth first (:func:`_may_nest_deeply`); only a file that could be deep is walked event by
  event, which stops at the first level too many;
* an alias re-expands its anchor's nodes: at most :data:`MAX_ALIAS_NODES` of them per document
  (a "billion laughs" is refused in milliseconds), and an alias inside its own anchor is refused.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ucheck.i18n import Phrase, phrases
from ucheck.suggest import quote

try:
    from yaml._yaml import CParser as _Parser

    _BYTE_OFFSETS = True  # libyaml reads the text as UTF-8: a ReaderError's position counts bytes
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _BYTE_OFFSETS = False  # PyYAML's own reader counts characters
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

        def dispose(self):
            pass


_CORE = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"
_TEXT_TAGS = frozenset({_STR, _CORE + "timestamp", _CORE + "binary"})
_MERGE = _CORE + "merge"
MAX_NODES = 2_000_000
MAX_ALIAS_NODES = 100_000
MAX_DEPTH = 64


def _max_file_bytes() -> int:
    """10 MB, or UCHECK_MAX_FILE_MB (a positive number; anything else is ignored)."""
    try:
        mb = float(os.environ.get("UCHECK_MAX_FILE_MB", "10"))
    except ValueError:
        mb = 10.0
    return int(mb * 1024 * 1024) if 0 < mb < 1e6 else 10 * 1024 * 1024


MAX_FILE_BYTES = _max_file_bytes()
# Below these, libyaml's recursion is at most some 800 levels deep (see _may_nest_deeply).
_SCAN_BRACKETS = 200
_SCAN_PREFIX = re.compile(r"^[ \t?:\-]{200}", re.M)


# What a file that cannot be read as data is, in both languages (the curated reader reports it as a
# finding in the language of the run; rules files and the configuration stop the command in English).
SAY = phrases(
    __name__,
    not_regular=("not a regular file (a directory, device or pipe): not read", "不是普通文件（目录、设备或管道）：未读取"),
    too_large=("file too large: {size}, above the limit of {limit} (UCHECK_MAX_FILE_MB): not read",
               "文件过大：{size}，超过 {limit} 的上限（UCHECK_MAX_FILE_MB）：未读取"),
    grew=("file too large: above the limit of {limit} (UCHECK_MAX_FILE_MB): not read",
          "文件过大：超过 {limit} 的上限（UCHECK_MAX_FILE_MB）：未读取"),
    not_utf8=("not UTF-8: byte 0x{byte} cannot be decoded", "不是 UTF-8 编码：字节 0x{byte} 无法解码"),
    too_deep=("nesting deeper than {depth} levels", "嵌套超过 {depth} 层"),
    # PyYAML's own words ({detail}, {reason}) stay as PyYAML gives them
    invalid=("invalid YAML: {detail}", "YAML 格式错误：{detail}"),
    bad_character=("invalid YAML: character #x{code} is not allowed ({reason})", "YAML 格式错误：不允许出现字符 #x{code}（{reason}）"),
    recursion=("invalid YAML: nesting too deep", "YAML 格式错误：嵌套过深"),
    own_anchor=("an alias refers to its own anchor (a recursive structure)", "别名引用了它自己的锚点（递归结构）"),
    tag=("tag {tag} is not allowed", "不允许使用标签{tag}"),
    key_not_scalar=("a mapping key must be a scalar", "映射的键必须是标量"),
    merge_key=("merge keys (<<) are not supported", "不支持合并键（<<）"),
    duplicate_key=("duplicate key {key} (first on line {first})", "重复的键{key}（首次出现在第 {first} 行）"),
    alias_bomb=("aliases expand to more than {count} nodes (an alias bomb?)", "别名展开后超过 {count} 个节点（别名炸弹？）"),
    too_many_nodes=("document has more than {count} nodes (a curated file is one article: split it)",
                    "文档超过 {count} 个节点（一个整理文件只放一篇文章：请拆分）"),
)


class YamlProblem(ValueError):
    """A YAML file that cannot be read as data; ``line``/``column`` are 1-based.

    Made of a phrase of :data:`SAY` and its values: ``str()`` is the English text (what a rules file
    or the configuration reports), :meth:`text` the text in a language (a curated file's finding)."""

    def __init__(self, phrase: Phrase | str, line: int = 1, column: int = 1, **values):
        self.phrase, self.values = phrase, values
        super().__init__(self.text("en"))
        self.line = line
        self.column = column

    def text(self, lang: str) -> str:
        """The message in ``lang`` (a value that is a function of the language is said in it)."""
        if not isinstance(self.phrase, Phrase):
            return self.phrase
        return self.phrase(lang, **{k: v(lang) if callable(v) else v for k, v in self.values.items()})


def _quoted(value):
    """A key or tag as a message quotes it: 'x' in English (Python's repr), “x” in Chinese."""
    return lambda lang: quote(value, lang) if lang == "zh" else repr(value)


class LineDict(dict):
    """A mapping that remembers its own line and each key's line (1-based)."""

    line: int = 1
    column: int = 1

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.key_lines: dict = {}  # key -> line
        self.key_columns: dict = {}  # key -> column

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)

    def column_of(self, key) -> int:
        return self.key_columns.get(key, self.column)


class LineList(list):
    line: int = 1
    column: int = 1


class InputError(Exception):
    """Input that cannot be read at all, so that the run would check nothing (a directory that
    cannot be listed, no curated file): the command stops with exit status 2."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where


def yaml_files(directory: Path, shown: str | None = None) -> list[Path]:
    """The ``*.yaml`` and ``*.yml`` entries of ``directory`` (not its subdirectories), sorted.

    :class:`InputError` (naming the directory as ``shown``) when it cannot be listed: ``Path.glob``
    would return nothing for a directory of mode 000, and a gate that read nothing would pass.
    """
    try:
        with os.scandir(directory) as entries:
            names = [e.name for e in entries if e.name.endswith((".yaml", ".yml"))]
    except OSError as exc:
        raise InputError(shown or str(directory), f"cannot be listed ({exc.strerror or exc}): nothing in it can be checked") from None
    return [directory / name for name in sorted(names)]


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default :data:`MAX_FILE_BYTES`).

    YamlProblem (at line 1) for a file too large or not a regular file; OSError as ``open`` raises it.
    The file is opened without blocking (a FIFO would wait for a writer) and its descriptor, not its
    name, is examined; the read itself is bounded, so a file that grows while it is read cannot
    exhaust memory.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:  # a system that does not open a directory for reading
        raise YamlProblem(SAY.not_regular) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise YamlProblem(SAY.not_regular)
        if st.st_size > limit:
            raise YamlProblem(SAY.too_large, size=_mb(st.st_size), limit=_mb(limit))
        fh = open(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        chunks, total = [], 0
        want = st.st_size + 1  # read(limit + 1) would allocate the whole limit for every file
        while True:
            asked = max(1, min(want, limit + 1 - total))
            chunk = fh.read(asked)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while it was read
                raise YamlProblem(SAY.grew, limit=_mb(limit))
            if len(chunk) < asked:  # the end of a regular file (no second read: read(n) allocates n)
                break
            want = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def decode(data: bytes) -> str:
    """UTF-8 text of a file (a leading BOM is dropped); YamlProblem at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise YamlProblem(SAY.not_utf8, line, col, byte=f"{data[exc.start]:02x}") from None


# -- composing ------------------------------------------------------------------------------------

def _implicit_table() -> dict:
    """YAML 1.1 implicit tags by first character, as PyYAML's SafeLoader resolves plain scalars.

    ``=`` (the value tag) and ``!``/``&``/``*`` (the yaml tag) are left out: such a scalar is a string.
    """
    table: dict = {}
    for first, pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        kept = tuple((tag, rx) for tag, rx in pairs if tag not in (_CORE + "value", _CORE + "yaml"))
        if kept:
            table[first] = kept
    wild = table.pop(None, ())
    return {k: v + wild for k, v in table.items()}


class _Composer(_Parser):
    """libyaml's composer with a lean resolver: no path resolvers, one table lookup per scalar."""

    def resolve(self, kind, value, implicit, _get=_implicit_table().get, _scalar=ScalarNode):
        if kind is _scalar:
            # Every implicit tag of YAML 1.1 (bool, int, float, null, timestamp) is ASCII: a plain
            # scalar with a Chinese character in it (1.1万项) is a string without trying them.
            if implicit[0] and value.isascii():
                pairs = _get(value[:1])
                if pairs is not None:
                    for tag, rx in pairs:
                        if rx.match(value):
                            return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


def _may_nest_deeply(text: str) -> bool:
    """False when the document certainly nests less than ~800 levels (libyaml recursion is then safe).

    Every collection the parser opens comes from a ``[`` or ``{`` (plus at most one implicit
    single-pair mapping inside each), or from a block indentation level — a distinct column, reached
    on its first line only through spaces, tabs and the indicators ``-``, ``?`` and ``:``. So the
    depth is at most 2 × the bracket nesting + 2 × (the longest such line prefix + 1). Quoted
    brackets only overestimate.
    """
    if text.count("[") + text.count("{") >= _SCAN_BRACKETS:
        depth = _bracket_depth(text)
        if depth >= _SCAN_BRACKETS:
            return True
    return _SCAN_PREFIX.search(text) is not None


def _bracket_depth(text: str) -> int:
    import numpy as np

    brackets = "".join(re.findall(r"[\[\]{}]", text)).encode("ascii")
    b = np.frombuffer(brackets, dtype=np.uint8)
    step = np.where((b == 91) | (b == 123), 1, -1).astype(np.int32)
    return int(np.cumsum(step).max(initial=0))


def _first_too_deep_bracket(text: str, start: int, end: int, depth: int) -> int | None:
    """Offset of the first ``[``/``{`` in ``text[start:end]`` that opens level MAX_DEPTH + 1 when the
    text before ``start`` is ``depth`` levels deep, or None."""
    import numpy as np

    chars = np.frombuffer(text[start:end].encode("utf-32-le"), dtype=np.uint32)
    at = np.flatnonzero((chars == 91) | (chars == 93) | (chars == 123) | (chars == 125))
    opens = (chars[at] == 91) | (chars[at] == 123)
    deep = np.flatnonzero(depth + np.cumsum(np.where(opens, 1, -1)) > MAX_DEPTH)
    return start + int(at[deep[0]]) if deep.size else None


def _check_depth_by_events(text: str) -> None:
    """Walk the parser's events (no recursion) and stop at the first level deeper than MAX_DEPTH.

    libyaml's scanner reads ahead through a flow collection (``[[[…``) and may refuse a deep one
    itself, in words that change between releases (PyYAML 6.0.4: "exceeded maximum nesting depth"),
    before the walk reaches level MAX_DEPTH + 1. Whatever it says, an error inside a flow collection
    whose brackets open more than MAX_DEPTH levels is our refusal, at the bracket of the first level
    too many. (Marks count characters, so ``index`` is an offset into ``text``.)
    """
    parser = _Composer(text)
    depth = 0
    flow = None  # (offset of the outermost open flow collection, the depth outside it)
    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        while parser.check_event():
            ev = parser.get_event()
            if isinstance(ev, opening):
                if ev.flow_style and flow is None:
                    flow = (ev.start_mark.index, depth)
                depth += 1
                if depth > MAX_DEPTH:
                    m = ev.start_mark
                    raise YamlProblem(SAY.too_deep, m.line + 1, m.column + 1, depth=MAX_DEPTH)
            elif isinstance(ev, closing):
                depth -= 1
                if flow is not None and depth <= flow[1]:
                    flow = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if flow is None or mark is None:
            raise
        line_end = text.find("\n", mark.index)
        deep = _first_too_deep_bracket(text, flow[0], len(text) if line_end < 0 else line_end, flow[1])
        if deep is None:
            raise
        line = text.count("\n", 0, deep) + 1
        raise YamlProblem(SAY.too_deep, line, deep - text.rfind("\n", 0, deep), depth=MAX_DEPTH) from None
    finally:
        parser.dispose()


def _char_offset(text: str, pos: int) -> int:
    """The offset in ``text`` (characters) of a reader error's position (bytes of its UTF-8 form
    with libyaml): after 全省 a byte offset is three times the character offset."""
    if not _BYTE_OFFSETS or text.isascii():
        return pos
    return len(text.encode("utf-8", "surrogatepass")[:pos].decode("utf-8", "ignore"))


def load(text: str):
    """Plain data (LineDict / LineList / scalars) of one YAML document; YamlProblem if it is not."""
    try:
        if _may_nest_deeply(text):
            _check_depth_by_events(text)
        parser = _Composer(text)
        try:
            node = parser.get_single_node()
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        raise YamlProblem(SAY.invalid, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1, detail=msg) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        pos = exc.position if isinstance(exc.position, int) else 0
        pos = _char_offset(text, pos)
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        ch = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise YamlProblem(SAY.bad_character, line, col, code=f"{ch:04x}", reason=exc.reason) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(SAY.invalid, detail=" ".join(str(exc).split())) from None
    except RecursionError:
        raise YamlProblem(SAY.recursion) from None
    if node is None:
        return None
    return _Builder().build(node, 0, None, (1, 1))


# -- building plain data --------------------------------------------------------------------------

class _Builder:
    """Nodes → LineDict / LineList / scalars, depth-, size- and alias-bounded."""

    def __init__(self):
        self.nodes = MAX_NODES
        self.alias_nodes = MAX_ALIAS_NODES
        self.seen: set[int] = set()  # collections built once: meeting one again is an alias
        self.active: set[int] = set()  # collections being built: meeting one is a recursive alias

    def build(self, node, depth: int, alias, parent: tuple[int, int]):
        """``alias``: None, or (line, column) of the collection holding the alias being expanded."""
        cls = type(node)
        if cls is ScalarNode:
            self._count(node, alias, 1)
            tag = node.tag
            return node.value if tag in _TEXT_TAGS else _scalar(node, tag)
        if depth >= MAX_DEPTH:
            m = node.start_mark
            raise YamlProblem(SAY.too_deep, m.line + 1, m.column + 1, depth=MAX_DEPTH)
        nid = id(node)
        if nid in self.active:
            m = node.start_mark
            raise YamlProblem(SAY.own_anchor, m.line + 1, m.column + 1)
        if nid in self.seen and alias is None:
            alias = parent
        self.seen.add(nid)
        items = node.value
        self._count(node, alias, 1 + (2 * len(items) if cls is MappingNode else len(items)))
        self.active.add(nid)
        m = node.start_mark
        line, col = m.line + 1, m.column + 1
        here = (line, col)
        tag = node.tag
        # Scalar children (nearly all of them) are read inline: one call per collection, not per node.
        if cls is MappingNode:
            if tag != _MAP:
                raise YamlProblem(SAY.tag, line, col, tag=_quoted(tag))
            out = LineDict()
            out.line, out.column = line, col
            key_lines, key_columns = out.key_lines, out.key_columns
            for knode, vnode in items:
                km = knode.start_mark
                if type(knode) is not ScalarNode:
                    raise YamlProblem(SAY.key_not_scalar, km.line + 1, km.column + 1)
                ktag = knode.tag
                if ktag in _TEXT_TAGS:
                    key = knode.value
                elif ktag == _MERGE:
                    raise YamlProblem(SAY.merge_key, km.line + 1, km.column + 1)
                else:
                    key = _scalar(knode, ktag)
                if key in out:
                    raise YamlProblem(SAY.duplicate_key, km.line + 1, km.column + 1, key=_quoted(key), first=out.line_of(key))
                if type(vnode) is ScalarNode:
                    vtag = vnode.tag
                    out[key] = vnode.value if vtag in _TEXT_TAGS else _scalar(vnode, vtag)
                else:
                    out[key] = self.build(vnode, depth + 1, alias, here)
                key_lines[key] = km.line + 1
                key_columns[key] = km.column + 1
        elif cls is SequenceNode:
            if tag != _SEQ:
                raise YamlProblem(SAY.tag, line, col, tag=_quoted(tag))
            out = LineList()
            append = out.append
            for n in items:
                if type(n) is ScalarNode:
                    ntag = n.tag
                    append(n.value if ntag in _TEXT_TAGS else _scalar(n, ntag))
                else:
                    append(self.build(n, depth + 1, alias, here))
            out.line, out.column = line, col
        else:  # pragma: no cover - the composer makes no other node
            raise YamlProblem(f"unexpected node {cls.__name__}", line, col)
        self.active.discard(nid)
        return out

    def _count(self, node, alias, n: int) -> None:
        """Charge ``n`` nodes (a collection and its entries) to the document's or the aliases' budget."""
        if alias is not None:
            self.alias_nodes -= n
            if self.alias_nodes < 0:
                raise YamlProblem(SAY.alias_bomb, *alias, count=f"{MAX_ALIAS_NODES:,}")
        else:
            self.nodes -= n
            if self.nodes < 0:
                m = node.start_mark
                raise YamlProblem(SAY.too_many_nodes, m.line + 1, m.column + 1, count=f"{MAX_NODES:,}")


def _scalar(node, tag: str):
    v = node.value
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return v.lower() in ("true", "yes", "on")
    if tag == _CORE + "int":
        return RawNumber(v, _int(v))
    if tag == _CORE + "float":
        return RawNumber(v, _float(v))
    m = node.start_mark
    raise YamlProblem(SAY.tag, m.line + 1, m.column + 1, tag=_quoted(tag))


class RawNumber(str):
    """A YAML number that keeps its text: ``value: 1.10`` must stay "1.10" for a literal."""

    def __new__(cls, text: str, number):
        s = super().__new__(cls, text)
        s.number = number
        return s


def _int(v: str):
    s = v.replace("_", "")
    try:
        if s.lower().startswith(("0x", "-0x", "+0x")):
            return int(s, 16)
        if s.lower().startswith(("0o", "-0o", "+0o")):
            return int(s, 8)
        if ":" in s:  # sexagesimal (YAML 1.1): 1:30 is 90
            return None
        return int(s)
    except ValueError:  # also a literal of more digits than int() converts (4300)
        return None


def _float(v: str):
    s = v.replace("_", "").lower()
    if s in (".inf", "+.inf"):
        return float("inf")
    if s == "-.inf":
        return float("-inf")
    if s == ".nan":
        return float("nan")
    try:
        return float(s)
    except (ValueError, OverflowError):
        return None
