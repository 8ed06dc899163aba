"use client";
/** A failed query or mutation, in words, with a retry when one makes sense. */
import { errorMessage } from "@/lib/api-errors";

interface ErrorMessageProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  testId?: string;
}

export function ErrorMessage({ error, title, onRetry, testId = "error-message" }: ErrorMessageProps) {
  return (
    <div className="notice error" role="alert" data-testid={testId}>
      <div className="row">
        <span>
          {title ? <strong>{title}: </strong> : null}
          {errorMessage(error)}
        </span>
        {onRetry ? (
          <button type="button" className="btn-sm" onClick={onRetry}>
            Retry
          </button>
        ) : null}
      </div>
    </div>
  );
}
