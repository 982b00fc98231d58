"""pandera models of the loaded frames, and the adapter that turns their failures into findings.

pandera is imported here only (it costs about half a second): commands that do not validate data
never pay for it. Failures are collected with ``lazy=True`` and mapped back through each row's
file and per-field lines to a finding at the bad value.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ucheck.finding import Finding
from ucheck.builtin import BUILTIN
from ucheck.i18n import join, metric_label, phrases
from ucheck.load.keys import field_line
from ucheck.numbers.periods import PERIOD_NORM_PATTERN
from ucheck.suggest import quote

# The schema's findings, in both languages: a metric the curator wrote is named by the id written
# (unknown metric 'x'); a known one by its id and its label.
SAY = phrases(
    __name__,
    unknown_metric=("figure {id}: unknown metric {metric}{hint} (not in the vocabulary of rules/; see `ucheck metrics`)",
                    "数字 {id}：未知的指标{metric}{hint}，不在 rules/ 的指标表中（见 `ucheck metrics`）"),
    unit_misfit=("figure {id}: unit {unit} of {value} does not fit metric {metric} ({label}; units: {units})",
                 "数字 {id}：{value}的单位{unit}不符合指标“{label}”（{metric}；可用单位：{units}）"),
    duplicate_id=("figure id {id} is used more than once in article {article}", "数字 id{id}在文章 {article} 中重复使用"),
    first_on=(" (first on line {line})", "（首次出现在第 {line} 行）"),
    field_missing=("figure {id}: field {field} is missing", "数字 {id}：缺少字段{field}"),
    field_invalid=("figure {id}: field {field} is invalid ({value})", "数字 {id}：字段{field}无效（{value}）"),
    period_form=(": write a year 2016, years 2013/2018, a month 2016-11 or the months of a year 2016-01/2016-06 (一季度 2025-01/2025-03)",
                 "：应写作年份2016、年份区间2013/2018、月份2016-11或一年中的月份区间2016-01/2016-06（一季度为2025-01/2025-03）"),
)


def _quoted(value, lang: str) -> str:
    """A name or value as a message quotes it: 'x' (as English messages always did), “x” in Chinese."""
    return quote(value, lang) if lang == "zh" else repr(value)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class FigureModel(pa.DataFrameModel):
    """A curated figure: who, what, when, the literal as printed and the sentence it came from.

    "Not empty" is ``ne=""`` (one vectorised comparison), not ``str_length`` (a Python call per
    value of pandas' string arrays): the same for strings, a third of the time on 500,000 rows."""

    article: Series[str] = pa.Field(nullable=False)
    id: Series[str] = pa.Field(nullable=False, str_matches=ID_PATTERN)
    subject: Series[str] = pa.Field(nullable=False, ne="")
    region: Series[str] = pa.Field(nullable=False, ne="")
    metric: Series[str] = pa.Field(nullable=False, ne="")
    period: Series[str] = pa.Field(nullable=True)
    period_norm: Series[str] = pa.Field(nullable=True, str_matches=PERIOD_NORM_PATTERN)
    value: Series[str] = pa.Field(nullable=False, ne="")
    quote: Series[str] = pa.Field(nullable=False, ne="")

    class Config:
        unique = ["article", "id"]
        strict = False
        coerce = False


class ArticleModel(pa.DataFrameModel):
    article: Series[str] = pa.Field(nullable=False, unique=True)
    seed: Series[str] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(nullable=False, str_length={"min_value": 1})
    region: Series[str] = pa.Field(nullable=False, str_length={"min_value": 1})


def figure_schema(metrics: dict[str, dict]) -> pa.DataFrameSchema:
    """The figure model with the checks that depend on the vocabulary in rules/."""
    known = sorted(metrics)
    allowed = {m: set(d["units"]) for m, d in metrics.items()}

    def unit_fits_metric(df: pd.DataFrame) -> pd.Series:
        # Vectorised over (metric, unit) codes: a table of the few distinct pairs, one lookup a row.
        units = df["unit"].fillna("").astype(object)
        m_codes, m_names = pd.factorize(df["metric"].astype(object))
        u_codes, u_names = pd.factorize(units)
        u_names = list(u_names)
        table = np.ones((len(m_names) + 1, len(u_names)), dtype=bool)  # row -1: no metric
        for i, m in enumerate(m_names):
            if m in allowed:
                table[i] = [u in allowed[m] for u in u_names]
        ok = table[m_codes, u_codes] if len(u_names) else np.ones(len(df), dtype=bool)
        # A bare number with no measure word (1.2万) is accepted: the metric supplies the unit.
        return pd.Series(ok, index=df.index) | (units == "")

    model = FigureModel.to_schema().update_column("metric", checks=[pa.Check.isin(known, name="metric_known")])
    columns = {**model.columns, "unit": pa.Column(object, nullable=True, required=False)}
    return pa.DataFrameSchema(
        columns=columns,
        checks=[pa.Check(unit_fits_metric, name="unit_fits_metric")],
        unique=model.unique,
        strict=False,
        name="figures",
    )


_COLUMN_CODE = {"metric_known": "UC004", "unit_fits_metric": "UC005"}
_FIELD = {"metric_known": "metric", "unit_fits_metric": "value"}


def validate_figures(figures: pd.DataFrame, metrics: dict[str, dict], lang: str = "en") -> list[Finding]:
    """Schema findings for the figures frame, each at the file and line of the bad value, their
    messages in ``lang``."""
    if not len(figures):
        return []
    frame = figures[["article", "id", "subject", "region", "metric", "period", "period_norm", "value", "quote", "unit"]]
    try:
        figure_schema(metrics).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    out: list[Finding] = []
    seen = set()
    for case in cases.itertuples(index=False):
        idx = case.index
        if idx is None or pd.isna(idx):
            continue
        row = figures.loc[int(idx)]
        check = str(case.check)
        column = None if pd.isna(case.column) else str(case.column)
        if check in _COLUMN_CODE:
            code, field = _COLUMN_CODE[check], _FIELD[check]
        elif column == "metric" and check.startswith("isin"):
            code, field = "UC004", "metric"
        elif "unique" in check or column is None:
            code, field = "UC003", "id"
        else:
            code, field = "UC002", column
        key = (code, int(idx), field)
        if key in seen:
            continue
        seen.add(key)
        line = field_line(row, field) if isinstance(row["field_offsets"], dict) else row["line"]
        out.append(_finding(code, row, field, line, figures, metrics, lang))
    return _drop_first_of_duplicates(out, lang)


def _drop_first_of_duplicates(findings: list[Finding], lang: str = "en") -> list[Finding]:
    """A duplicate id is reported where it is reused, naming the line of its first use."""
    dups: dict[tuple, list[Finding]] = {}
    rest = []
    for f in findings:
        (dups.setdefault((f.file, f.article, f.key), []) if f.code == "UC003" else rest).append(f)
    for group in dups.values():
        group.sort(key=lambda f: f.line)
        first = group[0].line
        for f in group[1:]:
            f.message += SAY.first_on(lang, line=first)
            rest.append(f)
    return rest


@functools.lru_cache(maxsize=4096)
def _hint(metric: str, known: tuple[str, ...], lang: str = "en") -> str:
    """The did-you-mean of an unknown metric, once per distinct name (an archive repeats a typo on
    thousands of figures: 1.85 s of 10,000 articles' schema time before)."""
    from ucheck.suggest import did_you_mean

    return did_you_mean(metric, known, lang=lang)


def _finding(code: str, row, field: str | None, line: int, figures: pd.DataFrame, metrics, lang: str = "en") -> Finding:
    meta = BUILTIN[code]
    fid = row["id"] if isinstance(row["id"], str) else "?"
    if code == "UC004":
        msg = SAY.unknown_metric(lang, id=fid, metric=_quoted(row["metric"], lang), hint=_hint(str(row["metric"]), tuple(metrics), lang))
    elif code == "UC005":
        metric = row["metric"]
        value = _quoted(row["value"], lang) if lang == "zh" else f"'{row['value']}'"  # as English has always printed it
        msg = SAY.unit_misfit(lang, id=fid, unit=_quoted(row["unit"], lang), value=value, metric=metric,
                              label=metric_label(metrics, metric, lang), units=join(lang, metrics.get(metric, {}).get("units", [])))
    elif code == "UC003":
        msg = SAY.duplicate_id(lang, id=_quoted(fid, lang), article=row["article"])
    else:
        val = row.get(field) if field else None
        if val is None or (isinstance(val, float) and pd.isna(val)):
            msg = SAY.field_missing(lang, id=fid, field=_quoted(str(field), lang))
        else:
            msg = SAY.field_invalid(lang, id=fid, field=_quoted(str(field), lang), value=_quoted(val, lang))
            if field == "period_norm":
                msg += SAY.period_form(lang)
    return Finding(code, meta.name, meta.severity, row["article"], row["file"], int(line), msg, key=f"{fid}:{field}")
