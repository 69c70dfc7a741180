CREATE TABLE "reminder_digests" (
	"user_id" integer NOT NULL,
	"week" text NOT NULL,
	"reminders" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_digests_user_id_week_pk" PRIMARY KEY("user_id","week"),
	CONSTRAINT "reminder_digests_week" CHECK ("reminder_digests"."week" ~ '^[0-9]{4}-W[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"disabled_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"quiet_months" integer DEFAULT 12 NOT NULL,
	"digest" text DEFAULT 'weekly' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_settings_kinds_known" CHECK ("reminder_settings"."disabled_kinds" <@ array['tie_anniversary', 'tie_renewal', 'tie_quiet', 'invitation_unanswered', 'campaign_deadline']::text[]),
	CONSTRAINT "reminder_settings_quiet_months" CHECK ("reminder_settings"."quiet_months" in (3, 6, 12, 24)),
	CONSTRAINT "reminder_settings_digest" CHECK ("reminder_settings"."digest" in ('weekly', 'off'))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reminder_key" text;--> statement-breakpoint
ALTER TABLE "reminder_digests" ADD CONSTRAINT "reminder_digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_reminder_uq" ON "notifications" USING btree ("user_id","reminder_key") WHERE "notifications"."reminder_key" is not null;