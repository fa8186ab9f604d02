"""The exchange commands: ``pack``, ``unpack`` and ``fingerprint``.

The identity is the one in the user's data folder (``XDG_DATA_HOME`` on Linux),
so two people can be tried on one computer by pointing it elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from workbench.cli.actors import own_identity
from workbench.errors import UnconfirmedKey, WorkbenchError
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.exchange.reader import read_package
from workbench.store.identity import create_identity
from workbench.store.keys import fingerprint as fingerprint_of
from workbench.store.keys import my_fingerprint
from workbench.store.models import Person
from workbench.store.portfolios import open_portfolio

COMMANDS = ("pack", "unpack", "fingerprint")


def cmd_pack(args) -> int:
    identity = own_identity()
    with open_portfolio(args.portfolio, holder=f"{identity.name} (pack)") as opened:
        actor = Person.get_or_none(Person.uuid == identity.uuid)
        if actor is None:
            raise WorkbenchError(
                f"You ({identity.name}) are not a member of the portfolio in {args.portfolio}."
            )
        result = pack(
            opened,
            actor,
            args.out,
            changes_only=args.changes,
            include_blobs=not args.no_files,
        )
    what = "changes" if result.scope == "changes" else "records"
    print(f"Wrote {result.records} {what} and {result.blobs} evidence file(s) to {result.path}")
    return 0


def cmd_unpack(args) -> int:
    confirmed = _key_with_fingerprint(args.file, args.accept_key) if args.accept_key else None
    try:
        summary = unpack(args.file, own_identity(), args.portfolio, confirmed_key=confirmed)
    except UnconfirmedKey as exc:
        raise WorkbenchError(
            f'{exc} To accept it, run unpack again with --accept-key "{exc.fingerprint}".'
        ) from None
    print(f"Opened {Path(args.file).name} into {summary.root}")
    for line in summary.lines():
        print(f"  {line}")
    return 0


def _key_with_fingerprint(path: Path, fingerprint: str) -> str:
    """The package's key, if its fingerprint is the one the user compared by phone."""

    key = read_package(path).manifest["public_key"]
    if "".join(fingerprint.split()).upper() != "".join(fingerprint_of(key).split()):
        raise WorkbenchError(
            f"{path.name} is signed with the key {fingerprint_of(key)}, not with the "
            f"fingerprint you gave ({fingerprint}). Nothing was opened."
        )
    return key


def cmd_fingerprint(args) -> int:
    identity = create_identity(args.name) if args.name else own_identity()
    print(f"{identity.name} ({identity.uuid})")
    print(f"Key fingerprint: {my_fingerprint()}")
    return 0


def add_parsers(sub) -> None:
    pack = sub.add_parser("pack", help="write your changes to a signed package for the other side")
    pack.add_argument("--portfolio", required=True, type=Path)
    pack.add_argument("--out", required=True, type=Path)
    pack.add_argument(
        "--changes", action="store_true", help="only what the other side has not confirmed"
    )
    pack.add_argument("--no-files", action="store_true", help="leave the evidence files out")
    pack.set_defaults(handler=cmd_pack)

    unpack = sub.add_parser("unpack", help="open a package from your mentor or mentee")
    unpack.add_argument("file", type=Path)
    unpack.add_argument(
        "--portfolio", type=Path, help="the portfolio folder (default: found or created)"
    )
    unpack.add_argument(
        "--accept-key",
        metavar="FINGERPRINT",
        help="accept the sender's new or changed key, after comparing it with them by phone",
    )
    unpack.set_defaults(handler=cmd_unpack)

    finger = sub.add_parser("fingerprint", help="show your name and key fingerprint")
    finger.add_argument("--name", help="make your identity with this name on first use")
    finger.set_defaults(handler=cmd_fingerprint)
