#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""genbank.py - writes a synthetic question bank for the benchmarks.

usage: genbank.py [--questions N] [--sentences K] [--per-file M] [--seed S] OUTDIR

OUTDIR gets sources/manifest.json, one source document (sources/synthetic.txt) and question
files q-000.json, q-001.json, ... of at most M questions each. The N questions cycle through
all eight types (docs/QUESTIONS.md). The document has K sentences (default: N), each starting
with a zero-padded serial number, so each quote occurs exactly once; question i cites sentence
i mod K, so by default every question has a passage of its own and the document grows with the
bank (about 110 bytes a question). The document's lines are wrapped, so quotes that cross a
line break exercise whitespace folding.
The output is a valid bank: `proctor lint --bank OUTDIR` reports no problems. The same
arguments always give the same bytes.
"""
import argparse
import json
import os
import random
import sys
import textwrap

DOC = "synthetic"
TYPES = ["choice", "multi", "truefalse", "short", "numeric", "order", "match", "essay"]
LEVELS = ["recall", "understanding", "analysis"]
TAGS = ["people", "places", "dates", "numbers", "organisations", "decisions", "causes",
        "consequences", "terms"]
NAMES = ["Ortiz", "Lee", "Park", "Okafor", "Haddad", "Novak", "Silva", "Mwangi", "Tanaka",
         "Dubois", "Kowalski", "Nakamura", "Rossi", "Jensen", "Abebe", "Moreau"]
PLACES = ["Kigali", "Butare", "Gisenyi", "Ruhengeri", "Kibuye", "Cyangugu", "Byumba",
          "Kibungo", "Gitarama", "Nyanza"]
SENTENCES_PER_PARAGRAPH = 8


def sentence(i, rnd):
    """The sentence question i cites, with the facts its question asks about."""
    who = NAMES[i % len(NAMES)]
    place = PLACES[(i // len(NAMES)) % len(PLACES)]
    count = 100 + (i * 37) % 9000
    text = ("Entry %07d records that delegate %s reported %d units delivered to %s "
            "before the council voted." % (i, who, count, place))
    return text, who, place, count, i


def question(i, rnd, quote, who, place, count, entry):
    """Question i, of type TYPES[i mod 8], about the sentence quote and its facts."""
    t = TYPES[i % len(TYPES)]
    q = {
        "id": "q-%07d" % i,
        "type": t,
        "difficulty": 1 + i % 3,
        "level": LEVELS[i % len(LEVELS)],
        "tags": [TAGS[i % len(TAGS)]],
        "source": {"doc": DOC, "quote": quote},
        "explain": "Entry %d of the register names %s, %d units and %s." % (entry, who,
                                                                              count, place),
    }
    others = [n for n in NAMES if n != who]
    rnd.shuffle(others)
    if t == "choice":
        q["prompt"] = "According to entry %d, which delegate reported the delivery?" % entry
        q["options"] = [{"id": "opt-%d" % k, "text": n} for k, n in
                        enumerate([who] + others[:3])]
        q["options"][0]["correct"] = True
        q["shuffle"] = True
    elif t == "multi":
        q["prompt"] = "Which of these does entry %d mention? Choose all that apply." % entry
        q["options"] = [
            {"id": "who", "text": "delegate " + who, "correct": True},
            {"id": "where", "text": place, "correct": True},
            {"id": "other", "text": "delegate " + others[0]},
            {"id": "never", "text": "a second vote"},
        ]
    elif t == "truefalse":
        truth = i % 2 == 0
        shown = place if truth else PLACES[(PLACES.index(place) + 1) % len(PLACES)]
        q["prompt"] = "Entry %d says the units were delivered to %s." % (entry, shown)
        q["answer"] = truth
    elif t == "short":
        q["prompt"] = "Which delegate made the report recorded in entry %d?" % entry
        q["accept"] = [who, "delegate " + who, "*" + who]
    elif t == "numeric":
        q["prompt"] = "How many units does entry %d say were delivered?" % entry
        if i % 16 == 4:
            q["range"] = [count - 10, count + 10]
        else:
            q["answer"] = count
            q["tolerance"] = 0
    elif t == "order":
        q["prompt"] = "Put the events of entry %d in order." % entry
        q["items"] = [
            {"id": "report", "text": "%s reports" % who},
            {"id": "deliver", "text": "units reach %s" % place},
            {"id": "vote", "text": "the council votes"},
        ]
    elif t == "match":
        q["prompt"] = "Match each part of entry %d to its detail." % entry
        q["pairs"] = [
            {"left": "delegate", "right": who},
            {"left": "place", "right": place},
            {"left": "units", "right": str(count)},
        ]
        q["distractors"] = [others[0]]
    else:
        q["prompt"] = "Explain in your own words what entry %d records and why it matters." % entry
        q["rubric"] = "Full marks: names %s, %d units and %s." % (who, count, place)
        q["min_words"] = 20
    if i % 10 == 3 and t != "essay":
        q["points"] = 2
    return q


def main():
    ap = argparse.ArgumentParser(description="write a synthetic question bank")
    ap.add_argument("--questions", type=int, default=100000)
    ap.add_argument("--sentences", type=int, default=0,
                    help="distinct sentences in the document (default: one per question)")
    ap.add_argument("--per-file", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("outdir")
    a = ap.parse_args()
    if a.questions < 1 or a.per_file < 1 or a.sentences < 0:
        ap.error("--questions and --per-file must be positive")
    nsent = min(a.sentences or a.questions, a.questions)
    rnd = random.Random(a.seed)
    src = os.path.join(a.outdir, "sources")
    os.makedirs(src, exist_ok=True)

    paragraphs, facts = [], []
    for start in range(0, nsent, SENTENCES_PER_PARAGRAPH):
        sents = []
        for i in range(start, min(start + SENTENCES_PER_PARAGRAPH, nsent)):
            facts.append(sentence(i, rnd))
            sents.append(facts[-1][0])
        paragraphs.append("\n".join(textwrap.wrap(" ".join(sents), width=72)))
    questions = [question(i, rnd, *facts[i % nsent]) for i in range(a.questions)]
    with open(os.path.join(src, "synthetic.txt"), "w", encoding="utf-8") as f:
        f.write("SYNTHETIC REGISTER OF DELIVERIES\n\n")
        f.write("\n\n".join(paragraphs))
        f.write("\n")
    manifest = {"documents": [{
        "id": DOC, "file": "synthetic.txt",
        "title": "Synthetic register of deliveries (%d entries)" % nsent,
        "date": "2024-01-01", "origin": "bench/genbank.py",
        "citation": "Synthetic register of deliveries, generated for benchmarks.",
    }]}
    with open(os.path.join(src, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    for k, start in enumerate(range(0, len(questions), a.per_file)):
        with open(os.path.join(a.outdir, "q-%03d.json" % k), "w", encoding="utf-8") as f:
            f.write('{ "questions": [\n')
            chunk = questions[start:start + a.per_file]
            f.write(",\n".join(json.dumps(q, ensure_ascii=False) for q in chunk))
            f.write("\n] }\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
