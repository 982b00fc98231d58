"""The words printed with a number that qualify it — approximators and bounds — defined once.

``PREFIX`` (before the number), ``SUFFIX`` (after it and its measure word) and ``BEFORE_SCALE``
(before a scale word printed without digits) map each word, in simplified characters, to a
:class:`Qualifier`: what it is read as, and how a numeric mention of running text takes it.

* :mod:`ucheck.numbers.quantity` reads a literal's qualifiers from ``PREFIX`` and ``SUFFIX`` (the
  interval each reading gives is documented there) and names them by ``Qualifier.means``;
* :mod:`ucheck.numbers.mentions` builds its prefix and suffix patterns from the same tables: a word
  is part of a mention unless ``Qualifier.not_in_text`` says why not, and only where no character of
  ``Qualifier.not_after`` stands before it (最近 is not 近; 买不到 is not 不到) — so a word added here
  is found in seeds too, or says why it is not;
* ``STACKED`` lists the qualifier pairs that repeat or contradict each other on one number, which
  the literal rule UC104 flags (through ``Quantity.is_stacked``).

多, 余 and 几 (inside the numeral: 290多万, 十几) are part of the numeral grammar of both modules,
not words of these tables.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BEFORE_SCALE", "COMPLEMENT_VERBS", "PREFIX", "Qualifier", "STACKED", "SUFFIX"]


@dataclass(frozen=True, slots=True)
class Qualifier:
    means: str  # the qualifier it is read as (约, 近, 超过, 以上 …); '' when it changes nothing (之多)
    not_after: str = ""  # in running text: not a qualifier right after one of these characters
    not_in_text: str = ""  # why a mention of running text never takes it ('' : it does)
    time_only: bool = False  # in running text: only after a time measure (1年内)


# verbs that take 不到 as a potential complement (买不到10元的票: 不到 is not a qualifier there)
COMPLEMENT_VERBS = "买找做办达想见看听拿收用受感吃睡走跑赶顾料猜学管轮照碰遇接送借租订抢领得"

_ADVERB = "an adverb before the figure, not part of its literal (至少5人 is curated as 5人)"
_SHORT = "a single character that ends other words before a number (经过3年, 通过5项)"

Q = Qualifier
PREFIX: dict[str, Qualifier] = {
    # approximately
    "大约": Q("约"), "大概": Q("约"), "近似": Q("约"), "约": Q("约", not_after="节制公契合签预隐大"),
    # nearly
    "将近": Q("近"), "接近": Q("近"), "近": Q("近", not_after="最接附亲"),
    # more than (open)
    "超过": Q("超过"), "超出": Q("超过"), "多于": Q("超过"), "高于": Q("超过"), "大于": Q("超过"), "突破": Q("超过"),
    # 超 right before a number is more than it (基层工会超5600家) but after 赶 or 高 (赶超, 高超); 过 is not
    # (经过3年, 通过5项: it ends other words)
    "超": Q("超过", not_after="赶高"), "过": Q("超过", not_in_text=_SHORT), "逾": Q("逾"),
    # at least (closed)
    "不少于": Q("以上"), "不低于": Q("以上"), "不小于": Q("以上"), "大于等于": Q("以上"),
    "至少": Q("以上", not_in_text=_ADVERB), "最少": Q("以上", not_in_text=_ADVERB), "起码": Q("以上", not_in_text=_ADVERB),
    # at most (closed)
    "不超过": Q("以下"), "不多于": Q("以下"), "不高于": Q("以下"), "不大于": Q("以下"), "小于等于": Q("以下"),
    "至多": Q("以下", not_in_text=_ADVERB), "最多": Q("以下", not_in_text=_ADVERB),
    # less than (open)
    "不到": Q("不到", not_after=COMPLEMENT_VERBS), "不足": Q("不足"), "少于": Q("不到"), "低于": Q("不到"),
    "小于": Q("不到"), "未满": Q("不到"), "未达": Q("不到"),
}

SUFFIX: dict[str, Qualifier] = {
    "左右": Q("左右"),
    "上下": Q("上下", not_in_text="after a count it also begins 上下一心, 上下联动"),
    "以上": Q("以上"), "或以上": Q("以上"), "及以上": Q("以上"),
    "以下": Q("以下"), "或以下": Q("以下"), "及以下": Q("以下"), "以内": Q("以下"), "之内": Q("以下"),
    "内": Q("以下", time_only=True),  # 1年内; elsewhere 内 begins a word (国内, 内容)
    "之多": Q(""),  # 达10万人之多: as many as — the number as printed
}

# A scale word printed without digits: 上万人 (at least 一万), 数百个 (several hundred, read like 几).
BEFORE_SCALE: dict[str, Qualifier] = {
    "上": Q("上", not_after="以之"),
    "数": Q("几"),
}

# Qualifier pairs that repeat or contradict each other on one number (UC104): the first printed
# before the number, the second after it (or 多/余 in it). 约…左右 says "about" twice; 近 (just
# under) with 多/余 (just over) contradict, as do 不到 with 以上 and 超过 with 以下.
_ABOUT_AGAIN = frozenset({"左右", "上下", "多", "余", "以上", "以下"})
STACKED: dict[str, frozenset[str]] = {
    "约": _ABOUT_AGAIN, "近": _ABOUT_AGAIN,
    "不到": frozenset({"以上", "多", "余"}), "不足": frozenset({"以上", "多", "余"}),
    "超过": frozenset({"以下", "左右"}), "逾": frozenset({"以下", "左右"}),
}
