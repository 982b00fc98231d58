"""The two languages of ucheck's messages: English and Chinese.

Curators read Chinese reports and may read the findings in Chinese; reviewers and CI logs elsewhere
may want English. Every text a person reads exists in both:

* a rule's summary, rationale and message template: ``summary`` / ``summary_zh`` … in its YAML
  (:meth:`ucheck.ruleset.Rule.text`), the built-in rules' in :mod:`ucheck.builtin`;
* the sentences the code composes (a kind's message, a report's headings): a :class:`Phrase` with
  both texts and named ``{placeholders}``, declared in a table by :func:`phrases` beside the code
  that uses it. Every table is registered, and a test checks that each phrase has both texts with
  the same placeholders — a phrase cannot be added in one language only.

The language of a run is ``--lang``, else ``lang`` of the configuration, else the locale of the
environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, in the order POSIX gives them: ``zh_CN.UTF-8``
→ Chinese), else English.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LANGS = ("en", "zh")
DEFAULT_LANG = "en"
TABLES: list[Phrases] = []  # every table of phrases, for the test that both languages are complete


@dataclass(frozen=True)
class Phrase:
    """One sentence or fragment in both languages, with the same ``{placeholders}``."""

    en: str
    zh: str

    def __call__(self, lang: str, /, **values) -> str:
        return (self.zh if lang == "zh" else self.en).format(**values)

    def fields(self, lang: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(getattr(self, lang)) if name}


class Phrases:
    """A named table of phrases: ``SAY = phrases(exceeds=("a part exceeds its whole", "部分大于整体"))``,
    then ``SAY.exceeds(lang)`` or ``ctx.say(SAY.exceeds)``."""

    def __init__(self, owner: str, entries: Mapping[str, tuple[str, str]]):
        self.owner = owner
        self.entries = {name: Phrase(*pair) for name, pair in entries.items()}

    def __getattr__(self, name: str) -> Phrase:
        try:
            return self.__dict__["entries"][name]
        except KeyError:
            raise AttributeError(f"no phrase {name!r} in the table of {self.__dict__.get('owner')}") from None

    def __iter__(self):
        return iter(self.entries.items())


def phrases(owner: str, **entries: tuple[str, str]) -> Phrases:
    """Declare (and register) a table of phrases; ``owner`` is the module that uses it (``__name__``)."""
    table = Phrases(owner, entries)
    TABLES.append(table)
    return table


def lang_of_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the locale asks for: ``zh`` for a Chinese locale, ``en`` for any other that is
    set (C, POSIX, en_US, de_DE …: ucheck speaks no third language), None when none is set."""
    environ = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return None


def resolve_lang(option: str | None, configured: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang``, else the configuration's ``lang``, else the locale, else English."""
    return option or configured or lang_of_locale(environ) or DEFAULT_LANG


def join(lang: str, items: Iterable[str]) -> str:
    """A list as each language writes it: 'a, b, c' or 'a、b、c'."""
    return ("、" if lang == "zh" else ", ").join(items)


def metric_label(metrics: Mapping[str, Mapping], metric: str, lang: str) -> str:
    """A metric as a reader knows it: its ``zh`` or ``en`` label from the vocabulary (the other
    label when one is missing), never its id unless the vocabulary has no label at all."""
    m = metrics.get(metric) or {}
    other = "en" if lang == "zh" else "zh"
    return str(m.get(lang) or m.get(other) or metric)
