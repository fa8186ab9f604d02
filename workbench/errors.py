"""Typed errors. Every message names the file or record and what is wrong."""


class WorkbenchError(Exception):
    """Base of every error a user may see; its message is written for them."""


class PortfolioLocked(WorkbenchError):
    """Another program already has the portfolio open."""


class NewerDatabase(WorkbenchError):
    """The portfolio was written by a newer version of the workbench."""


class CorruptDatabase(WorkbenchError):
    """The portfolio's database file cannot be read."""


class NotAPortfolio(WorkbenchError):
    """The folder holds no portfolio."""


class FrameworkError(WorkbenchError):
    """A framework file cannot be imported."""


class PermissionDenied(WorkbenchError):
    """The acting person's role does not allow the change."""


class NotFound(WorkbenchError):
    """A record that was asked for does not exist."""


class ValidationError(WorkbenchError):
    """A value given by the user is not acceptable."""


class FrozenSnapshot(WorkbenchError):
    """Ratings of an earlier snapshot are kept as they were."""


class EvidenceError(WorkbenchError):
    """An evidence file cannot be stored or read."""


class PackageError(WorkbenchError):
    """An exchange package is refused."""


class IncompletePackage(PackageError):
    """A package file that stops short: still being copied, or cut off."""


class SyncFolderUnavailable(WorkbenchError):
    """The sync folder cannot be found or listed (a drive unplugged, a share offline)."""


class DocxError(WorkbenchError):
    """A Word document cannot be read or written."""


class StorageError(WorkbenchError):
    """The portfolio's database could not be written (disk full, read-only, busy)."""


class UnconfirmedKey(PackageError):
    """A package signed with a key this user has not confirmed for its sender.

    ``changed`` is true when another key was confirmed for them before. The
    import goes ahead only when called again with ``confirmed_key`` equal to
    ``public_key``, after the user compared ``fingerprint`` with the sender.
    """

    def __init__(
        self,
        message: str,
        *,
        sender: str,
        sender_name: str,
        sender_role: str,
        public_key: str,
        fingerprint: str,
        changed: bool,
        previous_fingerprint: str = "",
    ):
        super().__init__(message)
        self.sender = sender
        self.sender_name = sender_name
        self.sender_role = sender_role
        self.public_key = public_key
        self.fingerprint = fingerprint
        self.changed = changed
        self.previous_fingerprint = previous_fingerprint


class IdentityUnreadable(WorkbenchError):
    """The user's identity file exists but cannot be read."""


class IdentityTaken(WorkbenchError):
    """This computer already has another identity than the one asked for."""


class SubmissionError(WorkbenchError):
    """The submission bundle cannot be made where it was asked for."""
