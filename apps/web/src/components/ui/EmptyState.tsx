import type { ReactNode } from "react";

export function EmptyState({ children, testId = "empty" }: { children: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      {children}
    </div>
  );
}
