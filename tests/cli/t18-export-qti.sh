#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor export qti: the shipped bank as an IMS QTI 3.0 content package. Always: the ZIP and
# its manifest hold together (every item and stimulus listed, every reference resolves, an
# item per question with the interaction of its type, scores in the question's points). With
# ../shared/conformance/qti-xsd (skipped otherwise): every file validates offline against the
# QTI 3.0.1 schemas with xmllint --nonet.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

run "$PROCTOR" export qti --bank "$BANK" --out bank.zip
expect_rc 0 "export qti: writes the package"
n=$("$PROCTOR" list --bank "$BANK" | wc -l)
expect_grep "^Wrote $n items to bank.zip$" "$T/out" "export qti: an item for every question, every type included"
"$PROCTOR" list --bank "$BANK" | awk '{print $1, $2}' >list.txt
python3 - <<'PY' >"$T/py" 2>&1
import zipfile, xml.etree.ElementTree as ET
ASI = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
CP = "{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}"
z = zipfile.ZipFile("bank.zip")
assert z.testzip() is None
names = set(z.namelist())
man = ET.fromstring(z.read("imsmanifest.xml"))
res = {r.get("identifier"): r for r in man.iter(CP + "resource")}
listed = {f.get("href") for f in man.iter(CP + "file")}
assert listed == names - {"imsmanifest.xml"}, sorted(names ^ listed)[:5]
types = dict(l.split() for l in open("list.txt"))
want = {"choice": "qti-choice-interaction", "multi": "qti-choice-interaction",
        "truefalse": "qti-choice-interaction", "short": "qti-text-entry-interaction",
        "numeric": "qti-text-entry-interaction", "order": "qti-order-interaction",
        "match": "qti-match-interaction", "essay": "qti-extended-text-interaction",
        "cloze": "qti-text-entry-interaction"}
items = 0
for rid, r in res.items():
    if r.get("type") == "imsqti_stimulus_xmlv3p0":
        s = ET.fromstring(z.read(r.get("href")))
        assert s.tag == ASI + "qti-assessment-stimulus" and s.find(ASI + "qti-stimulus-body") is not None
        continue
    assert r.get("type") == "imsqti_item_xmlv3p0", r.get("type")
    items += 1
    it = ET.fromstring(z.read(r.get("href")))
    qid = rid[len("item-"):]
    assert it.tag == ASI + "qti-assessment-item", it.tag
    t = types[qid]
    assert it.find(".//" + ASI + want[t]) is not None, (qid, t)
    outs = {o.get("identifier"): o for o in it.iter(ASI + "qti-outcome-declaration")}
    assert "SCORE" in outs and "MAXSCORE" in outs, qid
    if t != "essay":
        assert it.find(ASI + "qti-response-processing") is not None, qid
    else:
        assert it.find(".//" + ASI + "qti-rubric-block[@view='scorer']") is not None, qid
    for ref in it.iter(ASI + "qti-assessment-stimulus-ref"):
        href = "items/" + ref.get("href")
        import posixpath
        assert posixpath.normpath(href) in names, href
        deps = [d.get("identifierref") for d in r.iter(CP + "dependency")]
        assert "stimulus-" + ref.get("identifier") in deps and "stimulus-" + ref.get("identifier") in res
assert items == len(types), (items, len(types))
# scores in points: the multi rule (+points/n, -points/m, between 0 and the points)
it = ET.fromstring(z.read("items/fax-recipient.xml"))
m = it.find(".//" + ASI + "qti-mapping")
assert [(e.get("map-key"), e.get("mapped-value")) for e in m] == [("baril", "1")], list(m)
for name in names:
    if name.startswith("items/"):
        it = ET.fromstring(z.read(name))
        d = it.find(ASI + "qti-response-declaration")
        if d is not None and d.get("cardinality") == "multiple" and d.get("base-type") == "identifier":
            m = d.find(ASI + "qti-mapping")
            vals = [float(e.get("mapped-value")) for e in m]
            pos = [v for v in vals if v > 0]
            neg = [v for v in vals if v < 0]
            maxs = float(it.find(ASI + "qti-outcome-declaration[@identifier='MAXSCORE']")[0][0].text)
            assert abs(sum(pos) - maxs) < 0.01 and (not neg or abs(sum(neg) + maxs) < 0.01), name
            assert m.get("lower-bound") == "0", name
print("fine")
PY
expect_grep "^fine$" "$T/py" "export qti: the package holds together (manifest, items, stimuli, scores)"
grep -v '^fine$' "$T/py" | head -n 8 | sed 's/^/#   /'

