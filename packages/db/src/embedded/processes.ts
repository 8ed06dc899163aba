/** Process liveness, shared by the folder lock, holders and postmaster checks. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (e.g. postgres while we are not root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
