"""How well ``ucheck draft`` proposes links, metrics and periods, against the curated files.

    PYTHONPATH=src python benchmarks/draft_links.py [--root DIR] [--verbose]

For every curated article the draft of its seed (``draft_article`` with the vocabulary of
``rules/``, as ``ucheck draft`` writes it) is matched to the curated figures: a draft figure and a
curated figure match when their literals are the same after NFKC and white-space removal and the
literal inside the one quote is the same occurrence of the seed as the literal inside the other
(or, failing that, when one normalised quote contains the other); each figure matches at most
once, the nearest occurrence first.

* link precision — of the links the draft proposes (part_of, parts, of, within, base, same_as) on
  figures that match, those the curated file keeps: the curated figure has the same key, and it
  names the curated figure matched to the draft's target (parts: the same mode for every breakdown
  of the whole; base: the same base, compared through the
  ``bases`` of rules/lexicon.yaml, so 同比 and 比同期 are one base, and for a whole year 比上年 and 同比
  too). A link on a draft figure that no
  curated figure matches cannot be judged: it is counted apart (``unjudged``) and in the strict
  precision of the totals.
* link recall — of the curated links on figures the draft matched, and of all curated links,
  those the draft proposed (the same test). Per key and overall.
* metric accuracy — matched figures whose drafted metric is the curated metric; period accuracy,
  whose drafted period is the curated period (as printed: 上半年, 近5年来, "").

A seed curated as two articles (000, 003) is drafted once; its figures are matched to each
article in turn.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("part_of", "parts", "of", "within", "base", "same_as")


def norm(s) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def places(seed_norm: str, value: str, quote: str) -> set[int]:
    """Positions (in the normalised seed) of the literal inside every occurrence of the quote."""
    q, v = norm(quote), norm(value)
    offs = [m.start() for m in re.finditer(re.escape(v), q)] if v else []
    out: set[int] = set()
    start = seed_norm.find(q) if q else -1
    while start >= 0:
        out.update(start + o for o in offs)
        start = seed_norm.find(q, start + 1)
    return out


def figures_of(doc) -> list[dict]:
    return [f for f in (doc or {}).get("figures") or [] if isinstance(f, dict) and isinstance(f.get("value"), str)
            and isinstance(f.get("quote"), str)]


def match(draft: list[dict], curated: list[dict], seed_norm: str) -> dict[int, int]:
    """curated index → draft index, one to one: same literal at the same place, else quote containment."""
    pairs = []
    dplaces = [places(seed_norm, d["value"], d["quote"]) for d in draft]
    for ci, c in enumerate(curated):
        cv, cq = norm(c["value"]), norm(c["quote"])
        cp = places(seed_norm, c["value"], c["quote"])
        for di, d in enumerate(draft):
            if norm(d["value"]) != cv:
                continue
            if cp & dplaces[di]:
                pairs.append((0, abs(len(norm(d["quote"])) - len(cq)), ci, di))
            else:
                dq = norm(d["quote"])
                if dq and cq and (dq in cq or cq in dq):
                    pairs.append((1, abs(len(dq) - len(cq)), ci, di))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _rank, _gap, ci, di in sorted(pairs):
        if ci not in out and di not in used:
            out[ci] = di
            used.add(di)
    return out


def base_key(value, bases: dict[str, str], period: str = "", period_norm: str = "") -> str:
    """The base as the checker keys it: 同比 and 比同期 are one base, and for a figure of a whole year
    (period_norm 2021, or 全年 printed) so are 比上年 and 同比 (ucheck.numbers.periods.whole_year)."""
    from ucheck.numbers.periods import whole_year

    v = norm(value)
    key = bases.get(v, v)
    return "同期" if key == "上年" and whole_year(period, period_norm) else key


def evaluate(draft_doc: dict, curated_doc: dict, seed_text: str, bases: dict[str, str]) -> dict:
    seed_norm = norm(seed_text)
    draft, curated = figures_of(draft_doc), figures_of(curated_doc)
    c2d = match(draft, curated, seed_norm)
    d2c = {d: c for c, d in c2d.items()}
    cid = {i: str(c.get("id")) for i, c in enumerate(curated)}
    did_index = {str(d.get("id")): i for i, d in enumerate(draft)}
    r = {"figures": len(curated), "matched": len(c2d), "metric_ok": 0, "period_ok": 0, "proposed": Counter(), "kept": Counter(),
         "unjudged": Counter(), "curated": Counter(), "curated_matched": Counter(), "recalled": Counter(), "wrong": []}

    def same(key, draft_fig: dict, cur_fig: dict) -> bool:
        if key not in cur_fig or key not in draft_fig:
            return False
        if key == "parts":  # a mode, not an id: kept where the curated whole says the same of the breakdown
            modes = cur_fig[key] if isinstance(cur_fig[key], dict) else {"": cur_fig[key]}
            return draft_fig[key] in modes.values() and len(set(modes.values())) == 1
        if key == "base" and str(draft_fig[key]) not in did_index:  # a base as printed, not a figure's id
            when = (cur_fig.get("period"), cur_fig.get("period_norm"))
            return base_key(draft_fig[key], bases, *when) == base_key(cur_fig[key], bases, *when)
        target = did_index.get(str(draft_fig[key]))
        return target is not None and target in d2c and cid[d2c[target]] == str(cur_fig[key])

    for di, d in enumerate(draft):
        for key in KEYS:
            if key not in d:
                continue
            if di not in d2c:
                r["unjudged"][key] += 1
                continue
            r["proposed"][key] += 1
            if same(key, d, curated[d2c[di]]):
                r["kept"][key] += 1
            else:
                r["wrong"].append((key, d["value"], d["quote"], d[key], curated[d2c[di]].get(key)))
    for ci, c in enumerate(curated):
        if ci in c2d and draft[c2d[ci]].get("metric") == c.get("metric"):
            r["metric_ok"] += 1
        if ci in c2d and str(draft[c2d[ci]].get("period") or "") == str(c.get("period") or ""):
            r["period_ok"] += 1
        for key in KEYS:
            if key not in c:
                continue
            r["curated"][key] += 1
            if ci in c2d:
                r["curated_matched"][key] += 1
                if same(key, draft[c2d[ci]], c):
                    r["recalled"][key] += 1
    return r


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f}%" if b else "    –"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="the repository with curated/, seeds/ and rules/")
    ap.add_argument("--verbose", action="store_true", help="list the proposals the curated file does not keep")
    args = ap.parse_args(argv)
    root = args.root.resolve()

    from ucheck.authoring.draft import draft_article
    from ucheck.ruleset import load_rules

    from ucheck.paths import packaged_rules_dir

    std = packaged_rules_dir()  # the packaged library first, as `ucheck draft` reads it, then the root's own rules
    vocab = load_rules([std] + ([root / "rules"] if (root / "rules").resolve() != std.resolve() else []), root)
    bases = {norm(k): v for k, v in (getattr(vocab, "bases", None) or {}).items()}
    drafts: dict[str, tuple[str, dict]] = {}
    rows = []
    for path in sorted((root / "curated").glob("*.yaml")):
        cur = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rel = str((cur.get("article") or {}).get("seed", ""))
        seed = root / rel
        if not rel or not seed.is_file():
            continue
        if rel not in drafts:
            text = seed.read_text(encoding="utf-8")
            drafts[rel] = (text, yaml.safe_load(draft_article(text, rel, vocab.keywords, vocab.regions, vocab.metrics)))
        text, draft = drafts[rel]
        rows.append((path.name, rel, evaluate(draft, cur, text, bases)))

    # a draft figure that matches no curated figure of any article of its seed: its proposals are unjudged
    unjudged_by_seed: dict[str, Counter] = {}
    for rel, (text, draft) in drafts.items():
        seed_norm = norm(text)
        matched: set[int] = set()
        for path in sorted((root / "curated").glob("*.yaml")):
            cur = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if str((cur.get("article") or {}).get("seed", "")) == rel:
                matched |= set(match(figures_of(draft), figures_of(cur), seed_norm).values())
        unjudged_by_seed[rel] = Counter(k for i, d in enumerate(figures_of(draft)) if i not in matched for k in KEYS if k in d)

    head = (f"{'article':34} {'figs':>4} {'match':>5} {'metric ok':>15} {'period ok':>15} {'proposed':>8} {'kept':>4} {'precision':>9} "
            f"{'curated links':>13} {'recalled':>8} {'recall':>7}")
    print(head)
    print("-" * len(head))
    tot = defaultdict(Counter)
    tf = tm = tmo = tpo = 0
    for name, _rel, r in rows:
        p, k = sum(r["proposed"].values()), sum(r["kept"].values())
        cl, rc = sum(r["curated"].values()), sum(r["recalled"].values())
        print(f"{name[:34]:34} {r['figures']:>4} {r['matched']:>5} {r['metric_ok']:>5} {pct(r['metric_ok'], r['matched']):>9} "
              f"{r['period_ok']:>5} {pct(r['period_ok'], r['matched']):>9} "
              f"{p:>8} {k:>4} {pct(k, p):>9} {cl:>13} {rc:>8} {pct(rc, cl):>7}")
        tf += r["figures"]
        tm += r["matched"]
        tmo += r["metric_ok"]
        tpo += r["period_ok"]
        for key in ("proposed", "kept", "curated", "curated_matched", "recalled"):
            tot[key].update(r[key])
    print("-" * len(head))
    p, k = sum(tot["proposed"].values()), sum(tot["kept"].values())
    cl, rc = sum(tot["curated"].values()), sum(tot["recalled"].values())
    print(f"{'total':34} {tf:>4} {tm:>5} {tmo:>5} {pct(tmo, tm):>9} {tpo:>5} {pct(tpo, tm):>9} {p:>8} {k:>4} {pct(k, p):>9} {cl:>13} {rc:>8} {pct(rc, cl):>7}")
    unj = sum((c for c in unjudged_by_seed.values()), Counter())
    print(f"\nproposals on draft figures that no curated figure matches (unjudged): {sum(unj.values())} "
          f"({', '.join(f'{key} {unj[key]}' for key in KEYS if unj[key]) or 'none'}); "
          f"strict precision, counting them as not kept: {pct(k, p + sum(unj.values())).strip()}")

    print("\nper key          proposed  kept  precision   curated  on matched  recalled  recall  recall on matched")
    for key in KEYS:
        print(f"  {key:14} {tot['proposed'][key]:>8} {tot['kept'][key]:>5} {pct(tot['kept'][key], tot['proposed'][key]):>10} "
              f"{tot['curated'][key]:>9} {tot['curated_matched'][key]:>11} {tot['recalled'][key]:>9} "
              f"{pct(tot['recalled'][key], tot['curated'][key]):>7} {pct(tot['recalled'][key], tot['curated_matched'][key]):>18}")
    if args.verbose:
        print("\nproposals the curated file does not keep (key, literal, draft quote, proposed, curated):")
        for name, _rel, r in rows:
            for w in r["wrong"]:
                print(f"  {name}: {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
