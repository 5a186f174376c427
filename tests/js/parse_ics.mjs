// Reads an iCalendar text on stdin with Mozilla's ical.js (the parser of Thunderbird) and prints
// every VEVENT as JSON: uid, summary, status, sequence and start/end in UTC, as a client computes
// them from the feed's own VTIMEZONE.
import ICAL from "ical.js";

let text = "";
for await (const chunk of process.stdin) text += chunk;

const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    status: component.getFirstPropertyValue("status"),
    sequence: event.sequence,
    tzid: component.getFirstProperty("dtstart").getParameter("tzid"),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
  };
});
process.stdout.write(JSON.stringify(events));
