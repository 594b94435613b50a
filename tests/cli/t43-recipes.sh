#!/bin/sh
# SPDX-License-Identifier: ISC
# The recipes of docs/FORMAT.md section 6, copied out of the document and run on a real
# result: OpenSSL (base64, printf, openssl pkeyutl -rawin) and python3 (cryptography).
. "$(dirname "$0")/lib.sh"
TOOL="$BUILDDIR/tests/tools/result-tool"
cd "$T" || exit 1
"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase --out k1 >/dev/null
"$PROCTOR" keygen --student s2 --name "Bo" --no-passphrase --out k2 >/dev/null
cat k1/student.pub k2/student.pub >roster
"$TOOL" make "$FIX/bank" k1/student.key result mixed || fail "result-tool make"

# recipe NAME: the fenced block after "<!-- recipe:NAME -->" in docs/FORMAT.md
recipe() {
    sed -n "/^<!-- recipe:$1 -->\$/,/^\`\`\`\$/p" "$SRC/docs/FORMAT.md" | sed '1,2d;$d'
}
recipe openssl >recipe.sh
recipe python >check.py
if [ -s recipe.sh ] && grep -q 'openssl pkeyutl' recipe.sh; then ok "openssl recipe found"; else
    fail "openssl recipe found"; fi

# a changed payload (re-encoded, old signature), and a result signed by s2 naming s1's key
"$PROCTOR" show-result --payload result >want.json
sed 's/"lee"\]/"smith"]/' want.json >p2
sed "s|\"payload\":\"[^\"]*\"|\"payload\":\"$(base64 -w0 p2)\"|" result >tampered
"$TOOL" resign k2/student.key bykey2 <want.json
sed "s/\"keyid\":\"[0-9a-f]*\"/\"keyid\":\"$(cut -d' ' -f2 k1/student.pub)\"/" bykey2 >wrongkey

if ! command -v openssl >/dev/null 2>&1; then
    echo "skip - openssl recipe (no openssl)"
else
    RESULT=result ROSTER=roster run sh -e recipe.sh
    expect_rc 0 "openssl recipe verifies a real result"
    expect_grep "^Signature Verified Successfully$" "$T/out" "openssl says so"
    expect_grep "^s1$" "$T/out" "recipe names the signer"
    expect_file_eq payload.json want.json "recipe decodes the exact payload bytes"
    RESULT=tampered ROSTER=roster run sh -e recipe.sh
    if [ "$rc" -ne 0 ]; then ok "openssl recipe rejects a tampered result"; else
        fail "openssl recipe rejects a tampered result"; fi
    RESULT=wrongkey ROSTER=roster run sh -e recipe.sh
    if [ "$rc" -ne 0 ]; then ok "openssl recipe rejects the wrong key"; else
        fail "openssl recipe rejects the wrong key"; fi
fi

if ! python3 -c 'import cryptography' 2>/dev/null; then
    echo "skip - python3 recipe (no python3 cryptography package)"
else
    run python3 check.py result roster
    expect_rc 0 "python3 recipe verifies a real result"
    expect_grep "^signature OK: student s1 \(Ann Lee\), claimed score 4000/9000 thousandths$" \
        "$T/out" "python3 recipe reports signer and score"
    run python3 check.py tampered roster
    if [ "$rc" -ne 0 ]; then ok "python3 recipe rejects a tampered result"; else
        fail "python3 recipe rejects a tampered result"; fi
    run python3 check.py wrongkey roster
    if [ "$rc" -ne 0 ]; then ok "python3 recipe rejects the wrong key"; else
        fail "python3 recipe rejects the wrong key"; fi
    "$TOOL" resign k1/student.key dupkey <<'J'
{"format":"proctor-result","score":1000,"score":0}
J
    run python3 check.py dupkey roster
    if [ "$rc" -ne 0 ] && grep -q "duplicate key" "$T/err"; then
        ok "python3 recipe refuses duplicate keys"; else fail "python3 recipe refuses duplicate keys"; fi
fi
