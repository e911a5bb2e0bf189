<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="75" />
            <source>About {app}</source>
            <translation>Über {app}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="79" />
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="80" />
            <source>Qt / PySide6</source>
            <translation>Qt / PySide6</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="81" />
            <source>Python</source>
            <translation>Python</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="82" />
            <source>Data folder</source>
            <translation>Datenordner</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="83" />
            <source>Hub</source>
            <translation>Hub</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="87" />
            <source>Licences of the bundled data</source>
            <translation>Lizenzen der mitgelieferten Daten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="90" />
            <source>GS1 Barcode Syntax Dictionary (the application identifier table): © 2020-2021 BWIPP project, © 2020-2021 Zint Project, © 2021-2026 GS1 AISBL; Apache License 2.0 (scanner/LICENSE-gs1-syntax-dictionary.txt).</source>
            <translation>GS1 Barcode Syntax Dictionary (die Tabelle der Datenbezeichner): © 2020-2021 BWIPP project, © 2020-2021 Zint Project, © 2021-2026 GS1 AISBL; Apache License 2.0 (scanner/LICENSE-gs1-syntax-dictionary.txt).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="96" />
            <source>zxing-cpp DataMatrix sample images (decoder tests and benchmarks): © the zxing-cpp authors; Apache License 2.0.</source>
            <translation>DataMatrix-Beispielbilder von zxing-cpp (Tests und Messungen des Decoders): © die Autoren von zxing-cpp; Apache License 2.0.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="100" />
            <source>Apache License 2.0: https://www.apache.org/licenses/LICENSE-2.0</source>
            <translation>Apache License 2.0: https://www.apache.org/licenses/LICENSE-2.0</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="103" />
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="104" />
            <source>Copy the version information to the clipboard</source>
            <translation>Die Versionsangaben in die Zwischenablage kopieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="107" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="108" />
            <source>Close the About dialog</source>
            <translation>Den Info-Dialog schließen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="116" />
            <source>not known</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/about_dialog.py" line="117" />
            <source>not known yet (the station has not reported one)</source>
            <translation>noch unbekannt (die Station hat noch keinen gemeldet)</translation>
        </message>
    </context>
    <context>
        <name>AdherenceView</name>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="181" />
            <source>dispense-app — adherence</source>
            <translation>dispense-app — Therapietreue</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="182" />
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="183" />
            <source>name or patient reference</source>
            <translation>Name oder Patientenkennung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="184" />
            <source>Show (F5)</source>
            <translation>Anzeigen (F5)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="187" />
            <source>Medication</source>
            <translation>Medikament</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="188" />
            <source>PDC 180 d</source>
            <translation>PDC 180 T</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="189" />
            <source>PDC 365 d</source>
            <translation>PDC 365 T</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="190" />
            <source>Early</source>
            <translation>Früh</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="191" />
            <source>Late</source>
            <translation>Spät</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="192" />
            <source>Runs out</source>
            <translation>Reicht bis</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="193" />
            <source>Overdue</source>
            <translation>Überfällig</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="196" />
            <source>Adherence per medication</source>
            <translation>Therapietreue je Medikament</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="199" />
            <source>Select all rows</source>
            <translation>Alle Zeilen wählen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="200" />
            <source>Proportion of days covered per medication</source>
            <translation>Anteil versorgter Tage je Medikament</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="201" />
            <source>Dispense timeline</source>
            <translation>Zeitleiste der Abgaben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="202" />
            <source>Notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="203" />
            <source>Adherence notes</source>
            <translation>Notizen zur Therapietreue</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="204" />
            <source>New note for the selected medication</source>
            <translation>Neue Notiz zum gewählten Medikament</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="205" />
            <source>Add note</source>
            <translation>Notiz hinzufügen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="237" />
            <source>Give a patient reference.</source>
            <translation>Bitte eine Patientenreferenz angeben.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="239" />
            <source>Loading…</source>
            <translation>Lade …</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="247" />
            <source>1 medication</source>
            <translation>1 Medikament</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="248" />
            <source>{n} medications</source>
            <translation>{n} Medikamente</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="249" />
            <source>{patient}: {medications}, as of {day}; adherent from {threshold} of days covered (PDC: proportion of days covered by the supplies dispensed)</source>
            <translation>{patient}: {medications}, Stand {day}; therapietreu ab {threshold} versorgter Tage (PDC: Anteil der Tage, die durch die abgegebenen Packungen versorgt sind)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="254" />
            <source>(1 supply without days of therapy is not counted)</source>
            <translation>(1 Abgabe ohne Therapiedauer wird nicht gezählt)</translation>
        </message>
        <message>
            <source>{patient}: {n} medications, as of {day}; adherent from {threshold} of days covered</source>
            <translation type="vanished">{patient}: {n} Medikamente, Stand {day}; therapietreu ab {threshold} versorgter Tage</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="256" />
            <source>({n} supplies without days of therapy are not counted)</source>
            <translation>({n} Abgaben ohne Therapiedauer werden nicht gezählt)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="276" />
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="276" />
            <source>no</source>
            <translation>nein</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="284" />
            <source>adherent</source>
            <translation>therapietreu</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="284" />
            <source>below threshold</source>
            <translation>unter der Schwelle</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="293" />
            <source>not enough data ({days} d)</source>
            <translation>zu wenig Daten ({days} T)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="301" />
            <source>Proportion of days covered (threshold {t})</source>
            <translation>Anteil versorgter Tage (Schwelle {t})</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="303" />
            <source>180 days</source>
            <translation>180 Tage</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="304" />
            <source>365 days</source>
            <translation>365 Tage</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="323" />
            <source>threshold</source>
            <translation>Schwelle</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/adherence_view.py" line="340" />
            <source>Dispense timeline, last 365 days: each fill and its days (red: early or late)</source>
            <translation>Abgaben der letzten 365 Tage: jede Abgabe und ihre Tage (rot: zu früh oder zu spät)</translation>
        </message>
    </context>
    <context>
        <name>AlertDetail</name>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="31" />
            <source>scanned</source>
            <translation>gescannt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="32" />
            <source>typed by hand</source>
            <translation>von Hand eingegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="33" />
            <source>camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="50" />
            <source>What happened</source>
            <translation>Was geschah</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="51" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="52" />
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="53" />
            <source>Scanned</source>
            <translation>Gescannt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="54" />
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="55" />
            <source>Serial</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="56" />
            <source>Batch</source>
            <translation>Charge</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="57" />
            <source>Expiry</source>
            <translation>Verfall</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="58" />
            <source>National numbers</source>
            <translation>Nationale Nummern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="59" />
            <source>Hub answer</source>
            <translation>Antwort des Hubs</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="60" />
            <source>Action</source>
            <translation>Vorgang</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="61" />
            <source>Entry</source>
            <translation>Erfassung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="62" />
            <source>Scanner profile</source>
            <translation>Scannerprofil</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="63" />
            <source>Key timings</source>
            <translation>Tastenzeiten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="64" />
            <source>Code read (hex)</source>
            <translation>Gelesener Code (hex)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="65" />
            <source>Symbology</source>
            <translation>Symbologie</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="66" />
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="67" />
            <source>Supplied anyway</source>
            <translation>Trotzdem abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="69" />
            <source>Operator</source>
            <translation>Benutzer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="70" />
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="71" />
            <source>Dispense record</source>
            <translation>Abgabedatensatz</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="72" />
            <source>Transaction ids</source>
            <translation>Transaktions-IDs</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="73" />
            <source>Alert id</source>
            <translation>Alarm-ID</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="74" />
            <source>App version</source>
            <translation>App-Version</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alert_detail.py" line="81" />
            <source>Comment</source>
            <translation>Kommentar</translation>
        </message>
    </context>
    <context>
        <name>AlertsView</name>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="237" />
            <source>dispense-app — alerts</source>
            <extracomment>shown or activated (someone may have signed in at the counter meanwhile)</extracomment>
            <translation>dispense-app — Alarme</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="240" />
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="241" />
            <source>To</source>
            <translation>Bis</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="242" />
            <location filename="../../dispense_app/ui/alerts_view.py" line="257" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="243" />
            <source>Return code</source>
            <translation>Rückgabecode</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="244" />
            <location filename="../../dispense_app/ui/alerts_view.py" line="261" />
            <source>Operator</source>
            <translation>Benutzer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="248" />
            <source>Search (F5)</source>
            <translation>Suchen (F5)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="250" />
            <source>all</source>
            <translation>alle</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="252" />
            <source>(no cause)</source>
            <translation>(keine Ursache)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="256" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation type="vanished">Alarm</translation>
        </message>
        <message>
            <source>Class</source>
            <translation type="vanished">Klasse</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="260" />
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <source>Product code</source>
            <translation type="vanished">Produktcode</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="258" />
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="259" />
            <source>Serial</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="264" />
            <source>Alerts</source>
            <translation>Alarme</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="267" />
            <source>Select all rows</source>
            <translation>Alle Zeilen wählen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="268" />
            <source>Every field of the selected alert</source>
            <translation>Alle Felder des gewählten Alarms</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="269" />
            <source>New status</source>
            <translation>Neuer Status</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="270" />
            <source>Cause (to close)</source>
            <translation>Ursache (zum Schließen)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="271" />
            <source>Comment</source>
            <translation>Kommentar</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="272" />
            <source>Save status</source>
            <translation>Status speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="273" />
            <source>Copy all fields</source>
            <translation>Alle Felder kopieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="274" />
            <source>Every field of the alert by its record name, for a support ticket</source>
            <translation>Jedes Feld des Alarms unter seinem Datensatznamen, für ein Support-Ticket</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="275" />
            <source>Add comment</source>
            <translation>Kommentar hinzufügen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="276" />
            <source>Export…</source>
            <translation>Exportieren …</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="277" />
            <source>Cancel export</source>
            <translation>Export abbrechen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="278" />
            <source>Export progress</source>
            <translation>Fortschritt des Exports</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="279" />
            <source>Export the listed alerts to a file</source>
            <translation>Die gelisteten Alarme in eine Datei exportieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="292" />
            <source>new</source>
            <translation>neu</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="293" />
            <source>investigating</source>
            <translation>in Prüfung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="294" />
            <source>closed</source>
            <translation>abgeschlossen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="299" />
            <source>scanner set-up</source>
            <translation>Scanner-Einstellung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="300" />
            <source>user error</source>
            <translation>Bedienfehler</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="301" />
            <source>double decommission</source>
            <translation>doppelte Ausbuchung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="302" />
            <source>data error</source>
            <translation>Datenfehler</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="303" />
            <source>suspected falsification</source>
            <translation>Fälschungsverdacht</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="331" />
            <source>Searching…</source>
            <translation>Suche …</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="392" />
            <source>{shown} of {n} alerts (newest first; scroll down for more)</source>
            <translation>{shown} von {n} Alarmen (neueste zuerst; für weitere nach unten scrollen)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="395" />
            <source>{n} alerts (newest first)</source>
            <translation>{n} Alarme (neueste zuerst)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="461" />
            <source>The signed-in operator may not follow up alerts (at the counter: Ctrl+L, sign in).</source>
            <translation>Der angemeldete Benutzer darf Alarme nicht bearbeiten (an der Theke: Strg+L, anmelden).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="519" />
            <source>Alert for {serial} saved: {status}</source>
            <translation>Alarm zu {serial} gespeichert: {status}</translation>
        </message>
        <message>
            <source>The signed-in operator may not follow up alerts (F5 at the counter: sign in).</source>
            <translation type="vanished">Der angemeldete Benutzer darf Alarme nicht bearbeiten (F5 an der Theke: anmelden).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="473" />
            <source>The signed-in operator may not export alerts.</source>
            <translation>Der angemeldete Benutzer darf keine Alarme exportieren.</translation>
        </message>
        <message>
            <source>Alert {id} saved: {status}</source>
            <translation type="vanished">Alarm {id} gespeichert: {status}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="537" />
            <source>Export alerts</source>
            <translation>Alarme exportieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="552" />
            <source>Exporting…</source>
            <translation>Exportiere …</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="575" />
            <source>Cancelling the export…</source>
            <translation>Export wird abgebrochen…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="579" />
            <source>{rows} written</source>
            <translation>{rows} geschrieben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="585" />
            <source>{rows} alerts written to {path}</source>
            <translation>{rows} Alarme geschrieben nach {path}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/alerts_view.py" line="594" />
            <source>Export cancelled; no file was written.</source>
            <translation>Export abgebrochen; keine Datei geschrieben.</translation>
        </message>
    </context>
    <context>
        <name>CalibrationWizard</name>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="118" />
            <source>dispense-app — scanner calibration</source>
            <translation>dispense-app — Scanner-Kalibrierung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="120" />
            <source>1. Save the test sheet and print it at 100 % (no scaling). 2. Press Start and scan its {n} codes in order with the scanner as it is set up at this counter. The calibration then says what the scanner does (keyboard layout, Caps Lock, how it sends GS) and what to change, and saves the profile that reads its codes exactly.</source>
            <translation>1. Testblatt speichern und in 100 % drucken (ohne Skalierung). 2. Start drücken und die {n} Codes der Reihe nach mit dem Scanner so scannen, wie er an diesem Platz eingestellt ist. Die Kalibrierung sagt dann, was der Scanner tut (Tastaturlayout, Feststelltaste, wie er GS sendet) und was zu ändern ist, und speichert das Profil, mit dem seine Codes exakt gelesen werden.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="125" />
            <source>Save the test sheet (PDF)…</source>
            <translation>Testblatt speichern (PDF)…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="126" />
            <source>Start over</source>
            <translation>Neu beginnen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="126" />
            <source>Start</source>
            <translation>Start</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="127" />
            <source>Scans so far</source>
            <translation>Bisherige Scans</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="128" />
            <source>What the calibration found</source>
            <translation>Ergebnis der Kalibrierung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="134" />
            <source>Scan code {i} of {n}: “{name}”</source>
            <translation>Code {i} von {n} scannen: „{name}“</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="137" />
            <source>Press Start, then scan the sheet's codes in order.</source>
            <translation>Start drücken, dann die Codes des Blatts der Reihe nach scannen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="143" />
            <source>Save the scanner test sheet</source>
            <translation>Scanner-Testblatt speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="144" />
            <source>PDF files (*.pdf)</source>
            <translation>PDF-Dateien (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="153" />
            <source>Test sheet saved: {path}. Print it at 100 %.</source>
            <translation>Testblatt gespeichert: {path}. In 100 % drucken.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="185" />
            <source>Calibrating…</source>
            <translation>Kalibriere…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="195" />
            <source>→ {advice}</source>
            <translation>→ {advice}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="197" />
            <source>✔ Calibrated: the profile is saved and in use.</source>
            <translation>✔ Kalibriert: Das Profil ist gespeichert und aktiv.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/calibration_wizard.py" line="200" />
            <source>✖ Not calibrated: follow the advice, then start over.</source>
            <translation>✖ Nicht kalibriert: Hinweise befolgen, dann neu beginnen.</translation>
        </message>
    </context>
    <context>
        <name>CameraBackend</name>
        <message>
            <location filename="../../dispense_app/ui/app.py" line="334" />
            <source>{variable} must be “opencv” or “qt”, not “{value}”.</source>
            <translation>{variable} muss „opencv“ oder „qt“ sein, nicht „{value}“.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/app.py" line="340" />
            <source>The camera backend “{backend}” ({variable}) is not installed.</source>
            <translation>Die Kameraanbindung „{backend}“ ({variable}) ist nicht installiert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/app.py" line="349" />
            <source>This installation has no camera support (neither OpenCV nor Qt Multimedia).</source>
            <translation>Diese Installation kann keine Kamera verwenden (weder OpenCV noch Qt Multimedia vorhanden).</translation>
        </message>
    </context>
    <context>
        <name>CameraView</name>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="76" />
            <source>dispense-app — camera</source>
            <translation>dispense-app — Kamera</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="77" />
            <source>Stop the camera</source>
            <translation>Kamera ausschalten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="77" />
            <source>Start the camera</source>
            <translation>Kamera einschalten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="78" />
            <source>Camera preview; detected codes are outlined</source>
            <translation>Kamerabild; erkannte Codes sind umrandet</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="80" />
            <source>Hold the pack's DataMatrix code in front of the camera.</source>
            <translation>Den DataMatrix-Code der Packung vor die Kamera halten.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="109" />
            <source>Camera on: hold the code still, about 15 cm away.</source>
            <translation>Kamera an: den Code ruhig halten, etwa 15 cm entfernt.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/camera_view.py" line="149" />
            <source>Read: {code}</source>
            <translation>Gelesen: {code}</translation>
        </message>
    </context>
    <context>
        <name>CounterWindow</name>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="278" />
            <source>dispense-app — counter</source>
            <translation>dispense-app — Abgabe</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="279" />
            <source>[TRAINING] {title}</source>
            <translation>[SCHULUNG] {title}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="228" />
            <source>TRAINING — simulated hub and demo packs; nothing is really decommissioned</source>
            <translation>SCHULUNG — simulierter Hub und Demo-Packungen; nichts wird wirklich ausgebucht</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="231" />
            <source>Packs in this dispense</source>
            <translation>Packungen dieser Abgabe</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="232" />
            <source>Acknowledged</source>
            <translation>Zur Kenntnis genommen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="233" />
            <source>Acknowledge the outbox conflicts</source>
            <translation>Die Konflikte beim Senden des Ausgangs zur Kenntnis nehmen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="236" />
            <source>Dispense (F9)</source>
            <translation>Abgeben (F9)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="237" />
            <source>Dispense the checked packs</source>
            <translation>Die geprüften Packungen abgeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="238" />
            <source>Undo (F8)</source>
            <translation>Rückgängig (F8)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="239" />
            <source>Undo the supply of the selected pack</source>
            <translation>Die Abgabe der gewählten Packung rückgängig machen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="240" />
            <source>Send outbox (F7)</source>
            <translation>Senden (F7)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="241" />
            <source>Send the queued offline transactions to the hub</source>
            <translation>Die offline gespeicherten Transaktionen an den Hub senden</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="242" />
            <source>New dispense (F12)</source>
            <translation>Neue Abgabe (F12)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="243" />
            <location filename="../../dispense_app/ui/counter_window.py" line="583" />
            <source>Start a new dispense</source>
            <translation>Eine neue Abgabe beginnen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="244" />
            <source>Camera (F11)</source>
            <translation>Kamera (F11)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="245" />
            <source>Scan with the webcam</source>
            <translation>Mit der Webcam scannen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="246" />
            <source>Type the code (F4)</source>
            <translation>Eingeben (F4)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="247" />
            <source>Type the printed code of a pack that cannot be scanned</source>
            <translation>Den aufgedruckten Code einer Packung eingeben, die sich nicht scannen lässt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="133" />
            <source>Outbox replay progress</source>
            <translation>Fortschritt beim Senden des Ausgangs</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="135" />
            <source>Transactions recorded here and not yet confirmed by the hub</source>
            <translation>Hier gespeicherte, vom Hub noch nicht bestätigte Transaktionen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="138" />
            <source>Rolling 95th percentile of the hub's answer time, against the 300 ms target</source>
            <translation>Gleitendes 95. Perzentil der Antwortzeit des Hubs, gegen das Ziel von 300 ms</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="140" />
            <source>Open the alerts view</source>
            <translation>Die Alarmansicht öffnen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="141" />
            <source>Settings (F10)</source>
            <translation>Einstellungen (F10)</translation>
        </message>
        <message>
            <source>Supply anyway (pharmacist, with a reason)…</source>
            <translation type="vanished">Trotzdem abgeben (Apotheker/in, mit Begründung)…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="249" />
            <source>Supply this pack despite the prescription STOP</source>
            <translation>Diese Packung trotz STOP der Verordnung abgeben</translation>
        </message>
        <message>
            <source>Sign in (F5)</source>
            <translation type="vanished">Anmelden (F5)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="143" />
            <source>Sign in or switch operator</source>
            <translation>Anmelden oder Bediener wechseln</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="144" />
            <source>Open the settings</source>
            <translation>Die Einstellungen öffnen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="145" />
            <source>About (F1)</source>
            <translation>Info (F1)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="147" />
            <source>About dispense-app: version, data folder, hub, licences</source>
            <translation>Über dispense-app: Version, Datenordner, Hub, Lizenzen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="263" />
            <source>OK — may be dispensed</source>
            <translation>OK — darf abgegeben werden</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="264" />
            <source>CHECK — read the reasons</source>
            <translation>PRÜFEN — Hinweise lesen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="265" />
            <source>STOP — do not supply</source>
            <translation>STOPP — nicht abgeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="266" />
            <source>Ready — scan a pack</source>
            <translation>Bereit — Packung scannen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="267" />
            <source>Checking…</source>
            <translation>Prüfe …</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="278" />
            <source>Scan the pack's DataMatrix code; the verdict appears here.</source>
            <translation>Den DataMatrix-Code der Packung scannen; das Ergebnis erscheint hier.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="272" />
            <source>Serial scanner connected: {port}</source>
            <translation>Serieller Scanner verbunden: {port}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="274" />
            <source>Serial scanner not connected: {detail}</source>
            <translation>Serieller Scanner nicht verbunden: {detail}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="154" />
            <source>⚠ Alerts: {n} new (F6)</source>
            <translation>⚠ Alarme: {n} neu (F6)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="157" />
            <source>Alerts (F6)</source>
            <translation>Alarme (F6)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="225" />
            <source>Open a prescription</source>
            <translation>Verordnung öffnen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="227" />
            <source>Prescriptions (*.json *.csv);;All files (*)</source>
            <translation>Verordnungen (*.json *.csv);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="204" />
            <source>Type the printed code</source>
            <translation>Aufgedruckten Code eingeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="254" />
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="257" />
            <location filename="../../dispense_app/ui/counter_window.py" line="515" />
            <source>Supply anyway</source>
            <translation>Trotzdem abgeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="255" />
            <source>Why is this pack supplied despite the STOP? The reason and your name are recorded on the alert.</source>
            <translation>Warum wird diese Packung trotz STOP abgegeben? Begründung und Ihr Name werden beim Alarm gespeichert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="265" />
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="269" />
            <source>Undo the supply</source>
            <translation>Abgabe rückgängig machen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="266" />
            <source>Undo the supply of {pack}? Only if the pack is back in your hands, unopened: it becomes available again. Why is it undone? The reason is recorded.</source>
            <translation>Abgabe von {pack} rückgängig machen? Nur wenn die Packung ungeöffnet wieder bei Ihnen ist: Sie wird wieder verfügbar. Warum wird sie zurückgenommen? Der Grund wird gespeichert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="276" />
            <location filename="../../dispense_app/ui/counter_window.py" line="530" />
            <source>Seal broken</source>
            <translation>Siegel beschädigt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="277" />
            <source>The seal (anti-tampering device) of {pack} is broken: the pack is not dispensed.</source>
            <translation>Das Siegel (der Erstöffnungsschutz) von {pack} ist beschädigt: Die Packung wird nicht abgegeben.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="282" />
            <source>An alert is recorded here for follow-up (the hub raises none). What happens to the pack?</source>
            <translation>Ein Alarm wird hier zur Nachverfolgung erfasst (das System löst keinen aus). Was geschieht mit der Packung?</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="285" />
            <source>Destroy it</source>
            <translation>Vernichten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="287" />
            <source>Return to stock</source>
            <translation>Zurück ins Lager</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="301" />
            <source>Checked packs not dispensed</source>
            <translation>Geprüfte Packungen nicht abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="302" />
            <source>1 checked pack not dispensed yet.</source>
            <translation>1 geprüfte Packung ist noch nicht abgegeben.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="303" />
            <source>{count} checked packs not dispensed yet.</source>
            <translation>{count} geprüfte Packungen sind noch nicht abgegeben.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="310" />
            <source>Nothing was sent to the hub for them. Put them aside and close the window?</source>
            <translation>Für sie wurde nichts an den Hub gesendet. Zur Seite legen und das Fenster schließen?</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="312" />
            <source>Nothing was sent to the hub for them. Put them aside and start a new dispense?</source>
            <translation>Für sie wurde nichts an den Hub gesendet. Zur Seite legen und eine neue Abgabe beginnen?</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="314" />
            <source>Put them aside</source>
            <translation>Zur Seite legen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="315" />
            <source>Keep them</source>
            <translation>Behalten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="244" />
            <source>Patient</source>
            <translation>Patient/in</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="245" />
            <source>The patient's reference (as in your patient records); their fills then count for adherence. Empty: no patient.</source>
            <translation>Kennung des Patienten (wie in Ihrer Patientenkartei); die Abgaben zählen dann für die Therapietreue. Leer: kein Patient.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_dialogs.py" line="247" />
            <location filename="../../dispense_app/ui/counter_window.py" line="479" />
            <source>Use this patient</source>
            <translation>Diesen Patienten verwenden</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="374" />
            <source>Only a signed-in pharmacist may supply anyway.</source>
            <translation>Nur angemeldete Apotheker/innen dürfen trotzdem abgeben.</translation>
        </message>
        <message>
            <source>Sign in first (F5).</source>
            <translation type="vanished">Bitte zuerst anmelden (F5).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="599" />
            <source>Your role does not allow this.</source>
            <translation>Ihre Rolle erlaubt das nicht.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="384" />
            <source>Undo possible until {when} (same premises only)</source>
            <translation>Rückgängig möglich bis {when} (nur in dieser Apotheke)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="341" />
            <source>The check could not be completed: {error}</source>
            <translation>Die Prüfung konnte nicht abgeschlossen werden: {error}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="123" />
            <source>not recorded</source>
            <translation>nicht erfasst</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="127" />
            <source>Refused by the hub after hand-over: pack {serial}, patient {patient}, alert {alert}. Contact the patient and get the pack back.</source>
            <translation>Nach der Abgabe vom Hub abgelehnt: Packung {serial}, Patient {patient}, Alarm {alert}. Den Patienten kontaktieren und die Packung zurückholen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="143" />
            <source>Pack {serial} (patient {patient}): {reason}</source>
            <translation>Packung {serial} (Patient {patient}): {reason}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="149" />
            <source>STOP — a pack dispensed offline was refused by the hub</source>
            <translation>STOPP — eine offline abgegebene Packung wurde vom Hub abgelehnt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="151" />
            <source>The pack may already be with the patient: contact them and take it back; do not hand it over again. Follow up the alert (Alerts, F6).</source>
            <translation>Die Packung ist vielleicht schon beim Patienten: ihn kontaktieren und die Packung zurücknehmen; nicht erneut aushändigen. Den Alarm weiterverfolgen (Alarme, F6).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="248" />
            <source>Supply anyway… (Ctrl+F9)</source>
            <translation>Trotzdem abgeben… (Strg+F9)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="250" />
            <source>Seal broken… (Ctrl+B)</source>
            <translation>Siegel beschädigt… (Strg+B)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="251" />
            <source>The seal of this pack is broken: do not dispense it</source>
            <translation>Das Siegel dieser Packung ist beschädigt: nicht abgeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="279" />
            <source>The code will not scan? Type it from the pack with F4.</source>
            <translation>Der Code lässt sich nicht scannen? Mit F4 von der Packung abtippen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="300" />
            <source>Scanned again: {serial}</source>
            <translation>Erneut gescannt: {serial}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="301" />
            <source>This pack is already in this dispense; it counts once. Nothing was sent to the hub again.</source>
            <translation>Diese Packung ist schon in dieser Abgabe; sie zählt einmal. Es wurde nichts erneut an den Hub gesendet.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="308" />
            <source>If you meant to scan another pack, scan that one now.</source>
            <translation>Wollten Sie eine andere Packung scannen, scannen Sie jetzt diese.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="325" />
            <source>Carried out by the hub now: {n}.</source>
            <translation>Jetzt vom Hub ausgeführt: {n}.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="327" />
            <source>Still in the outbox: {n}. They go with the next send.</source>
            <translation>Noch im Ausgang: {n}. Sie gehen mit dem nächsten Senden.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="329" />
            <source>Outbox: {n} still waiting</source>
            <translation>Ausgang: {n} warten noch</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="330" />
            <source>Send again later (F7).</source>
            <translation>Später erneut senden (F7).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="332" />
            <source>Outbox sent: {n} confirmed</source>
            <translation>Ausgang gesendet: {n} bestätigt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="333" />
            <source>Nothing left to send.</source>
            <translation>Nichts mehr zu senden.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_view.py" line="342" />
            <source>Scan the pack again. If this repeats, do not supply it and call support.</source>
            <translation>Packung erneut scannen. Wiederholt sich das, nicht abgeben und den Support anrufen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="281" />
            <source>&amp;Counter</source>
            <translation>&amp;Abgabe</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="282" />
            <source>Check the seal before dispensing (F9 intact, Ctrl+B broken)</source>
            <translation>Siegel vor der Abgabe prüfen (F9 unversehrt, Strg+B beschädigt)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="424" />
            <source>This scan's records could not be saved: {error}. The verdict shown stands; call support.</source>
            <translation>Die Aufzeichnungen zu diesem Scan konnten nicht gespeichert werden: {error}. Das angezeigte Ergebnis gilt; bitte den Support anrufen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="467" />
            <source>The prescription cannot be used: {error}</source>
            <translation>Die Verordnung ist nicht verwendbar: {error}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="492" />
            <source>Dispense</source>
            <translation>Abgabe</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="504" />
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="523" />
            <source>Ctrl+B (seal broken) is for a checked pack that was not dispensed.</source>
            <translation>Strg+B (Siegel beschädigt) gilt für eine geprüfte, noch nicht abgegebene Packung.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="536" />
            <source>The seal check was not changed: {error}</source>
            <translation>Die Siegelprüfung wurde nicht geändert: {error}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="597" />
            <source>Sign in first (Ctrl+L).</source>
            <translation>Bitte zuerst anmelden (Strg+L).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/counter_window.py" line="387" />
            <source>{action} failed: {error}</source>
            <translation>{action} fehlgeschlagen: {error}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="246" />
            <source>✖ Station not ready: {error}</source>
            <translation>✖ Arbeitsplatz nicht bereit: {error}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="165" />
            <source>Hub: …</source>
            <translation>Hub: …</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="142" />
            <source>Sign in (Ctrl+L)</source>
            <translation>Anmelden (Strg+L)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="193" />
            <source>Site database unreachable — working locally ({n} to merge)</source>
            <translation>Standort-Datenbank nicht erreichbar — lokal weitergearbeitet ({n} zum Zusammenführen)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="201" />
            <source>Hub: not checked yet</source>
            <translation>Hub: noch nicht geprüft</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="204" />
            <source>● Hub online</source>
            <translation>● Hub online</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="207" />
            <source>✖ Hub OFFLINE — working from the local cache</source>
            <translation>✖ Hub OFFLINE — Arbeit mit dem lokalen Speicher</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="188" />
            <source>Outbox: {n}</source>
            <translation>Ausgang: {n}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="223" />
            <source>✖ Hub OFFLINE — {notice}</source>
            <translation>✖ Hub OFFLINE — {notice}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="232" />
            <source>p95 — / {target:.0f} ms</source>
            <translation>p95 — / {target:.0f} ms</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="237" />
            <source>{mark} p95 {p95:.0f} ms / {target:.0f} ms</source>
            <translation>{mark} p95 {p95:.0f} ms / {target:.0f} ms</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="259" />
            <source>Outbox: sending {done}/{total}</source>
            <translation>Ausgang: sende {done}/{total}</translation>
        </message>
        <message>
            <source>Outbox: {n} queued</source>
            <translation type="vanished">Ausgang: {n} wartend</translation>
        </message>
        <message>
            <source>Hub p95: — (target {target:.0f} ms)</source>
            <translation type="vanished">Hub p95: — (Ziel {target:.0f} ms)</translation>
        </message>
        <message>
            <source>{mark} Hub p95: {p95:.0f} ms (target {target:.0f} ms)</source>
            <translation type="vanished">{mark} Hub p95: {p95:.0f} ms (Ziel {target:.0f} ms)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="174" />
            <source>Scanner: {profile}</source>
            <translation>Scanner: {profile}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="175" />
            <source>no profile</source>
            <translation>kein Profil</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="179" />
            <source>Operator: {name}</source>
            <translation>Benutzer: {name}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="180" />
            <source>not signed in</source>
            <translation>nicht angemeldet</translation>
        </message>
        <message>
            <source>Outbox: sending {done} of {total}</source>
            <translation type="vanished">Ausgang: sende {done} von {total}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/status_bar.py" line="267" />
            <source>Sending the outbox failed: {error}</source>
            <translation>Senden des Ausgangs fehlgeschlagen: {error}</translation>
        </message>
    </context>
    <context>
        <name>HubCredentials</name>
        <message>
            <source>{what} EXPIRED on {when}: the hub refuses this station; {renew}</source>
            <translation>{what} ist am {when} ABGELAUFEN: der Hub weist diese Station ab; {renew}</translation>
        </message>
        <message>
            <source>{what} expires in {days} day(s), on {when}: {renew}</source>
            <translation>{what} läuft in {days} Tag(en) ab, am {when}: {renew}</translation>
        </message>
        <message>
            <source>{what} valid until {when} ({days} days)</source>
            <translation>{what} gültig bis {when} ({days} Tage)</translation>
        </message>
        <message>
            <source>{what} take effect in {days} day(s), on {when}, and are not accepted yet: {renew}</source>
            <translation>{what} gelten in {days} Tag(en), ab {when}, und sind noch nicht angenommen: {renew}</translation>
        </message>
        <message>
            <source>{what} in force since {when} and NOT accepted: the national system may refuse this station; {renew}</source>
            <translation>{what} gelten seit {when} und sind NICHT angenommen: das nationale System kann diese Station abweisen; {renew}</translation>
        </message>
        <message>
            <source>version {version} accepted by {by} on {at}</source>
            <translation>Version {version} angenommen von {by} am {at}</translation>
        </message>
        <message>
            <source>no terms-and-conditions acceptance recorded: `dispense-app hub terms`</source>
            <translation>keine Annahme der Nutzungsbedingungen verzeichnet: `dispense-app hub terms`</translation>
        </message>
        <message>
            <source>{type} has no terms-and-conditions service</source>
            <translation>{type} hat keinen Dienst für Nutzungsbedingungen</translation>
        </message>
        <message>
            <source>no N-Ident client certificate configured (--client-cert)</source>
            <translation>kein N-Ident-Client-Zertifikat eingerichtet (--client-cert)</translation>
        </message>
        <message>
            <source>no client certificate configured (none needed for this hub)</source>
            <translation>kein Client-Zertifikat eingerichtet (für diesen Hub nicht nötig)</translation>
        </message>
        <message>
            <source>{what} cannot be read: {error}</source>
            <translation>{what} ist nicht lesbar: {error}</translation>
        </message>
        <message>
            <source>securPharm logs in with the N-Ident certificate, no password</source>
            <translation>securPharm meldet sich mit dem N-Ident-Zertifikat an, ohne Passwort</translation>
        </message>
        <message>
            <source>no client secret configured (open hub)</source>
            <translation>kein Client-Geheimnis eingerichtet (offener Hub)</translation>
        </message>
        <message>
            <source>{what} age unknown: set it with `dispense-app hub credentials set` to track it</source>
            <translation>Alter von {what} unbekannt: mit `dispense-app hub credentials set` setzen, um es zu verfolgen</translation>
        </message>
        <message>
            <source>N-Ident client certificate ({path})</source>
            <translation>N-Ident-Client-Zertifikat ({path})</translation>
        </message>
        <message>
            <source>client certificate ({path})</source>
            <translation>Client-Zertifikat ({path})</translation>
        </message>
        <message>
            <source>password (set {changed}, valid {valid} days)</source>
            <translation>Passwort (gesetzt {changed}, gültig {valid} Tage)</translation>
        </message>
        <message>
            <source>client secret (set {changed}, valid {valid} days)</source>
            <translation>Client-Geheimnis (gesetzt {changed}, gültig {valid} Tage)</translation>
        </message>
        <message>
            <source>password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>client secret</source>
            <translation>Client-Geheimnis</translation>
        </message>
        <message>
            <source>new terms and conditions (version {version})</source>
            <translation>Neue Nutzungsbedingungen (Version {version})</translation>
        </message>
        <message>
            <source>ATP credential</source>
            <translation>ATP-Berechtigungsnachweis</translation>
        </message>
        <message>
            <source>renew the N-Ident certificate with NGDA (re-legitimation); renewal takes weeks, start at once, then point `dispense-app hub configure --client-cert` at the new file</source>
            <translation>das N-Ident-Zertifikat bei der NGDA erneuern (Re-Legitimation); das dauert Wochen, sofort beginnen, dann `dispense-app hub configure --client-cert` auf die neue Datei richten</translation>
        </message>
        <message>
            <source>download a new client certificate from the national system's PKI (G615 with a TAN from your national organisation), then `dispense-app hub configure --client-cert` the new file</source>
            <translation>ein neues Client-Zertifikat aus der PKI des nationalen Systems laden (G615 mit einer TAN Ihrer nationalen Organisation), dann die neue Datei mit `dispense-app hub configure --client-cert` eintragen</translation>
        </message>
        <message>
            <source>ask the hub's operator for a new client certificate, then `dispense-app hub configure --client-cert` the new file</source>
            <translation>beim Betreiber des Hubs ein neues Client-Zertifikat anfordern, dann die neue Datei mit `dispense-app hub configure --client-cert` eintragen</translation>
        </message>
        <message>
            <source>change it (`dispense-app hub password` or the settings window) and store the new one</source>
            <translation>ändern (`dispense-app hub password` oder das Einstellungsfenster) und das neue speichern</translation>
        </message>
        <message>
            <source>a pharmacist reads and accepts them (`dispense-app hub terms` or the settings window)</source>
            <translation>ein Apotheker liest und nimmt sie an (`dispense-app hub terms` oder das Einstellungsfenster)</translation>
        </message>
        <message>
            <source>ask the credential provider for a new ATP credential and store it (`dispense-app hub credentials set`)</source>
            <translation>beim Aussteller einen neuen ATP-Berechtigungsnachweis anfordern und speichern (`dispense-app hub credentials set`)</translation>
        </message>
        <message>
            <source>connectivity</source>
            <translation>Verbindung</translation>
        </message>
        <message>
            <source>login</source>
            <translation>Anmeldung</translation>
        </message>
        <message>
            <source>certificate</source>
            <translation>Zertifikat</translation>
        </message>
        <message>
            <source>terms</source>
            <translation>Nutzungsbedingungen</translation>
        </message>
        <message>
            <source>credential</source>
            <translation>Berechtigungsnachweis</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>WARN</source>
            <translation>WARNUNG</translation>
        </message>
        <message>
            <source>EXPIRED</source>
            <translation>ABGELAUFEN</translation>
        </message>
        <message>
            <source>FAIL</source>
            <translation>FEHLER</translation>
        </message>
        <message>
            <source>UNKNOWN</source>
            <translation>UNBEKANNT</translation>
        </message>
        <message>
            <source>N/A</source>
            <translation>ENTFÄLLT</translation>
        </message>
    </context>
    <context>
        <name>ManualEntryForm</name>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="31" />
            <source>Product code (GTIN, PPN or PZN)</source>
            <translation>Produktcode (GTIN, PPN oder PZN)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="32" />
            <source>Serial number</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="33" />
            <source>Batch</source>
            <translation>Charge</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="34" />
            <source>Expiry (e.g. 2027-05-31 or 05/2027)</source>
            <translation>Verfalldatum (z. B. 2027-05-31 oder 05/2027)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/manual_entry_form.py" line="53" />
            <source>Check and use</source>
            <translation>Prüfen und übernehmen</translation>
        </message>
    </context>
    <context>
        <name>PackList</name>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="193" />
            <source>Packs in this dispense</source>
            <translation>Packungen dieser Abgabe</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="196" />
            <source>Select all rows</source>
            <translation>Alle Zeilen wählen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="199" />
            <source>Verdict</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="200" />
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="201" />
            <source>Serial</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="202" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="203" />
            <source>Undo until</source>
            <translation>Rückgängig bis</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="209" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="210" />
            <source>CHECK</source>
            <translation>PRÜFEN</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="211" />
            <source>STOP</source>
            <translation>STOPP</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="216" />
            <source>checked, not yet dispensed</source>
            <translation>geprüft, noch nicht abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="217" />
            <source>do not supply</source>
            <translation>nicht abgeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="218" />
            <source>dispensed</source>
            <translation>abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="219" />
            <source>dispensed offline (queued)</source>
            <translation>offline abgegeben (wartet)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="220" />
            <source>undone</source>
            <translation>rückgängig gemacht</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="221" />
            <source>refused by the hub</source>
            <translation>vom Hub abgelehnt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="246" />
            <source>(unreadable code)</source>
            <translation>(Code nicht lesbar)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="311" />
            <source>the unreadable pack</source>
            <translation>die unlesbare Packung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_list.py" line="313" />
            <source>{product}, serial {serial}</source>
            <translation>{product}, Seriennummer {serial}</translation>
        </message>
    </context>
    <context>
        <name>PackPanel</name>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="100" />
            <source>Pack — compare with the printed pack</source>
            <translation>Packung — mit dem Aufdruck vergleichen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="102" />
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="103" />
            <location filename="../../dispense_app/ui/pack_panel.py" line="147" />
            <location filename="../../dispense_app/ui/pack_panel.py" line="177" />
            <source>Product code</source>
            <translation>Produktcode</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="104" />
            <source>Serial (SN)</source>
            <translation>Seriennr. (SN)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="105" />
            <source>Batch (LOT)</source>
            <translation>Charge (LOT)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="106" />
            <source>Expiry (EXP)</source>
            <translation>Verfall (EXP)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="107" />
            <source>PZN / NHRN</source>
            <translation>PZN / NHRN</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="108" />
            <source>Entry</source>
            <translation>Eingabe</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="109" />
            <source>Hub state</source>
            <translation>Status im Hub</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="154" />
            <source>Active</source>
            <translation>Aktiv</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="155" />
            <source>Supplied (dispensed)</source>
            <translation>Abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="156" />
            <source>Destroyed</source>
            <translation>Vernichtet</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="157" />
            <source>Exported</source>
            <translation>Exportiert</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="158" />
            <source>Sample</source>
            <translation>Muster</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="159" />
            <source>Free sample</source>
            <translation>Ärztemuster</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="160" />
            <source>Locked</source>
            <translation>Gesperrt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="161" />
            <source>Stolen</source>
            <translation>Gestohlen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="162" />
            <source>Checked out</source>
            <translation>Ausgecheckt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="163" />
            <source>Expired</source>
            <translation>Verfallen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="164" />
            <source>Recalled</source>
            <translation>Zurückgerufen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="165" />
            <source>Withdrawn</source>
            <translation>Vom Markt genommen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="174" />
            <source>Scanned</source>
            <translation>Gescannt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="174" />
            <source>Typed by hand</source>
            <translation>Von Hand eingegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="174" />
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="184" />
            <source>{date} — expired</source>
            <translation>{date} — verfallen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="203" />
            <source>Active, but expired</source>
            <translation>Aktiv, aber verfallen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/pack_panel.py" line="81" />
            <location filename="../../dispense_app/ui/pack_panel.py" line="176" />
            <source>Product code ({scheme})</source>
            <translation>Produktcode ({scheme})</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="59" />
            <source>Change the NMVS password</source>
            <translation>NMVS-Passwort ändern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="60" />
            <source>New password (8-60 characters)</source>
            <translation>Neues Passwort (8-60 Zeichen)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="61" />
            <source>New password again</source>
            <translation>Neues Passwort wiederholen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="62" />
            <source>Change at the national system</source>
            <translation>Beim nationalen System ändern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="72" />
            <source>The two entries differ.</source>
            <translation>Die beiden Eingaben unterscheiden sich.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="75" />
            <source>An NMVS password has 8 to 60 characters.</source>
            <translation>Ein NMVS-Passwort hat 8 bis 60 Zeichen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="78" />
            <source>Asking the national system…</source>
            <translation>Frage das nationale System…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="87" />
            <source>Changed at the national system and stored in the keyring.</source>
            <translation>Beim nationalen System geändert und im Schlüsselbund gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>PrescriptionPanel</name>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="78" />
            <source>Prescription</source>
            <translation>Verordnung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="79" />
            <source>Open prescription (F3)</source>
            <translation>Verordnung öffnen (F3)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="80" />
            <source>Adherence (F2)</source>
            <translation>Therapietreue (F2)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="81" />
            <source>Patient…</source>
            <translation>Patient…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="82" />
            <source>Choose the patient without a prescription</source>
            <translation>Patient ohne Verordnung wählen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="83" />
            <source>The patient's adherence: days covered, refills, notes</source>
            <translation>Therapietreue des Patienten: versorgte Tage, Folgeabgaben, Notizen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="84" />
            <source>Open a prescription file (FHIR JSON or CSV)</source>
            <translation>Eine Verordnungsdatei öffnen (FHIR-JSON oder CSV)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="85" />
            <source>Prescribed item</source>
            <translation>Verordneter Artikel</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="85" />
            <source>Prescribed</source>
            <translation>Verordnet</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="86" />
            <source>Dispensed</source>
            <translation>Abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="86" />
            <source>Left</source>
            <translation>Offen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="87" />
            <source>Prescribed items</source>
            <translation>Verordnete Artikel</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="90" />
            <source>Select all rows</source>
            <translation>Alle Zeilen wählen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="97" />
            <source>{n} packs</source>
            <translation>{n} Packungen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="97" />
            <source>1 pack</source>
            <translation>1 Packung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="98" />
            <source>{n} units</source>
            <translation>{n} Einheiten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="98" />
            <source>1 unit</source>
            <translation>1 Einheit</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="109" />
            <source>{name} (born {date})</source>
            <translation>{name} (geb. {date})</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="116" />
            <source>active</source>
            <translation>gültig</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="117" />
            <source>on hold</source>
            <translation>pausiert</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="118" />
            <source>cancelled</source>
            <translation>storniert</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="119" />
            <source>completed</source>
            <translation>abgeschlossen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="120" />
            <source>entered in error</source>
            <translation>irrtümlich erfasst</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="121" />
            <source>stopped</source>
            <translation>beendet</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="122" />
            <source>draft</source>
            <translation>Entwurf</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="123" />
            <source>status unknown</source>
            <translation>Status unbekannt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="133" />
            <source>Patient {patient}, no prescription: fills count for their adherence.</source>
            <translation>Patient {patient}, ohne Verordnung: Abgaben zählen für die Therapietreue.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="136" />
            <source>No prescription open: packs are checked without one.</source>
            <translation>Keine Verordnung geöffnet: Packungen werden ohne Verordnung geprüft.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="111" />
            <source>no patient named</source>
            <translation>kein Patient angegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="143" />
            <source>{rx} for {patient} ({status})</source>
            <translation>{rx} für {patient} ({status})</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/prescription_panel.py" line="152" />
            <source>covered</source>
            <translation>erfüllt</translation>
        </message>
    </context>
    <context>
        <name>PromptDialog</name>
        <message>
            <location filename="../../dispense_app/ui/prompt_dialog.py" line="47" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
    </context>
    <context>
        <name>QtCamera</name>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="184" />
            <source>No camera found. Check that a webcam is connected and not in use by another program.</source>
            <translation>Keine Kamera gefunden. Prüfen Sie, ob eine Webcam angeschlossen ist und nicht von einem anderen Programm verwendet wird.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="190" />
            <source>There is no camera number {index}. Cameras found: {names}. Choose a camera number from 0 to {last} in the settings.</source>
            <translation>Es gibt keine Kamera Nummer {index}. Gefundene Kameras: {names}. Wählen Sie in den Einstellungen eine Kameranummer von 0 bis {last}.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="201" />
            <source>This app may not use the camera: access was denied. Allow camera access for desktop apps (Windows: Settings &gt; Privacy &amp; security &gt; Camera).</source>
            <translation>Diese App darf die Kamera nicht verwenden: Der Zugriff wurde verweigert. Erlauben Sie Desktop-Apps den Kamerazugriff (Windows: Einstellungen &gt; Datenschutz und Sicherheit &gt; Kamera).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="322" />
            <source>The camera was closed.</source>
            <translation>Die Kamera wurde geschlossen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="329" />
            <source>No picture from the camera within {seconds} seconds. It may be in use by another program.</source>
            <translation>Kein Bild von der Kamera innerhalb von {seconds} Sekunden. Sie wird vielleicht von einem anderen Programm verwendet.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="435" />
            <source>This installation has no Qt Multimedia backend, so it cannot use a camera.</source>
            <translation>Diese Installation hat kein Qt-Multimedia-Backend und kann deshalb keine Kamera verwenden.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="469" />
            <source>Camera {name} could not start ({reason}). It may be in use by another program, or camera access may be turned off in the privacy settings.</source>
            <translation>Kamera {name} konnte nicht starten ({reason}). Sie wird vielleicht von einem anderen Programm verwendet, oder der Kamerazugriff ist in den Datenschutzeinstellungen ausgeschaltet.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/qt_camera.py" line="479" />
            <source>Camera {name} stopped working ({reason}).</source>
            <translation>Kamera {name} funktioniert nicht mehr ({reason}).</translation>
        </message>
    </context>
    <context>
        <name>QuarantineView</name>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="137" />
            <source>dispense-app — quarantine (US DSCSA suspect product)</source>
            <translation>dispense-app — Quarantäne (US-DSCSA, verdächtige Ware)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Record</source>
            <translation>Vorgang</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>GTIN</source>
            <translation>GTIN</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Serial</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="139" />
            <source>Lot</source>
            <translation>Charge</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="140" />
            <source>Packs verified</source>
            <translation>Geprüfte Packungen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="140" />
            <source>Report due</source>
            <translation>Meldung fällig</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="144" />
            <source>Suspect packs on hand</source>
            <translation>Verdächtige Packungen im Bestand</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="147" />
            <source>Received from (trading partner)</source>
            <translation>Erhalten von (Handelspartner)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="148" />
            <source>Save count and partner</source>
            <translation>Anzahl und Partner speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="149" />
            <source>Confirm illegitimate</source>
            <translation>Als illegitim bestätigen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="150" />
            <source>Release (cleared)</source>
            <translation>Freigeben (entlastet)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="151" />
            <source>FDA Form 3911 draft (PDF)…</source>
            <translation>Entwurf FDA-Formular 3911 (PDF)…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="152" />
            <source>Mark submitted</source>
            <translation>Als eingereicht markieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="153" />
            <source>Copy notice</source>
            <translation>Mitteilung kopieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="154" />
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="161" />
            <source>suspect</source>
            <translation>verdächtig</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="162" />
            <source>ILLEGITIMATE</source>
            <translation>ILLEGITIM</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="163" />
            <source>submitted</source>
            <translation>eingereicht</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="164" />
            <source>released</source>
            <translation>freigegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="170" />
            <source>Verify at least {need} packs of this product and lot (10 % of {on_hand} on hand).</source>
            <translation>Prüfen Sie mindestens {need} Packungen dieses Produkts und dieser Charge (10 % von {on_hand} im Bestand).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="172" />
            <source>Verify at least {need} packs of this product and lot (3 packs, or 10 % of a larger stock).</source>
            <translation>Prüfen Sie mindestens {need} Packungen dieses Produkts und dieser Charge (3 Packungen oder 10 % eines größeren Bestands).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="174" />
            <source>{done} of {need} verified.</source>
            <translation>{done} von {need} geprüft.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="176" />
            <source>Enough packs verified: confirm the product illegitimate or release the pack.</source>
            <translation>Genug Packungen geprüft: bestätigen Sie das Produkt als illegitim oder geben Sie die Packung frei.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="178" />
            <source>Scan the other packs on the shelf at the counter: each one is counted here.</source>
            <translation>Scannen Sie die anderen Packungen aus dem Regal am Verkaufstisch: jede wird hier gezählt.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="188" />
            <source>FDA Form 3911 and trading-partner notices due in {h} h {m:02d} min</source>
            <translation>FDA-Formular 3911 und Mitteilungen an Handelspartner fällig in {h} h {m:02d} min</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="189" />
            <source>OVERDUE by {h} h {m:02d} min: submit FDA Form 3911 and notify trading partners now</source>
            <translation>ÜBERFÄLLIG seit {h} h {m:02d} min: FDA-Formular 3911 jetzt einreichen und Handelspartner benachrichtigen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="198" />
            <source>Reminder — {serial}: {clock}</source>
            <translation>Erinnerung — {serial}: {clock}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="246" />
            <source>No pack is in quarantine.</source>
            <translation>Keine Packung steht unter Quarantäne.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="252" />
            <source>{id}: {status} — {product} serial {serial}, lot {lot}. Why: {reason}</source>
            <translation>{id}: {status} — {product} Seriennummer {serial}, Charge {lot}. Grund: {reason}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="345" />
            <source>Form 3911 draft written to {path}.</source>
            <translation>Entwurf des Formulars 3911 gespeichert unter {path}.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="349" />
            <source>Save the Form 3911 draft</source>
            <translation>Entwurf des Formulars 3911 speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="373" />
            <source>&amp;Tools</source>
            <translation>&amp;Extras</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/quarantine_view.py" line="374" />
            <source>&amp;Quarantine (suspect product)…</source>
            <translation>&amp;Quarantäne (verdächtige Ware)…</translation>
        </message>
    </context>
    <context>
        <name>RecallsView</name>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="114" />
            <source>Recalls — who received the affected packs</source>
            <translation>Rückrufe – wer die betroffenen Packungen erhalten hat</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="115" />
            <source>&amp;Notice:</source>
            <translation>&amp;Meldung:</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="116" />
            <source>&amp;Import notice…</source>
            <translation>Meldung &amp;importieren…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="117" />
            <source>Contact list &amp;CSV…</source>
            <translation>Kontaktliste &amp;CSV…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="118" />
            <source>Contact list &amp;PDF…</source>
            <translation>Kontaktliste &amp;PDF…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="119" />
            <source>Note on the call (what the patient was told, when the pack comes back)</source>
            <translation>Notiz zum Anruf (was der Patient erfahren hat, wann die Packung zurückkommt)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="120" />
            <source>&amp;Mark contacted</source>
            <translation>Als &amp;kontaktiert markieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Pack serial</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Batch</source>
            <translation>Charge</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Dispensed</source>
            <translation>Abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="122" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="123" />
            <source>Counter</source>
            <translation>Kasse</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="123" />
            <source>Contacted</source>
            <translation>Kontaktiert</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="123" />
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="144" />
            <source>No recall notice imported yet: import the notice the authority sent.</source>
            <translation>Noch keine Rückrufmeldung importiert: Importieren Sie die Meldung der Behörde.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="164" />
            <source>dispensed</source>
            <translation>abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="164" />
            <source>dispensed (hub not told yet)</source>
            <translation>abgegeben (noch nicht an den Hub gemeldet)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="166" />
            <source>(no patient reference)</source>
            <translation>(keine Patientenreferenz)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="169" />
            <source>not yet</source>
            <translation>noch nicht</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="182" />
            <source>{dispensed} affected pack(s) dispensed to {patients} patient(s), {queued} waiting to be sent; {checked} checked and still in the pharmacy, {returned} returned.</source>
            <translation>{dispensed} betroffene Packung(en) an {patients} Patient(en) abgegeben, {queued} warten auf Versand; {checked} geprüft und noch in der Apotheke, {returned} zurückgenommen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="187" />
            <source>Notice {notice} ({reason}). Scope: {scope}. Packs of the batch seen here that the notice does not cover: {spared}.</source>
            <translation>Meldung {notice} ({reason}). Umfang: {scope}. Hier gesehene Packungen der Charge, die die Meldung nicht betrifft: {spared}.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="209" />
            <source>Import recall notice</source>
            <translation>Rückrufmeldung importieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="210" />
            <source>Recall notice (*.csv)</source>
            <translation>Rückrufmeldung (*.csv)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="219" />
            <source>Imported {count} notice(s).</source>
            <translation>{count} Meldung(en) importiert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="242" />
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="242" />
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="243" />
            <source>Save contact list</source>
            <translation>Kontaktliste speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="248" />
            <source>Wrote {rows} line(s) to {path}.</source>
            <translation>{rows} Zeile(n) nach {path} geschrieben.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="185" />
            <source>{gtin} · batch {lot}: {scope}</source>
            <translation>{gtin} · Charge {lot}: {scope}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="192" />
            <source>whole batch</source>
            <translation>ganze Charge</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="194" />
            <source>{n} serial(s)</source>
            <translation>{n} Seriennummer(n)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/recalls_view.py" line="197" />
            <source>{n} excluded</source>
            <translation>{n} ausgenommen</translation>
        </message>
    </context>
    <context>
        <name>ReportsMenu</name>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="53" />
            <source>&amp;Reports</source>
            <translation>&amp;Berichte</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="55" />
            <source>More menus</source>
            <translation>Weitere Menüs</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="56" />
            <source>Re&amp;calls…</source>
            <translation>&amp;Rückrufe…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/reports_menu.py" line="57" />
            <source>&amp;Statistics…</source>
            <translation>&amp;Statistik…</translation>
        </message>
    </context>
    <context>
        <name>SettingsView</name>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="290" />
            <source>dispense-app — settings</source>
            <translation>dispense-app — Einstellungen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="291" />
            <source>Hub (takes effect when the station starts again)</source>
            <translation>Hub (gilt ab dem nächsten Start des Arbeitsplatzes)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="330" />
            <source>PIN (6-12 digits)</source>
            <translation>PIN (6–12 Ziffern)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="389" />
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="390" />
            <source>URL</source>
            <translation>URL</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="391" />
            <source>Token server URL</source>
            <translation>Token-Server-URL</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="392" />
            <source>Location id</source>
            <translation>Standort-ID</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="393" />
            <source>Client id</source>
            <translation>Client-ID</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="394" />
            <source>Client secret</source>
            <translation>Client-Geheimnis</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="395" />
            <source>CA bundle (PEM)</source>
            <translation>CA-Zertifikate (PEM)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="396" />
            <source>Client certificate (PEM)</source>
            <translation>Client-Zertifikat (PEM)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="397" />
            <source>Certificate passphrase</source>
            <translation>Passphrase des Zertifikats</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="402" />
            <source>Application id (sid)</source>
            <translation>Anwendungs-ID (sid)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="402" />
            <source>N-Ident certificate (PEM)</source>
            <translation>N-Ident-Zertifikat (PEM)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="294" />
            <source>empty: the same as the URL</source>
            <translation>leer: dieselbe wie die URL</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="295" />
            <source>Save hub</source>
            <translation>Hub speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="296" />
            <source>empty: the system's certificate store</source>
            <translation>leer: Zertifikatsspeicher des Systems</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="297" />
            <source>empty: no client certificate</source>
            <translation>leer: kein Client-Zertifikat</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="299" />
            <source>Choose…</source>
            <translation>Wählen…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="300" />
            <source>Choose the CA bundle file</source>
            <translation>Datei mit den CA-Zertifikaten wählen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="301" />
            <source>Choose the client certificate file</source>
            <translation>Datei des Client-Zertifikats wählen</translation>
        </message>
        <message>
            <source>Scanner (takes effect when the window starts again)</source>
            <translation type="vanished">Scanner (gilt ab dem nächsten Start des Fensters)</translation>
        </message>
        <message>
            <source>Scanner (wedge: at once; serial port and camera: when the window starts again)</source>
            <translation type="vanished">Scanner (Tastatur-Scanner: sofort; serielle Schnittstelle und Kamera: ab dem nächsten Start des Fensters)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="303" />
            <source>Scanner (wedge: at once; camera: when it next starts; serial port: when the window starts again)</source>
            <translation>Scanner (Tastatur-Scanner: sofort; Kamera: beim nächsten Start der Kamera; serielle Schnittstelle: beim nächsten Start des Fensters)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="305" />
            <source>Wedge: longest gap between keys (ms)</source>
            <translation>Tastatur-Scanner: längste Pause zwischen Tasten (ms)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="306" />
            <source>Wedge: shortest scan (characters)</source>
            <translation>Tastatur-Scanner: kürzester Scan (Zeichen)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="307" />
            <source>Suffix after the code</source>
            <translation>Abschluss nach dem Code</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="308" />
            <source>Serial port</source>
            <translation>Serielle Schnittstelle</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="309" />
            <source>Baud rate</source>
            <translation>Baudrate</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="310" />
            <source>Camera number</source>
            <translation>Kamera-Nummer</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="316" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="317" />
            <source>Tab</source>
            <translation>Tab</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="318" />
            <source>none (a pause ends the scan)</source>
            <translation>keiner (eine Pause beendet den Scan)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="322" />
            <source>none (keyboard wedge only)</source>
            <translation>keine (nur Tastatur-Scanner)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="323" />
            <source>Save scanner</source>
            <translation>Scanner speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="324" />
            <source>Calibrate the scanner (test sheet)…</source>
            <translation>Scanner kalibrieren (Testblatt)…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="325" />
            <location filename="../../dispense_app/ui/settings_view.py" line="342" />
            <source>This window</source>
            <translation>Dieses Fenster</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="325" />
            <source>Hub</source>
            <translation>Hub</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="325" />
            <source>Scanner</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="326" />
            <source>Operators</source>
            <translation>Bediener</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="328" />
            <source>Operators and roles (sign-in with PIN once an account exists)</source>
            <translation>Bediener und Rollen (Anmeldung mit PIN, sobald ein Konto besteht)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="329" />
            <source>Login</source>
            <translation>Kennung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="329" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="329" />
            <source>Role</source>
            <translation>Rolle</translation>
        </message>
        <message>
            <source>PIN (4-12 digits)</source>
            <translation type="vanished">PIN (4–12 Ziffern)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="334" />
            <location filename="../../dispense_app/ui/settings_view.py" line="471" />
            <source>Pharmacist</source>
            <translation>Apotheker/in</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="335" />
            <location filename="../../dispense_app/ui/settings_view.py" line="471" />
            <source>Pharmacy technician</source>
            <translation>PTA</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="336" />
            <location filename="../../dispense_app/ui/settings_view.py" line="472" />
            <source>IT support</source>
            <translation>IT-Support</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="338" />
            <source>Add operator</source>
            <translation>Bediener hinzufügen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="339" />
            <source>New PIN for the selected</source>
            <translation>Neue PIN für den Ausgewählten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="340" />
            <source>Deactivate / reactivate the selected</source>
            <translation>Ausgewählten deaktivieren / aktivieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="341" />
            <source>Operator accounts</source>
            <translation>Bedienerkonten</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="343" />
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="346" />
            <source>as the system</source>
            <translation>wie das System</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="350" />
            <source>Sounds for OK and STOP</source>
            <translation>Töne für OK und STOPP</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="351" />
            <source>Apply and save</source>
            <translation>Übernehmen und speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="357" />
            <location filename="../../dispense_app/ui/settings_view.py" line="361" />
            <location filename="../../dispense_app/ui/settings_view.py" line="365" />
            <source>stored in the keyring (type to replace)</source>
            <translation>im Schlüsselbund gespeichert (zum Ersetzen eintippen)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="359" />
            <location filename="../../dispense_app/ui/settings_view.py" line="363" />
            <location filename="../../dispense_app/ui/settings_view.py" line="367" />
            <source>stored in the keyring, never in a file</source>
            <translation>wird im Schlüsselbund gespeichert, nie in einer Datei</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="480" />
            <source>inactive</source>
            <translation>inaktiv</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="488" />
            <source>Select an operator in the list first.</source>
            <translation>Bitte zuerst einen Bediener in der Liste auswählen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="508" />
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="522" />
            <source>Added. Sign in with the new account (Ctrl+L).</source>
            <translation>Angelegt. Melden Sie sich mit dem neuen Konto an (Strg+L).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="572" />
            <source>The saved hub settings cannot be read; enter them again and save.</source>
            <translation>Die gespeicherten Hub-Einstellungen können nicht gelesen werden; bitte neu eingeben und speichern.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="574" />
            <source>Secrets (client secret, certificate passphrase) cannot be stored on this computer: it has no secure password store (Windows Credential Manager, macOS Keychain, or a Secret Service on Linux). Ask your IT to set one up.</source>
            <translation>Geheimnisse (Client-Secret, Zertifikats-Passphrase) können auf diesem Computer nicht gespeichert werden: Es gibt keinen sicheren Passwortspeicher (Windows-Anmeldeinformationsverwaltung, macOS-Schlüsselbund oder einen Secret Service unter Linux). Bitten Sie Ihre IT, einen einzurichten.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="579" />
            <source>Training mode uses the simulated hub at {url}. The settings here are for the real station.</source>
            <translation>Der Übungsmodus verwendet den simulierten Hub unter {url}. Die Einstellungen hier gelten für die echte Station.</translation>
        </message>
        <message>
            <source>Added. Sign in with the new account (F5).</source>
            <translation type="vanished">Hinzugefügt. Mit dem neuen Konto anmelden (F5).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="545" />
            <source>Choose a PEM file</source>
            <translation>PEM-Datei wählen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="546" />
            <source>PEM files (*.pem *.crt *.cer);;All files (*)</source>
            <translation>PEM-Dateien (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Secrets (client secret, certificate passphrase) cannot be stored on this machine:</source>
            <translation type="vanished">Geheimnisse (Client-Geheimnis, Passphrase des Zertifikats) können auf diesem Rechner nicht gespeichert werden:</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="611" />
            <source>Saved. The station uses it from its next start.</source>
            <translation>Gespeichert. Der Arbeitsplatz verwendet es ab dem nächsten Start.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="646" />
            <source>Saved. A new camera number applies the next time the camera starts, a serial port when the window starts again.</source>
            <translation>Gespeichert. Eine neue Kameranummer gilt beim nächsten Start der Kamera, eine serielle Schnittstelle beim nächsten Start des Fensters.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="651" />
            <source>Saved and applied.</source>
            <translation>Gespeichert und angewendet.</translation>
        </message>
        <message>
            <source>Saved. Serial port and camera changes apply when the window starts again.</source>
            <translation type="vanished">Gespeichert. Änderungen an serieller Schnittstelle und Kamera gelten ab dem nächsten Start des Fensters.</translation>
        </message>
        <message>
            <source>Saved. Scanner changes apply when the window starts again.</source>
            <translation type="vanished">Gespeichert. Scanner-Änderungen gelten ab dem nächsten Start des Fensters.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="405" />
            <source>Client login id (NMVS)</source>
            <translation>Client-Login-ID (NMVS)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="406" />
            <source>NMVS password</source>
            <translation>NMVS-Passwort</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="407" />
            <source>User id (NMVS)</source>
            <translation>Benutzer-ID (NMVS)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="410" />
            <source>Change the NMVS password…</source>
            <translation>NMVS-Passwort ändern…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="411" />
            <source>Terms and conditions…</source>
            <translation>Nutzungsbedingungen…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="417" />
            <source>Save the NMVS first: the password and the terms are handled with the national system.</source>
            <translation>Zuerst das NMVS speichern: Passwort und Nutzungsbedingungen werden mit dem nationalen System abgewickelt.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="422" />
            <source>Password set on {day}, valid until {until}.</source>
            <translation>Passwort gesetzt am {day}, gültig bis {until}.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="425" />
            <source>No password date recorded.</source>
            <translation>Kein Passwortdatum vermerkt.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="427" />
            <source>Terms version {version} accepted.</source>
            <translation>Nutzungsbedingungen Version {version} akzeptiert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="429" />
            <source>No acceptance of terms recorded.</source>
            <translation>Keine Annahme der Nutzungsbedingungen vermerkt.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="398" />
            <source>GLN (US VRS)</source>
            <translation>GLN (US-VRS)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/settings_view.py" line="399" />
            <source>ATP credential (US VRS)</source>
            <translation>ATP-Nachweis (US-VRS)</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="61" />
            <source>dispense-app — sign in</source>
            <translation>dispense-app — Anmeldung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="62" />
            <source>Login</source>
            <translation>Kennung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="63" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="64" />
            <source>Sign in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="65" />
            <source>Sign in with login and PIN</source>
            <translation>Mit Kennung und PIN anmelden</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="71" />
            <source>Type your login and PIN.</source>
            <translation>Bitte Kennung und PIN eingeben.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="96" />
            <source>Sign-in failed: unknown or inactive login, or wrong PIN.</source>
            <translation>Anmeldung fehlgeschlagen: Kennung unbekannt oder inaktiv, oder PIN falsch.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="102" />
            <source>After {failures} failed attempts in a row, this login is locked for {minutes} min (until {until}).</source>
            <translation>Nach {failures} Fehlversuchen in Folge ist diese Anmeldung für {minutes} Min. gesperrt (bis {until}).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="107" />
            <source>Too many failed attempts for this login: wait {seconds} s, then try again.</source>
            <translation>Zu viele Fehlversuche für diese Anmeldung: {seconds} s warten, dann erneut versuchen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/sign_in.py" line="110" />
            <source>Wait {seconds} s before the next try.</source>
            <translation>Vor dem nächsten Versuch {seconds} s warten.</translation>
        </message>
    </context>
    <context>
        <name>SignalsPanel</name>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="50" />
            <source>Counterfeit and diversion signals: {n} (informational, never a STOP on their own)</source>
            <translation>Hinweise auf Fälschung und Abzweigung: {n} (nur zur Information, nie allein ein STOPP)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="56" />
            <source>seen again after it was supplied</source>
            <translation>nach der Abgabe erneut gescannt</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="57" />
            <source>several unknown serials in one batch</source>
            <translation>mehrere unbekannte Seriennummern einer Charge</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="58" />
            <source>pack coded for another market</source>
            <translation>Packung für einen anderen Markt codiert</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="59" />
            <source>serial does not fit its batch</source>
            <translation>Seriennummer passt nicht zu ihrer Charge</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/signals_panel.py" line="60" />
            <source>batch or expiry disagrees with earlier answers</source>
            <translation>Charge oder Verfall widerspricht früheren Antworten</translation>
        </message>
    </context>
    <context>
        <name>StationPresenter</name>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="285" />
            <source>{serial}: refused by the hub: {reason}</source>
            <translation>{serial}: vom Hub abgelehnt: {reason}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="287" />
            <source>{serial}: not dispensed: {reason}</source>
            <translation>{serial}: nicht abgegeben: {reason}</translation>
        </message>
        <message>
            <source>{serial}: {reason}</source>
            <translation type="vanished">{serial}: {reason}</translation>
        </message>
        <message>
            <source>Check the seal first. Intact: F9 dispenses it. Broken: Ctrl+B (it is not dispensed).</source>
            <translation type="vanished">Zuerst das Siegel prüfen. Unversehrt: F9 gibt die Packung ab. Beschädigt: Strg+B (sie wird nicht abgegeben).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="126" />
            <source>Check the seal. Intact: F9 dispenses it. Broken: Ctrl+B.</source>
            <translation>Siegel prüfen. Unversehrt: F9 gibt sie ab. Beschädigt: Strg+B.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="295" />
            <source>{serial}: supplied anyway past: {reason}</source>
            <translation>{serial}: trotzdem abgegeben trotz: {reason}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="301" />
            <source>Recorded offline, verified when the hub is back: {serials}</source>
            <translation>Offline erfasst, geprüft, sobald der Hub wieder erreichbar ist: {serials}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="306" />
            <source>Reason given: {reason}</source>
            <translation>Angegebener Grund: {reason}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="310" />
            <source>Supplied anyway: {serials}</source>
            <translation>Trotzdem abgegeben: {serials}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="316" />
            <source>{n} dispensed</source>
            <translation>{n} abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="318" />
            <source>{n} recorded offline</source>
            <translation>{n} offline erfasst</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="321" />
            <source>{n} refused: take {serials} back</source>
            <translation>{n} abgelehnt: {serials} zurücknehmen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="327" />
            <source>Do not hand over: {serials}. {action}</source>
            <translation>Nicht aushändigen: {serials}. {action}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="332" />
            <source>You may hand the packs over; the hub checks them when it is back.</source>
            <translation>Sie dürfen die Packungen aushändigen; der Hub prüft sie, sobald er wieder erreichbar ist.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="334" />
            <source>Hand the packs over.</source>
            <translation>Händigen Sie die Packungen aus.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="343" />
            <source>Undo not done: {serial}</source>
            <translation>Nicht rückgängig gemacht: {serial}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="345" />
            <source>Undo recorded offline: {serial}</source>
            <translation>Rückgängig offline erfasst: {serial}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="347" />
            <source>Undo done: {serial}</source>
            <translation>Rückgängig gemacht: {serial}</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="370" />
            <source>Seal broken: {serial}</source>
            <translation>Siegel beschädigt: {serial}</translation>
        </message>
        <message>
            <source>Seal broken: {serial} not dispensed</source>
            <translation type="vanished">Siegel beschädigt: {serial} nicht abgegeben</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="373" />
            <source>Alert {alert} recorded here for follow-up; the hub raises none.</source>
            <translation>Alarm {alert} hier zur Nachverfolgung erfasst; das System löst keinen aus.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="438" />
            <source>When the outbox was sent, the hub said the pack had already been handed over or taken out of use elsewhere.</source>
            <translation>Beim Senden des Ausgangs meldete der Hub, dass die Packung bereits anderswo abgegeben oder außer Verkehr genommen wurde.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/station_presenter.py" line="444" />
            <source>When the outbox was sent, the hub refused it (code {code}).</source>
            <translation>Beim Senden des Ausgangs hat der Hub sie abgelehnt (Code {code}).</translation>
        </message>
    </context>
    <context>
        <name>StatsView</name>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="111" />
            <source>Statistics — verification at this pharmacy</source>
            <translation>Statistik – Verifizierung in dieser Apotheke</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="112" />
            <source>&amp;From:</source>
            <translation>&amp;Von:</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="113" />
            <source>&amp;To:</source>
            <translation>&amp;Bis:</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="114" />
            <source>&amp;Show</source>
            <translation>&amp;Anzeigen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="145" />
            <source>{scans} scans, {verified} verified by the hub, clean rate {clean}; {alerts} alerts, {false} closed as false alerts ({false_rate} of scans); offline {offline}; hub p95 {p95}; {backlog} waiting to be sent.</source>
            <translation>{scans} Scans, {verified} vom Hub verifiziert, Quote ohne Alarm {clean}; {alerts} Alarme, {false} als Fehlalarm abgeschlossen ({false_rate} der Scans); offline {offline}; Hub p95 {p95}; {backlog} warten auf Versand.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="152" />
            <source>No scans in this period yet.</source>
            <translation>Noch keine Scans in diesem Zeitraum.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="154" />
            <source>Alerts on {rate} of scans: at or below the national figure of 0.14 % (target 0.05 %).</source>
            <translation>Alarme bei {rate} der Scans: auf oder unter dem nationalen Wert von 0,14 % (Ziel 0,05 %).</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="157" />
            <source>Alerts on {rate} of scans: above the national figure of 0.14 % (target 0.05 %). Check the scanner set-up and the causes below.</source>
            <translation>Alarme bei {rate} der Scans: über dem nationalen Wert von 0,14 % (Ziel 0,05 %). Prüfen Sie die Scanner-Einrichtung und die Ursachen unten.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="164" />
            <source>False alerts by scanner set-up</source>
            <translation>Fehlalarme nach Scanner-Einrichtung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="165" />
            <source>False alerts by operator</source>
            <translation>Fehlalarme nach Bediener</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="175" />
            <source>Clean rate per day (scans without any alert)</source>
            <translation>Quote ohne Alarm pro Tag (Scans ohne Alarm)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="178" />
            <source>clean rate %</source>
            <translation>ohne Alarm %</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="197" />
            <source>Alerts by cause</source>
            <translation>Alarme nach Ursache</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="198" />
            <source>not closed yet</source>
            <translation>noch nicht abgeschlossen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="198" />
            <source>scanner set-up</source>
            <translation>Scanner-Einrichtung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="199" />
            <source>typing / handling</source>
            <translation>Eingabe / Bedienung</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="199" />
            <source>double scan</source>
            <translation>Doppelscan</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="200" />
            <source>data error</source>
            <translation>Datenfehler</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="200" />
            <source>suspected falsification</source>
            <translation>Fälschungsverdacht</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="202" />
            <source>alerts</source>
            <translation>Alarme</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="212" />
            <source>false alerts, % of scans</source>
            <translation>Fehlalarme, % der Scans</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="214" />
            <source>national 0.14 %</source>
            <translation>national 0,14 %</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="216" />
            <source>target 0.05 %</source>
            <translation>Ziel 0,05 %</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="222" />
            <source>(none)</source>
            <translation>(keine)</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="139" />
            <source>en_US</source>
            <comment>the locale of the numbers shown</comment>
            <translation>de_DE</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/stats_view.py" line="222" />
            <source>no calibrated profile</source>
            <translation>kein kalibriertes Profil</translation>
        </message>
    </context>
    <context>
        <name>TermsDialog</name>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="136" />
            <source>Terms and conditions of the national system</source>
            <translation>Nutzungsbedingungen des nationalen Systems</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="137" />
            <source>Pharmacist</source>
            <translation>Apotheker/in</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="138" />
            <source>Accept these terms</source>
            <translation>Diese Bedingungen akzeptieren</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="141" />
            <source>Asking the national system…</source>
            <translation>Frage das nationale System…</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="149" />
            <source>The national system has no terms and conditions to accept.</source>
            <translation>Das nationale System hat keine Nutzungsbedingungen zu akzeptieren.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="155" />
            <source>Version {version}: accepted.</source>
            <translation>Version {version}: akzeptiert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="159" />
            <source>Version {version}: NOT accepted yet. Until a pharmacist accepts them, the national system may refuse this pharmacy.</source>
            <translation>Version {version}: noch NICHT akzeptiert. Bis eine Apothekerin oder ein Apotheker sie akzeptiert, kann das nationale System diese Apotheke abweisen.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="171" />
            <source>Name the pharmacist who accepts the terms.</source>
            <translation>Nennen Sie die Apothekerin oder den Apotheker, die/der die Bedingungen akzeptiert.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/nmvs_dialogs.py" line="185" />
            <source>Version {version}: accepted and recorded.</source>
            <translation>Version {version}: akzeptiert und vermerkt.</translation>
        </message>
    </context>
    <context>
        <name>UnsavedChanges</name>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="61" />
            <source>Unsaved changes</source>
            <translation>Nicht gespeicherte Änderungen</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="62" />
            <source>Changes not saved in: {tabs}.</source>
            <translation>Nicht gespeicherte Änderungen in: {tabs}.</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="66" />
            <source>Close and drop them, or go back and save each tab with its Save button?</source>
            <translation>Schließen und verwerfen, oder zurück und jeden Reiter mit seiner Speichern-Schaltfläche speichern?</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="68" />
            <source>Close without saving</source>
            <translation>Schließen ohne Speichern</translation>
        </message>
        <message>
            <location filename="../../dispense_app/ui/unsaved_changes.py" line="70" />
            <source>Keep editing</source>
            <translation>Weiter bearbeiten</translation>
        </message>
    </context>
    <context>
        <name>verdict</name>
        <message>
            <source>Pack verified: genuine and active.</source>
            <translation>Packung geprüft: echt und aktiv.</translation>
        </message>
        <message>
            <source>You may hand it over; it is decommissioned when you dispense it.</source>
            <translation>Sie dürfen sie abgeben; sie wird bei der Abgabe ausgebucht.</translation>
        </message>
        <message>
            <source>Pack verified and decommissioned (supplied).</source>
            <translation>Packung geprüft und ausgebucht (abgegeben).</translation>
        </message>
        <message>
            <source>Hand the pack over.</source>
            <translation>Packung aushändigen.</translation>
        </message>
        <message>
            <source>Undo done: the pack is active again.</source>
            <translation>Rückgängig gemacht: die Packung ist wieder aktiv.</translation>
        </message>
        <message>
            <source>Put the pack back into stock.</source>
            <translation>Packung zurück ins Lager legen.</translation>
        </message>
        <message>
            <source>Pack decommissioned as destroyed.</source>
            <translation>Packung als vernichtet ausgebucht.</translation>
        </message>
        <message>
            <source>Put the pack in the destruction bin.</source>
            <translation>Packung in den Vernichtungsbehälter legen.</translation>
        </message>
        <message>
            <source>Pack decommissioned as a sample.</source>
            <translation>Packung als Muster ausgebucht.</translation>
        </message>
        <message>
            <source>Hand the pack to the authority.</source>
            <translation>Packung der Behörde übergeben.</translation>
        </message>
        <message>
            <source>Done: the pack is now {state}.</source>
            <translation>Erledigt: die Packung ist jetzt {state}.</translation>
        </message>
        <message>
            <source>The code could not be read correctly: {detail}.</source>
            <translation>Der Code konnte nicht richtig gelesen werden: {detail}.</translation>
        </message>
        <message>
            <source>Rescan the pack (another scanner if you have one) or type the printed code; nothing was sent to the hub.</source>
            <translation>Packung erneut scannen (wenn möglich mit einem anderen Scanner) oder den aufgedruckten Code eingeben; an den Hub wurde nichts gesendet.</translation>
        </message>
        <message>
            <source>The scanner's input was stopped before the hub: {detail}.</source>
            <translation>Die Eingabe des Scanners wurde vor dem Hub angehalten: {detail}.</translation>
        </message>
        <message>
            <source>Check the scanner set-up, rescan, or type the printed code; nothing was sent to the hub.</source>
            <translation>Scanner-Einstellung prüfen, erneut scannen oder den aufgedruckten Code eingeben; an den Hub wurde nichts gesendet.</translation>
        </message>
        <message>
            <source>No pack code to check.</source>
            <translation>Kein Packungscode zu prüfen.</translation>
        </message>
        <message>
            <source>Scan the pack's DataMatrix code.</source>
            <translation>Den DataMatrix-Code der Packung scannen.</translation>
        </message>
        <message>
            <source>Already dispensed here {ago}.</source>
            <translation>Hier bereits abgegeben: {ago}.</translation>
        </message>
        <message>
            <source>Do not dispense it again. Undo available until {undo_until}.</source>
            <translation>Nicht noch einmal abgeben. Rückgängig möglich bis {undo_until}.</translation>
        </message>
        <message>
            <source>Already dispensed here {ago}; the 10-day undo window ended {undo_until}.</source>
            <translation>Hier bereits abgegeben: {ago}; die 10-Tage-Frist für Rückgängig endete {undo_until}.</translation>
        </message>
        <message>
            <source>Do not dispense it again; the pack cannot be returned to stock.</source>
            <translation>Nicht noch einmal abgeben; die Packung kann nicht zurück ins Lager.</translation>
        </message>
        <message>
            <source>Already dispensed here {ago} and waiting to be sent to the hub.</source>
            <translation>Hier bereits abgegeben: {ago}; wartet auf das Senden an den Hub.</translation>
        </message>
        <message>
            <source>Do not dispense it again; it is decommissioned when the hub is back.</source>
            <translation>Nicht noch einmal abgeben; sie wird ausgebucht, sobald der Hub wieder erreichbar ist.</translation>
        </message>
        <message>
            <source>Already decommissioned here as {state} {ago}.</source>
            <translation>Hier bereits als {state} ausgebucht: {ago}.</translation>
        </message>
        <message>
            <source>Do not supply it; quarantine the pack.</source>
            <translation>Nicht abgeben; Packung in Quarantäne.</translation>
        </message>
        <message>
            <source>Pack expired on {expiry}.</source>
            <translation>Packung verfallen am {expiry}.</translation>
        </message>
        <message>
            <source>Do not supply; put it with the expired stock for destruction.</source>
            <translation>Nicht abgeben; zu den verfallenen Packungen zur Vernichtung legen.</translation>
        </message>
        <message>
            <source>Batch {lot} recalled: {reason}.</source>
            <translation>Charge {lot} zurückgerufen: {reason}.</translation>
        </message>
        <message>
            <source>Quarantine the pack, do not supply.</source>
            <translation>Packung in Quarantäne, nicht abgeben.</translation>
        </message>
        <message>
            <source>Product withdrawn from the market: {reason}.</source>
            <translation>Produkt vom Markt genommen: {reason}.</translation>
        </message>
        <message>
            <source>No dispense of this pack is recorded at this station.</source>
            <translation>An diesem Arbeitsplatz ist keine Abgabe dieser Packung gespeichert.</translation>
        </message>
        <message>
            <source>Only packs dispensed here can be returned to stock; check the pack.</source>
            <translation>Nur hier abgegebene Packungen können zurück ins Lager; Packung prüfen.</translation>
        </message>
        <message>
            <source>Undo is no longer possible: dispensed {ago}, the 10-day window ended {undo_until}.</source>
            <translation>Rückgängig nicht mehr möglich: abgegeben {ago}, die 10-Tage-Frist endete {undo_until}.</translation>
        </message>
        <message>
            <source>Keep the pack out of stock; destroy it if it cannot be supplied.</source>
            <translation>Packung nicht ins Lager legen; vernichten, wenn sie nicht abgegeben werden kann.</translation>
        </message>
        <message>
            <source>This dispense was already undone {ago}.</source>
            <translation>Diese Abgabe wurde bereits rückgängig gemacht: {ago}.</translation>
        </message>
        <message>
            <source>The pack is back in stock; nothing to do.</source>
            <translation>Die Packung ist wieder im Lager; nichts zu tun.</translation>
        </message>
        <message>
            <source>The hub cannot be reached: the pack is recorded and will be verified and decommissioned when it is back.</source>
            <translation>Der Hub ist nicht erreichbar: die Packung ist gespeichert und wird geprüft und ausgebucht, sobald er wieder erreichbar ist.</translation>
        </message>
        <message>
            <source>You may hand it over; watch the alerts list for a late answer.</source>
            <translation type="vanished">Sie dürfen sie abgeben; achten Sie in der Alarmliste auf eine späte Antwort.</translation>
        </message>
        <message>
            <source>The hub cannot be reached: the {transaction} is recorded and will be sent when it is back.</source>
            <translation>Der Hub ist nicht erreichbar: {transaction} ist gespeichert und wird gesendet, sobald er wieder erreichbar ist.</translation>
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed.</source>
            <translation>Packung bis zur Bestätigung beiseitelegen.</translation>
        </message>
        <message>
            <source>The hub cannot be reached: the pack could not be verified.</source>
            <translation type="vanished">Der Hub ist nicht erreichbar: die Packung konnte nicht geprüft werden.</translation>
        </message>
        <message>
            <source>Try again in a moment; dispensing will record and queue it.</source>
            <translation type="vanished">Gleich noch einmal versuchen; eine Abgabe wird gespeichert und später gesendet.</translation>
        </message>
        <message>
            <source>Not checked with the hub.</source>
            <translation>Nicht beim Hub geprüft.</translation>
        </message>
        <message>
            <source>Product code unknown to the hub.</source>
            <translation>Produktcode ist dem Hub unbekannt.</translation>
        </message>
        <message>
            <source>Compare the printed product code with the scan and rescan; if it stays unknown, do not supply and contact the national organisation.</source>
            <translation>Aufgedruckten Produktcode mit dem Scan vergleichen und erneut scannen; bleibt er unbekannt, nicht abgeben und die nationale Organisation verständigen.</translation>
        </message>
        <message>
            <source>Unknown serial for this product.</source>
            <translation>Unbekannte Seriennummer für dieses Produkt.</translation>
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed serial with the scan ({serial}), rescan or type it, then report.</source>
            <translation>Packung in Quarantäne. Aufgedruckte Seriennummer mit dem Scan ({serial}) vergleichen, erneut scannen oder eingeben, dann melden.</translation>
        </message>
        <message>
            <source>Batch {lot} unknown to the hub.</source>
            <translation>Charge {lot} ist dem Hub unbekannt.</translation>
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed batch with the scan, rescan or type it, then report.</source>
            <translation>Packung in Quarantäne. Aufgedruckte Charge mit dem Scan vergleichen, erneut scannen oder eingeben, dann melden.</translation>
        </message>
        <message>
            <source>Expiry date {expiry} does not match the batch.</source>
            <translation>Verfalldatum {expiry} passt nicht zur Charge.</translation>
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed expiry date with the scan, rescan, then report.</source>
            <translation>Packung in Quarantäne. Aufgedrucktes Verfalldatum mit dem Scan vergleichen, erneut scannen, dann melden.</translation>
        </message>
        <message>
            <source>Batch {lot} does not match this serial.</source>
            <translation>Charge {lot} passt nicht zu dieser Seriennummer.</translation>
        </message>
        <message>
            <source>Quarantine the pack. Compare the printed batch and serial with the scan, rescan, then report.</source>
            <translation>Packung in Quarantäne. Aufgedruckte Charge und Seriennummer mit dem Scan vergleichen, erneut scannen, dann melden.</translation>
        </message>
        <message>
            <source>Pack already inactive on the hub ({state}).</source>
            <translation>Packung im Hub bereits inaktiv ({state}).</translation>
        </message>
        <message>
            <source>Quarantine the pack, do not supply; report it.</source>
            <translation>Packung in Quarantäne, nicht abgeben; melden.</translation>
        </message>
        <message>
            <source>Undo refused: the pack's state ({state}) does not allow it.</source>
            <translation>Rückgängig abgelehnt: der Status der Packung ({state}) erlaubt es nicht.</translation>
        </message>
        <message>
            <source>Keep the pack out of stock and report it.</source>
            <translation>Packung nicht ins Lager legen und melden.</translation>
        </message>
        <message>
            <source>Pack already {state} on the hub.</source>
            <translation>Packung im Hub bereits {state}.</translation>
        </message>
        <message>
            <source>Do not supply it again. If it was dispensed here by mistake twice, check the records; otherwise report.</source>
            <translation>Nicht noch einmal abgeben. Wurde sie hier versehentlich doppelt abgegeben, die Aufzeichnungen prüfen; sonst melden.</translation>
        </message>
        <message>
            <source>Undo refused by the hub: more than 10 days since the pack was decommissioned.</source>
            <translation>Rückgängig vom Hub abgelehnt: die Ausbuchung ist mehr als 10 Tage her.</translation>
        </message>
        <message>
            <source>Undo refused by the hub: the pack was decommissioned by another location or user.</source>
            <translation>Rückgängig vom Hub abgelehnt: die Packung wurde von einem anderen Standort oder Benutzer ausgebucht.</translation>
        </message>
        <message>
            <source>Only the pharmacy that decommissioned it can undo; keep the pack aside.</source>
            <translation>Nur die ausbuchende Apotheke kann es rückgängig machen; Packung beiseitelegen.</translation>
        </message>
        <message>
            <source>Batch recalled: quarantine, do not supply.</source>
            <translation>Charge zurückgerufen: Quarantäne, nicht abgeben.</translation>
        </message>
        <message>
            <source>Quarantine the pack and follow the recall notice.</source>
            <translation>Packung in Quarantäne und dem Rückruf folgen.</translation>
        </message>
        <message>
            <source>The hub reports the pack expired.</source>
            <translation>Der Hub meldet die Packung als verfallen.</translation>
        </message>
        <message>
            <source>The hub refused the request: its transaction id was already used for another request.</source>
            <translation>Der Hub hat die Anfrage abgelehnt: ihre Transaktionsnummer wurde schon für eine andere Anfrage benutzt.</translation>
        </message>
        <message>
            <source>Do not retry by hand; contact support with the alert id.</source>
            <translation>Nicht von Hand wiederholen; den Support mit der Alarmnummer verständigen.</translation>
        </message>
        <message>
            <source>The hub says this pack was already decommissioned from this pharmacy; it took this as a double scan (no hub alert).</source>
            <translation>Laut Hub wurde diese Packung bereits von dieser Apotheke ausgebucht; er wertete dies als Doppelscan (kein Hub-Alarm).</translation>
        </message>
        <message>
            <source>Do not hand it over again: check whether it was dispensed at another counter, then follow up.</source>
            <translation>Nicht erneut abgeben: prüfen, ob sie an einer anderen Kasse abgegeben wurde, dann nachverfolgen.</translation>
        </message>
        <message>
            <source>The hub says this pack is not subject to verification (old stock); it may be supplied.</source>
            <translation>Laut Hub unterliegt diese Packung nicht der Verifizierung (Altware); sie darf abgegeben werden.</translation>
        </message>
        <message>
            <source>You may hand it over; nothing is decommissioned.</source>
            <translation>Sie dürfen sie abgeben; es wird nichts ausgebucht.</translation>
        </message>
        <message>
            <source>The hub could not change the pack's status ({return_code}).</source>
            <translation>Der Hub konnte den Status der Packung nicht ändern ({return_code}).</translation>
        </message>
        <message>
            <source>Keep the pack aside; rescan later or contact the national organisation.</source>
            <translation>Packung beiseitelegen; später erneut scannen oder die nationale Organisation verständigen.</translation>
        </message>
        <message>
            <source>Undo refused: the hub does not know the referenced transaction ({return_code}).</source>
            <translation>Rücknahme abgelehnt: Der Hub kennt die referenzierte Transaktion nicht ({return_code}).</translation>
        </message>
        <message>
            <source>Keep the pack out of stock; contact support with the alert id.</source>
            <translation>Packung nicht zurück ins Lager; den Support mit der Alarmnummer verständigen.</translation>
        </message>
        <message>
            <source>The hub had a technical fault ({return_code}: {meaning}).</source>
            <translation>Der Hub hatte einen technischen Fehler ({return_code}: {meaning}).</translation>
        </message>
        <message>
            <source>Do not supply yet; the request is kept and sent again later.</source>
            <translation>Noch nicht abgeben; die Anfrage bleibt gespeichert und wird später erneut gesendet.</translation>
        </message>
        <message>
            <source>The hub refused this station's login or certificate ({return_code}: {meaning}).</source>
            <translation>Der Hub hat die Anmeldung oder das Zertifikat dieser Station abgelehnt ({return_code}: {meaning}).</translation>
        </message>
        <message>
            <source>Do not supply yet; ask the person who manages the hub account to fix the credentials.</source>
            <translation>Noch nicht abgeben; die für das Hub-Konto zuständige Person muss die Zugangsdaten korrigieren.</translation>
        </message>
        <message>
            <source>The hub refused the request: {meaning} ({return_code}).</source>
            <translation>Der Hub hat die Anfrage abgelehnt: {meaning} ({return_code}).</translation>
        </message>
        <message>
            <source>Do not supply; keep the pack aside and follow up the alert record.</source>
            <translation>Nicht abgeben; Packung beiseitelegen und den Alarmeintrag nachverfolgen.</translation>
        </message>
        <message>
            <source>Answered by another country's system ({market}): a pack of another market.</source>
            <translation>Vom System eines anderen Landes beantwortet ({market}): eine Packung eines anderen Marktes.</translation>
        </message>
        <message>
            <source>Already supplied (decommissioned as dispensed), and its batch has been recalled since.</source>
            <translation>Bereits abgegeben (als abgegeben ausgebucht), und ihre Charge wurde inzwischen zurückgerufen.</translation>
        </message>
        <message>
            <source>Quarantine the pack, do not supply; follow the recall notice and report it.</source>
            <translation>Packung in Quarantäne nehmen, nicht abgeben; dem Rückruf folgen und melden.</translation>
        </message>
        <message>
            <source>The hub answered {return_code}.</source>
            <translation>Der Hub antwortete {return_code}.</translation>
        </message>
        <message>
            <source>Do not supply; contact support with the alert id.</source>
            <translation>Nicht abgeben; den Support mit der Alarmnummer verständigen.</translation>
        </message>
        <message>
            <source>Already supplied elsewhere (decommissioned as dispensed).</source>
            <translation>Bereits anderswo abgegeben (als abgegeben ausgebucht).</translation>
        </message>
        <message>
            <source>Quarantine the pack, do not supply; compare with the printed code and report.</source>
            <translation>Packung in Quarantäne, nicht abgeben; mit dem Aufdruck vergleichen und melden.</translation>
        </message>
        <message>
            <source>Pack was decommissioned as destroyed.</source>
            <translation>Packung wurde als vernichtet ausgebucht.</translation>
        </message>
        <message>
            <source>Pack was decommissioned as exported outside the EU.</source>
            <translation>Packung wurde als in ein Land außerhalb der EU exportiert ausgebucht.</translation>
        </message>
        <message>
            <source>Pack was decommissioned as a sample for the authorities.</source>
            <translation>Packung wurde als Muster für die Behörden ausgebucht.</translation>
        </message>
        <message>
            <source>Pack was decommissioned as a free sample.</source>
            <translation>Packung wurde als Ärztemuster ausgebucht.</translation>
        </message>
        <message>
            <source>Do not supply; free samples are not for sale.</source>
            <translation>Nicht abgeben; Ärztemuster sind nicht zum Verkauf.</translation>
        </message>
        <message>
            <source>Pack is locked on the hub (under investigation).</source>
            <translation>Packung ist im Hub gesperrt (in Untersuchung).</translation>
        </message>
        <message>
            <source>Quarantine the pack, do not supply; wait for the outcome.</source>
            <translation>Packung in Quarantäne, nicht abgeben; das Ergebnis abwarten.</translation>
        </message>
        <message>
            <source>Pack is reported stolen.</source>
            <translation>Packung ist als gestohlen gemeldet.</translation>
        </message>
        <message>
            <source>Quarantine the pack, do not supply; report it to the national organisation at once.</source>
            <translation>Packung in Quarantäne, nicht abgeben; sofort der nationalen Organisation melden.</translation>
        </message>
        <message>
            <source>Pack is checked out of the repository (moved to another system).</source>
            <translation>Packung ist aus dem Datenspeicher ausgecheckt (in ein anderes System verschoben).</translation>
        </message>
        <message>
            <source>Do not supply; contact the supplier.</source>
            <translation>Nicht abgeben; den Lieferanten verständigen.</translation>
        </message>
        <message>
            <source>Pack expired (inactive on the hub).</source>
            <translation>Packung verfallen (im Hub inaktiv).</translation>
        </message>
        <message>
            <source>Product withdrawn from the market.</source>
            <translation>Produkt vom Markt genommen.</translation>
        </message>
        <message>
            <source>This pack was already scanned for this dispense.</source>
            <translation>Diese Packung wurde für diese Abgabe schon gescannt.</translation>
        </message>
        <message>
            <source>Scan the next pack; the same pack cannot count twice.</source>
            <translation>Die nächste Packung scannen; dieselbe Packung zählt nicht doppelt.</translation>
        </message>
        <message>
            <source>Not the prescribed product: {product} instead of {prescribed}.</source>
            <translation>Nicht das verordnete Produkt: {product} statt {prescribed}.</translation>
        </message>
        <message>
            <source>Do not supply; take the prescribed product.</source>
            <translation>Nicht abgeben; das verordnete Produkt nehmen.</translation>
        </message>
        <message>
            <source>Wrong strength: {strength} instead of {prescribed_strength}.</source>
            <translation>Falsche Stärke: {strength} statt {prescribed_strength}.</translation>
        </message>
        <message>
            <source>Do not supply; take the prescribed strength.</source>
            <translation>Nicht abgeben; die verordnete Stärke nehmen.</translation>
        </message>
        <message>
            <source>Wrong form: {form} instead of {prescribed_form}.</source>
            <translation>Falsche Darreichungsform: {form} statt {prescribed_form}.</translation>
        </message>
        <message>
            <source>Do not supply; take the prescribed form.</source>
            <translation>Nicht abgeben; die verordnete Darreichungsform nehmen.</translation>
        </message>
        <message>
            <source>Substitution not allowed: the prescription names {prescribed}, this is {product}.</source>
            <translation>Austausch nicht erlaubt: verordnet ist {prescribed}, dies ist {product}.</translation>
        </message>
        <message>
            <source>Do not supply; take exactly the prescribed product.</source>
            <translation>Nicht abgeben; genau das verordnete Produkt nehmen.</translation>
        </message>
        <message>
            <source>Generic substitute for {prescribed}: same ingredient, strength and form.</source>
            <translation>Generikum für {prescribed}: gleicher Wirkstoff, gleiche Stärke und Form.</translation>
        </message>
        <message>
            <source>Tell the patient the pack looks different.</source>
            <translation>Dem Patienten sagen, dass die Packung anders aussieht.</translation>
        </message>
        <message>
            <source>More packs than prescribed: {count} of {allowed}.</source>
            <translation>Mehr Packungen als verordnet: {count} von {allowed}.</translation>
        </message>
        <message>
            <source>Do not supply this pack; the prescription is already covered.</source>
            <translation>Diese Packung nicht abgeben; die Verordnung ist schon erfüllt.</translation>
        </message>
        <message>
            <source>The pack size is unknown, so the prescribed quantity ({quantity}) cannot be checked.</source>
            <translation>Die Packungsgröße ist unbekannt, daher kann die verordnete Menge ({quantity}) nicht geprüft werden.</translation>
        </message>
        <message>
            <source>Check the quantity by hand.</source>
            <translation>Die Menge von Hand prüfen.</translation>
        </message>
        <message>
            <source>Pack expires on {expiry}, before the therapy ends on {therapy_end}.</source>
            <translation>Packung verfällt am {expiry}, vor dem Therapieende am {therapy_end}.</translation>
        </message>
        <message>
            <source>Prefer a pack with a later expiry date, or tell the patient when to stop using it.</source>
            <translation>Besser eine Packung mit späterem Verfalldatum nehmen oder dem Patienten sagen, bis wann er sie verwenden darf.</translation>
        </message>
        <message>
            <source>No product data for this pack, so it cannot be matched to the prescription.</source>
            <translation>Keine Produktdaten für diese Packung, daher kein Abgleich mit der Verordnung möglich.</translation>
        </message>
        <message>
            <source>Check by hand that it is the prescribed product, or update the product data.</source>
            <translation>Von Hand prüfen, ob es das verordnete Produkt ist, oder die Produktdaten aktualisieren.</translation>
        </message>
        <message>
            <source>The prescription is {status}.</source>
            <translation>Die Verordnung ist {status}.</translation>
        </message>
        <message>
            <source>Do not supply on this prescription.</source>
            <translation>Auf diese Verordnung nicht abgeben.</translation>
        </message>
        <message>
            <source>The prescription is for another patient ({prescribed_patient}).</source>
            <translation>Die Verordnung ist für einen anderen Patienten ({prescribed_patient}).</translation>
        </message>
        <message>
            <source>Do not supply; check the patient and the prescription.</source>
            <translation>Nicht abgeben; Patient und Verordnung prüfen.</translation>
        </message>
        <message>
            <source>just now</source>
            <translation>gerade eben</translation>
        </message>
        <message>
            <source>1 minute ago</source>
            <translation>vor 1 Minute</translation>
        </message>
        <message>
            <source>{n} minutes ago</source>
            <translation>vor {n} Minuten</translation>
        </message>
        <message>
            <source>1 hour ago</source>
            <translation>vor 1 Stunde</translation>
        </message>
        <message>
            <source>{n} hours ago</source>
            <translation>vor {n} Stunden</translation>
        </message>
        <message>
            <source>1 day ago</source>
            <translation>vor 1 Tag</translation>
        </message>
        <message>
            <source>{n} days ago</source>
            <translation>vor {n} Tagen</translation>
        </message>
        <message>
            <source>in the future</source>
            <translation>in der Zukunft</translation>
        </message>
        <message>
            <source>Jan</source>
            <translation>Jan.</translation>
        </message>
        <message>
            <source>Feb</source>
            <translation>Feb.</translation>
        </message>
        <message>
            <source>Mar</source>
            <translation>März</translation>
        </message>
        <message>
            <source>Apr</source>
            <translation>Apr.</translation>
        </message>
        <message>
            <source>May</source>
            <translation>Mai</translation>
        </message>
        <message>
            <source>Jun</source>
            <translation>Juni</translation>
        </message>
        <message>
            <source>Jul</source>
            <translation>Juli</translation>
        </message>
        <message>
            <source>Aug</source>
            <translation>Aug.</translation>
        </message>
        <message>
            <source>Sep</source>
            <translation>Sep.</translation>
        </message>
        <message>
            <source>Oct</source>
            <translation>Okt.</translation>
        </message>
        <message>
            <source>Nov</source>
            <translation>Nov.</translation>
        </message>
        <message>
            <source>Dec</source>
            <translation>Dez.</translation>
        </message>
        <message>
            <source>The dispense had not reached the hub yet and was cancelled here; the pack stays active.</source>
            <translation>Die Abgabe hatte den Hub noch nicht erreicht und wurde hier storniert; die Packung bleibt aktiv.</translation>
        </message>
        <message>
            <source>The hub refused the request as malformed: {detail}.</source>
            <translation>Der Hub hat die Anfrage als fehlerhaft abgelehnt: {detail}.</translation>
        </message>
        <message>
            <source>Compare the scan with the printed code and rescan or type it; contact support if it happens again.</source>
            <translation>Scan mit dem aufgedruckten Code vergleichen und erneut scannen oder eingeben; wiederholt es sich, den Support verständigen.</translation>
        </message>
        <message>
            <source>You may hand the pack over. It is verified later, when the hub is back; if the hub then refuses it, this window says so.</source>
            <translation>Sie dürfen die Packung aushändigen. Sie wird später geprüft, sobald der Hub wieder erreichbar ist; lehnt der Hub sie dann ab, zeigt dieses Fenster es an.</translation>
        </message>
        <message>
            <source>The hub cannot be reached: the pack could not be verified now.</source>
            <translation>Der Hub ist nicht erreichbar: die Packung konnte jetzt nicht geprüft werden.</translation>
        </message>
        <message>
            <source>You may hand the pack over: Dispense (F9) records it and it is verified later, when the hub is back.</source>
            <translation>Sie dürfen die Packung aushändigen: Abgeben (F9) erfasst sie, und sie wird später geprüft, sobald der Hub wieder erreichbar ist.</translation>
        </message>
        <message>
            <source>This is the ordinary barcode (EAN or PZN), not the pack's verification code.</source>
            <translation>Das ist der gewöhnliche Strichcode (EAN oder PZN), nicht der Prüfcode der Packung.</translation>
        </message>
        <message>
            <source>Scan the square DataMatrix code.</source>
            <translation>Den quadratischen DataMatrix-Code scannen.</translation>
        </message>
        <message>
            <source>The product code's check digit is wrong: the code was misread or mistyped.</source>
            <translation>Die Prüfziffer des Produktcodes ist falsch: Der Code wurde falsch gelesen oder vertippt.</translation>
        </message>
        <message>
            <source>Rescan the pack, or type the printed code again; nothing was sent to the hub.</source>
            <translation>Packung erneut scannen oder den aufgedruckten Code noch einmal eingeben; es wurde nichts an den Hub gesendet.</translation>
        </message>
        <message>
            <source>A date in the code is not a real date (for example month 13).</source>
            <translation>Ein Datum im Code ist kein gültiges Datum (zum Beispiel Monat 13).</translation>
        </message>
        <message>
            <source>Compare the expiry printed on the pack, then rescan or type it again; nothing was sent to the hub.</source>
            <translation>Mit dem aufgedruckten Verfalldatum vergleichen, dann erneut scannen oder neu eingeben; es wurde nichts an den Hub gesendet.</translation>
        </message>
        <message>
            <source>The code read is longer than a pack's code can be.</source>
            <translation>Der gelesene Code ist länger, als der Code einer Packung sein kann.</translation>
        </message>
        <message>
            <source>Rescan the pack's square code alone; nothing was sent to the hub.</source>
            <translation>Nur den quadratischen Code der Packung erneut scannen; es wurde nichts an den Hub gesendet.</translation>
        </message>
        <message>
            <source>The code read has characters a pack's code cannot have (often the scanner's keyboard layout).</source>
            <translation>Der gelesene Code enthält Zeichen, die im Code einer Packung nicht vorkommen (oft die Tastaturbelegung des Scanners).</translation>
        </message>
        <message>
            <source>Check the scanner set-up (Settings, F10: calibrate), rescan, or type the printed code; nothing was sent to the hub.</source>
            <translation>Scanner-Einrichtung prüfen (Einstellungen, F10: kalibrieren), erneut scannen oder den aufgedruckten Code eingeben; es wurde nichts an den Hub gesendet.</translation>
        </message>
        <message>
            <source>A part every pack code has is missing (product code, serial, batch or expiry).</source>
            <translation>Ein Teil, den jeder Packungscode hat, fehlt (Produktcode, Seriennummer, Charge oder Verfall).</translation>
        </message>
        <message>
            <source>Rescan the pack, or type the printed code; nothing was sent to the hub.</source>
            <translation>Packung erneut scannen oder den aufgedruckten Code eingeben; es wurde nichts an den Hub gesendet.</translation>
        </message>
        <message>
            <source>The code has a part that is not used on medicine packs.</source>
            <translation>Der Code enthält einen Teil, der auf Arzneimittelpackungen nicht verwendet wird.</translation>
        </message>
        <message>
            <source>Rescan the pack's square code; if it fails again, type the printed code. Nothing was sent to the hub.</source>
            <translation>Den quadratischen Code der Packung erneut scannen; klappt es wieder nicht, den aufgedruckten Code eingeben. Es wurde nichts an den Hub gesendet.</translation>
        </message>
        <message>
            <source>The code gives the same item twice with different values (for example two serial numbers).</source>
            <translation>Der Code enthält dieselbe Angabe zweimal mit verschiedenen Werten (zum Beispiel zwei Seriennummern).</translation>
        </message>
        <message>
            <source>Do not supply it on this code: type the printed code, and keep the pack aside if it repeats.</source>
            <translation>Nicht auf diesen Code hin abgeben: den aufgedruckten Code eingeben und die Packung zurückhalten, wenn es sich wiederholt.</translation>
        </message>
        <message>
            <source>A separator between two parts of the code was lost (scanner set-up).</source>
            <translation>Ein Trennzeichen zwischen zwei Teilen des Codes ging verloren (Scanner-Einrichtung).</translation>
        </message>
        <message>
            <source>This is not a medicine pack's code.</source>
            <translation>Das ist nicht der Code einer Arzneimittelpackung.</translation>
        </message>
        <message>
            <source>Scan the square DataMatrix code on the pack, or type the printed code; nothing was sent to the hub.</source>
            <translation>Den quadratischen DataMatrix-Code auf der Packung scannen oder den aufgedruckten Code eingeben; es wurde nichts an den Hub gesendet.</translation>
        </message>
        <message>
            <source>The scanner's input does not match this station's scanner set-up (keyboard layout or Caps Lock).</source>
            <translation>Die Eingabe des Scanners passt nicht zur Scanner-Einrichtung dieser Station (Tastaturbelegung oder Feststelltaste).</translation>
        </message>
        <message>
            <source>The hub misbehaved (its answer does not follow the protocol): the pack could not be verified now.</source>
            <translation>Der Hub hat fehlerhaft geantwortet (die Antwort folgt nicht dem Protokoll): die Packung konnte jetzt nicht geprüft werden.</translation>
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Try again in a moment; if it keeps happening, call support (the hub or the hub settings need checking).</source>
            <translation>Nichts deutet auf einen Fehler der Packung hin. Versuchen Sie es gleich noch einmal; wenn es sich wiederholt, rufen Sie den Support an (Hub oder Hub-Einstellungen prüfen).</translation>
        </message>
        <message>
            <source>The hub misbehaved (its answer does not follow the protocol): the pack is recorded and will be sent again until the hub confirms it.</source>
            <translation>Der Hub hat fehlerhaft geantwortet (die Antwort folgt nicht dem Protokoll): die Packung ist erfasst und wird erneut gesendet, bis der Hub sie bestätigt.</translation>
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Hand it over as when the hub is down; if the hub then refuses it, this window says so. Call support if it keeps happening.</source>
            <translation>Nichts deutet auf einen Fehler der Packung hin. Händigen Sie sie aus wie bei einem Hub-Ausfall; lehnt der Hub sie dann ab, zeigt dieses Fenster es an. Rufen Sie den Support an, wenn es sich wiederholt.</translation>
        </message>
        <message>
            <source>The hub misbehaved (its answer does not follow the protocol): the {transaction} is recorded and will be sent again.</source>
            <translation>Der Hub hat fehlerhaft geantwortet (die Antwort folgt nicht dem Protokoll): der Vorgang {transaction} ist erfasst und wird erneut gesendet.</translation>
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed; call support if it keeps happening.</source>
            <translation>Legen Sie die Packung beiseite, bis sie bestätigt ist; rufen Sie den Support an, wenn es sich wiederholt.</translation>
        </message>
        <message>
            <source>The hub's certificate is not trusted: nothing was sent, the pack could not be verified.</source>
            <translation>Dem Zertifikat des Hubs wird nicht vertraut: nichts wurde gesendet, die Packung konnte nicht geprüft werden.</translation>
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Have the hub settings checked (hub URL, CA bundle): call support. Until then this station cannot verify packs.</source>
            <translation>Nichts deutet auf einen Fehler der Packung hin. Lassen Sie die Hub-Einstellungen prüfen (Hub-URL, CA-Bundle): rufen Sie den Support an. Bis dahin kann diese Station keine Packungen prüfen.</translation>
        </message>
        <message>
            <source>The hub's certificate is not trusted: nothing reached the hub; the dispense is recorded and waits for a trusted connection.</source>
            <translation>Dem Zertifikat des Hubs wird nicht vertraut: nichts hat den Hub erreicht; die Abgabe ist erfasst und wartet auf eine vertrauenswürdige Verbindung.</translation>
        </message>
        <message>
            <source>Keep the pack aside until the hub confirms it, and have the hub settings checked (hub URL, CA bundle): call support.</source>
            <translation>Legen Sie die Packung beiseite, bis der Hub sie bestätigt, und lassen Sie die Hub-Einstellungen prüfen (Hub-URL, CA-Bundle): rufen Sie den Support an.</translation>
        </message>
        <message>
            <source>The hub's certificate is not trusted: nothing reached the hub; the {transaction} is recorded and waits for a trusted connection.</source>
            <translation>Dem Zertifikat des Hubs wird nicht vertraut: nichts hat den Hub erreicht; der Vorgang {transaction} ist erfasst und wartet auf eine vertrauenswürdige Verbindung.</translation>
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed, and have the hub settings checked: call support.</source>
            <translation>Legen Sie die Packung beiseite, bis sie bestätigt ist, und lassen Sie die Hub-Einstellungen prüfen: rufen Sie den Support an.</translation>
        </message>
        <message>
            <source>The hub URL looks wrong (the address answers, but not as a verification hub): the pack could not be verified.</source>
            <translation>Die Hub-URL scheint falsch (die Adresse antwortet, aber nicht als Verifizierungs-Hub): die Packung konnte nicht geprüft werden.</translation>
        </message>
        <message>
            <source>Nothing here says the pack is at fault. Check the hub URL in the settings, or call support.</source>
            <translation>Nichts deutet auf einen Fehler der Packung hin. Prüfen Sie die Hub-URL in den Einstellungen oder rufen Sie den Support an.</translation>
        </message>
        <message>
            <source>The hub URL looks wrong (the address answers, but not as a verification hub): the dispense is recorded and waits until the hub is reached.</source>
            <translation>Die Hub-URL scheint falsch (die Adresse antwortet, aber nicht als Verifizierungs-Hub): die Abgabe ist erfasst und wartet, bis der Hub erreicht wird.</translation>
        </message>
        <message>
            <source>Keep the pack aside until the hub confirms it, and check the hub URL in the settings (or call support).</source>
            <translation>Legen Sie die Packung beiseite, bis der Hub sie bestätigt, und prüfen Sie die Hub-URL in den Einstellungen (oder rufen Sie den Support an).</translation>
        </message>
        <message>
            <source>The hub URL looks wrong (the address answers, but not as a verification hub): the {transaction} is recorded and waits until the hub is reached.</source>
            <translation>Die Hub-URL scheint falsch (die Adresse antwortet, aber nicht als Verifizierungs-Hub): der Vorgang {transaction} ist erfasst und wartet, bis der Hub erreicht wird.</translation>
        </message>
        <message>
            <source>Verified by the manufacturer (VRS): the product identifier matches.</source>
            <translation>Vom Hersteller verifiziert (VRS): die Produktkennung stimmt.</translation>
        </message>
        <message>
            <source>You may dispense it or return it to saleable stock; nothing is decommissioned in the US.</source>
            <translation>Sie dürfen sie abgeben oder in den verkaufsfähigen Bestand zurücknehmen; in den USA wird nichts ausgebucht.</translation>
        </message>
        <message>
            <source>The manufacturer does not know serial {serial} for this GTIN (No_match_GTIN_Serial).</source>
            <translation>Der Hersteller kennt die Seriennummer {serial} für diese GTIN nicht (No_match_GTIN_Serial).</translation>
        </message>
        <message>
            <source>Compare the printed GTIN and serial with the scan, rescan or type them. If it still does not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation>Vergleichen Sie die aufgedruckte GTIN und Seriennummer mit dem Scan, scannen Sie erneut oder tippen Sie sie ein. Stimmt es weiterhin nicht, behandeln Sie die Packung als verdächtig: getrennt lagern und unter Quarantäne stellen.</translation>
        </message>
        <message>
            <source>Serial known, but lot {lot} does not match the manufacturer's data (No_match_GTIN_Serial_Lot).</source>
            <translation>Seriennummer bekannt, aber die Charge {lot} passt nicht zu den Daten des Herstellers (No_match_GTIN_Serial_Lot).</translation>
        </message>
        <message>
            <source>Compare the printed lot with the scan and rescan. If it still does not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation>Vergleichen Sie die aufgedruckte Charge mit dem Scan und scannen Sie erneut. Stimmt es weiterhin nicht, behandeln Sie die Packung als verdächtig: getrennt lagern und unter Quarantäne stellen.</translation>
        </message>
        <message>
            <source>Serial known, but expiry {expiry} does not match the manufacturer's data (No_match_GTIN_Serial_Expiry).</source>
            <translation>Seriennummer bekannt, aber das Verfallsdatum {expiry} passt nicht zu den Daten des Herstellers (No_match_GTIN_Serial_Expiry).</translation>
        </message>
        <message>
            <source>Compare the printed expiry date with the scan and rescan. If it still does not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation>Vergleichen Sie das aufgedruckte Verfallsdatum mit dem Scan und scannen Sie erneut. Stimmt es weiterhin nicht, behandeln Sie die Packung als verdächtig: getrennt lagern und unter Quarantäne stellen.</translation>
        </message>
        <message>
            <source>Serial known, but lot {lot} and expiry {expiry} do not match the manufacturer's data (No_match_GTIN_Serial_Lot_Expiry).</source>
            <translation>Seriennummer bekannt, aber Charge {lot} und Verfallsdatum {expiry} passen nicht zu den Daten des Herstellers (No_match_GTIN_Serial_Lot_Expiry).</translation>
        </message>
        <message>
            <source>Compare the printed lot and expiry date with the scan and rescan. If they still do not match, treat the pack as suspect: keep it apart and quarantine it.</source>
            <translation>Vergleichen Sie die aufgedruckte Charge und das Verfallsdatum mit dem Scan und scannen Sie erneut. Stimmen sie weiterhin nicht, behandeln Sie die Packung als verdächtig: getrennt lagern und unter Quarantäne stellen.</translation>
        </message>
        <message>
            <source>Not verified under the manufacturer's own policy (Manufacturer_policy); this does not mean the pack was already dispensed.</source>
            <translation>Nach der eigenen Richtlinie des Herstellers nicht verifiziert (Manufacturer_policy); das heißt nicht, dass die Packung schon abgegeben wurde.</translation>
        </message>
        <message>
            <source>Do not dispense it or return it to saleable stock yet; keep it aside and ask the manufacturer why.</source>
            <translation>Geben Sie sie noch nicht ab und nehmen Sie sie nicht in den verkaufsfähigen Bestand zurück; legen Sie sie beiseite und fragen Sie den Hersteller nach dem Grund.</translation>
        </message>
        <message>
            <source>Not verified; the manufacturer gave no reason (No_reason_provided).</source>
            <translation>Nicht verifiziert; der Hersteller nennt keinen Grund (No_reason_provided).</translation>
        </message>
        <message>
            <source>Compare the printed data with the scan and rescan; if it still fails, treat the pack as suspect, quarantine it and contact the manufacturer.</source>
            <translation>Vergleichen Sie die aufgedruckten Daten mit dem Scan und scannen Sie erneut; schlägt es weiter fehl, behandeln Sie die Packung als verdächtig, stellen Sie sie unter Quarantäne und kontaktieren Sie den Hersteller.</translation>
        </message>
        <message>
            <source>The manufacturer says this pack is not for re-distribution (Not_for_re-distribution): suspect product, not an already dispensed pack.</source>
            <translation>Der Hersteller sagt, diese Packung darf nicht weitervertrieben werden (Not_for_re-distribution): verdächtige Ware, keine schon abgegebene Packung.</translation>
        </message>
        <message>
            <source>Do not dispense it or return it to saleable stock. It is quarantined as suspect: investigate it in the Quarantine window and contact the manufacturer.</source>
            <translation>Nicht abgeben und nicht in den verkaufsfähigen Bestand zurücknehmen. Sie steht als verdächtig unter Quarantäne: im Quarantäne-Fenster untersuchen und den Hersteller kontaktieren.</translation>
        </message>
        <message>
            <source>Not verified: the VRS answered {vrs_reason}.</source>
            <translation>Nicht verifiziert: das VRS antwortete {vrs_reason}.</translation>
        </message>
        <message>
            <source>Do not dispense it or return it to stock; contact the manufacturer or your VRS provider.</source>
            <translation>Nicht abgeben und nicht in den Bestand zurücknehmen; kontaktieren Sie den Hersteller oder Ihren VRS-Anbieter.</translation>
        </message>
        <message>
            <source>The manufacturer reports the product expired (Expired).</source>
            <translation>Der Hersteller meldet das Produkt als verfallen (Expired).</translation>
        </message>
        <message>
            <source>Do not dispense; put it with the expired stock for destruction.</source>
            <translation>Nicht abgeben; zum verfallenen Bestand für die Vernichtung legen.</translation>
        </message>
        <message>
            <source>The FDA extended this product's expiry (ExpirationExtended): the printed date {expiry} does not stop this pack.</source>
            <translation>Die FDA hat das Verfallsdatum dieses Produkts verlängert (ExpirationExtended): das aufgedruckte Datum {expiry} sperrt diese Packung nicht.</translation>
        </message>
        <message>
            <source>You may use it; keep the manufacturer's extension notice with your records.</source>
            <translation>Sie dürfen sie verwenden; bewahren Sie die Verlängerungsmitteilung des Herstellers bei Ihren Unterlagen auf.</translation>
        </message>
        <message>
            <source>The manufacturer reports the product recalled or withdrawn (Recalled).</source>
            <translation>Der Hersteller meldet das Produkt als zurückgerufen oder vom Markt genommen (Recalled).</translation>
        </message>
        <message>
            <source>Quarantine the pack, do not dispense; follow the recall notice.</source>
            <translation>Packung in Quarantäne, nicht abgeben; der Rückrufmitteilung folgen.</translation>
        </message>
        <message>
            <source>The manufacturer reports this pack as suspect product (Suspect).</source>
            <translation>Der Hersteller meldet diese Packung als verdächtige Ware (Suspect).</translation>
        </message>
        <message>
            <source>It is quarantined (Quarantine window): keep it apart and verify at least 3 packs or 10 % of this product on hand, whichever is more.</source>
            <translation>Sie steht unter Quarantäne (Quarantäne-Fenster): getrennt lagern und mindestens 3 Packungen oder 10 % dieses Produkts im Bestand prüfen, je nachdem, was mehr ist.</translation>
        </message>
        <message>
            <source>The manufacturer reports this pack as ILLEGITIMATE product (Illegitimate).</source>
            <translation>Der Hersteller meldet diese Packung als ILLEGITIME Ware (Illegitimate).</translation>
        </message>
        <message>
            <source>It is quarantined (Quarantine window). Within 24 hours file FDA Form 3911 and notify your trading partners: the Quarantine window has the draft and the notice.</source>
            <translation>Sie steht unter Quarantäne (Quarantäne-Fenster). Innerhalb von 24 Stunden das FDA-Formular 3911 einreichen und Ihre Handelspartner benachrichtigen: das Quarantäne-Fenster enthält den Entwurf und die Mitteilung.</translation>
        </message>
        <message>
            <source>The VRS added information this app does not know: {vrs_info}.</source>
            <translation>Das VRS meldet eine Zusatzinformation, die diese App nicht kennt: {vrs_info}.</translation>
        </message>
        <message>
            <source>Ask the manufacturer what it means before you dispense the pack.</source>
            <translation>Fragen Sie den Hersteller, was sie bedeutet, bevor Sie die Packung abgeben.</translation>
        </message>
        <message>
            <source>The manufacturer's verification service cannot be reached for this GTIN: it is not in the VRS Lookup Directory or its entry expired (HTTP 404). This does not mean the product is unknown.</source>
            <translation>Der Verifizierungsdienst des Herstellers ist für diese GTIN nicht erreichbar: sie steht nicht im VRS-Lookup-Directory oder ihr Eintrag ist abgelaufen (HTTP 404). Das heißt nicht, dass das Produkt unbekannt ist.</translation>
        </message>
        <message>
            <source>The pack is not verified. Ask your VRS provider to check the routing of this GTIN, or verify with the manufacturer directly before you dispense or restock it.</source>
            <translation>Die Packung ist nicht verifiziert. Bitten Sie Ihren VRS-Anbieter, das Routing dieser GTIN zu prüfen, oder verifizieren Sie direkt beim Hersteller, bevor Sie sie abgeben oder zurück in den Bestand nehmen.</translation>
        </message>
        <message>
            <source>The VRS refused the request (HTTP 403): this station sends no ATP credential.</source>
            <translation>Das VRS hat die Anfrage abgelehnt (HTTP 403): diese Station sendet keinen ATP-Nachweis.</translation>
        </message>
        <message>
            <source>Store your DSCSA ATP credential with `dispense-app hub credentials set --atp-credential`. The pack is not verified.</source>
            <translation>Hinterlegen Sie Ihren DSCSA-ATP-Nachweis mit `dispense-app hub credentials set --atp-credential`. Die Packung ist nicht verifiziert.</translation>
        </message>
        <message>
            <source>The VRS refused the request (HTTP 403): our ATP credential expired on {atp_expiry}.</source>
            <translation>Das VRS hat die Anfrage abgelehnt (HTTP 403): unser ATP-Nachweis ist am {atp_expiry} abgelaufen.</translation>
        </message>
        <message>
            <source>Get a renewed ATP credential from your credential provider and store it with `dispense-app hub credentials set --atp-credential`. The pack is not verified.</source>
            <translation>Holen Sie einen erneuerten ATP-Nachweis bei Ihrem Nachweis-Anbieter und hinterlegen Sie ihn mit `dispense-app hub credentials set --atp-credential`. Die Packung ist nicht verifiziert.</translation>
        </message>
        <message>
            <source>The VRS refused the request (HTTP 403): this requestor lacks permission, or its ATP credential was revoked or its signature is invalid.</source>
            <translation>Das VRS hat die Anfrage abgelehnt (HTTP 403): dem Anfragenden fehlt die Berechtigung, oder sein ATP-Nachweis wurde widerrufen oder seine Signatur ist ungültig.</translation>
        </message>
        <message>
            <source>Ask your credential provider whether the ATP credential is still valid (renew it if revoked) and your VRS provider whether this GLN may verify. Retrying does not help. The pack is not verified.</source>
            <translation>Fragen Sie Ihren Nachweis-Anbieter, ob der ATP-Nachweis noch gilt (bei Widerruf erneuern), und Ihren VRS-Anbieter, ob diese GLN verifizieren darf. Wiederholen hilft nicht. Die Packung ist nicht verifiziert.</translation>
        </message>
        <message>
            <source>The VRS did not authenticate this station (HTTP 401).</source>
            <translation>Das VRS hat diese Station nicht authentifiziert (HTTP 401).</translation>
        </message>
        <message>
            <source>Check the VRS provider's client id and secret or client certificate (`dispense-app hub credentials set`). The pack is not verified.</source>
            <translation>Prüfen Sie Client-ID und Secret oder Client-Zertifikat des VRS-Anbieters (`dispense-app hub credentials set`). Die Packung ist nicht verifiziert.</translation>
        </message>
        <message>
            <source>The VRS cannot be reached: the pack is not verified, and nothing is queued to verify it later.</source>
            <translation>Das VRS ist nicht erreichbar: die Packung ist nicht verifiziert, und nichts wird zur späteren Prüfung vorgemerkt.</translation>
        </message>
        <message>
            <source>Scan it again when the VRS is back before you dispense a suspect pack or return it to saleable stock.</source>
            <translation>Scannen Sie sie erneut, wenn das VRS wieder erreichbar ist, bevor Sie eine verdächtige Packung abgeben oder in den verkaufsfähigen Bestand zurücknehmen.</translation>
        </message>
        <message>
            <source>Keep the pack aside until it is confirmed, and check the hub URL in the settings (or call support).</source>
            <translation>Legen Sie die Packung beiseite, bis sie bestätigt ist, und prüfen Sie die Hub-URL in den Einstellungen (oder rufen Sie den Support an).</translation>
        </message>
        <message>
            <source>Seal broken: the anti-tampering device is damaged. The pack was not supplied.</source>
            <translation>Siegel beschädigt: Der Erstöffnungsschutz ist verletzt. Die Packung wurde nicht abgegeben.</translation>
        </message>
        <message>
            <source>Do not hand it over; the alert is recorded here for follow-up (the hub raises none).</source>
            <translation>Nicht aushändigen; der Alarm ist hier zur Nachverfolgung erfasst (das System löst keinen aus).</translation>
        </message>
        <message>
            <source>Decommissioned as destroyed at the hub.</source>
            <translation>Im System als vernichtet ausgebucht.</translation>
        </message>
        <message>
            <source>Recorded as destroyed; it is sent to the hub when the hub is back.</source>
            <translation>Als vernichtet erfasst; wird an das System gesendet, sobald es wieder erreichbar ist.</translation>
        </message>
        <message>
            <source>The destroy was not done (the reason follows).</source>
            <translation>Die Vernichtung wurde nicht ausgeführt (Grund folgt).</translation>
        </message>
        <message>
            <source>Keep the pack apart, never hand it over, and follow the alert up.</source>
            <translation>Packung getrennt aufbewahren, keinesfalls aushändigen und den Alarm nachverfolgen.</translation>
        </message>
        <message>
            <source>Returned to stock: still active at the hub, nothing was sent.</source>
            <translation>Zurück ins Lager: im System weiterhin aktiv, nichts wurde gesendet.</translation>
        </message>
        <message>
            <source>Set the pack aside for return to the supplier; never hand it over.</source>
            <translation>Packung für die Rückgabe an den Lieferanten beiseitelegen; keinesfalls aushändigen.</translation>
        </message>
        <message>
            <source>Already dispensed at this site ({counter}, {at}).</source>
            <translation>Bereits an diesem Standort abgegeben ({counter}, {at}).</translation>
        </message>
        <message>
            <source>Do not dispense it again. Undo available until {undo_until}, at any counter.</source>
            <translation>Nicht erneut abgeben. Rücknahme bis {undo_until} möglich, an jeder Kasse.</translation>
        </message>
        <message>
            <source>Already dispensed at this site ({counter}, {at}); the 10-day undo window ended {undo_until}.</source>
            <translation>Bereits an diesem Standort abgegeben ({counter}, {at}); die 10-tägige Rücknahmefrist endete {undo_until}.</translation>
        </message>
        <message>
            <source>Already dispensed at this site ({counter}, {at}) and waiting to be sent to the hub.</source>
            <translation>Bereits an diesem Standort abgegeben ({counter}, {at}); wartet auf die Übermittlung an den Hub.</translation>
        </message>
        <message>
            <source>Do not dispense it again; it is decommissioned when the hub is back. Undo available until {undo_until}.</source>
            <translation>Nicht erneut abgeben; sie wird ausgebucht, sobald der Hub wieder erreichbar ist. Rücknahme bis {undo_until} möglich.</translation>
        </message>
    </context>
</TS>
