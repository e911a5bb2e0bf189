"""Every NMVS return code, as data: meaning, hub alert, what the outbox does with it. Pure Python.

The table below is shared/protocols/nmvs-blueprint-soap.md section 8 (192 distinct codes from the
v2 and v4 XSD enumerations, a French client's list and SecurMed's pages) with the alert rules of
sections 6-7 (alert classes, the v5 no-alert twins, the PCK_22/PCK_06 exceptions).

:class:`ReturnCode` is an **open** value: a ``str`` subclass. The known codes are interned singletons
(``ReturnCode("NMVS_SUCCESS") is ReturnCode.SUCCESS``), so callers keep comparing with ``is`` and
reading ``.value``/``.name`` as they did with the old enum; any other non-empty text is kept as it
came, and :attr:`ReturnCode.family` classifies it by its segments (``NC`` = about the pack,
``FE`` = functional, ``TE``/``TI``/``FI`` = technical, ``AU``/``PKI``/``PMS`` = credentials), so an
answer nobody listed can never crash the client or stall its outbox.

API (for hub adapters and the workflow):

- ``ReturnCode(text)``: parse (strips blanks; ``nc_pc_01`` and ``NC_PC_01`` are ``NMVS_NC_PC_01``);
  ``ValueError`` only for empty text.
- ``code.info`` -> :class:`CodeInfo` or None (unknown); ``code.known``; ``code.family`` ->
  :class:`CodeFamily`; ``code.handling`` -> :class:`Handling` (what the outbox does);
  ``code.alert_class`` (``"A24"`` ...); ``code.alert_level(state)`` -> :class:`AlertLevel` with the
  real exceptions; ``code.raises_alert(state)``; ``code.twin`` (the no-alert twin of an alerting
  code, or the alerting original of a twin); ``code.meaning``; ``code.short`` (without ``NMVS_``).
- ``iter(ReturnCode)`` / ``len(ReturnCode)`` / ``x in ReturnCode``: the known codes.
- :data:`TABLE`: ``{code: CodeInfo}`` for all 192.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

PREFIX = "NMVS_"


class AlertLevel(StrEnum):
    NONE = "none"
    ALERT = "alert"  # the hub raises an alert (potential falsification) for investigation
    REFUSED = "refused"  # the request is refused, no alert
    BLOCK = "block"  # the pack must not be supplied (recall, expiry), no alert


class CodeFamily(StrEnum):
    """What a code is about, from its segments (works for codes nobody listed)."""

    SUCCESS = "success"
    PACK = "pack"  # NC_*: the pack or product (unknown, inactive, wrong state ...)
    FUNCTIONAL = "functional"  # FE_*: the request's data or transaction reference was refused
    CREDENTIALS = "credentials"  # *_AU_*, *_PKI_*, FE_PMS_*: login, password, certificate, mandate
    TECHNICAL = "technical"  # TE_*, TI_*, FI_*, ERROR: the hub's side; retry, or a hub fault
    NOTIFICATION = "notification"  # NMVS_NOTIFY_*: header notices, never an answer
    OTHER = "other"  # not shaped like an NMVS code at all


class Handling(StrEnum):
    """What the outbox does with this answer to a queued state change."""

    CONFIRM = "confirm"  # carried out (or nothing is owed: PCK_26 old stock)
    RECONCILE = "reconcile"  # TE_TX_01: verify the pack first, then decide; never an alert
    RETRY = "retry"  # transient hub trouble: resend later with the same client trx id (bounded)
    CREDENTIALS = "credentials"  # stop sending: the login/certificate must be fixed; the queue is kept
    FOLLOW_UP = "follow-up"  # not carried out: a conflict with an alert record for follow-up


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One row of the table."""

    code: str  # with the NMVS_ prefix
    meaning: str
    alert_class: str | None  # the hub alert class this code raises (A2, A3, A7, A24, A52, A68)
    level: AlertLevel
    handling: Handling
    sources: str  # 2 = v2 XSD, 4 = v4 XSD, F = French client list, S = SecurMed, A = admin/portal only
    twin: str | None = None  # no-alert twin of an alerting code, or the alerting original of a twin
    class_inferred: bool = False  # the alert class comes from matching names, not a stated source
    uk_level5: bool = False  # on SecurMed's UK Level-5 list

    @property
    def admin_only(self) -> bool:
        """A portal/admin code, not expected on pharmacy transactions."""
        return self.sources == "A"


