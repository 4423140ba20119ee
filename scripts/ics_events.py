#!/usr/bin/env python3
"""Reads an iCalendar document on stdin with the independent `icalendar`
parser and prints its events as JSON, instants in UTC, for the tests."""
import datetime
import json
import sys

import icalendar


def utc(v):
    dt = v.dt
    if not isinstance(dt, datetime.datetime) or dt.tzinfo is None:
        raise SystemExit(f"not an absolute instant: {v.to_ical()!r}")
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {
    "version": str(cal.get("VERSION")),
    "timezone": str(cal.get("X-WR-TIMEZONE")),
    "name": str(cal.get("X-WR-CALNAME")),
    "events": [],
}
for ev in cal.walk("VEVENT"):
    out["events"].append({
        "uid": str(ev["UID"]),
        "start": utc(ev["DTSTART"]),
        "end": utc(ev["DTEND"]),
        "summary": str(ev.get("SUMMARY", "")),
        "location": str(ev.get("LOCATION", "")),
        "status": str(ev.get("STATUS", "")),
        "sequence": int(ev.get("SEQUENCE", 0)),
        "description": str(ev.get("DESCRIPTION", "")),
    })
json.dump(out, sys.stdout, ensure_ascii=False)
