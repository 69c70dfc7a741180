CREATE TYPE "public"."invitation_status" AS ENUM('invited', 'accepted', 'declined', 'tentative', 'attended', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."participant_role" AS ENUM('guest', 'media_partner', 'exhibitor', 'sponsor', 'speaker_organization');--> statement-breakpoint
CREATE TABLE "event_delegates" (
	"invitation_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "event_delegates_invitation_id_person_id_pk" PRIMARY KEY("invitation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "event_invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"place_id" integer,
	"organization_id" integer,
	"role" "participant_role" DEFAULT 'guest' NOT NULL,
	"supported_by_id" integer,
	"status" "invitation_status" DEFAULT 'invited' NOT NULL,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_invitations_one_invitee" CHECK (("event_invitations"."place_id" is null) <> ("event_invitations"."organization_id" is null))
);
--> statement-breakpoint
ALTER TABLE "event_delegates" ADD CONSTRAINT "event_delegates_invitation_id_event_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."event_invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_delegates" ADD CONSTRAINT "event_delegates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_supported_by_id_organizations_id_fk" FOREIGN KEY ("supported_by_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_delegates_person_idx" ON "event_delegates" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_invitations_place_uq" ON "event_invitations" USING btree ("event_id","place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_invitations_organization_uq" ON "event_invitations" USING btree ("event_id","organization_id");--> statement-breakpoint
CREATE INDEX "event_invitations_place_idx" ON "event_invitations" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "event_invitations_organization_idx" ON "event_invitations" USING btree ("organization_id");