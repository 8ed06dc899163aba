"use client";
/** The toasts of lib/toast-store.ts, bottom right, announced to screen readers; each can be dismissed. */
import { useToasts } from "@/lib/toast-store";
import styles from "./Toaster.module.css";

export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className={styles.region} role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`${styles.toast} ${styles[toast.tone]}`} data-testid="toast" data-tone={toast.tone}>
          <div className={styles.text}>
            <strong data-testid="toast-title">{toast.title}</strong>
            {toast.detail ? <div className={styles.detail} data-testid="toast-detail">{toast.detail}</div> : null}
          </div>
          <button type="button" className="ghost btn-sm" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
