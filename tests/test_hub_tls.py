"""TLS against the simulator with trustme certificates: the right CA, a wrong CA, an expired
server certificate, and a client certificate the hub requires (also with a passphrase)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from hub_fixtures import GTIN_A, SIM_PACKS

from dispense_app.core.model import HubUnavailable, PackRef, ProductScheme
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator import RunningSimulator, TlsConfig, start_simulator

PACK = PackRef(ProductScheme.GTIN, GTIN_A, "ACT01", "L1")


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _server_files(ca: trustme.CA, tmp: Path, **kw) -> tuple[Path, Path]:
    cert = ca.issue_cert("127.0.0.1", "localhost", **kw)
    chain, key = tmp / "server-chain.pem", tmp / "server-key.pem"
    chain.write_bytes(b"".join(blob.bytes() for blob in cert.cert_chain_pems))
    key.write_bytes(cert.private_key_pem.bytes())
    return chain, key


def _ca_file(ca: trustme.CA, tmp: Path, name: str = "ca.pem") -> str:
    path = tmp / name
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def tls_sim(ca: trustme.CA, tmp_path: Path) -> Iterator[RunningSimulator]:
    chain, key = _server_files(ca, tmp_path)
    with start_simulator(packs=SIM_PACKS, tls=TlsConfig(chain, key)) as sim:
        yield sim


def test_good_ca_verifies(tls_sim: RunningSimulator, ca: trustme.CA, tmp_path: Path) -> None:
    assert tls_sim.url.startswith("https://127.0.0.1:")
    with FmdRestClient(tls_sim.url, ca_bundle=_ca_file(ca, tmp_path), retries=0) as client:
        assert client.verify(PACK).ok


def test_wrong_ca_fails(tls_sim: RunningSimulator, tmp_path: Path) -> None:
    other = _ca_file(trustme.CA(), tmp_path, "other-ca.pem")
    with FmdRestClient(tls_sim.url, ca_bundle=other, retries=2) as client:
        with pytest.raises(HubUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
            client.verify(PACK)
        assert client.stats.count == 0


def test_system_store_does_not_trust_the_test_ca(tls_sim: RunningSimulator) -> None:
    with FmdRestClient(tls_sim.url, retries=0) as client, pytest.raises(HubUnavailable, match="CERTIFICATE"):
        client.verify(PACK)


def test_expired_server_certificate_fails(ca: trustme.CA, tmp_path: Path) -> None:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    chain, key = _server_files(ca, tmp_path, not_before=past - dt.timedelta(days=60), not_after=past)
    with (
        start_simulator(packs=SIM_PACKS, tls=TlsConfig(chain, key)) as sim,
        FmdRestClient(sim.url, ca_bundle=_ca_file(ca, tmp_path), retries=0) as client,
        pytest.raises(HubUnavailable, match="expired"),
    ):
        client.verify(PACK)


def test_hostname_must_match(ca: trustme.CA, tmp_path: Path) -> None:
    cert = ca.issue_cert("hub.example.org")
    chain, key = tmp_path / "c.pem", tmp_path / "k.pem"
    chain.write_bytes(b"".join(b.bytes() for b in cert.cert_chain_pems))
    key.write_bytes(cert.private_key_pem.bytes())
    with (
        start_simulator(packs=SIM_PACKS, tls=TlsConfig(chain, key)) as sim,
        FmdRestClient(sim.url, ca_bundle=_ca_file(ca, tmp_path), retries=0) as client,
        pytest.raises(HubUnavailable, match=r"CERTIFICATE_VERIFY_FAILED|mismatch"),
    ):
        client.verify(PACK)


def _encrypted_key(pem: bytes, passphrase: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem, password=None)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )


def test_client_certificate_required(ca: trustme.CA, tmp_path: Path) -> None:
    chain, key = _server_files(ca, tmp_path)
    client_ca = trustme.CA()
    client_ca_file = _ca_file(client_ca, tmp_path, "client-ca.pem")
    tls = TlsConfig(chain, key, client_ca=client_ca_file, require_client_cert=True)
    leaf = client_ca.issue_cert("pharmacy-1@example.org")
    cert_file, key_file = tmp_path / "client.pem", tmp_path / "client-key.pem"
    cert_file.write_bytes(b"".join(b.bytes() for b in leaf.cert_chain_pems))
    key_file.write_bytes(_encrypted_key(leaf.private_key_pem.bytes(), b"pass phrase 1"))
    server_ca = _ca_file(ca, tmp_path)
    with start_simulator(packs=SIM_PACKS, tls=tls) as sim:
        with FmdRestClient(sim.url, ca_bundle=server_ca, retries=0) as anonymous, pytest.raises(HubUnavailable):
            anonymous.verify(PACK)
        with FmdRestClient(
            sim.url,
            ca_bundle=server_ca,
            client_cert=str(cert_file),
            client_key=str(key_file),
            cert_passphrase="pass phrase 1",
            retries=0,
        ) as client:
            assert client.verify(PACK).ok
        # a certificate from another CA is refused
        stranger = trustme.CA().issue_cert("intruder@example.org")
        s_cert, s_key = tmp_path / "s.pem", tmp_path / "s-key.pem"
        s_cert.write_bytes(b"".join(b.bytes() for b in stranger.cert_chain_pems))
        s_key.write_bytes(stranger.private_key_pem.bytes())
        with FmdRestClient(
            sim.url, ca_bundle=server_ca, client_cert=str(s_cert), client_key=str(s_key), retries=0
        ) as c, pytest.raises(HubUnavailable):
            c.verify(PACK)


def test_wrong_passphrase_is_a_clear_error(ca: trustme.CA, tmp_path: Path) -> None:
    import ssl

    leaf = ca.issue_cert("pharmacy-1@example.org")
    cert_file, key_file = tmp_path / "client.pem", tmp_path / "client-key.pem"
    cert_file.write_bytes(leaf.cert_chain_pems[0].bytes())
    key_file.write_bytes(_encrypted_key(leaf.private_key_pem.bytes(), b"right"))
    with pytest.raises(ssl.SSLError):
        FmdRestClient(
            "https://127.0.0.1:9", client_cert=str(cert_file), client_key=str(key_file), cert_passphrase="wrong"
        )


def test_passphrase_from_keyring_through_make_client(ca: trustme.CA, tmp_path: Path, memory_keyring) -> None:
    from dispense_app.hub import credentials
    from dispense_app.hub.config import HubConfig
    from dispense_app.hub.factory import make_client

    chain, key = _server_files(ca, tmp_path)
    client_ca = trustme.CA()
    leaf = client_ca.issue_cert("station-7@example.org")
    cert_file, key_file = tmp_path / "client.pem", tmp_path / "client-key.pem"
    cert_file.write_bytes(b"".join(b.bytes() for b in leaf.cert_chain_pems))
    key_file.write_bytes(_encrypted_key(leaf.private_key_pem.bytes(), b"kr-passphrase"))
    tls = TlsConfig(chain, key, client_ca=_ca_file(client_ca, tmp_path, "cca.pem"), require_client_cert=True)
    with start_simulator(packs=SIM_PACKS, tls=tls) as sim:
        config = HubConfig(
            url=sim.url,
            ca_bundle=_ca_file(ca, tmp_path),
            client_cert=str(cert_file),
            client_key=str(key_file),
        )
        credentials.set_secret("cert-passphrase", sim.url, None, "kr-passphrase")
        client = make_client(config)
        try:
            assert client.verify(PACK).ok
        finally:
            client.close()
