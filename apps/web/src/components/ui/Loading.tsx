/** The loading line every page and panel shows while its data is on the way. */
export function Loading({ label = "Loading…", testId = "loading" }: { label?: string; testId?: string }) {
  return (
    <div className="loading" role="status" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
