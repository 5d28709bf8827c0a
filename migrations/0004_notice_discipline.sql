ALTER TABLE "teams" ADD COLUMN "notice_window_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "alerts" text DEFAULT 'daily' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "last_brief_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "team_id" integer;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "nature" text DEFAULT 'news' NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "rank" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "check" jsonb;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "dropped_reason" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_target_subject_idx" ON "deliveries" USING btree ("target_key","subject","id") WHERE "deliveries"."subject" is not null;