"""The 校验结果 sheet the 校验 button writes: where the handlers (which write it) and the waiver
code (确认此项, which reads its rows) meet, so that neither imports the other back."""

RESULTS = "校验结果"
HEADER = ["级别", "工作表", "单元格", "规则", "问题", "改法"]
WAIVED = "已确认"  # the 级别 of a finding accepted on the 已确认 sheet
