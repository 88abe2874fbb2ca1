"""Calendar subscriptions (issue 4): iCalendar files and "add to calendar" links.

Public API for the build and the site:

* :func:`render_calendars` — every ``.ics`` file as :class:`generator.writer.Outputs`;
* :func:`calendar_directory` — the subscription calendars for /subscribe/
  (:class:`CalendarInfo`);
* :func:`event_calendar_path` — an event's own ``.ics`` path, or None;
* :func:`google_calendar_url`, :func:`outlook_calendar_url` — links for event pages.

Modules: :mod:`.collections` decides which calendars exist and what they hold,
:mod:`.entries` what an event's entry says, :mod:`.vevent` and :mod:`.contentlines`
write it, :mod:`.render` assembles the files, :mod:`.links` makes the links.
"""

from generator.calendars.links import google_calendar_url, outlook_calendar_url
from generator.calendars.render import (
    CalendarInfo,
    calendar_directory,
    event_calendar_path,
    render_calendars,
)

__all__ = [
    "CalendarInfo",
    "calendar_directory",
    "event_calendar_path",
    "google_calendar_url",
    "outlook_calendar_url",
    "render_calendars",
]
