import type { LogLevel } from "@wippy/shared";
import styles from "./logs.module.css";

export function LevelBadge({ level }: { level: LogLevel }) {
  return (
    <span className={styles.level} data-level={level} data-testid="log-level">
      {level}
    </span>
  );
}
