CREATE TYPE "public"."session_kind" AS ENUM('opening', 'panel', 'keynote', 'workshop', 'closing', 'group_photo');--> statement-breakpoint
CREATE TYPE "public"."speaker_role" AS ENUM('opening_speaker', 'keynote_speaker', 'moderator', 'panelist', 'closing_speaker');--> statement-breakpoint
CREATE TABLE "event_seats" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_seats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"position" integer NOT NULL,
	"place_id" integer,
	"organization_id" integer,
	CONSTRAINT "event_seats_one_party" CHECK (("event_seats"."place_id" is null) <> ("event_seats"."organization_id" is null))
);
--> statement-breakpoint
CREATE TABLE "event_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" "session_kind" NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"title" jsonb NOT NULL,
	"theme" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "event_sessions_ends_after_start" CHECK ("event_sessions"."ends_at" >= "event_sessions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "event_speakers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_speakers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"position" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" "speaker_role" NOT NULL,
	"post_id" integer
);
--> statement-breakpoint
ALTER TABLE "event_seats" ADD CONSTRAINT "event_seats_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_seats" ADD CONSTRAINT "event_seats_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_seats" ADD CONSTRAINT "event_seats_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_seats_position_uq" ON "event_seats" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "event_seats_place_idx" ON "event_seats" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "event_seats_organization_idx" ON "event_seats" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_sessions_position_uq" ON "event_sessions" USING btree ("event_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "event_speakers_position_uq" ON "event_speakers" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "event_speakers_person_idx" ON "event_speakers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "event_speakers_post_idx" ON "event_speakers" USING btree ("post_id");