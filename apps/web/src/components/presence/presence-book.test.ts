import { describe, expect, it } from "vitest";
import type { PresenceEntry } from "@wippy/shared";
import { applyDelta, EMPTY_BOOK, fromSnapshot, hueOf, initialsOf, peopleOf, replay } from "./presence-book";

const tab = (socketId: string, userId: string, name: string, editing = false): PresenceEntry => ({ socketId, userId, name, email: `${userId}@example.com`, editing });

describe("presence book", () => {
  it("lists everyone but this tab, one per user, editors first", () => {
    const book = fromSnapshot([tab("s1", "me", "Me"), tab("s2", "bob", "Bob"), tab("s3", "ada", "Ada"), tab("s4", "bob", "Bob", true), tab("s5", "me", "Me")]);
    expect(peopleOf(book, "s1", "me")).toEqual([
      { userId: "bob", name: "Bob", email: "bob@example.com", editing: true, tabs: 2, self: false },
      { userId: "ada", name: "Ada", email: "ada@example.com", editing: false, tabs: 1, self: false },
      { userId: "me", name: "Me", email: "me@example.com", editing: false, tabs: 1, self: true },
    ]);
  });

  it("applies updates and departures, and a delta twice changes nothing", () => {
    const joined = applyDelta(EMPTY_BOOK, { kind: "update", entry: tab("s2", "bob", "Bob") });
    const editing = applyDelta(joined, { kind: "update", entry: tab("s2", "bob", "Bob", true) });
    expect(peopleOf(editing, "s1", "me").map((p) => p.editing)).toEqual([true]);
    const left = replay(editing, [{ kind: "left", socketId: "s2" }, { kind: "left", socketId: "s2" }]);
    expect(peopleOf(left, "s1", "me")).toEqual([]);
  });

  it("a departure heard while joining is not undone by the older snapshot", () => {
    const snapshot = fromSnapshot([tab("s1", "me", "Me"), tab("s2", "bob", "Bob")]);
    expect(peopleOf(replay(snapshot, [{ kind: "left", socketId: "s2" }]), "s1", "me")).toEqual([]);
  });

  it("makes initials and a stable colour", () => {
    expect(initialsOf("Eddie Editor")).toBe("EE");
    expect(initialsOf("ada")).toBe("AD");
    expect(initialsOf("", "vic.viewer@example.com")).toBe("VV");
    expect(initialsOf("")).toBe("?");
    expect(hueOf("u1")).toBe(hueOf("u1"));
    expect(hueOf("u1")).toBeGreaterThanOrEqual(0);
  });
});
