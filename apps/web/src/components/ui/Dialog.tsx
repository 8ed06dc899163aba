"use client";
/**
 * A modal dialog: backdrop, title, body, footer. Escape and a click on the backdrop close it;
 * focus moves into it when it opens.
 */
import { useEffect, useRef, type ReactNode } from "react";

interface DialogProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  testId?: string;
}

export function Dialog({ title, onClose, children, footer, wide = false, testId = "dialog" }: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") close.current();
    };
    window.addEventListener("keydown", onKeyDown);
    const first = panel.current?.querySelector<HTMLElement>("input, textarea, select, button:not(:disabled)");
    first?.focus();
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={panel} className={wide ? "dialog wide" : "dialog"} role="dialog" aria-modal="true" data-testid={testId}>
        <div className="dialog-header">
          <h2>{title}</h2>
        </div>
        <div className="dialog-body">{children}</div>
        {footer ? <div className="dialog-footer">{footer}</div> : null}
      </div>
    </div>
  );
}
