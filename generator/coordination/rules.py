"""The coordination rules in words, with the thresholds of the live settings.

The ``/coordination/`` page shows :func:`rules_markdown`; the same text is the reference
for the edge cases the analysis (:mod:`generator.coordination.analysis`) implements.
"""

from __future__ import annotations

from generator.coordination.model import KIND_LABELS, KINDS, Kind
from generator.settings import CoordinationSettings


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _km(value: float) -> str:
    return f"{value:g} km"


def rule_descriptions(settings: CoordinationSettings) -> dict[Kind, str]:
    """One Markdown paragraph per kind, with the current thresholds filled in."""
    gap = settings.opportunity_max_gap_days
    travel = settings.tight_travel_max_gap_days
    similarity = round(settings.duplicate_title_similarity * 100)
    return {
        "conflict": (
            "The events share at least one day, share an audience, and either share a "
            "country or belong to the same family (a shared organizer, program or series). "
            "The same officials are being asked to be in two places. Move one of them, or "
            "acknowledge that they are held together."
        ),
        "overlap": (
            "The events share at least one day and share an audience or a country, but are "
            "not a conflict. Worth a look: participants may have to choose."
        ),
        "opportunity": (
            f"The events are in person in the same place, do not share a day, and the later "
            f"one starts at most {_days(gap)} after the earlier one ends; they share an "
            "audience or a topic. Consider holding them back to back, sharing speakers and "
            "inviting each other's participants."
        ),
        "tight-travel": (
            f"The events are in person in different host countries, the later one starts at "
            f"most {_days(travel)} after the earlier one ends, and they share an audience "
            "and a country. Participants would travel between countries without a day "
            "between the meetings."
        ),
        "possible-duplicate": (
            "The events start on the same day, in the same place, and at least "
            f"{similarity}% of their title words are the same: probably the same event "
            "entered twice by two organizers. Delete one file (keep the one published "
            "first), or acknowledge that they are different."
        ),
        "coordinated": (
            "One of the events lists the other in `coordinated_with:`. The pair is shown "
            "for information and is never a warning, whatever the other rules say."
        ),
    }


def rules_markdown(settings: CoordinationSettings) -> str:
    """The rules for the ``/coordination/`` page (Markdown, headings at level 2)."""
    descriptions = rule_descriptions(settings)
    gap = settings.opportunity_max_gap_days
    lines = [
        "## How events are compared",
        "",
        "- **Days.** An event occupies the local calendar days from its start to its end, "
        "inclusive. An event with times occupies the days it touches in its own time zone "
        "(a session from 22:00 to 02:00 occupies two days; one that ends at midnight does not "
        "touch the next day). An event known only by its month occupies the whole month, and "
        "its findings are marked *possible*.",
        "- **Days apart.** Counted from the last day of the earlier event to the first day "
        "of the later one: consecutive days are 1 day apart.",
        "- **Who takes part.** Cancelled and postponed events take part in nothing: they do "
        "not happen on their dates.",
        "- **Shared audience, topic.** The `audience:` (or `topics:`) lists have a value in "
        "common; an empty list shares nothing.",
        "- **Shared country.** The `countries:` lists plus the host countries "
        "(`location: country:`) have a code in common.",
        "- **Same place.** The same city name, ignoring case, accents and punctuation "
        "(unless the host countries differ), or venues at most "
        f"{_km(settings.nearby_km)} apart when both give coordinates. Two online-only events "
        "without a city are in the same place for the duplicate rule.",
        "- **In person.** A host country is given and the event is not online-only (a "
        "webinar, or online without a city, venue or coordinates). Hybrid events count as "
        "in person.",
        "- **One finding per pair.** A pair is reported once, under the first kind that "
        "applies, in the order: possible duplicate, conflict, overlap, tight travel, "
        f"opportunity. Kinds that need shared days and kinds that need days apart (tight "
        f"travel, opportunities up to {_days(gap)}) never apply together.",
        "- **Acknowledged pairs.** If either event lists the other in `coordinated_with:`, "
        "the pair is reported as *coordinated* instead, in either direction.",
        "- **Upcoming.** Lists and pull-request checks show the pairs whose two events have "
        "not ended yet; `api/overlaps.json` holds every pair, past ones too.",
        "",
        "## Kinds of findings",
        "",
    ]
    for kind in KINDS:
        lines.append(f"- **{KIND_LABELS[kind]}.** {descriptions[kind]}")
    lines += [
        "",
        "Conflicts, overlaps, tight travel and possible duplicates are warnings on the pull "
        "request that adds or changes an event; opportunities and coordinated pairs are "
        "information.",
        "",
        "## Acknowledging a pair",
        "",
        "When two events are deliberately held together or back to back, add the other "
        "event's id to `coordinated_with:` in either record, for example:",
        "",
        "```yaml",
        "coordinated_with: [xcxg-2007-tokyo]",
        "```",
        "",
    ]
    return "\n".join(lines)
