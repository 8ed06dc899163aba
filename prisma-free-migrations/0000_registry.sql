CREATE TABLE "registry_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"meta" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"version_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_head" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "registry_head_singleton" CHECK ("registry_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "registry_revisions" (
	"version_id" bigint NOT NULL,
	"entry_id" text NOT NULL,
	"op" text NOT NULL,
	"kind" text,
	"meta" jsonb,
	"data" jsonb,
	CONSTRAINT "registry_revisions_version_id_entry_id_pk" PRIMARY KEY("version_id","entry_id"),
	CONSTRAINT "registry_revisions_op" CHECK ("registry_revisions"."op" in ('create', 'update', 'delete'))
);
--> statement-breakpoint
CREATE TABLE "registry_versions" (
	"id" bigint PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"author" text NOT NULL,
	"source" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"base_version" bigint,
	CONSTRAINT "registry_versions_source" CHECK ("registry_versions"."source" in ('ui', 'file', 'api', 'agent', 'rollback'))
);
--> statement-breakpoint
ALTER TABLE "registry_entries" ADD CONSTRAINT "registry_entries_version_id_registry_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."registry_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_revisions" ADD CONSTRAINT "registry_revisions_version_id_registry_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."registry_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_entries_kind" ON "registry_entries" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "registry_revisions_entry_version" ON "registry_revisions" USING btree ("entry_id","version_id");