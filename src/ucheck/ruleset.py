"""Reading rules/*.yaml: the vocabulary (metrics, regions, keywords) and the rules themselves.

A rule kind declares its options (type, default, whether required); a rule file is validated
against that declaration generically, so an unknown kind, an unknown key or a bad value is a
:class:`RuleConfigError` naming the file, the line and the rule — never a traceback.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ucheck.kinds import discover
from ucheck.kinds.base import KINDS, Option, RuleConfigError  # RuleConfigError: raised here, caught by callers
from ucheck.load import yamlsafe

METRIC_KEYS = ("kind", "units", "additive", "zh", "en", "nonnegative", "related", "growth_basis", "level_can_be_negative",
               "per_resident_max", "per_resident_min", "growth_max", "national", "mixed", "replaces")
NATIONAL_KEYS = ("values", "source", "range", "groups", "accrues")
NATIONAL_GROUP_KEYS = ("name", "subjects", "values", "source", "range")
REGION_KEYS = ("parent", "level", "aliases", "population", "employed", "replaces")

TEXT_KEYS = ("summary", "rationale", "message")  # English; each also in Chinese under <key>_zh (ucheck.i18n)
COMMON_KEYS = {"code", "name", "kind", "severity", *TEXT_KEYS, *(f"{k}_zh" for k in TEXT_KEYS), "examples", "enabled"}
CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
METRIC_KINDS = {"count", "money", "rate", "growth", "rate_change", "ratio", "duration", "index", "contribution", "contribution_rate"}
REGION_LEVELS = {"country", "province", "city", "county", "district"}


@dataclass
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    summary: str
    rationale: str
    examples: dict
    options: dict
    message: str | None
    file: str
    line: int
    impl: Any = None
    zh: dict[str, str] = field(default_factory=dict)  # summary / rationale / message in Chinese

    def text(self, key: str, lang: str = "en") -> str | None:
        """The rule's ``summary``, ``rationale`` or ``message`` in ``lang``; the English one where a
        (local) rule has no Chinese text."""
        english = self.message if key == "message" else getattr(self, key)
        return (self.zh.get(key) or english) if lang == "zh" else english

    def headline(self, lang: str = "en") -> str:
        """What a finding of this rule says first — its message template, else its summary — before
        the particulars (in Chinese without a closing 。, which the —— that follows would double)."""
        head = self.text("message", lang) or self.text("summary", lang)
        return head.rstrip("。") if lang == "zh" else head

    def error(self, message: str, key: str | None = None, spec: dict | None = None) -> RuleConfigError:
        line = spec.line_of(key) if (spec is not None and key is not None and hasattr(spec, "line_of")) else self.line
        return RuleConfigError(self.file, line, message, self.code)


@dataclass
class Vocabulary:
    metrics: dict[str, dict] = field(default_factory=dict)
    regions: dict[str, dict] = field(default_factory=dict)
    keywords: dict[str, str] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)  # 状元 -> 1: how many a unit yields (stated rules)
    bases: dict[str, str] = field(default_factory=dict)  # 同比 -> 同期: the base of a change as printed → its key
    directions: dict[str, list[str]] = field(default_factory=dict)  # up/down -> words that say so
    rules: list[Rule] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # rule code -> file
    region_lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # region -> (file, line) of its entry
    notes: list[str] = field(default_factory=list)  # file:line: what a user should know of the rule files, though not an error

    def regions_by_name(self) -> dict[str, dict]:
        """Each region under its name and under each of its aliases (兰坪县 for 兰坪白族普米族自治县): a
        figure may name it either way. A region's own name wins over another's alias."""
        out: dict[str, dict] = {}
        for r in self.regions.values():
            for alias in r.get("aliases") or []:
                out.setdefault(str(alias), r)
        out.update(self.regions)
        return out

    def region_aliases(self) -> dict[str, str]:
        """Each alias → the name of its region (an alias that is another region's own name is that region)."""
        return {str(a): name for name, r in self.regions.items() for a in r.get("aliases") or [] if str(a) not in self.regions}


def load_rules(dirs: list[Path], root: Path | None = None, cache=None) -> Vocabulary:
    """Read every *.yaml of each directory in order; a later rule with the same code overrides.
    With ``cache`` (a :class:`ucheck.load.cache.RulesCache`), each file's YAML is taken from its
    entry where its bytes have one, and stored where not."""
    discover()
    vocab = Vocabulary()
    rule_specs: dict[str, tuple[dict, str]] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        # bounded as curated files are: a directory that cannot be listed is an InputError, a file
        # that is not regular (a FIFO, /dev/zero) or above the size limit is refused, unread
        for f in yamlsafe.yaml_files(d, _rel(d, root)):
            rel = _rel(f, root)
            try:
                data = yamlsafe.read_bytes(f)
                doc = cache.document(data, rel) if cache is not None else yamlsafe.load(yamlsafe.decode(data))
            except yamlsafe.YamlProblem as exc:
                raise RuleConfigError(rel, exc.line, str(exc)) from None
            except OSError as exc:
                raise RuleConfigError(rel, 1, f"cannot be read: {exc.strerror or exc}") from None
            if doc is None:
                continue
            if not isinstance(doc, dict):
                raise RuleConfigError(rel, getattr(doc, "line", 1), "a rules file is a mapping with keys rules, metrics, regions, keywords or ranks")
            for k in doc:
                if k not in TOP_KEYS:
                    raise RuleConfigError(rel, doc.line_of(k), f"unknown top-level key {k!r}{_did_you_mean(k, TOP_KEYS)} (known: {', '.join(sorted(TOP_KEYS))})")
            _read_metrics(doc.get("metrics"), rel, vocab)
            _read_regions(doc.get("regions"), rel, vocab)
            kw = doc.get("keywords")
            if kw is not None:
                if not isinstance(kw, dict):
                    raise RuleConfigError(rel, doc.line_of("keywords"), "keywords must map a keyword to a metric")
                vocab.keywords.update({str(k): str(v) for k, v in kw.items()})
            _read_ranks(doc.get("ranks"), rel, doc, vocab)
            _read_words(doc, rel, vocab)
            rules = doc.get("rules")
            if rules is not None:
                if not isinstance(rules, list):
                    raise RuleConfigError(rel, doc.line_of("rules"), "rules must be a list of rule mappings")
                for spec in rules:
                    if not isinstance(spec, dict):
                        raise RuleConfigError(rel, getattr(rules, "line", 1), "each rule must be a mapping")
                    code = str(spec.get("code", ""))
                    rule_specs[code or f"?{len(rule_specs)}"] = (spec, rel)
    for name, m in vocab.metrics.items():
        for role, target in m["related"].items():
            if target not in vocab.metrics:
                raise RuleConfigError(m["file"], m["line"], f"metric {name!r}: related.{role} names unknown metric {target!r}{_did_you_mean(target, vocab.metrics)}")
    for code, (spec, rel) in rule_specs.items():
        rule = _build_rule(spec, rel, vocab)
        vocab.rules.append(rule)
        vocab.sources[rule.code] = rel
    names = {}
    for r in vocab.rules:
        if r.name in names:
            raise RuleConfigError(r.file, r.line, f"name {r.name!r} is also the name of {names[r.name]}", r.code)
        names[r.name] = r.code
    vocab.rules.sort(key=lambda r: r.code)
    return vocab


def _did_you_mean(word: str, known) -> str:
    from ucheck.suggest import did_you_mean

    return did_you_mean(word, known)


def _did_you_mean_after(word: str, known) -> str:
    from ucheck.suggest import did_you_mean_after

    return did_you_mean_after(word, known)


def _rel(f: Path, root: Path | None) -> str:
    """``f`` relative to the root, as listed: a symbolic link is named, not where it leads (/dev/zero)."""
    if root is not None:
        try:
            return (f.parent.resolve() / f.name).relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            pass
    return f.as_posix()


TOP_KEYS = ("bases", "directions", "keywords", "metrics", "ranks", "regions", "rules")


def _read_words(doc, rel: str, vocab: "Vocabulary") -> None:
    """``bases`` (a base as printed → its key) and ``directions`` ({down: [words], up: [words]})."""
    bases = doc.get("bases")
    if bases is not None:
        if not isinstance(bases, dict) or not all(isinstance(v, str) and v for v in bases.values()):
            raise RuleConfigError(rel, doc.line_of("bases"), "bases must map a base as printed (同比) to its key (同期)")
        vocab.bases.update({str(k): str(v) for k, v in bases.items()})
    directions = doc.get("directions")
    if directions is not None:
        if not isinstance(directions, dict) or set(directions) - {"up", "down", "of_magnitude", "declines"} or not all(
                isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in directions.values()):
            raise RuleConfigError(rel, doc.line_of("directions"), "directions must be {down: [words], up: [words], of_magnitude: [words], declines: [words]}")
        for way, words in directions.items():
            vocab.directions.setdefault(str(way), []).extend(str(w) for w in words)


def _read_ranks(ranks, rel: str, doc, vocab: Vocabulary) -> None:
    """``ranks``: a word that names a place in a contest (状元, 冠军) → how many one contest yields."""
    if ranks is None:
        return
    if not isinstance(ranks, dict):
        raise RuleConfigError(rel, doc.line_of("ranks"), "ranks must map a word (状元) to how many one unit yields (1)")
    for word, n in ranks.items():
        number = getattr(n, "number", None)
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise RuleConfigError(rel, ranks.line_of(word), f"rank {word!r}: the count must be a whole number ≥ 1, not {n!r}")
        vocab.ranks[str(word)] = number


def _read_metrics(metrics, rel: str, vocab: Vocabulary) -> None:
    if metrics is None:
        return
    if not isinstance(metrics, dict):
        raise RuleConfigError(rel, 1, "metrics must map a metric name to its description")
    for name, m in metrics.items():
        line = metrics.line_of(name)
        if not isinstance(m, dict):
            raise RuleConfigError(rel, line, f"metric {name!r} must be a mapping with kind, units, additive, zh, en")
        for k in m:
            if k not in METRIC_KEYS:
                from ucheck.suggest import comma_in_flow

                comma = comma_in_flow() if m[k] is None else ""
                raise RuleConfigError(rel, m.line_of(k), f"metric {name!r}: unknown key {k!r}{_did_you_mean(k, METRIC_KEYS)} "
                                                         f"(known: {', '.join(sorted(METRIC_KEYS))}){comma}")
        related = m.get("related") or {}
        if not isinstance(related, dict):
            raise RuleConfigError(rel, m.line_of("related"), f"metric {name!r}: related must map a role (growth, added …) to a metric")
        kind = m.get("kind")
        if kind not in METRIC_KINDS:
            raise RuleConfigError(rel, m.line_of("kind"), f"metric {name!r}: kind must be one of {', '.join(sorted(METRIC_KINDS))}, not {kind!r}")
        units = m.get("units")
        if not isinstance(units, list) or not units:
            raise RuleConfigError(rel, m.line_of("units"), f"metric {name!r}: units must be a non-empty list of measure words")
        for flag in ("additive", "nonnegative", "level_can_be_negative", "mixed"):  # "no" or "maybe" is not read as true
            if flag in m and not isinstance(m[flag], bool):
                raise RuleConfigError(rel, m.line_of(flag), f"metric {name!r}: {flag} must be true or false, not {m[flag]!r}")
        if "replaces" in m and m["replaces"] is not True:
            raise RuleConfigError(rel, m.line_of("replaces"), f"metric {name!r}: replaces must be true (this entry replaces an earlier one "
                                  f"of the same name, the packaged one included), not {m['replaces']!r}")
        earlier = vocab.metrics.get(str(name))
        vocab.metrics[str(name)] = {
            "kind": kind, "units": [str(u) for u in units], "additive": bool(m.get("additive", False)),
            "zh": str(m.get("zh", "")), "en": str(m.get("en", "")),
            "nonnegative": bool(m.get("nonnegative", kind in ("count", "money", "rate", "duration", "ratio"))),
            "related": {str(k): str(v) for k, v in related.items()}, "line": line, "file": rel,
            "growth_basis": _growth_basis(m, rel, name),
            # a growth of a quantity that can be negative (profit turning to a loss): a fall of more than 100 % is possible
            "level_can_be_negative": bool(m.get("level_can_be_negative", False)),
            # its figures measure different things (the output of each product): none is the measure of
            # another, so no figure is judged against the others of the metric (UC411-UC413)
            "mixed": bool(m.get("mixed", False)),
            "per_resident_max": _positive(m, rel, name, "per_resident_max"),
            "per_resident_min": _positive(m, rel, name, "per_resident_min"),
            # the largest growth in % a year, either way, of the quantity in any region (UC417)
            "growth_max": _positive(m, rel, name, "growth_max"),
            "national": _national(m, rel, name),
        }
        # an entry that changes one read before says so, as a region's does (a library metric that a
        # local file declared first, before the library had it, would shadow what the library adds)
        if earlier is not None and earlier["file"] != rel and not m.get("replaces"):
            mine = vocab.metrics[str(name)]
            if {k: v for k, v in mine.items() if k not in ("line", "file")} != {k: v for k, v in earlier.items() if k not in ("line", "file")}:
                from ucheck.paths import shown_rules_file

                vocab.notes.append(f"{rel}:{line}: metric {name!r} is also in {shown_rules_file(earlier['file'])}:{earlier['line']}, and this "
                                   f"entry replaces it: remove it to use that one, or say 'replaces: true' in it to keep it without this note")


def _positive(m, rel: str, name, key: str) -> float | None:
    """The most (per_resident_max: UC423, UC432) or the least (per_resident_min: UC435) a figure of
    this metric can be per resident of its region, or the largest growth of a year (growth_max:
    UC417), if declared: a positive number."""
    v = m.get(key)
    if v is None:
        return None
    number = v.number if isinstance(v, yamlsafe.RawNumber) else None  # a YAML number keeps its text
    if number is None or not math.isfinite(float(number)) or float(number) <= 0:
        raise RuleConfigError(rel, m.line_of(key), f"metric {name!r}: {key} must be a positive number, not {str(v)!r}")
    return float(number)


def _national(m, rel: str, name) -> dict | None:
    """The national figure of each year and the span a region's figure keeps around it (UC424), if
    declared: ``{values: {2016: 23821, …}, source: …, range: [0.125, 4]}``, with optional ``groups``
    of residents that have national figures of their own (urban, rural): each has a ``name``
    (城镇居民), the words of a subject that select it (``subjects: [城镇]``) and its own ``values`` and
    ``range`` (and ``source``, else the metric's)."""
    nat = m.get("national")
    if nat is None:
        return None
    where = m.line_of("national")
    if not isinstance(nat, dict):
        raise RuleConfigError(rel, where, f"metric {name!r}: national must be a mapping with values, source and range")
    out = _national_table(nat, rel, name, where, NATIONAL_KEYS, "national")
    # a flow accrues over the months a figure covers (income: 6/12 of the year's for a half-year); a
    # level at a date does not (the sex ratio)
    accrues = nat.get("accrues", True)
    if not isinstance(accrues, bool):
        raise RuleConfigError(rel, _line(nat, "accrues", where), f"metric {name!r}: national: accrues must be true or false, not {accrues!r}")
    out["accrues"] = accrues
    groups = nat.get("groups")
    out["groups"] = []
    if groups is None:
        return out
    if not isinstance(groups, list) or not groups:
        raise RuleConfigError(rel, nat.line_of("groups"), f"metric {name!r}: national: groups must be a list of groups of residents, each with subjects, values and range")
    seen: set[str] = set()
    for i, g in enumerate(groups):
        at = getattr(g, "line", None) or nat.line_of("groups")
        if not isinstance(g, dict):
            raise RuleConfigError(rel, at, f"metric {name!r}: national: groups: each group is a mapping with subjects, values and range")
        table = _national_table(g, rel, name, at, NATIONAL_GROUP_KEYS, "national: groups", default_source=nat["source"])
        words = g.get("subjects")
        if not isinstance(words, list) or not words or any(not isinstance(w, str) or not w.strip() for w in words):
            raise RuleConfigError(rel, _line(g, "subjects", at), f"metric {name!r}: national: groups: subjects must list the words of a subject that select the group (城镇)")
        again = sorted(seen & {w.strip() for w in words})
        if again:
            raise RuleConfigError(rel, _line(g, "subjects", at), f"metric {name!r}: national: groups: {again[0]!r} selects two groups")
        seen |= {w.strip() for w in words}
        table["subjects"] = tuple(w.strip() for w in words)
        label = g.get("name")
        if not isinstance(label, str) or not label.strip():
            raise RuleConfigError(rel, _line(g, "name", at), f"metric {name!r}: national: groups: each group needs a name, as messages show it (城镇居民)")
        table["name"] = label.strip()
        out["groups"].append(table)
    return out


def _national_table(nat, rel: str, name, where, keys: tuple[str, ...], what: str, default_source: str | None = None) -> dict:
    """One table of national figures: ``values`` by year, ``source`` (else ``default_source``) and
    ``range``."""
    for k in nat:
        if k not in keys:
            raise RuleConfigError(rel, _line(nat, k, where), f"metric {name!r}: {what}: unknown key {k!r} (known: {', '.join(keys)})")
    for k in ("values", "source", "range"):
        if k not in nat and not (k == "source" and default_source):
            raise RuleConfigError(rel, where, f"metric {name!r}: {what} needs {k!r} (values, source and range)")
    source = nat.get("source", default_source)
    if not isinstance(source, str) or not source.strip():
        raise RuleConfigError(rel, _line(nat, "source", where), f"metric {name!r}: {what}: source must name where the figures are published")
    values = nat["values"]
    if not isinstance(values, dict) or not values:
        raise RuleConfigError(rel, _line(nat, "values", where), f"metric {name!r}: {what}: values must map a year (2016) to the national figure of that year")
    out: dict[int, float] = {}
    for year, v in values.items():
        y = year.number if isinstance(year, yamlsafe.RawNumber) else year
        number = v.number if isinstance(v, yamlsafe.RawNumber) else None
        if not isinstance(y, int) or isinstance(y, bool) or not 1949 <= y <= 2100 or number is None or not math.isfinite(float(number)) or float(number) <= 0:
            raise RuleConfigError(rel, values.line_of(year), f"metric {name!r}: {what}: each value must be a year (2016) mapped to a positive number, not {str(year)!r}: {str(v)!r}")
        out[y] = float(number)
    span = nat["range"]
    bounds = [b.number if isinstance(b, yamlsafe.RawNumber) else None for b in span] if isinstance(span, list) else []
    if len(bounds) != 2 or any(b is None or not math.isfinite(float(b)) or float(b) <= 0 for b in bounds) or not float(bounds[0]) < 1 < float(bounds[1]):
        raise RuleConfigError(rel, _line(nat, "range", where), f"metric {name!r}: {what}: range must be [low, high] times the national figure, low < 1 < high, not {str(span)!r}")
    return {"values": out, "source": source.strip(), "range": (float(bounds[0]), float(bounds[1]))}


def _line(mapping, key: str, default):
    """The line of a key in a mapping read by yamlsafe, or ``default`` for a plain dict."""
    return (mapping.line_of(key) if hasattr(mapping, "line_of") else None) or default


def _growth_basis(m, rel: str, name) -> str | None:
    """real (at comparable prices: GDP, value added) or nominal (current prices), if declared."""
    basis = m.get("growth_basis")
    if basis is not None and basis not in ("real", "nominal"):
        raise RuleConfigError(rel, m.line_of("growth_basis"), f"metric {name!r}: growth_basis must be real or nominal, not {basis!r}")
    return basis


def _read_regions(regions, rel: str, vocab: Vocabulary) -> None:
    if regions is None:
        return
    if not isinstance(regions, dict):
        raise RuleConfigError(rel, 1, "regions must map a region name to {parent, level}")
    for name, r in regions.items():
        line = regions.line_of(name)
        if not isinstance(r, dict):
            raise RuleConfigError(rel, line, f"region {name!r} must be a mapping with parent and level")
        for k in r:
            if k not in REGION_KEYS:
                raise RuleConfigError(rel, r.line_of(k), f"region {name!r}: unknown key {k!r}{_did_you_mean(k, REGION_KEYS)} (known: {', '.join(sorted(REGION_KEYS))})")
        level = r.get("level")
        if level not in REGION_LEVELS:
            raise RuleConfigError(rel, r.line_of("level"), f"region {name!r}: level must be one of {', '.join(sorted(REGION_LEVELS))}")
        aliases = r.get("aliases")
        if aliases is not None and (not isinstance(aliases, list) or not all(type(a) is str and a.strip() for a in aliases)):
            raise RuleConfigError(rel, r.line_of("aliases"), f"region {name!r}: aliases must be a list of names as texts print them "
                                  f"([兰坪县]), not {aliases!r}")
        if "replaces" in r and r["replaces"] is not True:
            raise RuleConfigError(rel, r.line_of("replaces"), f"region {name!r}: replaces must be true (this entry replaces an earlier one "
                                  f"of the same name, the packaged one included), not {r['replaces']!r}")
        entry = {"parent": r.get("parent"), "level": level, "aliases": list(r.get("aliases") or []),
                 **{k: _published(r, k, rel, name) for k in ("population", "employed") if k in r}}
        earlier = vocab.region_lines.get(str(name))
        # an entry that changes one read before says so (a copy of the library's, as an installed
        # repository of this project holds, changes nothing)
        if earlier is not None and earlier[0] != rel and not r.get("replaces") and entry != vocab.regions.get(str(name)):
            from ucheck.paths import shown_rules_file

            vocab.notes.append(f"{rel}:{line}: region {name!r} is also in {shown_rules_file(earlier[0])}:{earlier[1]}, and this entry "
                               f"replaces it: remove it to use that one, or say 'replaces: true' in it to keep it without this note")
        vocab.region_lines[str(name)] = (rel, line)
        vocab.regions[str(name)] = entry


def _published(region, key: str, rel: str, name: str) -> dict:
    """A region's published head count: {value (as printed: 9936.55万人), year, source} → the value
    read as a number of persons, with its literal, year and source."""
    from ucheck.numbers.quantity import LiteralTooLong, QuantityError, parse

    item = region[key]
    line = region.line_of(key)
    if not isinstance(item, dict) or set(item) - {"value", "year", "source"} or not all(item.get(k) for k in ("value", "year", "source")):
        raise RuleConfigError(rel, line, f"region {name!r}: {key} must be {{value: <as printed, e.g. 9936.55万人>, year: <year>, source: <publication>}}")
    try:
        q = parse(str(item["value"]))  # bounded in length (a run of 万 would take quadratic time)
    except LiteralTooLong as exc:
        raise RuleConfigError(rel, line, f"region {name!r}: {key} {str(exc).removeprefix('cannot parse quantity ')}") from None
    except QuantityError as exc:
        raise RuleConfigError(rel, line, f"region {name!r}: {key} {item['value']!r} is not a figure ucheck can read: {exc}") from None
    if q.unit not in ("人", "") or not q.value or q.value <= 0:
        raise RuleConfigError(rel, line, f"region {name!r}: {key} must be a number of persons (人), not {item['value']!r}")
    return {"value": float(q.value), "literal": str(item["value"]), "year": str(item["year"]), "source": str(item["source"])}


def _build_rule(spec: dict, rel: str, vocab: Vocabulary) -> Rule:
    code = spec.get("code")
    line = spec.line
    if not code or not CODE_RE.match(str(code)):
        raise RuleConfigError(rel, spec.line_of("code") if "code" in spec else line, f"code must look like UC101 (letters then three digits), not {code!r}")
    code = str(code)
    kind = spec.get("kind")
    if kind not in KINDS:
        raise RuleConfigError(rel, spec.line_of("kind") if "kind" in spec else line, f"unknown kind {kind!r}{_did_you_mean(kind, KINDS)} (known: {', '.join(sorted(KINDS))})", code)
    cls = KINDS[kind]
    for k in spec:
        if k not in COMMON_KEYS and k not in cls.options:
            known = sorted(COMMON_KEYS | set(cls.options))
            raise RuleConfigError(rel, spec.line_of(k), f"unknown key {k!r} for a {kind} rule{_did_you_mean(k, known)} (known: {', '.join(known)})", code)
    name = str(spec.get("name", ""))
    if not NAME_RE.match(name):
        raise RuleConfigError(rel, spec.line_of("name") if "name" in spec else line, f"name must be kebab-case (e.g. percent-disagrees-with-parts), not {name!r}", code)
    severity = spec.get("severity", "warning")
    if severity not in ("info", "warning", "error"):
        raise RuleConfigError(rel, spec.line_of("severity"), f"severity must be info, warning or error, not {severity!r}", code)
    for req in ("summary", "rationale"):
        if not spec.get(req):
            raise RuleConfigError(rel, line, f"{req} is required", code)
    zh = {}
    for key in TEXT_KEYS:
        if f"{key}_zh" in spec:
            value = spec[f"{key}_zh"]
            if not isinstance(value, str) or not value.strip():
                raise RuleConfigError(rel, spec.line_of(f"{key}_zh"), f"{key}_zh must be a non-empty text (the {key} in Chinese)", code)
            if key not in spec:
                raise RuleConfigError(rel, spec.line_of(f"{key}_zh"), f"{key}_zh without {key}: give the English {key} too", code)
            zh[key] = value.strip()
    if "message" in zh:
        fields = lambda t: {name for _, name, _, _ in string.Formatter().parse(t) if name}  # noqa: E731
        try:
            en_fields, zh_fields = fields(str(spec["message"])), fields(zh["message"])
        except ValueError as exc:  # an unmatched brace
            raise RuleConfigError(rel, spec.line_of("message_zh"), f"message or message_zh is not a valid template: {exc}", code) from None
        if en_fields != zh_fields:
            raise RuleConfigError(rel, spec.line_of("message_zh"),
                                  f"message_zh has the placeholders {{{', '.join(sorted(zh_fields))}}} but message has "
                                  f"{{{', '.join(sorted(en_fields))}}}: the two are filled with the same values", code)
    examples = spec.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise RuleConfigError(rel, spec.line_of("examples") if "examples" in spec else line, "examples must be a mapping with 'bad' and 'good' lists", code)
    _check_examples(examples, rel, code)
    options = {}
    for key, opt in cls.options.items():
        if key in spec:
            options[key] = _coerce(spec[key], opt, rel, spec.line_of(key), code, key, vocab)
        elif opt.required:
            raise RuleConfigError(rel, line, f"a {kind} rule needs {key!r}: {opt.doc}", code)
        else:
            options[key] = opt.default
    for key, opt in cls.options.items():
        if key in spec and opt.applies and options[opt.applies[0]] not in opt.applies[1]:
            other, values = opt.applies
            raise RuleConfigError(rel, spec.line_of(key), f"{key!r} applies only to {other} {' or '.join(values)}, and this rule's "
                                  f"{other} is {options[other]!r}: it would be ignored", code)
    rule = Rule(code, name, kind, severity, str(spec["summary"]).strip(), str(spec["rationale"]).strip(), examples, options,
                spec.get("message"), rel, line, zh=zh)
    try:
        rule.impl = cls(rule, vocab)
    except RuleConfigError:
        raise
    except ValueError as exc:  # ExpressionError, bad regex … raised while compiling the options
        from ucheck.expr import ExpressionError

        col = getattr(exc, "column", None)
        if isinstance(exc, ExpressionError):
            # point at the expression itself: assert, else a filter (when, or one inside bind)
            key = next((k for k in ("assert", "when", "bind") if k in spec), None)
            line = spec.line_of(key) if key else line
        raise RuleConfigError(rel, line, f"{exc}" + (f" (column {col} of the expression)" if col else ""), code) from None
    return rule


# What an example of a rule may say (ucheck.testing turns it into curated files and reads them with
# the curated reader): the keys of a curated figure — the core keys and those the rule kinds declare,
# as the reader accepts them — with ``article`` (which article of the example), and the keys of the
# example and of the case.
def example_figure_keys() -> frozenset[str]:
    from ucheck.kinds import figure_keys
    from ucheck.load.keys import CORE_FIGURE_KEYS

    return frozenset(CORE_FIGURE_KEYS).union(k.name for k in figure_keys()) | {"article"}


EXAMPLE_KEYS = frozenset({"figures", "seed", "curated", "stated_rules", "ignored", "waivers", "why", "expect"})
EXPECT_KEYS = ("figures", "message")


def _check_examples(examples: dict, rel: str, code: str) -> None:
    """The shape of a rule's examples (see ucheck.testing): each case a literal or a mapping of known
    keys, ``expect`` only on a bad case; a RuleConfigError at the line of the first thing wrong."""
    figure_keys = example_figure_keys()
    def fail(node, key, message):
        line = node.line_of(key) if key is not None and hasattr(node, "line_of") else getattr(node, "line", examples.line)
        raise RuleConfigError(rel, line, message, code)

    def text(node, key, where):
        if key in node and not isinstance(node[key], str):
            fail(node, key, f"{where}: {key} must be a text, not {node[key]!r}")

    for kind in ("bad", "good"):
        items = examples.get(kind)
        if items is None:
            continue
        if not isinstance(items, list):
            fail(examples, kind, f"examples.{kind} must be a list of examples")
        for i, case in enumerate(items, 1):
            where = f"{kind} example {i}"
            if isinstance(case, str):  # a literal
                continue
            if not isinstance(case, dict):
                fail(items, None, f"{where} must be a literal or a mapping (figures, value, seed or curated), not {case!r}")
            known = EXAMPLE_KEYS | (figure_keys if "value" in case else set())
            for k in case:
                if k not in known:
                    extra = " (a figure's keys go with value, or in figures)" if k in figure_keys else ""
                    fail(case, k, f"{where}: unknown key {k!r}{extra} (known: {', '.join(sorted(known))}){_did_you_mean_after(k, known)}")
            forms = [k for k in ("figures", "value", "curated") if k in case]
            if len(forms) > 1:
                fail(case, forms[1], f"{where}: one of figures, value or curated, not {' and '.join(forms)}")
            if not forms and "seed" not in case:
                fail(case, None, f"{where} needs figures, value, curated or seed")
            if "curated" in case and any(k in case for k in ("stated_rules", "ignored", "waivers")):
                fail(case, "curated", f"{where}: curated is a whole curated file: its sections go inside it")
            for k in ("seed", "curated", "why", "value"):
                text(case, k, where)
            if "figures" in case:
                figures = case["figures"]
                if not isinstance(figures, list) or not figures:
                    fail(case, "figures", f"{where}: figures must be a non-empty list of figure mappings")
                for fig in figures:
                    if not isinstance(fig, dict):
                        fail(figures, None, f"{where}: each figure is a mapping ({{metric: …, value: …}}), not {fig!r}")
                    for k in fig:
                        if k not in figure_keys:
                            fail(fig, k, f"{where}: unknown key {k!r} in a figure (known: {', '.join(sorted(figure_keys))}){_did_you_mean_after(k, figure_keys)}")
                    if "value" not in fig:
                        fail(fig, None, f"{where}: a figure needs value (the literal as printed)")
                    text(fig, "value", where)
            if "expect" in case:
                expect = case["expect"]
                if kind != "bad":
                    fail(case, "expect", f"{where}: expect is for bad examples (what must fire); a good example fires nothing")
                if not isinstance(expect, dict) or not expect:
                    fail(case, "expect", f"{where}: expect must be a mapping {{figures: [ids], message: a fragment}}")
                for k in expect:
                    if k not in EXPECT_KEYS:
                        fail(expect, k, f"{where}: unknown key {k!r} in expect (known: {', '.join(EXPECT_KEYS)})")
                ids = expect.get("figures")
                if ids is not None and (not isinstance(ids, list) or not all(isinstance(x, str) for x in ids)):
                    fail(expect, "figures", f"{where}: expect.figures must be a list of figure ids (f1, f2 … by default)")
                text(expect, "message", where)


def _coerce(value, opt: Option, rel: str, line: int, code: str, key: str, vocab: Vocabulary):
    """A rule's option value checked against the kind's declaration (type, choices, metric names)."""
    def bad(what):
        return RuleConfigError(rel, line, f"{key!r} must be {what}", code)

    t = opt.type
    if t in ("str", "expr", "regex"):
        if not isinstance(value, str) or isinstance(value, yamlsafe.RawNumber):
            raise bad("a string")
        if opt.choices and value not in opt.choices:
            raise RuleConfigError(rel, line, f"{key} must be one of {', '.join(opt.choices)}, not {value!r}", code)
        if t == "regex":
            try:
                re.compile(value)
            except re.error as exc:
                raise RuleConfigError(rel, line, f"{key!r} is not a valid regular expression: {exc}", code) from None
        return str(value)
    if t == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if t == "number":
        if not isinstance(value, yamlsafe.RawNumber) or value.number is None:
            raise bad("a number")
        return float(value.number)
    if t in ("list", "metrics"):
        if not isinstance(value, list):
            raise bad("a list")
        items = [str(v) for v in value]
        for v in items:
            if opt.choices and v not in opt.choices:
                raise RuleConfigError(rel, line, f"{key}: unknown value {v!r} (known: {', '.join(opt.choices)})", code)
            if t == "metrics" and v not in vocab.metrics:
                raise RuleConfigError(rel, line, f"{key}: unknown metric {v!r}{_did_you_mean(v, vocab.metrics)}", code)
        return items
    if t == "mapping":
        if not isinstance(value, dict):
            raise bad("a mapping")
        return value
    if t == "table":  # a list of mappings, kept as read (with their lines): the kind checks their keys
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise bad("a list of mappings")
        return value
    raise AssertionError(t)
