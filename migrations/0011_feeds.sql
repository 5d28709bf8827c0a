CREATE TABLE "feed_items" (
	"feed_id" integer NOT NULL,
	"uid" text NOT NULL,
	"hash" text NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "feed_items_feed_id_uid_pk" PRIMARY KEY("feed_id","uid")
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"team_id" integer,
	"person_id" integer,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reset_at" timestamp with time zone,
	CONSTRAINT "feeds_owner_ck" CHECK (("feeds"."kind" = 'team' AND "feeds"."team_id" IS NOT NULL AND "feeds"."person_id" IS NULL) OR ("feeds"."kind" = 'person' AND "feeds"."person_id" IS NOT NULL AND "feeds"."team_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_token_hash_uq" ON "feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_team_uq" ON "feeds" USING btree ("team_id") WHERE "feeds"."kind" = 'team';--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_person_uq" ON "feeds" USING btree ("person_id") WHERE "feeds"."kind" = 'person';