# code | meaning | alert | src. alert: class (A2...) with "?" when inferred, "uk" = UK Level-5 list
# only, "block" = must not be supplied, "" = none documented. Rows as in section 8, expanded.
_ROWS = """
SUCCESS|processed successfully||24
ERROR|general technical error||24F
FE_AU_01|user/password combination wrong||24F
FE_AU_02|user locked, no login||24F
FE_AU_03|general infringement detected||24F
FE_AU_04|client does not exist||F
FE_AU_05|too many failed logins, account blocked||24F
FE_AU_06|user/password wrong (variant)||2F
FE_AU_07|client differs from the one in the file||F
FE_AU_08|client not entitled to these product numbers||F
FE_AU_09|no mandate for the product of this serial||24F
FE_AU_10|password differs from stored current password||24F
FE_AU_11|password expired or initial: must change||24F
FE_AU_12|user has no mandate for the product||24F
FE_AU_13|invalid data for EU Hub use||F
FE_AU_14|EU Hub id valid but interface not allowed now||F
FE_AU_15|no right to run this process for the product code||24F
FE_AU_17|login data invalid, contact the NMVO||F
FE_AU_18|e-mail already used by another admin||F
FE_AU_23|terms and conditions not accepted in time; access blocked until accepted||24F
FE_AU_24|password change refused, new password already assigned||24F
FE_AU_26|external user id unknown||4
FE_AU_27|authenticated user not mandated||4
FE_AU_29|external user locked||4
FE_GR_01|invalid product code||24F
FE_GR_02|PZN check digit inside the PPN wrong||24F
FE_GR_03|product code prefix does not match the country||24F
FE_GR_04|invalid product code||24F
FE_LOT_01|batch of this serial recalled|block|24F
FE_LOT_02|batch exists with another expiry (upload side)||24F
FE_LOT_03|batch not found|A2?|24F
FE_LOT_04|batch exists with another expiry (variant)||24F
FE_LOT_05|batch not locked||24F
FE_LOT_06|entered (old) expiry differs from stored||24F
FE_LOT_07|expiry is not a valid date||24F
FE_LOT_08|product or batch of this serial recalled/withdrawn|block|4F
FE_LOT_09|no pack of the batch can be locked||F
FE_LOT_10|no pack of the batch can be unlocked||F
FE_LOT_12|expiry does not match the batch|A52?|4S
FE_LOT_13|batch does not match the serial|A68|4S
FE_LOT_15|batch not found, no alert raised||4S
FE_LOT_17|expiry does not match the batch, no alert raised||S
FE_LOT_18|batch does not match the serial, no alert raised||S
FE_PKI_01|certificate expired||24F
FE_PKI_05|no certificate||24F
FE_PKI_06|no valid certificate||24F
FE_PKI_07|no new certificate||24F
FE_PKI_08|no certificate on the server||24F
FE_PKI_09|certificate installation already confirmed||24F
FE_PMS_02|new password equals the old one||24F
FE_PMS_03|new password among the last 20||24F
FE_PMS_04|new password violates the policy||24F
FE_SN_01|duplicate pack data in the request||4
FE_SN_02|product code and serial already exist (upload side)||F
FE_TX_01|RefClientTrxId is not the dispense transaction||24F
FE_TX_02|bulk transaction result not available (not ready or unknown)||24F
FE_TX_03|RefClientTrxId is not the destroy transaction||24F
FE_TX_04|transaction id is not the upload transaction||F
FE_TX_05|reference transaction not valid for this undo||24F
FE_TX_06|SubUserId too long||4
FE_TX_07|memory limit reached||4
FE_TX_08|user details needed||4
FE_TX_09|result truncated||4
FE_TX_10|SubUserId required||4
FI_BAT_01|a process for this action already runs||F
FI_CFG_01|database schema for the client not found||24F
FI_CFG_02|database schema for the client not identified||24F
FI_CFG_03|client (owner) of this product unknown||24F
FI_SE_CLI_01|allowed transmission frequency exceeded||F
NC_PC_01|product code unknown||24F
NC_PC_02|serial number unknown|A3|24F
NC_PC_03|product number owned by another client||24F
NC_PC_04|product already unlocked for the EU Hub||24F
NC_PC_05|product master data mismatch||24F
NC_PC_06|product code not in the system||24F
NC_PC_07|several records for the product code||F
NC_PC_09|product code change not allowed||F
NC_PC_10|GTIN not allowed for a national (non-multimarket) product||F
NC_PC_11|NHRN invalid||F
NC_PC_12|product already inactive/withdrawn|block|4
NC_PC_14|serial number unknown, no alert raised||4S
NC_PC_15|product not in FMD scope||4
NC_PC_16|page number unknown||4
NC_PC_17|NHRN not found for the product||4
NC_PCK_01|pack not dispensable||24F
NC_PCK_02|pack expired|block|24F
NC_PCK_03|pack not dispensable (verify context)||24F
NC_PCK_04|pack not in state dispensed||24F
NC_PCK_05|undo-dispense time limit exceeded||24F
NC_PCK_06|pack state does not match the undo|A24|24F
NC_PCK_07|pack not in state exported||F
NC_PCK_08|pack already locked for dispense||F
NC_PCK_09|batches of the serials expired|block|F
NC_PCK_10|no serial found in the selected upload||F
NC_PCK_11|pack is dispensed, exported or destroyed||24F
NC_PCK_12|product unlocked for the EU Hub||F
NC_PCK_13|undo-destroy time limit exceeded||24F
NC_PCK_14|pack not locked||F
NC_PCK_15|product locked (takeover notified)||24F
NC_PCK_16|product number not locked||F
NC_PCK_17|no serial in the request could be validated||F
NC_PCK_18|pack has an exclusive property||24F
NC_PCK_19|property (state) already set on the pack|A7?|24F
NC_PCK_20|undo time frame exceeded|uk|24F
NC_PCK_21|undo only by the user who set the state|uk|24F
NC_PCK_22|pack already inactive|A24|24F
NC_PCK_23|re-set by double scan registered (tolerated repeat)||24F
NC_PCK_24|at least one serial could not be processed||F
NC_PCK_25|no history for this pack||F
NC_PCK_26|pack not subject to verification, may be supplied (old stock)||4
NC_PCK_27|status change could not be performed|A24?|4S
NC_PCK_28|property already set on the pack, no alert raised||4S
NC_PCK_29|pack state does not match the undo, no alert raised||4S
NC_PCK_30|pack already inactive, no alert raised||4S
NC_PCK_31|status change could not be performed, no alert raised||S
NC_PMS_11|invalid client rights||24F
NC_PMS_23|terms and conditions already confirmed||24F
NC_PMS_24|no terms and conditions available||24F
TE_IF_01|return code not available||4
TE_REQ_01|system unavailable||4
TE_REQ_02|no web-service endpoint found||F
TE_REQ_03|intermarket: hub unreachable||4
TE_REQ_04|intermarket: hub time-out||4
TE_REQ_05|intermarket: fulfilling national system unavailable||4
TE_TX_01|ClientTrxId already used||F
TE_TX_02|transaction id already used by a MAH for an upload||F
TE_TX_03|load limit reached, retry later||4
TE_XM_01|request XML malformed||24F
TE_XM_02|request XML violates the XSD||24F
TI_AU_01|authentication failed (technical)||24F
TI_RT_01|no process for the request||4F
TI_RT_02|central communication error||4F
TI_RT_03|outbound connection limit reached||4F
TI_TO_01|processing time-out||24F
TI_XM_01|response violates the XSD (server side)||24F
"""

