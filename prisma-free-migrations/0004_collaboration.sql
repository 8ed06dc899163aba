CREATE TABLE "comments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"author_email" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "comments_body_length" CHECK (char_length("comments"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"node_id" text NOT NULL,
	"service" text NOT NULL,
	"episode" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"restarts" integer DEFAULT 0 NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "incidents_kind" CHECK ("incidents"."kind" in ('crash_loop', 'service_failed'))
);
--> statement-breakpoint
CREATE INDEX "comments_target_idx" ON "comments" USING btree ("target","id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_episode_idx" ON "incidents" USING btree ("kind","node_id","service","episode");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_open_idx" ON "incidents" USING btree ("kind","node_id","service") WHERE "incidents"."resolved_at" is null;