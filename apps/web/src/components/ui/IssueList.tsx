"use client";
/** A failed mutation with its input problems (`data.issues` from the API's zod validation) listed. */
import { errorData, errorMessage } from "@/lib/api-errors";

interface Issue {
  path: string;
  message: string;
}

function issuesOf(error: unknown): Issue[] {
  const issues = errorData(error)?.issues;
  return Array.isArray(issues) ? issues.filter((i): i is Issue => typeof i?.message === "string") : [];
}

export function IssueList({ error, testId = "form-error" }: { error: unknown; testId?: string }) {
  const issues = issuesOf(error);
  return (
    <div className="notice error" role="alert" data-testid={testId}>
      {issues.length > 0 ? (
        <>
          Please fix:
          <ul>
            {issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>{i.path ? `${i.path}: ${i.message}` : i.message}</li>
            ))}
          </ul>
        </>
      ) : (
        errorMessage(error)
      )}
    </div>
  );
}
