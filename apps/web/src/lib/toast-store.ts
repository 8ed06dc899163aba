/**
 * Toasts: short outcomes of what someone just did ("Terminated {app|0x2}"), shown by
 * `components/ui/Toaster.tsx` and gone after a while (errors stay longer). A zustand store, so
 * any component — or a mutation's callback — can `showToast` without a context.
 */
import { create } from "zustand";

export type ToastTone = "success" | "warning" | "error" | "info";

export interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly title: string;
  readonly detail?: string;
}

export const TOAST_MS: Readonly<Record<ToastTone, number>> = { success: 6_000, info: 6_000, warning: 10_000, error: 12_000 };
/** More at once only buries the newest. */
const MAX_TOASTS = 4;

interface ToastState {
  readonly toasts: readonly Toast[];
  dismiss(id: number): void;
}

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  dismiss: (id) => set(({ toasts }) => ({ toasts: toasts.filter((t) => t.id !== id) })),
}));

let nextId = 1;

export function showToast(toast: Omit<Toast, "id">): number {
  const id = nextId++;
  useToasts.setState(({ toasts }) => ({ toasts: [...toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
  setTimeout(() => useToasts.getState().dismiss(id), TOAST_MS[toast.tone]);
  return id;
}
