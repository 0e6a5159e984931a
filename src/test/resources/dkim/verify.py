"""Verifies every DKIM-Signature of the mail on stdin with dkimpy, looking keys up in the records given as
arguments (name=value) instead of DNS. Prints one line per signature: "<selector> pass" or "<selector> fail"."""
import sys

import dkim

records = dict(arg.split("=", 1) for arg in sys.argv[1:])


def txt(name, timeout=5):
    if isinstance(name, bytes):
        name = name.decode("ascii")
    value = records.get(name.rstrip("."))
    return value.encode("ascii") if value is not None else None


message = sys.stdin.buffer.read()
checker = dkim.DKIM(message)
signatures = [h for h in checker.headers if h[0].lower() == b"dkim-signature"]
if not signatures:
    print("unsigned")
for index, (_, value) in enumerate(signatures):
    tags = dict(
        t.strip().split(b"=", 1) for t in value.replace(b"\r\n", b"").split(b";") if b"=" in t
    )
    selector = tags.get(b"s", b"?").strip().decode("ascii")
    try:
        ok = checker.verify(idx=index, dnsfunc=txt)
    except dkim.DKIMException as e:
        print("error:", e, file=sys.stderr)
        ok = False
    print(selector, "pass" if ok else "fail")
