"""ucheck.numbers.mentions: spans, kinds and the conservative Chinese-numeral rules, on sentences written
for the tests and on lines of the real seeds."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ucheck.numbers.mentions import Mention, find_mentions, measure_of

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def lits(text: str, kind: str | None = None) -> list[str]:
    return [m.literal for m in find_mentions(text) if kind is None or m.kind == kind]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.literal, m.kind) for m in find_mentions(text)]


# ----------------------------------------------------------------------------- literals


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("帮扶困难职工和农村贫困户3万多家，", ["3万多家"]),
        ("直接经济效益290多万元。", ["290多万元"]),
        ("共有近30万名困难职工和贫困群众受益", ["近30万名"]),
        ("资助困难学生19万余人次。", ["19万余人次"]),
        ("组建7000余人的援助律师和志愿者团队", ["7000余人"]),
        ("共取得国家专利1.1万项", ["1.1万项"]),
        ("全省发卡覆盖面达到19.9%。", ["19.9%"]),
        ("覆盖企业15多家。", ["15多家"]),
        ("每期都有超过10万粉丝在线观看", ["超过10万"]),
        ("累计培训职工48.7余万人", ["48.7余万人"]),
        ("工会70%以上达到规范化目标", ["70%以上"]),
        ("近3年来新发展会员21万人以上", ["近3年", "21万人以上"]),
        ("设立8-10个工种", ["8-10个"]),
        ("培养选树典型2个至3个", ["2个至3个"]),
        ("举办90个工种的职业技能比赛407场(次)", ["90个", "407场(次)"]),
        ("力争1年内建立起队伍", ["1年内"]),
        ("一年多的实践表明", ["一年多"]),
        ("不到两个月的时间就重新开门迎客", ["不到两个月"]),
        ("职工排长队买不到10元观影票", ["10元"]),  # 买不到: 不到 is a verb complement
        ("新型工会组织目前已突破1000个", ["突破1000个"]),
        ("15平方公里的景区，600平方米的空间", ["15平方公里", "600平方米"]),
        ("开设10000多门培训课程", ["10000多门"]),
        ("发放各类款物1522万余元", ["1522万余元"]),
        ("参与人次5年来达到280万，", ["5年", "280万"]),
        ("共计13个班次921名职工", ["13个班次", "921名"]),
        ("技术等级提升了1个档次", ["1个档次"]),
        ("百货超市等6大类商家", ["6大类"]),
        # 超 before a number is 超过 (a new user's headline, 兰州市基层工会超5600家), not after 赶 or 高; 过 never
        ("兰州市基层工会超5600家", ["超5600家"]),
        ("营业收入超1亿元，赶超3家龙头企业", ["超1亿元", "3家"]),
        ("经过3年努力，通过5项认证", ["3年", "5项"]),
        # a unit that begins with a scale word keeps it (千瓦时 is a unit, not 千 of the number)
        ("发电量406461万千瓦时,同比增长5.8%", ["406461万千瓦时", "5.8%"]),
        ("全长3千米，运送3万千克", ["3千米", "3万千克"]),
        ("投资3千万元", ["3千万元"]),
        # … and only the scale word that begins it: 万 before 公顷 is a scale (a new user's 松原 draft split it)
        ("全年粮食作物播种面积104.25万公顷,比上年增加0.78万公顷", ["104.25万公顷", "0.78万公顷"]),
        ("播种面积3.5千公顷，道路1.2万米", ["3.5千公顷", "1.2万米"]),
        ("家禽出栏700500只", ["700500只"]),
    ],
)
def test_literals(sentence, expected):
    assert lits(sentence) == expected


def test_spans_and_offsets():
    text = "近5年来，全省各类创新工作室共取得国家专利1.1万项，创直接经济效益290多万元。"
    ms = find_mentions(text)
    assert [(m.literal, m.kind) for m in ms] == [("近5年", "date"), ("1.1万项", "figure"), ("290多万元", "figure")]
    for m in ms:
        assert text[m.start:m.end] == m.literal
        assert m.line == 1 and m.column == m.start + 1
    assert ms[0].reason == "period: 近5年来"
    assert ms[1].reason is None


def test_distributed_list_fenbie():
    text = "全省基层工会组织21.5万家，工会会员1826万人，分别比5年前增长10.8和12.9个百分点。"
    assert lits(text) == ["21.5万家", "1826万人", "5年", "10.8", "12.9个百分点"]
    ms = find_mentions(text)
    five = ms[2]
    assert five.kind == "date" and five.reason == "period: 5年前"
    assert [m.kind for m in ms[3:]] == ["figure", "figure"]
    assert measure_of("12.9个百分点") == "个百分点" and measure_of("10.8") is None


# ----------------------------------------------------------------------------- Chinese numerals


@pytest.mark.parametrize(
    "text",
    [
        "深入基层一线、进企业班组", "统一组织开展劳模助力", "涌现出一大批劳模带头人", "一段段奋进的历程",
        "成为一面面夺目的旗帜", "“会、站、家”一体化的工作要求", "是一项重要内容", "一张小小的工会会员卡",
        "属于一个特定的群体", "开启“万众创新”的新引擎", "要千方百计想办法去做", "市、县两级重点指导",
        "劳动关系三方协商会议制度", "五一劳动奖章获得者", "一是坚持服务大局", "核心零部件和特种装备",
        "万一出现问题", "评选“十佳农民工”", "“十强县(市)”活动", "“两学一做”学习教育", "开展一次安全生产检查",
        "近几年来", "人数达到几个", "一人带多人",
    ],
)
def test_no_mention_in_ordinary_words(text):
    assert lits(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("筹集资金两千五百万元", ["两千五百万元"]),
        ("月薪三万五", ["三万五"]),
        ("十几个放映厅", ["十几个"]),
        ("十多个放映厅", ["十多个"]),
        ("几十个单位", ["几十个"]),
        ("有的甚至只有三五名职工", ["三五名"]),
        ("打好“四张牌”", ["四张"]),
        ("“六大行动”", ["六大"]),
        ("享受服务两个年头了", ["两个年头"]),
        ("团结组织千万职工", ["千万"]),
        ("千名劳模大工匠·万场大宣讲", ["千名", "万场"]),
        ("分别带动上万名农民工", ["上万名"]),
        ("吸引技能人才近万人", ["近万人"]),
        ("创办自主创业基地数百个", ["数百个"]),
        ("培训企业工会干部千余人次", ["千余人次"]),
        ("力争2年内培训百万职工", ["2年内", "百万"]),
        ("利用三年时间", ["三年"]),
        ("三周之后", ["三周"]),
        ("为两家以上企业提供志愿服务", ["两家以上"]),
        ("树立起万面“劳模墙”", ["万面"]),
        ("统一十项标准", ["十项"]),  # a leading 一 of 统一 is trimmed
        ("百万一线职工", ["百万"]),  # a trailing 一 after a bare scale is trimmed
        ("增长一倍", ["一倍"]),
    ],
)
def test_chinese_numerals_that_are_mentions(text, expected):
    assert lits(text) == expected


def test_lone_yi_frequency_rule():
    assert kinds("市委每年召开一次市委工会工作会议") == [("一次", "figure")]
    assert kinds("每年至少听取一次工会工作汇报") == [("一次", "figure")]
    assert lits("还联合有关部门开展一次安全生产检查") == []
    assert lits("每年，还开展；一次检查") == []  # 每年 is in another clause


# ----------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    "text, literal, kind, reason",
    [
        ("2017年11月10日，宣讲会举行", "2017年11月10日", "date", "date: 2017年11月10日"),
        # a quarter by name is a period, not a number of quarters (三个季度 is one)
        ("二季度全县地区生产总值为1437936万元", "二季度", "date", "quarter: 二季度"),
        ("前三季度，全市实现", "前三季度", "date", "quarter: 前三季度"),
        ("用了三个季度", "三个季度", "figure", None),
        ("2016年12月13日，现场推进会召开", "2016年12月13日", "date", None),
        ("今年9月26日，推进会在贵阳召开", "今年9月26日", "date", None),
        ("并将于2018年11月1日起施行", "2018年11月1日", "date", None),
        ("这是继1991年以来", "1991年", "date", None),
        ("今年8月，河南省总联合", "今年8月", "date", None),
        ("每年7月20日属于农民工", "7月20日", "date", None),
        ("每年3月份确定为行动月", "3月份", "date", None),
        ("河南工会承办 2018 年中国技能大赛", "2018 年", "date", None),
        ("二〇一七年十一月，大会召开", "二〇一七年十一月", "date", None),
        ("2013—2017年间", "2013—2017年", "date", "date range: 2013—2017年"),
        ("2006年至2008年，南通市", "2006年至2008年", "date", None),
        ("截至2016年11月底", "2016年11月", "date", None),
        ("2017-02-15 来源", "2017-02-15", "date", None),
        ("08:35:44 来源", "08:35:44", "time", "time: 08:35:44"),
        ("会议于14:30开始", "14:30", "time", "time: 14:30"),
        ("用时1:05:12.5完成", "1:05:12.5", "time", None),
        ("6月1日8时整，走进", "8时整", "time", None),
        ("认真做好驻村第一书记选派", "第一", "ordinal", "ordinal: 第一"),
        ("第二部有关女职工劳动保护的法规", "第二部", "ordinal", None),
        ("第6届大赛", "第6届", "ordinal", None),
        ("第六届全国职工职业技能大赛", "第六届", "ordinal", None),
        ("前3名授予奖章", "3名", "ordinal", "rank: 前3名"),
        ("1号文件", "1", "ordinal", "label number: 1号"),
        ("全国总工会成立90周年", "90周年", "idiom", "anniversary: 90周年"),
        ("党的十九大精神", "十九大", "idiom", "congress: 十九大"),
        ("中国工会十六大以来", "十六大", "idiom", None),
        ("深入学习贯彻党的二十大精神", "二十大", "idiom", "congress: 二十大"),
        ("三次产业结构为14:43.4:42.6", "三次", "idiom", "the three sectors: 三次产业"),
        ("二、三次产业", "三次", "idiom", None),  # a heading: 二、 is its list marker
        ("1-6月份，全市规模以上工业", "1-6月份", "date", "month range: 1-6月份"),
        ("2023年1—6月，全市", "2023年1—6月", "date", None),
        ("1至9月累计完成", "1至9月", "date", None),
        ("纳入“全国‘十三五’劳动和技能竞赛”", "十三五", "idiom", "five-year plan: 十三五"),
        ("“4+1”工会帮扶服务网络体系", "4+1", "idiom", "scheme name: 4+1"),
        ("推行“1+X”证书制度", "1+X", "idiom", None),
        ("世界500强在通企业", "500", "idiom", "ranking list: 500强"),
        ("“三位一体”职工创新体系", "三位", "idiom", "idiom: 三位一体"),
        ("这5年，全市各级工会", "5年", "date", "period: 这5年"),
        ("5年来，河南省总工会", "5年", "date", "period: 5年来"),
    ],
)
def test_kinds(text, literal, kind, reason):
    found = [m for m in find_mentions(text) if m.literal == literal]
    assert found, kinds(text)
    assert found[0].kind == kind
    if reason is not None:
        assert found[0].reason == reason
    if kind != "figure":
        assert found[0].reason


@pytest.mark.parametrize("text, terms", [
    ("三次产业占GDP的比重分别为14:43.4:42.6。", ["14", "43.4", "42.6"]),  # 兰坪县2021年统计公报: not 14:43, 4:42
    ("三次产业比为3.9：59.5：36.6，", ["3.9", "59.5", "36.6"]),
    ("人口性别比为105:100", ["105", "100"]),
    ("城乡居民收入比例为12:30，", ["12", "30"]),  # after 比例为 a ratio, though it reads as a clock time
])
def test_ratio_terms_are_figures_not_clock_times(text, terms):
    found = kinds(text)
    assert [lit for lit, k in found if k == "figure" and lit != "三次"] == terms
    assert not [lit for lit, k in found if k == "time"]


def test_a_minus_before_a_number_is_part_of_its_literal():
    """增速为-9.4%: the literal is -9.4% as printed (the draft had 9.4%: a fall read as a rise); the
    hyphen of a range or a date follows a digit and stays a separator."""
    assert kinds("工业增加值增速为-9.4%，") == [("-9.4%", "figure")]
    assert kinds("同比增长−0.6个百分点") == [("−0.6个百分点", "figure")]
    assert kinds("（-3.2%）") == [("-3.2%", "figure")]
    assert kinds("每天10-20人") == [("10-20人", "figure")]
    assert kinds("三次会议") == [("三次", "figure")]  # 三次 is the three sectors only before 产业


def test_a_change_printed_as_a_word_is_a_figure():
    """增速与一季度持平: a change of 0.0 (ucheck.numbers.quantity.FLAT_WORDS); 与上年基本持平 says roughly,
    no number."""
    assert [k for k in kinds("第三产业同比增长4.5%，增速与一季度持平，") if k[1] == "figure"] == [("4.5%", "figure"), ("持平", "figure")]
    assert kinds("其他用品和服务类价格与同期持平。") == [("持平", "figure")]
    assert kinds("与上年基本持平。") == [] and kinds("产量与上年大体持平") == []


def test_durations_are_figures_not_periods():
    assert kinds("启动了为期5年的劳模行动") == [("5年", "figure")]
    assert kinds("连续4年坚持开展") == [("4年", "figure")]
    assert kinds("3年时间内共发还") == [("3年", "figure")]


def test_list_markers():
    text = "一、总体情况\n1. 组建工会35家\n（2）覆盖职工1万人\n全市 1、2号线"
    ms = find_mentions(text)
    assert ("一、", "ordinal") in [(m.literal, m.kind) for m in ms]
    assert ("1.", "ordinal") in [(m.literal, m.kind) for m in ms]
    assert ("（2）", "ordinal") in [(m.literal, m.kind) for m in ms]
    assert ("35家", "figure") in [(m.literal, m.kind) for m in ms]
    # "1、" in the middle of a line is not a list marker
    assert [m.literal for m in ms if m.line == 4][0] == "1"


# ----------------------------------------------------------------------------- text forms


def test_full_width_digits():
    text = "发放会员卡４３５万张，覆盖率１９．９％，共３，２５０人"
    ms = find_mentions(text)
    # a full-width comma is a clause mark in Chinese prose, never a thousands separator
    assert [m.literal for m in ms] == ["４３５万张", "１９．９％", "３", "２５０人"]
    assert text[ms[0].start:ms[0].end] == "４３５万张"
    assert unicodedata.normalize("NFKC", ms[1].literal) == "19.9%"
    assert lits("共3,250人参加") == ["3,250人"]


def test_a_mention_never_spans_a_line_break():
    # the seed prints "290\n\n多万元": the mention is 290, curators join the quote (the draft re-joins)
    text = "转化创新成果1.45万项，创直接经济效益290\n\n多万元。"
    ms = find_mentions(text)
    assert [m.literal for m in ms] == ["1.45万项", "290"]
    assert all("\n" not in m.literal for m in ms)
    assert lits("巡回演讲200多\n\n场，其网上直播") == ["200多"]
    assert lits("2018\n年") == ["2018"]


def test_line_and_column():
    text = "标题\n\n河南省有35家企业，\n  覆盖职工１万人"
    ms = find_mentions(text)
    assert [(m.literal, m.line, m.column) for m in ms] == [("35家", 3, 5), ("１万人", 4, 7)]


# ----------------------------------------------------------------------------- the seeds


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_invariants(seed):
    text = seed.read_text(encoding="utf-8")
    ms = find_mentions(text)
    assert len([m for m in ms if m.kind == "figure"]) > 20
    prev_end = 0
    lines = text.split("\n")
    for m in ms:
        assert text[m.start:m.end] == m.literal
        assert "\n" not in m.literal
        assert m.start >= prev_end
        prev_end = m.end
        assert lines[m.line - 1][m.column - 1:].startswith(m.literal)
        assert m.kind in ("figure", "date", "time", "ordinal", "idiom")
        assert (m.reason is None) == (m.kind == "figure")


SEED_LINES = [
    ("001", "5年来新组建工会2.1万家，新发展会员209万人。", ["5年", "2.1万家", "209万人"]),
    ("001", "全省工会先后建立完善了176个县级以上困难职工帮扶中心（职工服务中心）、5343个基层帮扶站（点）",
     ["176个", "5343个"]),
    ("001", "组织基层班组“微宣讲”30余万场次，对千万职工实现了全覆盖。", ["30余万场次", "千万"]),
    ("000", "全市90万名工会会员分期分批免费领到专属服务卡", ["90万名"]),
    ("000", "形成了一支拥有市级会员1860人,省级会员近446人,国家级会员75人的职工文艺人才队伍", ["1860人", "近446人", "75人"]),
    ("002", "2016年,全省17个公路、铁路等交通重点建设项目参加京津冀交通一体化重点建设项目劳动竞赛,优良率达到100%。",
     ["2016年", "17个", "100%"]),
    ("003", "前3名授予阜新市五一劳动奖章,前10名破格晋升为工人技师", ["3名", "10名"]),
    ("003", "赠百台彩电、放百场电影、办百所夜校的“五送三百”活", ["百台", "百场", "百所", "三百"]),
    ("004", "举办90个工种的职业技能比赛407场(次),涌现出一批“技术能手”", ["90个", "407场(次)"]),
    ("004", "深入开展“进万家门、访万家情、结万家亲”基层大调研活动", ["万家", "万家", "万家"]),
]


@pytest.mark.parametrize("prefix, line, expected", SEED_LINES)
def test_lines_of_the_seeds(prefix, line, expected):
    seed = next(p for p in SEEDS if p.name.startswith(prefix))
    assert line in seed.read_text(encoding="utf-8")
    assert lits(line) == expected


def _curated_figures():
    yaml = pytest.importorskip("yaml")
    import re

    out = []
    for f in sorted((REPO / "curated").glob("*.yaml")):
        try:
            doc = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        seed = REPO / str((doc.get("article") or {}).get("seed", ""))
        if not seed.is_file():
            continue
        for fig in doc.get("figures") or []:
            if isinstance(fig, dict) and isinstance(fig.get("value"), str) and isinstance(fig.get("quote"), str):
                out.append((f.name, seed, fig["value"], fig["quote"]))
    return out, re


def test_curated_figures_are_found_as_figure_mentions():
    """Every curated figure (where its literal is placed by its quote) overlaps a 'figure' mention:
    the extractor does not classify a curated figure as a date, ordinal or idiom, nor miss it."""
    figures, re = _curated_figures()
    assert figures, "the repository ships curated/*.yaml"

    def norm_map(text):
        chars, idx = [], []
        for i, c in enumerate(text):
            n = unicodedata.normalize("NFKC", c)
            for d in n:
                if not d.isspace():
                    chars.append(d)
                    idx.append(i)
        return "".join(chars), idx

    cache = {}
    missing = []
    for name, seed, value, quote in figures:
        if seed not in cache:
            text = seed.read_text(encoding="utf-8")
            cache[seed] = (norm_map(text), [m for m in find_mentions(text) if m.kind == "figure"])
        (norm, idx), ms = cache[seed]
        q = re.sub(r"\s+", "", unicodedata.normalize("NFKC", quote))
        v = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
        pos, off = norm.find(q), q.find(v)
        if pos < 0 or off < 0:
            continue  # a quote problem, reported by the checker, not by this test
        a, b = idx[pos + off], idx[pos + off + len(v) - 1] + 1
        if not any(m.start < b and a < m.end for m in ms):
            missing.append((name, value, quote))
    assert not missing, missing


# ----------------------------------------------------------------------------- properties


_ALPHABET = list("0123456789０１２一二两三四五六七八九十百千万亿几多余近约上第年月日号个家人名项元%.,-—+：:，。、\n 的是和工会共达")
_ALPHABET += ["个百分点", "人次", "场次", "万元", "左右", "以上", "周年", "超过", "不到", "十九大", "今年"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_invariants_on_random_text(text):
    ms = find_mentions(text)
    end = 0
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for m in ms:
        assert isinstance(m, Mention)
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= end
        end = m.end
        assert m.literal == text[m.start:m.end] and "\n" not in m.literal
        assert line_starts[m.line - 1] + m.column - 1 == m.start
        assert m.kind in ("figure", "date", "time", "ordinal", "idiom")
        assert (m.reason is None) == (m.kind == "figure")


def test_one_pass_over_a_long_text():
    """The seeds twenty times over (~0.7 M characters) in one pass: each copy gives the mentions
    of one copy, nothing is carried from one to the next. How long it takes is measured by
    benchmarks/mentions.py, not asserted here (a loaded machine is slow)."""
    one = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    assert one.endswith("\n")
    single = [(m.literal, m.kind, m.line) for m in find_mentions(one)]
    ms = find_mentions(one * 20)
    assert len(single) > 250 and len(ms) == 20 * len(single)
    lines = one.count("\n")
    for copy in range(20):
        part = ms[copy * len(single):(copy + 1) * len(single)]
        assert [(m.literal, m.kind, m.line - copy * lines) for m in part] == single
