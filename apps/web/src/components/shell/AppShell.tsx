"use client";
/** The signed-in frame: top bar, side navigation, the page. */
import type { ReactNode } from "react";
import { SideNav } from "./SideNav";
import { TopBar } from "./TopBar";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <TopBar />
      <SideNav />
      <main className="app-main" data-testid="main">
        {children}
      </main>
    </div>
  );
}
