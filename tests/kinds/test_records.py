"""``records`` is ``DataFrame.to_dict("records")`` without its per-call cost: the same values, of
the same types, for every kind of column the figures frame holds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ucheck.kinds.columns import records


def _frame(n: int) -> pd.DataFrame:
    rows = np.arange(n)
    return pd.DataFrame({
        "int": rows, "float": rows / 3, "nan": np.full(n, np.nan), "bool": rows % 2 == 0, "f32": rows.astype(np.float32) / 7,
        "text": pd.Series(["a" if i % 3 else None for i in rows], dtype=object),
        "str": pd.array(["x" if i % 2 else None for i in rows], dtype="str"),
        "Int64": pd.array([i if i % 2 else None for i in rows], dtype="Int64"),
        "boolean": pd.array([bool(i % 2) if i % 3 else None for i in rows], dtype="boolean"),
        "category": pd.Categorical(["u" if i % 2 else "v" for i in rows]),
        "numpy_in_object": pd.Series([np.int64(i) if i % 2 else np.float64(i / 2) for i in rows], dtype=object),
        "dicts": pd.Series([{"k": int(i)} for i in rows], dtype=object),
    })


def _typed(rows: list[dict]) -> list[list]:
    """Each value as (key, type, repr): equal only if pandas would give the very same (nan included)."""
    return [[(k, type(v), repr(v)) for k, v in row.items()] for row in rows]


@pytest.mark.parametrize("n", [0, 1, 7])
def test_records_equal_to_dict_records_value_and_type(n):
    frame = _frame(n)
    got = records(frame)
    assert len(got) == n
    assert _typed(got) == _typed(frame.to_dict("records"))


def test_records_of_a_selection_ignores_the_index():
    frame = _frame(7).iloc[[5, 2]].set_index("text")
    assert _typed(records(frame)) == _typed(frame.to_dict("records"))
