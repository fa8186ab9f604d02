"""The sync folder's state in the status bar: unavailable or read-only is said once and shown
while it lasts, syncing resumes by itself when the folder is back, and a file still arriving
is a calm line. Never a dialog."""

from __future__ import annotations

from tests.ui.sharing.test_sync_folder import dialogs, open_with_folder, run_pass  # noqa: F401
from tests.workbench.exchange.support import Two
from tests.workbench.exchange.test_sync import make_read_only, mentor_writes
from workbench.statement import drafts
from workbench.store.models import MentorRating


def started(tmp_path, monkeypatch, name: str):
    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio()
    folder = tmp_path / name
    folder.mkdir()
    return two, folder


def test_an_unavailable_folder_is_shown_and_syncing_resumes_when_it_returns(
    qtbot,
    window,
    tmp_path,
    monkeypatch,
    dialogs,  # noqa: F811
):
    two, folder = started(tmp_path, monkeypatch, "USB stick")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    package = mentor_writes(two, elsewhere)  # written before the mentee opens their portfolio
    controller = open_with_folder(qtbot, window, two, folder)
    notice = controller.folder_notice
    assert not notice.isVisible()
    away = folder.with_name("USB stick (unplugged)")
    folder.rename(away)
    assert run_pass(qtbot, controller, controller.read_now) is None
    assert notice.isVisible() and notice.text() == "Sync folder unavailable"
    assert "Your work is safe here" in notice.toolTip() and str(folder) in notice.toolTip()
    status = window.statusBar().currentMessage()
    assert "USB stick cannot be found" in status and "Is the drive" in status
    assert controller.retry_timer.isActive()
    window.statusBar().clearMessage()
    run_pass(qtbot, controller, controller.sync_now)  # still away: nothing said again
    assert window.statusBar().currentMessage() == "" and notice.isVisible()
    # While it was away the mentor's package arrived in it; it comes back.
    away.rename(folder)
    (folder / package.name).write_bytes(package.read_bytes())
    controller.retry_timer.setInterval(20)
    controller.retry_timer.start()
    with qtbot.waitSignal(
        controller.pass_finished, timeout=10_000, check_params_cb=lambda r: r is not None
    ):
        pass
    assert not notice.isVisible() and not controller.retry_timer.isActive()
    status = window.statusBar().currentMessage()
    assert status.startswith("Sync: the sync folder is available again;")
    assert "from Morgan Mentor" in status
    assert MentorRating.select().count() == 1
    assert dialogs == []


def test_a_read_only_folder_is_shown_until_it_can_be_written_again(
    qtbot,
    window,
    tmp_path,
    monkeypatch,
    dialogs,  # noqa: F811
):
    two, folder = started(tmp_path, monkeypatch, "Network share")
    controller = open_with_folder(qtbot, window, two, folder)
    notice = controller.folder_notice
    session = window.session
    with monkeypatch.context() as patch:
        make_read_only(folder, patch)
        drafts.save_working_copy(session.portfolio, session.actor, "New words.")
        drafts.send_for_review(session.portfolio, session.actor)
        run_pass(qtbot, controller, controller.write_now)
        assert notice.isVisible() and notice.text() == "Sync folder read-only"
        assert "your partner's changes still arrive" in notice.toolTip()
        assert "is read-only here" in window.statusBar().currentMessage()
        window.statusBar().clearMessage()
        run_pass(qtbot, controller, controller.write_now)  # told once; the notice stays
        assert window.statusBar().currentMessage() == "" and notice.isVisible()
    folder.chmod(0o755)
    run_pass(qtbot, controller, controller.write_now)
    assert not notice.isVisible()
    status = window.statusBar().currentMessage()
    assert status.startswith("Sync: the sync folder can be written again;")
    assert "your changes were written to the sync folder" in status
    assert dialogs == []


def test_a_file_still_arriving_is_a_calm_line_and_is_read_once_complete(
    qtbot,
    window,
    tmp_path,
    monkeypatch,
    dialogs,  # noqa: F811
):
    two, folder = started(tmp_path, monkeypatch, "Dropbox")
    package = mentor_writes(two, folder)
    data = package.read_bytes()
    package.write_bytes(data[: len(data) // 2])
    two.as_mentee()
    controller = open_with_folder(qtbot, window, two, folder)
    status = window.statusBar().currentMessage()
    assert f"{package.name} is still arriving in the sync folder" in status
    assert "damaged" not in status and not controller.folder_notice.isVisible()
    package.write_bytes(data)
    run_pass(qtbot, controller, controller.read_now)
    assert "from Morgan Mentor" in window.statusBar().currentMessage()
    assert MentorRating.select().count() == 1
    assert dialogs == []
