"""SOAP messages of the NMVS interface, built and read by zeep from the WSDL/XSD in ``resources/nmvs``.

zeep serialises a request from plain dicts against the schema (element order, namespaces and
qualified attributes come from the XSD, never from string templates) and reads a reply back into
plain values. It only builds and parses here: the HTTP exchange goes through the hub transport
(:mod:`dispense_app.hub.transport`), like every other adapter's.

The files use the v5 namespaces; for a national system still on v4 they are loaded with ``v5.0``
replaced by ``v4.0`` (same layout: the v5 XSD is not public, see docs/hub-protocol.md).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from lxml import etree

from dispense_app.core.model import HubRequestError

from .nmvs_catalog import BY_CODE, SERVICE_NAMES

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "nmvs"
WSDL_FILE = "NMVS_Services.wsdl"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
VERSIONS = ("v4", "v5")


def namespaces(version: str) -> dict[str, str]:
    n = version.removeprefix("v")
    return {
        "types": f"urn:types.nmvs.eu:v{n}.0",
        "wsdltypes": f"urn:wsdltypes.nmvs.eu:v{n}.0",
        "services": f"urn:services.nmvs.eu:v{n}.0",
    }


def resource_text(name: str, version: str) -> bytes:
    """A file of resources/nmvs with its namespaces set to ``version``."""
    if version not in VERSIONS:
        raise ValueError(f"NMVS interface version must be one of {', '.join(VERSIONS)}")
    data = (RESOURCES / name).read_bytes()
    return data if version == "v5" else data.replace(b".nmvs.eu:v5.0", f".nmvs.eu:{version}.0".encode())


def _transport(version: str) -> Any:
    import zeep

    class ResourceTransport(zeep.Transport):  # zeep is untyped: its classes are Any
        """Loads the WSDL and its schemas from resources/nmvs only: never from the network."""

        def load(self, url: str) -> bytes:
            return resource_text(Path(url).name, version)

    return ResourceTransport()


@functools.cache
def _client(version: str) -> Any:
    import zeep

    return zeep.Client(str(RESOURCES / WSDL_FILE), transport=_transport(version))


@functools.cache
def schema(version: str) -> etree.XMLSchema:
    """The root-element schema (lxml), for validating whole request/response elements."""

    class Resolver(etree.Resolver):  # type: ignore[misc]  # lxml is untyped
        def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
            return self.resolve_string(resource_text(Path(url or "").name, version), context)

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parser.resolvers.add(Resolver())
    return etree.XMLSchema(
        etree.fromstring(resource_text("NMVS_Roots.xsd", version), parser, base_url="NMVS_Roots.xsd")
    )


class NmvsCodec:
    """Build and read the messages of one interface version."""

    def __init__(self, version: str = "v5") -> None:
        self.version = version
        self.ns = namespaces(version)
        self._zeep = _client(version)
        self._bindings: dict[str, Any] = {}
        for service, name in SERVICE_NAMES.items():
            self._bindings[service] = self._zeep.wsdl.bindings[f"{{{self.ns['services']}}}WSHttpBinding_I{name}"]

    def build(self, code: str, **parts: Any) -> tuple[bytes, str]:
        """The SOAP 1.2 envelope of operation ``code`` (``Header=…, Body=…`` or ``Input=…``) and its
        SOAP action. An empty ``<soap:Header/>`` is added as real clients send it."""
        op = BY_CODE[code]
        binding = self._bindings[op.service]
        try:
            envelope, _headers = binding._create(op.name, (), parts, client=self._zeep)
        except (TypeError, ValueError) as exc:  # zeep's validation of the values given
            raise HubRequestError(f"cannot build the NMVS {code} request: {exc}") from None
        if envelope.find(f"{{{SOAP12_ENV}}}Header") is None:
            envelope.insert(0, etree.Element(f"{{{SOAP12_ENV}}}Header"))
        return etree.tostring(envelope, encoding="utf-8", xml_declaration=False), op.action

    def parse(self, code: str, content: bytes) -> Any:
        """The reply to operation ``code`` as zeep values (``.Header``, ``.Body`` …)."""
        from zeep.exceptions import Error as ZeepError
        from zeep.loader import parse_xml

        op = BY_CODE[code]
        binding = self._bindings[op.service]
        try:
            doc = parse_xml(
                content,  # type: ignore[arg-type]  # zeep's hint says str, it takes bytes
                self._zeep.wsdl.transport,
                settings=self._zeep.settings,
            )
            return binding.get(op.name).process_reply(doc)
        except (ZeepError, etree.XMLSyntaxError, ValueError, TypeError) as exc:
            raise HubRequestError(f"the national system's {code} reply cannot be read: {exc}") from None
