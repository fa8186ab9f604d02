# `make dist` for Windows, where there is usually no make: the same recipe
# (packaging/build.py), from a fresh checkout. Run in PowerShell from the
# project's folder:  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3 -m venv .venv }
.venv\Scripts\python -m pip install --quiet --upgrade pip
.venv\Scripts\python -m pip install --quiet -e ".[dist]"
.venv\Scripts\python packaging\build.py
