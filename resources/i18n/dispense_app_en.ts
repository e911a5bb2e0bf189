<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AlertsView</name>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="194" />
            <source>dispense-app — alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="196" />
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="197" />
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="198" />
            <location filename="../../dispense_app/ui/alerts_view.py" line="213" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="199" />
            <location filename="../../dispense_app/ui/alerts_view.py" line="214" />
            <source>Return code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="200" />
            <location filename="../../dispense_app/ui/alerts_view.py" line="217" />
            <source>Operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="204" />
            <source>Search (F5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="206" />
            <source>all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="208" />
            <source>(no cause)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="212" />
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="215" />
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="216" />
            <source>Serial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="220" />
            <source>Alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="223" />
            <source>Select all rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="224" />
            <source>Every field of the selected alert</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="225" />
            <source>New status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="226" />
            <source>Cause (to close)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="227" />
            <source>Comment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="228" />
            <source>Save status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="229" />
            <source>Add comment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="230" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="231" />
            <source>Export the listed alerts to a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="244" />
            <source>new</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="245" />
            <source>investigating</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="246" />
            <source>closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="251" />
            <source>scanner set-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="252" />
            <source>user error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="253" />
            <source>double decommission</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="254" />
            <source>data error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="255" />
            <source>suspected falsification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="283" />
            <source>Searching…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="303" />
            <source>{n} alerts (newest first)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="353" />
            <source>Alert {id} saved: {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="362" />
            <source>Export alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="375" />
            <source>Exporting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="380" />
            <source>{rows} alerts written to {path}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CounterWindow</name>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="625" />
            <source>dispense-app — counter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="626" />
            <source>[TRAINING] {title}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="628" />
            <source>TRAINING — simulated hub and demo packs; nothing is really decommissioned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="631" />
            <source>Packs in this dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="632" />
            <source>Dispense (F9)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="633" />
            <source>Dispense the checked packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="634" />
            <source>Undo (F8)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="635" />
            <source>Undo the supply of the selected pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="636" />
            <source>Send outbox (F7)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="637" />
            <source>Send the queued offline transactions to the hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="638" />
            <source>New dispense (F12)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="639" />
            <source>Start a new dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="640" />
            <source>Type the code (F4)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="641" />
            <source>Type the printed code of a pack that cannot be scanned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="642" />
            <source>Outbox replay progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="643" />
            <source>Open the alerts view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="661" />
            <source>OK — may be dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="662" />
            <source>CHECK — read the reasons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="663" />
            <source>STOP — do not supply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="664" />
            <source>Ready — scan a pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="665" />
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="673" />
            <source>Scan the pack's DataMatrix code; the verdict appears here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="718" />
            <source>⚠ Alerts: {n} new (F6)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="721" />
            <source>Alerts (F6)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="752" />
            <source>Open a prescription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="754" />
            <source>Prescriptions (*.json *.csv);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="779" />
            <source>Type the printed code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="895" />
            <source>Undo possible until {when} (same premises only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="904" />
            <source>The check could not be completed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="905" />
            <source>Scan the pack again. If this repeats, do not supply it and call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="910" />
            <source>The prescription cannot be used: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="913" />
            <source>Dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="913" />
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="914" />
            <source>{action} failed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="923" />
            <source>✖ Station not ready: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="943" />
            <source>Hub: …</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="950" />
            <source>Hub: not checked yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="953" />
            <source>● Hub online</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="956" />
            <source>✖ Hub OFFLINE — working from the local cache</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="958" />
            <source>Outbox: {n} queued</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="960" />
            <source>Hub p95: — (target {target:.0f} ms)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="966" />
            <source>{mark} Hub p95: {p95:.0f} ms (target {target:.0f} ms)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="972" />
            <source>Scanner: {profile}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="972" />
            <source>no profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="975" />
            <source>Operator: {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="975" />
            <source>not signed in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="1007" />
            <source>Outbox: sending {done} of {total}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="1018" />
            <source>Sending the outbox failed: {error}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ManualEntryForm</name>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="30" />
            <source>Product code (GTIN, PPN or PZN)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="31" />
            <source>Serial number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="32" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="33" />
            <source>Expiry (e.g. 2027-05-31 or 05/2027)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="52" />
            <source>Check and use</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PackList</name>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="374" />
            <source>Packs in this dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="377" />
            <source>Select all rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="380" />
            <source>Verdict</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="381" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="382" />
            <source>Serial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="383" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="384" />
            <source>Undo until</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="390" />
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="391" />
            <source>CHECK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="392" />
            <source>STOP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="397" />
            <source>checked, not yet dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="398" />
            <source>do not supply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="399" />
            <source>dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="400" />
            <source>dispensed offline (queued)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="401" />
            <source>undone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="402" />
            <source>refused by the hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="412" />
            <source>(unreadable code)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PackPanel</name>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="181" />
            <source>Pack — compare with the printed pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="183" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="184" />
            <location filename="../../dispense_app/ui/counter_window.py" line="196" />
            <location filename="../../dispense_app/ui/counter_window.py" line="230" />
            <source>Product code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="185" />
            <source>Serial (SN)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="186" />
            <source>Batch (LOT)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="187" />
            <source>Expiry (EXP)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="188" />
            <source>PZN / NHRN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="189" />
            <source>Entry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="190" />
            <source>Hub state</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="204" />
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="205" />
            <source>Supplied (dispensed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="206" />
            <source>Destroyed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="207" />
            <source>Exported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="208" />
            <source>Sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="209" />
            <source>Free sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="210" />
            <source>Locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="211" />
            <source>Stolen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="212" />
            <source>Checked out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="213" />
            <source>Expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="214" />
            <source>Recalled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="215" />
            <source>Withdrawn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="227" />
            <source>Scanned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="227" />
            <source>Typed by hand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="227" />
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="229" />
            <source>Product code ({scheme})</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PrescriptionPanel</name>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="285" />
            <source>Prescription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="286" />
            <source>Open prescription (F3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="287" />
            <source>Open a prescription file (FHIR JSON or CSV)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="288" />
            <source>Prescribed item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="288" />
            <source>Prescribed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="289" />
            <source>Dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="289" />
            <source>Left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="290" />
            <source>Prescribed items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="293" />
            <source>Select all rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="300" />
            <source>{n} packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="300" />
            <source>1 pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="301" />
            <source>{n} units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="301" />
            <source>1 unit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="314" />
            <source>No prescription open: packs are checked without one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="319" />
            <source>no patient named</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="320" />
            <source>{rx} for {patient} ({status})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="329" />
            <source>covered</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>verdict</name>
        <message>
            <source>Pack verified: genuine and active.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You may hand it over; it is decommissioned when you dispense it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack verified and decommissioned (supplied).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hand the pack over.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo done: the pack is active again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put the pack back into stock.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The dispense had not reached the hub yet and was cancelled here; the pack stays active.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack decommissioned as destroyed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put the pack in the destruction bin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack decommissioned as a sample.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hand the pack to the authority.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done: the pack is now {state}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The code could not be read correctly: {detail}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rescan the pack (another scanner if you have one) or type the printed code; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scanner's input was stopped before the hub: {detail}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the scanner set-up, rescan, or type the printed code; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No pack code to check.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan the pack's DataMatrix code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already dispensed here {ago}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it again. Undo available until {undo_until}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already dispensed here {ago}; the 10-day undo window ended {undo_until}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it again; the pack cannot be returned to stock.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already dispensed here {ago} and waiting to be sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it again; it is decommissioned when the hub is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already decommissioned here as {state} {ago}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply it; quarantine the pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack expired on {expiry}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; put it with the expired stock for destruction.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batch {lot} recalled: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack, do not supply.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product withdrawn from the market: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No dispense of this pack is recorded at this station.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only packs dispensed here can be returned to stock; check the pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo is no longer possible: dispensed {ago}, the 10-day window ended {undo_until}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack out of stock; destroy it if it cannot be supplied.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This dispense was already undone {ago}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The pack is back in stock; nothing to do.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub cannot be reached: the pack is recorded and will be verified and decommissioned when it is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You may hand it over; watch the alerts list for a late answer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub cannot be reached: the {transaction} is recorded and will be sent when it is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub cannot be reached: the pack could not be verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try again in a moment; dispensing will record and queue it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not checked with the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product code unknown to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the printed product code with the scan and rescan; if it stays unknown, do not supply and contact the national organisation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown serial for this product.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed serial with the scan ({serial}), rescan or type it, then report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batch {lot} unknown to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed batch with the scan, rescan or type it, then report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expiry date {expiry} does not match the batch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed expiry date with the scan, rescan, then report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batch {lot} does not match this serial.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed batch and serial with the scan, rescan, then report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack already inactive on the hub ({state}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack, do not supply; report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo refused: the pack's state ({state}) does not allow it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack out of stock and report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack already {state} on the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply it again. If it was dispensed here by mistake twice, check the records; otherwise report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo refused by the hub: more than 10 days since the pack was decommissioned.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo refused by the hub: the pack was decommissioned by another location or user.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the pharmacy that decommissioned it can undo; keep the pack aside.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batch recalled: quarantine, do not supply.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack and follow the recall notice.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub reports the pack expired.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub refused the request: its transaction id was already used for another request.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not retry by hand; contact support with the alert id.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub refused the request as malformed: {detail}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the scan with the printed code and rescan or type it; contact support if it happens again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub answered {return_code}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; contact support with the alert id.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already supplied elsewhere (decommissioned as dispensed).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack, do not supply; compare with the printed code and report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack was decommissioned as destroyed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack was decommissioned as exported outside the EU.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack was decommissioned as a sample for the authorities.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack was decommissioned as a free sample.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; free samples are not for sale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack is locked on the hub (under investigation).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack, do not supply; wait for the outcome.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack is reported stolen.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack, do not supply; report it to the national organisation at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack is checked out of the repository (moved to another system).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; contact the supplier.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack expired (inactive on the hub).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product withdrawn from the market.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This pack was already scanned for this dispense.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan the next pack; the same pack cannot count twice.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not the prescribed product: {product} instead of {prescribed}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; take the prescribed product.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong strength: {strength} instead of {prescribed_strength}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; take the prescribed strength.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong form: {form} instead of {prescribed_form}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; take the prescribed form.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Substitution not allowed: the prescription names {prescribed}, this is {product}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; take exactly the prescribed product.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Generic substitute for {prescribed}: same ingredient, strength and form.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tell the patient the pack looks different.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>More packs than prescribed: {count} of {allowed}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply this pack; the prescription is already covered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The pack size is unknown, so the prescribed quantity ({quantity}) cannot be checked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the quantity by hand.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pack expires on {expiry}, before the therapy ends on {therapy_end}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prefer a pack with a later expiry date, or tell the patient when to stop using it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No product data for this pack, so it cannot be matched to the prescription.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check by hand that it is the prescribed product, or update the product data.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The prescription is {status}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply on this prescription.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The prescription is for another patient ({prescribed_patient}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; check the patient and the prescription.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>just now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 minute ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} minutes ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 hour ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} hours ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 day ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} days ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in the future</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Jan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Feb</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apr</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>May</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Jun</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Jul</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Aug</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sep</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Oct</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nov</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dec</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
