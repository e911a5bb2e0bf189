"""Credentials and their lifecycle (issue 23 §3): certificate expiry from the certificate itself,
password age, terms; warnings 30/14/7/1 days ahead in ``hub show``; ``hub check`` for every hub
type; an expired certificate reads as expired, not as "hub offline". securPharm over mutual TLS
with the N-Ident-style client certificate the simulator requires."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import trustme
from hub_fixtures import GTIN_A, SIM_PACKS, far_date

from dispense_app.cli import main
from dispense_app.core.model import HubUnavailable, PackRef, ProductScheme
from dispense_app.hub.config import HubConfig, load_hub_config, save_hub_config
from dispense_app.hub.lifecycle import (
    certificate_expiry,
    lifecycle,
    notice,
    password_finding,
    warn_threshold,
)
from dispense_app.hub.securpharm import SecurPharmClient
from dispense_app.hub.simulator import RunningSimulator, TlsConfig, start_simulator

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _client_cert(ca: trustme.CA, path: Path, not_after: dt.datetime, not_before: dt.datetime | None = None) -> Path:
    cert = ca.issue_cert("apotheke-4711@example.de", common_name="Apotheke 4711", not_after=not_after,
                         not_before=not_before or NOW - dt.timedelta(days=400))  # fmt: skip
    path.write_bytes(cert.private_key_and_cert_chain_pem.bytes())
    return path


@pytest.fixture(scope="module")
def mtls_sim(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningSimulator, str]]:
    tmp = tmp_path_factory.mktemp("mtls")
    server = ca.issue_cert("127.0.0.1", "localhost")
    chain, key, ca_file = tmp / "chain.pem", tmp / "key.pem", tmp / "ca.pem"
    chain.write_bytes(b"".join(b.bytes() for b in server.cert_chain_pems))
    key.write_bytes(server.private_key_pem.bytes())
    ca.cert_pem.write_to_path(str(ca_file))
    tls = TlsConfig(chain, key, client_ca=ca_file, require_client_cert=True)
    with start_simulator(packs=SIM_PACKS, tls=tls) as sim:
        yield sim, str(ca_file)


def test_warning_steps() -> None:
    assert [warn_threshold(d) for d in (31, 30, 15, 14, 8, 7, 2, 1, 0)] == [None, 30, 30, 14, 14, 7, 7, 1, 1]


def test_securpharm_logs_in_with_the_client_certificate_over_mutual_tls(
    mtls_sim: tuple[RunningSimulator, str], ca: trustme.CA, tmp_path: Path
) -> None:
    sim, ca_file = mtls_sim
    cert = _client_cert(ca, tmp_path / "nident.pem", NOW + dt.timedelta(days=300))
    pack = PackRef(ProductScheme.GTIN, GTIN_A, "ACT01", "L1", far_date())
    with SecurPharmClient(f"{sim.url}/securpharm", ca_bundle=ca_file, client_cert=str(cert), retries=0) as client:
        assert client.verify(pack).ok
    # without the certificate the TLS layer refuses the token call: offline, with advice
    with (
        SecurPharmClient(f"{sim.url}/securpharm", ca_bundle=ca_file, retries=0) as client,
        pytest.raises(HubUnavailable, match="hub check"),
    ):
        client.verify(pack)


def _configure(home: Path, **kw: Any) -> HubConfig:
    config = HubConfig(**kw)
    save_hub_config(home, config)
    return config


def test_hub_check_securpharm_all_fine(
    mtls_sim: tuple[RunningSimulator, str], ca: trustme.CA, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim, ca_file = mtls_sim
    cert = _client_cert(ca, home / "nident.pem", NOW + dt.timedelta(days=200))
    _configure(home, url=f"{sim.url}/securpharm", type="securpharm", ca_bundle=ca_file, client_cert=str(cert))
    assert main(["hub", "check", "--home", str(home), "--json"]) == 0
    checks = {c["item"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert list(checks) == ["connectivity", "login", "certificate", "password", "terms"]
    assert checks["connectivity"]["status"] == "ok" and checks["login"]["status"] == "ok"
    assert checks["certificate"]["status"] == "ok" and checks["certificate"]["days_left"] in (198, 199, 200)
    assert checks["password"]["status"] == "n/a" and checks["terms"]["status"] == "n/a"


def test_certificate_expiring_soon_warns_in_show_and_check(
    mtls_sim: tuple[RunningSimulator, str], ca: trustme.CA, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim, ca_file = mtls_sim
    cert = _client_cert(ca, home / "nident.pem", NOW + dt.timedelta(days=10, hours=1))
    _configure(home, url=f"{sim.url}/securpharm", type="securpharm", ca_bundle=ca_file, client_cert=str(cert))
    assert main(["hub", "show", "--home", str(home)]) == 0
    out = capsys.readouterr().out
    assert "WARNING: N-Ident client certificate" in out and "expires in 10 day(s)" in out and "NGDA" in out
    assert main(["hub", "check", "--home", str(home)]) == 0  # a warning is not a failure
    assert "certificate:  WARN" in capsys.readouterr().out


def test_expired_certificate_is_named_not_offline(
    mtls_sim: tuple[RunningSimulator, str], ca: trustme.CA, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim, ca_file = mtls_sim
    cert = _client_cert(ca, home / "nident.pem", NOW - dt.timedelta(days=2))
    assert certificate_expiry(cert) < NOW
    _configure(home, url=f"{sim.url}/securpharm", type="securpharm", ca_bundle=ca_file, client_cert=str(cert))
    assert main(["hub", "check", "--home", str(home), "--json"]) == 1
    checks = {c["item"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["certificate"]["status"] == "expired"
    assert (
        "EXPIRED on" in checks["certificate"]["message"]
        and "renew the N-Ident certificate" in (checks["certificate"]["message"])
    )
    failed = [c for c in checks.values() if c["status"] == "fail"]
    assert failed and all("because: N-Ident client certificate" in c["message"] for c in failed)


@pytest.mark.parametrize("hub_type", ["fmd-rest", "vrs"])
def test_hub_check_for_the_other_types(
    hub_sim: Any, home: Path, hub_type: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = hub_sim.url + ("/vrs" if hub_type == "vrs" else "")
    _configure(home, url=url, type=hub_type)
    assert main(["hub", "check", "--home", str(home)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"hub {url} ({hub_type})"
    expected = ["connectivity", "login", "certificate", "password", "terms"]
    if hub_type == "vrs":  # VrsClient.atp_credential_expiry (issue 19): the ATP credential's line
        expected.append("credential")
    assert [line.split(":")[0] for line in lines[1:]] == expected
    assert "OK" in lines[1] and "N/A" in lines[2]


def test_hub_check_unreachable_hub_fails_clearly(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hub", "check", "--home", str(home), "--hub", "http://127.0.0.1:9", "--hub-type", "securpharm"]) == 1
    out = capsys.readouterr().out
    assert "connectivity: FAIL" in out and "login:" in out and "not tried" in out


def test_password_age_against_the_validity() -> None:
    base = HubConfig(url="https://hub.example.org", client_id="c1", password_validity_days=30)
    config = replace(base, password_changed_on=(NOW - dt.timedelta(days=24, hours=1)).date().isoformat())
    f = password_finding(config, NOW)
    assert f.status == "warn" and f.days_left == 5 and "expires in 5 day(s)" in f.message
    config = replace(base, password_changed_on=(NOW - dt.timedelta(days=31)).date().isoformat())
    f = password_finding(config, NOW)
    assert f.status == "expired" and "EXPIRED" in f.message and "change it" in f.message
    assert notice(lifecycle(config, NOW)) == ("expired", f.message)
    # the default validity is 90 days
    eighty_days_ago = (NOW - dt.timedelta(days=80)).date().isoformat()
    config = replace(base, password_validity_days=90, password_changed_on=eighty_days_ago)
    assert password_finding(config, NOW).status == "warn"
    # never recorded; securpharm has none
    assert password_finding(base, NOW).status == "unknown"
    assert password_finding(HubConfig(url=base.url, type="securpharm"), NOW).status == "n/a"


def test_credentials_set_records_the_date(home: Path, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    url = "https://hub.example.org"
    save_hub_config(home, HubConfig(url=url, client_id="c9"))
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    assert main(["hub", "credentials", "set", "--home", str(home), "--hub", url, "--client-id", "c9", "--stdin"]) == 0
    config = load_hub_config(home)
    assert config is not None and config.password_changed_on == dt.date.today().isoformat()
    assert "s3cret" not in (home / "hub.json").read_text()


def test_hub_check_uses_what_an_adapter_offers() -> None:
    """VRS (issue 19) answers checkConnectivity with a result object and knows its ATP credential's
    expiry; NMVS has no login() but an authenticated support call: each becomes one line."""
    from dataclasses import dataclass as _dc

    from dispense_app.hub.check import run_check

    @_dc
    class Connectivity:
        ok: bool
        message: str

    class VrsLike:
        def check_connectivity(self) -> Connectivity:
            return Connectivity(False, "VRS: GTIN not in the lookup directory (404)")

        def atp_credential_expiry(self) -> dt.datetime:
            return NOW + dt.timedelta(days=5, hours=1)

        def close(self) -> None:
            pass

    class NmvsLike:
        def ping(self) -> float:
            return 12.4

        def terms_state(self) -> tuple[str, bool]:
            return ("1.0", True)

        def close(self) -> None:
            pass

    config = HubConfig(url="https://vrs.example.com", type="vrs")
    checks = {f.item: f for f in run_check(config, make=lambda _c: VrsLike(), now=NOW)}  # type: ignore[arg-type,return-value]
    assert checks["connectivity"].status == "fail" and "lookup directory" in checks["connectivity"].message
    assert (
        checks["credential"].status == "warn" and "ATP credential expires in 5 day(s)" in checks["credential"].message
    )
    checks = {f.item: f for f in run_check(config, make=lambda _c: NmvsLike(), now=NOW)}  # type: ignore[arg-type,return-value]
    assert checks["connectivity"].message == "answered in 12 ms"
    assert checks["login"].status == "ok" and "terms_state" in checks["login"].message
