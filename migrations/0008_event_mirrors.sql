CREATE TABLE "event_mirror_alerts" (
	"team_id" integer NOT NULL,
	"reason" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "event_mirror_alerts_team_id_reason_pk" PRIMARY KEY("team_id","reason")
);
--> statement-breakpoint
CREATE TABLE "event_mirrors" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"subject_key" text NOT NULL,
	"external_id" text,
	"desired" jsonb NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"applied_version" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_mirror_alerts" ADD CONSTRAINT "event_mirror_alerts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_mirrors" ADD CONSTRAINT "event_mirrors_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_mirrors_subject_uq" ON "event_mirrors" USING btree ("subject_key");--> statement-breakpoint
CREATE UNIQUE INDEX "event_mirrors_external_uq" ON "event_mirrors" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "event_mirrors_team_idx" ON "event_mirrors" USING btree ("team_id","status");