# Admin/portal codes (French list only): not expected on pharmacy transactions, listed so that they
# are known and read as what they are.
_ADMIN = {
    "FE_BR_01": "portal: business rule violated",
    "FE_CFG_01": "portal: configuration error",
    "FE_CFG_02": "portal: configuration error",
    "FE_CFG_03": "portal: configuration error",
    **{f"FE_FAQ_0{n}": "portal: FAQ administration" for n in (1, 2, 3, 5, 6, 7)},
    **{f"FE_FI_0{n}": "portal: file upload refused" for n in (1, 2, 3, 4)},
    **{f"FE_PMS_{n:02d}": "portal: user or contract administration" for n in (1, *range(5, 15))},
    "FE_REQ_01": "value already set",
    "FE_REQ_02": "input does not fit the request type",
    **{f"FE_SE_CLI_0{n}": "portal: client session refused" for n in (1, 2, 3, 5)},
    **{
        f"NC_PMS_{n:02d}": "portal: client, user, role or token administration"
        for n in (*range(1, 11), *range(12, 18), *range(19, 23))
    },
    "TE_JS_01": "JSON request malformed",
    "TE_JS_02": "JSON request violates the schema",
    "TI_CFG_01": "hub configuration error",
    "TI_CFG_02": "hub configuration error",
    "WF_NC_01": "portal: workflow error",
    "WF_NC_02": "portal: workflow error",
}

