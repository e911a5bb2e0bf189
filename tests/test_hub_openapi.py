"""The simulator's OpenAPI document: it is valid, it describes the real routes, and schemathesis
(property-based, from the document) finds no server error or reply that breaks the document."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings

from dispense_app.hub.simulator import RunningSimulator, start_simulator
from dispense_app.hub.simulator.openapi import openapi_document

schemathesis = pytest.importorskip("schemathesis")

from hub_fixtures import SIM_PACKS  # noqa: E402

_LOOKS_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")


def test_document_is_valid_openapi() -> None:

    # the OpenAPI 3.0 meta-schema as shipped inside schemathesis (validated with jsonschema-rs)
    from schemathesis.specs.openapi import definitions

    doc = openapi_document("http://127.0.0.1:1")
    validator = definitions.OPENAPI_30_VALIDATOR
    errors = [str(e) for e in validator.iter_errors(doc)]
    assert errors == []
    assert not validator.is_valid({**doc, "paths": {"/x": {"get": {"responses": {"200": {}}}}}})  # no description
    loaded = schemathesis.openapi.from_dict(doc)
    ops = {(op.method.upper(), op.path) for op in (r.ok() for r in loaded.get_all_operations())}
    assert ops == {
        ("POST", "/oauth/token"),
        ("GET", "/v1/packs/{scheme}/{product_code}/{serial}"),
        ("PATCH", "/v1/packs/{scheme}/{product_code}/{serial}"),
        ("POST", "/v1/bulk"),
        ("GET", "/v1/products/{gtin}"),
        ("GET", "/vrs/verify/gtin/{gtin}/lot/{lot}/ser/{serial}"),
        ("GET", "/vrs/checkConnectivity"),
    }


def test_document_is_served(hub_sim: RunningSimulator) -> None:
    import httpx

    doc = httpx.get(hub_sim.url + "/openapi.json").json()
    assert doc["openapi"].startswith("3.") and doc["servers"] == [{"url": hub_sim.url}]


@pytest.fixture(scope="module")
def fuzz_sim() -> Iterator[RunningSimulator]:
    with start_simulator(packs=SIM_PACKS) as sim:
        yield sim


OPERATIONS = ["token", "verifyPack", "changePackState", "bulk", "product", "vrsVerify"]


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_api_follows_its_document(fuzz_sim: RunningSimulator, operation_id: str) -> None:
    fuzz(fuzz_sim, operation_id, examples=8)


@pytest.mark.slow
@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_api_follows_its_document_long(fuzz_sim: RunningSimulator, operation_id: str) -> None:
    fuzz(fuzz_sim, operation_id, examples=300)


def fuzz(fuzz_sim: RunningSimulator, operation_id: str, examples: int) -> None:
    """Generated requests (valid and invalid) for one operation: no 5xx, and every reply (status,
    content type, body, headers) conforms to the document. Hypothesis drives schemathesis'
    strategies directly (its pytest plugin does not load under this pytest)."""
    schema = schemathesis.openapi.from_url(fuzz_sim.url + "/openapi.json")
    ops = [r.ok() for r in schema.get_all_operations()]
    (op,) = [o for o in ops if o.definition.raw.get("operationId") == operation_id]

    @given(case=op.as_strategy())
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case) -> None:
        # A path value holding '%' and two hex digits ('P?%1Av', valid: '%' is in GS1 set 82) is
        # sent by schemathesis as it stands, as if already percent-encoded, so the hub reads 0x1A
        # and rightly refuses it. Our client encodes '%' as %25 (see the test below); such a case
        # cannot be sent faithfully by the generator and is skipped, not judged.
        assume(not any(_LOOKS_ENCODED.search(str(v)) for v in (case.path_parameters or {}).values()))
        case.call_and_validate()

    check()


def test_anything_typed_reaches_the_hub_safely(fuzz_sim: RunningSimulator) -> None:
    """Whatever text a scan or a keyboard produces, the client and the hub answer with a reply or a
    typed refusal: never a server error, never a transport failure."""
    from hypothesis import strategies as st

    from dispense_app.core.model import (
        HubReply,
        HubRequest,
        HubRequestError,
        PackRef,
        ProductScheme,
        Transaction,
    )
    from dispense_app.hub.fmd_rest import FmdRestClient

    text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=25)
    with FmdRestClient(fuzz_sim.url, location_id="FUZZ", retries=0) as client:

        @given(
            scheme=st.sampled_from(ProductScheme),
            code=st.one_of(st.just("04150037528643"), text),
            serial=text,
            lot=st.one_of(st.none(), text),
            change=st.booleans(),
        )
        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(scheme: ProductScheme, code: str, serial: str, lot: str | None, change: bool) -> None:
            pack = PackRef(scheme, code, serial, lot)
            try:
                if change:
                    reply = client.transact(HubRequest(Transaction.DESTROY, pack, f"fuzz-{serial!r}-{lot!r}"))
                else:
                    reply = client.verify(pack)
            except HubRequestError as exc:
                assert exc.status in (422, None)  # refused by the hub, or by the client before sending
            else:
                assert isinstance(reply, HubReply)

        check()
