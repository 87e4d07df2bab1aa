Attribute VB_Name = "XaDispatch"
Option Explicit

' xladdin: the only hand-written VBA, ASCII only (the VBA code page cannot hold Chinese).
' Every ribbon button calls XaRibbon; the button's tag names the Python handler in
' xladdin/excel/handlers.py. Adding a button needs a line in customUI14.xml and a Python
' handler, never new VBA. RunPython comes from the xlwings module embedded at build time.

Public Sub XaRibbon(control As IRibbonControl)
    XaRun control.Tag
End Sub

Public Sub XaRun(ByVal action As String)
    RunPython "import xladdin.excel.handlers as h; h.main('" & Replace(action, "'", "") & "')"
End Sub