# a short answer's mapping compares the whole response: case as the question says, a
# wildcard pattern as the shortest response it takes ("*Dallaire" -> "Dallaire")
printf 'Notes\n\nDallaire led UNAMIR.\n' >notes.txt
"$PROCTOR" init own --doc notes.txt --no-require-source >/dev/null 2>&1 || fail "export qti: init"
cat >own/short.json <<'J'
{"questions": [
 {"id": "cased", "type": "short", "prompt": "Which mission?", "accept": ["UNAMIR"], "case_sensitive": true, "difficulty": 1, "level": "recall", "tags": ["own"]},
 {"id": "wild", "type": "short", "prompt": "Who led it?", "accept": ["*Dallaire", "Romeo *"], "reject": ["Booh-Booh"], "difficulty": 1, "level": "recall", "tags": ["own"]},
 {"id": "any", "type": "short", "prompt": "Say anything.", "accept": ["*"], "difficulty": 1, "level": "recall", "tags": ["own"]}
]}
J
run "$PROCTOR" export qti --bank own --out own.zip
expect_rc 0 "export qti: short answers of one's own"
python3 - <<'PY' >"$T/py" 2>&1
import zipfile, xml.etree.ElementTree as ET
ASI = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
z = zipfile.ZipFile("own.zip")
def entries(n):
    m = ET.fromstring(z.read("items/%s.xml" % n)).find(".//" + ASI + "qti-mapping")
    return [(e.get("map-key"), e.get("case-sensitive")) for e in m]
assert entries("cased") == [("UNAMIR", "true")], entries("cased")
assert entries("wild") == [("Dallaire", "false"), ("Romeo", "false")], entries("wild")
m = ET.fromstring(z.read("items/any.xml")).find(".//" + ASI + "qti-mapping")
assert m.get("default-value") == "1" and len(m) == 1, (m.get("default-value"), len(m))
assert ET.fromstring(z.read("items/wild.xml")).find(".//" + ASI + "qti-mapping").get("default-value") == "0"
c = ET.fromstring(z.read("items/wild.xml")).find(".//" + ASI + "qti-correct-response")
assert c[0].text == "Dallaire", c[0].text
print("fine")
PY
expect_grep "^fine$" "$T/py" "export qti: a short answer's case switch and wildcards in its mapping ('*' alone: every response)"
grep -v '^fine$' "$T/py" | head -n 5 | sed 's/^/#   /'

C=$(conformance_dir)
if [ -n "$C" ] && [ -d "$C/qti-xsd" ] && command -v xmllint >/dev/null 2>&1; then
    mkdir own-x && (cd own-x && python3 -c "import zipfile; zipfile.ZipFile('../own.zip').extractall('.')")
    run xmllint --nonet --noout --schema "$C/qti-xsd/imsqti_asiv3p0p1_v1p0.xsd" own-x/items/*.xml
    expect_rc 0 "export qti: the short answers of one's own validate"
    mkdir x && (cd x && python3 -c "import zipfile; zipfile.ZipFile('../bank.zip').extractall('.')")
    run xmllint --nonet --noout --schema "$C/qti-xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd" x/imsmanifest.xml
    expect_rc 0 "export qti: imsmanifest.xml validates against the QTI 3.0 content package schema"
    run xmllint --nonet --noout --schema "$C/qti-xsd/imsqti_asiv3p0p1_v1p0.xsd" x/items/*.xml x/stimuli/*.xml
    expect_rc 0 "export qti: every item and stimulus validates against the QTI 3.0.1 schema"
    grep -v ' validates$' "$T/err" | head -n 5 | sed 's/^/#   /'
else
    echo "skip - export qti: ../shared/conformance/qti-xsd or xmllint is not there"
fi

run "$PROCTOR" export qti --bank "$BANK" --out bank.zip
expect_rc 2 "export qti: never over an existing file"
run "$PROCTOR" export qti --bank "$BANK" --out bank.zip --force --doc withdrawal
expect_rc 0 "export qti --force --doc: one document's questions"
python3 -c "
import zipfile; n=[x for x in zipfile.ZipFile('bank.zip').namelist() if x.startswith('stimuli/')]
assert n and all(x.startswith('stimuli/withdrawal-') for x in n), n; print('fine')" >"$T/py" 2>&1
expect_grep "^fine$" "$T/py" "export qti --doc: only that document's passages"
run "$PROCTOR" export qti --bank "$BANK"
expect_rc 2 "export qti: --out is required"
