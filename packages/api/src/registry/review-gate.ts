/**
 * The review gate for people's writes (issue 9): where a `registry.review_rules` entry says
 * people's saves need review (`editors: true`), a direct write from the control plane — save,
 * create, rename, delete, the supervision canvas, rollback — is refused with a
 * `reviewRequired` problem (PRECONDITION_FAILED), and the UI offers to propose it instead
 * (`changes.propose`). Rules are read from the registry at the time of the write.
 */
import type { RegistryStore } from "@wippy/db";
import { REVIEW_RULES_KIND, ReviewRules, type ReviewRequirement } from "@wippy/runtime/registry";
import { problemError } from "../problems";

export async function reviewRulesOf(store: Pick<RegistryStore, "find">): Promise<ReviewRules> {
  return ReviewRules.fromEntries((await store.find({ ".kind": REVIEW_RULES_KIND })).entries);
}

/** What a person's change to `ids` needs. */
export async function personReview(store: Pick<RegistryStore, "find">, ids: readonly string[]): Promise<ReviewRequirement> {
  return (await reviewRulesOf(store)).requirement(ids, "person");
}

/** Throws PRECONDITION_FAILED (`reviewRequired`) when a rule says a person must propose this change. */
export async function refuseIfReviewed(store: Pick<RegistryStore, "find">, ids: readonly string[]): Promise<void> {
  const review = await personReview(store, ids);
  if (!review.required) return;
  const first = review.covered[0] ?? "";
  const more = review.covered.length > 1 ? ` (and ${review.covered.length - 1} more)` : "";
  throw problemError(
    "PRECONDITION_FAILED",
    { kind: "reviewRequired", entries: [...review.covered], rules: [...review.rules], approvals: review.approvals },
    `changes to ${first}${more} need review (${review.rules.join(", ")}): propose them as a change request instead`,
  );
}
