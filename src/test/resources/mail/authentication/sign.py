"""Writes the DKIM fixtures of this directory: mails signed by dkimpy (an implementation independent of ours), some
altered after signing, and keys.txt, the key records to publish (name=value, one a line). New keys every run: run it
again only to change the fixtures, and commit the mails and keys.txt together. Needs python3-dkim (Debian):
python3 sign.py"""
import base64
import hashlib
import time

import dkim
import nacl.encoding
import nacl.signing
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

HERE = __file__.rsplit("/", 1)[0]


def rsa_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, "v=DKIM1; k=rsa; p=" + base64.b64encode(public).decode()


def ed25519_key():
    key = nacl.signing.SigningKey.generate()
    private = key.encode(encoder=nacl.encoding.Base64Encoder)
    public = key.verify_key.encode(encoder=nacl.encoding.Base64Encoder).decode()
    return private, "v=DKIM1; k=ed25519; p=" + public


MAIL = (
    "From: =?UTF-8?Q?Ann_Sign=C3=A9e?= <ann@signed.test>\r\n"
    "To: desk@mycompany.example\r\n"
    "Subject: =?UTF-8?Q?Commande_n=C2=B0_42_=E2=80=93_d=C3=A9lai?=\r\n"
    "Date: Sat, 05 Dec 2026 10:00:00 +0000\r\n"
    "Message-ID: <{id}@signed.test>\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/mixed; boundary="b1"\r\n'
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Bonjour,  \r\n"
    "\r\n"
    "When\tcan the order    be delivered? " + "A long line without a break. " * 40 + "\r\n"
    "\r\n"
    "--b1\r\n"
    'Content-Type: text/csv; name="order.csv"\r\n'
    'Content-Disposition: attachment; filename="order.csv"\r\n'
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    + base64.encodebytes(("item,quantity\r\n" + "chair,50\r\n" * 30).encode()).decode().replace("\n", "\r\n")
    + "--b1--\r\n"
    "\r\n"
    "\r\n"
)

HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type"]


def mail(case):
    return MAIL.replace("{id}", case).encode("utf-8")


def sign(message, selector, key, algorithm=b"rsa-sha256", canonicalize=(b"relaxed", b"relaxed"), length=False):
    signature = dkim.sign(
        message,
        selector,
        b"signed.test",
        key,
        signature_algorithm=algorithm,
        canonicalize=canonicalize,
        include_headers=HEADERS,
        length=length,
    )
    return signature + message


def sign_expiring(message, selector, key, seconds):
    """dkimpy signs no x= tag: its signing step, with one added."""
    signer = dkim.DKIM(message)
    policy = dkim.CanonicalizationPolicy.from_c_value(b"relaxed/relaxed")
    body = policy.canonicalize_body(signer.body)
    now = int(time.time())
    fields = [
        (b"v", b"1"),
        (b"a", b"rsa-sha256"),
        (b"c", b"relaxed/relaxed"),
        (b"d", b"signed.test"),
        (b"s", selector),
        (b"t", str(now).encode()),
        (b"x", str(now + seconds).encode()),
        (b"h", b":".join(HEADERS)),
        (b"bh", base64.b64encode(hashlib.sha256(body).digest())),
        (b"b", b"0" * 60),
    ]
    signer.signature_algorithm = b"rsa-sha256"
    signer.hasher = dkim.HASH_ALGORITHMS[b"rsa-sha256"]
    header = signer.gen_header(fields, tuple(HEADERS), policy, b"DKIM-Signature", dkim.parse_pem_private_key(key))
    return b"DKIM-Signature: " + header + message


def write(case, data):
    with open(f"{HERE}/{case}.eml", "wb") as out:
        out.write(data)


main_private, main_record = rsa_key()
ed_private, ed_record = ed25519_key()
other_private, _ = rsa_key()

write("rsa-relaxed", sign(mail("rsa-relaxed"), b"rsa2048", main_private))
write("rsa-simple", sign(mail("rsa-simple"), b"rsa2048", main_private, canonicalize=(b"simple", b"simple")))
write("ed25519", sign(mail("ed25519"), b"ed", ed_private, algorithm=b"ed25519-sha256"))
write(
    "length-then-footer",
    sign(mail("length-then-footer"), b"rsa2048", main_private, length=True) + b"-- \r\nAdded by a list\r\n",
)
write("lf-line-ends", sign(mail("lf-line-ends"), b"rsa2048", main_private).replace(b"\r\n", b"\n"))
write(
    "body-altered",
    sign(mail("body-altered"), b"rsa2048", main_private).replace(b"be delivered?", b"be paid?", 1),
)
write(
    "header-altered",
    sign(mail("header-altered"), b"rsa2048", main_private).replace(
        b"Subject: =?UTF-8?Q?Commande", b"Subject: =?UTF-8?Q?Facture", 1
    ),
)
write("wrong-key", sign(mail("wrong-key"), b"rsa2048", other_private))
write("expired", sign_expiring(mail("expired"), b"rsa2048", main_private, 60))

with open(f"{HERE}/keys.txt", "w") as out:
    out.write(f"rsa2048._domainkey.signed.test={main_record}\n")
    out.write(f"ed._domainkey.signed.test={ed_record}\n")
