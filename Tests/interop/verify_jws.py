#!/usr/bin/env python3
"""Independent implementation of MotCua's result signatures, for the interoperability tests.

Uses only the standard library, `cryptography` and `joserfc` (none of the Swift code):

  verify_jws.py verify CA_PEM JWS_FILE
      Verifies a result JWS: alg ES256, x5c = [leaf, CA] whose CA is byte for byte CA_PEM, the leaf issued by
      that CA, document-signing usages, valid at sigT, kid = SHA-256 thumbprint of the leaf, and the ES256
      signature (checked by joserfc). Prints the payload and exits 0, or prints the reason to stderr and exits 1.

  verify_jws.py sign CA_PEM CA_KEY_PEM PAYLOAD_FILE [--foreign-ca]
      Issues a fresh P-256 leader certificate from the given CA (or, with --foreign-ca, from a new CA that has
      the same subject name but its own key) and prints a compact JWS over the payload bytes.
"""
import base64
import datetime
import hashlib
import json
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ObjectIdentifier
from joserfc import jws
from joserfc.jwk import ECKey
from joserfc.jws import JWSRegistry
from joserfc.registry import HeaderParameter

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
# joserfc refuses header parameters it does not know; sigT is ETSI JAdES's claimed signing time.
REGISTRY = JWSRegistry(
    header_registry={"sigT": HeaderParameter("Claimed signing time (ETSI TS 119 182-1)", "str", True)},
    algorithms=["ES256"],
)
# joserfc caps headers at 512 bytes by default (a guard against oversized tokens); an x5c chain of two P-256
# certificates is about 1.4 kB.
REGISTRY.max_header_length = 4096


class Refused(Exception):
    pass


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def verify(ca_pem_path, jws_path):
    ca = x509.load_pem_x509_certificate(open(ca_pem_path, "rb").read())
    token = open(jws_path).read().strip()
    parts = token.split(".")
    if len(parts) != 3:
        raise Refused("not a compact JWS")
    # Only the canonical base64url text of each part: otherwise a changed character in the unused low bits of
    # the last character would decode to the same bytes and go unnoticed.
    for part in parts:
        try:
            if b64url(b64url_decode(part)) != part:
                raise ValueError("non-canonical")
        except ValueError:
            raise Refused("a part is not canonical base64url")
    try:
        header = json.loads(b64url_decode(parts[0]))
    except ValueError as error:
        raise Refused(f"unreadable header: {error}")
    if header.get("alg") != "ES256":
        raise Refused(f"algorithm {header.get('alg')!r} refused")
    chain = header.get("x5c") or []
    if len(chain) != 2:
        raise Refused("x5c must be [leaf, CA]")
    try:
        leaf_der, ca_der = (base64.b64decode(c, validate=True) for c in chain)
        leaf = x509.load_der_x509_certificate(leaf_der)
    except ValueError as error:
        raise Refused(f"unreadable certificate: {error}")
    if ca_der != ca.public_bytes(serialization.Encoding.DER):
        raise Refused("chain does not end at the provincial CA")
    try:
        leaf.verify_directly_issued_by(ca)
    except Exception as error:  # InvalidSignature, ValueError, TypeError
        raise Refused(f"leaf not issued by the CA: {error!r}")
    if header.get("kid") != b64url(hashlib.sha256(leaf_der).digest()):
        raise Refused("kid does not name the leaf")
    signing_time = datetime.datetime.fromisoformat(header["sigT"].replace("Z", "+00:00"))
    if not leaf.not_valid_before_utc <= signing_time <= leaf.not_valid_after_utc:
        raise Refused("leaf not valid at the signing time")
    if not leaf.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature:
        raise Refused("leaf lacks digitalSignature")
    if DOCUMENT_SIGNING not in leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value:
        raise Refused("leaf lacks id-kp-documentSigning")
    key = ECKey.import_key(leaf.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    try:
        result = jws.deserialize_compact(token, key, registry=REGISTRY)
    except Exception as error:  # joserfc raises BadSignatureError and decoding errors
        raise Refused(f"signature refused by joserfc: {error!r}")
    return result.payload


def new_ca(subject):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1)).not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def sign(ca_pem_path, ca_key_path, payload_path, foreign):
    ca = x509.load_pem_x509_certificate(open(ca_pem_path, "rb").read())
    ca_key = serialization.load_pem_private_key(open(ca_key_path, "rb").read(), password=None)
    if foreign:
        ca, ca_key = new_ca(ca.subject)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND xã Thử Nghiệm (Python)"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Trần Thị Bình"),
    ])
    leaf = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(ca.subject).public_key(leaf_key.public_key())
        .serial_number(int.from_bytes(b"\x42" + os.urandom(15), "big"))
        .not_valid_before(now - datetime.timedelta(minutes=1)).not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_der = leaf.public_bytes(serialization.Encoding.DER)
    header = {
        "alg": "ES256",
        "kid": b64url(hashlib.sha256(leaf_der).digest()),
        "sigT": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "typ": "motcua-result+jws",
        "x5c": [base64.b64encode(leaf_der).decode(),
                base64.b64encode(ca.public_bytes(serialization.Encoding.DER)).decode()],
    }
    key = ECKey.import_key(leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    token = jws.serialize_compact(header, open(payload_path, "rb").read(), key, registry=REGISTRY)
    print(token)


def main(argv):
    if len(argv) >= 3 and argv[1] == "verify":
        try:
            sys.stdout.buffer.write(verify(argv[2], argv[3]))
        except Refused as refusal:
            print(f"refused: {refusal}", file=sys.stderr)
            return 1
        return 0
    if len(argv) >= 5 and argv[1] == "sign":
        sign(argv[2], argv[3], argv[4], "--foreign-ca" in argv[5:])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
