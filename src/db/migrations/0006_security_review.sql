CREATE TABLE "sign_in_attempts" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sign_in_attempts_scope_key_pk" PRIMARY KEY("scope","key"),
	CONSTRAINT "sign_in_attempts_scope" CHECK ("sign_in_attempts"."scope" in ('address', 'account'))
);
--> statement-breakpoint
ALTER TABLE "partnership_documents" ADD COLUMN "organization_id" integer;--> statement-breakpoint
CREATE INDEX "sign_in_attempts_window_idx" ON "sign_in_attempts" USING btree ("window_started_at");--> statement-breakpoint
ALTER TABLE "partnership_documents" ADD CONSTRAINT "partnership_documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partnership_documents_sha256_idx" ON "partnership_documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "partnership_documents_organization_idx" ON "partnership_documents" USING btree ("organization_id");