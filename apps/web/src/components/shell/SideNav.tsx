"use client";
/** The side navigation; Users shows for admins only; Changes counts the requests waiting for review. */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { OpenChangeCount } from "@/components/changes/OpenChangeCount";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import type { Role } from "@/lib/roles";

const LINKS: readonly { href: string; label: string; role: Role }[] = [
  { href: "/registry", label: "Registry", role: "viewer" },
  { href: "/supervision", label: "Supervision", role: "viewer" },
  { href: "/workflows", label: "Workflows", role: "viewer" },
  { href: "/history", label: "History", role: "viewer" },
  { href: "/changes", label: "Changes", role: "viewer" },
  { href: "/nodes", label: "Nodes", role: "viewer" },
  { href: "/processes", label: "Processes", role: "viewer" },
  { href: "/logs", label: "Logs", role: "viewer" },
  { href: "/feed", label: "Activity", role: "viewer" },
  // The server shows the audit log to editors and admins only.
  { href: "/audit", label: "Audit", role: "editor" },
  { href: "/users", label: "Users", role: "admin" },
];

export function SideNav() {
  const pathname = usePathname();
  const { can } = useCurrentUser();
  return (
    <nav className="sidenav" aria-label="Main" data-testid="side-nav">
      {LINKS.filter((link) => can(link.role)).map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={pathname === link.href || pathname.startsWith(`${link.href}/`) ? "page" : undefined}
          data-testid={`nav-${link.label.toLowerCase()}`}
        >
          {link.label}
          {link.href === "/changes" ? <OpenChangeCount /> : null}
        </Link>
      ))}
    </nav>
  );
}
