"use client";
/** A relative time ("5 min ago") with the exact time as its tooltip. */
import { formatAgo, formatDateTime } from "@/lib/format";

export function TimeAgo({ value, now }: { value: Date | string | number; now?: number }) {
  const date = new Date(value);
  return (
    <time dateTime={Number.isNaN(date.getTime()) ? undefined : date.toISOString()} title={formatDateTime(value)} className="no-wrap">
      {formatAgo(value, now)}
    </time>
  );
}
