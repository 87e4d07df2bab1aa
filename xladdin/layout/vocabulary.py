"""The label vocabulary: every wording real bureaus print for the titles, sections, fields and
indicator columns of the three forms, in one place.

Labels are compared after :func:`clean`: NFKC (full-width letters, digits, brackets and colons
become their ASCII forms), every kind of white space removed (「名  称」, full-width U+3000 gaps),
required marks 「*」「★」「☆」「※」 dropped, a trailing 「:」 dropped. :func:`forms` adds the
variants with unit notes in brackets removed (「年度预算申请(万元)」→「年度预算申请」) and with the
common prefixes rewritten (本年度→年度, 项目支出X→项目X, 部门(单位)→部门, 单位X→部门X).

Where each wording comes from (public forms found with the ``search`` tool, pages corpus; the
seed is tests/data/seed/shifeng2023.txt, the 2023 Shifeng veterans' forms, Hunan):

- [seed] 湖南株洲石峰区 2023: 附表1 部门整体支出绩效目标表 / 附表2 专项资金绩效目标汇总表 /
  附表3 专项资金支出方向绩效目标表; 部门名称, 年度预算申请, 年度绩效指标, 指标值及单位, 绩效标准.
- [hn-ningxiang] 湖南宁乡坝塘镇 项目绩效目标表(2021年度) (renrendoc.com/paper/307484460):
  项目名称, 资金总额及构成, 长期目标/年度目标, 长期绩效指标/年度绩效指标, 指标内容, 指标值, 备注.
- [sn-jiaxian] 陕西佳县 财政支出项目绩效目标申报表 (docx.baby/p/20793843881926): 项目名称,
  项目起止时间, 项目资金申请(万元) 资金总额, 年度绩效指标, 指标内容, 填报人, 单位负责人.
- [hb-ezhou] 湖北鄂州 2022年市直部门预算项目支出绩效目标表 (desk33.com/d-245426): 项目名称,
  绩效目标, 绩效指标, 一级指标/二级指标/绩效标准/当年预期实现值.
- [hb-guangshui] 湖北广水 部门整体支出绩效目标申报表 (pdf.chddh.cn …m536dx2vr743xlkg7098):
  部门(单位)名称, 填报人, 联系电话, 部门职能概述, 基本支出, 项目支出.
- [hl-daqing] 黑龙江大庆 部门预算项目支出绩效目标申报表 (m.zixin.com.cn/doc/3995614): 项目名称,
  本年度申请金额, 项目计划实施时间, 绩效指标 二级指标/三级指标.
- [sc-huaxi] 四川 华西第二医院 绩效目标申报表(2018年度) (taodocs.com/p-1061085134): 项目名称,
  项目资金申请(万元), 资金总数, 指标内容, 指标值.
- [template-star] 绩效目标申报表(参考模板)(20XX年度), a province's model form: 年度资金总额,
  ★ marks before required indicators, 年度目标.
- [mof-101] 财政部 财预〔2021〕101号 中央部门项目支出核心绩效目标和指标设置及取值指引 and its
  指标表模板 (lsrwf.cn/news/708af42006d811ec81694b356a0c000d): 成本指标 as a 一级 with
  经济/社会/生态环境成本指标, 满意度指标 as a 一级, columns 指标性质 (≥ ≤ =) · 指标值 · 度量单位.
- [gs-jiayuguan] 甘肃嘉峪关 省级部门预算项目支出绩效目标表(2023年度) (bigxun.com/view/1667741699571552258,
  corpus tests/data/realforms): 一*级项目名称 / 二级项目名称, 预算申报数, 年度绩效目标, 指标目标值,
  101 shapes (成本指标 as a 一级, 满意度指标 / 服务对象满意度).
- [hn-xiangtan] 湖南湘潭 2023年项目支出绩效目标申报表 (corpus): 项目支出名称, 预算部门, 年度本级 预算金额,
  项目支出实施期, 本年度绩效目标, 「本年度 绩效指标」 with the header in the label row, 填表人/联系电话/
  单位负责人签字 in one cell.
- [ah-jinzhai] 安徽金寨 项目支出绩效目标申报表(2021年度) (corpus): 项目资金(万元) over 年度资金总额:,
  年度目标, 绩效指标, 满意度指标 as a 一级.
- [sc-majing] 四川井研马踏镇 部门预算项目绩效目标申报表(2023年度) (corpus): a list, one header row
  单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重.
- [gd-dongguan] 广东东莞 财政项目支出绩效目标批复表(2019年度) (corpus): 中期 and 年度 indicator columns
  side by side (一级 指标 | 二级 指标 | 三级 指标 | 指标值(或计划水平) | 二级 指标 | 三级 指标 |
  计划指标值(或计划水平)), 年度目标 with its text below.
- [hb-qingshan] 湖北武汉青山区 项目支出绩效目标表(2020年度) (corpus): 二级指标(长期) … 指标值(年度).
- [hn-yueyanglou] 湖南岳阳楼区 2023年度整体绩效目标表 (corpus): *部门(单位)职责, 绩效指标 on its own row
  above the header, 指标值类型 (定量/定性) | *指标值 | 计量单位.
- [hn-nanyue] 湖南南岳 绩效目标申报表 2018 (corpus): …初审意见/审核意见 rows under the table.
- [sc-ganzi] 四川甘孜州市场监管局 绩效目标表 2023 (corpus, a published .xlsx): 单位信息:, 整体目标:,
  指标性质 | 指标值 | 度量单位 | 权重(%).
- [issue9] the Hunan and Gansu 2021–2023 forms quoted in issue 9: 绩效指标 / 本年度 绩效指标,
  本年度绩效目标, 项目支出名称, 项目支出实施期, 部门(单位)名称, 「*」 marks,
  「…项目支出绩效目标申报表」, 「…年度整体绩效目标表」, 预算申报数, 年度本级预算金额,
  separate 指标值 | 计量单位 columns and 指标值类型/指标方向.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from xladdin.layout.base import MEMO_SIZE, TEXT_MEMOS, is_han

# --- titles: a fragment of the title (after clean) that names the form ------------------------
#: Checked in this order: 汇总 and 整体 before the 项目 titles (a 项目 title fragment is shorter).
TITLES: dict[str, tuple[str, ...]] = {
    "form2": ("专项资金绩效目标汇总表", "绩效目标汇总表"),  # [seed]
    "form1": (
        "部门整体支出绩效目标表",  # [seed]
        "部门整体支出绩效目标申报表",  # [hb-guangshui]
        "整体支出绩效目标",  # [issue9] 「…年度整体支出绩效目标表」
        "整体绩效目标表",  # [issue9] 「…年度整体绩效目标表」
        "整体绩效目标申报表",
    ),
    "form3": (
        "专项资金支出方向绩效目标表",  # [seed]
        "专项资金绩效目标表",
        "项目支出绩效目标申报表",  # [issue9], [hl-daqing]
        "项目支出绩效目标表",  # [hb-ezhou]
        "项目绩效目标申报表",  # [sn-jiaxian]
        "项目绩效目标表",  # [hn-ningxiang]
        "项目支出目标申报表",  # 山东临邑 2025 (no 绩效 in the title)
        "项目目标申报表",
        "项目支出绩效目标审批表",  # 重庆奉节 2023 (tests/data/realforms/set2)
        "绩效目标审批表",
        "绩效目标批复表",  # [gd-dongguan] 财政项目支出绩效目标批复表
        "绩效目标申报表",  # [sc-huaxi], [template-star]
        "绩效目标表",  # 河北邯郸 2019 「…预算指标绩效目标表」 (汇总 and 整体 titles are checked first)
    ),
}

#: Labels only a 整体 form prints (a form titled just 「绩效目标表」 is told apart by them).
FORM1_SIGNS = ("整体目标", "整体绩效目标", "年度总体绩效目标", "部门职责", "部门整体")  # [sc-ganzi], [hn-yueyanglou]

# --- section anchors of our layouts (column A of the template) -> the wordings that start them --
#: Keys are the anchors of ``xladdin.layout.form*``; a label starting with any wording matches.
ANCHORS: dict[str, tuple[str, ...]] = {
    "附表1": ("附表1",),
    "附表2": ("附表2",),
    "附表3": ("附表3",),
    # titles (contained anywhere in the label)
    "绩效目标表": ("绩效目标表", "绩效目标申报表", "绩效目标审批表", "绩效目标批复表"),
    "绩效目标汇总表": ("绩效目标汇总表",),
    "填报单位": ("填报单位", "编制单位", "申报单位"),  # [seed], [hl-daqing]
    "部门名称": ("部门名称", "单位名称", "预算部门", "部门(单位)名称"),  # [seed], [hb-guangshui]
    "年度预算申请": ("年度预算申请", "年度资金总额", "部门总体资金情况", "总体资金情况"),  # [hb-guangshui]
    "部门职责概述": ("部门职责概述", "部门职能概述", "单位职能概述", "部门职责", "主要职能"),  # [hb-guangshui]
    "年度重点工作计划": ("年度重点工作计划", "年度主要任务", "重点工作计划"),
    "年度绩效指标": ("年度绩效指标", "绩效指标", "年度指标"),  # [seed], [hb-ezhou], [issue9]
    "支出方向": ("支出方向", "项目名称", "专项名称", "项目支出名称"),  # [seed], most 项目 forms, [issue9]
    "项目实施期": ("项目实施期", "实施期限", "项目起止时间", "项目计划实施时间", "实施周期"),  # [sn-jiaxian]
    "实施期绩效目标": ("实施期绩效目标", "实施期目标", "总体目标", "长期目标", "总目标"),  # [hn-ningxiang]
    "年度绩效目标": ("年度绩效目标", "年度目标", "绩效目标"),  # [issue9] 本年度绩效目标, [hb-ezhou]
    "支出明细": ("支出明细", "测算依据", "项目支出明细", "支出内容及明细"),
    "序号": ("序号",),
    "单位负责人签字": ("单位负责人签字", "单位负责人", "部门负责人"),  # [sn-jiaxian]
}

#: Exact anchors (the label must equal a wording, not only start with it): these short words
#: begin other labels (「绩效目标」 begins 「绩效目标表」).
EXACT_ANCHORS = {"绩效目标", "年度目标", "绩效指标"}

#: The key each section goes by (in ``Placement.found`` and ``Context.found``).
SECTION_KEYS: dict[str, str] = {
    "附表1": "marker",
    "附表2": "marker",
    "附表3": "marker",
    "绩效目标表": "title",
    "绩效目标汇总表": "title",
    "填报单位": "unit",
    "部门名称": "department",
    "年度预算申请": "budget",
    "部门职责概述": "duties",
    "支出方向": "direction",
    "项目实施期": "period",
    "实施期绩效目标": "period_goal",
    "年度绩效目标": "annual_goal",
    "单位负责人签字": "signature",
}

#: Sections a form cannot be checked without (others are optional: a form may print none).
REQUIRED: dict[str, tuple[str, ...]] = {
    "form1": ("indicators",),  # [hn-yueyanglou]: a published 整体 form may print no amounts
    "form2": ("funds",),
    "form3": ("direction", "indicators"),
}

# --- fields printed as 「label | value」 anywhere on a foreign form ------------------------------
#: One field for a person and a phone (湖南 项目负责人及电话, 江苏镇江 项目负责人/联系电话, 陕西清涧
#: 项目负责人及联系电话): read as the 联系电话, the name kept beside the number.
CONTACT_LABELS = tuple(
    f"{who}{joint}{phone}"
    for who in ("项目负责人", "负责人", "联系人", "项目联系人")
    for joint in ("及", "/", "和", "、")
    for phone in ("电话", "联系电话", "联系方式")
)

#: model field key -> the labels printed before its value (exact after clean and forms()).
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "form1": {
        "unit": ("填报单位", "编制单位", "申报单位"),
        "department": ("部门名称", "单位名称", "预算部门", "单位信息"),  # 部门(单位)名称 via forms(); [sc-ganzi]
        "total": (
            "资金总额",
            "年度资金总额",
            "年度本级预算金额",  # [issue9]
            "预算申报数",  # [issue9]
            "预算总额",
            "合计",
        ),
        "general_budget": ("一般公共预算拨款", "其中:一般公共预算拨款", "财政拨款", "一般公共预算"),
        "gov_fund": ("政府性基金拨款", "政府性基金"),
        "other_funds": ("其他资金", "其他"),
        "basic": ("基本支出", "其中:基本支出"),
        "project": ("项目支出",),
        "duties": ("部门职责概述", "部门职能概述", "单位职能概述", "部门职责", "主要职能", "部门职能职责概述"),
        # the department's goal for the year, where a 整体 form prints one ([hn-yueyanglou] *年度总体绩效目标,
        # 江西浮梁 *年度绩效总目标, [sc-ganzi] 整体目标:); our template has none (its 工作目标 are per item)
        "goal": (
            "年度总体绩效目标",
            "年度绩效总目标",
            "年度总体目标",
            "年度总目标",
            "年度整体绩效目标",
            "整体绩效目标",
            "整体目标",
            "年度绩效目标",
            "年度目标",
            "总体绩效目标",
            "总体目标",
        ),
        # 湖北广水 2023 一体化 申报表 cover: 「部门(单位)分管领导签章:   年 月 日」
        "signature.head": ("单位负责人签字", "单位负责人", "部门负责人", "分管领导签章", "部门(单位)分管领导签章"),
        "signature.filler": ("填表人", "填报人", "经办人", "项目经办人"),  # [sc-ganzi] 项目经办人
        "signature.phone": ("联系电话", "经办人电话", "项目经办人电话", "联系人电话", *CONTACT_LABELS),
    },
    "form3": {
        "unit": ("填报单位", "编制单位", "申报单位", "主管部门", "预算部门", "预算单位", "实施单位", "申报单位名称"),
        # 项目支出名称 via forms(); [gs-jiayuguan]; 重庆 专项资金名称
        # 单位(专项)名称: 湖南 一体化 publication list (set7 湘西), one unit line then one line per 专项
        "direction": ("支出方向", "项目名称", "专项名称", "二级项目名称", "专项资金名称", "单位(专项)名称"),
        "parent_name": ("所属专项", "一级项目名称"),  # [gs-jiayuguan]: 一级项目 = the 专项 it belongs to
        "parent_amount": ("所属专项金额",),
        "project_amount": (
            "项目金额",  # [seed]
            "预算申报数",  # [issue9], [gs-jiayuguan]
            "预算数",  # [sc-majing] (a column of the list-style form)
            "年度本级预算金额",  # [issue9]
            "资金总额",  # [sn-jiaxian], [hn-ningxiang]
            "年度资金总额",  # [template-star]
            "本年度申请金额",  # [hl-daqing]
            "本年度申请市财政预算资金",  # [gd-dongguan]
            "资金总数",  # [sc-huaxi]
            "项目资金",
            "项目预算",
            "申请金额",
            "预算金额",
            "年度预算数",
            "年度预算资金总额",  # 山西阳泉 2021 (set2): 项目预算资金(万元) | 中期… | 年度预算资金总额 | 25
            "年度预算资金",
            "当年年度预算",  # 重庆奉节 2023
            "下达资金总额",  # 转移支付 forms (重庆巫溪 2025, set7): the money a 财政局 passes down
            "当年预算",
            "本年预算",
        ),
        # 项目期限 / 项目期: 山西阳泉 2021, 新疆阿拉尔 2021 (「3年」「1年」)
        "period": (
            "项目实施期",
            "实施期限",
            "项目起止时间",
            "项目计划实施时间",
            "实施周期",
            "建设周期",
            "项目期限",
            "项目期",
        ),
        # 中长期目标: 江苏镇江 2024, 浙江慈溪 2023 「(一)中长期绩效目标」
        "period_goal": (
            "实施期绩效目标",
            "实施期目标",
            "总体目标",
            "长期目标",
            "总目标",
            "中长期目标",
            "中长期绩效目标",
            "中期目标",
            "中期绩效目标",
            "项目总目标",  # 新疆阿拉尔 2021: 项目总目标 beside 年度总体目标
        ),
        "annual_goal": (
            "年度绩效目标",
            "年度目标",
            "绩效目标",
            "年度总体目标",
            "年度绩效总目标",
            "年度总目标",
            "年度主要目标",  # 重庆奉节 2023 年度主要目标和成果
            "年度主要目标和成果",
            "当年绩效目标",  # 重庆潼南 2023 表十二
            "当年目标",
            "本年绩效目标",
            "本年目标",
            # a project declaration's goal (芜湖 2019 「项目绩效目标(含项目概况、…及预期目标)」 with a
            # 「预期目标:」 paragraph; 临海 2024 「绩效目标 总体描述」 under a 项目绩效目标 side label)
            "项目绩效目标",
            "预期目标",
            "预期绩效目标",
            "绩效目标总体描述",
            "项目建设目标",  # 云南昌宁 2024 公示 「三、项目建设目标」 over its paragraph (set7)
        ),
        # the project's text fields (model.ProjectTexts): 山西阳泉 2021 申报表, 重庆潼南 表十二, 江苏镇江 2024
        "info.supervisor": ("主管部门及代码", "主管部门名称及代码", "主管部门名称", "业务主管部门", "项目主管部门"),
        "info.overview": (
            "项目概况",
            "项目总体情况",
            "项目概述",
            "项目基本情况",
            "项目简介",
            "项目建设内容",  # 公示 label lines (河南叶县 2020 「3、项目建设内容:…」, set7)
            "建设内容及规模",  # 云南昌宁 2024 「(六)建设内容及规模:…」 (set7)
        ),
        "info.basis": ("立项依据", "项目立项依据", "项目设立依据", "政策依据", "项目立项的依据"),
        "info.necessity": (
            "项目设立必要性",
            "项目必要性",
            "项目必要性说明",
            "立项必要性",
            "设立必要性",
            "项目申报的必要性",  # 湖南宁乡 2021
        ),
        "info.measures": (
            "保证项目实施的制度、措施",
            "保证项目实施的制度和措施",
            "项目实施保障措施",
            "实施保障措施",
            "保障措施",
        ),
        "info.plan": ("项目实施计划", "实施计划", "项目实施进度计划", "项目实施方案"),
        "info.content": ("项目内容", "项目主要内容"),  # 安徽淮北 2025 preamble (「项目实施内容」 heads a plan table)
        "info.period_amount": (
            "中期预算资金总额",
            "中期预算资金",
            "中期资金总额",
            "中期预算",
            "项目资金总额",  # 新疆阿拉尔 2021: 项目资金总额 beside 年度资金申请总额
            "实施期资金总额",
        ),
        "info.leader": (
            "项目负责人",  # with a phone in the label (项目负责人及电话): CONTACT_LABELS, the 联系电话
            "项目责任人",  # 安徽六安 2024 「项目责任人(签字):」 above the table
        ),
        # 湖北广水 2023 一体化 申报表 cover: 「部门(单位)分管领导签章:   年 月 日」
        "signature.head": ("单位负责人签字", "单位负责人", "部门负责人", "分管领导签章", "部门(单位)分管领导签章"),
        # [sc-ganzi] 项目经办人; 重庆巴南 「经办人及联系电话:王某139…」 under the table
        "signature.filler": ("填表人", "填报人", "经办人", "项目经办人", "经办人及联系电话"),
        "signature.phone": ("联系电话", "经办人电话", "项目经办人电话", "联系人电话", *CONTACT_LABELS),
    },
}

#: Which found field stands for which section (a foreign form's fields, found one by one).
FIELD_SECTIONS: dict[str, str] = {
    "unit": "unit",
    "department": "department",
    "total": "budget",
    "general_budget": "income",
    "gov_fund": "income",
    "other_funds": "income",
    "basic": "expense",
    "project": "expense",
    "duties": "duties",
    "goal": "goal",
    "direction": "direction",
    "parent_name": "parent_name",
    "parent_amount": "parent",
    "project_amount": "amount",
    "period": "period",
    "period_goal": "period_goal",
    "annual_goal": "annual_goal",
    **{
        f"info.{k}": k
        for k in ("supervisor", "overview", "basis", "necessity", "measures", "plan", "leader", "content")
    },
    "info.period_amount": "period_amount",
    "signature.head": "signature",
    "signature.filler": "signature",
    "signature.phone": "signature",
}

#: Sections our layout's Rows stand for (a Rows found by its anchor finds all of these).
ROWS_SECTIONS: dict[str, tuple[str, ...]] = {
    "budget": ("budget", "income", "expense"),
    "direction": ("direction", "parent_name", "parent", "amount"),
}

# --- the indicator table's header row ---------------------------------------------------------
#: column key -> header wordings (exact after clean and forms()).
HEADER: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    # [hn-ningxiang], [sn-jiaxian]; 「指标」 heads a flat list with no levels (重庆 一般性项目绩效目标表)
    "name": ("三级指标", "指标内容", "指标名称", "具体指标", "三级指标名称", "指标"),
    "value": (
        "指标值",  # [hn-ningxiang], [mof-101]
        "指标值及单位",  # [seed]
        "目标值",
        "年度指标值",
        "预期指标值",
        "绩效目标值",
        "当年预期实现值",  # [hb-ezhou]
        "本年度计划水平",  # [hl-daqing]
        "指标目标值",
        "计划指标值",  # [gd-dongguan]
        # one value column per place under it (福建龙岩 专项转移支付绩效目标表 「区域目标值」 over the counties)
        "区域目标值",
        "区域指标值",
        "地区目标值",
        "分地区目标值",
        "分区域目标值",
        "各地目标值",
    ),
    "unit": ("计量单位", "度量单位", "单位"),  # [mof-101], [issue9]
    # [mof-101], [issue9]
    # 海南 2022 琼财建〔2022〕429号: 绩效指标性质* (≥) | … | 指标方向性* (正向指标), see DIRECTION_POLARITY
    "direction": ("指标方向", "指标值类型", "指标性质", "运算符号", "计算符号", "符号", "比较符", "指标方向性"),
    "standard": ("绩效标准",),  # [seed]
    # the 财预〔2021〕101号 / 一体化 columns ([mof-101]); read into Indicator.weight … and kept by import
    "weight": ("权重", "分值", "权重(%)", "指标权重"),  # [sc-majing], [sc-ganzi], 重庆 指标权重
    "explanation": ("指标解释", "指标说明", "指标定义", "指标值说明"),  # 江西浮梁 2026 一体化 指标值说明
    "scoring": ("评(扣)分标准", "评分标准", "扣分标准", "评分规则", "评(扣)分规则"),
    "formula": ("计算公式", "计算方法", "指标计算公式"),
    "basis": ("指标值设定依据", "设定依据", "指标值确定依据", "指标值设定依据及数据来源"),
    "prior": ("上年指标值", "上年实际完成值", "上年完成值", "上年度指标值", "上年实际值"),
}

#: Words of the ``direction`` key that name a polarity or a kind (正向指标/反向指标, 定量/定性) rather
#: than the operator: where a header row prints both (海南: 绩效指标性质 ≥ | … | 指标方向性 正向指标),
#: the operator's column is the direction and the other is kept as a further column.
DIRECTION_POLARITY = ("指标方向", "指标方向性", "指标值类型")

#: Qualifiers some systems print before every header word (海南 2022 系统表: 绩效指标性质 | 绩效指标值 |
#: 绩效度量单位): a header cell is also looked up without them when at least three characters remain
#: (「绩效指标」 stays the weak name word, not the bare 「指标」).
HEADER_PREFIXES = ("绩效",)

#: Secondary header words: they name a column only in a row that also holds other column words
#: (a header row is one holding several known column words), and only for a key no word of
#: ``HEADER`` took in that row (「绩效指标 | 三级指标」: 三级指标 is the name). Not label words for
#: import (a value 「优」 stays a value). Sources: 山东临邑 2025 (一级 | 二级 | 三级 | 年度数值 | 备注),
#: 河北邯郸 2019 (绩效指标分类 | 绩效指标 | 绩效指标描述 | 绩效指标评价标准 | 评价标准确定依据),
#: 河北宁晋 2019 (评价内容 over two columns | 指标名称 | 指标说明 | 目标值 | 分值), 浙江慈溪 2023
#: (一级指标 | 二级指标 | 指标名称 | 指标值), and what other provinces print for the same columns.
HEADER_WEAK: dict[str, tuple[str, ...]] = {
    # 「评价内容」「指标分类」 over TWO columns are 一级 | 二级 (see recognise._header_at)
    "level1": ("一级", "一级指标名称", "绩效指标分类", "指标分类", "指标类别", "评价内容", "指标类型名称", "指标类型"),
    "level2": ("二级", "二级指标名称"),
    "name": ("三级", "绩效指标", "绩效指标名称", "指标名", "评价要点", "考核指标", "考核内容"),
    "value": ("数值", "年度数值", "年度值", "预期值", "计划值", "标准值", "目标数值"),
    "weight": ("指标分值", "分数", "满分", "权重分"),
    "scoring": ("评价标准", "绩效指标评价标准", "评分办法", "计分方法", "评分细则"),
    "explanation": ("绩效指标描述", "指标描述", "指标内涵", "指标含义", "指标口径"),
    "basis": ("评价标准确定依据", "依据", "数据来源", "设定依据及数据来源"),
}

#: Grade words heading one value column each under a merged header (河北邯郸: 评价标准 over
#: 优 | 良 | 中 | 差): the best grade's column is the target value, the others are kept as they are.
GRADES: tuple[tuple[str, ...], ...] = (
    ("优", "优秀", "好", "A"),
    ("良", "良好", "较好", "B"),
    ("中", "合格", "一般", "及格", "C"),
    ("差", "不合格", "较差", "D"),
)

#: Period qualifiers printed before a value header (江苏镇江: 半年(程)指标值 | 全年(程)指标值): the
#: column is a 指标值 of that period; the year's (全年, 年度) is read, the others kept as period columns.
PERIOD_PREFIXES = (
    "全年(程)",
    "半年(程)",
    "全年",
    "半年",
    "上半年",
    "下半年",
    "年度",
    "本年度",
    "当年",
    "中期",
    "长期",
    "中长期",
    "实施期",
    "第一季度",
    "季度",
)

#: The other tables' header cells (exact after clean and forms()): table key -> column key -> words.
TABLE_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "funds": {  # 附表2
        "seq": ("序号",),
        "name": ("名称", "项目名称", "专项名称", "专项资金名称", "资金名称"),
        "amount": ("金额", "预算金额", "资金金额", "预算数", "预算申报数", "项目金额", "年度本级预算金额"),
        "period_goal": ("实施期绩效目标", "实施期目标", "总体目标", "长期目标"),
        "annual_goal": ("年度绩效目标", "年度目标"),
    },
    "details": {  # 附表3 支出明细及测算说明
        "summary": ("支出内容简介", "支出内容", "项目内容"),
        "detail": ("支出明细", "明细", "支出项目", "经济分类"),
        "amount": ("金额", "测算金额", "申请金额", "预算金额", "本年度申请金额"),
        "basis": ("支出测算依据及过程说明", "测算依据", "测算依据及说明", "资金测算依据及说明", "测算过程"),
    },
    "work_plan": {  # 附表1 年度重点工作计划
        "item": ("事项", "重点工作", "工作事项", "任务名称"),
        "unit": ("责任单位/科室", "责任单位", "责任科室"),
        # 主要内容 / 工作内容: what a task holds (东莞 2022 批复表), read here but no goal for G607
        "goal": ("工作目标", "目标", "主要内容", "工作内容", "任务内容", "主要工作内容"),
    },
}

#: An operator printed in a 指标方向/指标性质 column -> the symbol joined before the value.
OPERATORS: dict[str, str] = {
    "≥": "≥",
    ">=": "≥",
    "大于等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "≤": "≤",
    "<=": "≤",
    "小于等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    ">": ">",
    "大于": ">",
    "<": "<",
    "小于": "<",
    "=": "=",
    "等于": "=",
    "定量": "",
    "定性": "",
    "正向指标": "",
    "反向指标": "",
}

# --- indicator level names accepted besides the skeleton's (xladdin.layout.skeleton) -----------
#: 一级 names real forms print ([mof-101]: 满意度指标 and 成本指标 as 一级).
LEVEL1_ALSO = (
    "满意度指标",  # [mof-101], [ah-jinzhai], [gs-jiayuguan], [sc-majing]
    "社会公众或服务对象满意度指标",  # [hn-ningxiang], [hn-xiangtan]
    "服务对象满意度指标",
    "社会公众满意度指标",
    "成本指标",  # [mof-101]
    "预期产出指标",  # [gd-dongguan]
    "效果指标",  # [gd-dongguan]
)
#: 二级 names real forms print.
LEVEL2_ALSO = (
    "服务对象满意度",  # [gs-jiayuguan]
    "服务对象满意度指标",
    "社会公众满意度指标",
    "社会公众或服务对象满意度指标",
    "满意度指标",
    "环境效益指标",  # [sn-jiaxian]
    "经济成本指标",  # [mof-101]
    "社会成本指标",
    "生态环境成本指标",
    "数量指标(或建筑规模指标)",  # [gd-dongguan] 东莞's template names
    "时效指标(工期指标)",
    "时效指标(工期指标、形象进度指标)",
    "预算(或投资规模)控制指标",
    "社会、经济、生态效益指标",
    "经济效益",  # [hn-yueyangxian] 「经济效益 指标」 without the last word
    # 浙江 项目库 申报表 (临海 2024): the 可持续 and 满意度 classes as its system prints them
    "可持续性发展影响指标",
    "可持续发展影响指标",
    "服务对象或受益者满意度指标",
    "服务对象及受益者满意度指标",
    "受益者满意度指标",
)

#: Unit words some systems print for a symbol (joined into the value for judging as the symbol).
UNIT_WORDS: dict[str, str] = {"百分比": "%", "百分率": "%", "百分点": "%"}  # [gs-jiayuguan] 「=100百分比」

# --- normalisation ------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")
_MARKS = re.compile(r"[*★☆※]")
_QUALIFIER = re.compile(r"\([^()]*\)$")
_ANNUAL = ("年度", "本年", "当年", "全年")
_UNIT_NOTE = re.compile(r"\((?:万元|元|盖章|签字|签章|子项|必填|单位:万元|金额单位:万元)\)")
_PREFIXES = (
    ("本年度", "年度"),
    ("项目支出", "项目"),
    ("部门(单位)", "部门"),
    ("单位(部门)", "部门"),
    ("单位", "部门"),
)


@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """A label as compared: NFKC, no white space, no required marks, no trailing colon."""
    out = _MARKS.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", text)))
    return out.rstrip(":")


#: An enumerator before a label (「(一)中长期绩效目标」, 「一、产出指标」, 「1.」) and a score note after
#: it (「年度绩效目标(90分)」, 「成本指标(0-20)分」, 「预算执行 10分」): neither is part of the label.
_ENUMERATOR = re.compile(r"^(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.](?!\d))")
_SCORE_NOTE = re.compile(r"(?:\(\d+(?:-\d+)?分?\)分?|\d+分)$")


def strip_notes(text: str) -> str:
    """A cleaned label without its enumerator (「(一)」「一、」)."""
    return _ENUMERATOR.sub("", text) or text


def score_free(text: str) -> str:
    """A cleaned label without its score note (「年度绩效目标(90分)」 → 「年度绩效目标」). Used where a
    label is looked up (fields, header cells), not in :func:`forms`: the score is data import keeps."""
    out = _SCORE_NOTE.sub("", text)
    return out if len(out) >= 2 else text


@lru_cache(maxsize=8192)
def forms(text: str) -> tuple[str, ...]:
    """``text`` cleaned, then without unit notes and enumerators, then with the common prefixes
    rewritten."""
    base = clean(text)
    out = [base]
    bare = strip_notes(_UNIT_NOTE.sub("", base).rstrip(":"))
    if bare != base:
        out.append(bare)
    for word in list(out):
        if (alt := _drop_alternates(word)) != word:  # 「项目(专项)名称」: one label naming two
            out.append(alt)
    for word in list(out):
        for prefix, to in _PREFIXES:
            if word.startswith(prefix) and len(word) > len(prefix):
                out.append(to + word[len(prefix) :])
                out.append(word[len(prefix) :])
        if word.startswith("项目") and word.endswith("目标") and len(word) > 4 and word != "项目绩效目标":
            out.append(word[2:])  # 「项目总体目标」「项目年度目标」 (重庆荣昌); 「项目绩效目标」 heads a block
        if word.startswith("绩效") and word[2:4] in ("指标", "度量") and len(word) > 4:
            out.append(word[2:])  # 海南 「绩效指标值*」「绩效指标性质*」「绩效度量单位」 (not 「绩效指标」 alone)
    return tuple(dict.fromkeys(w for w in out if w))


def _drop_alternates(word: str) -> str:
    """The label without an alternative word in brackets inside it, not at its end (a unit note):
    「项目(专项)名称」 → 「项目名称」. One to four Chinese characters in the brackets, one after them
    (compared, not matched: a pattern of that class costs 3 ms to compile at import)."""
    out: list[str] = []
    i = 0
    while i < len(word):
        end = word.find(")", i) if word[i] == "(" else -1
        inner = word[i + 1 : end]
        if (
            end > i
            and 1 <= len(inner) <= 4
            and all(map(is_han, inner))
            and end + 1 < len(word)
            and is_han(word[end + 1])
        ):
            i = end + 1
            continue
        out.append(word[i])
        i += 1
    return "".join(out)


def _words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(clean(w) for w in words))


class _Words(NamedTuple):
    """The vocabulary's words as compared (:func:`clean`)."""

    anchors: dict[str, tuple[str, ...]]
    titles: dict[str, tuple[str, ...]]
    header: dict[str, set[str]]
    weak: dict[str, set[str]]
    periods: tuple[str, ...]  # longest first
    header_prefixes: tuple[str, ...]
    polarity: set[str]
    fields: dict[str, dict[str, set[str]]]
    tables: dict[str, dict[str, set[str]]]


