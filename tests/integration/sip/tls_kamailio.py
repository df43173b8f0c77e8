"""A throwaway Kamailio with a TLS listener, for the TLS signalling tests.

A registrar and record-routing proxy, no authentication, location kept in memory. It
listens on TLS only (127.0.0.1, a free port), with a certificate signed by a per-session
test CA (``tests/support/tls_pki.py``), and offers TLS 1.2 and 1.3.

Deliberately *not* set: ``alias=127.0.0.1``. Our clients sit behind relays on 127.0.0.1
too, so their contacts are 127.0.0.1:<ephemeral port>; with that alias Kamailio would take
every such contact for itself and never route a call to them.

There is no NAT helper either (no ``fix_nated_register``, no ``set_contact_alias``): the
client must register a Contact that reaches it over its own TLS connection, which is the
point of the test.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

KAMAILIO = shutil.which("kamailio") or "/usr/sbin/kamailio"
MODULE_DIRS = (
    Path("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
    Path("/usr/lib/aarch64-linux-gnu/kamailio/modules"),
    Path("/usr/lib/kamailio/modules"),
    Path("/usr/local/lib64/kamailio/modules"),
)


def module_dir() -> Path | None:
    for folder in MODULE_DIRS:
        if (folder / "tls.so").exists():
            return folder
    return None


def kamailio_tls_available() -> bool:
    return Path(KAMAILIO).exists() and module_dir() is not None


def free_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


_TLS_CFG = """\
[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
certificate = {cert}
private_key = {key}

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
"""

_KAMAILIO_CFG = """\
#!KAMAILIO
debug=2
log_stderror=yes
log_prefix=""
memdbg=5
memlog=5
children=2
tcp_children=2
auto_aliases=no
enable_tls=yes
disable_tcp=no
tcp_connection_lifetime=3605
tcp_accept_no_cl=no
exit_timeout=3
dns=no
rev_dns=no
use_dns_cache=no
listen=tls:127.0.0.1:{tls_port}

mpath="{mpath}"
loadmodule "tls.so"
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"

modparam("tls", "config", "{tls_cfg}")
modparam("usrloc", "db_mode", 0)
modparam("registrar", "max_expires", 3600)
modparam("tm", "fr_timer", 5000)
modparam("tm", "fr_inv_timer", 20000)

request_route {{
    if (!mf_process_maxfwd_header("10")) {{
        sl_send_reply("483", "Too Many Hops");
        exit;
    }}
    if (!sanity_check("17895", "7")) {{
        exit;
    }}
    xlog("L_INFO", "request $rm from $proto:$si:$sp\\n");
    if (has_totag()) {{
        if (loose_route()) {{
            t_relay();
            exit;
        }}
        if (is_method("ACK")) {{
            if (t_check_trans()) {{
                t_relay();
            }}
            exit;
        }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{
        if (t_check_trans()) {{
            t_relay();
        }}
        exit;
    }}
    if (is_method("ACK")) {{
        exit;
    }}
    t_check_trans();
    remove_hf("Route");
    if (is_method("REGISTER")) {{
        if (!save("location")) {{
            sl_reply_error();
        }}
        exit;
    }}
    if (is_method("OPTIONS") && $rU == $null) {{
        sl_send_reply("200", "Keepalive");
        exit;
    }}
    if (is_method("INVITE|SUBSCRIBE|REFER")) {{
        record_route();
    }}
    if (!lookup("location")) {{
        sl_send_reply("404", "Not Found");
        exit;
    }}
    xlog("L_INFO", "relaying $rm to $ru\\n");
    if (!t_relay()) {{
        sl_reply_error();
    }}
}}
"""


@dataclass
class TlsKamailio:
    tls_port: int
    workdir: Path
    process: subprocess.Popen[bytes]

    @property
    def domain(self) -> str:
        return "127.0.0.1"

    def log_text(self) -> str:
        return (self.workdir / "kamailio.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_tls_kamailio(
    workdir: Path, cert_file: Path, key_file: Path, timeout_s: float = 20.0, tls_port: int | None = None
) -> TlsKamailio:
    """Start Kamailio in the foreground (-DD) logging to a file (-E); wait until its TLS
    listener completes a handshake. ``tls_port`` (default: a free one) lets a test restart
    the server where the clients expect it."""
    mpath = module_dir()
    if mpath is None:
        raise RuntimeError("Kamailio TLS module (kamailio-tls-modules) is not installed")
    workdir.mkdir(parents=True, exist_ok=True)
    tls_port = tls_port or free_tcp_port()
    tls_cfg = workdir / "tls.cfg"
    tls_cfg.write_text(_TLS_CFG.format(cert=cert_file, key=key_file))
    cfg = workdir / "kamailio.cfg"
    cfg.write_text(_KAMAILIO_CFG.format(tls_port=tls_port, mpath=mpath, tls_cfg=tls_cfg))
    runtime_dir = workdir / "run"
    runtime_dir.mkdir(exist_ok=True)
    log = (workdir / "kamailio.log").open("wb")
    process = subprocess.Popen(
        [
            KAMAILIO, "-f", str(cfg), "-DD", "-E",
            "-Y", str(runtime_dir), "-P", str(runtime_dir / "kamailio.pid"),
            "-m", "64", "-M", "8",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    log.close()
    server = TlsKamailio(tls_port=tls_port, workdir=workdir, process=process)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kamailio exited with {process.returncode}:\n{server.log_text()[-3000:]}")
        if _tls_listener_answers(tls_port):
            return server
        time.sleep(0.1)
    server.stop()
    raise TimeoutError(f"kamailio TLS listener did not answer:\n{server.log_text()[-3000:]}")


def _tls_listener_answers(port: int) -> bool:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=1.0) as raw,
            context.wrap_socket(raw) as tls,
        ):
            return tls.version() is not None
    except OSError:
        return False