#: alerting code -> its v5 no-alert twin (same situation, no alert id created) [SM-v5]
NO_ALERT_TWINS: dict[str, str] = {
    "FE_LOT_03": "FE_LOT_15",
    "FE_LOT_12": "FE_LOT_17",
    "FE_LOT_13": "FE_LOT_18",
    "NC_PC_02": "NC_PC_14",
    "NC_PCK_19": "NC_PCK_28",
    "NC_PCK_06": "NC_PCK_29",
    "NC_PCK_22": "NC_PCK_30",
    "NC_PCK_27": "NC_PCK_31",
}

#: states for which the real system raises no alert on PCK_22 / PCK_06 [REKS]
QUIET_STATES = frozenset({"Expired", "Recalled", "Withdrawn"})

# --- family and handling rules -------------------------------------------------------------------

_CREDENTIAL_SEGMENTS = frozenset({"AU", "PKI"})
_TECHNICAL_PREFIXES = frozenset({"TE", "TI", "FI"})

#: known codes whose handling differs from their family's default
_HANDLING_OVERRIDES: dict[str, Handling] = {
    # "NC_PCK_23" (a tolerated repeat) stays FOLLOW_UP: the station never sends one pack twice
    # (local guard, verify-first), so for its outbox it means someone else at this location supplied it
    "NC_PCK_26": Handling.CONFIRM,  # old stock, not subject to verification: nothing is owed
    "TE_TX_01": Handling.RECONCILE,
    "FE_TX_02": Handling.RETRY,  # bulk result not ready yet
    "TE_XM_01": Handling.FOLLOW_UP,  # our request is malformed: resending the same cannot help
    "TE_XM_02": Handling.FOLLOW_UP,
    "TE_TX_02": Handling.FOLLOW_UP,
    "TE_JS_01": Handling.FOLLOW_UP,
    "TE_JS_02": Handling.FOLLOW_UP,
    "FI_CFG_03": Handling.FOLLOW_UP,  # the product's owner is unknown: about the product, not the hub
    # a mandate for one product is missing: refuse this pack, do not stop the whole queue
    "FE_AU_08": Handling.FOLLOW_UP,
    "FE_AU_09": Handling.FOLLOW_UP,
    "FE_AU_12": Handling.FOLLOW_UP,
    "FE_AU_15": Handling.FOLLOW_UP,
    "NC_PMS_11": Handling.CREDENTIALS,
}

_FAMILY_HANDLING: dict[CodeFamily, Handling] = {
    CodeFamily.SUCCESS: Handling.CONFIRM,
    CodeFamily.PACK: Handling.FOLLOW_UP,
    CodeFamily.FUNCTIONAL: Handling.FOLLOW_UP,
    CodeFamily.CREDENTIALS: Handling.CREDENTIALS,
    CodeFamily.TECHNICAL: Handling.RETRY,
    CodeFamily.NOTIFICATION: Handling.FOLLOW_UP,
    CodeFamily.OTHER: Handling.FOLLOW_UP,
}


