import Link from "next/link";

export default function NotFound() {
  return (
    <div className="auth-page">
      <div className="card auth-card card-body" data-testid="not-found">
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link href="/registry">Go to the registry</Link>
      </div>
    </div>
  );
}
