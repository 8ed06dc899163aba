/** A JSON value, pretty-printed in a scrollable block. */
import type { JsonValue } from "@wippy/shared";
import styles from "./workflows.module.css";

export function JsonBlock({ value, testId }: { value: JsonValue | undefined; testId?: string }) {
  return (
    <pre className={styles.pre} data-testid={testId}>
      {value === undefined ? "(none)" : JSON.stringify(value, null, 2)}
    </pre>
  );
}
