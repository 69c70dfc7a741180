ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_target";--> statement-breakpoint
ALTER TABLE "support_requests" ADD COLUMN "target_region" text;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_region_code" CHECK ("support_requests"."target_region" ~ '^[A-Z]{2}[.][A-Za-z0-9]{1,20}$');--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_target" CHECK (num_nonnulls("support_requests"."target_place_id", "support_requests"."target_country", "support_requests"."target_region") >= 1);