"""Entry point: ``python main.py`` opens the workbench; ``python main.py COMMAND`` runs headless."""

import sys

from workbench import APP_NAME, __version__


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["--version"], ["-V"]):  # answered before Qt or any command loads
        print(f"{APP_NAME} {__version__}")
        return 0
    from workbench.cli import COMMANDS  # the names only: the GUI loads no command

    if argv and argv[0] in COMMANDS:
        from workbench.cli.main import run  # a command loads no Qt

        return run(argv)
    from ui.shell.app import run_gui  # Qt loads only for the GUI

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
