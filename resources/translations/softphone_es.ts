<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>DemoMenu</name>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="17"/>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="19"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="22"/>
        <source>Patient calls: %1</source>
        <translation>Llama un paciente: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="26"/>
        <source>Supervisor joins (%1)</source>
        <translation>Se une el supervisor (%1)</translation>
    </message>
</context>
<context>
    <name>DesktopPresenter</name>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="43"/>
        <source>The transfer failed; the caller is still on the line.</source>
        <translation>La transferencia falló; el llamante sigue en la línea.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="44"/>
        <source>not a usable SIP URI</source>
        <translation>no es una URI SIP válida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="45"/>
        <source>not a usable tel: URI</source>
        <translation>no es una URI tel: válida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="46"/>
        <source>not a number or SIP address</source>
        <translation>no es un número ni una dirección SIP</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="47"/>
        <source>Could not dial.</source>
        <translation>No se pudo llamar.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="48"/>
        <source>Could not answer.</source>
        <translation>No se pudo contestar.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="49"/>
        <source>Could not decline.</source>
        <translation>No se pudo rechazar la llamada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="50"/>
        <source>Could not hang up.</source>
        <translation>No se pudo colgar.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="51"/>
        <source>Could not hold.</source>
        <translation>No se pudo poner en espera.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="52"/>
        <source>Could not resume.</source>
        <translation>No se pudo reanudar la llamada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="53"/>
        <source>Could not mute.</source>
        <translation>No se pudo silenciar.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="54"/>
        <source>Could not keypad.</source>
        <translation>No se pudieron enviar los tonos del teclado.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="55"/>
        <source>Could not transfer.</source>
        <translation>No se pudo transferir.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="56"/>
        <source>Could not busy.</source>
        <translation>No se pudo rechazar la llamada con ocupado.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="216"/>
        <source>Local (no registrar)</source>
        <translation>Local (sin servidor de registro)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="218"/>
        <source>Registered</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="220"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="416"/>
        <source>Registering…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="223"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="420"/>
        <source>Not registered: %1</source>
        <translation>No registrado: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="223"/>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="225"/>
        <source>Not registered</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="265"/>
        <source>Your new state applies after this call&apos;s wrap-up.</source>
        <translation>Su nuevo estado se aplicará tras el cierre de esta llamada.</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="204"/>
        <source>Demo switchboard: </source>
        <translation>Centralita de demostración: </translation>
    </message>
</context>
<context>
    <name>EscalationPanel</name>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="40"/>
        <source>answered</source>
        <translation>atendida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="41"/>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="42"/>
        <source>busy</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="43"/>
        <source>declined</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="44"/>
        <source>unreachable</source>
        <translation>inaccesible</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="45"/>
        <source>could not call</source>
        <translation>no se pudo llamar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="46"/>
        <source>skipped</source>
        <translation>omitido</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="47"/>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="50"/>
        <source>EMERGENCY</source>
        <translation>EMERGENCIA</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="51"/>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="52"/>
        <source>routine</source>
        <translation>de rutina</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="89"/>
        <source>Escalate: why? (Enter confirms)</source>
        <translation>Escalar: ¿por qué? (Intro confirma)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="93"/>
        <source>Escalation reason</source>
        <translation>Motivo del escalamiento</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="103"/>
        <source>Escalation mode</source>
        <translation>Modo de escalamiento</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="105"/>
        <source>Conference (clinician joins now)</source>
        <translation>Conferencia (el clínico se une ya)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="106"/>
        <source>Consult first, then join</source>
        <translation>Consultar primero y luego unir</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="107"/>
        <source>Hand off (you leave after joining)</source>
        <translation>Traspasar (usted sale tras unirlos)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="110"/>
        <source>Escalate now</source>
        <translation>Escalar ahora</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="114"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="142"/>
        <source>Who is being tried</source>
        <translation>A quién se está llamando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="143"/>
        <source>Skip (S)</source>
        <translation>Omitir (S)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="146"/>
        <source>Join patient</source>
        <translation>Unir al paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="149"/>
        <location filename="../../softphone/ui/escalation_panel.py" line="254"/>
        <source>Hand off and leave</source>
        <translation>Traspasar y salir</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="152"/>
        <source>Stay</source>
        <translation>Quedarse</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="154"/>
        <source>Stay in the call: no automatic hand-off</source>
        <translation>Quedarse en la llamada: sin traspaso automático</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="156"/>
        <location filename="../../softphone/ui/escalation_panel.py" line="256"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="175"/>
        <source>Nobody answered — follow this script</source>
        <translation>Nadie contestó — siga este guion</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="181"/>
        <source>Your supervisor has been alerted.</source>
        <translation>Se ha avisado a su supervisor.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="185"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="205"/>
        <source>Red flag in the notes: %1</source>
        <translation>Signo de alarma en las notas: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="226"/>
        <source>Tried: %1</source>
        <translation>Intentados: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="226"/>
        <source>nobody could be called</source>
        <translation>no se pudo llamar a nadie</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="240"/>
        <source>not needed</source>
        <translation>no necesario</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="240"/>
        <source>next</source>
        <translation>siguiente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="242"/>
        <source>ringing</source>
        <translation>sonando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="242"/>
        <source>calling</source>
        <translation>llamando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="254"/>
        <source>Hand off now</source>
        <translation>Traspasar ahora</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="256"/>
        <source>Drop clinician</source>
        <translation>Retirar al clínico</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="274"/>
        <source>Trying %1 · %2 s</source>
        <translation>Llamando a %1 · %2 s</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="278"/>
        <source>Clinician joined after %1 s · you leave in %2 s: introduce the patient</source>
        <translation>El clínico se unió tras %1 s · usted sale en %2 s: presente al paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="283"/>
        <source>Consulting — the patient is waiting</source>
        <translation>Consultando — el paciente está esperando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="284"/>
        <source>Clinician, patient and you are connected</source>
        <translation>El clínico, el paciente y usted están conectados</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="285"/>
        <source>Handing off…</source>
        <translation>Traspasando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_panel.py" line="288"/>
        <source>%1 · time to clinician %2 s</source>
        <translation>%1 · tiempo hasta el clínico %2 s</translation>
    </message>
