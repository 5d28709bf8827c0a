CREATE TABLE "accepted_invocations" (
	"platform" text NOT NULL,
	"event_id" text NOT NULL,
	"invocation" jsonb NOT NULL,
	"route" jsonb NOT NULL,
	"reply_secret" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"accepted_at" timestamp with time zone NOT NULL,
	"reply" jsonb,
	"replied_at" timestamp with time zone,
	CONSTRAINT "accepted_invocations_platform_event_id_pk" PRIMARY KEY("platform","event_id")
);
--> statement-breakpoint
CREATE INDEX "accepted_invocations_open_idx" ON "accepted_invocations" USING btree ("platform","status") WHERE replied_at is null;