"""Shared pieces of the exchange tests: two people on one computer, each with a data folder.

Each person's identity and key live under their own ``XDG_DATA_HOME``; ``Two.be``
switches who "this computer's user" is, as running the app with another data
folder would.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from workbench.exchange import known_keys
from workbench.frameworks.library import builtin_framework, install_framework
from workbench.matrix.ratings import begin_snapshot, framework_skills, set_mentor_rating, set_rating
from workbench.store import db, keys
from workbench.store.identity import Identity, create_identity
from workbench.store.models import Person, shared_models
from workbench.store.portfolios import create_portfolio, ensure_person, open_portfolio


class Two:
    """A mentee and a mentor, each with a data folder and a portfolio folder."""

    def __init__(self, tmp_path: Path, monkeypatch, introduce: bool = True):
        self.tmp = tmp_path
        self.monkeypatch = monkeypatch
        self.mentee = self.be("Casey Mentee")
        self.mentor = self.be("Morgan Mentor")
        self.mentee_root = tmp_path / "casey-portfolio"
        self.mentor_root = tmp_path / "morgan-copy"
        if introduce:
            self.introduce()

    def introduce(self) -> None:
        """Each confirms the other's key, as two people comparing fingerprints by phone."""
        public = {}
        for become in (self.as_mentee, self.as_mentor):
            person = become()
            public[person.uuid] = (person.name, keys.my_public_key())
        for become in (self.as_mentee, self.as_mentor):
            person = become()
            for uuid, (name, key) in public.items():
                if uuid != person.uuid:
                    known_keys.remember_key(uuid, key, name)

    def be(self, name: str) -> Identity:
        folder = self.tmp / name.split()[0].lower() / "data"
        self.monkeypatch.setenv("XDG_DATA_HOME", str(folder))
        return create_identity(name)

    def as_mentee(self) -> Identity:
        return self.be("Casey Mentee")

    def as_mentor(self) -> Identity:
        return self.be("Morgan Mentor")

    @contextmanager
    def open(self, root: Path, identity: Identity):
        with open_portfolio(root, holder=identity.name) as opened:
            yield opened, Person.get_by_id(identity.uuid)

    def start_mentee_portfolio(self, ratings: int = 5) -> None:
        identity = self.as_mentee()
        with create_portfolio(
            self.mentee_root, identity, route="chartership", mentor_name="Morgan Mentor"
        ) as opened:
            me = ensure_person(identity)
            opened.portfolio.framework = install_framework(builtin_framework(), me)
            opened.portfolio.save()
            snapshot = begin_snapshot(opened.portfolio, me, "start")
            for skill in framework_skills(opened.portfolio)[:ratings]:
                set_rating(snapshot, skill, me, current=1, target=3)


def dump_shared(root: Path, author: str | None = None) -> dict:
    """Every shared record of a portfolio folder (or one author's), as plain data."""
    with open_portfolio(root, holder="test") as _opened:
        return {
            m._meta.table_name: sorted(
                tuple(sorted((k, str(v)) for k, v in row.items()))
                for row in m.select().where(m.author == author if author else True).dicts()
            )
            for m in shared_models()
        }


def rate_as_mentor(root: Path, identity: Identity, value: int = 2) -> None:
    with open_portfolio(root, holder=identity.name) as opened:
        mentor = Person.get_by_id(identity.uuid)
        from workbench.matrix.ratings import latest_snapshot

        snapshot = latest_snapshot(opened.portfolio)
        skill = framework_skills(opened.portfolio)[0]
        set_mentor_rating(snapshot, skill, mentor, value, "Seen at our meeting.")


def database_is_closed() -> bool:
    return db.database.is_closed()
