"""The simulator's OpenAPI 3.0 document (hand-written; it describes the real routes of :mod:`.app`).

Admin endpoints are left out on purpose: they belong to the simulator, not to the hub protocol.
"""

from __future__ import annotations

from typing import Any

from dispense_app.core.model import EntryMode, PackState, ReturnCode, Transaction

_STR20 = {"type": "string", "minLength": 1, "maxLength": 20, "pattern": r"^[A-Za-z0-9!\"%&'()*+,\-./:;<=>?_]+$"}
_NULLABLE_STR = {"type": "string", "nullable": True}

_PRODUCT = {
    "type": "object",
    "properties": {
        "gtin": {"type": "string"},
        "ppn": _NULLABLE_STR,
        "pzn": _NULLABLE_STR,
        "name": _NULLABLE_STR,
        "strength": _NULLABLE_STR,
        "form": _NULLABLE_STR,
        "pack_size": _NULLABLE_STR,
    },
    "required": ["gtin"],
}

_PACK_REPLY = {
    "type": "object",
    "properties": {
        "return_code": {"type": "string", "enum": [c.value for c in ReturnCode]},
        "message": {"type": "string"},
        "transaction": {"type": "string", "enum": [t.value for t in Transaction]},
        "client_trx_id": _NULLABLE_STR,
        "hub_trx_id": {"type": "string"},
        "gtin": _NULLABLE_STR,
        "serial": {"type": "string"},
        "state": {"type": "string", "nullable": True, "enum": [s.value for s in PackState]},
        "reason": _NULLABLE_STR,
        "reasons": {"type": "array", "items": {"type": "string", "enum": [s.value for s in PackState]}},
        "intermarket": {"type": "boolean"},
        "market": {"type": "string"},
        "alert_id": _NULLABLE_STR,
        "alert_class": _NULLABLE_STR,
        "lot": _NULLABLE_STR,
        "expiry": {"type": "string", "format": "date", "nullable": True},
        "product": {**_PRODUCT, "nullable": True},
    },
    "required": ["return_code", "transaction", "serial", "state", "alert_id"],
}

_TARGETABLE = sorted({t.target_state.value for t in Transaction if t.target_state is not None})
#: a target state (the transaction is then inferred), a transaction, or both when they agree
_PATCH_BODY = {
    "anyOf": [
        {
            "type": "object",
            "properties": {"state": {"type": "string", "enum": _TARGETABLE}},
            "required": ["state"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "transaction": {"type": "string", "enum": [t.value for t in Transaction if t.changes_state]}
            },
            "required": ["transaction"],
            "additionalProperties": False,
        },
        *(
            {
                "type": "object",
                "properties": {
                    "state": {"type": "string", "enum": [t.target_state.value]},
                    "transaction": {"type": "string", "enum": [t.value]},
                },
                "required": ["state", "transaction"],
                "additionalProperties": False,
            }
            for t in Transaction
            if t.target_state is not None
        ),
    ]
}

_PRINTABLE = {"type": "string", "pattern": "^[ -~]{1,100}$"}
_BULK_ITEM_FIELDS = {
    "scheme": {"type": "string", "enum": ["GTIN", "PPN"]},
    "product_code": {"type": "string", "pattern": "^[A-Za-z0-9]{1,50}$"},
    "serial": _STR20,
    "batch": _STR20,
    "expiry": {"type": "string", "format": "date"},
}
_BULK_VERIFY_ITEM = {
    "type": "object",
    "properties": {
        "transaction": {"type": "string", "enum": ["verify"]},
        **_BULK_ITEM_FIELDS,
        "client_trx_id": _PRINTABLE,
    },
    "required": ["transaction", "scheme", "product_code", "serial"],
}
_BULK_CHANGE_ITEM = {
    "type": "object",
    "properties": {
        "transaction": {"type": "string", "enum": [t.value for t in Transaction if t.changes_state]},
        **_BULK_ITEM_FIELDS,
        "client_trx_id": _PRINTABLE,
    },
    "required": ["transaction", "scheme", "product_code", "serial", "client_trx_id"],
}

#: a bearer token from /oauth/token when the hub runs with OAuth2; training mode runs open
_SECURITY: list[dict[str, list[str]]] = [{"oauth2": []}, {}]

_PROBLEM = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
    "required": ["error"],
}


def _json(schema: dict[str, Any], description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        out["headers"] = headers
    return out


_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}}
_COMMON_ERRORS = {
    "401": _json(_PROBLEM, "missing, unknown or expired bearer token"),
    "422": _json(_PROBLEM, "malformed request (e.g. no data-entry-mode header)"),
    "429": _json(_PROBLEM, "rate limited", _RETRY_AFTER),
    "503": _json(_PROBLEM, "hub outage", _RETRY_AFTER),
}


def _header(name: str, description: str, *, required: bool, enum: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "pattern": "^[ -~]{1,100}$"}
    if enum:
        schema = {"type": "string", "enum": enum}
    return {"name": name, "in": "header", "required": required, "description": description, "schema": schema}


