"""Two real Syncthing daemons on this computer, sharing one folder over loopback.

Used by the Syncthing end-to-end test and by ``bench/sync.py``. Each daemon has
its own home (keys, config, database) and its own ports on 127.0.0.1; global
and local discovery, relays, NAT traversal, usage and crash reporting and
upgrades are off, so nothing leaves the computer. The two devices know each
other by id, one dialling the other at its static ``tcp://127.0.0.1:PORT``
address, and share one folder
(the file-system watcher on, a short rescan interval, and ``scan`` to ask for
a rescan at once). ``pair`` starts both and always stops both.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

FOLDER_ID = "workbench-sync"
BINARY = shutil.which("syncthing")
START_SECONDS = 30  # to answer on the REST API and to connect to the other daemon

OFF = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "reconnectionIntervalS": "1",
    "restartOnWakeup": "false",
}


def available() -> bool:
    return BINARY is not None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check: Callable[[], object], seconds: float, what: str, step: float = 0.05):
    """Poll ``check`` until it returns something true, or fail naming ``what``."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"Syncthing: {what} within {seconds:.0f} s")
        time.sleep(step)


def sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class Daemon:
    """One Syncthing instance: its home, its ports, its API key and its process."""

    def __init__(self, home: Path, name: str, folder: Path):
        self.home = home
        self.name = name
        self.folder = folder
        self.api_key = secrets.token_urlsafe(24)
        self.gui_port = free_port()
        self.listen_port = free_port()
        self.process: subprocess.Popen | None = None
        home.mkdir(parents=True, exist_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".stfolder").mkdir(exist_ok=True)  # the marker Syncthing looks for
        subprocess.run(
            [BINARY, "generate", f"--home={home}", "--no-default-folder"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.device_id = ET.parse(home / "config.xml").getroot().find("device").get("id")

    def configure(self, peer: Daemon, dials: bool) -> None:
        """Loopback only, nothing reported, one shared folder; if ``dials``, the peer's address.

        Only one of the two daemons dials the other: when both dial at once, Syncthing
        (1.19) can hold both connections in their hello exchange until its 20 s
        timeout, again and again. The other knows its peer as "dynamic", which with
        discovery off is no address at all: it waits to be called."""
        config = self.home / "config.xml"
        tree = ET.parse(config)
        root = tree.getroot()
        me = root.find("device")
        me.set("name", self.name)
        gui = root.find("gui")
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"
        gui.find("apikey").text = self.api_key
        options = root.find("options")
        options.find("listenAddress").text = f"tcp://127.0.0.1:{self.listen_port}"
        for key, value in OFF.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        other = ET.SubElement(root, "device", id=peer.device_id, name=peer.name)
        other.set("compression", "never")
        address = f"tcp://127.0.0.1:{peer.listen_port}" if dials else "dynamic"
        ET.SubElement(other, "address").text = address
        folder = ET.Element(
            "folder",
            id=FOLDER_ID,
            label="Workbench",
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="5",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for device in (self.device_id, peer.device_id):
            ET.SubElement(folder, "device", id=device)
        ET.SubElement(folder, "maxConflicts").text = "10"  # keep conflict copies, as by default
        root.insert(list(root).index(gui), folder)
        tree.write(config)

    def start(self) -> None:
        log = open(self.home / "syncthing.log", "wb")  # noqa: SIM115 - the daemon writes to it
        env = {**os.environ, "STNORESTART": "1", "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1"}
        env.pop("http_proxy", None)
        env.pop("https_proxy", None)
        with log:
            self.process = subprocess.Popen(
                [
                    BINARY,
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--logflags=6",  # times to the microsecond, to read a slow run
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # its own process group, stopped as one
            )

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def log_tail(self, lines: int = 12) -> str:
        try:
            text = (self.home / "syncthing.log").read_text(errors="replace")
        except OSError:
            return f"{self.name}: no log"
        return "\n".join([f"{self.name}'s last log lines:", *text.splitlines()[-lines:]])

    # The REST API -------------------------------------------------------------------

    def rest(self, method: str, path: str, body: object = None, timeout: float = 5):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text.strip() else None

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"Syncthing {self.name} exited.\n{self.log_tail()}")
        try:
            return self.rest("GET", "/rest/system/ping", timeout=1) == {"ping": "pong"}
        except (OSError, urllib.error.URLError, ValueError):
            return False

    def wait_ready(self, seconds: float = START_SECONDS) -> None:
        wait_for(self._answers, seconds, f"{self.name} answering on its REST API", 0.1)

    def connected_to(self, peer: Daemon) -> bool:
        connections = self.rest("GET", "/rest/system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def scan(self) -> None:
        """Ask for a rescan of the shared folder now (the watcher would, a second later)."""
        self.rest("POST", f"/rest/db/scan?folder={FOLDER_ID}")

    def idle(self) -> bool:
        status = self.rest("GET", f"/rest/db/status?folder={FOLDER_ID}")
        return status.get("state") == "idle" and not status.get("needFiles")

    def pause(self, peer: Daemon) -> None:
        """Stop talking to ``peer`` (as when one computer is offline)."""
        self.rest("PATCH", f"/rest/config/devices/{peer.device_id}", {"paused": True})

    def resume(self, peer: Daemon) -> None:
        self.rest("PATCH", f"/rest/config/devices/{peer.device_id}", {"paused": False})

    def scanned(self) -> bool:
        return self.rest("GET", f"/rest/db/status?folder={FOLDER_ID}").get("state") == "idle"


class Pair:
    """Two daemons sharing one folder: ``a.folder`` and ``b.folder`` hold the same files."""

    def __init__(self, a: Daemon, b: Daemon):
        self.a, self.b = a, b

    def carry(self, path: Path, seconds: float = 30) -> Path:
        """Wait until the file written at ``path`` (in one folder) is in the other, identical."""
        source, target = (self.a, self.b) if path.parent == self.a.folder else (self.b, self.a)
        want = sha256(path)
        source.scan()
        there = target.folder / path.name
        wait_for(lambda: sha256(there) == want, seconds, f"{path.name} carried to {target.name}")
        return there

    def wait_gone(self, name: str, seconds: float = 30) -> None:
        wait_for(
            lambda: not (self.a.folder / name).exists() and not (self.b.folder / name).exists(),
            seconds,
            f"{name} removed on both sides",
        )

    def offline(self) -> None:
        """The two computers stop seeing each other; each keeps its own changes."""
        self.a.pause(self.b)
        self.b.pause(self.a)
        wait_for(
            lambda: not self.a.connected_to(self.b) and not self.b.connected_to(self.a),
            START_SECONDS,
            "disconnecting",
        )

    def online(self) -> None:
        """Each scans what changed while apart, then they meet again."""
        for daemon in (self.a, self.b):
            daemon.scan()
        wait_for(lambda: self.a.scanned() and self.b.scanned(), START_SECONDS, "scanning")
        self.a.resume(self.b)
        self.b.resume(self.a)
        wait_for(
            lambda: self.a.connected_to(self.b) and self.b.connected_to(self.a),
            START_SECONDS,
            "reconnecting",
        )

    def settled(self, seconds: float = 30) -> None:
        """Both daemons scanned and hold nothing they still need."""
        self.a.scan()
        self.b.scan()
        wait_for(lambda: self.a.idle() and self.b.idle(), seconds, "both folders in sync", 0.1)


@contextlib.contextmanager
def pair(work: Path, folder_a: Path, folder_b: Path) -> Iterator[Pair]:
    """Start two connected daemons sharing ``folder_a`` with ``folder_b``; stop both after."""
    a = Daemon(work / "syncthing-a", "mentee-laptop", folder_a)
    b = Daemon(work / "syncthing-b", "mentor-desktop", folder_b)
    a.configure(b, dials=False)
    b.configure(a, dials=True)
    try:
        a.start()
        a.wait_ready()  # listening, so that b's first call is answered
        b.start()
        b.wait_ready()
        wait_for(lambda: a.connected_to(b) and b.connected_to(a), START_SECONDS, "connecting")
        yield Pair(a, b)
    except TimeoutError as error:  # what each daemon last said, to read a failed run
        raise TimeoutError(f"{error}\n{a.log_tail()}\n{b.log_tail()}") from error
    finally:
        a.stop()
        b.stop()
