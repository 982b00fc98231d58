"""The column lists the rule kinds share: what a figure row carries into a join or a finding, the
keys figures are matched on, and the names a filter expression may use (no pandas here: rule files
are read without it)."""

from __future__ import annotations

INTERVAL = ("q_low", "q_high", "q_low_open", "q_high_open")  # a figure's interval
LOCATION = ("article", "file", "line", "column")  # where a finding points
REF = ("id", "value", "quote", "seed_line", *INTERVAL)  # what a finding shows of a figure (FigureRef)
FIGURE = (*LOCATION, "id", "value", "quote", "seed_line", "q_value", *INTERVAL)  # a figure in a join
CARRY = (*FIGURE, "unit")  # a figure bound to a relation's variable

# measure words counted alike: a part is counted like its whole, a share is of like quantities
UNIT_CLASSES = {u: "person" for u in ("人", "名", "位")} | {u: "organisation" for u in ("家", "个", "所", "座")}

# match_on keys → the column that holds them (period: period_norm where given, else the period)
# (base: the base of a change as its key — 同比 and 比上年同期 are one base — "" where none is printed)
MATCH_KEYS = {"article": "article", "region": "region", "subject": "subject", "period": "period_key", "organisation": "organisation",
              "base": "base_key"}

# the names of filter expressions (literal rules' `when`, bind filters) → enriched figure columns
FILTER_COLUMNS = {
    "value": "value", "unit": "unit", "qualifier": "q_qualifier", "kind": "q_kind", "numeral": "q_numeral",
    "scale": "q_scale", "step": "q_step", "low": "q_low", "high": "q_high", "point": "q_value",
    "metric": "metric", "metric_kind": "metric_kind", "subject": "subject", "region": "region",
    "period": "period", "quote": "quote", "base": "base_key", "region_population": "region_population",
    "per_resident_max": "per_resident_max", "per_resident_min": "per_resident_min",
    "growth_max": "growth_max", "national_low": "national_low", "national_high": "national_high",
    # the printed form, as Quantity reads it: full-width digits or signs, Arabic digits mixed with
    # Chinese ones other than 万/亿, qualifiers that repeat or contradict each other
    "fullwidth": "q_fullwidth", "mixed_digits": "q_mixed_digits", "stacked": "q_stacked",
}


def records(frame) -> list[dict]:
    """The rows of a frame as plain dicts, equal to ``frame.to_dict("records")`` value for value, for
    a fraction of its cost: pandas builds a namedtuple class of every column on each call (≈ 6 ms
    for the ~100 columns of the figures, even on an empty frame — a one-file check made fifty such
    calls). One list per column, zipped; as pandas does it, a numeric column gives Python numbers
    and an object or extension column its values as iterated, numpy scalars boxed to Python."""
    n = len(frame)
    if not n:
        return []
    names = list(frame.columns)
    if len(set(names)) != len(names):  # duplicated names: as pandas does it
        return frame.to_dict("records")
    import numpy as np
    from pandas.core.dtypes.cast import maybe_box_native  # what to_dict applies to such columns

    columns = []
    for i in range(len(names)):
        arr = frame.iloc[:, i].array if not hasattr(frame, "_get_column_array") else frame._get_column_array(i)
        if isinstance(arr, np.ndarray) and arr.dtype != object:
            columns.append(arr.tolist())
        else:
            columns.append([maybe_box_native(v) for v in arr])
    return [dict(zip(names, row)) for row in zip(*columns)]

# the metric kinds whose figure with `of` (or, a part's amount not printed, with within, breakdown and
# base) is an absolute change of a level (增加 X, 增收 X): the links and parts kinds read them alike
INCREMENT_KINDS = ("count", "money", "duration")
