"""The argument parser of every command."""

from __future__ import annotations

import argparse
from pathlib import Path

from ucheck import __version__
from ucheck.i18n import LANGS
from ucheck.report import FORMATS


def percentage(text: str) -> float:
    """A percentage from 0 to 100 (argparse type): NaN, infinities and values outside are refused."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 100:  # False for NaN too
        raise argparse.ArgumentTypeError(f"must be a percentage between 0 and 100, not {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ucheck",
        description="Validate figures curated from Chinese reports: parse each printed quantity as an interval, "
        "validate the curated YAML, and apply the declarative rules of rules/.",
        epilog="Exit status: 0 clean, 1 findings at or above the fail level, 2 usage, configuration or internal error.",
    )
    p.add_argument("-V", "--version", action="version", version=f"ucheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp):
        sp.add_argument("--root", type=Path, default=None, help="repository root (default: the current directory)")
        sp.add_argument("--config", type=Path, default=None,
                        help="configuration file (default: ucheck.toml, else [tool.ucheck] of pyproject.toml, in the root)")
        sp.add_argument("--rules", type=Path, action="append", default=None,
                        help="rules directory, read after the packaged library (default: rules/); repeatable")
        sp.add_argument("--lang", choices=LANGS, default=None,
                        help="language of messages and reports: en or zh (default: lang of the configuration, else the "
                        "locale: zh for LANG=zh_CN.UTF-8, else en)")

    def data_args(sp, default_format):
        sp.add_argument("paths", nargs="*", type=Path,
                        help="report only findings in these curated files or directories (the whole corpus is still "
                        "loaded, so cross-file rules see everything); default: all of curated/")
        common(sp)
        sp.add_argument("--format", choices=FORMATS, default=None, help=f"output format (default: {default_format})")
        sp.add_argument("--output-file", "-o", type=Path, help="write the findings here instead of standard output")
        sp.add_argument("--select", action="append", default=[],
                        help="only these rule codes, names or code prefixes (UC1: every UC1xx rule; comma-separated, repeatable)")
        sp.add_argument("--ignore", action="append", default=[], help="skip these rule codes, names or code prefixes")
        sp.add_argument("--color", "--colour", choices=["auto", "always", "never"], default="auto",
                        help="colour the full format: auto (on a terminal, unless NO_COLOR is set or when FORCE_COLOR is), "
                        "always, never (default: auto; a file of --output-file is never coloured)")
        sp.add_argument("--no-waivers", action="store_true", help="show waived findings as open")
        sp.add_argument("--no-cache", action="store_true",
                        help="read every curated file afresh, without the load cache .ucheck_cache/ (the findings are the same)")
        sp.add_argument("--usage", action="store_true",
                        help="print, on standard error, how many figures or combinations each rule judged and how many findings it gave "
                        "(a rule that judged nothing matched nothing in this corpus)")
        sp.add_argument("--statistics", action="store_true",
                        help="count open findings per rule (appended to full, concise and markdown; on standard error for the others)")

    c = sub.add_parser("check", help="the gate: exit 1 on findings at or above the fail level",
                       description="Exit status: 0 clean, 1 open findings at or above the fail level, 2 usage, configuration or internal error.")
    data_args(c, "concise")
    c.add_argument("--fail-level", choices=["info", "warning", "error"], default=None, help="default: warning")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    r = sub.add_parser("report", help="the findings list, grouped by article, with quotes and arithmetic")
    data_args(r, "full")
    r.add_argument("--sarif-waived", action="store_true",
                   help="SARIF: keep waived findings, as results with an accepted suppression and the waiver's reason "
                   "(left out by default: GitHub code scanning does not honour suppressions and opens an alert for each)")
    rl = sub.add_parser("rules", help="list the rules")
    common(rl)
    rl.add_argument("--format", choices=["text", "json"], default="text")
    def listing(name: str, help: str, description: str, word: str):  # a vocabulary, whole or searched by a word
        p = sub.add_parser(name, help=help, description=description)
        p.add_argument("word", nargs="?", default=None, metavar="WORD", help=word)
        common(p)
        p.add_argument("--format", choices=["text", "json"], default="text")

    listing("metrics", "list the metric vocabulary, or search it by a word",
            "The metrics curated figures may name (rules/*.yaml `metrics:`, the packaged library's and your own): id, kind, "
            "units, Chinese and English labels, the file that declares it. With WORD, those whose id, Chinese or English label "
            "or one of the draft's keywords for it (rules/lexicon.yaml) contains it (case ignored). Exit status: 0, 1 when no metric matches (as grep), 2 usage or configuration error.",
            "part of an id (patent), a Chinese label (专利) or an English one")
    listing("regions", "list the gazetteer, or search it by a word",
            "The regions curated figures may name (rules/*.yaml `regions:`, the packaged library's and your own): name "
            "(aliases), level, parent, published population with its year, and the file and line that declare it. With WORD, "
            "those whose name, alias or parent contains it. Exit status: 0, 1 when no region matches (as grep), 2 usage or "
            "configuration error.", "part of a name (湖北), an alias or a parent (河南省)")
    one = sub.add_parser("rule", help="explain one rule: what it does, why, an example that fires and its fix, options, waivers",
                         description="The page of one rule, from its declaration; its first examples are run to show the "
                         "message it gives (this loads pandas: a few tenths of a second more).")
    one.add_argument("code", help="rule code or name")
    common(one)
    tr = sub.add_parser("test-rules", help="run the examples of the rules: bad ones must fire, good ones must not",
                        description="Exit status: 0 every example behaves, 1 an example does not, 2 a broken rule file "
                        "or another usage or configuration error.")
    tr.add_argument("dirs", nargs="*", type=Path, metavar="DIR",
                    help="test the rules of these rule directories (read after the packaged library); default: every "
                    "rule as configured (the packaged library, the built-in codes, the local or configured rules)")
    tr.add_argument("--root", type=Path, default=None, help="repository root (default: the current directory)")
    tr.add_argument("--config", type=Path, default=None,
                    help="configuration file (default: ucheck.toml, else [tool.ucheck] of pyproject.toml, in the root)")
    d = sub.add_parser("draft", help="draft a curated YAML from a seed article")
    d.add_argument("seed", type=Path)
    d.add_argument("-o", "--output", type=Path, help="write here (refuses to overwrite without --force)")
    d.add_argument("--force", action="store_true")
    common(d)
    sc = sub.add_parser("schema", help="print the JSON Schema of curated files (with this repository's vocabulary) or of --format json")
    sc.add_argument("which", choices=["curated", "findings"])
    sc.add_argument("-o", "--output-file", type=Path, default=None, help="write the schema here instead of standard output")
    common(sc)
    cl = sub.add_parser("clean", help="remove the load cache (.ucheck_cache/ of the data repository)")
    cl.add_argument("--root", type=Path, default=None, help="repository root (default: found as for check)")
    cv = sub.add_parser("coverage", help="share of numeric mentions in each seed that are curated or ignored")
    cv.add_argument("paths", nargs="*", type=Path)
    common(cv)
    cv.add_argument("--threshold", type=percentage, default=None, metavar="P",
                    help="exit 1 when an article's coverage (percent, 0 to 100) is below this (default: coverage-threshold "
                    "of the configuration)")
    cv.add_argument("--format", choices=["text", "json"], default="text")
    cv.add_argument("--list", action="store_true", help="list every uncovered mention")
    return p
