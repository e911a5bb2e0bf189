"""SOAP messages of the NMVS interface, built and read by zeep from the WSDL/XSD in ``resources/nmvs``.

zeep serialises a request from plain dicts against the schema (element order, namespaces and
qualified attributes come from the XSD, never from string templates) and reads a reply back into
plain values. It only builds and parses here: the HTTP exchange goes through the hub transport
(:mod:`dispense_app.hub.transport`), like every other adapter's.

zeep builds a message in about a millisecond, most of it turning dicts into its value objects and
those into elements; at the counter every verify pays it. So each message *shape* (operation, the
keys given, list lengths) is built by zeep once, with a placeholder for every value, and kept as a
template (:class:`_Template`): later messages of that shape are a copy of the template with the
values put where zeep put the placeholders (lxml escapes them as zeep's own rendering does). A
shape whose values are not all non-empty strings, or where zeep did not put every placeholder
whole into one text or attribute, is always built by zeep. tests/test_hub_nmvs_codec.py checks that
both ways give the same bytes.

The files use the v5 namespaces; for a national system still on v4 they are loaded with ``v5.0``
replaced by ``v4.0`` (same layout: the v5 XSD is not public, see docs/hub-protocol.md).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from dataclasses import dataclass
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


Path_ = tuple[str | int, ...]  # keys and indexes from the message's parts down to a value
MAX_TEMPLATES = 256  # message shapes kept (a station uses a few dozen)
_SLOT = "zeep-slot-{}-8f3a"


def _leaves(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value in nested dicts/lists with its path of keys and indexes, in order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _leaves(item, (*path, i))
    else:
        yield path, value


def _shape(value: Any) -> Any:
    """The structure of nested dicts/lists without their values (empty ones included)."""
    if isinstance(value, dict):
        return ("d", tuple((k, _shape(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("l", tuple(_shape(v) for v in value))
    return "v"


def _with_slots(value: Any, counter: Iterator[int]) -> Any:
    """``value`` with every leaf replaced by its numbered placeholder."""
    if isinstance(value, dict):
        return {k: _with_slots(v, counter) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_with_slots(v, counter) for v in value]
    return _SLOT.format(next(counter))


@dataclass(frozen=True, slots=True)
class _Template:
    """A message zeep built with placeholders, and where each value goes: (child indexes from the
    envelope, attribute name or None for the element's text), in the order of :func:`_leaves`."""

    envelope: Any  # lxml element
    slots: tuple[tuple[tuple[int, ...], str | None], ...]

    @classmethod
    def make(cls, envelope: Any, count: int) -> _Template | None:
        found: dict[int, tuple[tuple[int, ...], str | None]] = {}
        wanted = {_SLOT.format(i): i for i in range(count)}

        def visit(el: Any, where: tuple[int, ...]) -> bool:
            places = [(el.text, None), *((v, k) for k, v in el.attrib.items())]
            for text, attr in places:
                if text in wanted and wanted[text] not in found:
                    found[wanted[text]] = (where, attr)
                elif text and "zeep-slot-" in text:
                    return False  # a placeholder zeep changed, repeated or embedded: no template
            if el.tail and "zeep-slot-" in el.tail:
                return False
            return all(visit(child, (*where, i)) for i, child in enumerate(el))

        if not visit(envelope, ()) or len(found) != count:
            return None
        return cls(envelope, tuple(found[i] for i in range(count)))

    def fill(self, values: list[str]) -> Any:
        envelope = copy.deepcopy(self.envelope)
        for (where, attr), value in zip(self.slots, values, strict=True):
            el = envelope
            for i in where:
                el = el[i]
            if attr is None:
                el.text = value
            else:
                el.set(attr, value)
        return envelope


class NmvsCodec:
    """Build and read the messages of one interface version."""

    def __init__(self, version: str = "v5") -> None:
        self.version = version
        self.ns = namespaces(version)
        self._zeep = _client(version)
        self._bindings: dict[str, Any] = {}
        for service, name in SERVICE_NAMES.items():
            self._bindings[service] = self._zeep.wsdl.bindings[f"{{{self.ns['services']}}}WSHttpBinding_I{name}"]
        #: (code, shape) -> template, or None where the shape is always built by zeep
        self._templates: dict[tuple[Any, ...], _Template | None] = {}

    def build(self, code: str, **parts: Any) -> tuple[bytes, str]:
        """The SOAP 1.2 envelope of operation ``code`` (``Header=…, Body=…`` or ``Input=…``) and its
        SOAP action. An empty ``<soap:Header/>`` is added as real clients send it."""
        op = BY_CODE[code]
        leaves = list(_leaves(parts))
        values = [v for _, v in leaves]
        if all(isinstance(v, str) and v for v in values):
            key = (code, _shape(parts))
            if key not in self._templates and len(self._templates) < MAX_TEMPLATES:
                self._templates[key] = self._template(code, parts, len(leaves))
            template = self._templates.get(key)
            if template is not None:
                try:
                    envelope = template.fill(values)
                except ValueError as exc:  # lxml: not XML characters (as zeep's own rendering says)
                    raise HubRequestError(f"cannot build the NMVS {code} request: {exc}") from None
                return etree.tostring(envelope, encoding="utf-8", xml_declaration=False), op.action
        envelope = self.zeep_envelope(code, **parts)
        return etree.tostring(envelope, encoding="utf-8", xml_declaration=False), op.action

    def _template(self, code: str, parts: dict[str, Any], count: int) -> _Template | None:
        try:
            slotted = self.zeep_envelope(code, **_with_slots(parts, iter(range(count))))
        except HubRequestError:  # zeep would not take a placeholder there: this shape goes through zeep
            return None
        return _Template.make(slotted, count)

    def zeep_envelope(self, code: str, **parts: Any) -> Any:
        """The envelope as zeep builds it (every time; :meth:`build` keeps templates of these)."""
        op = BY_CODE[code]
        binding = self._bindings[op.service]
        try:
            envelope, _headers = binding._create(op.name, (), parts, client=self._zeep)
        except (TypeError, ValueError) as exc:  # zeep's validation of the values given
            raise HubRequestError(f"cannot build the NMVS {code} request: {exc}") from None
        if envelope.find(f"{{{SOAP12_ENV}}}Header") is None:
            envelope.insert(0, etree.Element(f"{{{SOAP12_ENV}}}Header"))
        return envelope

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