def short(code: str) -> str:
    """The code without the ``NMVS_`` prefix."""
    return code[len(PREFIX) :] if code.startswith(PREFIX) else code


def family_of(code: str) -> CodeFamily:
    """Classify any code text by its segments (``NMVS_`` prefix optional)."""
    parts = short(code.strip().upper()).split("_")
    head = parts[0]
    if head == "SUCCESS":
        return CodeFamily.SUCCESS
    if head == "NOTIFY":
        return CodeFamily.NOTIFICATION
    if head == "ERROR":
        return CodeFamily.TECHNICAL
    if len(parts) < 2 or not all(p.isalnum() for p in parts):
        return CodeFamily.OTHER
    if _CREDENTIAL_SEGMENTS & set(parts[1:]) or (head == "FE" and parts[1] == "PMS"):
        return CodeFamily.CREDENTIALS
    if head == "NC" or head == "WF":
        return CodeFamily.PACK
    if head == "FE":
        return CodeFamily.FUNCTIONAL
    if head in _TECHNICAL_PREFIXES:
        return CodeFamily.TECHNICAL
    return CodeFamily.OTHER


def _handling(code: str, fam: CodeFamily) -> Handling:
    return _HANDLING_OVERRIDES.get(short(code), _FAMILY_HANDLING[fam])


def _info(code: str, meaning: str, alert: str, sources: str) -> CodeInfo:
    key = short(code)
    inferred = alert.endswith("?")
    alert = alert.rstrip("?")
    alert_class = alert if alert.startswith("A") else None
    fam = family_of(code)
    handling = _handling(code, fam)
    if alert_class:
        level = AlertLevel.ALERT
    elif alert == "block":
        level = AlertLevel.BLOCK
    elif fam is CodeFamily.SUCCESS or handling is Handling.CONFIRM:
        level = AlertLevel.NONE
    else:
        level = AlertLevel.REFUSED
    originals = {v: k for k, v in NO_ALERT_TWINS.items()}
    twin = NO_ALERT_TWINS.get(key) or originals.get(key)
    return CodeInfo(
        code=PREFIX + key,
        meaning=meaning,
        alert_class=alert_class,
        level=level,
        handling=handling,
        sources=sources,
        twin=PREFIX + twin if twin else None,
        class_inferred=inferred,
        uk_level5=key in _UK_LEVEL5,
    )


_UK_LEVEL5 = frozenset(
    {"FE_LOT_03", "FE_LOT_12", "FE_LOT_13", "NC_PC_02", "NC_PCK_06", "NC_PCK_19", "NC_PCK_20", "NC_PCK_21"}
    | {"NC_PCK_22", "NC_PCK_27"}
)


def _build() -> dict[str, CodeInfo]:
    table: dict[str, CodeInfo] = {}
    for line in _ROWS.strip().splitlines():
        code, meaning, alert, sources = line.split("|")
        table[PREFIX + code] = _info(code, meaning, alert, sources)
    for code, meaning in _ADMIN.items():
        table[PREFIX + code] = _info(code, meaning, "", "A")
    return table


TABLE: dict[str, CodeInfo] = _build()
"""Every known code (with the NMVS_ prefix) -> its row."""


class _ReturnCodeType(type):
    """Iterating, sizing and ``in`` on the class itself cover the known codes (as with an enum)."""

    def __iter__(cls) -> Iterator[ReturnCode]:
        return (ReturnCode(c) for c in TABLE)

    def __len__(cls) -> int:
        return len(TABLE)

    def __contains__(cls, item: object) -> bool:
        return isinstance(item, str) and item in TABLE


