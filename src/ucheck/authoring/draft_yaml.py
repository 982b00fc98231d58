"""``ucheck draft``, last step: the drafted article, figures and ignored mentions written as the text
of a curated YAML file — one scalar per line, comments for the curator."""

from __future__ import annotations

import yaml

from ucheck.numbers.mentions import Mention

__all__ = ["render"]

_LINK_KEYS = ("part_of", "parts", "of", "within", "base", "same_as")


def _scalar(value: str) -> str:
    """One YAML scalar on one line, quoted when it needs quotes (yaml.safe_dump decides)."""
    value = value.replace("\n", " ")
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    out = out.rstrip("\n")
    if out.endswith("\n..."):
        out = out[:-4]
    assert "\n" not in out
    return out


def _comment(s: str) -> str:
    return s.replace("\n", " ")


def _header(seed_relpath: str, article: dict) -> list[str]:
    note = article["region_note"]
    return [
        f"# DRAFT written by `ucheck draft` from {seed_relpath}: every field is a guess.",
        "# Check subject, region, metric and period; move what is not a figure to `ignored` with a",
        "# reason; keep value and quote verbatim. Comments give the seed line:column and the parse.",
        "article:",
        f"  id: {_scalar(article['id'])}",
        f"  seed: {_scalar(seed_relpath)}",
        f"  title: {_scalar(article['title'])}",
        f"  region: {_scalar(article['region'])}" + (f"  # {_comment(note)}" if note else ""),
        "  # to fill in: subtitle, organisation, authors, source, date, period",
    ]


def _figure(f: dict) -> list[str]:
    where = f"line {f['line']}, column {f['column']}"
    if f["also"]:
        where += f"; printed again at line {', '.join(map(str, f['also']))}"
    out = [f"  - id: {f['id']}", f"    # {_comment(where)} | {_comment(f['note'])}"]
    if f["joined"]:
        out.append("    # the literal is split across a line break in the seed (joined here)")
    if f["chinese"]:
        out.append("    # Chinese numeral: a count, or a name / slogan / set phrase for `ignored`?")
    for key in ("subject", "region", "metric", "period", "value", "quote"):
        out.append(f"    {key}: {_scalar(f[key])}")
    if f["unit"]:
        out.append(f"    unit: {_scalar(f['unit'])}")
    for key in _LINK_KEYS:
        for k, v, why in f["links"]:
            if k == key:
                out.append(f"    {key}: {_scalar(v)}  # proposed from {_comment(why)}")
    return out


def _ignored(g: dict) -> list[str]:
    return [
        f"  - value: {_scalar(g['value'])}",
        f"    # line {g['line']}",
        f"    quote: {_scalar(g['quote'])}",
        f"    reason: {_scalar(g['reason'])}",
    ]


def render(seed_relpath: str, article: dict, figures: list[dict], ignored: list[dict],
           auto: list[tuple[int, Mention]]) -> str:
    """The curated YAML text: ``article`` (id, title, region, region_note), the figures, the ignored
    mentions, and the dates, times and ordinals (``auto``: (line, mention)) as a closing comment."""
    out = _header(seed_relpath, article)
    out.append("figures:" if figures else "figures: []")
    for f in figures:
        out += _figure(f)
    out.append("ignored:" if ignored else "ignored: []")
    for g in ignored:
        out += _ignored(g)
    if auto:
        out.append("# Recognised automatically, need not be listed (dates, times, ordinals):")
        for line, m in auto:
            out.append(f"#   line {line}: {_comment(m.literal)} — {_comment(m.reason or m.kind)}")
    return "\n".join(out) + "\n"
