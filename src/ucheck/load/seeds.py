"""Seed texts: reading them safely, their normalised form, and where a quote stands in them.

Quotes are compared with a seed after NFKC (full-width → half-width) with all white space removed
(:func:`normalise_text`); a :class:`Seed` keeps the map from that form back to its lines.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import unicodedata
from pathlib import Path

import numpy as np

from ucheck.builtin import problem
from ucheck.i18n import Phrase, phrases
from ucheck.load import yamlsafe
from ucheck.suggest import quote

# UC008, an article's seed that cannot be used ({why}: the system's words, {problem}: yamlsafe's)
SAY = phrases(
    __name__,
    unusable=("seed path {seed} is not usable: {why}", "原文路径{seed}无法使用：{why}"),
    nul=("a NUL character in the path", "路径中有 NUL 字符"),
    outside=("seed {seed} lies outside the repository: refused", "原文{seed}位于仓库之外：拒绝读取"),
    missing=("seed file {seed} does not exist", "原文文件{seed}不存在"),
    not_read=("seed file {seed}: {problem}", "原文文件{seed}：{problem}"),
    unreadable=("seed file {seed} cannot be read: {why}", "原文文件{seed}无法读取：{why}"),
    not_text=("seed file {seed} is {problem} (its line {line})", "原文文件{seed}{problem}（在其第 {line} 行）"),
)

_WS = re.compile(r"\s+")


def normalise_text(s: str) -> str:
    """What provenance compares: NFKC (full-width → half-width) with all white space removed."""
    return "".join(unicodedata.normalize("NFKC", s).split())  # split(): the white space of str.isspace, as \s


class Seed:
    """A seed text, its normalised form (what quotes are searched in) and the map back to its lines.

    ``norm`` is the text with each character NFKC-normalised (full-width → half-width, … → ...)
    and all white space removed; per character, so that every character of ``norm`` comes from
    exactly one character of ``text``. Only the offsets where lines start are stored (4 bytes a
    line, not 12 bytes a character): ``norm_line`` and ``norm_index`` are computed when asked for.
    """

    __slots__ = ("path", "text", "norm", "line_starts")

    def __init__(self, path: str, text: str, norm: str, line_starts: np.ndarray):
        self.path, self.text, self.norm = path, text, norm
        self.line_starts = line_starts  # offset in `norm` of the first character of each line

    def __repr__(self) -> str:
        return f"Seed({self.path!r}, {len(self.text)} characters, {len(self.line_starts)} lines)"

    @classmethod
    def from_text(cls, path: str, text: str) -> "Seed":
        norm, lens, cps = _normalise_chars(text)
        out_start = np.cumsum(lens, dtype=np.int64) - lens
        newlines = np.flatnonzero(cps == 10)
        starts = np.concatenate([np.zeros(1, dtype=np.int64), out_start[newlines]])
        return cls(path, text, norm, starts)

    @property
    def norm_line(self) -> np.ndarray:
        """Line (1-based) of each character of ``norm``."""
        counts = np.diff(np.append(self.line_starts, len(self.norm)))
        return np.repeat(np.arange(1, len(self.line_starts) + 1, dtype=np.int32), counts)

    @property
    def norm_index(self) -> np.ndarray:
        """Offset in ``text`` of each character of ``norm``."""
        _, lens, _ = _normalise_chars(self.text)
        return np.repeat(np.arange(len(lens), dtype=np.int64), lens)

    def lines_at(self, norm_offsets) -> np.ndarray:
        """Lines (1-based) of many offsets into ``norm`` at once (offsets must be in range)."""
        return np.searchsorted(self.line_starts, np.asarray(norm_offsets), side="right").astype(np.int64)

    def line_at(self, norm_offset: int) -> int | None:
        if norm_offset < 0 or norm_offset >= len(self.norm):
            return None
        return int(np.searchsorted(self.line_starts, norm_offset, side="right"))


class _CharTable:
    """Per code point: unknown (0), unchanged (1) or changed (2) by NFKC-without-white-space, and the
    changed ones' forms — filled lazily, once per distinct character of the run (arrays of 7 MB)."""

    def __init__(self):
        self.state = np.zeros(0x110000, dtype=np.uint8)
        self.length = np.ones(0x110000, dtype=np.int64)  # length of the form (0: removed)
        self.first = np.zeros(0x110000, dtype=np.uint32)  # its first code point
        self.rest: dict[int, str] = {}  # forms longer than one character (… → ...)

    def learn(self, cps: np.ndarray) -> None:
        for cp in np.unique(cps).tolist():
            ch = chr(cp)
            m = "" if ch.isspace() else "".join(unicodedata.normalize("NFKC", ch).split())
            if m == ch:
                self.state[cp] = 1
                continue
            self.state[cp] = 2
            self.length[cp] = len(m)
            self.first[cp] = ord(m[0]) if m else 0
            if len(m) > 1:
                self.rest[cp] = m