</context>
<context>
    <name>EscalationPresenter</name>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="162"/>
        <source>There is no call to escalate.</source>
        <translation>No hay ninguna llamada que escalar.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="187"/>
        <source>The call ended before the escalation started.</source>
        <translation>La llamada terminó antes de que empezara el escalamiento.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="224"/>
        <source>Nobody answered the escalation: follow the script.</source>
        <translation>Nadie contestó al escalamiento: siga el guion.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="226"/>
        <source>Escalation cancelled.</source>
        <translation>Escalamiento cancelado.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="228"/>
        <source>The patient hung up before a clinician answered: the escalation was stopped.</source>
        <translation>El paciente colgó antes de que contestara un clínico: se detuvo el escalamiento.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="230"/>
        <source>Handed off: the patient is with the clinician.</source>
        <translation>Traspaso hecho: el paciente está con el clínico.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="232"/>
        <source>The hand-off was not confirmed: the clinician&apos;s line ended, the patient is still with you.</source>
        <translation>No se confirmó el traspaso: la línea del clínico terminó y el paciente sigue con usted.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="234"/>
        <source>The patient&apos;s call ended: the clinician&apos;s line was ended too.</source>
        <translation>La llamada del paciente terminó: también se cortó la línea del clínico.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="236"/>
        <source>The clinician left the call; the patient is still with you.</source>
        <translation>El clínico salió de la llamada; el paciente sigue con usted.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="238"/>
        <source>You dropped the clinician; the patient is still with you.</source>
        <translation>Usted retiró al clínico; el paciente sigue con usted.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="240"/>
        <source>Escalation ended.</source>
        <translation>Escalamiento terminado.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="242"/>
        <source>Time to clinician %1 s.</source>
        <translation>Tiempo hasta el clínico: %1 s.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="250"/>
        <source>Your supervisor has been alerted.</source>
        <translation>Se ha avisado a su supervisor.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/escalation_presenter.py" line="251"/>
        <source>Your supervisor could NOT be alerted automatically: call them now.</source>
        <translation>NO se pudo avisar automáticamente a su supervisor: llámelo ahora.</translation>
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
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="33"/>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="35"/>
        <source>Caller address</source>
        <translation>Dirección del llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="36"/>
        <source>Answer (F5)</source>
        <translation>Contestar (F5)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="38"/>
        <source>Answer call</source>
        <translation>Contestar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="39"/>
        <source>Decline (F8)</source>
        <translation>Rechazar (F8)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="41"/>
        <source>Decline call</source>
        <translation>Rechazar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/incoming_toast.py" line="56"/>
        <source>Second incoming call</source>
        <translation>Segunda llamada entrante</translation>
    </message>
</context>
<context>
    <name>KeypadDialog</name>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="20"/>
        <source>Keypad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="21"/>
        <source>Keypad: type digits to send tones</source>
        <translation>Teclado: escriba dígitos para enviar tonos</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="22"/>
        <source>Tones sent</source>
        <translation>Tonos enviados</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/keypad.py" line="28"/>
        <source>Tone %1</source>
        <translation>Tono %1</translation>
    </message>
