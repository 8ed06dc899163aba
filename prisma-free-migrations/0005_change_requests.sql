CREATE SEQUENCE "public"."change_request_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "change_request_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"verdict" text NOT NULL,
	"reviewer_id" text NOT NULL,
	"reviewer_name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_request_reviews_verdict" CHECK ("change_request_reviews"."verdict" in ('approve', 'reject', 'rebase'))
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"author_kind" text NOT NULL,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"author_pid" text,
	"author_entry" text,
	"source" text NOT NULL,
	"base_version" bigint NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"ops" jsonb NOT NULL,
	"entry_ids" text[] NOT NULL,
	"approvals_required" integer DEFAULT 1 NOT NULL,
	"rules" text[] DEFAULT '{}'::text[] NOT NULL,
	"applied_version" bigint,
	"stale_version" bigint,
	"stale_entries" text[] DEFAULT '{}'::text[] NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by" text,
	"reason" text DEFAULT '' NOT NULL,
	"seq" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_requests_status" CHECK ("change_requests"."status" in ('open', 'approved', 'rejected', 'applied', 'stale')),
	CONSTRAINT "change_requests_author_kind" CHECK ("change_requests"."author_kind" in ('user', 'actor')),
	CONSTRAINT "change_requests_approvals" CHECK ("change_requests"."approvals_required" between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "change_request_reviews" ADD CONSTRAINT "change_request_reviews_request_id_change_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."change_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_request_reviews_request_idx" ON "change_request_reviews" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "change_request_reviews_one_approval" ON "change_request_reviews" USING btree ("request_id","revision","reviewer_id") WHERE "change_request_reviews"."verdict" = 'approve';--> statement-breakpoint
CREATE INDEX "change_requests_status_idx" ON "change_requests" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "change_requests_author_idx" ON "change_requests" USING btree ("author_id","id");--> statement-breakpoint
CREATE INDEX "change_requests_updated_idx" ON "change_requests" USING btree ("updated_at");