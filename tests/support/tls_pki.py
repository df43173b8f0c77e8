"""Throwaway certificates for TLS tests: a private CA, a server certificate it signed, and a
self-signed certificate that nobody trusts.

Made with the ``cryptography`` package (a dependency of SecretStorage on Linux); a test that
needs certificates skips where it is missing rather than shelling out to an ``openssl`` binary
that Windows machines usually lack. Keys are EC P-256: fast to make, so every test session gets
fresh ones and no private key is ever committed.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SERVER_NAME = "sip.example.org"


@dataclass(frozen=True)
class PkiFiles:
    ca_file: Path
    """PEM of the CA that the client is told to trust."""
    server_cert_file: Path
    server_key_file: Path
    """Certificate for ``SERVER_NAME`` (and 127.0.0.1), signed by the CA."""
    self_signed_cert_file: Path
    self_signed_key_file: Path
    """Certificate for ``SERVER_NAME`` that signs itself: a client trusting the CA must refuse it."""
    client_cert_file: Path
    client_key_file: Path
    """A client (agent workstation) certificate signed by the CA, for mutual TLS."""


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )


def _server_certificate(
    subject_key: ec.EllipticCurvePrivateKey,
    issuer_name: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    now: _dt.datetime,
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(_name(SERVER_NAME))
        .issuer_name(issuer_name)
        .public_key(subject_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(SERVER_NAME), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        # Python 3.13+ verifies in strict X.509 mode, which wants the issuer's key id.
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )


def _client_certificate(
    subject_key: ec.EllipticCurvePrivateKey,
    issuer_name: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    now: _dt.datetime,
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(_name("agent-workstation-1"))
        .issuer_name(issuer_name)
        .public_key(subject_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )


def make_test_pki(directory: Path) -> PkiFiles:
    directory.mkdir(parents=True, exist_ok=True)
    now = _dt.datetime.now(_dt.UTC)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Softphone Test CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = _server_certificate(server_key, ca_name, ca_key, now)

    rogue_key = ec.generate_private_key(ec.SECP256R1())
    rogue_cert = _server_certificate(rogue_key, _name(SERVER_NAME), rogue_key, now)

    client_key = ec.generate_private_key(ec.SECP256R1())
    client_cert = _client_certificate(client_key, ca_name, ca_key, now)

    pki = PkiFiles(
        ca_file=directory / "ca.pem",
        server_cert_file=directory / "server.pem",
        server_key_file=directory / "server.key",
        self_signed_cert_file=directory / "self-signed.pem",
        self_signed_key_file=directory / "self-signed.key",
        client_cert_file=directory / "client.pem",
        client_key_file=directory / "client.key",
    )
    pki.ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    pki.server_cert_file.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    _write_key(server_key, pki.server_key_file)
    pki.self_signed_cert_file.write_bytes(rogue_cert.public_bytes(serialization.Encoding.PEM))
    _write_key(rogue_key, pki.self_signed_key_file)
    pki.client_cert_file.write_bytes(client_cert.public_bytes(serialization.Encoding.PEM))
    _write_key(client_key, pki.client_key_file)
    return pki