_ENTRY = _header(
    "X-Data-Entry-Mode", "how the pack data were captured", required=True, enum=[m.value for m in EntryMode]
)
_LOCATION = _header("X-Location-Id", "the premises (pharmacy, ward) sending the request", required=False)
_LOCATION_REQ = {**_LOCATION, "required": True}
_TRX = _header("X-Client-Trx-Id", "client transaction id; a retry reuses it", required=False)
_TRX_REQ = {**_TRX, "required": True}

_PACK_PARAMS = [
    {"name": "scheme", "in": "path", "required": True, "schema": {"type": "string", "enum": ["GTIN", "PPN"]}},
    {
        "name": "product_code",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9]{1,50}$"},
    },
    {"name": "serial", "in": "path", "required": True, "schema": _STR20},
    {"name": "batch", "in": "query", "required": False, "schema": _STR20},
    {"name": "expiry", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
]


def _token_path() -> dict[str, Any]:
    """``POST /oauth/token``: the OAuth2 client-credentials token."""
    return {
        "post": {
            "operationId": "token",
            "summary": "OAuth2 client-credentials token",
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "grant_type": {"type": "string", "enum": ["client_credentials"]},
                                "client_id": {"type": "string"},
                                "client_secret": {"type": "string"},
                            },
                            "required": ["grant_type"],
                        }
                    }
                },
            },
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "access_token": {"type": "string"},
                            "token_type": {"type": "string"},
                            "expires_in": {"type": "integer"},
                        },
                        "required": ["access_token", "token_type", "expires_in"],
                    },
                    "a bearer token",
                ),
                "400": _json({"type": "object"}, "unsupported grant type"),
                "401": _json({"type": "object"}, "unknown client or wrong secret"),
                "404": _json(_PROBLEM, "the simulator runs without OAuth2"),
                "429": _COMMON_ERRORS["429"],
                "503": _COMMON_ERRORS["503"],
            },
        }
    }


def _pack_path() -> dict[str, Any]:
    """``/v1/packs/...``: verify a pack (GET) and change its state (PATCH)."""
    return {
        "get": {
            "operationId": "verifyPack",
            "security": _SECURITY,
            "summary": "Verify a pack: state, reason, alert id, product",
            "parameters": [*_PACK_PARAMS, _ENTRY, _LOCATION, _TRX],
            "responses": {
                "200": _json(_PACK_REPLY, "the pack's state (return_code tells mismatches and inactivity)"),
                "404": _json(_PACK_REPLY, "product unknown (NMVS_NC_PC_01) or serial unknown (NMVS_NC_PC_02)"),
                **_COMMON_ERRORS,
            },
        },
        "patch": {
            "operationId": "changePackState",
            "security": _SECURITY,
            "summary": "Set the pack to a target state (supply, destroy, undo...)",
            "parameters": [*_PACK_PARAMS, _ENTRY, _LOCATION_REQ, _TRX_REQ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _PATCH_BODY}},
            },
            "responses": {
                "200": _json(_PACK_REPLY, "done (or the replayed answer of an earlier identical request)"),
                "404": _json(_PACK_REPLY, "product or serial unknown"),
                "409": _json(_PACK_REPLY, "refused; the body carries the pack's current state"),
                **_COMMON_ERRORS,
            },
        },
    }


def _bulk_path() -> dict[str, Any]:
    """``POST /v1/bulk``: many pack transactions in one request."""
    return {
        "post": {
            "operationId": "bulk",
            "security": _SECURITY,
            "summary": "Up to 10,000 pack transactions in one request; per-pack results in order",
            "parameters": [_ENTRY, _LOCATION_REQ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "items": {
                                    "type": "array",
                                    "maxItems": 10000,
                                    "items": {"anyOf": [_BULK_VERIFY_ITEM, _BULK_CHANGE_ITEM]},
                                }
                            },
                            "required": ["items"],
                        }
                    }
                },
            },
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "results": {
                                "type": "array",
                                "items": {
                                    **_PACK_REPLY,
                                    "properties": {
                                        **_PACK_REPLY["properties"],  # type: ignore[dict-item]
                                        "status": {"type": "integer"},
                                        "replayed": {"type": "boolean"},
                                    },
                                },
                            }
                        },
                        "required": ["results"],
                    },
                    "one result per item, in request order",
                ),
                "413": _json(_PROBLEM, "more than 10,000 items"),
                **_COMMON_ERRORS,
            },
        }
    }


