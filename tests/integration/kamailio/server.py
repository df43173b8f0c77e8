"""Runs a real Kamailio as registrar + proxy on 127.0.0.1 for integration tests.

Ports are picked free at start and kept across ``restart()`` so registered clients can
find the server again.  ``unreachable(seconds)`` freezes the process (SIGSTOP): packets
are silently dropped like on a cut network link, unlike a stopped server whose closed
port answers with ICMP errors.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE = Path(__file__).with_name("kamailio.cfg.template")
MODULE_PATH = "/usr/lib/x86_64-linux-gnu/kamailio/modules"
KAMAILIO = shutil.which("kamailio") or "/usr/sbin/kamailio"
DOMAIN = "sip.test"
_PR_SET_PDEATHSIG = 1


def _terminate_with_parent() -> None:
    """Linux: SIGTERM Kamailio if the test process dies without stopping it (a pjsua
    abort skips every finaliser), instead of leaving it bound to its ports."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def kamailio_available() -> bool:
    return Path(KAMAILIO).exists() and Path(MODULE_PATH, "tm.so").exists()


def free_port_pair() -> int:
    """A port free for both UDP and TCP on 127.0.0.1."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free port pair")


@dataclass
class KamailioServer:
    workdir: Path
    users: dict[str, str] = field(default_factory=dict)
    tls: bool = False
    # Strip client-supplied P-Asserted-Identity and assert authenticated users' own identity
    # (what a production proxy in front of the softphones does; supervision relies on it).
    assert_identity: bool = False
    # "host:port" of a PBX: INVITEs to feature codes (a Request-URI user starting with "*") are
    # relayed there unchanged instead of being looked up (supervision's PBX mode).
    feature_code_pbx: str = ""
    debug: int = 1
    udp_port: int = 0
    tcp_port: int = 0
    tls_port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def domain(self) -> str:
        return DOMAIN

    @property
    def udp_address(self) -> str:
        return f"127.0.0.1:{self.udp_port}"

    @property
    def tcp_address(self) -> str:
        return f"127.0.0.1:{self.tcp_port}"

    @property
    def tls_address(self) -> str:
        return f"127.0.0.1:{self.tls_port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "kamailio.log"

    # ----- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if not self.udp_port:
            self.udp_port = free_port_pair()
            self.tcp_port = free_port_pair()
            if self.tls:
                self.tls_port = free_port_pair()
        config = self._render()
        rundir = self.workdir / "run"
        rundir.mkdir(exist_ok=True)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [KAMAILIO, "-DD", "-E", "-f", str(config), "-Y", str(rundir), "-m", "32", "-M", "8"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # signals to us never reach it, ours reach its group
            preexec_fn=_terminate_with_parent,
        )
        log.close()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        proc = self.process
        if proc is None:
            return
        self.process = None
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGCONT)
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)

    def restart(self, down_for_s: float = 0.0) -> None:
        """Stop, optionally stay down (closed ports), start again on the same ports.
        Registrations are lost (usrloc db_mode 0), like a real registrar restart."""
        self.stop()
        if down_for_s:
            time.sleep(down_for_s)
        self.start()

    def pause(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGCONT)

    @contextlib.contextmanager
    def unreachable(self) -> Iterator[None]:
        self.pause()
        try:
            yield
        finally:
            self.resume()

    # ----- readiness -------------------------------------------------------------------

    def wait_ready(self, timeout: float = 10.0) -> None:
        """Every listener must answer OPTIONS before tests use it (and before it may be
        stopped: SIGTERM during start-up can hang)."""
        deadline = time.monotonic() + timeout
        pending = {"udp", "tcp"} | ({"tls"} if self.tls else set())
        while pending:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"kamailio exited during start; see {self.log_path}")
            for transport in sorted(pending):
                if self._options_ok(transport):
                    pending.discard(transport)
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"kamailio not answering on {pending}; see {self.log_path}")
            if pending:
                time.sleep(0.05)

    def _options_ok(self, transport: str) -> bool:
        port = {"udp": self.udp_port, "tcp": self.tcp_port, "tls": self.tls_port}[transport]
        branch = "z9hG4bK" + uuid.uuid4().hex[:12]
        request = (
            f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/{transport.upper()} 127.0.0.1:9;rport;branch={branch}\r\n"
            "Max-Forwards: 70\r\n"
            f"From: <sip:probe@{DOMAIN}>;tag={uuid.uuid4().hex[:8]}\r\n"
            f"To: <sip:127.0.0.1:{port}>\r\n"
            f"Call-ID: {uuid.uuid4().hex}\r\n"
            "CSeq: 1 OPTIONS\r\n"
            "Content-Length: 0\r\n\r\n"
        ).encode()
        try:
            if transport == "udp":
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                    s.settimeout(0.3)
                    s.sendto(request, ("127.0.0.1", port))
                    return s.recv(4096).startswith(b"SIP/2.0 200")
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as raw:
                if transport == "tls":
                    import ssl

                    ctx = ssl.create_default_context()
                    ctx.check_hostname = False
                    ctx.verify_mode = ssl.CERT_NONE
                    with ctx.wrap_socket(raw) as s:
                        s.settimeout(0.5)
                        s.sendall(request)
                        return s.recv(4096).startswith(b"SIP/2.0 200")
                raw.settimeout(0.5)
                raw.sendall(request)
                return raw.recv(4096).startswith(b"SIP/2.0 200")
        except OSError:
            return False

    # ----- config ------------------------------------------------------------------------

    def _render(self) -> Path:
        users = "\n".join(
            f'\t$sht(users=>{user}) = "{password}";' for user, password in self.users.items()
        )
        defines = ""
        tls_cfg = self.workdir / "tls.cfg"
        if self.tls:
            defines = "#!define WITH_TLS"
            self._write_tls_material(tls_cfg)
        if self.assert_identity:
            defines += "\n#!define WITH_ASSERTED_IDENTITY"
        if self.feature_code_pbx:
            defines += "\n#!define WITH_FEATURE_CODE_PBX"
        text = _fill(
            TEMPLATE.read_text(),
            defines=defines,
            debug=self.debug,
            domain=DOMAIN,
            udp_port=self.udp_port,
            tcp_port=self.tcp_port,
            tls_port=self.tls_port or 0,
            module_path=MODULE_PATH,
            users=users,
            tls_cfg=tls_cfg,
            feature_code_pbx=self.feature_code_pbx or "127.0.0.1:9",
        )
        path = self.workdir / "kamailio.cfg"
        path.write_text(text)
        return path

    def _write_tls_material(self, tls_cfg: Path) -> None:
        """Self-signed certificate for 127.0.0.1 (made once per workdir with openssl)."""
        cert, key = self.workdir / "server.pem", self.workdir / "server.key"
        if not cert.exists():
            subprocess.run(
                [
                    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:sip.test",
                    "-keyout", str(key), "-out", str(cert),
                ],
                check=True,
                capture_output=True,
            )
        tls_cfg.write_text(
            "[server:default]\n"
            "method = TLSv1.2+\n"
            "verify_certificate = no\n"
            "require_certificate = no\n"
            f"private_key = {key}\n"
            f"certificate = {cert}\n"
            "[client:default]\n"
            "verify_certificate = no\n"
            "require_certificate = no\n"
        )

    @property
    def certificate(self) -> Path:
        return self.workdir / "server.pem"


def _fill(template: str, **values: object) -> str:
    """Replace ``${name}`` placeholders (Kamailio itself uses ``$`` everywhere, so
    string.Template cannot be used)."""
    for name, value in values.items():
        template = template.replace("${" + name + "}", str(value))
    if "${" in template:
        raise ValueError("unfilled placeholder in kamailio template")
    return template
