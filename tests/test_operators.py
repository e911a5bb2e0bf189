"""Operator accounts: scrypt hashes, PIN/password policy, the permission table."""

from __future__ import annotations

import pytest

from dispense_app.core.operators import (
    PERMISSIONS,
    Action,
    CredentialError,
    PermissionDenied,
    Role,
    authorize,
    can,
    hash_secret,
    needs_rehash,
    new_operator,
    verify_secret,
)


def test_hash_roundtrip_and_salt() -> None:
    h1 = hash_secret("4711")
    h2 = hash_secret("4711")
    assert h1 != h2  # fresh salt each time
    assert h1.startswith("scrypt$16384$8$1$") and "4711" not in h1
    assert verify_secret("4711", h1) and verify_secret("4711", h2)
    assert not verify_secret("4712", h1)
    assert not verify_secret("", h1)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain",
        "scrypt$1$8$1$AAAA$AAAA",
        "scrypt$16384$8$1$!!$AAAA",
        "bcrypt$16384$8$1$AAAA$AAAA",
        "scrypt$3$8$1$AAAA$AAAA",
    ],
)
def test_malformed_hashes_never_verify(stored: str) -> None:
    assert verify_secret("4711", stored) is False


def test_weaker_parameters_verify_but_need_rehash() -> None:
    weak = hash_secret("correct horse", n=2**10)
    assert verify_secret("correct horse", weak) and needs_rehash(weak)
    assert not needs_rehash(hash_secret("correct horse"))


@pytest.mark.parametrize("secret", ["123", "1111", "1234567890123", "short", "x" * 300])
def test_policy_rejects(secret: str) -> None:
    with pytest.raises(CredentialError):
        hash_secret(secret)


def test_permission_table() -> None:
    assert can(Role.PHARMACIST, Action.SUPPLY_ANYWAY)
    assert not can(Role.TECHNICIAN, Action.SUPPLY_ANYWAY)
    assert not can(Role.SUPPORT, Action.SUPPLY_ANYWAY)
    assert can(Role.TECHNICIAN, Action.DESTROY) and can(Role.PHARMACIST, Action.DESTROY)
    assert not can(Role.SUPPORT, Action.DESTROY) and not can(Role.SUPPORT, Action.DISPENSE)
    assert can(Role.SUPPORT, Action.EXPORT) and can(Role.PHARMACIST, Action.EXPORT)
    assert not can(Role.TECHNICIAN, Action.EXPORT)
    assert not can(Role.TECHNICIAN, Action.ALERT_CLOSE) and not can(Role.TECHNICIAN, Action.MANAGE_OPERATORS)
    assert set(PERMISSIONS) == set(Role)


def test_operator_accounts_and_authorize() -> None:
    anna = new_operator("Anna", "Anna Apothekerin", "pharmacist", "correct horse battery")
    tom = new_operator("tom", "Tom Technician", Role.TECHNICIAN, "2580")
    assert anna.login == "anna" and anna.check("correct horse battery") and not anna.check("2580")
    authorize(anna, Action.SUPPLY_ANYWAY)
    with pytest.raises(PermissionDenied, match="tom \\(technician\\) may not supply-anyway; allowed: pharmacist"):
        authorize(tom, Action.SUPPLY_ANYWAY)
    authorize(tom, Action.DESTROY)
    assert "secret_hash" not in tom.to_public_json()
    from dataclasses import replace

    gone = replace(tom, active=False)
    assert not gone.check("2580")
    with pytest.raises(PermissionDenied):
        authorize(gone, Action.DISPENSE)


@pytest.mark.parametrize(("login", "name"), [("", "x"), ("bad login", "x"), ("a" * 40, "x"), ("ok", " ")])
def test_bad_accounts(login: str, name: str) -> None:
    with pytest.raises(CredentialError):
        new_operator(login, name, Role.TECHNICIAN, "2580")


def test_unknown_role() -> None:
    with pytest.raises(ValueError):
        new_operator("x", "X", "boss", "2580")
