import Type from 'typebox';
import { WEEKDAYS } from '../business-time.js';
import { JURISDICTIONS } from '../jurisdictions.js';
import { Nullable, Page, PatternString, Text, Timestamp } from './common.js';
import { TeamName } from './conversation.js';

/** A calendar by name, as `support calendar show jakarta` takes it. */
export const CalendarName = PatternString('^[a-z0-9][a-z0-9-]{0,39}$', 'must be 1 to 40 lowercase letters, digits or -, starting with a letter or digit');

/** "HH:MM" wall time; whether it is a real time of day is checked with the rest of the calendar, so the error names the field. */
const WallTime = Type.String({ maxLength: 5, description: 'local wall time HH:MM, 00:00 to 24:00' });
const LocalDate = Type.String({ maxLength: 10, description: 'local date YYYY-MM-DD' });

export const BusinessHoursSpan = Type.Object({ day: Type.Enum(WEEKDAYS), from: WallTime, to: WallTime }, { additionalProperties: false });

export const HolidaySpan = Type.Object(
  { from: LocalDate, to: LocalDate, name: Text({ minLength: 1, maxLength: 120 }) },
  { additionalProperties: false },
);

/** An iCalendar file's text (RFC 5545): each all-day event is a holiday. */
export const IcsText = Text({ minLength: 1, maxLength: 1_000_000 });

export const Calendar = Type.Object({
  name: CalendarName,
  zone: Type.String({ description: 'IANA time zone, e.g. Asia/Jakarta' }),
  /** Monday first, then by start time. */
  hours: Type.Array(BusinessHoursSpan),
  /** By start date. */
  holidays: Type.Array(HolidaySpan),
  /** The complaint rule the desk counts by on this calendar, or null (7 calendar days). */
  jurisdiction: Nullable(Type.Enum(JURISDICTIONS)),
  /** The calendar conversations and complaints without a team's calendar count by. */
  isDefault: Type.Boolean(),
  teams: Type.Array(TeamName),
  /** Increases with every change; clocks and deadlines keep the version they were computed with. */
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CalendarPage = Page(Calendar);
export const CalendarNameParam = Type.Object({ name: CalendarName });

export const CreateCalendarRequest = Type.Object(
  {
    name: CalendarName,
    zone: Type.String({ minLength: 1, maxLength: 64 }),
    hours: Type.Array(BusinessHoursSpan, { minItems: 1, maxItems: 70 }),
    holidays: Type.Optional(Type.Array(HolidaySpan, { maxItems: 1000 })),
    /** Holidays to add from an iCalendar file; an error names its line. */
    ics: Type.Optional(IcsText),
    jurisdiction: Type.Optional(Nullable(Type.Enum(JURISDICTIONS))),
    isDefault: Type.Optional(Type.Boolean()),
    teams: Type.Optional(Type.Array(TeamName, { maxItems: 200 })),
  },
  { additionalProperties: false },
);

/** Fields given replace the stored ones. */
export const UpdateCalendarRequest = Type.Object(
  {
    zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    hours: Type.Optional(Type.Array(BusinessHoursSpan, { minItems: 1, maxItems: 70 })),
    holidays: Type.Optional(Type.Array(HolidaySpan, { maxItems: 1000 })),
    jurisdiction: Type.Optional(Nullable(Type.Enum(JURISDICTIONS))),
    isDefault: Type.Optional(Type.Boolean()),
    teams: Type.Optional(Type.Array(TeamName, { maxItems: 200 })),
  },
  { additionalProperties: false },
);

/** Holidays added to those the calendar has: listed, or from an iCalendar file, or both. */
export const AddHolidaysRequest = Type.Object(
  { holidays: Type.Optional(Type.Array(HolidaySpan, { maxItems: 1000 })), ics: Type.Optional(IcsText) },
  { additionalProperties: false },
);
