"use client";
/** The top bar's entry search: Ctrl/Cmd+K focuses it, Enter opens the registry list filtered by it. */
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useShortcut } from "@/lib/hooks/use-shortcut";

export function GlobalSearch() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  useShortcut("k", () => {
    // The registry page has its own search box; focus that one when it is there.
    const local = document.querySelector<HTMLInputElement>("[data-search-target]");
    (local ?? input.current)?.focus();
    (local ?? input.current)?.select();
  });
  return (
    <form
      className="topbar-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        router.push(`/registry?search=${encodeURIComponent(text.trim())}`);
      }}
    >
      <input
        ref={input}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Search entries  (Ctrl+K)"
        aria-label="Search entries"
        data-testid="global-search"
      />
    </form>
  );
}
