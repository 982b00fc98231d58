"""The forms of a figure's period, in one place: what ``period_norm`` may be (the schema, the editor's
JSON Schema), which periods are a whole year (比上年 and 同比 are then one base: the check's keys, the
draft's proposals, the draft benchmark) and which span of one year a period covers (UC424 takes that
part of a yearly national figure)."""

from __future__ import annotations

import re

# period_norm: a year (2016), years (2013/2018), a month or a day (2016-11, 2016-11-30: the end of a
# stock), months of a year (上半年 2016-01/2016-06, 一季度 2025-01/2025-03); empty where none is meant
_YM = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
PERIOD_NORM_PATTERN = rf"^(?:{_YM}(?:/{_YM})?)?$"

# a whole year: period_norm 2021; printed (where no period_norm is given), 全年, 2021年全年 or 2021年
WHOLE_YEAR_NORM = r"^\d{4}$"
WHOLE_YEAR_PRINTED = r"^(?:\d{4}年)?全年$|^\d{4}年$"
_WHOLE_YEAR_NORM_RE = re.compile(WHOLE_YEAR_NORM)
_WHOLE_YEAR_PRINTED_RE = re.compile(WHOLE_YEAR_PRINTED)

# the span of one year a period covers, for str.extract: a year (2016, or 2016年 as printed) — y —, or
# months of one year (2016-01/2016-06) — y1, m1, y2, m2
YEAR_SPAN = r"^(?P<y>\d{4})年?$|^(?P<y1>\d{4})-(?P<m1>\d{2})/(?P<y2>\d{4})-(?P<m2>\d{2})$"


def whole_year(period: str | None, period_norm: str | None = None) -> bool:
    """Whether a figure's period is a whole year: by its period_norm where it has one, else as printed."""
    norm = str(period_norm or "")
    if norm:
        return bool(_WHOLE_YEAR_NORM_RE.match(norm))
    return bool(_WHOLE_YEAR_PRINTED_RE.match(str(period or "")))
