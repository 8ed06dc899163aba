/**
 * Go-style durations (`"500ms"`, `"1h30m"`, `"1.5s"`), as Wippy's YAML and Lua use them.
 * Parsed to nanoseconds as a float (fengari integers are 32-bit; callers that need ms divide).
 */
const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "µs": 1e3,
  "μs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Returns nanoseconds, or null when `text` is not a valid Go duration. */
export function parseDuration(text: string): number | null {
  let s = text.trim();
  if (s === "") return null;
  let sign = 1;
  if (s[0] === "-" || s[0] === "+") {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  let total = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  while (consumed < s.length) {
    PART.lastIndex = consumed;
    const m = PART.exec(s);
    if (!m) return null;
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    consumed = PART.lastIndex;
  }
  return sign * total;
}

/** Formats nanoseconds the way Go's `Duration.String()` does (`1h30m0s`, `500ms`). */
export function formatDuration(ns: number): string {
  if (ns === 0) return "0s";
  const neg = ns < 0;
  let n = Math.abs(ns);
  let out: string;
  if (n < 1e3) out = `${n}ns`;
  else if (n < 1e6) out = `${trim(n / 1e3)}µs`;
  else if (n < 1e9) out = `${trim(n / 1e6)}ms`;
  else {
    const h = Math.floor(n / 3600e9);
    n -= h * 3600e9;
    const m = Math.floor(n / 60e9);
    n -= m * 60e9;
    out = `${h > 0 ? `${h}h` : ""}${h > 0 || m > 0 ? `${m}m` : ""}${trim(n / 1e9)}s`;
  }
  return neg ? `-${out}` : out;
}

function trim(x: number): string {
  return String(Number(x.toFixed(9)));
}
