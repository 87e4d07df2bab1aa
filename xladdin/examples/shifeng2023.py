"""The seed: 株洲市石峰区退役军人事务局's 2023 预算绩效目标表, transcribed exactly as written.

Defects are kept on purpose (this is our real-world test case): blank 数量指标 values (困难帮扶-退役专项,
大学生应征入伍奖励), prose where a 指标值 belongs (优抚安置专项 and both 经开区 sheets), the 困难帮扶 goal
text that differs between 附表2 and its 附表3, empty 成本指标 rows, blank 填报单位/填表人/联系电话,
stray spaces ("可持续影响  指标", " 计划标准").

Notes on the transcription:
- Totals are formulas in the workbook. The seed writes 资金总额 1326.19, 项目支出 1184.26, 附表2 合计
  1184.26 and most 附表3 合计; where the seed leaves a 合计 blank (both 经开区 sheets) the value here is
  ``None`` and the template's formula fills it. ``WRITTEN_TOTALS`` keeps what the seed wrote, so a test
  can compare it with the formulas' results.
- A blank 一级指标 cell in the seed continues the vertically merged cell above it; the model repeats
  the 一级 on each row (the builder merges equal runs again). So the 满意度 row, whose 一级 cell is blank
  in the seed, sits under 效益指标 as the seed prints it.
- The first 附表3's 项目实施期 carries a Word bookmark marker ("[bookmark: _GoBack]") from the text
  extraction, not from the form; it is left out.
- The seed prints the 附表3 sheets in another order than 附表2 lists the funds; the workbook orders them
  as on 附表2 (the two 经开区 sheets swap places).
"""

from __future__ import annotations

from xladdin.model import (
    Detail,
    Form1,
    Form2,
    Form3,
    FundRow,
    Indicator,
    Signature,
    Submission,
    WorkItem,
)

DEPARTMENT = "株洲市石峰区退役军人事务局"
YEAR = 2023
OUT, BEN = "产出指标", "效益指标"
SAT = "社会公众及服务对象满意度指标"
SUSTAIN3 = "可持续影响  指标"  # as the seed's 附表3 sheets write it
PLAN = "计划标准"
PLAN_SPACED = " 计划标准"  # as the seed writes it on the 满意度 rows of 附表3
FEEL = "辖区内享受待遇人员的获得感、幸福感"

DUTIES = """（一）贯彻执行党和国家关于退役军人思想政治、管理保障和安置优抚等工作政策法规，拟订全区退役军人事务发展规划和政策，并组织实施；褒扬彰显退役军人为党、国家和人民牺牲奉献的精神风范和价值导向。
（二）负责全区军队转业干部、复员干部、离休退休干部、退役士兵和无军籍退休退职职工的移交安置工作；负责全区自主择业、就业退役军人服务管理工作。
（三）组织指导全区退役军人教育培训工作，协调扶持退役军人和随军随调家属就业创业。
（四）贯彻落实国家关于退役军人的特殊保障政策，会同有关部门制定相关政策，并组织实施。
（五）组织协调落实退役军人和无军籍退休退职职工医疗保障、社会保险等相关政策。
（六）组织指导全区伤病残退役军人服务管理和抚恤工作，贯彻落实有关退役军人医疗、疗养、养老等机构的规划政策并指导实施。承担全区不适宜继续服役的伤、病、残军人相关工作。 
（七）组织指导全区拥军优属工作。负责全区现役军人、退役军人、军队文职人员和军属优待、抚恤等工作。
（八）负责全区烈士及退役军人荣誉奖励、军人公墓管理维护、纪念活动等工作，依法承担英雄烈士设施保护相关工作，总结表彰和宣扬退役军人、退役军人工作单位和个人先进典型事迹。
（九）指导并监督检查退役军人相关法律法规和政策措施的落实；开展全区退役军人权益维护和有关人员的帮扶援助工作。
（十）完成区委、区政府交办的其他任务。"""  # noqa: W291

#: Totals as the seed writes them (None: left blank in the seed).
WRITTEN_TOTALS: dict[str, float | None] = {
    "附表1 资金总额": 1326.19,
    "附表1 项目支出": 1184.26,
    "附表2 合计": 1184.26,
    "烈士纪念设施整修": 2,
    "城镇军队退役人员就业援助资金": 320,
    "困难帮扶-退役专项": 28,
    "大学生应征入伍奖励": 16,
    "优抚安置专项": 345,
    "经开区-优军优抚专项": None,
    "经开区-对越参战人员社会公益性岗位补助": None,
}


def _ind(rows: list[tuple]) -> list[Indicator]:
    return [Indicator(*row) for row in rows]


