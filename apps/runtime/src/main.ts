/**
 * The `wippy` command line (LUA_API.md §9). Each command lives in commands/<name>.ts; this file
 * only declares the command-line surface.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { runCommand } from "./command";
import { applyCommand } from "./commands/apply";
import { devCommand, DEFAULT_DEBOUNCE_MS } from "./commands/dev";
import { exportCommand } from "./commands/export";
import { diffCommand, historyCommand, listCommand, rollbackCommand, showCommand } from "./commands/registry";
import { psCommand } from "./commands/ps";
import { runCommand as runAppCommand } from "./commands/run";
import { DEFAULT_WEB_PORT, startCommand, type StartFlags } from "./commands/start";
import { DEFAULT_TEST_TIMEOUT_MS, testCommand } from "./commands/test";
import { startRunCommand } from "./commands/workflow-start";
import { cancelRunCommand, listRunsCommand, showRunCommand, signalRunCommand, terminateRunCommand, upgradeRunCommand } from "./commands/workflow";
import { EXIT } from "./output";

function versionArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`"${value}" is not a version number`);
  return n;
}

function portArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number`);
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const program = new Command("wippy")
  .description("Wippy: Lua actors with a versioned registry in PostgreSQL")
  .option("--json", "print one JSON document on stdout (for scripts)")
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage));

const json = (cmd: Command) => Boolean(cmd.optsWithGlobals().json);

program
  .command("start")
  .description("start everything on this machine: database, migrations, the app, the runtime node, the web control plane")
  .argument("[dir]", "application folder to apply first")
  .option("--no-web", "do not start the web control plane (the node still reports to one that runs elsewhere)")
  .option("--web-port <port>", "port of the web control plane", portArg, DEFAULT_WEB_PORT)
  // For tests and headless servers: the control plane's API and sockets without its pages (no build).
  .addOption(new Option("--no-web-ui", "serve the control plane's API and sockets only").hideHelp())
  .action((dir: string | undefined, o: StartFlags, cmd: Command) => runCommand(json(cmd), (ctx) => startCommand(ctx, dir, o)));

program
  .command("apply")
  .description("load a folder and apply it as one new registry version")
  .argument("<dir>", "application folder")
  .option("-m, --message <text>", "version message")
  .option("--no-prune", "keep entries of the folder's namespaces that the folder no longer has")
  .option("--dry-run", "show what would change, apply nothing")
  .action((dir: string, o: { message?: string; prune: boolean; dryRun?: boolean }, cmd: Command) =>
    runCommand(json(cmd), (ctx) => applyCommand(ctx, dir, o)),
  );

program
  .command("export")
  .description("write the registry back to a folder in the same format")
  .argument("<dir>", "target folder")
  .option("--version <n>", "export this version instead of the current one", versionArg)
  .option("--namespace <ns>", "only this namespace and its children (repeatable)", collect)
  .option("--force", "write into a non-empty folder")
  .action((dir: string, o: { version?: number; namespace?: string[]; force?: boolean }, cmd: Command) =>
    runCommand(json(cmd), (ctx) => exportCommand(ctx, dir, o)),
  );

program
  .command("dev")
  .description("apply a folder, then again on every change (debounced)")
  .argument("<dir>", "application folder")
  .option("--debounce <ms>", "quiet time that ends a burst of saves", (v) => versionArg(v), DEFAULT_DEBOUNCE_MS)
  .action((dir: string, o: { debounce: number }, cmd: Command) => runCommand(json(cmd), (ctx) => devCommand(ctx, dir, o)));

program
  .command("run")
  .description("boot the app's auto_start services and keep running; with -x, run one process on the terminal host and exit")
  .argument("[dir]", "application folder to apply first")
  .argument("[args...]", "arguments for the -x entry")
  .option("-x, --exec <entry>", "run this process.lua entry with stdin/stdout attached, then exit")
  .action((dir: string | undefined, args: string[], o: { exec?: string }, cmd: Command) =>
    runCommand(json(cmd), (ctx) => runAppCommand(ctx, dir, args, o)),
  );

program
  .command("test")
  .description("boot the app, run every function.lua with meta.type: test, end with `N passed, N failed`")
  .argument("[dir]", "application folder to apply first")
  .option("--timeout <ms>", "per-test timeout", (v) => versionArg(v), DEFAULT_TEST_TIMEOUT_MS)
  .option("--suite <name>", "only this meta.suite")
  .option("-v, --verbose", "also print passing tests")
  .action((dir: string | undefined, o: { timeout: number; suite?: string; verbose?: boolean }, cmd: Command) =>
    runCommand(json(cmd), (ctx) => testCommand(ctx, dir, o)),
  );

program
  .command("ps")
  .description("the supervision tree and processes of every node running from this folder")
  .action((_o, cmd: Command) => runCommand(json(cmd), (ctx) => psCommand(ctx)));

const registry = program.command("registry").description("read and move the versioned registry");
registry
  .command("list")
  .description("list entries (filters: --kind, --ns, --filter key=value in the registry.find syntax)")
  .option("--kind <kind>", "only this kind")
  .option("--ns <namespace>", "only this namespace")
  .option("--filter <key=value>", "registry.find filter, e.g. meta.type=test or ^.name=get_ (repeatable)", collect)
  .action((o: { kind?: string; ns?: string; filter?: string[] }, cmd: Command) => runCommand(json(cmd), (ctx) => listCommand(ctx, o)));
registry
  .command("show")
  .description("show one entry")
  .argument("<id>", "entry id (namespace:name)")
  .option("--version <n>", "as of this version", versionArg)
  .action((id: string, o: { version?: number }, cmd: Command) => runCommand(json(cmd), (ctx) => showCommand(ctx, id, o)));
registry
  .command("history")
  .description("list versions, newest first (or the revisions of one entry)")
  .argument("[id]", "entry id")
  .option("--limit <n>", "how many versions", versionArg, 50)
  .action((id: string | undefined, o: { limit: number }, cmd: Command) => runCommand(json(cmd), (ctx) => historyCommand(ctx, id, o)));
registry
  .command("diff")
  .description("entries changed between two versions (to defaults to the current one)")
  .argument("<from>", "version", versionArg)
  .argument("[to]", "version", versionArg)
  .action((from: number, to: number | undefined, _o, cmd: Command) => runCommand(json(cmd), (ctx) => diffCommand(ctx, from, to)));
registry
  .command("rollback")
  .description("make the registry as it was at a version, as a new version")
  .argument("<version>", "target version", versionArg)
  .option("-m, --message <text>", "version message")
  .action((version: number, o: { message?: string }, cmd: Command) => runCommand(json(cmd), (ctx) => rollbackCommand(ctx, version, o)));

const workflow = program.command("workflow").description("start, inspect and steer durable workflow runs");
workflow
  .command("list")
  .description("list workflow runs, newest first")
  .option("--status <status>", "only runs with this status (running, completed, failed, canceled, terminated)")
  .option("--workflow <id>", "only runs of this workflow entry")
  .option("--limit <n>", "how many runs", versionArg, 100)
  .action((o: { status?: string; workflow?: string; limit: number }, cmd: Command) => runCommand(json(cmd), (ctx) => listRunsCommand(ctx, o)));
workflow
  .command("start")
  .description("start a durable run of a workflow.lua entry (any node serving its host runs it)")
  .argument("<workflow>", "workflow entry id, e.g. shop:order")
  .argument("[args...]", "arguments, each as JSON")
  .option("--host <id>", "workflow.host to run on (default: the registry's only one)")
  .option("--id <id>", "business id of the run (workflow.id)")
  .option("--policy <policy>", "when a run with that id exists: use_existing (default), fail, terminate_existing")
  .action((id: string, args: string[], o: { host?: string; id?: string; policy?: string }, cmd: Command) =>
    runCommand(json(cmd), (ctx) => startRunCommand(ctx, id, args, o)),
  );
workflow
  .command("show")
  .description("show one run and its history")
  .argument("<run>", "run id")
  .action((id: string, _o, cmd: Command) => runCommand(json(cmd), (ctx) => showRunCommand(ctx, id)));
workflow
  .command("signal")
  .description("send a signal to a running run (kept until the workflow receives it)")
  .argument("<run>", "run id")
  .argument("<topic>", "signal topic")
  .argument("[payload]", "payload as JSON")
  .action((id: string, topic: string, payload: string | undefined, _o, cmd: Command) =>
    runCommand(json(cmd), (ctx) => signalRunCommand(ctx, id, topic, payload)),
  );
workflow
  .command("cancel")
  .description("ask a running run to cancel (cooperative: the workflow sees CANCEL)")
  .argument("<run>", "run id")
  .argument("[reason]", "why")
  .action((id: string, reason: string | undefined, _o, cmd: Command) => runCommand(json(cmd), (ctx) => cancelRunCommand(ctx, id, reason)));
workflow
  .command("terminate")
  .description("end a running run at once, without running any more of its code")
  .argument("<run>", "run id")
  .argument("[reason]", "why")
  .action((id: string, reason: string | undefined, _o, cmd: Command) => runCommand(json(cmd), (ctx) => terminateRunCommand(ctx, id, reason)));
workflow
  .command("upgrade")
  .description("switch a running run to its workflow's current code, if that code replays its history")
  .argument("<run>", "run id")
  .action((id: string, _o, cmd: Command) => runCommand(json(cmd), (ctx) => upgradeRunCommand(ctx, id)));

await program.parseAsync(process.argv);
