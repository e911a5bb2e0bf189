"""Caches: product master data (hub + CSV import), pack states, the local recall/withdrawal list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, GTIN_B, PPN_A, PZN_A

from dispense_app.cli import main
from dispense_app.core.model import HubReply, PackRef, PackState, ProductInfo, ProductScheme, ReturnCode
from dispense_app.store import ImportFileError, Station
from dispense_app.store.caches import gs1_check_digit_ok, normalize_gtin, pzn_from_ntin, pzn_from_ppn
from dispense_app.workflow.products import fetch_product
from dispense_app.workflow.sender import replay


@pytest.fixture
def station(home: Path, store_url: str) -> Iterator[Station]:
    s = Station.open(home)
    yield s
    s.close()


def test_gtin_helpers() -> None:
    assert gs1_check_digit_ok(GTIN_A) and not gs1_check_digit_ok(GTIN_A[:-1] + "0")
    assert normalize_gtin("4006381333931") == "04006381333931"
    assert normalize_gtin("4006381333932") is None and normalize_gtin("abc") is None
    assert pzn_from_ntin(GTIN_A) == PZN_A and pzn_from_ppn(PPN_A) == PZN_A
    assert pzn_from_ntin(GTIN_B) is None


def test_product_from_the_hub_is_cached_for_offline_use(station: Station, hub_sim: Any, hub_client: Any) -> None:
    got = fetch_product(station, hub_client, GTIN_A)
    assert got is not None and got.info.name == "Ibuprofen 400 mg" and got.source == "hub"
    assert got.info.pzn == PZN_A
    hub_sim.admin.faults(outage=True)
    offline = fetch_product(station, hub_client, GTIN_A, max_age=dt.timedelta(0))  # stale, hub down: cached
    assert offline is not None and offline.info.name == "Ibuprofen 400 mg"
    # lookups by PZN and PPN work too (the prescription match has a PZN; IFA codes carry a PPN)
    assert station.products.get(PZN_A) is not None
    station.products.put(ProductInfo(GTIN_A, ingredient="ibuprofen"), ppn=PPN_A, source="import")
    by_ppn = station.products.get(PPN_A)
    assert by_ppn is not None and by_ppn.info.ingredient == "ibuprofen" and by_ppn.info.name == "Ibuprofen 400 mg"
    assert fetch_product(station, hub_client, "04000000000007") is None  # unknown, offline, not cached


def test_product_import_csv(station: Station, tmp_path: Path) -> None:
    f = tmp_path / "products.csv"
    f.write_text(
        "\ufeffGTIN;PPN;name;strength;form;pack_size;ingredient;nhrn;nhrn_711\n"
        f"{GTIN_A};{PPN_A};Ibuprofen AL 400;400 mg;Filmtablette;20 St;Ibuprofen;710:{PZN_A};3400930000000\n"
        f"{GTIN_B};;Paracetamol 500;500 mg;tablet;10;paracetamol;;\n",
        encoding="utf-8",
    )
    assert station.products.import_csv(f, actor="admin") == 2
    a = station.products.get(GTIN_A)
    assert a is not None and a.ppn == PPN_A and a.info.pzn == PZN_A and a.source == "import"
    assert a.info.nhrn == {"710": PZN_A, "711": "3400930000000"} and a.info.form == "Filmtablette"
    assert station.products.count() == 2
    assert [e.details["rows"] for e in station.audit.entries(kind="import")] == [2]


def test_bad_import_changes_nothing(station: Station, tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(f"gtin,name\n{GTIN_A},ok\n12345678901234,bad check digit\n,missing\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        station.products.import_csv(f)
    assert len(err.value.problems) == 2 and "line 3" in err.value.problems[0]
    assert station.products.count() == 0
    (tmp_path / "latin1.csv").write_bytes("gtin,name\n04150037528643,Ibuprofen D\xfcsseldorf\n".encode("latin-1"))
    with pytest.raises(ImportFileError, match="UTF-8"):
        station.products.import_csv(tmp_path / "latin1.csv")


def test_products_import_command(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "p.csv"
    good.write_text(f"gtin,name\n{GTIN_A},Ibuprofen\n", encoding="utf-8")
    assert main(["products", "import", str(good), "--home", str(home), "--json"]) == 0
    assert '"imported": 1' in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("gtin,name\n123,x\n", encoding="utf-8")
    assert main(["products", "import", str(bad), "--home", str(home), "--json"]) == 2  # input error (issue 24)
    assert main(["products", "import", str(tmp_path / "missing.csv"), "--home", str(home)]) == 2


def test_pack_state_cache_keeps_time_of_answer(station: Station) -> None:
    pack = PackRef(ProductScheme.GTIN, GTIN_A, "ACT01", "L1", dt.date(2031, 12, 31))
    at = dt.datetime(2026, 5, 1, 8, 30, tzinfo=dt.UTC)
    station.pack_states.put(pack, HubReply(ReturnCode.SUCCESS, PackState.ACTIVE), at=at)
    got = station.pack_states.get(GTIN_A, "ACT01")
    assert got is not None and got.state == "Active" and got.answered_at == at and got.lot == "L1"
    station.pack_states.put(pack, HubReply(ReturnCode.ALREADY_INACTIVE, PackState.SUPPLIED), at=at + dt.timedelta(1))
    got = station.pack_states.get(GTIN_A, "ACT01")
    assert got is not None and got.state == "Supplied" and got.return_code == "NMVS_NC_PCK_22"
    assert station.pack_states.get(GTIN_A, "nope") is None


def test_replay_and_verify_answers_fill_the_pack_state_cache(station: Station, hub_sim: Any, hub_client: Any) -> None:
    station.settings.set("station.location", "PHARMACY-1")
    station.record_supply(PackRef(ProductScheme.GTIN, GTIN_A, "ACT03", "L1", dt.date(2031, 12, 31)), b"x", "anna")
    replay(station, hub_client)
    got = station.pack_states.get(GTIN_A, "ACT03")
    assert got is not None and got.state == "Supplied" and got.return_code == "NMVS_SUCCESS"


def test_recall_list(station: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str], home: Path) -> None:
    f = tmp_path / "recalls.csv"
    f.write_text(f"gtin,lot,kind,reason\n{GTIN_A},RC1,recall,sterility\n{GTIN_B},,,withdrawn from market\n")
    assert station.recalls.import_csv(f) == 2
    hit = station.recalls.check(GTIN_A, "RC1")
    assert hit is not None and hit.kind == "recall" and hit.reason == "sterility"
    assert station.recalls.check(GTIN_A, "L1") is None
    whole = station.recalls.check(GTIN_B, "anything")
    assert whole is not None and whole.kind == "withdrawal" and whole.lot is None
    assert station.recalls.check(GTIN_B, None) is not None
    station.recalls.add(GTIN_A, "L9", reason="manual entry")
    assert {(e.gtin, e.lot) for e in station.recalls.entries()} == {(GTIN_A, "RC1"), (GTIN_A, "L9"), (GTIN_B, None)}
    bad = tmp_path / "bad.csv"
    bad.write_text(f"gtin,lot,kind\n{GTIN_A},X,recal\n")
    with pytest.raises(ImportFileError, match="kind"):
        station.recalls.import_csv(bad)
    assert main(["products", "recalls-import", str(f), "--home", str(home), "--json"]) == 0


def test_cache_writes_skip_the_disk_wait_but_leave_full_durability_on(station: Station) -> None:
    if station.is_site:
        pytest.skip("SQLite's synchronous setting: a site store's durability is the server's (docs/site.md)")
    seen: list[int] = []
    pack = PackRef(ProductScheme.GTIN, GTIN_A, "ACT01", "L1", dt.date(2031, 12, 31))
    conn = station.db.conn
    conn.set_trace_callback(
        lambda sql: seen.append(conn.execute("PRAGMA synchronous").fetchone()[0]) if sql == "COMMIT" else None
    )
    station.pack_states.put(pack, HubReply(ReturnCode.SUCCESS, PackState.ACTIVE))
    station.record_supply(pack, b"x", "anna")
    conn.set_trace_callback(None)
    assert seen == [1, 2]  # cache entry committed with NORMAL, the dispense record with FULL
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
