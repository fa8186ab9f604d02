"""Thousands of mutated packages: each is accepted or refused with a WorkbenchError.

Every mutant starts from one real signed package and goes through
``import_package``, the function the app calls to open a package into the
open portfolio. A refusal must leave the portfolio exactly as it was. The
mutations are drawn from a seeded ``random.Random`` so a failure can be
replayed by its seed and number.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from tests.workbench.exchange.test_bad_packages import Scene
from workbench.errors import WorkbenchError
from workbench.exchange.apply import import_package
from workbench.store import keys
from workbench.store.models import Person, shared_models
from workbench.store.portfolios import open_portfolio

SEED = 20250102
MUTANTS = 2_000


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(entries: list[tuple[str, bytes]], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicated names are one of the mutations
        with zipfile.ZipFile(out, "w", method) as zf:
            for name, content in entries:
                zf.writestr(name, content)
    return out.getvalue()


class Mutator:
    """Ways of damaging one package, raw bytes or zip structure or signed content."""

    def __init__(self, data: bytes, key, rng: random.Random):
        self.data, self.key, self.rng = data, key, rng
        self.entries = _entries(data)
        self.ways = [
            self.flip_bits, self.truncate, self.rename_entry, self.change_entry_count,
            self.change_local_sizes, self.change_method, self.add_extra_field,
            self.duplicate_entry, self.nested_records, self.resigned_manifest,
            self.resigned_records, self.garbage_tail,
        ]  # fmt: skip

    def mutant(self) -> bytes:
        return self.rng.choice(self.ways)()

    def _headers(self, signature: bytes) -> list[int]:
        found, at = [], self.data.find(signature)
        while at != -1:
            found.append(at)
            at = self.data.find(signature, at + 1)
        return found

    def _put(self, data: bytes, at: int, value: bytes) -> bytes:
        return data[:at] + value + data[at + len(value) :]

    def flip_bits(self) -> bytes:
        data = bytearray(self.data)
        for _ in range(self.rng.randint(1, 8)):
            data[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
        return bytes(data)

    def truncate(self) -> bytes:
        return self.data[: self.rng.randrange(len(self.data))]

    def rename_entry(self) -> bytes:
        at = self.rng.choice(self._headers(b"PK\x01\x02"))
        name = self.rng.choice([b"../x", b"/etc", b"a\\b", b"blobs/", b"records.jsonm"])
        return self._put(self.data, at + 46, name[:13])

    def change_entry_count(self) -> bytes:
        at = self.data.rfind(b"PK\x05\x06")
        count = struct.pack("<H", self.rng.choice([0, 1, 2, 7, 0xFFFF, self.rng.randrange(65536)]))
        return self._put(self.data, at + self.rng.choice([8, 10]), count)

    def change_local_sizes(self) -> bytes:
        at = self.rng.choice(self._headers(b"PK\x03\x04"))
        size = struct.pack("<L", self.rng.choice([0, 1, 0xFFFFFFFF, self.rng.randrange(2**32)]))
        return self._put(self.data, at + self.rng.choice([18, 22, 26]), size)

    def change_method(self) -> bytes:
        header = self.rng.choice([b"PK\x03\x04", b"PK\x01\x02"])
        at = self.rng.choice(self._headers(header))
        method = struct.pack("<H", self.rng.choice([1, 9, 12, 14, 93, 99, self.rng.randrange(99)]))
        return self._put(self.data, at + (8 if header == b"PK\x03\x04" else 10), method)

    def add_extra_field(self) -> bytes:
        at = self.rng.choice(self._headers(b"PK\x01\x02"))
        length = struct.pack("<H", self.rng.choice([4, 20, 0xFFFF]))
        return self._put(self.data, at + 30, length)

    def duplicate_entry(self) -> bytes:
        name = self.rng.choice(sorted(self.entries))
        entries = list(self.entries.items()) + [(name, self.entries[name][::-1])]
        return _zip(entries, self.rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))

    def _signed(self, manifest: dict, records: bytes | None = None) -> bytes:
        entries = dict(self.entries)
        if records is not None:
            entries["records.jsonl"] = records
        data = json.dumps(manifest).encode()
        entries["manifest.json"] = data
        entries["signature"] = keys.sign_with(self.key, data).encode()
        return _zip(list(entries.items()))

    def _listed(self, records: bytes) -> dict:
        manifest = json.loads(self.entries["manifest.json"])
        for entry in manifest["entries"]:
            if entry["path"] == "records.jsonl":
                entry.update(size=len(records), sha256=hashlib.sha256(records).hexdigest())
        manifest["record_count"] = len([line for line in records.split(b"\n") if line.strip()])
        return manifest

    def nested_records(self) -> bytes:
        depth = self.rng.choice([1_000, 100_000])
        records = self.rng.choice([b"[", b'{"a":']) * depth + b"\n"
        return self._signed(self._listed(records), records)

    def resigned_manifest(self) -> bytes:
        manifest = json.loads(self.entries["manifest.json"])
        key = self.rng.choice(sorted(manifest))
        value = self.rng.choice(
            [None, 0, -1, 2**64, 1.5, True, "", "x" * 300, "a\nb", [], {}, [{}], "\u202e"]
        )
        if self.rng.random() < 0.2:
            del manifest[key]
        else:
            manifest[key] = value
        return self._signed(manifest)

    def resigned_records(self) -> bytes:
        lines = self.entries["records.jsonl"].split(b"\n")
        number = self.rng.randrange(len(lines))
        line = bytearray(lines[number])
        for _ in range(self.rng.randint(1, 4)):
            if line:
                line[self.rng.randrange(len(line))] = self.rng.randrange(256)
        lines[number] = bytes(line)
        records = b"\n".join(lines)
        return self._signed(self._listed(records), records)

    def garbage_tail(self) -> bytes:
        return self.data + self.rng.randbytes(self.rng.randint(1, 70_000))


def _dump() -> list:
    return [list(m.select().tuples().order_by(m.uuid)) for m in shared_models()]


@pytest.mark.slow  # about 25 s on two cores
def test_mutated_packages_are_accepted_or_refused_cleanly_and_refusals_change_nothing(
    tmp_path, monkeypatch
):
    scene = Scene(tmp_path, monkeypatch)
    mutator = Mutator(scene.base.read_bytes(), scene.mentee_key, random.Random(SEED))
    identity = scene.two.as_mentor()
    path = Path(tmp_path / "mutant.wbpack")
    outcomes = {"accepted": 0, "refused": 0}
    with open_portfolio(scene.two.mentor_root, holder=identity.name) as opened:
        me = Person.get_by_id(identity.uuid)
        before = _dump()
        for number in range(MUTANTS):
            path.write_bytes(mutator.mutant())
            try:
                import_package(opened, me, path)
            except WorkbenchError:
                outcomes["refused"] += 1
                assert _dump() == before, f"mutant {number} (seed {SEED}) changed the portfolio"
            except Exception as exc:  # noqa: BLE001 - the point of the test
                raise AssertionError(
                    f"mutant {number} (seed {SEED}) raised {type(exc).__name__}: {exc}"
                ) from exc
            else:
                outcomes["accepted"] += 1
                before = _dump()
    assert outcomes["refused"] > MUTANTS // 2
