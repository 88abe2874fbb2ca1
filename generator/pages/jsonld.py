"""schema.org ``Event`` JSON-LD for event pages (search engines, calendars, assistants)."""

from __future__ import annotations

import json
from typing import Any

from generator.catalog import Catalog
from generator.models import Event
from generator.pages.richtext import plain_excerpt

STATUS = {
    "planned": "https://schema.org/EventScheduled",
    "confirmed": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def attendance_mode(event: Event) -> str:
    """Offline, online or mixed, from the location (webinars without a place are online)."""
    location = event.location
    online = bool(location and location.online) or (event.kind == "webinar" and location is None)
    in_person = bool(location and (location.city or location.venue))
    if online and in_person:
        return "https://schema.org/MixedEventAttendanceMode"
    if online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _iso(event: Event, which: str) -> str:
    value = event.start if which == "start" else event.last
    if event.is_timed and event.zone is not None:
        local = value.local_datetime().replace(tzinfo=event.zone)
        return local.isoformat(timespec="minutes")
    if event.is_month_only:
        return str(value)
    return (event.first_day if which == "start" else event.last_day).isoformat()


def event_jsonld(event: Event, catalog: Catalog, page_url: str) -> str:
    """The JSON-LD text, safe to place inside ``<script type="application/ld+json">``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": _iso(event, "start"),
        "endDate": _iso(event, "end"),
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": attendance_mode(event),
        "url": page_url,
    }
    places: list[dict[str, Any]] = []
    location = event.location
    if location and (location.city or location.venue or location.country):
        place: dict[str, Any] = {"@type": "Place"}
        if location.venue:
            place["name"] = location.venue
        address: dict[str, str] = {"@type": "PostalAddress"}
        if location.city:
            address["addressLocality"] = location.city
        if location.country:
            address["addressCountry"] = location.country
        place["address"] = address
        if location.lat is not None and location.lon is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.lat,
                "longitude": location.lon,
            }
        places.append(place)
    if "Online" in data["eventAttendanceMode"] or "Mixed" in data["eventAttendanceMode"]:
        # Google requires a url on a VirtualLocation; the event's own page is the fallback.
        places.append({"@type": "VirtualLocation", "url": event.url or page_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    organizers = [
        {
            "@type": "Organization",
            "name": catalog.organizations[org].name,
            **({"url": catalog.organizations[org].url} if catalog.organizations[org].url else {}),
        }
        for org in event.organizers
    ]
    if organizers:
        data["organizer"] = organizers[0] if len(organizers) == 1 else organizers
    if event.description:
        data["description"] = plain_excerpt(event.description, 500)
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # Nothing in the JSON may close the script element or start markup.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
