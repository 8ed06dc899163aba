/**
 * A pid (`{host|0x00002}`) in a tight cell: the host part takes the ellipsis, the number always
 * shows. The whole pid is the tooltip.
 */
import styles from "./processes.module.css";

export function PidText({ pid }: { pid: string }) {
  const bar = pid.lastIndexOf("|");
  return (
    <span className={styles.pidText} title={pid}>
      {bar < 0 ? (
        <span className={styles.pidHost}>{pid}</span>
      ) : (
        <>
          <span className={styles.pidHost}>{pid.slice(0, bar + 1)}</span>
          <span className={styles.pidNum}>{pid.slice(bar + 1)}</span>
        </>
      )}
    </span>
  );
}
