import type { ReactNode } from "react";

/** The card sign-in and setup share: the product name, a title, the form. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <div className="card auth-card">
      <div className="card-body">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" style={{ color: "#fff" }}>
            W
          </span>
          Wippy
        </div>
        <h1 style={{ margin: "12px 0 2px" }}>{title}</h1>
        {subtitle ? <p className="muted" style={{ marginTop: 0 }}>{subtitle}</p> : null}
        {children}
      </div>
    </div>
  );
}
