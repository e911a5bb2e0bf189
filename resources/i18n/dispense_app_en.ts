<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="75" />
            <source>About {app}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="79" />
            <source>Version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="80" />
            <source>Qt / PySide6</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="81" />
            <source>Python</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="82" />
            <source>Data folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="83" />
            <source>Hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="87" />
            <source>Licences of the bundled data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="90" />
            <source>GS1 Barcode Syntax Dictionary (the application identifier table): © 2020-2021 BWIPP project, © 2020-2021 Zint Project, © 2021-2026 GS1 AISBL; Apache License 2.0 (scanner/LICENSE-gs1-syntax-dictionary.txt).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="96" />
            <source>zxing-cpp DataMatrix sample images (decoder tests and benchmarks): © the zxing-cpp authors; Apache License 2.0.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="100" />
            <source>Apache License 2.0: https://www.apache.org/licenses/LICENSE-2.0</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="103" />
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="104" />
            <source>Copy the version information to the clipboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="107" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="108" />
            <source>Close the About dialog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="116" />
            <source>not known</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="117" />
            <source>not known yet (the station has not reported one)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AdherenceView</name>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="181" />
            <source>dispense-app — adherence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="182" />
            <source>Patient</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="183" />
            <source>name or patient reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="184" />
            <source>Show (F5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="187" />
            <source>Medication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="188" />
            <source>PDC 180 d</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="189" />
            <source>PDC 365 d</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="190" />
            <source>Early</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="191" />
            <source>Late</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="192" />
            <source>Runs out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="193" />
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="196" />
            <source>Adherence per medication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="199" />
            <source>Select all rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="200" />
            <source>Proportion of days covered per medication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="201" />
            <source>Dispense timeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="202" />
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="203" />
            <source>Adherence notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="204" />
            <source>New note for the selected medication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="205" />
            <source>Add note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="237" />
            <source>Give a patient reference.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="239" />
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="247" />
            <source>1 medication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="248" />
            <source>{n} medications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="249" />
            <source>{patient}: {medications}, as of {day}; adherent from {threshold} of days covered (PDC: proportion of days covered by the supplies dispensed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="254" />
            <source>(1 supply without days of therapy is not counted)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="256" />
            <source>({n} supplies without days of therapy are not counted)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="276" />
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="276" />
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="284" />
            <source>adherent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="284" />
            <source>below threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="293" />
            <source>not enough data ({days} d)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="301" />
            <source>Proportion of days covered (threshold {t})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="303" />
            <source>180 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="304" />
            <source>365 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="323" />
            <source>threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="340" />
            <source>Dispense timeline, last 365 days: each fill and its days (red: early or late)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AlertDetail</name>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="31" />
            <source>scanned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="32" />
            <source>typed by hand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="33" />
            <source>camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="50" />
            <source>What happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="51" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="52" />
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="53" />
            <source>Scanned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="54" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="55" />
            <source>Serial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="56" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="57" />
            <source>Expiry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="58" />
            <source>National numbers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="59" />
            <source>Hub answer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="60" />
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="61" />
            <source>Entry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="62" />
            <source>Scanner profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="63" />
            <source>Key timings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="64" />
            <source>Code read (hex)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="65" />
            <source>Symbology</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="66" />
            <source>Patient</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="67" />
            <source>Supplied anyway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="69" />
            <source>Operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="70" />
            <source>Station</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="71" />
            <source>Dispense record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="72" />
            <source>Transaction ids</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="73" />
            <source>Alert id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="74" />
            <source>App version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="81" />
            <source>Comment</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AlertsView</name>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="237" />
            <source>dispense-app — alerts</source>
            <extracomment>shown or activated (someone may have signed in at the counter meanwhile)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="240" />
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="241" />
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="242" />
            <location filename="../../dispense_app/ui/alerts_view.py" line="257" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="243" />
            <source>Return code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="244" />
            <location filename="../../dispense_app/ui/alerts_view.py" line="261" />
            <source>Operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="248" />
            <source>Search (F5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="250" />
            <source>all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="252" />
            <source>(no cause)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="256" />
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="260" />
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="259" />
            <source>Serial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="258" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="264" />
            <source>Alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="267" />
            <source>Select all rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="268" />
            <source>Every field of the selected alert</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="269" />
            <source>New status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="270" />
            <source>Cause (to close)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="271" />
            <source>Comment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="272" />
            <source>Save status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="273" />
            <source>Copy all fields</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="274" />
            <source>Every field of the alert by its record name, for a support ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="275" />
            <source>Add comment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="276" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="277" />
            <source>Cancel export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="278" />
            <source>Export progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="279" />
            <source>Export the listed alerts to a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="292" />
            <source>new</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="293" />
            <source>investigating</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="294" />
            <source>closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="299" />
            <source>scanner set-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="300" />
            <source>user error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="301" />
            <source>double decommission</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="302" />
            <source>data error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="303" />
            <source>suspected falsification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="331" />
            <source>Searching…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="392" />
            <source>{shown} of {n} alerts (newest first; scroll down for more)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="395" />
            <source>{n} alerts (newest first)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="461" />
            <source>The signed-in operator may not follow up alerts (at the counter: Ctrl+L, sign in).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="473" />
            <source>The signed-in operator may not export alerts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="519" />
            <source>Alert for {serial} saved: {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="537" />
            <source>Export alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="552" />
            <source>Exporting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="575" />
            <source>Cancelling the export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="579" />
            <source>{rows} written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="585" />
            <source>{rows} alerts written to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="594" />
            <source>Export cancelled; no file was written.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CalibrationWizard</name>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="118" />
            <source>dispense-app — scanner calibration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="120" />
            <source>1. Save the test sheet and print it at 100 % (no scaling). 2. Press Start and scan its {n} codes in order with the scanner as it is set up at this counter. The calibration then says what the scanner does (keyboard layout, Caps Lock, how it sends GS) and what to change, and saves the profile that reads its codes exactly.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="125" />
            <source>Save the test sheet (PDF)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="126" />
            <source>Start over</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="126" />
            <source>Start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="127" />
            <source>Scans so far</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="128" />
            <source>What the calibration found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="134" />
            <source>Scan code {i} of {n}: “{name}”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="137" />
            <source>Press Start, then scan the sheet's codes in order.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="143" />
            <source>Save the scanner test sheet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="144" />
            <source>PDF files (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="153" />
            <source>Test sheet saved: {path}. Print it at 100 %.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="185" />
            <source>Calibrating…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="195" />
            <source>→ {advice}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="197" />
            <source>✔ Calibrated: the profile is saved and in use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="200" />
            <source>✖ Not calibrated: follow the advice, then start over.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CameraBackend</name>
        <message>
            <location filename="../../dispense_app/ui/app.py" line="334" />
            <source>{variable} must be “opencv” or “qt”, not “{value}”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/app.py" line="340" />
            <source>The camera backend “{backend}” ({variable}) is not installed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/app.py" line="349" />
            <source>This installation has no camera support (neither OpenCV nor Qt Multimedia).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CameraView</name>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="76" />
            <source>dispense-app — camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="77" />
            <source>Stop the camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="77" />
            <source>Start the camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="78" />
            <source>Camera preview; detected codes are outlined</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="80" />
            <source>Hold the pack's DataMatrix code in front of the camera.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="109" />
            <source>Camera on: hold the code still, about 15 cm away.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="149" />
            <source>Read: {code}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CounterWindow</name>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="278" />
            <source>dispense-app — counter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="279" />
            <source>[TRAINING] {title}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="228" />
            <source>TRAINING — simulated hub and demo packs; nothing is really decommissioned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="231" />
            <source>Packs in this dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="232" />
            <source>Acknowledged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="233" />
            <source>Acknowledge the outbox conflicts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="236" />
            <source>Dispense (F9)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="237" />
            <source>Dispense the checked packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="238" />
            <source>Undo (F8)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="239" />
            <source>Undo the supply of the selected pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="240" />
            <source>Send outbox (F7)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="241" />
            <source>Send the queued offline transactions to the hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="242" />
            <source>New dispense (F12)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="243" />
            <location filename="../../dispense_app/ui/counter_window.py" line="583" />
            <source>Start a new dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="244" />
            <source>Camera (F11)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="245" />
            <source>Scan with the webcam</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="246" />
            <source>Type the code (F4)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="247" />
            <source>Type the printed code of a pack that cannot be scanned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="133" />
            <source>Outbox replay progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="135" />
            <source>Transactions recorded here and not yet confirmed by the hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="138" />
            <source>Rolling 95th percentile of the hub's answer time, against the 300 ms target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="140" />
            <source>Open the alerts view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="141" />
            <source>Settings (F10)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="249" />
            <source>Supply this pack despite the prescription STOP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="143" />
            <source>Sign in or switch operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="144" />
            <source>Open the settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="145" />
            <source>About (F1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="147" />
            <source>About dispense-app: version, data folder, hub, licences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="263" />
            <source>OK — may be dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="264" />
            <source>CHECK — read the reasons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="265" />
            <source>STOP — do not supply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="266" />
            <source>Ready — scan a pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="267" />
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="278" />
            <source>Scan the pack's DataMatrix code; the verdict appears here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="272" />
            <source>Serial scanner connected: {port}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="274" />
            <source>Serial scanner not connected: {detail}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="154" />
            <source>⚠ Alerts: {n} new (F6)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="157" />
            <source>Alerts (F6)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="225" />
            <source>Open a prescription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="227" />
            <source>Prescriptions (*.json *.csv);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="204" />
            <source>Type the printed code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="254" />
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="257" />
            <location filename="../../dispense_app/ui/counter_window.py" line="515" />
            <source>Supply anyway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="255" />
            <source>Why is this pack supplied despite the STOP? The reason and your name are recorded on the alert.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="265" />
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="269" />
            <source>Undo the supply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="266" />
            <source>Undo the supply of {pack}? Only if the pack is back in your hands, unopened: it becomes available again. Why is it undone? The reason is recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="276" />
            <location filename="../../dispense_app/ui/counter_window.py" line="530" />
            <source>Seal broken</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="277" />
            <source>The seal (anti-tampering device) of {pack} is broken: the pack is not dispensed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="282" />
            <source>An alert is recorded here for follow-up (the hub raises none). What happens to the pack?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="285" />
            <source>Destroy it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="287" />
            <source>Return to stock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="301" />
            <source>Checked packs not dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="302" />
            <source>1 checked pack not dispensed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="303" />
            <source>{count} checked packs not dispensed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="310" />
            <source>Nothing was sent to the hub for them. Put them aside and close the window?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="312" />
            <source>Nothing was sent to the hub for them. Put them aside and start a new dispense?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="314" />
            <source>Put them aside</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="315" />
            <source>Keep them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="244" />
            <source>Patient</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="245" />
            <source>The patient's reference (as in your patient records); their fills then count for adherence. Empty: no patient.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="247" />
            <location filename="../../dispense_app/ui/counter_window.py" line="479" />
            <source>Use this patient</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="374" />
            <source>Only a signed-in pharmacist may supply anyway.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="599" />
            <source>Your role does not allow this.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="384" />
            <source>Undo possible until {when} (same premises only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="341" />
            <source>The check could not be completed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="123" />
            <source>not recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="127" />
            <source>Refused by the hub after hand-over: pack {serial}, patient {patient}, alert {alert}. Contact the patient and get the pack back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="143" />
            <source>Pack {serial} (patient {patient}): {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="149" />
            <source>STOP — a pack dispensed offline was refused by the hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="151" />
            <source>The pack may already be with the patient: contact them and take it back; do not hand it over again. Follow up the alert (Alerts, F6).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="248" />
            <source>Supply anyway… (Ctrl+F9)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="250" />
            <source>Seal broken… (Ctrl+B)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="251" />
            <source>The seal of this pack is broken: do not dispense it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="279" />
            <source>The code will not scan? Type it from the pack with F4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="300" />
            <source>Scanned again: {serial}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="301" />
            <source>This pack is already in this dispense; it counts once. Nothing was sent to the hub again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="308" />
            <source>If you meant to scan another pack, scan that one now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="325" />
            <source>Carried out by the hub now: {n}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="327" />
            <source>Still in the outbox: {n}. They go with the next send.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="329" />
            <source>Outbox: {n} still waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="330" />
            <source>Send again later (F7).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="332" />
            <source>Outbox sent: {n} confirmed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="333" />
            <source>Nothing left to send.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="342" />
            <source>Scan the pack again. If this repeats, do not supply it and call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="281" />
            <source>&amp;Counter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="282" />
            <source>Check the seal before dispensing (F9 intact, Ctrl+B broken)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="424" />
            <source>This scan's records could not be saved: {error}. The verdict shown stands; call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="467" />
            <source>The prescription cannot be used: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="492" />
            <source>Dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="504" />
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="523" />
            <source>Ctrl+B (seal broken) is for a checked pack that was not dispensed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="536" />
            <source>The seal check was not changed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="597" />
            <source>Sign in first (Ctrl+L).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="387" />
            <source>{action} failed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="246" />
            <source>✖ Station not ready: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="165" />
            <source>Hub: …</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="201" />
            <source>Hub: not checked yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="204" />
            <source>● Hub online</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="207" />
            <source>✖ Hub OFFLINE — working from the local cache</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="188" />
            <source>Outbox: {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="232" />
            <source>p95 — / {target:.0f} ms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="237" />
            <source>{mark} p95 {p95:.0f} ms / {target:.0f} ms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="259" />
            <source>Outbox: sending {done}/{total}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="174" />
            <source>Scanner: {profile}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="142" />
            <source>Sign in (Ctrl+L)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="175" />
            <source>no profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="179" />
            <source>Operator: {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="180" />
            <source>not signed in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="193" />
            <source>Site database unreachable — working locally ({n} to merge)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="223" />
            <source>✖ Hub OFFLINE — {notice}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="267" />
            <source>Sending the outbox failed: {error}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ManualEntryForm</name>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="31" />
            <source>Product code (GTIN, PPN or PZN)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="32" />
            <source>Serial number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="33" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="34" />
            <source>Expiry (e.g. 2027-05-31 or 05/2027)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="53" />
            <source>Check and use</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PackList</name>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="193" />
            <source>Packs in this dispense</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="196" />
            <source>Select all rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="199" />
            <source>Verdict</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="200" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="201" />
            <source>Serial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="202" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="203" />
            <source>Undo until</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="209" />
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="210" />
            <source>CHECK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="211" />
            <source>STOP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="216" />
            <source>checked, not yet dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="217" />
            <source>do not supply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="218" />
            <source>dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="219" />
            <source>dispensed offline (queued)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="220" />
            <source>undone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="221" />
            <source>refused by the hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="246" />
            <source>(unreadable code)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="311" />
            <source>the unreadable pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="313" />
            <source>{product}, serial {serial}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PackPanel</name>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="100" />
            <source>Pack — compare with the printed pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="102" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="103" />
            <location filename="../../dispense_app/ui/pack_panel.py" line="147" />
            <location filename="../../dispense_app/ui/pack_panel.py" line="177" />
            <source>Product code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="104" />
            <source>Serial (SN)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="105" />
            <source>Batch (LOT)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="106" />
            <source>Expiry (EXP)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="107" />
            <source>PZN / NHRN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="108" />
            <source>Entry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="109" />
            <source>Hub state</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="154" />
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="155" />
            <source>Supplied (dispensed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="156" />
            <source>Destroyed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="157" />
            <source>Exported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="158" />
            <source>Sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="159" />
            <source>Free sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="160" />
            <source>Locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="161" />
            <source>Stolen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="162" />
            <source>Checked out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="163" />
            <source>Expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="164" />
            <source>Recalled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="165" />
            <source>Withdrawn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="174" />
            <source>Scanned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="174" />
            <source>Typed by hand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="174" />
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="184" />
            <source>{date} — expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="203" />
            <source>Active, but expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="81" />
            <location filename="../../dispense_app/ui/pack_panel.py" line="176" />
            <source>Product code ({scheme})</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="59" />
            <source>Change the NMVS password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="60" />
            <source>New password (8-60 characters)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="61" />
            <source>New password again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="62" />
            <source>Change at the national system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="72" />
            <source>The two entries differ.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="75" />
            <source>An NMVS password has 8 to 60 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="78" />
            <source>Asking the national system…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="87" />
            <source>Changed at the national system and stored in the keyring.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PrescriptionPanel</name>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="78" />
            <source>Prescription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="79" />
            <source>Open prescription (F3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="80" />
            <source>Adherence (F2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="81" />
            <source>Patient…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="82" />
            <source>Choose the patient without a prescription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="83" />
            <source>The patient's adherence: days covered, refills, notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="84" />
            <source>Open a prescription file (FHIR JSON or CSV)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="85" />
            <source>Prescribed item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="85" />
            <source>Prescribed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="86" />
            <source>Dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="86" />
            <source>Left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="87" />
            <source>Prescribed items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="90" />
            <source>Select all rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="97" />
            <source>{n} packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="97" />
            <source>1 pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="98" />
            <source>{n} units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="98" />
            <source>1 unit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="109" />
            <source>{name} (born {date})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="116" />
            <source>active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="117" />
            <source>on hold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="118" />
            <source>cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="119" />
            <source>completed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="120" />
            <source>entered in error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="121" />
            <source>stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="122" />
            <source>draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="123" />
            <source>status unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="133" />
            <source>Patient {patient}, no prescription: fills count for their adherence.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="136" />
            <source>No prescription open: packs are checked without one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="111" />
            <source>no patient named</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="143" />
            <source>{rx} for {patient} ({status})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="152" />
            <source>covered</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PromptDialog</name>
        <message>
            <location filename="../../dispense_app/ui/prompt_dialog.py" line="47" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QtCamera</name>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="184" />
            <source>No camera found. Check that a webcam is connected and not in use by another program.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="190" />
            <source>There is no camera number {index}. Cameras found: {names}. Choose a camera number from 0 to {last} in the settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="201" />
            <source>This app may not use the camera: access was denied. Allow camera access for desktop apps (Windows: Settings &gt; Privacy &amp; security &gt; Camera).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="322" />
            <source>The camera was closed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="329" />
            <source>No picture from the camera within {seconds} seconds. It may be in use by another program.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="435" />
            <source>This installation has no Qt Multimedia backend, so it cannot use a camera.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="469" />
            <source>Camera {name} could not start ({reason}). It may be in use by another program, or camera access may be turned off in the privacy settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="479" />
            <source>Camera {name} stopped working ({reason}).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QuarantineView</name>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="137" />
            <source>dispense-app — quarantine (US DSCSA suspect product)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>GTIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Serial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Lot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="140" />
            <source>Packs verified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="140" />
            <source>Report due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="144" />
            <source>Suspect packs on hand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="147" />
            <source>Received from (trading partner)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="148" />
            <source>Save count and partner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="149" />
            <source>Confirm illegitimate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="150" />
            <source>Release (cleared)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="151" />
            <source>FDA Form 3911 draft (PDF)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="152" />
            <source>Mark submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="153" />
            <source>Copy notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="154" />
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="161" />
            <source>suspect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="162" />
            <source>ILLEGITIMATE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="163" />
            <source>submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="164" />
            <source>released</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="170" />
            <source>Verify at least {need} packs of this product and lot (10 % of {on_hand} on hand).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="172" />
            <source>Verify at least {need} packs of this product and lot (3 packs, or 10 % of a larger stock).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="174" />
            <source>{done} of {need} verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="176" />
            <source>Enough packs verified: confirm the product illegitimate or release the pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="178" />
            <source>Scan the other packs on the shelf at the counter: each one is counted here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="188" />
            <source>FDA Form 3911 and trading-partner notices due in {h} h {m:02d} min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="189" />
            <source>OVERDUE by {h} h {m:02d} min: submit FDA Form 3911 and notify trading partners now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="198" />
            <source>Reminder — {serial}: {clock}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="246" />
            <source>No pack is in quarantine.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="252" />
            <source>{id}: {status} — {product} serial {serial}, lot {lot}. Why: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="345" />
            <source>Form 3911 draft written to {path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="349" />
            <source>Save the Form 3911 draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="373" />
            <source>&amp;Tools</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="374" />
            <source>&amp;Quarantine (suspect product)…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecallsView</name>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="114" />
            <source>Recalls — who received the affected packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="115" />
            <source>&amp;Notice:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="116" />
            <source>&amp;Import notice…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="117" />
            <source>Contact list &amp;CSV…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="118" />
            <source>Contact list &amp;PDF…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="119" />
            <source>Note on the call (what the patient was told, when the pack comes back)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="120" />
            <source>&amp;Mark contacted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Patient</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Pack serial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="123" />
            <source>Counter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="123" />
            <source>Contacted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="123" />
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="144" />
            <source>No recall notice imported yet: import the notice the authority sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="164" />
            <source>dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="164" />
            <source>dispensed (hub not told yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="166" />
            <source>(no patient reference)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="169" />
            <source>not yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="182" />
            <source>{dispensed} affected pack(s) dispensed to {patients} patient(s), {queued} waiting to be sent; {checked} checked and still in the pharmacy, {returned} returned.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="187" />
            <source>Notice {notice} ({reason}). Scope: {scope}. Packs of the batch seen here that the notice does not cover: {spared}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="209" />
            <source>Import recall notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="210" />
            <source>Recall notice (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="219" />
            <source>Imported {count} notice(s).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="242" />
            <source>CSV (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="242" />
            <source>PDF (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="243" />
            <source>Save contact list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="248" />
            <source>Wrote {rows} line(s) to {path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="185" />
            <source>{gtin} · batch {lot}: {scope}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="192" />
            <source>whole batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="194" />
            <source>{n} serial(s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="197" />
            <source>{n} excluded</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportsMenu</name>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="53" />
            <source>&amp;Reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="55" />
            <source>More menus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="56" />
            <source>Re&amp;calls…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="57" />
            <source>&amp;Statistics…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsView</name>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="290" />
            <source>dispense-app — settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="291" />
            <source>Hub (takes effect when the station starts again)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="330" />
            <source>PIN (6-12 digits)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="389" />
            <source>Type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="390" />
            <source>URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="391" />
            <source>Token server URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="392" />
            <source>Location id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="393" />
            <source>Client id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="394" />
            <source>Client secret</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="395" />
            <source>CA bundle (PEM)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="396" />
            <source>Client certificate (PEM)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="397" />
            <source>Certificate passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="402" />
            <source>Application id (sid)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="402" />
            <source>N-Ident certificate (PEM)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="294" />
            <source>empty: the same as the URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="295" />
            <source>Save hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="296" />
            <source>empty: the system's certificate store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="297" />
            <source>empty: no client certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="299" />
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="300" />
            <source>Choose the CA bundle file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="301" />
            <source>Choose the client certificate file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="303" />
            <source>Scanner (wedge: at once; camera: when it next starts; serial port: when the window starts again)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="305" />
            <source>Wedge: longest gap between keys (ms)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="306" />
            <source>Wedge: shortest scan (characters)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="307" />
            <source>Suffix after the code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="308" />
            <source>Serial port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="309" />
            <source>Baud rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="310" />
            <source>Camera number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="316" />
            <source>Enter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="317" />
            <source>Tab</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="318" />
            <source>none (a pause ends the scan)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="322" />
            <source>none (keyboard wedge only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="323" />
            <source>Save scanner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="324" />
            <source>Calibrate the scanner (test sheet)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="325" />
            <location filename="../../dispense_app/ui/settings_view.py" line="342" />
            <source>This window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="325" />
            <source>Hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="325" />
            <source>Scanner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="326" />
            <source>Operators</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="328" />
            <source>Operators and roles (sign-in with PIN once an account exists)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="329" />
            <source>Login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="329" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="329" />
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="334" />
            <location filename="../../dispense_app/ui/settings_view.py" line="471" />
            <source>Pharmacist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="335" />
            <location filename="../../dispense_app/ui/settings_view.py" line="471" />
            <source>Pharmacy technician</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="336" />
            <location filename="../../dispense_app/ui/settings_view.py" line="472" />
            <source>IT support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="338" />
            <source>Add operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="339" />
            <source>New PIN for the selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="340" />
            <source>Deactivate / reactivate the selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="341" />
            <source>Operator accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="343" />
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="346" />
            <source>as the system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="350" />
            <source>Sounds for OK and STOP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="351" />
            <source>Apply and save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="357" />
            <location filename="../../dispense_app/ui/settings_view.py" line="361" />
            <location filename="../../dispense_app/ui/settings_view.py" line="365" />
            <source>stored in the keyring (type to replace)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="359" />
            <location filename="../../dispense_app/ui/settings_view.py" line="363" />
            <location filename="../../dispense_app/ui/settings_view.py" line="367" />
            <source>stored in the keyring, never in a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="398" />
            <source>GLN (US VRS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="399" />
            <source>ATP credential (US VRS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="405" />
            <source>Client login id (NMVS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="406" />
            <source>NMVS password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="407" />
            <source>User id (NMVS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="410" />
            <source>Change the NMVS password…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="411" />
            <source>Terms and conditions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="417" />
            <source>Save the NMVS first: the password and the terms are handled with the national system.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="422" />
            <source>Password set on {day}, valid until {until}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="425" />
            <source>No password date recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="427" />
            <source>Terms version {version} accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="429" />
            <source>No acceptance of terms recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="480" />
            <source>inactive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="488" />
            <source>Select an operator in the list first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="508" />
            <source>Saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="522" />
            <source>Added. Sign in with the new account (Ctrl+L).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="545" />
            <source>Choose a PEM file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="546" />
            <source>PEM files (*.pem *.crt *.cer);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="572" />
            <source>The saved hub settings cannot be read; enter them again and save.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="574" />
            <source>Secrets (client secret, certificate passphrase) cannot be stored on this computer: it has no secure password store (Windows Credential Manager, macOS Keychain, or a Secret Service on Linux). Ask your IT to set one up.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="579" />
            <source>Training mode uses the simulated hub at {url}. The settings here are for the real station.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="611" />
            <source>Saved. The station uses it from its next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="646" />
            <source>Saved. A new camera number applies the next time the camera starts, a serial port when the window starts again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="651" />
            <source>Saved and applied.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="61" />
            <source>dispense-app — sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="62" />
            <source>Login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="63" />
            <source>PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="64" />
            <source>Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="65" />
            <source>Sign in with login and PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="71" />
            <source>Type your login and PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="96" />
            <source>Sign-in failed: unknown or inactive login, or wrong PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="102" />
            <source>After {failures} failed attempts in a row, this login is locked for {minutes} min (until {until}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="107" />
            <source>Too many failed attempts for this login: wait {seconds} s, then try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="110" />
            <source>Wait {seconds} s before the next try.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignalsPanel</name>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="50" />
            <source>Counterfeit and diversion signals: {n} (informational, never a STOP on their own)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="56" />
            <source>seen again after it was supplied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="57" />
            <source>several unknown serials in one batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="58" />
            <source>pack coded for another market</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="59" />
            <source>serial does not fit its batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="60" />
            <source>batch or expiry disagrees with earlier answers</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StationPresenter</name>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="126" />
            <source>Check the seal. Intact: F9 dispenses it. Broken: Ctrl+B.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="285" />
            <source>{serial}: refused by the hub: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="287" />
            <source>{serial}: not dispensed: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="295" />
            <source>{serial}: supplied anyway past: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="301" />
            <source>Recorded offline, verified when the hub is back: {serials}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="306" />
            <source>Reason given: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="310" />
            <source>Supplied anyway: {serials}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="316" />
            <source>{n} dispensed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="318" />
            <source>{n} recorded offline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="321" />
            <source>{n} refused: take {serials} back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="327" />
            <source>Do not hand over: {serials}. {action}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="332" />
            <source>You may hand the packs over; the hub checks them when it is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="334" />
            <source>Hand the packs over.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="343" />
            <source>Undo not done: {serial}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="345" />
            <source>Undo recorded offline: {serial}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="347" />
            <source>Undo done: {serial}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="370" />
            <source>Seal broken: {serial}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="373" />
            <source>Alert {alert} recorded here for follow-up; the hub raises none.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="438" />
            <source>When the outbox was sent, the hub said the pack had already been handed over or taken out of use elsewhere.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="444" />
            <source>When the outbox was sent, the hub refused it (code {code}).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StatsView</name>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="111" />
            <source>Statistics — verification at this pharmacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="112" />
            <source>&amp;From:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="113" />
            <source>&amp;To:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="114" />
            <source>&amp;Show</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="145" />
            <source>{scans} scans, {verified} verified by the hub, clean rate {clean}; {alerts} alerts, {false} closed as false alerts ({false_rate} of scans); offline {offline}; hub p95 {p95}; {backlog} waiting to be sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="152" />
            <source>No scans in this period yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="154" />
            <source>Alerts on {rate} of scans: at or below the national figure of 0.14 % (target 0.05 %).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="157" />
            <source>Alerts on {rate} of scans: above the national figure of 0.14 % (target 0.05 %). Check the scanner set-up and the causes below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="164" />
            <source>False alerts by scanner set-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="165" />
            <source>False alerts by operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="175" />
            <source>Clean rate per day (scans without any alert)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="178" />
            <source>clean rate %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="197" />
            <source>Alerts by cause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="198" />
            <source>not closed yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="198" />
            <source>scanner set-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="199" />
            <source>typing / handling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="199" />
            <source>double scan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="200" />
            <source>data error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="200" />
            <source>suspected falsification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="202" />
            <source>alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="212" />
            <source>false alerts, % of scans</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="214" />
            <source>national 0.14 %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="216" />
            <source>target 0.05 %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="222" />
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="139" />
            <source>en_US</source>
            <comment>the locale of the numbers shown</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="222" />
            <source>no calibrated profile</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TermsDialog</name>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="136" />
            <source>Terms and conditions of the national system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="137" />
            <source>Pharmacist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="138" />
            <source>Accept these terms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="141" />
            <source>Asking the national system…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="149" />
            <source>The national system has no terms and conditions to accept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="155" />
            <source>Version {version}: accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="159" />
            <source>Version {version}: NOT accepted yet. Until a pharmacist accepts them, the national system may refuse this pharmacy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="171" />
            <source>Name the pharmacist who accepts the terms.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="185" />
            <source>Version {version}: accepted and recorded.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UnsavedChanges</name>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="61" />
            <source>Unsaved changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="62" />
            <source>Changes not saved in: {tabs}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="66" />
            <source>Close and drop them, or go back and save each tab with its Save button?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="68" />
            <source>Close without saving</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="70" />
            <source>Keep editing</source>
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
            <source>The product code's check digit is wrong: the code was misread or mistyped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rescan the pack, or type the printed code again; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A date in the code is not a real date (for example month 13).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the expiry printed on the pack, then rescan or type it again; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The code read is longer than a pack's code can be.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rescan the pack's square code alone; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The code read has characters a pack's code cannot have (often the scanner's keyboard layout).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the scanner set-up (Settings, F10: calibrate), rescan, or type the printed code; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A part every pack code has is missing (product code, serial, batch or expiry).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rescan the pack, or type the printed code; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The code has a part that is not used on medicine packs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rescan the pack's square code; if it fails again, type the printed code. Nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The code gives the same item twice with different values (for example two serial numbers).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply it on this code: type the printed code, and keep the pack aside if it repeats.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A separator between two parts of the code was lost (scanner set-up).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is not a medicine pack's code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan the square DataMatrix code on the pack, or type the printed code; nothing was sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scanner's input does not match this station's scanner set-up (keyboard layout or Caps Lock).</source>
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
            <source>This is the ordinary barcode (EAN or PZN), not the pack's verification code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan the square DataMatrix code.</source>
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
            <source>Already dispensed at this site ({counter}, {at}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it again. Undo available until {undo_until}, at any counter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already dispensed at this site ({counter}, {at}); the 10-day undo window ended {undo_until}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already dispensed at this site ({counter}, {at}) and waiting to be sent to the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it again; it is decommissioned when the hub is back. Undo available until {undo_until}.</source>
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
            <source>Seal broken: the anti-tampering device is damaged. The pack was not supplied.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not hand it over; the alert is recorded here for follow-up (the hub raises none).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decommissioned as destroyed at the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recorded as destroyed; it is sent to the hub when the hub is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The destroy was not done (the reason follows).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack apart, never hand it over, and follow the alert up.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Returned to stock: still active at the hub, nothing was sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set the pack aside for return to the supplier; never hand it over.</source>
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
            <source>You may hand the pack over. It is verified later, when the hub is back; if the hub then refuses it, this window says so.</source>
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
            <source>The hub cannot be reached: the pack could not be verified now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You may hand the pack over: Dispense (F9) records it and it is verified later, when the hub is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub misbehaved (its answer does not follow the protocol): the pack could not be verified now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Try again in a moment; if it keeps happening, call support (the hub or the hub settings need checking).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub misbehaved (its answer does not follow the protocol): the pack is recorded and will be sent again until the hub confirms it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Hand it over as when the hub is down; if the hub then refuses it, this window says so. Call support if it keeps happening.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub misbehaved (its answer does not follow the protocol): the {transaction} is recorded and will be sent again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed; call support if it keeps happening.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub's certificate is not trusted: nothing was sent, the pack could not be verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Have the hub settings checked (hub URL, CA bundle): call support. Until then this station cannot verify packs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub's certificate is not trusted: nothing reached the hub; the dispense is recorded and waits for a trusted connection.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack aside until the hub confirms it, and have the hub settings checked (hub URL, CA bundle): call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub's certificate is not trusted: nothing reached the hub; the {transaction} is recorded and waits for a trusted connection.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed, and have the hub settings checked: call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub URL looks wrong (the address answers, but not as a verification hub): the pack could not be verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Check the hub URL in the settings, or call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub URL looks wrong (the address answers, but not as a verification hub): the dispense is recorded and waits until the hub is reached.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack aside until the hub confirms it, and check the hub URL in the settings (or call support).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub URL looks wrong (the address answers, but not as a verification hub): the {transaction} is recorded and waits until the hub is reached.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed, and check the hub URL in the settings (or call support).</source>
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
            <source>The hub says this pack was already decommissioned from this pharmacy; it took this as a double scan (no hub alert).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not hand it over again: check whether it was dispensed at another counter, then follow up.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub says this pack is not subject to verification (old stock); it may be supplied.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You may hand it over; nothing is decommissioned.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub could not change the pack's status ({return_code}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack aside; rescan later or contact the national organisation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo refused: the hub does not know the referenced transaction ({return_code}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the pack out of stock; contact support with the alert id.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub had a technical fault ({return_code}: {meaning}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply yet; the request is kept and sent again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub refused this station's login or certificate ({return_code}: {meaning}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply yet; ask the person who manages the hub account to fix the credentials.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hub refused the request: {meaning} ({return_code}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not supply; keep the pack aside and follow up the alert record.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Answered by another country's system ({market}): a pack of another market.</source>
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
            <source>Already supplied (decommissioned as dispensed), and its batch has been recalled since.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack, do not supply; follow the recall notice and report it.</source>
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
            <source>Verified by the manufacturer (VRS): the product identifier matches.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You may dispense it or return it to saleable stock; nothing is decommissioned in the US.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The manufacturer does not know serial {serial} for this GTIN (No_match_GTIN_Serial).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the printed GTIN and serial with the scan, rescan or type them. If it still does not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Serial known, but lot {lot} does not match the manufacturer's data (No_match_GTIN_Serial_Lot).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the printed lot with the scan and rescan. If it still does not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Serial known, but expiry {expiry} does not match the manufacturer's data (No_match_GTIN_Serial_Expiry).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the printed expiry date with the scan and rescan. If it still does not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Serial known, but lot {lot} and expiry {expiry} do not match the manufacturer's data (No_match_GTIN_Serial_Lot_Expiry).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the printed lot and expiry date with the scan and rescan. If they still do not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not verified under the manufacturer's own policy (Manufacturer_policy); this does not mean the pack was already dispensed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it or return it to saleable stock yet; keep it aside and ask the manufacturer why.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not verified; the manufacturer gave no reason (No_reason_provided).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the printed data with the scan and rescan; if it still fails, treat the pack as suspect, quarantine it and contact the manufacturer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The manufacturer says this pack is not for re-distribution (Not_for_re-distribution): suspect product, not an already dispensed pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it or return it to saleable stock. It is quarantined as suspect: investigate it in the Quarantine window and contact the manufacturer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not verified: the VRS answered {vrs_reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense it or return it to stock; contact the manufacturer or your VRS provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The manufacturer reports the product expired (Expired).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not dispense; put it with the expired stock for destruction.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The FDA extended this product's expiry (ExpirationExtended): the printed date {expiry} does not stop this pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You may use it; keep the manufacturer's extension notice with your records.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The manufacturer reports the product recalled or withdrawn (Recalled).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantine the pack, do not dispense; follow the recall notice.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The manufacturer reports this pack as suspect product (Suspect).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It is quarantined (Quarantine window): keep it apart and verify at least 3 packs or 10 % of this product on hand, whichever is more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The manufacturer reports this pack as ILLEGITIMATE product (Illegitimate).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It is quarantined (Quarantine window). Within 24 hours file FDA Form 3911 and notify your trading partners: the Quarantine window has the draft and the notice.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The VRS added information this app does not know: {vrs_info}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ask the manufacturer what it means before you dispense the pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The manufacturer's verification service cannot be reached for this GTIN: it is not in the VRS Lookup Directory or its entry expired (HTTP 404). This does not mean the product is unknown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The pack is not verified. Ask your VRS provider to check the routing of this GTIN, or verify with the manufacturer directly before you dispense or restock it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The VRS refused the request (HTTP 403): this station sends no ATP credential.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store your DSCSA ATP credential with `dispense-app hub credentials set --atp-credential`. The pack is not verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The VRS refused the request (HTTP 403): our ATP credential expired on {atp_expiry}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Get a renewed ATP credential from your credential provider and store it with `dispense-app hub credentials set --atp-credential`. The pack is not verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The VRS refused the request (HTTP 403): this requestor lacks permission, or its ATP credential was revoked or its signature is invalid.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ask your credential provider whether the ATP credential is still valid (renew it if revoked) and your VRS provider whether this GLN may verify. Retrying does not help. The pack is not verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The VRS cannot be reached: the pack is not verified, and nothing is queued to verify it later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan it again when the VRS is back before you dispense a suspect pack or return it to saleable stock.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The VRS did not authenticate this station (HTTP 401).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the VRS provider's client id and secret or client certificate (`dispense-app hub credentials set`). The pack is not verified.</source>
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
    <context>
        <name>HubCredentials</name>
        <message>
            <source>{what} EXPIRED on {when}: the hub refuses this station; {renew}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what} expires in {days} day(s), on {when}: {renew}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what} valid until {when} ({days} days)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what} take effect in {days} day(s), on {when}, and are not accepted yet: {renew}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what} in force since {when} and NOT accepted: the national system may refuse this station; {renew}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>version {version} accepted by {by} on {at}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no terms-and-conditions acceptance recorded: `dispense-app hub terms`</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{type} has no terms-and-conditions service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no N-Ident client certificate configured (--client-cert)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no client certificate configured (none needed for this hub)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what} cannot be read: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>securPharm logs in with the N-Ident certificate, no password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no client secret configured (open hub)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what} age unknown: set it with `dispense-app hub credentials set` to track it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>N-Ident client certificate ({path})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>client certificate ({path})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>password (set {changed}, valid {valid} days)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>client secret (set {changed}, valid {valid} days)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>client secret</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>new terms and conditions (version {version})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ATP credential</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>renew the N-Ident certificate with NGDA (re-legitimation); renewal takes weeks, start at once, then point `dispense-app hub configure --client-cert` at the new file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>download a new client certificate from the national system's PKI (G615 with a TAN from your national organisation), then `dispense-app hub configure --client-cert` the new file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ask the hub's operator for a new client certificate, then `dispense-app hub configure --client-cert` the new file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>change it (`dispense-app hub password` or the settings window) and store the new one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a pharmacist reads and accepts them (`dispense-app hub terms` or the settings window)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ask the credential provider for a new ATP credential and store it (`dispense-app hub credentials set`)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connectivity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>terms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>credential</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>WARN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>EXPIRED</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>FAIL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>UNKNOWN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>N/A</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
