/**
 * What the test global setup hands to test files through vitest's provide/inject:
 * one `TestServer` per PostgreSQL every DB test runs against.
 */
export interface TestServer {
  name: "embedded" | "external";
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  /** Why the server cannot be used; DB tests against it fail with this message. */
  error?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    wippyTestServers: TestServer[];
  }
}
