"""Metamorphic variants of the real corpus (tests/variants.py): every form of every set, printed the ways
other provinces print (origin moved, a column inserted or swapped, merges undone, labels respelt, the
header split or collapsed, numbers typed as text, the sheet renamed, two forms on one sheet), keeps the
keyed findings of its base form and adds no false one, no error on a correct cell and no other exit.

One test per variant runs it over the whole corpus as .xlsx (about two seconds a variant, a minute and a
half in all); what is not fixed yet is listed in KNOWN, one strict xfail per variant and form with its
reason, so that a fix shows as an XPASS to take off the list. The Word builds are measured by
``python tests/variants.py --docx`` (slow: a Word build per form and variant), not here."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from variants import VARIANTS, all_cases, compare

CASES = all_cases()
BY_FORM = {case.name: case for _, case in CASES}

#: (variant, form) -> what the variant still changes against the base form (a strict xfail each): lost
#: [key defect ids] no longer found, fp +n false findings more, err@ok +n errors on a correct cell more,
#: exit a→b another exit status. Not analysed one by one yet: the class (the variant) is the lead.
KNOWN: dict[tuple[str, str], str] = {
    ("blank-column-before", "hunan-ningxiang-2021-xiangmu"): "lost ['annual-no-indicators']",
    ("blank-column-before", "chongqing-banan-2022-xiangmu"): "lost ['detail-sum']",
    ("blank-column-before", "guangdong-heping-2020-zhuanxiang"): "fp +1",
    ("title-removed", "hunan-xiangxi-2023-xiangmu"): "lost ['no-goal']",
    ("seq-column-first", "hunan-ningxiang-2021-xiangmu"): "lost ['annual-no-indicators']",
    ("seq-column-first", "hebei-ningjin-2019-xiangmu"): "lost ['no-benefit']",
    ("spacer-before-value", "hunan-ningxiang-2021-xiangmu"): "fp +1",
    ("levels-repeated", "hunan-ningxiang-2021-xiangmu"): "fp +1",
    ("no-merges", "hunan-yueyangxian-2022-xiangmu"): "exit 1→0; lost ['amount-pasted-twice']",
    ("no-merges", "chongqing-fengjie-2023-xiangmu"): "exit 0→1; fp +1",
    ("no-merges", "jiangsu-zhenjiang-2024-xiangmu"): "exit 0→1; fp +1",
    ("no-merges", "jiangxi-fuliang-2026-zhengti"): "lost ['vague-annual-goal']",
    ("no-merges", "neimenggu-wuhai-2021-xiangmu"): "fp +1",
    ("no-merges", "fujian-longyan-2023-zhuanxiang"): "exit 0→1; fp +2; err@ok +1",
    ("no-merges", "hubei-ezhou-2022-xiangmu"): "fp +1",
    ("no-merges", "shanghai-tongzhou-2019-xiangmu"): "fp +1",
    ("no-merges", "chongqing-zhongxian-2022-quyu"): "fp +1",
    ("no-merges", "hubei-huangshi-2022-xiangmu"): "lost ['qty-no-unit', 'qty-rate']; fp +3; err@ok +2",
    ("no-merges", "guangdong-zhongshan-2023-huizong"): "exit 0→1",
    ("no-merges", "zhejiang-linhai-2024-xiangmu"): "lost ['vague-goal']; fp +4; err@ok +2",
    ("labels-starred", "hunan-yueyangxian-2022-xiangmu"): "lost ['amount-pasted-twice']",
    ("labels-starred", "jiangsu-zhenjiang-2024-xiangmu"): "fp +1",
    ("labels-starred", "shaanxi-chencang-2020-zhuanxiang"): "fp +1",
    ("labels-colon", "jiangsu-zhenjiang-2024-xiangmu"): "fp +1",
    ("synonyms-b", "anhui-luan-2024-xiangmu"): "lost ['count-under-quality', 'rate-as-days']; fp +1",
    ("header-collapsed", "hunan-ningxiang-2021-xiangmu"): "lost ['vague-annual-goal']",
    ("header-collapsed", "chongqing-fengjie-2023-xiangmu"): "exit 0→1; fp +1",
    ("header-collapsed", "hebei-ningjin-2019-xiangmu"): "lost ['cost-is-a-rate']; fp +1",
    ("header-collapsed", "xinjiang-alaer-2021-xiangmu"): "lost ['annual-goal-vs-period']",
    ("header-collapsed", "chongqing-zhongxian-2022-quyu"): "fp +1",
    ("header-collapsed", "hubei-huangshi-2022-xiangmu"): "lost ['qty-no-unit', 'qty-rate']; fp +3; err@ok +2",
    ("two-forms-one-sheet", "chongqing-fengjie-2023-xiangmu"): "exit 0→1; fp +2",
    ("two-forms-one-sheet", "chongqing-tongnan-2023-xiangmu"): "fp +1",
    ("two-forms-one-sheet", "jiangsu-zhenjiang-2024-xiangmu"): "fp +35",
    ("two-forms-one-sheet", "henan-puyang-2021-xiangmu"): "exit 0→1; fp +3",
    ("two-forms-one-sheet", "neimenggu-zhalaite-2025-xiangmu"): "fp +1",
    ("two-forms-one-sheet", "tianjin-hebeiqu-2023-xiangmu"): "fp +1",
    ("two-forms-one-sheet", "anhui-mengcheng-2024-xiangmu"): "exit 0→1; fp +3",
    ("two-forms-one-sheet", "chongqing-wuxi-2025-zhuanxiang"): "fp +3",
    ("header-split", "chongqing-banan-2022-xiangmu"): "lost ['detail-sum']",
    ("header-split", "chongqing-wuxi-2025-zhuanxiang"): "lost ['vague-goal']",
    ("title-added", "anhui-huaibei-2025-xiangmu"): "lost ['goal-copied']",
    # set8's forms and session 9's merged tree (not analysed one by one yet):
    ("header-split", "anhui-jinanqu-2023-xiangmu"): "fp +1",
    ("no-merges", "anhui-jinanqu-2023-xiangmu"): "lost ['counts-vs-money']",
    ("no-merges", "guangdong-dongguan-2022-zhengti"): "fp +1",
    ("no-merges", "guangdong-zhaoqing-2024-xiangmu"): "fp +1",
    ("synonyms-b", "anhui-bozhou-2023-xiangmu"): "lost ['midterm-copies-annual']",
}


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_a_variant_keeps_the_findings_of_its_base_form(variant, folder):
    worse = []
    for _, case in CASES:
        if (variant.name, case.name) in KNOWN:
            continue
        diff = compare(case, variant, "xlsx", folder)
        if diff is not None and diff.worse:
            worse.append(str(diff))
    assert not worse, "\n".join(worse)


@pytest.mark.parametrize(
    ("variant", "form"),
    [
        pytest.param(v, f, marks=pytest.mark.xfail(strict=True, reason=why), id=f"{v.name}-{f}")
        for v in VARIANTS
        for (name, f), why in KNOWN.items()
        if name == v.name
    ],
)
def test_known_losses(variant, form, folder):
    diff = compare(BY_FORM[form], variant, "xlsx", folder)
    assert diff is not None and not diff.worse, str(diff)


def test_every_known_loss_names_a_variant_and_a_form():
    names = {v.name for v in VARIANTS}
    assert not [k for k in KNOWN if k[0] not in names or k[1] not in BY_FORM]