def _cleaned() -> _Words:
    return _Words(
        anchors={k: _words(v) for k, v in ANCHORS.items()},
        titles={k: _words(v) for k, v in TITLES.items()},
        header={k: set(_words(v)) for k, v in HEADER.items()},
        weak={k: set(_words(v)) for k, v in HEADER_WEAK.items()},
        periods=tuple(sorted(_words(PERIOD_PREFIXES), key=len, reverse=True)),
        header_prefixes=_words(HEADER_PREFIXES),
        polarity=set(_words(DIRECTION_POLARITY)),
        fields={form: {k: set(_words(v)) for k, v in fields.items()} for form, fields in FIELDS.items()},
        tables={t: {k: set(_words(v)) for k, v in cols.items()} for t, cols in TABLE_HEADERS.items()},
    )


#: Built on first use, not at import (a mutation run clears it in each mutant's process:
#: ``scripts/mutmut_fixtures.py``).
_cleaned_words = cache(_cleaned)


_ANCHORED: dict[tuple[str, str, bool], bool] = {}
TEXT_MEMOS.append(_ANCHORED)


def anchor_matches(anchor: str, value: object, *, contains: bool = False) -> bool:
    """Whether a label cell starts the section whose template anchor is ``anchor``."""
    if value is None or value == "" or not isinstance(value, str):
        return False
    key = (anchor, value, contains)
    found = _ANCHORED.get(key)  # each distinct text of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
    if found is None:
        found = _anchor_matches(anchor, value, contains)
        if len(_ANCHORED) < MEMO_SIZE:
            _ANCHORED[key] = found
    return found


