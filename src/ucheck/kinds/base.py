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
    type: str  # str | bool | number | list | mapping | expr | regex | metrics (a list of metric names)
    default: Any = None
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()  # a str, or each item of a list, must be one of these


KINDS: dict[str, type] = {}


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

    @classmethod
    def prepare(cls, ctx) -> list:
        """Resolve, once per run, what this kind reads from the curated references (``part_of``,
        ``stated_rules`` …) into ``ctx.resolved[cls.kind]``, and return the problems of those
        references (findings). Called for every kind, whether or not one of its rules runs, so
        that a broken reference is reported under any selection of rules."""
        return []


