ALTER TABLE "events" ADD COLUMN "media_links" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "outcomes" jsonb DEFAULT '{}'::jsonb NOT NULL;