"use client";
/**
 * Who else has this page's target open: their initials, a pencil and ring on those editing it,
 * the names in the tooltip and for screen readers. Nothing when nobody else is there (or while
 * connecting); a muted mark while the live connection is down (the list would be stale).
 */
import type { Person } from "./presence-book";
import type { Presence } from "./use-presence";
import { Avatar } from "./Avatar";
import styles from "./presence.module.css";

/** More than this many people: the rest are counted. */
export const MAX_AVATARS = 5;

function describe(person: Person): string {
  const who = person.self ? `You (${person.tabs === 1 ? "another tab" : `${person.tabs} other tabs`})` : person.name;
  return `${who}${person.editing ? " — editing" : " — viewing"}`;
}

export function PresenceAvatars({ presence, what = "this" }: { presence: Presence; what?: string }) {
  const { people, status } = presence;
  if (status === "connecting") return <span className={styles.presence} data-testid="presence" data-live="connecting" />;
  if (status === "offline") {
    return (
      <span className={`${styles.presence} muted small-text`} data-testid="presence" data-live="false" title="Not connected: who else is here is not known right now">
        ○ offline
      </span>
    );
  }
  const shown = people.slice(0, MAX_AVATARS);
  const rest = people.length - shown.length;
  const editors = people.filter((p) => p.editing).length;
  const label = people.length === 0 ? `Nobody else has ${what} open` : `${people.map(describe).join("; ")}`;
  return (
    <span className={styles.presence} data-testid="presence" data-live="true" data-count={people.length} data-editing={editors} aria-label={label} role="group">
      {shown.map((person) => (
        <span key={person.userId} data-testid="presence-person" data-name={person.name} data-editing={person.editing ? "true" : "false"} data-self={person.self ? "true" : "false"}>
          <Avatar userId={person.userId} name={person.name} email={person.email} editing={person.editing} title={describe(person)} />
        </span>
      ))}
      {rest > 0 ? (
        <span className={styles.more} title={people.slice(MAX_AVATARS).map(describe).join("\n")}>
          +{rest}
        </span>
      ) : null}
      {editors > 0 ? (
        <span className={`${styles.caption} small-text`} data-testid="presence-editing">
          {editors === 1 ? `${shown.find((p) => p.editing)?.name ?? "1 person"} is editing` : `${editors} editing`}
        </span>
      ) : null}
    </span>
  );
}
