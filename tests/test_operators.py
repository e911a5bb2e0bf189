"""Operator accounts: scrypt hashes, PIN/password policy, the permission table."""

from __future__ import annotations

import datetime as dt

import pytest

from dispense_app.core.operators import (
    LOCKOUT_AFTER,
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
    rehash_secret,
    verify_secret,
    wait_after,
)


def test_hash_roundtrip_and_salt() -> None:
    h1 = hash_secret("471158")
    h2 = hash_secret("471158")
    assert h1 != h2  # fresh salt each time
    assert h1.startswith("scrypt$65536$8$1$") and "471158" not in h1  # N = 2^16 since issue 16
    assert verify_secret("471158", h1) and verify_secret("471158", h2)
    assert not verify_secret("471159", h1)
    assert not verify_secret("", h1)
    assert not needs_rehash(h1)


def test_old_hashes_of_short_pins_verify_and_are_rehashed_with_todays_parameters() -> None:
    """Before issue 16: N = 2^14 and 4-digit PINs. Such a hash still verifies (the PIN keeps
    working); rehash_secret gives today's hash of it without applying today's length rule."""
    old = hash_secret("correct horse", n=2**14)
    assert verify_secret("correct horse", old) and needs_rehash(old)
    import base64
    import hashlib

    salt = b"0123456789abcdef"  # a 4-digit PIN hashed as the old version did
    key = hashlib.scrypt(b"4711", salt=salt, n=2**14, r=8, p=1, dklen=32)
    legacy = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    assert verify_secret("4711", legacy) and needs_rehash(legacy)
    fresh = rehash_secret("4711")
    assert fresh.startswith("scrypt$65536$8$1$") and verify_secret("4711", fresh) and not needs_rehash(fresh)
    with pytest.raises(CredentialError, match="6 to 12 digits"):
        hash_secret("4711")  # but nobody can set it as a new PIN


def test_failed_sign_ins_wait_longer_and_then_lock_for_15_minutes() -> None:
    assert [wait_after(n).total_seconds() for n in range(1, 6)] == [0, 2, 4, 8, 16]
    assert wait_after(LOCKOUT_AFTER) == wait_after(LOCKOUT_AFTER + 5) == dt.timedelta(minutes=15)


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


@pytest.mark.parametrize(
    "secret", ["123", "1111", "4711", "47115", "111111", "1234567890123", "short", "x" * 300]
)
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
    tom = new_operator("tom", "Tom Technician", Role.TECHNICIAN, "258014")
    assert anna.login == "anna" and anna.check("correct horse battery") and not anna.check("258014")
    authorize(anna, Action.SUPPLY_ANYWAY)
    with pytest.raises(PermissionDenied, match="tom \\(technician\\) may not supply-anyway; allowed: pharmacist"):
        authorize(tom, Action.SUPPLY_ANYWAY)
    authorize(tom, Action.DESTROY)
    assert "secret_hash" not in tom.to_public_json()
    from dataclasses import replace

    gone = replace(tom, active=False)
    assert not gone.check("258014")
    with pytest.raises(PermissionDenied):
        authorize(gone, Action.DISPENSE)


@pytest.mark.parametrize(("login", "name"), [("", "x"), ("bad login", "x"), ("a" * 40, "x"), ("ok", " ")])
def test_bad_accounts(login: str, name: str) -> None:
    with pytest.raises(CredentialError):
        new_operator(login, name, Role.TECHNICIAN, "258014")


def test_unknown_role() -> None:
    with pytest.raises(ValueError):
        new_operator("x", "X", "boss", "258014")
