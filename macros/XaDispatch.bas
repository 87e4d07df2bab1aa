Attribute VB_Name = "XaDispatch"
Option Explicit

' xladdin: the only hand-written VBA, ASCII only (the VBA code page cannot hold Chinese).
' Every ribbon button calls XaRibbon; the button's tag names the Python handler in
' xladdin/excel/handlers.py. Adding a button needs a line in customUI14.xml and a Python
' handler, never new VBA. RunPython comes from the xlwings module embedded at build time.
' Before the first call, XaPythonReady checks that the interpreter xlwings will use exists and
' imports xlwings and xladdin; otherwise one message (XA_MSG_NO_PYTHON, a text stored in the
' workbook as a defined name) says what to do, instead of xlwings' English errors.

Private XaReady As Boolean ' True once the check passed in this Excel session
Private Const XA_CHECK As String = "import xlwings, xladdin.excel.handlers" ' what RunPython will import

Public Sub XaRibbon(control As IRibbonControl)
    XaRun control.Tag
End Sub

Public Sub XaRun(ByVal action As String)
    If Not XaPythonReady() Then Exit Sub
    RunPython "import xladdin.excel.handlers as h; h.main('" & Replace(action, "'", "") & "')"
End Sub

' The interpreter RunPython will start: Interpreter_Win, else the legacy Interpreter, else python.
Private Function XaInterpreter() As String
    XaInterpreter = GetConfig("INTERPRETER_WIN", "")
    If XaInterpreter = "" Then XaInterpreter = GetConfig("INTERPRETER", "python")
End Function

Private Function XaPythonReady() As Boolean
    Dim interpreter As String, cmdLine As String, code As Long
    Dim wsh As Object, env As Object, saved As String
    #If Mac Then
        XaPythonReady = True
        Exit Function
    #End If
    If XaReady Or GetConfig("CONDA PATH") <> "" Then
        XaPythonReady = True
        Exit Function
    End If
    interpreter = XaInterpreter()
    If interpreter <> "python" And interpreter <> "pythonw" Then
        If Not FileExists(interpreter) Then
            XaNoPython interpreter
            Exit Function
        End If
        ' from the interpreter's folder, as xlwings starts it (pywin32 finds its DLLs there)
        cmdLine = "cd /d " & Chr(34) & ParentFolder(interpreter) & Chr(34) & " & " & Chr(34) & interpreter & Chr(34)
    Else
        cmdLine = "python"
    End If
    On Error GoTo failed
    Set wsh = CreateObject("WScript.Shell")
    Set env = wsh.Environment("PROCESS")
    saved = env("PYTHONPATH")
    If GetConfig("PYTHONPATH") <> "" Then env("PYTHONPATH") = GetConfig("PYTHONPATH") & ";" & saved
    code = wsh.Run("cmd.exe /C " & Chr(34) & cmdLine & " -B -c " & Chr(34) & XA_CHECK & Chr(34) & Chr(34), 0, True)
    env("PYTHONPATH") = saved
    If code <> 0 Then
        XaNoPython interpreter
        Exit Function
    End If
    XaReady = True
    XaPythonReady = True
    Exit Function
failed:
    XaNoPython interpreter
End Function

Private Sub XaNoPython(ByVal interpreter As String)
    MsgBox Replace(XaMsg("XA_MSG_NO_PYTHON"), "\n", vbLf) & vbLf & vbLf & "Interpreter_Win = " & interpreter, _
        vbExclamation, XaMsg("XA_MSG_TITLE")
End Sub

' A text stored in the workbook as a defined name holding a string constant (="...").
Private Function XaMsg(ByVal key As String) As String
    Dim r As String
    On Error GoTo missing
    r = ThisWorkbook.Names(key).RefersTo
    XaMsg = Replace(Mid(r, 3, Len(r) - 3), Chr(34) & Chr(34), Chr(34))
    Exit Function
missing:
    XaMsg = key
End Function
