/**
 * Shared control-plane settings: values created once by whichever process needs them first
 * and then read by every server and node (`control_settings`). Creation races are settled by
 * the primary key: every caller ends up with the same value.
 *
 *   const token = await settingOrCreate(sql, NODE_TOKEN_SETTING, () => randomBytes(32).toString("base64url"));
 */
import type { Sql } from "../client";

/** The token runtime nodes present when they dial a control-plane server. */
export const NODE_TOKEN_SETTING = "node_token";
/** The secret that signs session cookies. */
export const AUTH_SECRET_SETTING = "auth_secret";

export async function readSetting(sql: Sql, key: string): Promise<string | undefined> {
  const rows = await sql<{ value: string }[]>`select value from control_settings where key = ${key}`;
  return rows[0]?.value;
}

export async function settingOrCreate(sql: Sql, key: string, create: () => string): Promise<string> {
  await sql`insert into control_settings (key, value) values (${key}, ${create()}) on conflict (key) do nothing`;
  const value = await readSetting(sql, key);
  if (value === undefined) throw new Error(`control setting ${key} vanished right after it was written`);
  return value;
}
