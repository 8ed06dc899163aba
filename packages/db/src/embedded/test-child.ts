/**
 * Test fixture for embedded.test.ts, run as its own Node process:
 * `node --import tsx test-child.ts <appDir> exit|wait`.
 * Starts the embedded server, prints one JSON line `{ "pid": <postmaster pid>, "port": n }`,
 * then either returns without calling stop() (`exit`) or idles until a signal arrives (`wait`).
 */
import { startEmbeddedPostgres } from "../embedded";
import { readPostmasterPid } from "./postmaster";

const [appDir, mode] = process.argv.slice(2);
if (!appDir || (mode !== "exit" && mode !== "wait")) throw new Error("usage: test-child.ts <appDir> exit|wait");
const server = await startEmbeddedPostgres({ appDir, persistent: true, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify({ pid: readPostmasterPid(server.dataDir)?.pid, port: server.port, dataDir: server.dataDir })}\n`);
if (mode === "wait") setInterval(() => {}, 60_000);