def _anchor_matches(anchor: str, value: str, contains: bool) -> bool:
    words = _cleaned_words().anchors.get(anchor) or (clean(anchor),)
    for text in forms(value):
        for w in words:
            if contains:
                if w in text:
                    return True
            elif w in EXACT_ANCHORS:
                if text == w:
                    return True
            elif text.startswith(w):
                return True
    return False


def title_kind(value: object) -> str | None:
    """The form a title names ('form1', 'form2', 'form3'), or None."""
    if not isinstance(value, str) or len(value) < 6:
        return None
    text = clean(value)
    for kind, words in _cleaned_words().titles.items():
        if any(w in text for w in words):
            return kind
    return None


def _candidates(value: str) -> list[str]:
    words = _cleaned_words()
    out: list[str] = []
    for text in forms(value):
        out += [text, _QUALIFIER.sub("", text), score_free(text)]
        out += [text[len(p) :] for p in words.periods if text.startswith(p) and len(text) > len(p) + 1]
    out += [c[len(p) :] for c in list(out) for p in words.header_prefixes if c.startswith(p) and len(c) >= len(p) + 3]
    return out


@lru_cache(maxsize=4096)
def header_key(value: object) -> str | None:
    """The indicator column a header cell names (level1, level2, name, value, unit, ...); a
    trailing qualifier is ignored (「指标值(或计划水平)」, 「二级指标(长期)」), so is a period before a
    value header (「全年(程)指标值」)."""
    if not isinstance(value, str) or not value.strip():
        return None
    for candidate in _candidates(value):
        for key, words in _cleaned_words().header.items():
            if candidate in words:
                return key
    return None


