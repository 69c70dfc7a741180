CREATE TYPE "public"."outcome_kind" AS ENUM('lead', 'deal', 'export', 'investment', 'joint_project', 'funding', 'learning', 'policy_change');--> statement-breakpoint
CREATE TYPE "public"."support_need" AS ENUM('market_entry', 'partner_search', 'delegation', 'trade_fair', 'other');--> statement-breakpoint
CREATE TYPE "public"."support_status" AS ENUM('new', 'in_progress', 'answered', 'closed');--> statement-breakpoint
CREATE TABLE "outcome_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outcome_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"outcome_id" integer NOT NULL,
	"partnership_id" integer,
	"event_id" integer,
	"support_request_id" integer,
	"organization_id" integer,
	CONSTRAINT "outcome_links_unique" UNIQUE NULLS NOT DISTINCT("outcome_id","partnership_id","event_id","support_request_id","organization_id"),
	CONSTRAINT "outcome_links_one_target" CHECK (num_nonnulls("outcome_links"."partnership_id", "outcome_links"."event_id", "outcome_links"."support_request_id", "outcome_links"."organization_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "outcome_kind" NOT NULL,
	"achieved_on" date NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"value" numeric(18, 2),
	"currency" text,
	"evidence_url" text,
	"organization_id" integer NOT NULL,
	"visibility" "visibility" DEFAULT 'internal' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "outcomes_value_currency" CHECK (("outcomes"."value" is null) = ("outcomes"."currency" is null)),
	CONSTRAINT "outcomes_currency_code" CHECK ("outcomes"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "outcomes_value_not_negative" CHECK ("outcomes"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "support_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"need" "support_need" NOT NULL,
	"status" "support_status" DEFAULT 'new' NOT NULL,
	"target_place_id" integer,
	"target_country" text,
	"description" text,
	"answer" text,
	"received_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "support_requests_target" CHECK (num_nonnulls("support_requests"."target_place_id", "support_requests"."target_country") >= 1),
	CONSTRAINT "support_requests_country_code" CHECK ("support_requests"."target_country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "testimonials" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "testimonials_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"outcome_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"quote" jsonb NOT NULL,
	"consent_on" date NOT NULL,
	"consent_note" text
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "sector" text;--> statement-breakpoint
ALTER TABLE "outcome_links" ADD CONSTRAINT "outcome_links_outcome_id_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_links" ADD CONSTRAINT "outcome_links_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_links" ADD CONSTRAINT "outcome_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_links" ADD CONSTRAINT "outcome_links_support_request_id_support_requests_id_fk" FOREIGN KEY ("support_request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_links" ADD CONSTRAINT "outcome_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_company_id_organizations_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_target_place_id_places_id_fk" FOREIGN KEY ("target_place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testimonials" ADD CONSTRAINT "testimonials_outcome_id_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testimonials" ADD CONSTRAINT "testimonials_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_links_partnership_idx" ON "outcome_links" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "outcome_links_event_idx" ON "outcome_links" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "outcome_links_support_request_idx" ON "outcome_links" USING btree ("support_request_id");--> statement-breakpoint
CREATE INDEX "outcome_links_organization_idx" ON "outcome_links" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "outcomes_organization_idx" ON "outcomes" USING btree ("organization_id","achieved_on");--> statement-breakpoint
CREATE INDEX "support_requests_organization_idx" ON "support_requests" USING btree ("organization_id","received_on");--> statement-breakpoint
CREATE INDEX "support_requests_company_idx" ON "support_requests" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "testimonials_outcome_idx" ON "testimonials" USING btree ("outcome_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_sector" CHECK ("organizations"."sector" ~ '^[A-U]$');