# Make a double-clicked .wbpack package open in the Mentoring Workbench, and offer
# the workbench under "Open with" for Word files, for this Windows user only (no
# administrator rights: everything goes under HKEY_CURRENT_USER\Software\Classes).
#
#   powershell -ExecutionPolicy Bypass -File register-wbpack.ps1            install
#   powershell -ExecutionPolicy Bypass -File register-wbpack.ps1 -Uninstall take it back
param([switch]$Uninstall)
$ErrorActionPreference = "Stop"

$program = Join-Path $PSScriptRoot "mentoring-workbench.exe"
$classes = "HKCU:\Software\Classes"
$progId = "MentoringWorkbench.Package"

if ($Uninstall) {
    Remove-Item -Recurse -ErrorAction SilentlyContinue "$classes\$progId"
    Remove-ItemProperty -ErrorAction SilentlyContinue "$classes\.wbpack" -Name "(default)"
    Remove-ItemProperty -ErrorAction SilentlyContinue "$classes\.docx\OpenWithProgids" -Name "MentoringWorkbench.Review"
    Remove-Item -Recurse -ErrorAction SilentlyContinue "$classes\MentoringWorkbench.Review"
    Write-Output "Packages no longer open in the Mentoring Workbench. Your portfolios are untouched."
    exit 0
}
if (-not (Test-Path $program)) {
    Write-Error "Cannot find ${program}: run this script from the workbench's folder."
}

New-Item -Force "$classes\.wbpack" | Out-Null
Set-ItemProperty "$classes\.wbpack" -Name "(default)" -Value $progId
Set-ItemProperty "$classes\.wbpack" -Name "Content Type" -Value "application/x-wbpack"
New-Item -Force "$classes\$progId\DefaultIcon" | Out-Null
Set-ItemProperty "$classes\$progId" -Name "(default)" -Value "Mentoring Workbench package"
Set-ItemProperty "$classes\$progId\DefaultIcon" -Name "(default)" -Value "`"$program`",0"
New-Item -Force "$classes\$progId\shell\open\command" | Out-Null
Set-ItemProperty "$classes\$progId\shell\open\command" -Name "(default)" -Value "`"$program`" `"%1`""

# Word files keep their own program; the workbench is only offered under "Open with".
New-Item -Force "$classes\MentoringWorkbench.Review\shell\open\command" | Out-Null
Set-ItemProperty "$classes\MentoringWorkbench.Review" -Name "(default)" -Value "Reviewed statement (Mentoring Workbench)"
Set-ItemProperty "$classes\MentoringWorkbench.Review\shell\open\command" -Name "(default)" -Value "`"$program`" `"%1`""
New-Item -Force "$classes\.docx\OpenWithProgids" | Out-Null
New-ItemProperty -Force "$classes\.docx\OpenWithProgids" -Name "MentoringWorkbench.Review" -Value "" -PropertyType String | Out-Null

Write-Output "Double-clicked .wbpack packages now open in the Mentoring Workbench."
