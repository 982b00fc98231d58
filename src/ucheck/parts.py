"""Parts of a whole, as the text states them: ``part_of: <figure id>`` on a curated figure.

"培训职工3万多名, 其中1.9万人实现技能晋级" makes the 1.9万 a part of the 3万多; "获得国家级成果8项、
省级成果60项" beside "共取得创新成果1000余项" makes both parts of the 1000余项. The curator says so with
``part_of`` on each part, and says on the whole how its parts relate: by default they may overlap
(其中 561项 applied, 22项 patented: a result can be both), ``parts: disjoint`` when they cannot (国家级,
省级, 市级), ``parts: complete`` when they also make the whole up (分别为…, 包括…共). The ``parts`` rule kind (UC308) then checks, on intervals, that no part
exceeds its whole, that disjoint parts together do not, and that complete parts reach it.

A part is counted like its whole: the same kind of metric and a compatible measure word (人, 名 and
位 are all persons; 家, 个, 所 and 座 all organisations). A part that names no figure of its article,
or one counted otherwise, is a finding at its ``part_of`` line, and is not summed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

UNIT_CLASSES = {u: "person" for u in ("人", "名", "位")} | {u: "organisation" for u in ("家", "个", "所", "座")}
_COLUMNS = ["article", "file", "line", "column", "id", "value", "quote", "seed_line", "q_low", "q_high", "q_low_open", "q_high_open"]


def _unit_class(units: pd.Series) -> np.ndarray:
    u = units.fillna("").astype(object)
    return u.map(lambda x: UNIT_CLASSES.get(x, x)).to_numpy(object)


def resolve(figures: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    """One row per part, joined to its whole (the whole's columns prefixed ``whole.``), and the
    problems of the references (a whole that does not exist, a part counted otherwise)."""
    from ucheck.corpus import _problem

    parts = figures[figures["part_of"].notna()]
    if not len(parts):
        return pd.DataFrame(columns=[*_COLUMNS, "part_of", *(f"whole.{c}" for c in [*_COLUMNS, "parts"])]), []
    wholes = figures[figures["article"].isin(pd.unique(parts["article"]))].drop_duplicates(["article", "id"])
    wcols = [*_COLUMNS, "parts", "metric_kind", "unit"]
    cols = [*_COLUMNS, "part_of", "field_lines", "metric_kind", "unit"]
    j = parts[cols].merge(wholes[wcols].rename(columns={c: f"whole.{c}" for c in wcols if c != "article"}),
                          how="left", left_on=["article", "part_of"], right_on=["article", "whole.id"])
    problems = []
    missing = j["whole.id"].isna().to_numpy() | (j["part_of"] == j["id"]).to_numpy()
    same_kind = (j["metric_kind"].fillna("") == j["whole.metric_kind"].fillna("")).to_numpy()
    pc, wc = _unit_class(j["unit"]), _unit_class(j["whole.unit"])
    same_unit = (pc == wc) | (pc == "") | (wc == "")
    unlike = ~missing & ~(same_kind & same_unit)
    for r in j[missing | unlike].to_dict("records"):
        line = r["field_lines"].get("part_of", r["line"])
        if r["part_of"] == r["id"] or pd.isna(r["whole.id"]):
            msg = f"figure {r['id']}: part_of {r['part_of']!r} is not the id of another figure of article {r['article']}"
        else:
            msg = (f"figure {r['id']}: a part must be counted like its whole — {r['value']} ({r['metric_kind']}, {r['unit'] or 'no unit'}) "
                   f"is part_of {r['part_of']} = {r['whole.value']} ({r['whole.metric_kind']}, {r['whole.unit'] or 'no unit'})")
        problems.append(_problem("UC002", r["file"], line, msg, r["article"], key=f"part_of:{r['id']}"))
    return j[~(missing | unlike)].drop(columns=["field_lines"]).reset_index(drop=True), problems
