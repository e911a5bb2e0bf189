"""Hub secrets live in the keyring only: the `hub credentials` command, the refusal without a usable
keyring backend, and a full session after which no secret is found on disk or in the logs."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import keyring
import pytest
from hub_fixtures import GTIN_A, SIM_PACKS, MemoryKeyring
from keyring.backends import fail, null

from dispense_app.cli import main
from dispense_app.core.model import HubAuthError, HubRequest, PackRef, ProductScheme, Transaction
from dispense_app.hub import credentials
from dispense_app.hub.config import HubConfig, load_hub_config
from dispense_app.hub.factory import make_client
from dispense_app.hub.simulator import AuthConfig, start_simulator

SECRET = "Zq8-unique-client-secret-7731"
PASSPHRASE = "Pp4-unique-passphrase-9902"
URL = "https://hub.example.org"


def run_cli(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str | None = None) -> int:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(args)


def test_set_show_delete_with_stdin(home: Path, memory_keyring: MemoryKeyring, monkeypatch, capsys) -> None:
    rc = run_cli(
        ["hub", "credentials", "set", "--hub", URL, "--client-id", "c1", "--stdin", "--json"],
        monkeypatch,
        SECRET + "\n",
    )
    assert rc == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "stored": "client-secret", "hub": URL, "client_id": "c1"}
    assert credentials.get_secret("client-secret", URL, "c1") == SECRET
    rc = run_cli(
        ["hub", "credentials", "set", "--hub", URL, "--client-id", "c1", "--cert-passphrase", "--stdin"],
        monkeypatch,
        PASSPHRASE + "\n",
    )
    assert rc == 0
    assert credentials.get_secret("cert-passphrase", URL, "c1") == PASSPHRASE
    capsys.readouterr()
    assert main(["hub", "credentials", "show", "--hub", URL, "--client-id", "c1", "--json"]) == 0
    out = capsys.readouterr().out
    shown = json.loads(out)
    assert shown["client_secret"] == "set" and shown["cert_passphrase"] == "set"
    assert SECRET not in out and PASSPHRASE not in out
    assert main(["hub", "credentials", "delete", "--hub", URL, "--client-id", "c1"]) == 0
    assert credentials.get_secret("client-secret", URL, "c1") is None
    assert memory_keyring.store == {}


def test_secret_read_without_echo(home: Path, memory_keyring: MemoryKeyring, monkeypatch) -> None:
    asked: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return SECRET

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    monkeypatch.setattr("sys.stdin", type("TTY", (), {"isatty": staticmethod(lambda: True)})())
    assert main(["hub", "credentials", "set", "--hub", URL, "--client-id", "c2"]) == 0
    assert asked and "c2" in asked[0] and SECRET not in asked[0]
    assert credentials.get_secret("client-secret", URL, "c2") == SECRET


def test_no_terminal_and_no_stdin_flag_is_usage_error(home: Path, memory_keyring, monkeypatch, capsys) -> None:
    rc = run_cli(["hub", "credentials", "set", "--hub", URL, "--client-id", "c3"], monkeypatch, SECRET + "\n")
    assert rc == 2 and "--stdin" in capsys.readouterr().err
    assert memory_keyring.store == {}


def test_empty_secret_refused(home: Path, memory_keyring, monkeypatch) -> None:
    assert run_cli(["hub", "credentials", "set", "--hub", URL, "--client-id", "c", "--stdin"], monkeypatch, "\n") == 2


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring])
def test_no_usable_keyring_is_a_visible_error(home: Path, monkeypatch, capsys, backend) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        rc = run_cli(["hub", "credentials", "set", "--hub", URL, "--client-id", "c", "--stdin"], monkeypatch, SECRET)
        err = capsys.readouterr().err
        assert rc == 2 and "keyring" in err and "plain text" in err
        assert main(["hub", "credentials", "show", "--hub", URL, "--client-id", "c"]) == 2
        with pytest.raises(credentials.KeyringUnavailable):
            credentials.load_secrets(URL, "c")
    finally:
        keyring.set_keyring(previous)
    assert SECRET not in "".join(p.read_text(errors="replace") for p in home.rglob("*") if p.is_file())


def test_missing_secret_is_auth_error(memory_keyring) -> None:
    with pytest.raises(HubAuthError, match="hub credentials set"):
        make_client(HubConfig(url="http://127.0.0.1:9", client_id="nobody"))


def test_secrets_repr_hides_values() -> None:
    shown = repr(credentials.HubSecrets(SECRET, PASSPHRASE))
    assert SECRET not in shown and PASSPHRASE not in shown


def test_full_session_leaves_no_secret_on_disk_or_in_logs(
    home: Path, tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch, capsys, caplog
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx/httpcore included
    with start_simulator(
        packs=SIM_PACKS, db_path=tmp_path / "sim.sqlite", auth=AuthConfig("station-7", SECRET, token_ttl_s=120)
    ) as sim:
        assert (
            main(["hub", "configure", "--url", sim.url, "--location-id", "PHARMACY-7", "--client-id", "station-7"]) == 0
        )
        assert run_cli(["hub", "credentials", "set", "--stdin"], monkeypatch, SECRET + "\n") == 0
        assert memory_keyring.store  # the secret went to the keyring
        config = load_hub_config(home)
        assert config is not None and config.client_id == "station-7"
        client = make_client(config)
        try:
            pack = PackRef(ProductScheme.GTIN, GTIN_A, "ACT01", "L1")
            assert client.verify(pack).ok
            assert client.transact(HubRequest(Transaction.SUPPLY, pack, "s-1")).ok
            sim.admin.advance_clock(1)  # token expiry -> refresh with the secret again
            assert client.transact(HubRequest(Transaction.UNDO_SUPPLY, pack, "s-2")).ok
            bulk = [
                HubRequest(Transaction.SUPPLY, PackRef(ProductScheme.GTIN, GTIN_A, f"ACT{i:02d}"), f"b{i}")
                for i in (2, 3)
            ]
            assert all(r.ok for r in client.bulk(bulk))
            logging.getLogger("dispense_app").debug("session client %r", client)
        finally:
            client.close()
        assert len(sim.state.tokens) == 2
    out, err = capsys.readouterr()
    haystacks = {"stdout": out, "stderr": err, "logs": caplog.text}
    for path in [*home.rglob("*"), *tmp_path.rglob("*")]:
        if path.is_file():
            haystacks[str(path)] = path.read_bytes().decode("latin-1")
    assert caplog.records  # logging really was captured
    leaks = [name for name, text in haystacks.items() if SECRET in text]
    assert leaks == []
    assert "hub.json" in {p.name for p in home.iterdir()}


def test_hub_configure_and_show(home: Path, capsys) -> None:
    assert main(["hub", "configure", "--url", "http://hub.example.org", "--home", str(home)]) == 2
    assert "https" in capsys.readouterr().err
    assert main(["hub", "show", "--json"]) == 2  # nothing configured yet
    capsys.readouterr()
    args = [
        "hub",
        "configure",
        "--url",
        "https://hub.example.org/",
        "--type",
        "vrs",
        "--gln",
        "4000001000005",
        "--json",
    ]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["hub"]["url"] == "https://hub.example.org"
    assert main(["hub", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["hub"]
    assert shown["type"] == "vrs" and shown["requester_gln"] == "4000001000005"
    assert "secret" not in (home / "hub.json").read_text(encoding="utf-8")


def test_hub_sim_auth_needs_secret_from_environment(monkeypatch, capsys) -> None:
    monkeypatch.delenv("DISPENSE_HUB_SIM_CLIENT_SECRET", raising=False)
    assert main(["hub-sim", "--client-id", "x"]) == 2
    assert "DISPENSE_HUB_SIM_CLIENT_SECRET" in capsys.readouterr().err
    assert main(["hub-sim", "--tls-key", "k.pem"]) == 2
