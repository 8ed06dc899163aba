/**
 * Expected registry failures, as tagged values (Conventions §8). Kinds use Wippy's error kind
 * strings (`LUA_API.md` §6) so that the Lua layer can pass them through unchanged.
 */
export type RegistryErrorKind = "Invalid" | "NotFound" | "AlreadyExists" | "Conflict";

export interface RegistryError {
  kind: RegistryErrorKind;
  message: string;
  /** The entry the error is about, when there is one. */
  entryId?: string;
  /** For `Conflict` on a stale base: the version the writer based on and the current head. */
  baseVersion?: number;
  currentVersion?: number;
}

export type Result<T, E = RegistryError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