class ReturnCode(str, metaclass=_ReturnCodeType):
    """An NMVS return code: one of the table (interned) or any other text, kept as it came."""

    __slots__ = ()
    _interned: ClassVar[dict[str, ReturnCode]] = {}
    _names: ClassVar[dict[str, str]] = {}

    # names the callers use (the old enum's members and a few more); every code is ReturnCode(text)
    SUCCESS: ClassVar[ReturnCode]
    PRODUCT_UNKNOWN: ClassVar[ReturnCode]
    SERIAL_UNKNOWN: ClassVar[ReturnCode]
    BATCH_UNKNOWN: ClassVar[ReturnCode]
    EXPIRY_MISMATCH: ClassVar[ReturnCode]
    BATCH_MISMATCH: ClassVar[ReturnCode]
    ALREADY_INACTIVE: ClassVar[ReturnCode]
    UNDO_STATE_MISMATCH: ClassVar[ReturnCode]
    ALREADY_IN_STATE: ClassVar[ReturnCode]
    UNDO_TOO_LATE: ClassVar[ReturnCode]
    UNDO_OTHER_LOCATION: ClassVar[ReturnCode]
    BATCH_RECALLED: ClassVar[ReturnCode]
    PACK_EXPIRED: ClassVar[ReturnCode]
    TRX_ID_REUSED: ClassVar[ReturnCode]
    ERROR: ClassVar[ReturnCode]
    PRODUCT_OR_BATCH_WITHDRAWN: ClassVar[ReturnCode]
    REPEAT_TOLERATED: ClassVar[ReturnCode]
    NOT_SUBJECT_TO_VERIFICATION: ClassVar[ReturnCode]
    STATUS_CHANGE_FAILED: ClassVar[ReturnCode]
    SERIAL_UNKNOWN_NO_ALERT: ClassVar[ReturnCode]
    BATCH_UNKNOWN_NO_ALERT: ClassVar[ReturnCode]
    EXPIRY_MISMATCH_NO_ALERT: ClassVar[ReturnCode]
    BATCH_MISMATCH_NO_ALERT: ClassVar[ReturnCode]
    ALREADY_IN_STATE_NO_ALERT: ClassVar[ReturnCode]
    UNDO_STATE_MISMATCH_NO_ALERT: ClassVar[ReturnCode]
    ALREADY_INACTIVE_NO_ALERT: ClassVar[ReturnCode]
    STATUS_CHANGE_FAILED_NO_ALERT: ClassVar[ReturnCode]
    WRONG_REF_DISPENSE: ClassVar[ReturnCode]
    WRONG_REF_DESTROY: ClassVar[ReturnCode]
    WRONG_REF_OTHER: ClassVar[ReturnCode]
    UNDO_DISPENSE_TOO_LATE: ClassVar[ReturnCode]
    UNDO_DESTROY_TOO_LATE: ClassVar[ReturnCode]
    SYSTEM_UNAVAILABLE: ClassVar[ReturnCode]
    LOAD_LIMIT: ClassVar[ReturnCode]
    RATE_LIMITED: ClassVar[ReturnCode]
    TIMEOUT: ClassVar[ReturnCode]
    LOGIN_FAILED: ClassVar[ReturnCode]
    # US VRS answers with no NMVS twin (issue 19; core/vrs.py gives them their verdicts)
    VRS_NOT_FOR_REDISTRIBUTION: ClassVar[ReturnCode]
    VRS_MANUFACTURER_POLICY: ClassVar[ReturnCode]
    VRS_NO_REASON: ClassVar[ReturnCode]
    VRS_SUSPECT: ClassVar[ReturnCode]
    VRS_ILLEGITIMATE: ClassVar[ReturnCode]
    VRS_NO_ROUTE: ClassVar[ReturnCode]
    VRS_CREDENTIAL_REFUSED: ClassVar[ReturnCode]
    VRS_NOT_AUTHENTICATED: ClassVar[ReturnCode]

    def __new__(cls, value: object) -> ReturnCode:
        text = str(value).strip() if value is not None else ""
        if not text:
            raise ValueError("a return code cannot be empty")
        hit = cls._interned.get(text)
        if hit is not None:
            return hit
        canonical = PREFIX + short(text.upper())
        hit = cls._interned.get(canonical)
        if hit is not None:
            return hit
        return str.__new__(cls, text)

    def __repr__(self) -> str:
        return f"ReturnCode({str(self)!r})"

    def __reduce__(self) -> tuple[type[ReturnCode], tuple[str]]:
        return (ReturnCode, (str(self),))

    # --- enum-like --------------------------------------------------------------------------------
    @property
    def value(self) -> str:
        return str(self)

    @property
    def name(self) -> str:
        """The caller-facing name (``ALREADY_INACTIVE``) where there is one, else the short code."""
        return ReturnCode._names.get(str(self), short(str(self)))

    # --- what the table says ----------------------------------------------------------------------
    @property
    def info(self) -> CodeInfo | None:
        return TABLE.get(str(self))

    @property
    def known(self) -> bool:
        return str(self) in TABLE

    @property
    def short(self) -> str:
        return short(str(self))

    @property
    def family(self) -> CodeFamily:
        return family_of(str(self))

    @property
    def handling(self) -> Handling:
        info = self.info
        return info.handling if info else _handling(str(self), self.family)

    @property
    def meaning(self) -> str:
        info = self.info
        if info:
            return info.meaning
        return f"code not in the table ({self.family.value})"

    @property
    def twin(self) -> ReturnCode | None:
        info = self.info
        return ReturnCode(info.twin) if info and info.twin else None

    @property
    def is_no_alert_twin(self) -> bool:
        return self.short in _TWIN_ORIGINALS

    @property
    def alerting_original(self) -> ReturnCode:
        """For a v5 no-alert twin, the alerting code of the same situation; else the code itself."""
        original = _TWIN_ORIGINALS.get(self.short)
        return ReturnCode(PREFIX + original) if original else self

    @property
    def alert_class(self) -> str | None:
        """The hub alert class this code raises (e.g. "A3"), or None."""
        info = self.info
        return info.alert_class if info else None

    def alert_level(self, state: object | None = None) -> AlertLevel:
        """How serious this answer is, with the real exceptions [REKS]: NC_PCK_22 raises no alert when
        the pack is inactive because it expired, was recalled or withdrawn (the pack must not be
        supplied: BLOCK); NC_PCK_06 raises none on an undo of a pack that is Active or inactive for
        a batch/product reason (REFUSED). ``state`` is a PackState or its word."""
        info = self.info
        if info is None:
            if str(self) in VRS_LEVELS:
                return VRS_LEVELS[str(self)]
            fam = self.family
            if fam is CodeFamily.SUCCESS:
                return AlertLevel.NONE
            return AlertLevel.REFUSED
        word = str(state) if state is not None else None
        if self is ReturnCode.ALREADY_INACTIVE and word in QUIET_STATES:
            return AlertLevel.BLOCK
        if self is ReturnCode.UNDO_STATE_MISMATCH and (word in QUIET_STATES or word == "Active"):
            return AlertLevel.REFUSED
        return info.level

    def raises_alert(self, state: object | None = None) -> bool:
        return self.alert_level(state) is AlertLevel.ALERT


