CREATE TABLE "standup_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"status" text NOT NULL,
	"away_reason" text,
	"questions" jsonb NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"asked_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"blocker" text,
	"blocker_task_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standup_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"standup_id" integer NOT NULL,
	"local_date" date NOT NULL,
	"reported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standups" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"number" integer NOT NULL,
	"name" text,
	"time" integer NOT NULL,
	"deadline" integer NOT NULL,
	"nudge_minutes" integer DEFAULT 60 NOT NULL,
	"days" integer[],
	"questions" jsonb NOT NULL,
	"participant_ids" integer[],
	"report_style" text DEFAULT 'thread' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "standup_answers" ADD CONSTRAINT "standup_answers_run_id_standup_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."standup_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standup_answers" ADD CONSTRAINT "standup_answers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standup_answers" ADD CONSTRAINT "standup_answers_blocker_task_id_tasks_id_fk" FOREIGN KEY ("blocker_task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standup_runs" ADD CONSTRAINT "standup_runs_standup_id_standups_id_fk" FOREIGN KEY ("standup_id") REFERENCES "public"."standups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standups" ADD CONSTRAINT "standups_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standups" ADD CONSTRAINT "standups_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "standup_answers_run_person_uq" ON "standup_answers" USING btree ("run_id","person_id");--> statement-breakpoint
CREATE INDEX "standup_answers_person_idx" ON "standup_answers" USING btree ("person_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "standup_runs_standup_date_uq" ON "standup_runs" USING btree ("standup_id","local_date");--> statement-breakpoint
CREATE UNIQUE INDEX "standups_team_number_uq" ON "standups" USING btree ("team_id","number");