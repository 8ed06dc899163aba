/**
 * docker-compose.yml cannot run on this machine (no Docker engine), so its shape is checked
 * here: the services the production layout needs, the env they need, that every command is a
 * real `wippy` command, and that the control plane runs as its own service that nodes reach.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = path.join(root, "apps/runtime/bin/wippy.js");

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}

const compose = parse(fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true }) as { services: Record<string, Service> };

describe("docker-compose.yml", () => {
  const { services } = compose;

  it("runs PostgreSQL with a health check and a persistent volume", () => {
    const pg = services.postgres;
    expect(pg?.image).toMatch(/^postgres:\d+/);
    expect(pg?.healthcheck?.test.join(" ")).toContain("pg_isready");
    expect(pg?.volumes?.[0]).toMatch(/:\/var\/lib\/postgresql\/data$/);
  });

  it("points every Wippy service at that PostgreSQL with DATABASE_URL, after it is healthy", () => {
    const pgEnv = services.postgres?.environment ?? {};
    const wippy = Object.entries(services).filter(([name]) => name !== "postgres");
    expect(wippy.map(([name]) => name)).toContain("runtime");
    for (const [name, svc] of wippy) {
      const url = new URL(svc.environment?.DATABASE_URL ?? "missing:");
      expect(url.protocol, name).toBe("postgres:");
      expect(url.hostname, name).toBe("postgres");
      expect(url.username, name).toBe(pgEnv.POSTGRES_USER);
      expect(url.password, name).toBe(pgEnv.POSTGRES_PASSWORD);
      expect(url.pathname, name).toBe(`/${pgEnv.POSTGRES_DB}`);
      expect(svc.depends_on?.postgres?.condition, name).toBe("service_healthy");
      expect(svc.build, name).toBe(".");
    }
  });

  it("builds from a Dockerfile whose entrypoint is the wippy CLI, with the control plane's pages built in", () => {
    const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build -w @wippy\/web/);
    expect(dockerfile).toMatch(/ENTRYPOINT \["npx", "--no-install", "wippy"\]/);
  });

  it("runs the control plane as `web`: its server, its port, a health check, and a URL nodes can dial", () => {
    const web = services.web;
    const [node, ...args] = web?.entrypoint ?? [];
    expect(node).toBe("node");
    expect(args.slice(0, 2)).toEqual(["--import", "tsx"]);
    expect(fs.existsSync(path.join(root, args[2] ?? "missing"))).toBe(true);
    const port = web?.environment?.PORT;
    expect(web?.ports).toContain(`${port}:${port}`);
    expect(web?.healthcheck?.test.join(" ")).toContain(`localhost:${port}/api/health`);
    expect(new URL(web?.environment?.WIPPY_NODE_URL ?? "missing:").host).toBe(`web:${port}`);
    expect(new URL(web?.environment?.WIPPY_PUBLIC_URL ?? "missing:").port).toBe(port);
  });

  it("keeps runtime nodes scalable and without a control plane of their own", () => {
    const runtime = services.runtime as Service & { deploy?: { replicas?: number } };
    expect(runtime.command?.[0]).toBe("start");
    expect(runtime.command).toContain("--no-web");
    expect(runtime.ports ?? []).toEqual([]);
    expect(runtime.deploy?.replicas).toBeGreaterThan(1);
  });

  it("uses only commands the wippy CLI has", () => {
    for (const [name, svc] of Object.entries(services)) {
      if (!svc.command) continue;
      const [command, ...args] = svc.command;
      const r = spawnSync(process.execPath, [bin, command as string, "--help"], { encoding: "utf8" });
      expect(r.status, `${name}: wippy ${command} --help\n${r.stderr}`).toBe(0);
      for (const arg of args.filter((a) => !a.startsWith("-"))) expect(fs.existsSync(path.join(root, arg)), `${name}: ${arg}`).toBe(true);
    }
  });
});