_TABLE: _CharTable | None = None


def _normalise_chars(text: str) -> tuple[str, np.ndarray, np.ndarray]:
    """(norm, how many characters of norm each character of text became, the code points of text).

    Vectorised: NFKC is computed once per distinct character of the run, and the text is rewritten
    as arrays of code points, so the cost per character is a few numpy operations.
    """
    global _TABLE
    if _TABLE is None:
        _TABLE = _CharTable()
    t = _TABLE
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    state = t.state[cps]
    if (state == 0).any():
        t.learn(cps[state == 0])
        state = t.state[cps]
    pos = np.flatnonzero(state == 2)
    if not len(pos):
        return text, np.ones(len(cps), dtype=np.int64), cps
    changed = cps[pos]
    lens = np.ones(len(cps), dtype=np.int64)
    lens[pos] = t.length[changed]
    mapped = cps.copy()
    mapped[pos] = t.first[changed]
    if (lens[pos] == 1).all():  # one character for one (full-width forms): nothing shifts
        out = mapped
    else:
        out_start = np.cumsum(lens) - lens
        out = np.empty(int(lens.sum()), dtype=np.uint32)
        keep = lens > 0
        out[out_start[keep]] = mapped[keep]
        long = pos[lens[pos] > 1]
        for cp in np.unique(cps[long]).tolist():  # the rest of each longer form (… → ...)
            at = out_start[long[cps[long] == cp]]
            for k, c in enumerate(t.rest[cp][1:], 1):
                out[at + k] = ord(c)
    return out.tobytes().decode("utf-32-le", "surrogatepass"), lens, cps


def relative_to_root(path: Path, root: Path, follow: bool = True) -> str:
    """``path`` relative to ``root`` (both resolved), or as given when it is not under it; with
    ``follow=False`` a symbolic link is named as it is, not as where it leads."""
    try:
        real = _real(path) if follow else _real_dir(str(path.parent)) / path.name
        return real.relative_to(_real_dir(str(root))).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def link_out_of(path: Path, root: Path) -> bool:
    """True when ``path`` is a symbolic link to a file outside the repository ``root`` (and outside
    the directory the link stands in): a curated file must not pull in a file from elsewhere
    (``curated/x.yaml -> ~/.ssh/…``), as a seed must not (UC008)."""
    if not os.path.islink(path):
        return False
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError, ValueError):
        return False  # a dangling link or a loop: nothing is read through it (the reader says why)
    for base in (_real_dir(str(root)), _real_dir(str(path.parent))):
        if target == base or base in target.parents:
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _real_dir(path: str) -> Path:
    return Path(path).resolve()


def _real(path: Path) -> Path:
    """``path.resolve()`` with each directory resolved once per run (an archive has 10,000 files
    in one directory): the file itself costs one lstat, to follow it if it is a symbolic link."""
    name = path.name
    if name in ("", ".", ".."):
        return path.resolve()
    real = _real_dir(str(path.parent)) / name
    return real.resolve() if os.path.islink(real) else real


