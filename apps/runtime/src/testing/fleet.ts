/**
 * Test support: a fleet of real runtime node processes (`wippy start`, no app folder: they
 * follow the registry already in the database) on one database, to kill, pause and restart.
 *
 *   const fleet = new NodeFleet(env, 3);
 *   await fleet.start();
 *   const victim = fleet.random(); fleet.kill(victim); await fleet.restart(victim);
 *   await fleet.stop();
 *
 * A node's id is `<hostname>:<pid>` (RuntimeNode's default), so ledger rows written with
 * `ctx.get("node_id")` name the process that wrote them; `killed` keeps every killed id.
 */
import { hostname } from "node:os";
import { WippyChild } from "./cli";

export class NodeFleet {
  readonly nodes: WippyChild[] = [];
  /** Node ids of every process killed with SIGKILL so far. */
  readonly killed = new Set<string>();
  /** Every child ever started (also the killed ones), for their logs. */
  readonly everyone: WippyChild[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly size: number,
  ) {}

  static idOf(child: WippyChild): string {
    return `${hostname()}:${child.pid}`;
  }

  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, (_, i) => this.launch(i)));
  }

  private async launch(slot: number): Promise<WippyChild> {
    const child = new WippyChild(["start", "--json", "--no-web"], this.env);
    this.nodes[slot] = child;
    this.everyone.push(child);
    const died = child.exited.then((code) => {
      throw new Error(`node ${slot} exited with ${code} before it was running:\n${child.stderr}`);
    });
    await Promise.race([child.waitFor(() => child.events().find((e) => e.event === "running"), `node ${slot} running`, 60_000), died]);
    died.catch(() => undefined); // it exits later, when killed or stopped: not an error then
    return child;
  }

  randomSlot(): number {
    return Math.floor(Math.random() * this.nodes.length);
  }

  kill(slot: number): string {
    const child = this.nodes[slot]!;
    const id = NodeFleet.idOf(child);
    this.killed.add(id);
    child.signal("SIGKILL");
    return id;
  }

  async restart(slot: number): Promise<void> {
    await this.nodes[slot]!.exited;
    await this.launch(slot);
  }

  /** SIGTERM to every live node; resolves when all have exited. */
  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (child) => {
        child.signal("SIGTERM");
        await child.exited;
      }),
    );
  }

  /** stdout + stderr of every process the fleet ran, for failure messages. */
  logs(): string {
    return this.everyone.map((c) => `--- ${NodeFleet.idOf(c)}\n${c.lines.join("\n")}\n${c.stderr}`).join("\n");
  }
}
