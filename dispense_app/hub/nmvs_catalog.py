"""The NMVS "Blueprint" operations the app knows (shared/protocols/nmvs-blueprint-soap.md section 4).

One row per operation: the G-code (the name of its root element, ``G110Request``), the WSDL
operation name, the request and response types of ``resources/nmvs/NMVS_Types.xsd`` and the service
(endpoint) it belongs to. ``scripts/gen_nmvs_wsdl.py`` writes the WSDL and the root-element schema
from this table; the adapter and the simulator read it to know which element goes where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Service = Literal["single", "bulk", "mixed", "support"]


@dataclass(frozen=True, slots=True)
class Operation:
    code: str  # "G110", or the ping element's stem ("SinglePackPing")
    name: str  # WSDL operation name
    request_type: str
    response_type: str
    service: Service
    soap_action: str = ""

    @property
    def request_element(self) -> str:
        return f"{self.code}Request"

    @property
    def response_element(self) -> str:
        return f"{self.code}Response"

    @property
    def action(self) -> str:
        return self.soap_action or f"urn:{self.name}"


def _single(code: str, name: str, req: str, action: str = "") -> Operation:
    return Operation(code, name, f"{req}RequestType", "SingleResponseType", "single", action)


def _bulk(code: str, name: str, req: str = "Bulk") -> Operation:
    return Operation(code, name, f"{req}RequestType", "ReturnCodeResponseType", "bulk")


OPERATIONS: tuple[Operation, ...] = (
    # single pack (port 8443)
    _single("G110", "G110Verify", "Single"),
    _single("G112", "G112ManualVerify", "Manual", "urn:G112Verify"),  # the WSDL's SOAPAction differs
    _single("G120", "G120Dispense", "Single"),
    _single("G121", "G121UndoDispense", "Undo"),
    _single("G122", "G122DispenseManualEntry", "Manual"),
    _single("G123", "G123UndoDispenseManualEntry", "ManualUndo"),
    _single("G130", "G130Destroy", "Single"),
    _single("G132", "G132DestroyManualEntry", "Manual"),
    _single("G140", "G140Export", "Single"),
    _single("G141", "G141UndoExport", "Undo"),
    _single("G142", "G142ExportManualEntry", "Manual"),
    _single("G143", "G143UndoExportManualEntry", "ManualUndo"),
    _single("G150", "G150Sample", "Single"),
    _single("G151", "G151UndoSample", "Undo"),
    _single("G152", "G152SampleManualEntry", "Manual"),
    _single("G153", "G153UndoSampleManualEntry", "ManualUndo"),
    _single("G160", "G160FreeSample", "Single"),
    _single("G161", "G161UndoFreeSample", "Undo"),
    _single("G170", "G170Lock", "Single"),
    _single("G171", "G171UndoLock", "Undo"),
    _single("G172", "G172LockManualEntry", "Manual"),
    _single("G173", "G173UndoLockManualEntry", "ManualUndo"),
    _single("G180", "G180Stolen", "Single"),
    _single("G182", "G182StolenManualEntry", "Manual"),
    Operation("SinglePackPing", "PingSinglePack", "PingRequestType", "PingResponseType", "single"),
    # bulk (port 8445): submit, then G188 for the result
    _bulk("G115", "G115BulkVerify"),
    _bulk("G125", "G125BulkDispense"),
    _bulk("G127", "G127BulkUndoDispense", "BulkUndo"),
    _bulk("G135", "G135BulkDestroy"),
    _bulk("G145", "G145BulkExport"),
    _bulk("G147", "G147BulkUndoExport", "BulkUndo"),
    _bulk("G155", "G155BulkSample"),
    _bulk("G157", "G157BulkUndoSample", "BulkUndo"),
    _bulk("G165", "G165BulkFreeSample"),
    _bulk("G167", "G167BulkUndoFreeSample", "BulkUndo"),
    _bulk("G175", "G175BulkLock"),
    _bulk("G177", "G177BulkUndoLock", "BulkUndo"),
    _bulk("G185", "G185BulkStolen"),
    Operation("G188", "G188RequestBulkPackResult", "ResultFetchRequestType", "BulkResultResponseType", "bulk"),
    Operation("BulkPing", "PingBulk", "PingRequestType", "PingResponseType", "bulk"),
    # mixed bulk (port 8446)
    Operation("G195", "G195SubmitBulkTransaction", "MixedBulkRequestType", "ReturnCodeResponseType", "mixed"),
    Operation("G196", "G196RequestBulkTransactionResult", "ResultFetchRequestType", "MixedResultResponseType", "mixed"),
    Operation("MixedBulkPing", "PingMixedBulk", "PingRequestType", "PingResponseType", "mixed"),
    # support (port 8448)
    Operation("SupportPing", "SupportPing", "PingRequestType", "PingResponseType", "support"),
    Operation("G445", "G445ChangePassword", "PasswordChangeRequestType", "ReturnCodeResponseType", "support"),
    Operation("G482", "G482LoadTermsAndConditions", "TermsLoadRequestType", "TermsResponseType", "support"),
    Operation("G483", "G483ConfirmTermsAndConditions", "TermsConfirmRequestType", "ReturnCodeResponseType", "support"),
)

BY_CODE: dict[str, Operation] = {op.code: op for op in OPERATIONS}
BY_REQUEST_ELEMENT: dict[str, Operation] = {op.request_element: op for op in OPERATIONS}

SERVICE_NAMES: dict[Service, str] = {
    "single": "SinglePackServices",
    "bulk": "BulkServices",
    "mixed": "MixedBulkServices",
    "support": "SupportServices",
}