def _f3_indicators(
    count_name: str,
    count: object,
    social: str,
    social_value: str,
    sustain: str,
    sustain_value: str,
    sat_name: str,
    sat_value: str,
    *,
    count_standard: str = PLAN,
) -> list[Indicator]:
    """The seed's 附表3 tables all have this shape (one 三级 per 二级)."""
    return _ind(
        [
            (OUT, "数量指标", count_name, count, count_standard),
            (OUT, "质量指标", "覆盖率", "100%", PLAN),
            (OUT, "时效指标", "实施时间", "2023年度", PLAN),
            (OUT, "成本指标", None, None, None),
            (BEN, "经济效益指标", None, None, None),
            (BEN, "社会效益指标", social, social_value, PLAN),
            (BEN, "生态效益指标", None, None, None),
            (BEN, SUSTAIN3, sustain, sustain_value, PLAN),
            (BEN, SAT, sat_name, sat_value, PLAN_SPACED),
        ]
    )


def _f3(
    direction: str,
    amount: float,
    period_goal: str,
    annual_goal: str,
    indicators: list[Indicator],
    summary: str,
    basis: str,
    detail_total: float | None,
) -> Form3:
    return Form3(
        title="2023年区级专项资金支出方向绩效目标表",
        direction=direction,
        parent_name=direction,
        project_amount=amount,
        parent_amount=amount,
        period="2023年度",
        period_goal=period_goal,
        annual_goal=annual_goal,
        indicators=indicators,
        details=[Detail(summary, None, amount, basis)],
        detail_total=detail_total,
        signature=Signature(),
    )


