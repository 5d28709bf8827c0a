CREATE TABLE "metric_value_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"metric_id" integer NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"previous" double precision,
	"logged_by" integer,
	"logged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"metric_id" integer NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"logged_by" integer,
	"logged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrics" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"target" double precision,
	"direction" text DEFAULT 'higher' NOT NULL,
	"cadence" text DEFAULT 'weekly' NOT NULL,
	"owner_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "metric_value_history" ADD CONSTRAINT "metric_value_history_metric_id_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_value_history" ADD CONSTRAINT "metric_value_history_logged_by_people_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_values" ADD CONSTRAINT "metric_values_metric_id_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_values" ADD CONSTRAINT "metric_values_logged_by_people_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metric_value_history_metric_idx" ON "metric_value_history" USING btree ("metric_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "metric_values_metric_period_uq" ON "metric_values" USING btree ("metric_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "metrics_team_name_uq" ON "metrics" USING btree ("team_id",lower("name")) WHERE "metrics"."removed_at" is null;