<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DesktopPresenter</name>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="167"/>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="169"/>
        <source>Registering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="172"/>
        <source>Not registered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="172"/>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="174"/>
        <source>Not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="214"/>
        <source>Your new state applies after this call&apos;s wrap-up.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncomingCallToast</name>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="29"/>
        <location filename="../../softphone/ui/incoming_toast.py" line="32"/>
        <location filename="../../softphone/ui/incoming_toast.py" line="56"/>
        <location filename="../../softphone/ui/incoming_toast.py" line="88"/>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="33"/>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="35"/>
        <source>Caller address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="36"/>
        <source>Answer (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="38"/>
        <source>Answer call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="39"/>
        <source>Decline (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="41"/>
        <source>Decline call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="56"/>
        <source>Second incoming call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeypadDialog</name>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="20"/>
        <source>Keypad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="21"/>
        <source>Keypad: type digits to send tones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="22"/>
        <source>Tones sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="28"/>
        <source>Tone %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="99"/>
        <source>Supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="101"/>
        <location filename="../../softphone/ui/main_window.py" line="328"/>
        <source>No call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="101"/>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="103"/>
        <source>Caller identity source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="104"/>
        <location filename="../../softphone/ui/main_window.py" line="612"/>
        <source>Waiting for calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="104"/>
        <source>Call state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="105"/>
        <source>Call duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="107"/>
        <source>Call quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="115"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="115"/>
        <source>Answer call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="116"/>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="116"/>
        <source>Decline call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="117"/>
        <location filename="../../softphone/ui/main_window.py" line="535"/>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="117"/>
        <source>Hold or resume call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="118"/>
        <location filename="../../softphone/ui/main_window.py" line="538"/>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="118"/>
        <source>Mute microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="119"/>
        <source>Keypad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="119"/>
        <source>Dial pad tones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="120"/>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="120"/>
        <location filename="../../softphone/ui/main_window.py" line="471"/>
        <source>Blind transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="121"/>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="121"/>
        <source>Hang up call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="140"/>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="150"/>
        <source>Wrap-up time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="153"/>
        <source>Disposition code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="154"/>
        <source>Choose a disposition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="157"/>
        <source>Finish wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="159"/>
        <source>Finish wrap-up with this disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="173"/>
        <source>Number or SIP address to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="174"/>
        <source>Number or sip: address (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="176"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="178"/>
        <source>Place call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="185"/>
        <location filename="../../softphone/ui/main_window.py" line="446"/>
        <source>Escalate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="187"/>
        <source>Escalate to on-call clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="189"/>
        <source>Bring the on-call clinician into this call (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="215"/>
        <source>Call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="216"/>
        <source>Call notes (saved as you type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="225"/>
        <source>Recent calls (Enter to call back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="231"/>
        <source>Patient and recent calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="232"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="233"/>
        <source>Recent calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="249"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="254"/>
        <location filename="../../softphone/ui/main_window.py" line="289"/>
        <location filename="../../softphone/ui/main_window.py" line="355"/>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="255"/>
        <source>Become available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="259"/>
        <location filename="../../softphone/ui/main_window.py" line="358"/>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="260"/>
        <source>Take a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="271"/>
        <location filename="../../softphone/ui/main_window.py" line="359"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="272"/>
        <source>Go offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="276"/>
        <location filename="../../softphone/ui/main_window.py" line="277"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="286"/>
        <source>Demo switchboard (no PBX configured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="286"/>
        <source>Not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="287"/>
        <source>Registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="289"/>
        <source>Agent state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="290"/>
        <source>Headset: system default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="290"/>
        <source>Headset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="291"/>
        <source>Network and encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="292"/>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="336"/>
        <source>number verified by the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="336"/>
        <source>caller-provided name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="356"/>
        <source>On call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="357"/>
        <location filename="../../softphone/ui/main_window.py" line="609"/>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="391"/>
        <source>Headset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="391"/>
        <source>Headset: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="411"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="412"/>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="413"/>
        <source>busy (not available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="414"/>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="415"/>
        <location filename="../../softphone/ui/main_window.py" line="602"/>
        <source>transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="432"/>
        <source>Supervisor listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="433"/>
        <source>Supervisor coaching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="434"/>
        <source>Supervisor joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="446"/>
        <source>Escalating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="471"/>
        <source>Transfer the caller to (number or sip: address):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="535"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="538"/>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="561"/>
        <source>Wrap-up: choose a disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="563"/>
        <source>Wrap-up: %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="566"/>
        <source>Wrap-up overdue by %1: choose a disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="573"/>
        <source>Quality: good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="574"/>
        <source>Quality: fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="575"/>
        <source>Quality: poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="587"/>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="588"/>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="589"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="590"/>
        <source>In call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="591"/>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="592"/>
        <source>Held by the other party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="593"/>
        <source>Call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="597"/>
        <source>muted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="600"/>
        <source>transferring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="601"/>
        <source>transfer ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="603"/>
        <source>transfer failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="611"/>
        <source>Not taking calls (callers hear busy)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientPanel</name>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="45"/>
        <source>Patient context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="51"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="56"/>
        <source>Patient context appears here during a call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="57"/>
        <source>Looking up the caller in the patient record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="65"/>
        <source>Patient name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="70"/>
        <location filename="../../softphone/ui/patient_panel.py" line="119"/>
        <location filename="../../softphone/ui/patient_panel.py" line="131"/>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="71"/>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="72"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="73"/>
        <source>Allergies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="74"/>
        <source>Conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="75"/>
        <source>Medications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="76"/>
        <source>On-call clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="91"/>
        <location filename="../../softphone/ui/patient_panel.py" line="238"/>
        <source>Several patients use this number. Confirm who is calling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="94"/>
        <source>Matching patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="96"/>
        <source>Open patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="98"/>
        <source>Open the selected patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="108"/>
        <source>No patient matches the caller&apos;s number. Search by name and date of birth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="111"/>
        <location filename="../../softphone/ui/patient_panel.py" line="129"/>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="115"/>
        <location filename="../../softphone/ui/patient_panel.py" line="130"/>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="123"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="125"/>
        <source>Search patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="138"/>
        <source>Patient record problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="139"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="141"/>
        <source>Look up the caller again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="173"/>
        <source>The patient record system answered with data the softphone cannot read. Confirm the caller&apos;s identity verbally; IT has been told in the logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="179"/>
        <source>The patient record system is not answering. Take the call; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="186"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="187"/>
        <source>%n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="194"/>
        <source>not available (the record could not be loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="199"/>
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="204"/>
        <location filename="../../softphone/ui/patient_panel.py" line="206"/>
        <location filename="../../softphone/ui/patient_panel.py" line="212"/>
        <source>none recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="219"/>
        <source>none assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="230"/>
        <source>old number: confirm identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="237"/>
        <source>More patients match than can be listed: search by name and date of birth.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="66"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="67"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="78"/>
        <source>Set by IT; cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="79"/>
        <source>Locked by IT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="80"/>
        <source>(locked by IT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="85"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="87"/>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="91"/>
        <source>SIP password (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="92"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="93"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="97"/>
        <source>Servers (host:port, one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="102"/>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="106"/>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="106"/>
        <source>Headset speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="107"/>
        <source>Ringer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="109"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="120"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="126"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="120"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="121"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="121"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="124"/>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="129"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="131"/>
        <source>Settings status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="220"/>
        <source>Saved. Account changes apply at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="221"/>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="191"/>
        <source>A server port is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="197"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="16"/>
        <source>&amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="18"/>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="21"/>
        <source>Patient calls: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="25"/>
        <source>Supervisor joins (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../softphone/app.py" line="165"/>
        <source>That link is not a number or SIP address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
