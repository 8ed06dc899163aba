CREATE TABLE "workflow_code" (
	"hash" text PRIMARY KEY NOT NULL,
	"source" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_events" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" double precision NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "workflow_events_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "workflow_inbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflow_inbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" text NOT NULL,
	"kind" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_inbox_kind" CHECK ("workflow_inbox"."kind" in ('signal', 'cancel', 'child'))
);
--> statement-breakpoint
CREATE TABLE "workflow_leases" (
	"run_id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"owner" text,
	"epoch" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone,
	"wake_at" timestamp with time zone,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_leases_owned" CHECK (("workflow_leases"."owner" is null) = ("workflow_leases"."expires_at" is null) and ("workflow_leases"."owner" is null or "workflow_leases"."active"))
);
--> statement-breakpoint
CREATE TABLE "workflow_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow" text NOT NULL,
	"host" text NOT NULL,
	"code_hash" text NOT NULL,
	"status" text NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"halted" jsonb,
	"parent_id" text,
	"parent_command" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_runs_status" CHECK ("workflow_runs"."status" in ('running', 'completed', 'failed', 'canceled', 'terminated'))
);
--> statement-breakpoint
CREATE TABLE "workflow_timers" (
	"run_id" text NOT NULL,
	"command" integer NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workflow_timers_run_id_command_pk" PRIMARY KEY("run_id","command")
);
--> statement-breakpoint
ALTER TABLE "workflow_inbox" ADD CONSTRAINT "workflow_inbox_run_id_workflow_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_leases" ADD CONSTRAINT "workflow_leases_run_id_workflow_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_timers" ADD CONSTRAINT "workflow_timers_run_id_workflow_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_inbox_run" ON "workflow_inbox" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "workflow_leases_unowned" ON "workflow_leases" USING btree ("host") WHERE "workflow_leases"."active" and "workflow_leases"."owner" is null;--> statement-breakpoint
CREATE INDEX "workflow_leases_expiry" ON "workflow_leases" USING btree ("expires_at") WHERE "workflow_leases"."owner" is not null;--> statement-breakpoint
CREATE INDEX "workflow_leases_owner_wake" ON "workflow_leases" USING btree ("owner","wake_at") WHERE "workflow_leases"."owner" is not null;--> statement-breakpoint
CREATE INDEX "workflow_runs_status_created" ON "workflow_runs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_workflow_created" ON "workflow_runs" USING btree ("workflow","created_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_parent" ON "workflow_runs" USING btree ("parent_id");