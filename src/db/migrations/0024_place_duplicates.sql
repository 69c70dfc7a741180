CREATE TYPE "public"."duplicate_confidence" AS ENUM('certain', 'possible');--> statement-breakpoint
CREATE TYPE "public"."duplicate_status" AS ENUM('pending', 'merged', 'distinct');--> statement-breakpoint
CREATE TABLE "place_duplicates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "place_duplicates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"low_id" integer NOT NULL,
	"high_id" integer NOT NULL,
	"suggested_into_id" integer NOT NULL,
	"confidence" "duplicate_confidence" NOT NULL,
	"reasons" jsonb NOT NULL,
	"distance_km" double precision,
	"status" "duplicate_status" DEFAULT 'pending' NOT NULL,
	"merge_id" integer,
	"import_run_id" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_duplicates_pair" UNIQUE("low_id","high_id"),
	CONSTRAINT "place_duplicates_order" CHECK ("place_duplicates"."low_id" < "place_duplicates"."high_id"),
	CONSTRAINT "place_duplicates_suggestion" CHECK ("place_duplicates"."suggested_into_id" in ("place_duplicates"."low_id", "place_duplicates"."high_id"))
);
--> statement-breakpoint
ALTER TABLE "place_duplicates" ADD CONSTRAINT "place_duplicates_low_id_places_id_fk" FOREIGN KEY ("low_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_duplicates" ADD CONSTRAINT "place_duplicates_high_id_places_id_fk" FOREIGN KEY ("high_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_duplicates" ADD CONSTRAINT "place_duplicates_merge_id_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."merges"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_duplicates" ADD CONSTRAINT "place_duplicates_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_duplicates" ADD CONSTRAINT "place_duplicates_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_duplicates_status_idx" ON "place_duplicates" USING btree ("status");