def load_seed(seed_rel, rel, line, root, seeds_dir, seeds, problems, aid, lang: str = "en") -> str | None:
    """The key of the seed ``seed_rel`` that the article ``aid`` of file ``rel`` names at ``line``,
    loaded into ``seeds`` once; None, and UC008 in ``problems`` (its message in ``lang``), when it
    cannot be used."""

    def refuse(phrase: Phrase, **values) -> None:
        """UC008; a value may be a phrase or a YamlProblem, said in the language too. The key (what
        the fingerprint is made of) is the English text, whatever the language."""

        def said(in_lang: str) -> str:
            seed = quote(seed_rel, in_lang) if in_lang == "zh" else repr(seed_rel)  # 'seeds/a.txt', “seeds/a.txt”
            return phrase(in_lang, seed=seed, **{k: _say(v, in_lang) for k, v in values.items()})

        msg = said(lang)
        problems.append(problem("UC008", rel, line, msg, aid, key=msg if lang == "en" else said("en")))

    if "\x00" in seed_rel:
        refuse(SAY.unusable, why=SAY.nul)
        return None
    base = _real_dir(str(root))
    try:
        candidate = _real(root / seed_rel)
        if seeds_dir is not None and not os.path.exists(candidate):
            alt = _real(seeds_dir / Path(seed_rel).name)
            if os.path.exists(alt):
                candidate = alt
    except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a symlink loop
        refuse(SAY.unusable, why=getattr(exc, "strerror", None) or exc)
        return None
    if candidate != base and base not in candidate.parents:
        refuse(SAY.outside)
        return None
    key = candidate.relative_to(base).as_posix()
    if key in seeds:
        return key
    try:
        data = yamlsafe.read_bytes(candidate)
    except FileNotFoundError:
        refuse(SAY.missing)
        return None
    except yamlsafe.YamlProblem as exc:  # too large, or not a regular file
        refuse(SAY.not_read, problem=exc)
        return None
    except OSError as exc:
        refuse(SAY.unreadable, why=exc.strerror)
        return None
    try:
        text = yamlsafe.decode(data)
    except yamlsafe.YamlProblem as exc:
        refuse(SAY.not_text, problem=exc, line=exc.line)
        return None
    seeds[key] = Seed.from_text(key, text)
    return key



def _say(value, lang: str):
    """A value of a message in ``lang``: a phrase or a YamlProblem said in it, anything else as it is."""
    if isinstance(value, Phrase):
        return value(lang)
    if isinstance(value, yamlsafe.YamlProblem):
        return value.text(lang)
    return value


def normalised_column(col) -> list[str]:
    """normalise_text of each value of a Series ("" for a missing one), once per distinct value."""
    import pandas as pd

    codes, uniq = pd.factorize(col.astype(object))
    norm = [normalise_text(str(u)) for u in uniq]
    return np.array(norm + [""], dtype=object)[codes].tolist()  # code -1 (missing): ""


def locate(seed_texts: dict[str, Seed], seeds: list, quotes: list[str], values: list[str]) -> tuple[list, list, list]:
    """(position of each normalised quote in its seed's normalised text, of the literal in the
    quote, seed line of the literal) — -1, -1, None where not found. ``quotes`` and ``values`` are
    normalised (:func:`normalised_column`); ``seeds`` are keys of ``seed_texts``."""
    wanted = [k for k in dict.fromkeys(seeds) if k in seed_texts]  # the seeds asked about, once each
    norms = {k: seed_texts[k].norm for k in wanted}
    quote_pos = [norms[s].find(q) if s in norms else -1 for s, q in zip(seeds, quotes)]
    literal_pos = [q.find(v) for q, v in zip(quotes, values)]
    starts = {k: seed_texts[k].line_starts.tolist() for k in wanted if len(seed_texts[k].norm)}
    seed_line = [
        bisect.bisect_right(starts[s], qp + (lp if lp > 0 else 0)) if qp >= 0 and s in starts else None
        for s, qp, lp in zip(seeds, quote_pos, literal_pos)
    ]
    return quote_pos, literal_pos, seed_line