_TWIN_ORIGINALS = {v: k for k, v in NO_ALERT_TWINS.items()}

_ALIASES = {
    "SUCCESS": "SUCCESS",
    "PRODUCT_UNKNOWN": "NC_PC_01",
    "SERIAL_UNKNOWN": "NC_PC_02",
    "BATCH_UNKNOWN": "FE_LOT_03",
    "EXPIRY_MISMATCH": "FE_LOT_12",
    "BATCH_MISMATCH": "FE_LOT_13",
    "ALREADY_INACTIVE": "NC_PCK_22",
    "UNDO_STATE_MISMATCH": "NC_PCK_06",
    "ALREADY_IN_STATE": "NC_PCK_19",
    "UNDO_TOO_LATE": "NC_PCK_20",
    "UNDO_OTHER_LOCATION": "NC_PCK_21",
    "BATCH_RECALLED": "FE_LOT_01",
    "PACK_EXPIRED": "NC_PCK_02",
    "TRX_ID_REUSED": "TE_TX_01",
    "ERROR": "ERROR",
    "PRODUCT_OR_BATCH_WITHDRAWN": "FE_LOT_08",
    "REPEAT_TOLERATED": "NC_PCK_23",
    "NOT_SUBJECT_TO_VERIFICATION": "NC_PCK_26",
    "STATUS_CHANGE_FAILED": "NC_PCK_27",
    "SERIAL_UNKNOWN_NO_ALERT": "NC_PC_14",
    "BATCH_UNKNOWN_NO_ALERT": "FE_LOT_15",
    "EXPIRY_MISMATCH_NO_ALERT": "FE_LOT_17",
    "BATCH_MISMATCH_NO_ALERT": "FE_LOT_18",
    "ALREADY_IN_STATE_NO_ALERT": "NC_PCK_28",
    "UNDO_STATE_MISMATCH_NO_ALERT": "NC_PCK_29",
    "ALREADY_INACTIVE_NO_ALERT": "NC_PCK_30",
    "STATUS_CHANGE_FAILED_NO_ALERT": "NC_PCK_31",
    "WRONG_REF_DISPENSE": "FE_TX_01",
    "WRONG_REF_DESTROY": "FE_TX_03",
    "WRONG_REF_OTHER": "FE_TX_05",
    "UNDO_DISPENSE_TOO_LATE": "NC_PCK_05",
    "UNDO_DESTROY_TOO_LATE": "NC_PCK_13",
    "SYSTEM_UNAVAILABLE": "TE_REQ_01",
    "LOAD_LIMIT": "TE_TX_03",
    "RATE_LIMITED": "FI_SE_CLI_01",
    "TIMEOUT": "TI_TO_01",
    "LOGIN_FAILED": "FE_AU_01",
}


