#!/usr/bin/env python3
"""The benchmark's Python peers of `nergraph build` (run by scripts/bench/run.sh).

    peers.py --system pyahocorasick|spacy|flashtext -g GAZ [-g GAZ…] CORPUS [CORPUS…]

Each one does the same job as nergraph, the way a competent Python programmer would:
1. read the gazetteer TSV files (nergraph's format: every `name` and `aliases` entry maps to
   the row's `id`; a name claimed twice goes to the entity whose canonical name it is, else to
   the first loaded, as in gazetteers/README.md);
2. read every corpus file (directories recursively, sorted), split it into sentences
   (a regex splitter on blank lines and sentence-final punctuation for pyahocorasick and
   flashtext; spaCy's rule-based `sentencizer` for spaCy);
3. find leftmost-longest, whole-word matches of the names, case-sensitive (as written);
4. count co-occurrences of distinct entities per sentence and build a weighted networkx Graph
   (node weight: mentions; edge weight: sentences in which both occur);
5. write the graph as node-link JSON to a temporary file and print counts.

pyahocorasick: one automaton over all names, `iter()` over each document (all overlapping
matches), kept when on word boundaries, then leftmost-longest by a greedy pass.
spaCy: `spacy.blank("en")` + sentencizer, a PhraseMatcher (token-based, so whole words) with
every name tokenised by the same tokenizer, `spacy.util.filter_spans` for leftmost-longest.
flashtext: KeywordProcessor(case_sensitive=True) (its default is case-insensitive: set for
parity), `extract_keywords(span_info=True)`, which is longest-match and whole-word already.
"""
import argparse
import bisect
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path


def load_gazetteer(paths):
    files = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.tsv")) if p.is_dir() else [p])
    canonical, alias = {}, {}
    for f in files:
        header = None
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if header is None:
                    header = {c: i for i, c in enumerate(cols)}
                    continue
                eid = cols[header["id"]]
                name = cols[header["name"]]
                if name:
                    canonical.setdefault(name, eid)
                if "aliases" in header and cols[header["aliases"]]:
                    for a in cols[header["aliases"]].split("|"):
                        if a:
                            alias.setdefault(a, eid)
    names = alias
    names.update(canonical)  # a canonical name wins over an alias
    return names


def corpus_files(paths):
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f
        else:
            yield p


SENT_END = re.compile(r"\n\s*\n|(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def sentence_starts(text):
    """Start offsets of the sentences of a text (regex splitter)."""
    return [0] + [m.end() for m in SENT_END.finditer(text)]


def is_word(c):
    return c.isalnum() or c == "_"


class Cooc:
    def __init__(self):
        self.nodes = Counter()
        self.edges = Counter()
        self.mentions = 0

    def sentence(self, ents):
        """ents: the entity ids mentioned in one sentence."""
        self.mentions += len(ents)
        self.nodes.update(ents)
        distinct = sorted(set(ents))
        if len(distinct) > 1:
            self.edges.update(combinations(distinct, 2))

    def by_sentence(self, starts, matches):
        """matches: (start, eid) in order of start; starts: sentence start offsets."""
        cur, ents = None, []
        for s, eid in matches:
            k = bisect.bisect_right(starts, s) - 1
            if k != cur:
                if ents:
                    self.sentence(ents)
                cur, ents = k, []
            ents.append(eid)
        if ents:
            self.sentence(ents)

    def graph(self):
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from((n, {"weight": w}) for n, w in self.nodes.items())
        g.add_weighted_edges_from((u, v, w) for (u, v), w in self.edges.items())
        return g


def run_pyahocorasick(names, files, cooc):
    import ahocorasick

    t = time.perf_counter()
    A = ahocorasick.Automaton()
    for name, eid in names.items():
        A.add_word(name, (len(name), eid))
    A.make_automaton()
    build = time.perf_counter() - t
    for f in files:
        text = f.read_text("utf-8", "replace")
        n = len(text)
        cands = []
        for end, (ln, eid) in A.iter(text):
            start = end - ln + 1
            if (start == 0 or not is_word(text[start - 1])) and (
                end + 1 == n or not is_word(text[end + 1])
            ):
                cands.append((start, -ln, eid))
        cands.sort()
        chosen, last_end = [], 0
        for start, negl, eid in cands:
            if start >= last_end:
                chosen.append((start, eid))
                last_end = start - negl
        cooc.by_sentence(sentence_starts(text), chosen)
    return build


def run_flashtext(names, files, cooc):
    from flashtext import KeywordProcessor

    t = time.perf_counter()
    kp = KeywordProcessor(case_sensitive=True)
    for name, eid in names.items():
        kp.add_keyword(name, eid)
    build = time.perf_counter() - t
    for f in files:
        text = f.read_text("utf-8", "replace")
        found = kp.extract_keywords(text, span_info=True)
        cooc.by_sentence(sentence_starts(text), [(s, eid) for eid, s, _ in found])
    return build


def run_spacy(names, files, cooc):
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.util import filter_spans

    t = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab)
    by_entity = {}
    keys = list(names)
    for name, doc in zip(keys, nlp.tokenizer.pipe(keys, batch_size=2000)):
        by_entity.setdefault(names[name], []).append(doc)
    for eid, docs in by_entity.items():
        matcher.add(eid, docs)
    build = time.perf_counter() - t
    texts = (f.read_text("utf-8", "replace") for f in files)
    for doc in nlp.pipe(texts, batch_size=16):
        spans = filter_spans(matcher(doc, as_spans=True))
        cur, ents = None, []
        for sp in sorted(spans, key=lambda s: s.start):
            k = sp.sent.start
            if k != cur:
                if ents:
                    cooc.sentence(ents)
                cur, ents = k, []
            ents.append(sp.label_)
        if ents:
            cooc.sentence(ents)
    return build


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--system", required=True, choices=["pyahocorasick", "spacy", "flashtext"])
    ap.add_argument("-g", "--gazetteer", action="append", required=True)
    ap.add_argument("corpus", nargs="+")
    a = ap.parse_args()
    t0 = time.perf_counter()
    names = load_gazetteer(a.gazetteer)
    files = list(corpus_files(a.corpus))
    cooc = Cooc()
    run = {"pyahocorasick": run_pyahocorasick, "spacy": run_spacy, "flashtext": run_flashtext}
    build = run[a.system](names, files, cooc)
    import networkx as nx

    g = cooc.graph()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(nx.node_link_data(g, edges="links"), out)
    os.unlink(out.name)
    print(
        json.dumps(
            {
                "system": a.system,
                "names": len(names),
                "files": len(files),
                "mentions": cooc.mentions,
                "nodes": g.number_of_nodes(),
                "edges": g.number_of_edges(),
                "build_seconds": round(build, 3),
                "seconds": round(time.perf_counter() - t0, 3),
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
