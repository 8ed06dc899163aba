/**
 * Calls the control plane's tRPC API over HTTP with a browser context's cookies — what a person
 * could do with the browser's devtools. Used to arrange data quickly (create an entry, a user)
 * and to prove that the server, not only the UI, refuses what a role may not do.
 *
 * Wire format (tRPC 11, superjson, no batching): a query is `GET /api/trpc/<path>?input=`
 * `{"json": input}`, a mutation `POST /api/trpc/<path>` with that body; the answer is
 * `{result: {data: {json}}}` or `{error: {json: {message, data: {code, httpStatus}}}}`.
 * Mutations carry the page's own `Origin`, as the browser would send it.
 */
import type { APIRequestContext } from "@playwright/test";

export type TrpcOutcome<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

interface TrpcBody<T> {
  result?: { data?: { json?: T } };
  error?: { json?: { message?: string; data?: { code?: string } } };
}

async function outcome<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<TrpcOutcome<T>> {
  const body = (await response.json()) as TrpcBody<T>;
  if (response.ok() && body.result?.data) return { ok: true, data: body.result.data.json as T };
  return { ok: false, status: response.status(), code: body.error?.json?.data?.code ?? "UNKNOWN", message: body.error?.json?.message ?? "" };
}

export class TrpcClient {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseURL: string,
  ) {}

  async query<T>(path: string, input?: unknown): Promise<TrpcOutcome<T>> {
    const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    return outcome<T>(await this.request.get(`${this.baseURL}/api/trpc/${path}${search}`));
  }

  async mutation<T>(path: string, input?: unknown): Promise<TrpcOutcome<T>> {
    const response = await this.request.post(`${this.baseURL}/api/trpc/${path}`, {
      data: { json: input ?? null },
      headers: { origin: this.baseURL, "content-type": "application/json" },
    });
    return outcome<T>(response);
  }

  /** The data, or an error naming the call and the server's answer. */
  async queryOrThrow<T>(path: string, input?: unknown): Promise<T> {
    return dataOrThrow(path, await this.query<T>(path, input));
  }

  async mutationOrThrow<T>(path: string, input?: unknown): Promise<T> {
    return dataOrThrow(path, await this.mutation<T>(path, input));
  }
}

function dataOrThrow<T>(path: string, result: TrpcOutcome<T>): T {
  if (result.ok) return result.data;
  throw new Error(`${path} failed: HTTP ${result.status} ${result.code}: ${result.message}`);
}
