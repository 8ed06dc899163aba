"use client";
/** Product name, the registry's current version, search (Ctrl/Cmd+K), recent activity and the user menu. */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FeedMenu } from "@/components/feed/FeedMenu";
import { useTRPC } from "@/lib/trpc";
import { GlobalSearch } from "./GlobalSearch";
import { UserMenu } from "./UserMenu";

export function TopBar() {
  const trpc = useTRPC();
  const latest = useQuery(trpc.history.versions.queryOptions({ limit: 1 }, { refetchInterval: 10_000 }));
  const version = latest.data?.items[0]?.id;
  return (
    <header className="topbar" data-testid="top-bar">
      <Link href="/registry" className="brand">
        <span className="brand-mark" aria-hidden="true">
          W
        </span>
        Wippy
      </Link>
      <Link href="/history" className="topbar-chip hide-narrow" data-testid="registry-version" title="Current registry version">
        {version === undefined ? "registry …" : `registry v${version}`}
      </Link>
      <div className="topbar-spacer" />
      <GlobalSearch />
      <FeedMenu />
      <UserMenu />
    </header>
  );
}
