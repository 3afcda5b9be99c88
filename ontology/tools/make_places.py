"""Generate ``ontology/data/places.csv`` — the place list the extractor resolves committees with.

Usage::

    pip download vietnam-provinces==0.6.0 --no-deps -d /tmp/vp && unzip -o -q /tmp/vp/*.whl -d /tmp/vp/x
    python ontology/tools/make_places.py /tmp/vp/x/vietnam_provinces/data/nested-divisions.json

Source of the pre-reform divisions: the JSON data of ``vietnam-provinces`` 0.6.0 (data version
2025-01-04: 63 provinces, 696 districts), by Nguyễn Hồng Quân, GPL-3.0-or-later, itself compiled
from the General Statistics Office's list of administrative units. Only facts (names, nesting)
are taken; the package is not a dependency. What the package lacks is added here by hand, with its
legal basis: Thừa Thiên Huế before it became a city (NQ 175/2024/QH15, 2025-01-01), Quận 2,
Quận 9 and quận Thủ Đức before Thành phố Thủ Đức (NQ 1111/NQ-UBTVQH14, 2021-01-01), and the
2025 provincial mergers (NQ 202/2025/QH15, in force 2025-07-01), read from ``changes.csv``.
The district level ended on 2025-07-01, so every district row carries ``valid_until`` 2025-07-01.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from vietkg.ontology.text import canon

DATA = Path(__file__).resolve().parent.parent / "data"
COLUMNS = ("name", "kind", "parent", "committee", "aliases", "valid_from", "valid_until")
HCMC = "Thành phố Hồ Chí Minh"
END_OF_DISTRICTS = "2025-07-01"

# Province-level names kept with their prefix because the bare name is something else.
KEEP_PREFIX = {"Thành phố Hồ Chí Minh"}
EXTRA_ALIASES: dict[str, list[str]] = {
    HCMC: ["TPHCM", "TP.HCM", "TP. HCM", "TP HCM", "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.Hồ Chí Minh",
           "Thành phố HCM", "Tp.HCM", "HCM City", "Ho Chi Minh City", "Sài Gòn"],
    "Hà Nội": ["Thủ đô Hà Nội", "TP Hà Nội", "TP. Hà Nội", "TP.Hà Nội", "Hanoi"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa–Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT", "BRVT"],
    "Đắk Lắk": ["Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Daklak"],
    "Đắk Nông": ["Đăk Nông", "Đắc Nông", "Daknong"],
    "Kon Tum": ["Kontum"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "TT-Huế", "TT Huế"],
    "Huế": ["TP Huế", "TP. Huế", "Thành phố Huế"],
}
CITY_ALIASES = ("Thành phố {n}", "TP {n}", "TP. {n}", "TP.{n}")


PREFIXES = ("Thành phố ", "Thị xã ", "Tỉnh ", "Quận ", "Huyện ")


def _short(full: str) -> tuple[str, str]:
    """``Quận Bình Thạnh`` -> (``Bình Thạnh``, ``urban-district``); ``Quận 4`` keeps its word."""
    for prefix, kind in (("Thành phố ", "city"), ("Tỉnh ", "province"), ("Quận ", "urban-district"),
                         ("Huyện ", "district"), ("Thị xã ", "town")):
        if full.casefold().startswith(prefix.casefold()):
            full = prefix + full[len(prefix):]
            rest = full[len(prefix):]
            if full in KEEP_PREFIX or rest[:1].isdigit():
                return canon(full), kind
            return canon(rest), kind
    raise ValueError(f"unknown division prefix: {full!r}")


def _aliases(name: str, full: str, kind: str) -> list[str]:
    """Spellings an article may use: the full name, old-style tone marks, the short forms."""
    out = [full, canon(full)]
    if not name[-1:].isdigit() and name not in KEEP_PREFIX:
        out += [full[len(p):] for p in PREFIXES if full.casefold().startswith(p.casefold())][:1]
    if kind == "urban-district" and name.startswith("Quận ") and name[5:].isdigit():
        n = name[5:]
        out += [f"Q{n}", f"Q.{n}", f"Q. {n}"]
    elif kind == "urban-district":
        out += [f"Quận {name}", f"Q.{name}", f"Q. {name}"]
    elif kind == "district":
        out += [f"Huyện {name}", f"H.{name}", f"H. {name}"]
    elif kind == "town":
        out += [f"Thị xã {name}", f"TX {name}", f"TX. {name}", f"TX.{name}"]
    elif kind == "city" and name not in KEEP_PREFIX:
        out += [a.format(n=name) for a in CITY_ALIASES]
    elif kind == "province":
        out += [f"Tỉnh {name}"]
    out += EXTRA_ALIASES.get(name, [])
    seen: list[str] = []
    for a in out:
        if a and a != name and a not in seen:
            seen.append(a)
    return seen


def _committee(kind: str) -> str:
    if kind == "province":
        return "Tỉnh ủy"
    return {"city": "Thành ủy", "urban-district": "Quận ủy", "district": "Huyện ủy", "town": "Thị ủy"}[kind]


def _mergers() -> dict[str, str]:
    """Absorbed province -> the province it merged into on 2025-07-01."""
    out: dict[str, str] = {}
    with (DATA / "changes.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["level"] != "place" or row["kind"] != "merger":
                continue
            for old in row["originals"].split("|"):
                if old != row["results"]:
                    out[old] = row["results"]
    return out


def rows(divisions: list[dict[str, object]]) -> list[dict[str, str]]:
    absorbed = _mergers()
    out: list[dict[str, str]] = []
    for p in divisions:
        full = str(p["name"])
        name, kind = _short(full)
        row = {"name": name, "kind": kind, "parent": "", "committee": _committee(kind),
               "aliases": "|".join(_aliases(name, full, kind)), "valid_from": "",
               "valid_until": END_OF_DISTRICTS if name in absorbed else ""}
        if name == "Huế":
            row["valid_from"] = "2025-01-01"
            out.append({"name": "Thừa Thiên Huế", "kind": "province", "parent": "", "committee": "Tỉnh ủy",
                        "aliases": "|".join(["Tỉnh Thừa Thiên Huế", *EXTRA_ALIASES["Thừa Thiên Huế"]]),
                        "valid_from": "", "valid_until": "2025-01-01"})
        out.append(row)
        districts = list(p["districts"])  # type: ignore[call-overload]
        if name == HCMC:
            districts += [{"name": n, "until": "2021-01-01"} for n in ("Quận 2", "Quận 9", "Quận Thủ Đức")]
        for d in districts:
            dfull = str(d["name"])
            dname, dkind = _short(dfull)
            valid_from = "2021-01-01" if (name, dname, dkind) == (HCMC, "Thủ Đức", "city") else ""
            out.append({"name": dname, "kind": dkind, "parent": name, "committee": _committee(dkind),
                        "aliases": "|".join(_aliases(dname, dfull, dkind)), "valid_from": valid_from,
                        "valid_until": str(d.get("until", END_OF_DISTRICTS))})
    return out


def main(argv: list[str]) -> int:
    src = Path(argv[1])
    divisions = json.loads(src.read_text(encoding="utf-8"))
    data = rows(divisions)
    with (DATA / "places.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(data)
    print(f"wrote {len(data)} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
