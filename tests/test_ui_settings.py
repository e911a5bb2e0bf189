"""Settings: the hub's secret goes to the keyring (an in-memory backend here), never to a file;
language and sounds apply at once."""

from __future__ import annotations

import json
import queue
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dispense_app.ui import i18n
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.settings_model import StationSettings, UiPreferences, load_ui_preferences
from dispense_app.ui.settings_view import SettingsView

pytestmark = pytest.mark.gui
SECRET = "s3cr3t-value-never-in-files"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CounterWindow]:
    from tests.test_ui_counter_window import ScriptedPresenter

    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    w = CounterWindow(ScriptedPresenter(), poll_status=False, settings=StationSettings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    i18n.install_translators(qapp, "en")


def open_settings(qtbot: QtBot, w: CounterWindow) -> SettingsView:
    qtbot.keyClick(w, Qt.Key.Key_F10)
    view = w.settings_window
    assert view is not None
    qtbot.waitUntil(lambda: view.form is not None or view.hub_message.text() != "", timeout=10_000)
    return view


def test_hub_secret_goes_to_the_keyring_only(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    view = open_settings(qtbot, window)
    view.hub_url.setText("https://hub.example.org/")
    view.location_id.setText("PHARMACY-7")
    view.client_id.setText("station-7")
    view.client_secret.setText(SECRET)
    with qtbot.waitSignal(view.hub_saved, timeout=10_000) as blocker:
        view.save_hub_button.click()
    assert blocker.args is not None and blocker.args[0].has_secret
    stored = json.loads((tmp_path / "hub.json").read_text(encoding="utf-8"))
    assert stored["url"] == "https://hub.example.org/" and stored["client_id"] == "station-7"
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(SECRET not in p.read_text(encoding="utf-8", errors="replace") for p in files)
    assert SECRET in memory_keyring.store.values()
    assert view.client_secret.text() == ""  # not kept in the field either
    assert "keyring" in view.client_secret.placeholderText()


def test_no_keyring_means_nothing_is_written(qtbot: QtBot, window: CounterWindow, tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        view = open_settings(qtbot, window)
        view.hub_url.setText("https://hub.example.org/")
        view.client_id.setText("station-7")
        view.client_secret.setText(SECRET)
        with qtbot.waitSignal(view.failed, timeout=10_000):
            view.save_hub_button.click()
        assert "keyring" in view.hub_message.text()
        assert not (tmp_path / "hub.json").exists()
    finally:
        keyring.set_keyring(previous)


def test_bad_url_is_refused(qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    view = open_settings(qtbot, window)
    view.hub_url.setText("ftp://hub.example.org/")
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.save_hub_button.click()
    assert not (tmp_path / "hub.json").exists()


def test_language_and_sounds_apply_at_once_and_are_kept(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    view = open_settings(qtbot, window)
    view.language.setCurrentIndex(view.language.findData("de"))
    view.sounds.setChecked(False)
    with qtbot.waitSignal(view.ui_saved, timeout=10_000):
        view.save_ui_button.click()
    assert window.dispense_button.text() == "Abgeben (F9)"
    assert view.save_hub_button.text() == "Hub speichern"
    assert view.ui_message.text() == "Gespeichert und angewendet." and view.scanner_message.text() == ""
    prefs = load_ui_preferences(tmp_path)
    assert prefs.language == "de" and prefs.sounds is False


# --------------------------------------------------------------------- certificates, scanner, serial

def test_certificate_paths_in_hub_json_and_passphrase_in_keyring_only(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    cert = tmp_path / "client.pem"
    cert.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    view = open_settings(qtbot, window)
    view.hub_url.setText("https://hub.example.org/")
    view.client_id.setText("station-7")
    view.ca_bundle.setText(str(ca))
    view.client_cert.setText(str(cert))
    view.cert_passphrase.setText("pass-" + SECRET)
    with qtbot.waitSignal(view.hub_saved, timeout=10_000) as blocker:
        view.save_hub_button.click()
    assert blocker.args is not None and blocker.args[0].has_passphrase
    stored = json.loads((tmp_path / "hub.json").read_text(encoding="utf-8"))
    assert stored["ca_bundle"] == str(ca) and stored["client_cert"] == str(cert)
    assert "pass-" + SECRET in memory_keyring.store.values()
    assert any(user.startswith("cert-passphrase:") for _svc, user in memory_keyring.store)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(SECRET not in p.read_text(encoding="utf-8", errors="replace") for p in files)
    assert view.cert_passphrase.text() == ""
    assert view.ca_bundle.text() == str(ca)  # shown again after the reload


def test_a_missing_certificate_file_is_refused(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    view = open_settings(qtbot, window)
    view.hub_url.setText("https://hub.example.org/")
    view.client_id.setText("station-7")
    view.client_cert.setText(str(tmp_path / "nowhere.pem"))
    view.cert_passphrase.setText(SECRET)
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.save_hub_button.click()
    assert "does not exist" in view.hub_message.text()
    assert not (tmp_path / "hub.json").exists()
    assert memory_keyring.store == {}


def test_no_keyring_is_said_when_the_settings_open(qtbot: QtBot, window: CounterWindow) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        qtbot.keyClick(window, Qt.Key.Key_F10)
        view = window.settings_window
        assert view is not None
        qtbot.waitUntil(lambda: "password store" in view.hub_message.text(), timeout=10_000)
        assert "bold" in view.hub_message.styleSheet()  # shown as an error, before anyone types a secret
        # plain words (issue 15 finding 9: "found keyring.backends.fail.Keyring"); the detail in the tooltip
        assert "keyring.backends" not in view.hub_message.text() and "Ask your IT" in view.hub_message.text()
        assert "keyring" in view.hub_message.toolTip()
    finally:
        keyring.set_keyring(previous)


def test_scanner_settings_are_kept(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    view = open_settings(qtbot, window)
    view.wedge_gap.setValue(45)
    view.wedge_min_chars.setValue(6)
    view.wedge_suffix.setCurrentIndex(view.wedge_suffix.findData("tab"))
    view.serial_port.setEditText("/dev/ttyACM0")
    view.serial_baud.setCurrentIndex(view.serial_baud.findData(115200))
    view.camera_index.setValue(2)
    with qtbot.waitSignal(view.ui_saved, timeout=10_000):
        view.save_scanner_button.click()
    # said in the scanner tab, where the button is (it used to land in the hub tab, out of sight)
    assert "camera" in view.scanner_message.text() and view.scanner_message.isVisibleTo(view.scanner_box)
    assert view.hub_message.text() == "" or "Saved" not in view.hub_message.text()
    prefs = load_ui_preferences(tmp_path)
    assert (prefs.wedge_gap_ms, prefs.wedge_min_chars, prefs.wedge_suffix) == (45.0, 6, "tab")
    assert (prefs.serial_port, prefs.serial_baud, prefs.camera_index) == ("/dev/ttyACM0", 115200, 2)
    config = prefs.wedge_config()
    assert (config.max_gap_ms, config.min_burst, config.suffix) == (45.0, 6, "tab")
    serial = prefs.serial_settings()
    assert serial is not None and (serial.port, serial.baudrate, serial.suffix) == ("/dev/ttyACM0", 115200, "tab")
    # a second view reads them back
    other = SettingsView(StationSettings(tmp_path), window.runner)
    qtbot.addWidget(other)
    other.load()
    assert other.wedge_gap.value() == 45 and other.serial_port.currentText() == "/dev/ttyACM0"
    assert other.wedge_suffix.currentData() == "tab" and other.camera_index.value() == 2


def test_hand_edited_scanner_values_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "ui.json").write_text(
        json.dumps({"language": "de", "sounds": False, "wedge_gap_ms": -5, "wedge_suffix": "beep",
                    "serial_baud": True}), encoding="utf-8")
    prefs = load_ui_preferences(tmp_path)
    assert prefs.language == "de" and prefs.sounds is False
    assert prefs.wedge_gap_ms == 30.0 and prefs.wedge_suffix == "enter" and prefs.serial_baud == 9600
    assert prefs.serial_settings() is None
    with pytest.raises(ValueError):
        StationSettings(tmp_path).save_ui(UiPreferences(serial_baud=1234))


class FakePort:
    """A serial port that hands out the queued bytes, then times out like pyserial (b"")."""

    def __init__(self, data: bytes) -> None:
        self.chunks: queue.Queue[bytes] = queue.Queue()
        self.chunks.put(data)
        self.closed = False

    @property
    def in_waiting(self) -> int:
        return 0

    def read(self, size: int = 1) -> bytes:
        try:
            return self.chunks.get(timeout=0.05)  # the port's read timeout
        except queue.Empty:
            return b""

    def close(self) -> None:
        self.closed = True


def test_serial_scanner_feeds_the_same_scan_flow(qtbot: QtBot, window: CounterWindow) -> None:
    from dispense_app.ui.serial_scanner import SerialScanSource
    from scanner.scan_event import ScanSource
    from scanner.serial_reader import SerialSettings

    port = FakePort(b"good\r")
    source = SerialScanSource(SerialSettings(port="/dev/fake0", suffix="cr"), opener=lambda _s: port, parent=window)
    window.attach_scanner(source.scanned)
    source.status_changed.connect(window.show_serial_status)
    try:
        with qtbot.waitSignal(source.scanned, timeout=10_000) as blocker:
            source.start()
        event = blocker.args[0] if blocker.args else None
        assert event is not None and event.raw == b"good" and event.source == ScanSource.SERIAL
        qtbot.waitUntil(lambda: window.last_result is not None, timeout=10_000)
        assert window.last_result is not None and window.last_result.may_dispense
        assert "/dev/fake0" in window.statusBar().currentMessage()
    finally:
        source.stop()


def test_wedge_timing_and_suffix_apply_at_once(
    qtbot: QtBot, window: CounterWindow, qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    from dispense_app.ui.wedge_capture import WedgeCapture
    from scanner.wedge import key_events_for
    from tests.test_ui_wedge_capture import send

    wedge = WedgeCapture(parent=window)
    wedge.install(qapp)
    window.wedge = wedge
    try:
        view = open_settings(qtbot, window)
        view.wedge_gap.setValue(45)
        view.wedge_suffix.setCurrentIndex(view.wedge_suffix.findData("tab"))
        with qtbot.waitSignal(view.ui_saved, timeout=10_000):
            view.save_scanner_button.click()
        config = wedge.assembler.config
        assert (config.max_gap_ms, config.suffix) == (45.0, "tab")
        # a scanner with the Tab suffix and 40 ms between keys (too slow for the default 30 ms) is a scan
        with qtbot.waitSignal(wedge.scanned, timeout=10_000) as blocker:
            send(window.pack_list, key_events_for("0104150123456782", start_ms=5_000.0, gap_ms=40, suffix="tab"))
        assert blocker.args is not None and blocker.args[0].raw == b"0104150123456782"
        assert blocker.args[0].terminator == "tab"
    finally:
        wedge.uninstall()


def test_closing_with_unsaved_edits_asks_first(qtbot: QtBot, window: CounterWindow,
                                               memory_keyring: MemoryKeyring) -> None:
    """Issue 15 finding 15: unsaved edits vanished without a word when the settings closed."""
    from PySide6.QtWidgets import QMessageBox

    view = open_settings(qtbot, window)
    view.close()  # nothing edited: closes at once
    assert not view.isVisible()
    with qtbot.waitSignal(view.hub_loaded, timeout=10_000):
        window.open_settings()
    assert view.isVisible()
    view.location_id.setText("PHARMACY-7")  # hub tab
    view.sounds.setChecked(not view.sounds.isChecked())  # window tab
    view.close()
    assert view.isVisible()  # not closed: it asks
    box = view.unsaved_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert view.tabs.tabText(0) in box.text() and view.tabs.tabText(2) in box.text()
    assert view.tabs.tabText(1) not in box.text()  # the scanner tab was not touched
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default keeps editing
    assert view.isVisible() and view.location_id.text() == "PHARMACY-7"
    with qtbot.waitSignal(view.ui_saved, timeout=10_000):
        view.save_ui()  # the window tab saved: only the hub tab is left
    assert view.unsaved.changed() == ["hub"]
    view.close()
    box = view.unsaved_dialog
    next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole).click()
    assert not view.isVisible()


def test_training_hub_tab_names_the_simulated_hub(
    task_runner: Any, qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Issue 15 finding 15: the training hub tab showed an empty URL."""
    runner = task_runner
    view = SettingsView(StationSettings(tmp_path), runner, training_hub="http://127.0.0.1:5000")
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.hub_loaded, timeout=10_000):
        view.load()
    assert "http://127.0.0.1:5000" in view.hub_message.text() and "Training" in view.hub_message.text()
    assert view.hub_url.placeholderText() == "http://127.0.0.1:5000"
    runner.shutdown()


def test_securpharm_offers_its_own_fields_and_shows_the_certificate(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    import datetime as dt

    import trustme

    now = dt.datetime.now(dt.UTC)
    leaf = trustme.CA().issue_cert("apotheke@example.de", not_after=now + dt.timedelta(days=20),
                                   not_before=now - dt.timedelta(days=300))  # fmt: skip
    cert = tmp_path / "nident.pem"
    cert.write_bytes(leaf.private_key_and_cert_chain_pem.bytes())
    view = open_settings(qtbot, window)
    view.hub_type.setCurrentIndex(view.hub_type.findData("securpharm"))
    assert view.hub_form.isRowVisible(view.auth_url)
    assert not view.hub_form.isRowVisible(view.client_secret) and not view.hub_form.isRowVisible(view.location_id)
    assert view.hub_labels["client_id"].text() == "Application id (sid):"
    view.hub_url.setText("https://apotheke.example.de/api")
    view.auth_url.setText("https://auth.example.de/")
    view.client_id.setText("5b1e0c1a-0000-4000-8000-000000000001")
    # without the N-Ident certificate it is refused, with a message
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.save_hub_button.click()
    assert "N-Ident" in view.hub_message.text() and not (tmp_path / "hub.json").exists()
    view.client_cert.setText(str(cert))
    view.cert_passphrase.setText("pass-" + SECRET)
    with qtbot.waitSignal(view.hub_saved, timeout=10_000) as blocker:
        view.save_hub_button.click()
    stored = json.loads((tmp_path / "hub.json").read_text(encoding="utf-8"))
    assert stored["type"] == "securpharm" and stored["auth_url"] == "https://auth.example.de"
    assert stored["client_cert"] == str(cert)
    assert blocker.args is not None
    assert any("WARN" in line and "N-Ident" in line for line in blocker.args[0].credentials)
    assert "expires in" in view.credentials_text.text()
    view.hub_type.setCurrentIndex(view.hub_type.findData("fmd-rest"))
    assert not view.hub_form.isRowVisible(view.auth_url) and view.hub_form.isRowVisible(view.client_secret)


def test_vrs_gln_in_hub_json_and_atp_credential_in_keyring_only(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """US VRS (issue 19): the GLN is configuration, the ATP credential a secret (a JWT)."""
    vp = "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.signature-never-in-files"
    view = open_settings(qtbot, window)
    view.hub_type.setCurrentIndex(view.hub_type.findData("vrs"))
    view.hub_url.setText("https://vrs.example.org/api")
    view.requester_gln.setText("0614141000005")
    view.atp_credential.setText("not a jwt")
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.save_hub_button.click()
    assert "JWT" in view.hub_message.text() and not (tmp_path / "hub.json").exists()
    view.atp_credential.setText(vp)
    with qtbot.waitSignal(view.hub_saved, timeout=10_000) as blocker:
        view.save_hub_button.click()
    assert blocker.args is not None and blocker.args[0].has_atp and blocker.args[0].requester_gln == "0614141000005"
    stored = json.loads((tmp_path / "hub.json").read_text(encoding="utf-8"))
    assert stored["type"] == "vrs" and stored["requester_gln"] == "0614141000005"
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(vp not in p.read_text(encoding="utf-8", errors="replace") for p in files)
    assert vp in memory_keyring.store.values() and view.atp_credential.text() == ""
    view.requester_gln.setText("0614141000006")  # wrong check digit
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.save_hub_button.click()
    assert "GLN" in view.hub_message.text()
