"""Hub access: the FMD REST and US VRS adapters behind :class:`dispense_app.core.model.HubClient`,
their shared transport (TLS, OAuth2, retries, timing), credentials in the keyring, and the hub
simulator (:mod:`dispense_app.hub.simulator`).

Import the submodules directly (``from dispense_app.hub.fmd_rest import FmdRestClient``); this
package stays cheap to import.
"""
