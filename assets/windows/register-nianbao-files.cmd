@echo off
rem Opens .nianbao drafts with the nianbao.exe in this folder, for the current Windows user
rem only: no administrator rights are needed. Run it again after moving the folder.
set "EXE=%~dp0nianbao.exe"
if not exist "%EXE%" (
  echo nianbao.exe was not found beside this script.
  pause
  exit /b 1
)
reg add "HKCU\Software\Classes\.nianbao" /ve /d "nianbao.draft" /f >nul || goto failed
reg add "HKCU\Software\Classes\nianbao.draft" /ve /d "nianbao draft" /f >nul || goto failed
reg add "HKCU\Software\Classes\nianbao.draft\DefaultIcon" /ve /d "\"%EXE%\",0" /f >nul || goto failed
reg add "HKCU\Software\Classes\nianbao.draft\shell\open\command" /ve /d "\"%EXE%\" \"%%1\"" /f >nul || goto failed
echo .nianbao files now open with "%EXE%"
pause
exit /b 0
:failed
echo Could not write the file association (reg.exe failed).
pause
exit /b 1