def submission() -> Submission:
    """The seed as a model (a new object on every call)."""
    form1 = Form1(
        title="2023年部门整体支出绩效目标表",
        department=DEPARTMENT,
        total=1326.19,
        general_budget=1326.19,
        gov_fund=None,
        other_funds=None,
        basic=141.93,
        project=1184.26,
        duties=DUTIES,
        work_plan=[
            WorkItem(
                "双拥优抚",
                "双拥优抚股",
                "落实各项优抚有待政策，将各项抚恤、补助金发放给对象，提高辖区内享受待遇人员的获得感、幸福感",
            )
        ],
        indicators=_ind(
            [
                (OUT, "数量指标", "辖区内享受待遇人员数", 990),
                (OUT, "质量指标", "覆盖率", "100%"),
                (OUT, "时效指标", "实施时间", "2023年度"),
                (OUT, "成本指标", None, None),
                (BEN, "经济效益指标", None, None),
                (BEN, "社会效益指标", FEEL, "100%"),
                (BEN, "生态效益指标", None, None),
                (BEN, "可持续影响指标", FEEL, "100%"),
                (BEN, SAT, "对象满意度", "100%"),
            ]
        ),
    )
    form2 = Form2(
        title="2023年区级专项资金绩效目标汇总表",
        total=FundRow(
            None,
            "合  计",
            1184.26,
            "做好2023年度内全区优抚等对象的优待、抚恤工作。",
            "合理使用专项资金，做好优抚等对象的优待、抚恤工作。",
        ),
        funds=[
            FundRow("一", "烈士纪念设施整修", 2, "2023年度内烈士墓日常维护。", "做好烈士墓的日常维护。"),
            FundRow(
                "二",
                "城镇军队退役人员就业援助资金",
                320,
                "做好2023年度内城镇军队退役人员的就业援助工作。",
                "合理使用城镇军队退役人员就业援助岗位资金，做好城镇军队退役人员的就业援助工作。",
            ),
            FundRow(
                "三",
                "困难帮扶-退役专项",
                28,
                "2023年度内做好驻区部队及部分需褒扬或困难退役军人、企业军转干部的春节、八一慰问工作。",
                "春节、八一对驻区部队及部分需褒扬或困难退役军人、企业军转干部进行慰问。",
            ),
            FundRow(
                "四",
                "大学生应征入伍奖励",
                16,
                "用于发放我区2021年入伍16名新战士进疆进藏一次性奖励。",
                "奖励进疆进藏的入伍战士。",
            ),
            FundRow(
                "五",
                "优抚安置专项",
                345,
                "做好2023年度内优抚、军休、新入伍大学生兵等对象的优待、抚恤工作。",
                "利用优抚安置专项资金，做好优抚、军休、新入伍大学生兵等对象的优待、抚恤工作。",
            ),
            FundRow(
                "六",
                "经开区-优军优抚专项",
                379.96,
                "做好2023年度内经开区优抚对象的优待、抚恤工作。",
                "利用优抚安置专项资金，做好经开区优抚对象的优待、抚恤工作。",
            ),
            FundRow(
                "七",
                "经开区-对越参战人员社会公益性岗位补助",
                93.3,
                "做好2023年度内对越参战退役人员的公益性岗位补助工作。",
                "合理使用社会公益性岗位补助资金，做好城镇军队退役人员的工作。",
            ),
        ],
    )
    form3s = [
        _f3(
            "烈士纪念设施整修",
            2,
            "2023年度内烈士墓日常维护。",
            "做好烈士墓的日常维护。",
            _f3_indicators(
                "烈士墓数量",
                1,
                "提高社会群体对烈士的尊崇",
                "100%",
                "提高社会群体对烈士的尊崇",
                "100%",
                "社会满意度",
                "100%",
            ),
            "日常维护烈士墓",
            "依据《中华人民共和国烈士褒扬条例》文件精神，资金由区财政保障。",
            2,
        ),
        _f3(
            "城镇军队退役人员就业援助资金",
            320,
            "做好2023年度内城镇军队退役人员的就业援助工作。",
            "合理使用城镇军队退役人员就业援助岗位资金，做好城镇军队退役人员的就业援助工作。",
            _f3_indicators("辖区内享受待遇人员数", 112, FEEL, "100%", FEEL, "100%", "对象满意度", "100%"),
            "为城镇军队退役人员发放就业援助岗位资金。",
            "依据区第五届人民政府第54次常务会议精神，资金由区财政保障。工资、社保约2380元/人/月*12个月*112人=320万元",
            320,
        ),
        _f3(
            "困难帮扶-退役专项",
            28,
            "做好驻区部队及部分需褒扬或困难退役军人、企业军转干部的春节、八一慰问工作。",
            "春节、八一对驻区部队及部分需褒扬或困难退役军人、企业军转干部进行慰问。",
            _f3_indicators(
                "驻区部队及部分需褒扬或困难退役军人、企业军转干部",
                None,
                "提高驻区部队及优抚对象的获得感",
                "100%",
                "提高驻区部队及部分优抚对象的获得感",
                "100%",
                "对象满意度",
                "100%",
            ),
            "春节、八一对驻区部队及部分需褒扬或困难退役军人、企业军转干部进行慰问。",
            "春节慰问部队10万元，慰问部分需褒扬或困难退役军人2.7万元，慰问企业军转干部1.3万元。\n"
            "八一慰问部队10万元，慰问部分需褒扬或困难退役军人2.7万元，慰问企业军转干部1.3万元。",
            28,
        ),
        _f3(
            "大学生应征入伍奖励",
            16,
            "用于发放我区2021年入伍16名新战士进疆进藏一次性奖励。",
            "奖励进疆进藏的入伍战士。",
            _f3_indicators(
                "奖励进疆进藏的入伍战士。",
                None,
                "提高进疆进藏新战士的获得感、幸福感",
                "100%",
                "提高进疆进藏新战士的获得感、幸福感",
                "100%",
                "对象满意度",
                "100%",
            ),
            "奖励进疆进藏的入伍战士。",
            "依据《中共株洲市委 株洲市人民政府 株洲军分区 关于进一步加强征兵工作的实施意见》"
            "（株发〔2011〕19号）文件精神，16人×10000元/人=160000元",
            16,
        ),
        _f3(
            "优抚安置专项",
            345,
            "做好2023年度内优抚、军休、新入伍大学生兵等对象的优待、抚恤工作。",
            "利用优抚安置专项资金，做好优抚、军休、新入伍大学生兵等对象的优待、抚恤工作。",
            _f3_indicators("辖区内享受待遇人员数", 990, FEEL, FEEL, FEEL, FEEL, "对象满意度", FEEL),
            "为优抚、军休、新入伍大学生兵等对象发放抚恤、补助金。",
            "依据《湖南省实施〈军人抚恤优待条例〉》、《关于进一步加强征兵工作的通知》株石办〔2019〕65号"
            "等文件精神发放抚恤、补助金。抚恤、补助对象身份不同，标准不同，区级财政负担比例也不相同。"
            "义务兵优待、大学生入伍奖励、征兵奖励80万元；军休人员经费60万元；退役士兵一次性经济补偿150万元；"
            "抚恤、精神伤残军人护理费、退役安置、社保接续等55万元",
            345,
        ),
        _f3(
            "经开区-优军优抚专项",
            379.96,
            "做好2023年度内经开区优抚对象的优待、抚恤工作。",
            "利用优抚安置专项资金，做好经开区优抚对象的优待、抚恤工作。",
            _f3_indicators("辖区内享受待遇人员数", 356, FEEL, FEEL, FEEL, FEEL, "对象满意度", FEEL),
            "利用优抚安置专项资金，做好经开区优抚对象的优待、抚恤工作。",
            "依据《湖南省实施〈军人抚恤优待条例〉》、《关于进一步加强征兵工作的通知》株石办〔2019〕65号"
            "等文件精神发放抚恤、补助金。抚恤、补助对象身份不同，标准不同。",
            None,
        ),
        _f3(
            "经开区-对越参战人员社会公益性岗位补助",
            93.3,
            "做好2023年度内对越参战退役人员的公益性岗位补助工作。",
            "合理使用社会公益性岗位补助资金，做好城镇军队退役人员的工作。",
            _f3_indicators("辖区内享受待遇人员数", 127, FEEL, FEEL, FEEL, FEEL, "对象满意度", FEEL),
            "合理使用社会公益性岗位补助资金，做好城镇军队退役人员的工作。",
            "经开区移交事项",
            None,
        ),
    ]
    return Submission(form1=form1, form2=form2, form3s=form3s, year=YEAR)
