"use client";
/** The signed-in user, their role, and sign-out. */
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { signOut } from "@/lib/auth-client";
import { closeUiSocket } from "@/lib/socket";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { ROLE_ABILITIES, isRole } from "@/lib/roles";

export function UserMenu() {
  const { user } = useCurrentUser();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  if (!user) return null;

  const doSignOut = async () => {
    setBusy(true);
    setError(null);
    const result = await signOut();
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    closeUiSocket();
    queryClient.clear();
    router.replace("/sign-in");
  };

  return (
    <div className="menu" ref={root}>
      <button type="button" className="menu-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((v) => !v)} data-testid="user-menu">
        <span className="hide-narrow">{user.name || user.email}</span>
        <span className="badge accent" data-testid="user-role">
          {user.role}
        </span>
      </button>
      {open ? (
        <div className="menu-popup" role="menu">
          <div className="menu-info">
            <div>
              <strong>{user.name}</strong>
            </div>
            <div className="muted break">{user.email}</div>
            <div className="muted small-text">
              Role {user.role}: {isRole(user.role) ? ROLE_ABILITIES[user.role] : ""}
            </div>
          </div>
          {error ? <div className="notice error">{error}</div> : null}
          <button type="button" className="ghost" role="menuitem" onClick={() => void doSignOut()} disabled={busy} data-testid="sign-out">
            {busy ? "Signing out…" : "Sign out"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