@lru_cache(maxsize=4096)
def polarity_header(value: object) -> bool:
    """Whether a ``direction`` header cell names a polarity or kind (指标方向性, 指标值类型), not the
    operator (指标性质, 计算符号)."""
    return isinstance(value, str) and any(c in _cleaned_words().polarity for c in _candidates(value))


@lru_cache(maxsize=4096)
def weak_header_key(value: object) -> str | None:
    """The column a secondary header word names (``HEADER_WEAK``: 一级, 年度数值, 绩效指标分类 …),
    or None; a strong word (:func:`header_key`) is not looked for here."""
    if not isinstance(value, str) or not value.strip() or len(value) > 20:
        return None
    for candidate in _candidates(value):
        for key, words in _cleaned_words().weak.items():
            if candidate in words:
                return key
    return None


def grade_of(value: object) -> int | None:
    """The rank (0 = best) of a grade word heading a value column (「优」, 「良好」), or None."""
    if not isinstance(value, str):
        return None
    text = clean(value)
    for rank, words in enumerate(GRADES):
        if text in words:
            return rank
    return None


def annual_column(value: object) -> bool:
    """Whether a header cell says its column is the year's (「指标值(年度)」, 「本年度指标值」,
    「全年(程)指标值」): where a form prints 长期/中期 and 年度 columns side by side, the year's are read."""
    return isinstance(value, str) and any(w in clean(value) for w in _ANNUAL)


