"""Benchmark: vietkg's people extraction beside underthesea's general NER, and extraction speed.

    python bench/people_and_speed.py [FOLDER] [--repeat N]

FOLDER (default ``../shared/eval/dev``) holds articles with ``*.gold.json`` beside them. Prints, on
the same articles, people precision/recall/F1 of vietkg (the names in its facts) and of
underthesea's NER (PER spans of the same cleaned body text; ``pip install underthesea``), then the
extraction speed of each in articles per second in one process (reading + extraction; the store
is excluded), and their ratio. Both read the same cleaned text, so the comparison is about
recognising people, not about boilerplate.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from vietkg.ingest.model import IngestError, RawArticle
from vietkg.ingest.pipeline import extract, make_doc
from vietkg.ingest.readers import iter_inputs, read
from vietkg.ontology.text import key


def load(folder: Path) -> list[tuple[str, RawArticle, set[str], set[str]]]:
    out = []
    for item in iter_inputs([folder]):
        if isinstance(item, IngestError):
            continue
        gold_path = item.with_name(item.name.rsplit(".", 1)[0] + ".gold.json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for raw in read(item):
            if isinstance(raw, RawArticle):
                out.append((item.stem, raw, {key(p) for p in gold.get("people", [])},
                            {key(a) for a in gold.get("authors", [])}))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def vietkg_people(raw: RawArticle) -> set[str]:
    doc = extract(raw)
    names = [f.name for f in doc.facts.people] + [f.name for f in doc.facts.roles]
    names += [a.name for e in doc.facts.events for a in e.attendees]
    return {key(n) for n in names}


def ner_people(raw: RawArticle) -> set[str]:
    from underthesea import ner

    names: set[str] = set()
    doc = make_doc(raw)
    for start, end in doc.sentences:
        current: list[str] = []
        for token in ner(doc.text[start:end]):
            word, tag = token[0], token[-1]
            if tag == "B-PER":
                if current:
                    names.add(key(" ".join(current)))
                current = [word]
            elif tag == "I-PER" and current:
                current.append(word)
            else:
                if current:
                    names.add(key(" ".join(current)))
                current = []
        if current:
            names.add(key(" ".join(current)))
    return names


def score(articles, system) -> tuple[tuple[float, float, float], float]:  # type: ignore[no-untyped-def]
    tp = fp = fn = 0
    start = time.perf_counter()
    for _, raw, gold, authors in articles:
        got = system(raw) - authors
        tp += len(got & gold)
        fp += len(got - gold)
        fn += len(gold - got)
    return prf(tp, fp, fn), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
    ap.add_argument("folder", type=Path, nargs="?", default=default)
    ap.add_argument("--repeat", type=int, default=20, help="passes over the folder for the speed figure")
    args = ap.parse_args()
    articles = load(args.folder)
    print(f"{len(articles)} articles with gold in {args.folder}")
    (p, r, f), _ = score(articles, vietkg_people)
    print(f"{'system':22} {'P':>6} {'R':>6} {'F1':>6}")
    print(f"{'vietkg':22} {p:6.3f} {r:6.3f} {f:6.3f}")
    try:
        (np_, nr, nf), ner_seconds = score(articles, ner_people)
        print(f"{'underthesea NER (PER)':22} {np_:6.3f} {nr:6.3f} {nf:6.3f}")
    except ImportError:
        ner_seconds = 0.0
        print("underthesea is not installed: `pip install underthesea` to compare")
    start = time.perf_counter()
    for _ in range(args.repeat):
        for item in iter_inputs([args.folder]):
            if not isinstance(item, IngestError):
                for raw in read(item):
                    if isinstance(raw, RawArticle):
                        extract(raw)
    seconds = time.perf_counter() - start
    rate = args.repeat * len(articles) / seconds
    print(f"vietkg read+extract: {rate:.0f} articles/s ({args.repeat} passes, one process, store excluded)")
    if ner_seconds:
        ner_rate = len(articles) / ner_seconds
        print(f"underthesea NER: {ner_rate:.1f} articles/s; vietkg is {rate / ner_rate:.0f}x faster")


if __name__ == "__main__":
    main()
