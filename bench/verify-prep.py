#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""verify-prep.py - turns signed result files into records for bench/bare-verify.c.

usage: verify-prep.py ROSTER LIST OUT

LIST names one result file a line (the same list `proctor verify --files-from` reads). For
each file, OUT gets the signer's 32-byte public key (looked up by key id in ROSTER), the
64-byte signature, the length of the signed message (4 bytes, little-endian) and the message:
DSSE's pre-authentication encoding of the payload, as docs/FORMAT.md describes.
"""
import base64
import json
import struct
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: verify-prep.py ROSTER LIST OUT")
    keys = {}
    with open(sys.argv[1]) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[0] == "proctor-pk1":
                keys[parts[1]] = base64.b64decode(parts[2])
    with open(sys.argv[2]) as lst, open(sys.argv[3], "wb") as out:
        for name in lst:
            name = name.rstrip("\n")
            if not name:
                continue
            with open(name, "rb") as f:
                env = json.load(f)
            ptype = env["payloadType"].encode()
            body = base64.b64decode(env["payload"])
            sig = env["signatures"][0]
            pae = b"DSSEv1 %d %s %d %s" % (len(ptype), ptype, len(body), body)
            out.write(keys[sig["keyid"]])
            out.write(base64.b64decode(sig["sig"]))
            out.write(struct.pack("<I", len(pae)))
            out.write(pae)


if __name__ == "__main__":
    main()
