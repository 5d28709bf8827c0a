CREATE TABLE "training_attendance" (
	"occurrence_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"attended" boolean NOT NULL,
	"source" text NOT NULL,
	"task_id" integer,
	"marked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_attendance_occurrence_id_person_id_pk" PRIMARY KEY("occurrence_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_invitees" (
	"training_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "training_invitees_training_id_person_id_pk" PRIMARY KEY("training_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_occurrences" (
	"id" serial PRIMARY KEY NOT NULL,
	"training_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"link" text,
	"max_seats" integer,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"recording_url" text,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_rsvps" (
	"occurrence_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_rsvps_occurrence_id_person_id_pk" PRIMARY KEY("occurrence_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_settings" (
	"team_id" integer PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"reminder_offsets" integer[] DEFAULT '{1440,60}'::integer[] NOT NULL,
	"no_show_days" integer DEFAULT 3 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"creator_id" integer NOT NULL,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"link" text,
	"max_seats" integer,
	"everyone" boolean DEFAULT false NOT NULL,
	"recurrence" jsonb,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_occurrence_id_training_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."training_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_invitees" ADD CONSTRAINT "training_invitees_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_invitees" ADD CONSTRAINT "training_invitees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_occurrences" ADD CONSTRAINT "training_occurrences_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_rsvps" ADD CONSTRAINT "training_rsvps_occurrence_id_training_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."training_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_rsvps" ADD CONSTRAINT "training_rsvps_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_settings" ADD CONSTRAINT "training_settings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_creator_id_people_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_occurrences_seq_uq" ON "training_occurrences" USING btree ("training_id","seq");--> statement-breakpoint
CREATE INDEX "training_occurrences_start_idx" ON "training_occurrences" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trainings_team_number_uq" ON "trainings" USING btree ("team_id","number");