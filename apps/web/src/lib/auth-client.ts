"use client";
/**
 * The Better Auth client (email + password) for /api/auth on this origin. Made on first use in
 * the browser: the base URL is the page's own origin, never configuration.
 */
import { createAuthClient } from "better-auth/react";

type AuthClient = ReturnType<typeof createAuthClient>;
let client: AuthClient | undefined;

export function getAuthClient(): AuthClient {
  if (typeof window === "undefined") throw new Error("the auth client runs in the browser only");
  client ??= createAuthClient({ baseURL: window.location.origin, basePath: "/api/auth" });
  return client;
}

export type AuthResult = { ok: true } | { ok: false; message: string };

function failure(error: { message?: string | undefined; status?: number } | null | undefined, fallback: string): AuthResult {
  if (error?.status === 401) return { ok: false, message: "Wrong email or password." };
  return { ok: false, message: error?.message || fallback };
}

export async function signInWithEmail(email: string, password: string): Promise<AuthResult> {
  const { error } = await getAuthClient().signIn.email({ email, password });
  return error ? failure(error, "Could not sign in.") : { ok: true };
}

export async function signOut(): Promise<AuthResult> {
  const { error } = await getAuthClient().signOut();
  return error ? failure(error, "Could not sign out.") : { ok: true };
}
