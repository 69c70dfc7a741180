ALTER TABLE "places" ADD COLUMN "admin1" text;--> statement-breakpoint
CREATE INDEX "places_admin1_idx" ON "places" USING btree ("admin1");--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_admin1_format" CHECK ("places"."admin1" ~ '^[A-Z]{2}[.][A-Za-z0-9]{1,20}$');