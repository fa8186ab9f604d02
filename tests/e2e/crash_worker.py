"""A child process that keeps saving work and reports each save once committed.

Run by test_crash_safety.py, which kills it with SIGKILL at random moments.
Each line on stdout names something that is on disk for certain.

``crash_worker.py unpack FILE FOLDER`` instead opens one package into a
portfolio folder (test_unpack_kill.py): it says "ready" once everything is
imported, so the kill lands in the work itself, and "done" at the end.
"""

import os
import sys
from pathlib import Path

from workbench.evidence.files import add_file
from workbench.matrix import ratings as matrix
from workbench.statement import comments, drafts
from workbench.store.portfolios import MENTEE, MENTOR, open_portfolio, person_with_role


def main(root: str, first: int) -> None:
    opened = open_portfolio(root, holder="crash worker")
    portfolio = opened.portfolio
    mentee = person_with_role(portfolio, MENTEE)
    mentor = person_with_role(portfolio, MENTOR)
    snapshot = matrix.latest_snapshot(portfolio)
    skills = [r.skill for r in matrix.matrix_rows(snapshot)]
    sources = Path(root).parent / "sources"
    sources.mkdir(exist_ok=True)
    step = first
    while True:
        kind = step % 4
        if kind == 0:
            skill = skills[step % len(skills)]
            matrix.set_rating(snapshot, matrix.Skill.get_by_id(skill), mentee, note=f"note {step}")
            print(f"rating {skill} {step}", flush=True)
        elif kind == 1:
            view = comments.comment_on(portfolio, mentor, "skill", skills[0], f"comment {step}")
            print(f"comment {view.uuid}", flush=True)
        elif kind == 2:
            drafts.save_working_copy(portfolio, mentee, f"statement text {step}")
            print(f"text {step}", flush=True)
        else:
            source = sources / f"evidence-{step}.txt"
            # the process id keeps contents unique when a killed run's last step is redone
            line = f"evidence {step} of process {os.getpid()}\n"
            source.write_bytes(line.encode() * (step % 50 + 1))
            item = add_file(opened, mentee, source)
            print(f"evidence {item.uuid}", flush=True)
        step += 1


def unpack_main(package: str, root: str) -> None:
    from workbench.exchange.copies import unpack
    from workbench.store.identity import load_identity

    identity = load_identity()
    print("ready", flush=True)
    unpack(package, identity, root)
    print("done", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "unpack":
        unpack_main(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], int(sys.argv[2]))