</context>
<context>
    <name>LockController</name>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="77"/>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="78"/>
        <source>Lock the patient panel and notes now</source>
        <translation>Bloquear ahora el panel del paciente y las notas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="150"/>
        <source>Too many attempts: wait %1 s.</source>
        <translation>Demasiados intentos: espere %1 s.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="153"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="160"/>
        <source>Not saved: %1.</source>
        <translation>No se guardó: %1.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="163"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="199"/>
        <source>Unlock passphrase saved.</source>
        <translation>Frase de desbloqueo guardada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="215"/>
        <source>Wrong passphrase.</source>
        <translation>Frase de desbloqueo incorrecta.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="218"/>
        <source>The OS keyring did not answer (%1): unlock it and try again.</source>
        <translation>El llavero del sistema no respondió (%1): desbloquéelo y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_controller.py" line="230"/>
        <source>Auto-lock is off for this demo session.</source>
        <translation>El bloqueo automático está desactivado en esta sesión de demostración.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="24"/>
        <location filename="../../softphone/ui/lock_screen.py" line="95"/>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="28"/>
        <source>Lock status</source>
        <translation>Estado del bloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="30"/>
        <source>Lock explanation</source>
        <translation>Explicación del bloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="33"/>
        <source>Unlock passphrase</source>
        <translation>Frase de desbloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="38"/>
        <source>Unlock passphrase again</source>
        <translation>Repita la frase de desbloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="41"/>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="43"/>
        <source>Unlock the patient panel and notes</source>
        <translation>Desbloquear el panel del paciente y las notas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="44"/>
        <source>Save passphrase</source>
        <translation>Guardar la frase</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="46"/>
        <source>Save the unlock passphrase</source>
        <translation>Guardar la frase de desbloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="47"/>
        <source>Not now (demo data only)</source>
        <translation>Ahora no (solo datos de demostración)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="49"/>
        <source>Skip auto-lock in the demo</source>
        <translation>Omitir el bloqueo automático en la demo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="50"/>
        <source>Unlock status</source>
        <translation>Estado del desbloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="54"/>
        <source>Passphrase</source>
        <translation>Frase de desbloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="55"/>
        <source>Again</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="81"/>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="81"/>
        <source>Checking the screen-lock settings.</source>
        <translation>Comprobando la configuración del bloqueo de pantalla.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="86"/>
        <source>Choose an unlock passphrase</source>
        <translation>Elija una frase de desbloqueo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="87"/>
        <source>The patient panel and notes lock when you are away. Choose a passphrase or PIN (at least 6 characters) to unlock them; it is kept hashed in your keyring.</source>
        <translation>El panel del paciente y las notas se bloquean cuando usted se ausenta. Elija una frase o un PIN (de al menos 6 caracteres) para desbloquearlos; se guarda como hash en su llavero del sistema.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/lock_screen.py" line="96"/>
        <source>The patient panel and notes are hidden. Calls still ring and can be answered. Enter your passphrase to unlock.</source>
        <translation>El panel del paciente y las notas están ocultos. Las llamadas siguen sonando y se pueden contestar. Escriba su frase para desbloquear.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="109"/>
        <source>Supervision</source>
        <translation>Supervisión</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="111"/>
        <location filename="../../softphone/ui/main_window.py" line="423"/>
        <source>No call</source>
        <translation>Sin llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="111"/>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="113"/>
        <source>Caller identity source</source>
        <translation>Origen de la identidad del llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="114"/>
        <location filename="../../softphone/ui/main_window.py" line="745"/>
        <source>Waiting for calls</source>
        <translation>Esperando llamadas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="114"/>
        <source>Call state</source>
        <translation>Estado de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="115"/>
        <source>Call duration</source>
        <translation>Duración de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="117"/>
        <source>Call quality</source>
        <translation>Calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="125"/>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="125"/>
        <source>Answer call</source>
        <translation>Contestar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="126"/>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="126"/>
        <source>Decline call</source>
        <translation>Rechazar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="127"/>
        <location filename="../../softphone/ui/main_window.py" line="666"/>
        <source>Hold</source>
        <translation>Espera</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="127"/>
        <source>Hold or resume call</source>
        <translation>Poner en espera o reanudar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="128"/>
        <location filename="../../softphone/ui/main_window.py" line="669"/>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="128"/>
        <source>Mute microphone</source>
        <translation>Silenciar el micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="129"/>
        <source>Keypad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="129"/>
        <source>Dial pad tones</source>
        <translation>Tonos del teclado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="130"/>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="130"/>
        <location filename="../../softphone/ui/main_window.py" line="602"/>
        <source>Blind transfer</source>
        <translation>Transferencia ciega</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="131"/>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="131"/>
        <source>Hang up call</source>
        <translation>Colgar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="150"/>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="160"/>
        <source>Wrap-up time left</source>
        <translation>Tiempo de cierre restante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="163"/>
        <source>Disposition code</source>
        <translation>Código de tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="404"/>
        <source>Choose a disposition…</source>
        <translation>Elija una tipificación…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="165"/>
        <source>Finish wrap-up</source>
        <translation>Terminar el cierre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="167"/>
        <source>Finish wrap-up with this disposition</source>
        <translation>Terminar el cierre con esta tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="181"/>
        <source>Number or SIP address to call</source>
        <translation>Número o dirección SIP a la que llamar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="182"/>
        <source>Number or sip: address (Ctrl+L)</source>
        <translation>Número o dirección sip: (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="184"/>
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="186"/>
        <source>Place call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="193"/>
        <location filename="../../softphone/ui/main_window.py" line="563"/>
        <source>Escalate</source>
        <translation>Escalar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="195"/>
        <source>Escalate to on-call clinician</source>
        <translation>Escalar al clínico de guardia</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="197"/>
        <source>Bring the on-call clinician into this call (F9)</source>
        <translation>Incorporar al clínico de guardia a esta llamada (F9)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="340"/>
        <source>Recent calls (Enter to call back)</source>
        <translation>Llamadas recientes (Intro para devolver la llamada)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="346"/>
        <source>Patient and recent calls</source>
        <translation>Paciente y llamadas recientes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="347"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="348"/>
        <source>Recent calls</source>
        <translation>Llamadas recientes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="244"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="249"/>
        <location filename="../../softphone/ui/main_window.py" line="281"/>
        <location filename="../../softphone/ui/main_window.py" line="450"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="250"/>
        <source>Become available</source>
        <translation>Pasar a disponible</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="254"/>
        <location filename="../../softphone/ui/main_window.py" line="453"/>
        <source>Break</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="255"/>
        <source>Take a break</source>
        <translation>Hacer una pausa</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="261"/>
        <location filename="../../softphone/ui/main_window.py" line="454"/>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="262"/>
        <source>Go offline</source>
        <translation>Desconectarse</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="266"/>
        <location filename="../../softphone/ui/main_window.py" line="267"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="400"/>
        <source>Demo switchboard (no PBX configured)</source>
        <translation>Centralita de demostración (sin PBX configurada)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="400"/>
        <source>Not registered</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="279"/>
        <source>Registration</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="215"/>
        <source>Red flag in the notes</source>
        <translation>Signo de alarma en las notas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="278"/>
        <location filename="../../softphone/ui/main_window.py" line="373"/>
        <source>Starting: reading the settings…</source>
        <translation>Iniciando: leyendo la configuración…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="233"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="233"/>
        <source>Side panel</source>
        <translation>Panel lateral</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="281"/>
        <source>Agent state</source>
        <translation>Estado del agente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="282"/>
        <source>Headset: system default</source>
        <translation>Auriculares: predeterminados del sistema</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="224"/>
        <source>That link is not a number or SIP address.</source>
        <translation>Ese enlace no es un número ni una dirección SIP.</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="415"/>
        <source>The escalation could not be saved: tell your supervisor.</source>
        <translation>No se pudo guardar el escalamiento: avise a su supervisor.</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="621"/>
        <source>No headset found: calls connect without sound.</source>
        <translation>No se encontraron auriculares: las llamadas se conectan sin sonido.</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="624"/>
        <source>(fallback)</source>
        <translation>(alternativo)</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="626"/>
        <source>Headset unplugged: audio moved to %1. The call goes on.</source>
        <translation>Auriculares desconectados: el audio pasó a %1. La llamada continúa.</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="626"/>
        <source>no device</source>
        <translation>ningún dispositivo</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="629"/>
        <location filename="../../softphone/ui/main_window.py" line="282"/>
        <source>Headset</source>
        <translation>Auriculares</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="630"/>
        <source>Your headset is back. Switch the audio back to it?</source>
        <translation>Sus auriculares están de vuelta. ¿Volver a pasar el audio a ellos?</translation>
    </message>
    <message>
        <location filename="../../softphone/app.py" line="642"/>
        <source>Audio is back on the headset.</source>
        <translation>El audio vuelve a estar en los auriculares.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="284"/>
        <source>Headset buttons</source>
        <translation>Botones de los auriculares</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="286"/>
        <source>Network and encryption</source>
        <translation>Red y cifrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="287"/>
        <source>Notices</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="374"/>
        <source>Starting: opening secure storage…</source>
        <translation>Iniciando: abriendo el almacenamiento seguro…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="375"/>
        <source>Starting: connecting the phone…</source>
        <translation>Iniciando: conectando el teléfono…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="431"/>
        <source>number verified by the network</source>
        <translation>número verificado por la red</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="431"/>
        <source>caller-provided name</source>
        <translation>nombre indicado por el llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="451"/>
        <source>On call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="452"/>
        <location filename="../../softphone/ui/main_window.py" line="742"/>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="486"/>
        <source>Headset: %1</source>
        <translation>Auriculares: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="486"/>
        <source>Headset: none</source>
        <translation>Auriculares: ninguno</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="497"/>
        <source>Headset buttons: none</source>
        <translation>Botones de los auriculares: ninguno</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="498"/>
        <source>Headset buttons: no permission (ask IT)</source>
        <translation>Botones de los auriculares: sin permiso (consulte a TI)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="499"/>
        <source>Headset buttons: not supported here</source>
        <translation>Botones de los auriculares: no compatibles en este equipo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="503"/>
        <source>Headset buttons: %1</source>
        <translation>Botones de los auriculares: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="528"/>
        <source>answered</source>
        <translation>atendida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="529"/>
        <source>missed</source>
        <translation>perdida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="530"/>
        <source>busy (not available)</source>
        <translation>ocupado (no disponible)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="531"/>
        <source>not connected</source>
        <translation>no conectada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="532"/>
        <location filename="../../softphone/ui/main_window.py" line="735"/>
        <source>transferred</source>
        <translation>transferida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="549"/>
        <source>Supervisor listening</source>
        <translation>Supervisor escuchando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="550"/>
        <source>Supervisor coaching</source>
        <translation>Supervisor susurrando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="551"/>
        <source>Supervisor joined</source>
        <translation>Supervisor incorporado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="563"/>
        <source>Escalating…</source>
        <translation>Escalando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="577"/>
        <source>Red flag in the notes: %1</source>
        <translation>Signo de alarma en las notas: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="602"/>
        <source>Transfer the caller to (number or sip: address):</source>
        <translation>Transferir al llamante a (número o dirección sip:):</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="666"/>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="669"/>
        <source>Unmute</source>
        <translation>Activar micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="694"/>
        <source>Wrap-up: choose a disposition</source>
        <translation>Cierre: elija una tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="696"/>
        <source>Wrap-up: %1 left</source>
        <translation>Cierre: quedan %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="699"/>
        <source>Wrap-up overdue by %1: choose a disposition</source>
        <translation>Cierre excedido en %1: elija una tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="706"/>
        <source>Quality: good</source>
        <translation>Calidad: buena</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="707"/>
        <source>Quality: fair</source>
        <translation>Calidad: aceptable</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="708"/>
        <source>Quality: poor</source>
        <translation>Calidad: mala</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="720"/>
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="721"/>
        <source>Calling…</source>
        <translation>Llamando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="722"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="723"/>
        <source>In call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="724"/>
        <source>On hold</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="725"/>
        <source>Held by the other party</source>
        <translation>En espera por el otro extremo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="726"/>
        <source>Call ended</source>
        <translation>Llamada finalizada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="730"/>
        <source>muted</source>
        <translation>silenciado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="733"/>
        <source>transferring…</source>
        <translation>transfiriendo…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="734"/>
        <source>transfer ringing</source>
        <translation>transferencia sonando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="736"/>
        <source>transfer failed</source>
        <translation>transferencia fallida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="744"/>
        <source>Not taking calls (callers hear busy)</source>
        <translation>No recibe llamadas (los llamantes oyen ocupado)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/supervision_presenter.py" line="146"/>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="245"/>
        <source>Amending the last note (saved as a new version)</source>
        <translation>Enmendando la última nota (se guarda como una versión nueva)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="246"/>
        <source>Not saved until you press Save amendment</source>
        <translation>No se guarda hasta que pulse Guardar enmienda</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="257"/>
        <source>No change to save</source>
        <translation>No hay cambios que guardar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="259"/>
        <source>Saving amendment…</source>
        <translation>Guardando la enmienda…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="308"/>
        <source>Unfinished note (last saved %1): finish or keep editing</source>
        <translation>Nota sin terminar (guardada por última vez: %1): termínela o siga editando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="309"/>
        <location filename="../../softphone/ui/notes_controller.py" line="384"/>
        <source>Saved</source>
        <translation>Guardada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="311"/>
        <location filename="../../softphone/ui/notes_controller.py" line="438"/>
        <source>Call notes</source>
        <translation>Notas de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="344"/>
        <source>Closing the note…</source>
        <translation>Cerrando la nota…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="386"/>
        <source>NOT saved — retrying</source>
        <translation>NO guardada — reintentando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="388"/>
        <source>NOT saved — this note was closed elsewhere; amend it instead</source>
        <translation>NO guardada — esta nota se cerró en otro lugar; enmiéndela</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="392"/>
        <source>Unfinished notes could not be read</source>
        <translation>No se pudieron leer las notas sin terminar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="412"/>
        <source>NOT saved — the note could not be closed; press Finish note to retry</source>
        <translation>NO guardada — no se pudo cerrar la nota; pulse Terminar nota para reintentar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="418"/>
        <source>Note closed (version %1)</source>
        <translation>Nota cerrada (versión %1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="424"/>
        <source>Amendment saved (version %1)</source>
        <translation>Enmienda guardada (versión %1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="426"/>
        <source>NOT saved — the amendment was not recorded (%1)</source>
        <translation>NO guardada — la enmienda no se registró (%1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="445"/>
        <source>Call at %1</source>
        <translation>Llamada a las %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="454"/>
        <source>Patient: %1</source>
        <translation>Paciente: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="469"/>
        <source>NOT saved — this note is closed</source>
        <translation>NO guardada — esta nota está cerrada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="472"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_controller.py" line="492"/>
        <source>Red flag: %1. Consider escalating (F9).</source>
        <translation>Signo de alarma: %1. Valore escalar (F9).</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="57"/>
        <location filename="../../softphone/ui/notes_panel.py" line="64"/>
        <location filename="../../softphone/ui/notes_panel.py" line="89"/>
        <source>Call notes</source>
        <translation>Notas de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="66"/>
        <source>Notes save status</source>
        <translation>Estado de guardado de las notas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="71"/>
        <source>Linked patient</source>
        <translation>Paciente vinculado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="74"/>
        <location filename="../../softphone/ui/notes_panel.py" line="75"/>
        <source>Reason for call</source>
        <translation>Motivo de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="80"/>
        <source>Symptom checklist</source>
        <translation>Lista de síntomas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="90"/>
        <source>Call notes (saved as you type)</source>
        <translation>Notas de la llamada (se guardan mientras escribe)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="93"/>
        <source>Red flag in the notes</source>
        <translation>Signo de alarma en las notas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="95"/>
        <source>Disposition</source>
        <translation>Tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="97"/>
        <source>Amend last note</source>
        <translation>Enmendar la última nota</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="99"/>
        <source>Amend the last closed note (saved as a new version)</source>
        <translation>Enmendar la última nota cerrada (se guarda como una versión nueva)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="100"/>
        <source>Save amendment</source>
        <translation>Guardar enmienda</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="102"/>
        <source>Save the amendment as a new version</source>
        <translation>Guardar la enmienda como una versión nueva</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="103"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="105"/>
        <source>Cancel the amendment</source>
        <translation>Cancelar la enmienda</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="106"/>
        <source>Finish note</source>
        <translation>Terminar nota</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="108"/>
        <source>Finish (close) this unfinished note</source>
        <translation>Terminar (cerrar) esta nota sin terminar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="119"/>
        <source>Unfinished notes from an earlier session (open one to finish it):</source>
        <translation>Notas sin terminar de una sesión anterior (abra una para terminarla):</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="123"/>
        <source>Unfinished notes</source>
        <translation>Notas sin terminar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="126"/>
        <source>Open note</source>
        <translation>Abrir nota</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="128"/>
        <source>Open the selected unfinished note</source>
        <translation>Abrir la nota sin terminar seleccionada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_panel.py" line="223"/>
        <source>Disposition: %1</source>
        <translation>Tipificación: %1</translation>
    </message>
</context>
<context>
    <name>NotesSearchController</name>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="128"/>
        <source>Search notes</source>
        <translation>Buscar notas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="129"/>
        <source>Search the call notes</source>
        <translation>Buscar en las notas de llamadas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="130"/>
        <source>Search the call notes (%1)</source>
        <translation>Buscar en las notas de llamadas (%1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="151"/>
        <source>Unlock first: the notes are locked.</source>
        <translation>Desbloquee primero: las notas están bloqueadas.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="195"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="201"/>
        <source>Searching older notes…</source>
        <translation>Buscando notas más antiguas…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="254"/>
        <source>not found</source>
        <translation>no encontrada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="255"/>
        <source>The note could not be opened (%1)</source>
        <translation>No se pudo abrir la nota (%1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="267"/>
        <source>The search failed (%1): try again.</source>
        <translation>La búsqueda falló (%1): vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="277"/>
        <source>No note matches.</source>
        <translation>Ninguna nota coincide.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="279"/>
        <source>The %1 newest matching notes: Older notes for more.</source>
        <translation>Las %1 notas coincidentes más recientes: pulse Notas más antiguas para ver más.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="281"/>
        <source>1 matching note.</source>
        <translation>1 nota coincidente.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search.py" line="283"/>
        <source>%1 matching notes, newest first.</source>
        <translation>%1 notas coincidentes, las más recientes primero.</translation>
    </message>
</context>
<context>
    <name>NotesSearchDialog</name>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="64"/>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="65"/>
        <source>Search call notes</source>
        <translation>Buscar en las notas de llamadas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="73"/>
        <source>Search the call notes</source>
        <translation>Buscar en las notas de llamadas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="74"/>
        <source>Words in the notes; &quot;quotes&quot; for a phrase</source>
        <translation>Palabras de las notas; &quot;comillas&quot; para una frase</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="79"/>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="83"/>
        <source>Matching notes, newest first (Enter to open)</source>
        <translation>Notas coincidentes, las más recientes primero (Intro para abrir)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Disposition</source>
        <translation>Tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="84"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="94"/>
        <source>&amp;Older notes</source>
        <translation>Notas más &amp;antiguas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="96"/>
        <source>Show older matching notes</source>
        <translation>Mostrar notas coincidentes más antiguas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="107"/>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="199"/>
        <source>Open a note from the list (Enter)</source>
        <translation>Abrir una nota de la lista (Intro)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="109"/>
        <source>Note details</source>
        <translation>Detalles de la nota</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="112"/>
        <source>Reason for call</source>
        <translation>Motivo de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="116"/>
        <source>Call notes</source>
        <translation>Notas de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="118"/>
        <source>Note status</source>
        <translation>Estado de la nota</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="119"/>
        <source>&amp;Amend</source>
        <translation>&amp;Enmendar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="121"/>
        <source>Amend this closed note (saved as a new version)</source>
        <translation>Enmendar esta nota cerrada (se guarda como una versión nueva)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="122"/>
        <source>&amp;Save amendment</source>
        <translation>&amp;Guardar enmienda</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="124"/>
        <source>Save the amendment as a new version</source>
        <translation>Guardar la enmienda como una versión nueva</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="125"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="127"/>
        <source>Cancel the amendment</source>
        <translation>Cancelar la enmienda</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="176"/>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="208"/>
        <source>closed, version %1</source>
        <translation>cerrada, versión %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="210"/>
        <source>still open</source>
        <translation>aún abierta</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="212"/>
        <source>Note of %1 (%2)</source>
        <translation>Nota de %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="215"/>
        <source>Patient: %1</source>
        <translation>Paciente: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="216"/>
        <source>Agent: %1</source>
        <translation>Agente: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="217"/>
        <source>Disposition: %1</source>
        <translation>Tipificación: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="221"/>
        <source>Symptoms: %1</source>
        <translation>Síntomas: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="228"/>
        <source>This note is still open: it is finished in the notes panel, and can be amended once closed.</source>
        <translation>Esta nota sigue abierta: se termina en el panel de notas y se puede enmendar una vez cerrada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="240"/>
        <source>Not saved until you press Save amendment</source>
        <translation>No se guarda hasta que pulse Guardar enmienda</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="252"/>
        <source>Amendment saved (version %1)</source>
        <translation>Enmienda guardada (versión %1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="255"/>
        <source>NOT saved — the amendment was not recorded (%1)</source>
        <translation>NO guardada — la enmienda no se registró (%1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="290"/>
        <source>No change to save</source>
        <translation>No hay cambios que guardar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="293"/>
        <source>Saving amendment…</source>
        <translation>Guardando la enmienda…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="298"/>
        <location filename="../../softphone/ui/notes_search_dialog.py" line="305"/>
        <source>Save or cancel the amendment first</source>
        <translation>Primero guarde o cancele la enmienda</translation>
    </message>
</context>
<context>
    <name>PatientPanel</name>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="48"/>
        <source>Patient context</source>
        <translation>Contexto del paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="54"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="59"/>
        <source>Patient context appears here during a call.</source>
        <translation>El contexto del paciente aparece aquí durante una llamada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="60"/>
        <source>Looking up the caller in the patient record…</source>
        <translation>Buscando al llamante en la historia clínica…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="68"/>
        <source>Patient name</source>
        <translation>Nombre del paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="73"/>
        <location filename="../../softphone/ui/patient_panel.py" line="122"/>
        <location filename="../../softphone/ui/patient_panel.py" line="134"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="74"/>
        <source>MRN</source>
        <translation>NHC</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="75"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="76"/>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="77"/>
        <source>Conditions</source>
        <translation>Problemas de salud</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="78"/>
        <source>Medications</source>
        <translation>Medicación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="79"/>
        <source>On-call clinician</source>
        <translation>Clínico de guardia</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="94"/>
        <location filename="../../softphone/ui/patient_panel.py" line="245"/>
        <source>Several patients use this number. Confirm who is calling:</source>
        <translation>Varios pacientes usan este número. Confirme quién llama:</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="97"/>
        <source>Matching patients</source>
        <translation>Pacientes coincidentes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="99"/>
        <source>Open patient</source>
        <translation>Abrir paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="101"/>
        <source>Open the selected patient</source>
        <translation>Abrir el paciente seleccionado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="111"/>
        <source>No patient matches the caller&apos;s number. Search by name and date of birth:</source>
        <translation>Ningún paciente coincide con el número. Busque por nombre y fecha de nacimiento:</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="114"/>
        <location filename="../../softphone/ui/patient_panel.py" line="132"/>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="118"/>
        <location filename="../../softphone/ui/patient_panel.py" line="133"/>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="126"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="128"/>
        <source>Search patients</source>
        <translation>Buscar pacientes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="141"/>
        <source>Patient record problem</source>
        <translation>Problema con la historia clínica</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="142"/>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="144"/>
        <source>Look up the caller again</source>
        <translation>Buscar de nuevo al llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="178"/>
        <source>The patient record system answered with data the softphone cannot read. Confirm the caller&apos;s identity verbally; IT has been told in the logs.</source>
        <translation>La historia clínica respondió con datos que el softphone no puede leer. Confirme la identidad de viva voz; TI lo verá en los registros.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="184"/>
        <source>The patient record system is not answering. Take the call; try again in a moment.</source>
        <translation>La historia clínica no responde. Atienda la llamada; vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="193"/>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="194"/>
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n año</numerusform>
            <numerusform>%n años</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="201"/>
        <source>not available (the record could not be loaded)</source>
        <translation>no disponible (no se pudo cargar)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="206"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="211"/>
        <location filename="../../softphone/ui/patient_panel.py" line="213"/>
        <location filename="../../softphone/ui/patient_panel.py" line="219"/>
        <source>none recorded</source>
        <translation>sin registros</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="226"/>
        <source>none assigned</source>
        <translation>ninguno asignado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="237"/>
        <source>old number: confirm identity</source>
        <translation>número antiguo: confirme la identidad</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="244"/>
        <source>More patients match than can be listed: search by name and date of birth.</source>
        <translation>Coinciden más pacientes de los que se pueden mostrar: busque por nombre y fecha de nacimiento.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="102"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="103"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="114"/>
        <source>Set by IT; cannot be changed here.</source>
        <translation>Lo fija TI; no se puede cambiar aquí.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="115"/>
        <source>Locked by IT</source>
        <translation>Bloqueado por TI</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="116"/>
        <source>(locked by IT)</source>
        <translation>(bloqueado por TI)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="119"/>
        <source>(demo)</source>
        <translation>(demo)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="124"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="126"/>
        <source>Domain</source>
        <translation>Dominio</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="130"/>
        <source>SIP password (kept in the OS keyring)</source>
        <translation>Contraseña SIP (guardada en el llavero del sistema)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="131"/>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="134"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="138"/>
        <source>Servers (host:port, one per line)</source>
        <translation>Servidores (host:puerto, uno por línea)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="143"/>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="147"/>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="148"/>
        <source>Headset speaker</source>
        <translation>Altavoz de los auriculares</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="149"/>
        <source>Ringer</source>
        <translation>Timbre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="151"/>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="165"/>
        <source>Echo cancellation</source>
        <translation>Cancelación de eco</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="166"/>
        <source>Noise suppression (with echo cancellation)</source>
        <translation>Supresión de ruido (con cancelación de eco)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="172"/>
        <source>Not available on this computer: %1</source>
        <translation>No disponible en este equipo: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="178"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="188"/>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="181"/>
        <source>Test microphone</source>
        <translation>Probar el micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="183"/>
        <source>Records 3 seconds, then plays them back on the headset speaker</source>
        <translation>Graba 3 segundos y luego los reproduce en el altavoz de los auriculares</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="196"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="202"/>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="196"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="197"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="197"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="200"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="205"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="207"/>
        <source>Settings status</source>
        <translation>Estado de la configuración</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="217"/>
        <source>The demo&apos;s own account on its built-in switchboard: not editable in the demo.</source>
        <translation>La cuenta propia de la demo en su centralita integrada: no se puede modificar en la demo.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="218"/>
        <source>Demo account, read-only</source>
        <translation>Cuenta de la demo, solo lectura</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="231"/>
        <source>Speak now: recording 3 seconds…</source>
        <translation>Hable ahora: grabando 3 segundos…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="241"/>
        <source>Playing back what the microphone heard…</source>
        <translation>Reproduciendo lo que captó el micrófono…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="246"/>
        <source>The microphone test failed: %1</source>
        <translation>La prueba del micrófono falló: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="248"/>
        <source>The microphone test heard only silence. Check the mute switch.</source>
        <translation>La prueba del micrófono solo captó silencio. Revise el interruptor de silencio.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="250"/>
        <source>Microphone test finished.</source>
        <translation>Prueba del micrófono terminada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="327"/>
        <source>A server port is not a number.</source>
        <translation>Un puerto de servidor no es un número.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="333"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="358"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="408"/>
        <source>Account changes will apply when this call ends.</source>
        <translation>Los cambios de cuenta se aplicarán al terminar esta llamada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="410"/>
        <source>Account changes will apply once telephony has started.</source>
        <translation>Los cambios de cuenta se aplicarán cuando la telefonía haya arrancado.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="412"/>
        <source>Telephony is not running: account changes apply at the next start.</source>
        <translation>La telefonía no está en marcha: los cambios de cuenta se aplican en el próximo inicio.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="417"/>
        <source>Account changed: registering with the new settings.</source>
        <translation>Cuenta cambiada: registrando con los nuevos ajustes.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="419"/>
        <source>unknown error</source>
        <translation>error desconocido</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="421"/>
        <source>The new account could not be used: %1. Open Settings to correct it.</source>
        <translation>No se pudo usar la nueva cuenta: %1. Abra Configuración para corregirla.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="359"/>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
</context>
<context>
    <name>TeamView</name>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="49"/>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="53"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="53"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="53"/>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="64"/>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="64"/>
        <source>Whisper</source>
        <translation>Susurrar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="64"/>
        <source>Barge</source>
        <translation>Intervenir</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="72"/>
        <source>Leave</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="95"/>
        <source>escalation failed</source>
        <translation>escalamiento fallido</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="110"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="111"/>
        <source>On call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="112"/>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="113"/>
        <source>Break</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="114"/>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="115"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="128"/>
        <source>Supervision ended</source>
        <translation>Supervisión terminada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="129"/>
        <source>Refused by the agent&apos;s phone (%1)</source>
        <translation>Rechazado por el teléfono del agente (%1)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="131"/>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="135"/>
        <source>Listening to %1</source>
        <translation>Escuchando a %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="136"/>
        <source>Whispering to %1</source>
        <translation>Susurrando a %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="137"/>
        <source>In the call with %1</source>
        <translation>En la llamada con %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/team_view.py" line="140"/>
        <source>(switching…)</source>
        <translation>(cambiando…)</translation>
    </message>
</context>
</TS>
