CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."response_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."network_kind" AS ENUM('network', 'working_group');--> statement-breakpoint
CREATE TABLE "campaign_answers" (
	"response_id" integer NOT NULL,
	"question_key" text NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_answers_response_id_question_key_pk" PRIMARY KEY("response_id","question_key")
);
--> statement-breakpoint
CREATE TABLE "campaign_responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"status" "response_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"reopened_at" timestamp with time zone,
	"reopened_by" integer,
	"applied_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_responses_submitted" CHECK (("campaign_responses"."status" = 'submitted') = ("campaign_responses"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"network_id" integer NOT NULL,
	"previous_id" integer,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country_code" text,
	"definition" jsonb DEFAULT '{"sections":[]}'::jsonb NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"opens_on" date,
	"closes_on" date,
	"results_shared_at" timestamp with time zone,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "campaigns_dates_order" CHECK ("campaigns"."closes_on" >= "campaigns"."opens_on"),
	CONSTRAINT "campaigns_not_own_previous" CHECK ("campaigns"."previous_id" <> "campaigns"."id"),
	CONSTRAINT "campaigns_country_code" CHECK ("campaigns"."country_code" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "network_coordinators" (
	"network_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_coordinators_network_id_organization_id_pk" PRIMARY KEY("network_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "network_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"network_id" integer NOT NULL,
	"place_id" integer,
	"organization_id" integer,
	"joined_on" date,
	"left_on" date,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_members_one_member" CHECK (("network_members"."place_id" is null) <> ("network_members"."organization_id" is null)),
	CONSTRAINT "network_members_dates_order" CHECK ("network_members"."left_on" >= "network_members"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "network_posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "network_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"network_id" integer NOT NULL,
	"parent_id" integer,
	"author_id" integer,
	"organization_id" integer NOT NULL,
	"body" text NOT NULL,
	"mentions" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "network_posts_body_present" CHECK (length(btrim("network_posts"."body")) between 1 and 10000),
	CONSTRAINT "network_posts_not_own_parent" CHECK ("network_posts"."parent_id" <> "network_posts"."id")
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "networks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "network_kind" NOT NULL,
	"parent_id" integer,
	"name" jsonb NOT NULL,
	"short_name" text,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"theme" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country_code" text,
	"secretariat_id" integer,
	"website" text,
	"founded_on" date,
	"visibility" "visibility" DEFAULT 'published' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "networks_parent_matches_kind" CHECK (("networks"."kind" = 'working_group') = ("networks"."parent_id" is not null)),
	CONSTRAINT "networks_not_own_parent" CHECK ("networks"."parent_id" <> "networks"."id"),
	CONSTRAINT "networks_country_code" CHECK ("networks"."country_code" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"organization_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "network_id" integer;--> statement-breakpoint
ALTER TABLE "campaign_answers" ADD CONSTRAINT "campaign_answers_response_id_campaign_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."campaign_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_answers" ADD CONSTRAINT "campaign_answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_responses" ADD CONSTRAINT "campaign_responses_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_responses" ADD CONSTRAINT "campaign_responses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_responses" ADD CONSTRAINT "campaign_responses_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_responses" ADD CONSTRAINT "campaign_responses_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_previous_id_campaigns_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_coordinators" ADD CONSTRAINT "network_coordinators_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_coordinators" ADD CONSTRAINT "network_coordinators_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_coordinators" ADD CONSTRAINT "network_coordinators_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_parent_id_network_posts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."network_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_parent_id_networks_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."networks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_secretariat_id_organizations_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_responses_member_uq" ON "campaign_responses" USING btree ("campaign_id","organization_id");--> statement-breakpoint
CREATE INDEX "campaign_responses_organization_idx" ON "campaign_responses" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "campaigns_network_idx" ON "campaigns" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "campaigns_previous_idx" ON "campaigns" USING btree ("previous_id");--> statement-breakpoint
CREATE INDEX "network_coordinators_organization_idx" ON "network_coordinators" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_members_place_uq" ON "network_members" USING btree ("network_id","place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_members_organization_uq" ON "network_members" USING btree ("network_id","organization_id");--> statement-breakpoint
CREATE INDEX "network_members_place_idx" ON "network_members" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "network_members_organization_idx" ON "network_members" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "network_posts_network_idx" ON "network_posts" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "network_posts_parent_idx" ON "network_posts" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "networks_parent_idx" ON "networks" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "networks_secretariat_idx" ON "networks" USING btree ("secretariat_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partnerships_network_idx" ON "partnerships" USING btree ("network_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_language_known" CHECK ("users"."language" in ('fi', 'sv', 'en'));--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_network_kind" CHECK ("partnerships"."network_id" is null or "partnerships"."kind" = 'network_membership');