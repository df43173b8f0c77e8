<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DemoMenu</name>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="17"/>
        <source>&amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="19"/>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="22"/>
        <source>Patient calls: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="26"/>
        <source>Supervisor joins (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopPresenter</name>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="43"/>
        <source>The transfer failed; the caller is still on the line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="44"/>
        <source>not a usable SIP URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="45"/>
        <source>not a usable tel: URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="46"/>
        <source>not a number or SIP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="47"/>
        <source>Could not dial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="48"/>
        <source>Could not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="49"/>
        <source>Could not decline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="50"/>
        <source>Could not hang up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="51"/>
        <source>Could not hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="52"/>
        <source>Could not resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="53"/>
        <source>Could not mute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="54"/>
        <source>Could not keypad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="55"/>
        <source>Could not transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="56"/>
        <source>Could not busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="216"/>
        <source>Local (no registrar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="218"/>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="220"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="416"/>
        <source>Registering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="223"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="420"/>
        <source>Not registered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="223"/>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="225"/>
        <source>Not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="265"/>
        <source>Your new state applies after this call&apos;s wrap-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="204"/>
        <source>Demo switchboard: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EscalationPanel</name>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="40"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="41"/>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="42"/>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="43"/>
        <source>declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="44"/>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="45"/>
        <source>could not call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="46"/>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="47"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="50"/>
        <source>EMERGENCY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="51"/>
        <source>urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="52"/>
        <source>routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="89"/>
        <source>Escalate: why? (Enter confirms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="93"/>
        <source>Escalation reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="103"/>
        <source>Escalation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="105"/>
        <source>Conference (clinician joins now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="106"/>
        <source>Consult first, then join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="107"/>
        <source>Hand off (you leave after joining)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="110"/>
        <source>Escalate now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="114"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="142"/>
        <source>Who is being tried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="143"/>
        <source>Skip (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="146"/>
        <source>Join patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="149"/>
        <location filename="../../softphone/ui/escalation_panel.py" line="254"/>
        <source>Hand off and leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="152"/>
        <source>Stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="154"/>
        <source>Stay in the call: no automatic hand-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="156"/>
        <location filename="../../softphone/ui/escalation_panel.py" line="256"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="175"/>
        <source>Nobody answered — follow this script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="181"/>
        <source>Your supervisor has been alerted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="185"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="205"/>
        <source>Red flag in the notes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="226"/>
        <source>Tried: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="226"/>
        <source>nobody could be called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="240"/>
        <source>not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="240"/>
        <source>next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="242"/>
        <source>ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="242"/>
        <source>calling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="254"/>
        <source>Hand off now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="256"/>
        <source>Drop clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="274"/>
        <source>Trying %1 · %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="278"/>
        <source>Clinician joined after %1 s · you leave in %2 s: introduce the patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="283"/>
        <source>Consulting — the patient is waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="284"/>
        <source>Clinician, patient and you are connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="285"/>
        <source>Handing off…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="288"/>
        <source>%1 · time to clinician %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EscalationPresenter</name>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="162"/>
        <source>There is no call to escalate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="187"/>
        <source>The call ended before the escalation started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="224"/>
        <source>Nobody answered the escalation: follow the script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="226"/>
        <source>Escalation cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="228"/>
        <source>The patient hung up before a clinician answered: the escalation was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="230"/>
        <source>Handed off: the patient is with the clinician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="232"/>
        <source>The hand-off was not confirmed: the clinician&apos;s line ended, the patient is still with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="234"/>
        <source>The patient&apos;s call ended: the clinician&apos;s line was ended too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="236"/>
        <source>The clinician left the call; the patient is still with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="238"/>
        <source>You dropped the clinician; the patient is still with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="240"/>
        <source>Escalation ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="242"/>
        <source>Time to clinician %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="250"/>
        <source>Your supervisor has been alerted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="251"/>
        <source>Your supervisor could NOT be alerted automatically: call them now.</source>
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
    <name>LockController</name>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="77"/>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="78"/>
        <source>Lock the patient panel and notes now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="150"/>
        <source>Too many attempts: wait %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="153"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="160"/>
        <source>Not saved: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="163"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="199"/>
        <source>Unlock passphrase saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="215"/>
        <source>Wrong passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="218"/>
        <source>The OS keyring did not answer (%1): unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="230"/>
        <source>Auto-lock is off for this demo session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="24"/>
        <location filename="../../softphone/ui/lock_screen.py" line="95"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="28"/>
        <source>Lock status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="30"/>
        <source>Lock explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="33"/>
        <source>Unlock passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="38"/>
        <source>Unlock passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="41"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="43"/>
        <source>Unlock the patient panel and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="44"/>
        <source>Save passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="46"/>
        <source>Save the unlock passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="47"/>
        <source>Not now (demo data only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="49"/>
        <source>Skip auto-lock in the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="50"/>
        <source>Unlock status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="54"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="55"/>
        <source>Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="81"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="81"/>
        <source>Checking the screen-lock settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="86"/>
        <source>Choose an unlock passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="87"/>
        <source>The patient panel and notes lock when you are away. Choose a passphrase or PIN (at least 6 characters) to unlock them; it is kept hashed in your keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="96"/>
        <source>The patient panel and notes are hidden. Calls still ring and can be answered. Enter your passphrase to unlock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="109"/>
        <source>Supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="111"/>
        <location filename="../../softphone/ui/main_window.py" line="423"/>
        <source>No call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="111"/>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="113"/>
        <source>Caller identity source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="114"/>
        <location filename="../../softphone/ui/main_window.py" line="745"/>
        <source>Waiting for calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="114"/>
        <source>Call state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="115"/>
        <source>Call duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="117"/>
        <source>Call quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="125"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="125"/>
        <source>Answer call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="126"/>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="126"/>
        <source>Decline call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="127"/>
        <location filename="../../softphone/ui/main_window.py" line="666"/>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="127"/>
        <source>Hold or resume call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="128"/>
        <location filename="../../softphone/ui/main_window.py" line="669"/>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="128"/>
        <source>Mute microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="129"/>
        <source>Keypad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="129"/>
        <source>Dial pad tones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="130"/>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="130"/>
        <location filename="../../softphone/ui/main_window.py" line="602"/>
        <source>Blind transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="131"/>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="131"/>
        <source>Hang up call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="150"/>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="160"/>
        <source>Wrap-up time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="163"/>
        <source>Disposition code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="404"/>
        <source>Choose a disposition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="165"/>
        <source>Finish wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="167"/>
        <source>Finish wrap-up with this disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="181"/>
        <source>Number or SIP address to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="182"/>
        <source>Number or sip: address (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="184"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="186"/>
        <source>Place call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="193"/>
        <location filename="../../softphone/ui/main_window.py" line="563"/>
        <source>Escalate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="195"/>
        <source>Escalate to on-call clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="197"/>
        <source>Bring the on-call clinician into this call (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="340"/>
        <source>Recent calls (Enter to call back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="346"/>
        <source>Patient and recent calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="347"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="348"/>
        <source>Recent calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="244"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="249"/>
        <location filename="../../softphone/ui/main_window.py" line="281"/>
        <location filename="../../softphone/ui/main_window.py" line="450"/>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="250"/>
        <source>Become available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="254"/>
        <location filename="../../softphone/ui/main_window.py" line="453"/>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="255"/>
        <source>Take a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="261"/>
        <location filename="../../softphone/ui/main_window.py" line="454"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="262"/>
        <source>Go offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="266"/>
        <location filename="../../softphone/ui/main_window.py" line="267"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="400"/>
        <source>Demo switchboard (no PBX configured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="400"/>
        <source>Not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="279"/>
        <source>Registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="215"/>
        <source>Red flag in the notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="278"/>
        <location filename="../../softphone/ui/main_window.py" line="373"/>
        <source>Starting: reading the settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="233"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="233"/>
        <source>Side panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="281"/>
        <source>Agent state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="282"/>
        <source>Headset: system default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="224"/>
        <source>That link is not a number or SIP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="415"/>
        <source>The escalation could not be saved: tell your supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="621"/>
        <source>No headset found: calls connect without sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="624"/>
        <source>(fallback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="626"/>
        <source>Headset unplugged: audio moved to %1. The call goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="626"/>
        <source>no device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="629"/>
        <location filename="../../softphone/ui/main_window.py" line="282"/>
        <source>Headset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="630"/>
        <source>Your headset is back. Switch the audio back to it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="642"/>
        <source>Audio is back on the headset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="284"/>
        <source>Headset buttons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="286"/>
        <source>Network and encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="287"/>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="374"/>
        <source>Starting: opening secure storage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="375"/>
        <source>Starting: connecting the phone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="431"/>
        <source>number verified by the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="431"/>
        <source>caller-provided name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="451"/>
        <source>On call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="452"/>
        <location filename="../../softphone/ui/main_window.py" line="742"/>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="486"/>
        <source>Headset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="486"/>
        <source>Headset: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="497"/>
        <source>Headset buttons: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="498"/>
        <source>Headset buttons: no permission (ask IT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="499"/>
        <source>Headset buttons: not supported here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="503"/>
        <source>Headset buttons: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="528"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="529"/>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="530"/>
        <source>busy (not available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="531"/>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="532"/>
        <location filename="../../softphone/ui/main_window.py" line="735"/>
        <source>transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="549"/>
        <source>Supervisor listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="550"/>
        <source>Supervisor coaching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="551"/>
        <source>Supervisor joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="563"/>
        <source>Escalating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="577"/>
        <source>Red flag in the notes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="602"/>
        <source>Transfer the caller to (number or sip: address):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="666"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="669"/>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="694"/>
        <source>Wrap-up: choose a disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="696"/>
        <source>Wrap-up: %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="699"/>
        <source>Wrap-up overdue by %1: choose a disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="706"/>
        <source>Quality: good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="707"/>
        <source>Quality: fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="708"/>
        <source>Quality: poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="720"/>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="721"/>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="722"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="723"/>
        <source>In call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="724"/>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="725"/>
        <source>Held by the other party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="726"/>
        <source>Call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="730"/>
        <source>muted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="733"/>
        <source>transferring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="734"/>
        <source>transfer ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="736"/>
        <source>transfer failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="744"/>
        <source>Not taking calls (callers hear busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/supervision_presenter.py" line="146"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="245"/>
        <source>Amending the last note (saved as a new version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="246"/>
        <source>Not saved until you press Save amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="257"/>
        <source>No change to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="259"/>
        <source>Saving amendment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="308"/>
        <source>Unfinished note (last saved %1): finish or keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="309"/>
        <location filename="../../softphone/ui/notes_controller.py" line="384"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="311"/>
        <location filename="../../softphone/ui/notes_controller.py" line="438"/>
        <source>Call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="344"/>
        <source>Closing the note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="386"/>
        <source>NOT saved — retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="388"/>
        <source>NOT saved — this note was closed elsewhere; amend it instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="392"/>
        <source>Unfinished notes could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="412"/>
        <source>NOT saved — the note could not be closed; press Finish note to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="418"/>
        <source>Note closed (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="424"/>
        <source>Amendment saved (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="426"/>
        <source>NOT saved — the amendment was not recorded (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="445"/>
        <source>Call at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="454"/>
        <source>Patient: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="469"/>
        <source>NOT saved — this note is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="472"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="492"/>
        <source>Red flag: %1. Consider escalating (F9).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="57"/>
        <location filename="../../softphone/ui/notes_panel.py" line="64"/>
        <location filename="../../softphone/ui/notes_panel.py" line="89"/>
        <source>Call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="66"/>
        <source>Notes save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="71"/>
        <source>Linked patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="74"/>
        <location filename="../../softphone/ui/notes_panel.py" line="75"/>
        <source>Reason for call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="80"/>
        <source>Symptom checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="90"/>
        <source>Call notes (saved as you type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="93"/>
        <source>Red flag in the notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="95"/>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="97"/>
        <source>Amend last note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="99"/>
        <source>Amend the last closed note (saved as a new version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="100"/>
        <source>Save amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="102"/>
        <source>Save the amendment as a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="103"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="105"/>
        <source>Cancel the amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="106"/>
        <source>Finish note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="108"/>
        <source>Finish (close) this unfinished note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="119"/>
        <source>Unfinished notes from an earlier session (open one to finish it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="123"/>
        <source>Unfinished notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="126"/>
        <source>Open note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="128"/>
        <source>Open the selected unfinished note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="223"/>
        <source>Disposition: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesSearchController</name>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="128"/>
        <source>Search notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="129"/>
        <source>Search the call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="130"/>
        <source>Search the call notes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="151"/>
        <source>Unlock first: the notes are locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="195"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="201"/>
        <source>Searching older notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="254"/>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="255"/>
        <source>The note could not be opened (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="267"/>
        <source>The search failed (%1): try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="277"/>
        <source>No note matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="279"/>
        <source>The %1 newest matching notes: Older notes for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="281"/>
        <source>1 matching note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="283"/>
        <source>%1 matching notes, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesSearchDialog</name>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="64"/>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="65"/>
        <source>Search call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="73"/>
        <source>Search the call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="74"/>
        <source>Words in the notes; &quot;quotes&quot; for a phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="79"/>
        <source>Search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="83"/>
        <source>Matching notes, newest first (Enter to open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="94"/>
        <source>&amp;Older notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="96"/>
        <source>Show older matching notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="107"/>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="199"/>
        <source>Open a note from the list (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="109"/>
        <source>Note details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="112"/>
        <source>Reason for call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="116"/>
        <source>Call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="118"/>
        <source>Note status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="119"/>
        <source>&amp;Amend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="121"/>
        <source>Amend this closed note (saved as a new version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="122"/>
        <source>&amp;Save amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="124"/>
        <source>Save the amendment as a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="125"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="127"/>
        <source>Cancel the amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="176"/>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="208"/>
        <source>closed, version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="210"/>
        <source>still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="212"/>
        <source>Note of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="215"/>
        <source>Patient: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="216"/>
        <source>Agent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="217"/>
        <source>Disposition: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="221"/>
        <source>Symptoms: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="228"/>
        <source>This note is still open: it is finished in the notes panel, and can be amended once closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="240"/>
        <source>Not saved until you press Save amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="252"/>
        <source>Amendment saved (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="255"/>
        <source>NOT saved — the amendment was not recorded (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="290"/>
        <source>No change to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="293"/>
        <source>Saving amendment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="298"/>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="305"/>
        <source>Save or cancel the amendment first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientPanel</name>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="48"/>
        <source>Patient context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="54"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="59"/>
        <source>Patient context appears here during a call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="60"/>
        <source>Looking up the caller in the patient record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="68"/>
        <source>Patient name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="73"/>
        <location filename="../../softphone/ui/patient_panel.py" line="122"/>
        <location filename="../../softphone/ui/patient_panel.py" line="134"/>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="74"/>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="75"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="76"/>
        <source>Allergies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="77"/>
        <source>Conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="78"/>
        <source>Medications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="79"/>
        <source>On-call clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="94"/>
        <location filename="../../softphone/ui/patient_panel.py" line="245"/>
        <source>Several patients use this number. Confirm who is calling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="97"/>
        <source>Matching patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="99"/>
        <source>Open patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="101"/>
        <source>Open the selected patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="111"/>
        <source>No patient matches the caller&apos;s number. Search by name and date of birth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="114"/>
        <location filename="../../softphone/ui/patient_panel.py" line="132"/>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="118"/>
        <location filename="../../softphone/ui/patient_panel.py" line="133"/>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="126"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="128"/>
        <source>Search patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="141"/>
        <source>Patient record problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="142"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="144"/>
        <source>Look up the caller again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="178"/>
        <source>The patient record system answered with data the softphone cannot read. Confirm the caller&apos;s identity verbally; IT has been told in the logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="184"/>
        <source>The patient record system is not answering. Take the call; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="193"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="194"/>
        <source>%n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="201"/>
        <source>not available (the record could not be loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="206"/>
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="211"/>
        <location filename="../../softphone/ui/patient_panel.py" line="213"/>
        <location filename="../../softphone/ui/patient_panel.py" line="219"/>
        <source>none recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="226"/>
        <source>none assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="237"/>
        <source>old number: confirm identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="244"/>
        <source>More patients match than can be listed: search by name and date of birth.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="102"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="103"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="114"/>
        <source>Set by IT; cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="115"/>
        <source>Locked by IT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="116"/>
        <source>(locked by IT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="119"/>
        <source>(demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="124"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="126"/>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="130"/>
        <source>SIP password (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="131"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="134"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="138"/>
        <source>Servers (host:port, one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="143"/>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="147"/>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="148"/>
        <source>Headset speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="149"/>
        <source>Ringer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="151"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="165"/>
        <source>Echo cancellation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="166"/>
        <source>Noise suppression (with echo cancellation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="172"/>
        <source>Not available on this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="178"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="188"/>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="181"/>
        <source>Test microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="183"/>
        <source>Records 3 seconds, then plays them back on the headset speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="196"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="202"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="196"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="197"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="197"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="200"/>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="205"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="207"/>
        <source>Settings status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="217"/>
        <source>The demo&apos;s own account on its built-in switchboard: not editable in the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="218"/>
        <source>Demo account, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="231"/>
        <source>Speak now: recording 3 seconds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="241"/>
        <source>Playing back what the microphone heard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="246"/>
        <source>The microphone test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="248"/>
        <source>The microphone test heard only silence. Check the mute switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="250"/>
        <source>Microphone test finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="327"/>
        <source>A server port is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="333"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="358"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="408"/>
        <source>Account changes will apply when this call ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="410"/>
        <source>Account changes will apply once telephony has started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="412"/>
        <source>Telephony is not running: account changes apply at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="417"/>
        <source>Account changed: registering with the new settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="419"/>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="421"/>
        <source>The new account could not be used: %1. Open Settings to correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="359"/>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamView</name>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="49"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="53"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="53"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="53"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="64"/>
        <source>Listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="64"/>
        <source>Whisper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="64"/>
        <source>Barge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="72"/>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="95"/>
        <source>escalation failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="110"/>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="111"/>
        <source>On call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="112"/>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="113"/>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="114"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="115"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="128"/>
        <source>Supervision ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="129"/>
        <source>Refused by the agent&apos;s phone (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="131"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="135"/>
        <source>Listening to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="136"/>
        <source>Whispering to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="137"/>
        <source>In the call with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="140"/>
        <source>(switching…)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
