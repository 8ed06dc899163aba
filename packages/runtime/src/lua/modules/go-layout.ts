/**
 * Go time layouts (`"2006-01-02T15:04:05Z07:00"`) — how `t:format(layout)` reads a layout.
 *
 * The reference time is Mon Jan 2 15:04:05 MST 2006; each part of it in the layout is
 * replaced by the same part of the time being formatted, everything else is copied. Times
 * here are UTC (zone `UTC`, offset `Z` / `+00:00`). Supported parts: years `2006 06`, months
 * `January Jan 01 1`, days `Monday Mon 02 _2 2 002`, hours `15 03 3`, minutes `04 4`,
 * seconds `05 5`, fractions `.000…` / `.999…` (also with `,`), `PM pm`, zones `MST Z07:00
 * Z0700 Z07 -07:00 -0700 -07`.
 *
 * In: epoch milliseconds (fractions kept to the microsecond) and a layout. Out: text.
 */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly yearDay: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanos: number;
}

export function partsOf(ms: number): Parts {
  const d = new Date(Math.floor(ms));
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const nanos = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    yearDay: Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - start) / 86_400_000) + 1,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos: Math.min(nanos, 999_999_999),
  };
}

const pad = (n: number, width: number, fill = "0"): string => String(n).padStart(width, fill);

type Formatter = (p: Parts) => string;

/** Longest tokens first, so `2006` wins over `2` and `January` over `Jan`. */
const TOKENS: [string, Formatter][] = [
  ["January", (p) => MONTHS[p.month - 1] as string],
  ["Monday", (p) => DAYS[p.weekday] as string],
  ["Z07:00:00", () => "Z"],
  ["-07:00:00", () => "+00:00:00"],
  ["Z070000", () => "Z"],
  ["-070000", () => "+000000"],
  ["Z07:00", () => "Z"],
  ["-07:00", () => "+00:00"],
  ["Z0700", () => "Z"],
  ["-0700", () => "+0000"],
  ["2006", (p) => pad(p.year, 4)],
  ["Z07", () => "Z"],
  ["-07", () => "+00"],
  ["Jan", (p) => (MONTHS[p.month - 1] as string).slice(0, 3)],
  ["Mon", (p) => (DAYS[p.weekday] as string).slice(0, 3)],
  ["MST", () => "UTC"],
  ["002", (p) => pad(p.yearDay, 3)],
  ["__2", (p) => pad(p.yearDay, 3, " ")],
  ["_2", (p) => pad(p.day, 2, " ")],
  ["01", (p) => pad(p.month, 2)],
  ["02", (p) => pad(p.day, 2)],
  ["03", (p) => pad(p.hour % 12 === 0 ? 12 : p.hour % 12, 2)],
  ["04", (p) => pad(p.minute, 2)],
  ["05", (p) => pad(p.second, 2)],
  ["06", (p) => pad(p.year % 100, 2)],
  ["15", (p) => pad(p.hour, 2)],
  ["PM", (p) => (p.hour >= 12 ? "PM" : "AM")],
  ["pm", (p) => (p.hour >= 12 ? "pm" : "am")],
  ["1", (p) => String(p.month)],
  ["2", (p) => String(p.day)],
  ["3", (p) => String(p.hour % 12 === 0 ? 12 : p.hour % 12)],
  ["4", (p) => String(p.minute)],
  ["5", (p) => String(p.second)],
];

const FRACTION = /^[.,](0+|9+)(?!\d)/;

function fraction(p: Parts, digits: string): string {
  const text = pad(p.nanos, 9).slice(0, digits.length);
  return digits[0] === "0" ? text : text.replace(/0+$/, "");
}

export function formatLayout(ms: number, layout: string): string {
  const p = partsOf(ms);
  let out = "";
  let i = 0;
  outer: while (i < layout.length) {
    const rest = layout.slice(i);
    const frac = FRACTION.exec(rest);
    if (frac !== null) {
      const digits = frac[1] as string;
      const text = fraction(p, digits);
      out += text === "" ? "" : (rest[0] as string) + text;
      i += frac[0].length;
      continue;
    }
    for (const [token, format] of TOKENS) {
      if (rest.startsWith(token)) {
        out += format(p);
        i += token.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

export const RFC3339 = "2006-01-02T15:04:05Z07:00";
export const RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";
export const DEFAULT_TIME_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";

export const LAYOUTS: Readonly<Record<string, string>> = {
  RFC3339,
  RFC3339NANO: RFC3339_NANO,
  RFC822: "02 Jan 06 15:04 MST",
  RFC822Z: "02 Jan 06 15:04 -0700",
  RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST",
  RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700",
  DATE_TIME: "2006-01-02 15:04:05",
  DATE_ONLY: "2006-01-02",
  TIME_ONLY: "15:04:05",
  KITCHEN: "3:04PM",
  STAMP: "Jan _2 15:04:05",
  STAMP_MILLI: "Jan _2 15:04:05.000",
  STAMP_MICRO: "Jan _2 15:04:05.000000",
  STAMP_NANO: "Jan _2 15:04:05.000000000",
};