def _product_path() -> dict[str, Any]:
    """``GET /v1/products/{gtin}``: product master data."""
    return {
        "get": {
            "operationId": "product",
            "security": _SECURITY,
            "summary": "Product master data",
            "parameters": [{"name": "gtin", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": _json(_PRODUCT, "the product"),
                "404": _json({"type": "object"}, "product unknown (NMVS_NC_PC_01)"),
                "401": _COMMON_ERRORS["401"],
                "429": _COMMON_ERRORS["429"],
                "503": _COMMON_ERRORS["503"],
            },
        }
    }


_VRS_STATUSES = {
    "400": {"description": "malformed request: no GS1US-Version header, another linkType or context, bad path"},
    "401": {"description": "missing, invalid or expired OAuth2 token (when the hub has credentials)"},
    "403": {"description": "no permission, or the ATP credential is missing, expired, revoked or badly signed"},
    "404": {"description": "GTIN not in the Lookup Directory (no responder to route to)"},
    "405": {"description": "method not allowed"},
    "408": {"description": "request time-out (seeded per GTIN)"},
    "429": {"description": "rate limited", "headers": _RETRY_AFTER},
    "500": {"description": "internal error (seeded per GTIN)"},
    "502": {"description": "an upstream VRS failed (seeded per GTIN)"},
    "503": {"description": "outage or maintenance", "headers": _RETRY_AFTER},
    "504": {"description": "gateway time-out (seeded per GTIN)"},
}
_VRS_QUERY = [
    {
        "name": "linkType",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": ["verificationService"]},
    },
    {
        "name": "context",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": ["dscsaSaleableReturn", "dscsaExceptionVerification"]},
    },
    {"name": "reqGLN", "in": "query", "required": False, "schema": {"type": "string"}},
]
_VRS_HEADERS = [
    {"name": "GS1US-Version", "in": "header", "required": True, "schema": {"type": "string", "enum": ["1.3.0"]}},
    {"name": "X-DSCSA-ATP-VP", "in": "header", "required": False, "schema": {"type": "string"}},
]


def _vrs_verify_path() -> dict[str, Any]:
    """The US VRS verification face (GS1 US Lightweight Messaging 1.3; docs/hub-protocol.md)."""
    return {
        "get": {
            "operationId": "vrsVerify",
            "security": _SECURITY,
            "summary": "US DSCSA VRS verification (GS1 US Lightweight Messaging 1.3)",
            "parameters": [
                {
                    "name": "gtin",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[0-9]{14}$"},
                },
                {"name": "lot", "in": "path", "required": True, "schema": _STR20},
                {"name": "serial", "in": "path", "required": True, "schema": _STR20},
                {
                    "name": "exp",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "pattern": "^[0-9]{6}$"},
                },
                *_VRS_QUERY,
                {"name": "corrUUID", "in": "query", "required": False, "schema": {"type": "string"}},
                {"name": "ctrlPossessAtt", "in": "query", "required": False, "schema": {"type": "string"}},
                {"name": "email", "in": "query", "required": False, "schema": {"type": "string"}},
                {"name": "telephone", "in": "query", "required": False, "schema": {"type": "string"}},
                *_VRS_HEADERS,
            ],
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "verificationTimestamp": {"type": "string"},
                            "responderGLN": {"type": "string"},
                            "corrUUID": {"type": "string"},
                            "data": {
                                "type": "object",
                                "properties": {
                                    "verified": {"type": "boolean"},
                                    "verificationFailureReason": {"type": "string"},
                                    "additionalInfo": {"type": "string"},
                                },
                                "required": ["verified"],
                            },
                        },
                        "required": ["verificationTimestamp", "responderGLN", "corrUUID", "data"],
                    },
                    "verification answer",
                ),
                **_VRS_STATUSES,
            },
        }
    }


def _vrs_connectivity_path() -> dict[str, Any]:
    """``checkConnectivity``: can the VRS route a request for this GTIN?"""
    return {
        "get": {
            "operationId": "vrsCheckConnectivity",
            "security": _SECURITY,
            "summary": "US DSCSA VRS connectivity check",
            "parameters": [
                {
                    "name": "gtin",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "pattern": "^[0-9]{14}$"},
                },
                *_VRS_QUERY,
                _VRS_HEADERS[1],
            ],
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {"responderGLN": {"type": "string"}},
                        "required": ["responderGLN"],
                    },
                    "the responder's GLN",
                ),
                **_VRS_STATUSES,
            },
        }
    }


def openapi_document(server_url: str | None = None) -> dict[str, Any]:
    """The whole document; ``server_url``, when given, becomes its one ``servers`` entry."""
    doc: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {
            "title": "dispense-app hub simulator (FMD REST + US VRS verify)",
            "version": "1.0.0",
            "description": "See docs/hub-protocol.md. Every response carries Server-Timing: app;dur=<ms>.",
        },
        "paths": {
            "/oauth/token": _token_path(),
            "/v1/packs/{scheme}/{product_code}/{serial}": _pack_path(),
            "/v1/bulk": _bulk_path(),
            "/v1/products/{gtin}": _product_path(),
            "/vrs/verify/gtin/{gtin}/lot/{lot}/ser/{serial}": _vrs_verify_path(),
            "/vrs/checkConnectivity": _vrs_connectivity_path(),
        },
        "components": {
            "securitySchemes": {
                "oauth2": {
                    "type": "oauth2",
                    "flows": {"clientCredentials": {"tokenUrl": "/oauth/token", "scopes": {}}},
                }
            }
        },
    }
    if server_url:
        doc["servers"] = [{"url": server_url}]
    return doc
