// Parse iCalendar files with Mozilla's ical.js (the parser behind Thunderbird) and print
// what a client sees as JSON, so the Python tests compare it with the records.
//
// Usage: node tests/js/parse_ics.mjs FILE_OR_FOLDER...   (folders are searched for *.ics)
// Output: {"<path>": {"calendar": {...}, "components": [...], "events": [...]}} or, for a
// file ical.js rejects, {"<path>": {"error": "<message>"}}.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import ICAL from "ical.js";

function icsFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const child = join(path, name);
      return statSync(child).isDirectory() ? icsFiles(child) : name.endsWith(".ics") ? [child] : [];
    });
}

function instant(time) {
  if (time === null) return null;
  if (time.isDate) return time.toString(); // YYYY-MM-DD, a floating day
  return time.toJSDate().toISOString(); // an instant, in UTC
}

function textValues(component, name) {
  return component.getAllProperties(name).map((p) => p.getValues().map(String));
}

function eventJson(vevent) {
  const event = new ICAL.Event(vevent);
  const one = (name) => {
    const value = vevent.getFirstPropertyValue(name);
    return value === null ? null : typeof value === "object" ? value.toString() : value;
  };
  return {
    uid: event.uid,
    summary: event.summary,
    allDay: event.startDate.isDate,
    start: instant(event.startDate),
    end: instant(event.endDate),
    status: one("status"),
    sequence: one("sequence"),
    dtstamp: one("dtstamp"),
    lastModified: one("last-modified"),
    created: one("created"),
    description: event.description,
    location: event.location,
    url: one("url"),
    geo: vevent.getFirstPropertyValue("geo"),
    categories: textValues(vevent, "categories").flat(),
    transp: one("transp"),
    properties: vevent.getAllProperties().map((p) => p.name).sort(),
    components: vevent.getAllSubcomponents().map((c) => c.name),
  };
}

function parse(path) {
  const text = readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const value = (name) => {
    const v = calendar.getFirstPropertyValue(name);
    return v === null ? null : String(v);
  };
  return {
    calendar: {
      name: calendar.name,
      version: value("version"),
      prodid: value("prodid"),
      method: value("method"),
      names: textValues(calendar, "name").flat(),
      xWrCalname: value("x-wr-calname"),
      xWrCaldesc: value("x-wr-caldesc"),
      description: value("description"),
      refreshInterval: value("refresh-interval"),
      publishedTtl: value("x-published-ttl"),
      source: value("source"),
    },
    components: calendar.getAllSubcomponents().map((c) => c.name),
    events: calendar.getAllSubcomponents("vevent").map(eventJson),
  };
}

const result = {};
for (const argument of process.argv.slice(2)) {
  for (const path of icsFiles(argument)) {
    try {
      result[path] = parse(path);
    } catch (error) {
      result[path] = { error: String(error && error.message ? error.message : error) };
    }
  }
}
process.stdout.write(JSON.stringify(result));
