/**
 * Pids — process identifiers, `{host|0x00001}` as in Wippy (LUA_API.md §3).
 *
 * Terms:
 * - `Pid`: a string `{<host id>|0x<hex serial>}`; unique within a kernel (the serial is
 *   kernel-wide, so pids are never reused) and stable for the life of the process.
 * - `SYSTEM_PID`: `""`, the sender of messages that come from outside any process.
 * - A destination (`dest`) is a pid or a registered name; `isPid` tells them apart, which is
 *   why names that look like pids are refused by the name registry.
 *
 * In: a host id and a serial. Out: pid strings; parsing back to `{host, serial}`.
 */

export type Pid = string;

export const SYSTEM_PID: Pid = "";

const PID_PATTERN = /^\{([^{}|]+)\|([^{}|]+)\}$/;
const SERIAL_DIGITS = 5;

export function formatPid(host: string, serial: number): Pid {
  return `{${host}|0x${serial.toString(16).padStart(SERIAL_DIGITS, "0")}}`;
}

export function isPid(dest: string): boolean {
  return PID_PATTERN.test(dest);
}

export function parsePid(pid: string): { host: string; serial: string } | undefined {
  const match = PID_PATTERN.exec(pid);
  return match ? { host: match[1] as string, serial: match[2] as string } : undefined;
}
