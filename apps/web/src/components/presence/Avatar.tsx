/** A person's initials in a coloured circle; `editing` adds a pencil mark and a ring. */
import { hueOf, initialsOf } from "./presence-book";
import styles from "./presence.module.css";

interface AvatarProps {
  userId: string;
  name: string;
  email: string;
  editing?: boolean;
  size?: "small" | "normal";
  title?: string;
}

export function Avatar({ userId, name, email, editing = false, size = "normal", title }: AvatarProps) {
  const hue = hueOf(userId);
  return (
    <span
      className={`${styles.avatar} ${size === "small" ? styles.small : ""} ${editing ? styles.editing : ""}`}
      style={{ background: `hsl(${hue} 55% 42%)` }}
      title={title ?? `${name} (${email})`}
      aria-hidden={title === undefined ? undefined : true}
    >
      {initialsOf(name, email)}
      {editing ? <span className={styles.pencil}>✎</span> : null}
    </span>
  );
}
