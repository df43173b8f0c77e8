<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>DesktopPresenter</name>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="167"/>
        <source>Registered</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="169"/>
        <source>Registering…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="172"/>
        <source>Not registered: %1</source>
        <translation>No registrado: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="172"/>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="174"/>
        <source>Not registered</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/desktop.py" line="214"/>
        <source>Your new state applies after this call&apos;s wrap-up.</source>
        <translation>Su nuevo estado se aplicará tras el cierre de esta llamada.</translation>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="99"/>
        <source>Supervision</source>
        <translation>Supervisión</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="101"/>
        <location filename="../../softphone/ui/main_window.py" line="328"/>
        <source>No call</source>
        <translation>Sin llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="101"/>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="103"/>
        <source>Caller identity source</source>
        <translation>Origen de la identidad del llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="104"/>
        <location filename="../../softphone/ui/main_window.py" line="612"/>
        <source>Waiting for calls</source>
        <translation>Esperando llamadas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="104"/>
        <source>Call state</source>
        <translation>Estado de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="105"/>
        <source>Call duration</source>
        <translation>Duración de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="107"/>
        <source>Call quality</source>
        <translation>Calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="115"/>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="115"/>
        <source>Answer call</source>
        <translation>Contestar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="116"/>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="116"/>
        <source>Decline call</source>
        <translation>Rechazar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="117"/>
        <location filename="../../softphone/ui/main_window.py" line="535"/>
        <source>Hold</source>
        <translation>Espera</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="117"/>
        <source>Hold or resume call</source>
        <translation>Poner en espera o reanudar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="118"/>
        <location filename="../../softphone/ui/main_window.py" line="538"/>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="118"/>
        <source>Mute microphone</source>
        <translation>Silenciar el micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="119"/>
        <source>Keypad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="119"/>
        <source>Dial pad tones</source>
        <translation>Tonos del teclado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="120"/>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="120"/>
        <location filename="../../softphone/ui/main_window.py" line="471"/>
        <source>Blind transfer</source>
        <translation>Transferencia ciega</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="121"/>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="121"/>
        <source>Hang up call</source>
        <translation>Colgar la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="140"/>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="150"/>
        <source>Wrap-up time left</source>
        <translation>Tiempo de cierre restante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="153"/>
        <source>Disposition code</source>
        <translation>Código de tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="154"/>
        <source>Choose a disposition…</source>
        <translation>Elija una tipificación…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="157"/>
        <source>Finish wrap-up</source>
        <translation>Terminar el cierre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="159"/>
        <source>Finish wrap-up with this disposition</source>
        <translation>Terminar el cierre con esta tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="173"/>
        <source>Number or SIP address to call</source>
        <translation>Número o dirección SIP a la que llamar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="174"/>
        <source>Number or sip: address (Ctrl+L)</source>
        <translation>Número o dirección sip: (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="176"/>
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="178"/>
        <source>Place call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="185"/>
        <location filename="../../softphone/ui/main_window.py" line="446"/>
        <source>Escalate</source>
        <translation>Escalar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="187"/>
        <source>Escalate to on-call clinician</source>
        <translation>Escalar al clínico de guardia</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="189"/>
        <source>Bring the on-call clinician into this call (F9)</source>
        <translation>Incorporar al clínico de guardia a esta llamada (F9)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="215"/>
        <source>Call notes</source>
        <translation>Notas de la llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="216"/>
        <source>Call notes (saved as you type)</source>
        <translation>Notas de la llamada (se guardan mientras escribe)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="225"/>
        <source>Recent calls (Enter to call back)</source>
        <translation>Llamadas recientes (Intro para devolver la llamada)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="231"/>
        <source>Patient and recent calls</source>
        <translation>Paciente y llamadas recientes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="232"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="233"/>
        <source>Recent calls</source>
        <translation>Llamadas recientes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="249"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="254"/>
        <location filename="../../softphone/ui/main_window.py" line="289"/>
        <location filename="../../softphone/ui/main_window.py" line="355"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="255"/>
        <source>Become available</source>
        <translation>Pasar a disponible</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="259"/>
        <location filename="../../softphone/ui/main_window.py" line="358"/>
        <source>Break</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="260"/>
        <source>Take a break</source>
        <translation>Hacer una pausa</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="271"/>
        <location filename="../../softphone/ui/main_window.py" line="359"/>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="272"/>
        <source>Go offline</source>
        <translation>Desconectarse</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="276"/>
        <location filename="../../softphone/ui/main_window.py" line="277"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="286"/>
        <source>Demo switchboard (no PBX configured)</source>
        <translation>Centralita de demostración (sin PBX configurada)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="286"/>
        <source>Not registered</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="287"/>
        <source>Registration</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="289"/>
        <source>Agent state</source>
        <translation>Estado del agente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="290"/>
        <source>Headset: system default</source>
        <translation>Auriculares: predeterminados del sistema</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="290"/>
        <source>Headset</source>
        <translation>Auriculares</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="291"/>
        <source>Network and encryption</source>
        <translation>Red y cifrado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="292"/>
        <source>Notices</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="336"/>
        <source>number verified by the network</source>
        <translation>número verificado por la red</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="336"/>
        <source>caller-provided name</source>
        <translation>nombre indicado por el llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="356"/>
        <source>On call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="357"/>
        <location filename="../../softphone/ui/main_window.py" line="609"/>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="391"/>
        <source>Headset: %1</source>
        <translation>Auriculares: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="391"/>
        <source>Headset: none</source>
        <translation>Auriculares: ninguno</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="411"/>
        <source>answered</source>
        <translation>atendida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="412"/>
        <source>missed</source>
        <translation>perdida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="413"/>
        <source>busy (not available)</source>
        <translation>ocupado (no disponible)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="414"/>
        <source>not connected</source>
        <translation>no conectada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="415"/>
        <location filename="../../softphone/ui/main_window.py" line="602"/>
        <source>transferred</source>
        <translation>transferida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="432"/>
        <source>Supervisor listening</source>
        <translation>Supervisor escuchando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="433"/>
        <source>Supervisor coaching</source>
        <translation>Supervisor susurrando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="434"/>
        <source>Supervisor joined</source>
        <translation>Supervisor incorporado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="446"/>
        <source>Escalating…</source>
        <translation>Escalando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="471"/>
        <source>Transfer the caller to (number or sip: address):</source>
        <translation>Transferir al llamante a (número o dirección sip:):</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="535"/>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="538"/>
        <source>Unmute</source>
        <translation>Activar micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="561"/>
        <source>Wrap-up: choose a disposition</source>
        <translation>Cierre: elija una tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="563"/>
        <source>Wrap-up: %1 left</source>
        <translation>Cierre: quedan %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="566"/>
        <source>Wrap-up overdue by %1: choose a disposition</source>
        <translation>Cierre excedido en %1: elija una tipificación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="573"/>
        <source>Quality: good</source>
        <translation>Calidad: buena</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="574"/>
        <source>Quality: fair</source>
        <translation>Calidad: aceptable</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="575"/>
        <source>Quality: poor</source>
        <translation>Calidad: mala</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="587"/>
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="588"/>
        <source>Calling…</source>
        <translation>Llamando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="589"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="590"/>
        <source>In call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="591"/>
        <source>On hold</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="592"/>
        <source>Held by the other party</source>
        <translation>En espera por el otro extremo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="593"/>
        <source>Call ended</source>
        <translation>Llamada finalizada</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="597"/>
        <source>muted</source>
        <translation>silenciado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="600"/>
        <source>transferring…</source>
        <translation>transfiriendo…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="601"/>
        <source>transfer ringing</source>
        <translation>transferencia sonando</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="603"/>
        <source>transfer failed</source>
        <translation>transferencia fallida</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/main_window.py" line="611"/>
        <source>Not taking calls (callers hear busy)</source>
        <translation>No recibe llamadas (los llamantes oyen ocupado)</translation>
    </message>
</context>
<context>
    <name>PatientPanel</name>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="45"/>
        <source>Patient context</source>
        <translation>Contexto del paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="51"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="56"/>
        <source>Patient context appears here during a call.</source>
        <translation>El contexto del paciente aparece aquí durante una llamada.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="57"/>
        <source>Looking up the caller in the patient record…</source>
        <translation>Buscando al llamante en la historia clínica…</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="65"/>
        <source>Patient name</source>
        <translation>Nombre del paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="70"/>
        <location filename="../../softphone/ui/patient_panel.py" line="119"/>
        <location filename="../../softphone/ui/patient_panel.py" line="131"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="71"/>
        <source>MRN</source>
        <translation>NHC</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="72"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="73"/>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="74"/>
        <source>Conditions</source>
        <translation>Problemas de salud</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="75"/>
        <source>Medications</source>
        <translation>Medicación</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="76"/>
        <source>On-call clinician</source>
        <translation>Clínico de guardia</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="91"/>
        <location filename="../../softphone/ui/patient_panel.py" line="238"/>
        <source>Several patients use this number. Confirm who is calling:</source>
        <translation>Varios pacientes usan este número. Confirme quién llama:</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="94"/>
        <source>Matching patients</source>
        <translation>Pacientes coincidentes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="96"/>
        <source>Open patient</source>
        <translation>Abrir paciente</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="98"/>
        <source>Open the selected patient</source>
        <translation>Abrir el paciente seleccionado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="108"/>
        <source>No patient matches the caller&apos;s number. Search by name and date of birth:</source>
        <translation>Ningún paciente coincide con el número. Busque por nombre y fecha de nacimiento:</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="111"/>
        <location filename="../../softphone/ui/patient_panel.py" line="129"/>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="115"/>
        <location filename="../../softphone/ui/patient_panel.py" line="130"/>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="123"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="125"/>
        <source>Search patients</source>
        <translation>Buscar pacientes</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="138"/>
        <source>Patient record problem</source>
        <translation>Problema con la historia clínica</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="139"/>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="141"/>
        <source>Look up the caller again</source>
        <translation>Buscar de nuevo al llamante</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="173"/>
        <source>The patient record system answered with data the softphone cannot read. Confirm the caller&apos;s identity verbally; IT has been told in the logs.</source>
        <translation>La historia clínica respondió con datos que el softphone no puede leer. Confirme la identidad de viva voz; TI lo verá en los registros.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="179"/>
        <source>The patient record system is not answering. Take the call; try again in a moment.</source>
        <translation>La historia clínica no responde. Atienda la llamada; vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="186"/>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="187"/>
        <source>%n year(s)</source>
        <translation><numerusform>%n año</numerusform><numerusform>%n años</numerusform></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="194"/>
        <source>not available (the record could not be loaded)</source>
        <translation>no disponible (no se pudo cargar)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../softphone/ui/patient_panel.py" line="199"/>
        <source>… and %n more</source>
        <translation><numerusform>… y %n más</numerusform><numerusform>… y %n más</numerusform></translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="204"/>
        <location filename="../../softphone/ui/patient_panel.py" line="206"/>
        <location filename="../../softphone/ui/patient_panel.py" line="212"/>
        <source>none recorded</source>
        <translation>sin registros</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="219"/>
        <source>none assigned</source>
        <translation>ninguno asignado</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="230"/>
        <source>old number: confirm identity</source>
        <translation>número antiguo: confirme la identidad</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/patient_panel.py" line="237"/>
        <source>More patients match than can be listed: search by name and date of birth.</source>
        <translation>Coinciden más pacientes de los que se pueden mostrar: busque por nombre y fecha de nacimiento.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="66"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="67"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="78"/>
        <source>Set by IT; cannot be changed here.</source>
        <translation>Lo fija TI; no se puede cambiar aquí.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="79"/>
        <source>Locked by IT</source>
        <translation>Bloqueado por TI</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="80"/>
        <source>(locked by IT)</source>
        <translation>(bloqueado por TI)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="85"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="87"/>
        <source>Domain</source>
        <translation>Dominio</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="91"/>
        <source>SIP password (kept in the OS keyring)</source>
        <translation>Contraseña SIP (guardada en el llavero del sistema)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="92"/>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="93"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="97"/>
        <source>Servers (host:port, one per line)</source>
        <translation>Servidores (host:puerto, uno por línea)</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="102"/>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="106"/>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="106"/>
        <source>Headset speaker</source>
        <translation>Altavoz de los auriculares</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="107"/>
        <source>Ringer</source>
        <translation>Timbre</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="109"/>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="120"/>
        <location filename="../../softphone/ui/settings_dialog.py" line="126"/>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="120"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="121"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="121"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="124"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="129"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="131"/>
        <source>Settings status</source>
        <translation>Estado de la configuración</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="220"/>
        <source>Saved. Account changes apply at the next start.</source>
        <translation>Guardado. Los cambios de cuenta se aplican al reiniciar.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="221"/>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="191"/>
        <source>A server port is not a number.</source>
        <translation>Un puerto de servidor no es un número.</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/settings_dialog.py" line="197"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="16"/>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="18"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="21"/>
        <source>Patient calls: %1</source>
        <translation>Llama un paciente: %1</translation>
    </message>
    <message>
        <location filename="../../softphone/ui/demo_menu.py" line="25"/>
        <source>Supervisor joins (%1)</source>
        <translation>Se une el supervisor (%1)</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../softphone/app.py" line="165"/>
        <source>That link is not a number or SIP address.</source>
        <translation>Ese enlace no es un número ni una dirección SIP.</translation>
    </message>
</context>
</TS>
