"""What a rule kind is: the options it declares, its registration, and the error of a bad rule.

A kind module (one per kind in this package) defines a subclass of :class:`RuleKind` decorated
with :func:`register`; ``ucheck.ruleset`` validates every rule of rules/*.yaml against the options
its kind declares, then builds the kind with the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar


class RuleConfigError(Exception):
    def __init__(self, file: str, line: int, message: str, rule: str | None = None):
        self.file, self.line, self.rule = file, line, rule
        where = f"{file}:{line}: " + (f"rule {rule}: " if rule else "")
        super().__init__(where + message)


@dataclass(frozen=True)
class Option:
    type: str  # str | bool | number | list | mapping | table (a list of mappings) | expr | regex | metrics (a list of metric names)
    default: Any = None
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()  # a str, or each item of a list, must be one of these
    # (option, values): the option means something only when that other option of the rule takes one of
    # these values (outlier's direction: mode siblings); a rule that sets it otherwise is refused at its line
    applies: tuple[str, tuple[str, ...]] | None = None


KINDS: dict[str, type] = {}

# The columns of the figures frame that RuleKind.scope sees for every figure of the corpus (with
# base_key, the base of a change as its key): where a figure is, what it counts, and the keys that
# rules match figures on (ucheck.kinds.columns.MATCH_KEYS).
KEY_COLUMNS = ("article", "file", "metric", "unit", "region", "subject", "period_key", "organisation", "base")
# The quantity columns KeyFrame.numbers reads (what RuleKind.digest computes its statistics from).
NUMBER_COLUMNS = ("q_value", "q_low", "q_high")


def register(cls):
    KINDS[cls.kind] = cls
    return cls


class RuleKind:
    """Base of a rule kind: ``options`` declares what a rule of this kind may say."""

    kind: ClassVar[str]
    options: ClassVar[dict[str, Option]] = {}
    doc: ClassVar[str] = ""
    # Keys this kind reads from curated figures beyond the core ones (ucheck.load.keys): the curated
    # reader accepts them, each in a column of its own.
    figure_keys: ClassVar[tuple] = ()
    # How many figures, combinations of figures or texts the last check() judged ("ucheck check
    # --usage"): a rule that judged none matched nothing in the corpus.
    checked: int = 0

    def __init__(self, rule, vocab):  # a ucheck.ruleset.Rule and Vocabulary
        self.rule = rule
        self.vocab = vocab

    def check(self, ctx) -> list:
        raise NotImplementedError

    def scope(self, figures, selected):
        """The figures this rule must see to find every finding about the *selected* ones (those of
        the articles whose files a run reports: ``ucheck check FILE``), so that such a run checks
        the rule on them alone, with the same findings as a check of everything.

        ``figures`` is every figure of the corpus with the columns rules group by (:data:`KEY_COLUMNS`
        and ``base_key``); ``selected`` a boolean array over it, true for each figure of a selected
        article. Returns a boolean array over ``figures`` — more than needed is harmless, less is
        wrong — or None: the whole corpus, the default, so a kind that does not say sees everything,
        as in a full check. A kind whose every join includes the article returns ``selected``; a
        kind that joins across articles the figures that share its group keys with a selected one
        (:func:`sharing`), or all those a corpus statistic is computed over.

        In such a run the figures of other articles are not located in their seeds: their
        ``quote_pos`` and ``literal_pos`` are -1 and their ``seed_line`` a placeholder that the
        engine replaces in the findings it reports — a kind reads those columns for the selected
        figures only (an article-local kind)."""
        return None

    def cited(self, figures, selected, rows):
        """Of the figures in this rule's ``scope`` (``rows``, a boolean array like ``selected``), those
        a finding about a selected article may show. The others only feed what the rule computes
        over the corpus: a run may read them *thin* — the KEY_COLUMNS of :meth:`thin_keys` and numbers (line, column,
        the quantity columns) as they are, their other texts missing and ``field_offsets`` empty.
        By default all of ``rows``: nothing is read thin."""
        return rows

    def thin_keys(self) -> tuple[str, ...]:
        """The KEY_COLUMNS this rule reads of the figures it does not cite (those read thin): by
        default all of them. A kind that only counts such figures in a statistic keyed by a few
        columns names those, and a run leaves the others missing too where no other rule needs
        them (the per-resident outlier: the article, metric and region of 200,000 figures, not
        their subjects)."""
        return KEY_COLUMNS

    def digest(self, figures, selected, rows):
        """What this rule computes over the figures of its ``scope`` (``rows``) that it only counts in
        a statistic, computed straight from ``figures`` (the KeyFrame: key codes and
        :meth:`KeyFrame.numbers`) — or None, the default: the figures are read as rows.

        A kind that returns a digest is given only the rows it may cite (:meth:`cited`), and the
        digest as ``ctx.digest``; its check must then find exactly what it finds from all of
        ``rows``. The per-resident outlier's medians of 200,000 figures are a table of a few
        thousand numbers, read from three columns of codes and two of numbers: no frame of them is
        built, enriched or copied."""
        return None

    @classmethod
    def prepare(cls, ctx) -> list:
        """Resolve, once per run, what this kind reads from the curated references (``part_of``,
        ``stated_rules`` …) into ``ctx.resolved[cls.kind]``, and return the problems of those
        references (findings). Called for every kind, whether or not one of its rules runs, so
        that a broken reference is reported under any selection of rules."""
        return []


def sharing(figures, selected, columns):
    """The figures whose values in ``columns`` equal those of some selected figure (a missing value
    equals a missing one, as in a merge): every figure that can share a group of those keys with a
    selected one. Keyed by the article, that is the selected figures themselves."""
    import numpy as np
    import pandas as pd

    selected = np.asarray(selected, dtype=bool)
    if "article" in columns or not selected.any():
        return selected.copy()
    codes = [figures.codes(c) if hasattr(figures, "codes") else _codes(figures[c]) for c in columns]
    maybe = np.ones(len(selected), dtype=bool)
    for k in codes:  # each key alone first: cheap, and it leaves few figures
        maybe &= np.isin(k, np.unique(k[selected]))
    at = np.flatnonzero(maybe)
    group = np.zeros(len(at), dtype=np.int64)
    for k in codes:  # then the keys together, on those few
        group, _ = pd.factorize(group * (int(k.max(initial=0)) + 2) + k[at] + 1)
    out = np.zeros(len(selected), dtype=bool)
    out[at[np.isin(group, group[selected[at]])]] = True
    return out


class KeyFrame:
    """What ``RuleKind.scope`` sees: every figure of the corpus with the columns of KEY_COLUMNS and
    ``base_key``. ``frame[name]`` is a column (a Series, read when first asked for: a corpus read
    from the load cache decodes only the columns a kind reads), ``frame.codes(name)`` integer codes,
    equal where the values are (-1: missing), ``len(frame)`` the number of figures,
    ``frame.numbers(name)`` a quantity column (:data:`NUMBER_COLUMNS`) as floats."""

    columns = (*KEY_COLUMNS, "base_key")

    def __init__(self, n: int, column, codes=None, numbers=None):
        self._n, self._column, self._codes_of, self._numbers_of = n, column, codes, numbers
        self._columns: dict = {}
        self._codes: dict = {}
        self._numbers: dict = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, name: str):
        if name not in self.columns:
            raise KeyError(name)
        got = self._columns.get(name)
        if got is None:
            got = self._columns[name] = self._column(name)
        return got

    def codes(self, name: str):
        got = self._codes.get(name)
        if got is None:
            got = self._codes[name] = self._codes_of(name) if self._codes_of is not None else _codes(self[name])
        return got

    def numbers(self, name: str):
        """A quantity column of every figure, as read (before the context's adjustments: a negative
        lower bound of a nonnegative metric is not yet 0)."""
        if name not in NUMBER_COLUMNS:
            raise KeyError(name)
        got = self._numbers.get(name)
        if got is None:
            got = self._numbers[name] = self._numbers_of(name)
        return got


def _codes(col):
    """Integer codes of a column, equal where the values are (-1: missing)."""
    import pandas as pd

    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy().astype("int64")
    return pd.factorize(col.to_numpy(dtype=object))[0].astype("int64")