#: A memo's mark for a text not worked out yet (None is an answer: the text names no column).
_MISS = object()
_TABLE_KEYS: dict[tuple[str, str], object] = {}
TEXT_MEMOS.append(_TABLE_KEYS)


def table_header_key(table: str, value: object) -> str | None:
    """The column of table ``table`` (funds, details, work_plan) a header cell names, or None."""
    if type(value) is not str:
        return _table_header_key(table, value)
    key = (table, value)
    found = _TABLE_KEYS.get(key, _MISS)  # each distinct text of a workbook once (``TEXT_MEMOS``)
    if found is _MISS:
        found = _table_header_key(table, value)
        if len(_TABLE_KEYS) < MEMO_SIZE:
            _TABLE_KEYS[key] = found
    return found  # type: ignore[return-value]


def _table_header_key(table: str, value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    words = _cleaned_words().tables.get(table, {})
    for text in forms(value):
        for key, ws in words.items():
            if text in ws:
                return key
    return None


_FIELD_KEYS: dict[tuple[str, str], object] = {}
TEXT_MEMOS.append(_FIELD_KEYS)


def field_key(form: str, value: object) -> str | None:
    """The model field a label cell names on ``form`` ('form1' or 'form3'), or None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    if type(value) is not str:
        return _field_key(form, value)
    key = (form, value)
    found = _FIELD_KEYS.get(key, _MISS)  # each distinct text of a workbook once (``TEXT_MEMOS``)
    if found is _MISS:
        found = _field_key(form, value)
        if len(_FIELD_KEYS) < MEMO_SIZE:
            _FIELD_KEYS[key] = found
    return found  # type: ignore[return-value]


def _field_key(form: str, value: str) -> str | None:
    if not value.strip():
        return None
    words = _cleaned_words().fields.get(form)
    if not words:
        return None
    for text in forms(value):
        for candidate in (text, score_free(text)):
            for key, ws in words.items():
                if candidate in ws:
                    return key
    return None


def operator(value: object) -> str | None:
    """The symbol of an 指标方向 cell ("≥", "≤", "=", "" for 定量/定性), or None when unknown."""
    if value is None:
        return None
    return OPERATORS.get(clean(str(value)))
