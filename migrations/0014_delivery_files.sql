CREATE TABLE "delivery_files" (
	"delivery_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "delivery_files_pk" PRIMARY KEY("delivery_id","position"),
	CONSTRAINT "delivery_files_position_ck" CHECK ("delivery_files"."position" >= 0)
);
--> statement-breakpoint
ALTER TABLE "delivery_files" ADD CONSTRAINT "delivery_files_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;