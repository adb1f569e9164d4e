#!/usr/bin/env python3
"""Extracts Jane Austen's *Pride and Prejudice* (public domain) from Debian's r-cran-janeaustenr
package into tests/data/pride-and-prejudice.txt, for the false-places test.

    apt-get download r-cran-janeaustenr   # (done by this script)
    pip install rdata                     # reads R's serialisation format
    python3 scripts/fetch_book.py

The package stores the novels in an R lazy-load database (Rdata.rdx: gzip'd index of offsets;
Rdata.rdb: zlib'd serialised objects). No R installation is needed.
"""
import glob
import gzip
import os
import subprocess
import sys
import tempfile
import zlib

import rdata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "pride-and-prejudice.txt")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", "r-cran-janeaustenr"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        deb = glob.glob(os.path.join(tmp, "r-cran-janeaustenr_*.deb"))[0]
        subprocess.run(["dpkg", "-x", deb, os.path.join(tmp, "x")], check=True)
        base = glob.glob(os.path.join(tmp, "x", "usr", "lib", "R", "site-library", "janeaustenr",
                                      "data", "Rdata.rdx"))[0][: -len(".rdx")]
        with open(base + ".rdx", "rb") as f:
            index = rdata.conversion.convert(rdata.parser.parse_data(gzip.decompress(f.read())))
        off, length = (int(x) for x in index["variables"]["prideprejudice"])
        with open(base + ".rdb", "rb") as f:
            f.seek(off)
            chunk = f.read(length)
        lines = rdata.conversion.convert(rdata.parser.parse_data(zlib.decompress(chunk[4:])))
    text = "\n".join("" if x is None else str(x) for x in lines) + "\n"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{OUT}: {len(text.split())} words", file=sys.stderr)


if __name__ == "__main__":
    main()
