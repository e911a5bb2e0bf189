"""Reading a prescription file: FHIR R4 JSON (MedicationRequest or Bundle) or the simple CSV."""

from __future__ import annotations

from pathlib import Path

from dispense_app.core.prescription import Prescription
from dispense_app.errors import InputError

MAX_FILE = 10 * 1024 * 1024


def load_prescription(path_text: str, rx_id: str | None = None) -> Prescription:
    """The prescription in ``path_text`` (``rx_id``: which one of a CSV holding several).
    Raises :class:`InputError` saying what is wrong with the file (see docs/workflow.md)."""
    from dispense_app.core.fhir import load_fhir
    from dispense_app.core.prescription import PrescriptionError, load_csv, select

    path = Path(path_text)
    try:
        if path.is_dir():
            raise InputError(f"{path_text} is a folder: give the prescription file (FHIR JSON or CSV)")
        if path.stat().st_size > MAX_FILE:
            raise InputError(f"{path_text} is too large for a prescription")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the prescription {path_text}: {exc.strerror or exc}") from None
    try:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
            rx = load_fhir(data)
            if rx_id is not None and rx.rx_id != rx_id:
                raise PrescriptionError(f"the file holds prescription {rx.rx_id}, not {rx_id}")
            return rx
        return select(load_csv(data.decode("utf-8")), rx_id)
    except UnicodeDecodeError:
        raise InputError(f"the prescription {path} is not UTF-8 text") from None
    except PrescriptionError as exc:
        raise InputError(f"the prescription {path} cannot be used: {exc}") from None
