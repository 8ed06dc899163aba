import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { resolveReferences } from "./references";

const entry = (id: string, kind: string, data: Entry["data"], meta: Entry["meta"] = {}): Entry => ({ id, kind, meta, data });

describe("resolveReferences", () => {
  it("makes the references of a process.service absolute and keeps absolute ones", () => {
    const svc = entry(
      "app.api:svc",
      "process.service",
      {
        process: "worker",
        host: "app:processes",
        input: ["worker"],
        lifecycle: { depends_on: ["db", "app:cache"], requires: ["queue"], security: { groups: ["admins"], policies: ["app:p"] } },
      },
      { supervisor: "root", title: "worker" },
    );
    const { entry: out, problems } = resolveReferences(svc);
    expect(problems).toEqual([]);
    expect(out.data).toEqual({
      process: "app.api:worker",
      host: "app:processes",
      input: ["worker"],
      lifecycle: {
        depends_on: ["app.api:db", "app:cache"],
        requires: ["app.api:queue"],
        security: { groups: ["app.api:admins"], policies: ["app:p"] },
      },
    });
    expect(out.meta).toEqual({ supervisor: "app.api:root", title: "worker" });
    // The input entry is not changed.
    expect(svc.data.process).toBe("worker");
  });

  it("resolves imports and hosts of Lua entries", () => {
    const { entry: out } = resolveReferences(
      entry("app:w", "process.lua", { source: "", imports: { a: "lib", b: "other.ns:lib" } }, { default_host: "hosts", temporal: { workflow: { worker: "tw" } } }),
    );
    expect(out.data.imports).toEqual({ a: "app:lib", b: "other.ns:lib" });
    expect(out.meta).toEqual({ default_host: "app:hosts", temporal: { workflow: { worker: "app:tw" } } });
  });

  it("leaves registry.entry data alone: it is free configuration", () => {
    const config = entry("app:config", "registry.entry", { process: "x", lifecycle: { depends_on: ["y"] } }, { supervisor: "z" });
    expect(resolveReferences(config).entry).toEqual(config);
  });

  it("resolves only lifecycle and supervisor references of kinds it does not know", () => {
    const { entry: out } = resolveReferences(entry("app:ep", "http.endpoint", { func: "handler", lifecycle: { depends_on: ["db"] } }, { router: "api", supervisor: "root" }));
    expect(out.data).toEqual({ func: "handler", lifecycle: { depends_on: ["app:db"] } });
    expect(out.meta).toEqual({ router: "api", supervisor: "app:root" });
  });

  it("leaves values of the wrong type for validation to report", () => {
    const odd = entry("app:s", "process.service", { process: 5, host: ["h"], lifecycle: { depends_on: "db" } });
    expect(resolveReferences(odd)).toEqual({ entry: odd, problems: [] });
  });

  it("reports references that cannot be entry ids, with their path", () => {
    const { problems } = resolveReferences(entry("app:s", "process.service", { process: "has space", host: "h", lifecycle: { depends_on: ["ok", ""] } }));
    expect(problems.map((p) => p.path)).toEqual([
      ["data", "process"],
      ["data", "lifecycle", "depends_on", 1],
    ]);
  });
});