def _intern() -> None:
    for code in TABLE:
        ReturnCode._interned[code] = str.__new__(ReturnCode, code)
    for alias, code in _ALIASES.items():
        member = ReturnCode._interned[PREFIX + code]
        setattr(ReturnCode, alias, member)
        ReturnCode._names[str(member)] = alias


_intern()

VRS_CODES: dict[str, tuple[str, AlertLevel]] = {
    "VRS_NOT_FOR_REDISTRIBUTION": ("VRS_Not_for_re-distribution", AlertLevel.ALERT),
    "VRS_MANUFACTURER_POLICY": ("VRS_Manufacturer_policy", AlertLevel.BLOCK),
    "VRS_NO_REASON": ("VRS_No_reason_provided", AlertLevel.ALERT),
    "VRS_SUSPECT": ("VRS_Suspect", AlertLevel.ALERT),
    "VRS_ILLEGITIMATE": ("VRS_Illegitimate", AlertLevel.ALERT),
    "VRS_NO_ROUTE": ("VRS_HTTP_404", AlertLevel.REFUSED),  # not in the Lookup Directory: routing, not unknown
    "VRS_CREDENTIAL_REFUSED": ("VRS_HTTP_403", AlertLevel.REFUSED),  # permission or the ATP credential
    "VRS_NOT_AUTHENTICATED": ("VRS_HTTP_401", AlertLevel.REFUSED),
}
"""The US VRS's own answers (name -> code, alert level): interned like the NMVS codes, not in TABLE."""
VRS_LEVELS: dict[str, AlertLevel] = {code: level for code, level in VRS_CODES.values()}


def _intern_vrs() -> None:
    for alias, (code, _level) in VRS_CODES.items():
        member = str.__new__(ReturnCode, code)
        ReturnCode._interned[code] = member
        setattr(ReturnCode, alias, member)
        ReturnCode._names[code] = alias


_intern_vrs()


def twin_for(code: ReturnCode, *, alert: bool) -> ReturnCode:
    """The code a v5 system answers for the situation of ``code``: the alerting original when the
    hub raises an alert, its no-alert twin when it does not (codes without a twin are themselves)."""
    original = code.alerting_original
    if alert:
        return original
    twin = NO_ALERT_TWINS.get(original.short)
    return ReturnCode(PREFIX + twin) if twin else original


__all__ = [
    "NO_ALERT_TWINS",
    "PREFIX",
    "QUIET_STATES",
    "TABLE",
    "AlertLevel",
    "CodeFamily",
    "CodeInfo",
    "Handling",
    "ReturnCode",
    "family_of",
    "short",
    "twin_for",
]
