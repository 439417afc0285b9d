@echo off
rem Removes what register-nianbao-files.cmd added, for the current Windows user.
reg delete "HKCU\Software\Classes\nianbao.draft" /f >nul 2>&1
reg delete "HKCU\Software\Classes\.nianbao" /f >nul 2>&1
echo .nianbao files are no longer opened with nianbao.
pause
