CREATE TYPE "public"."material_extract_status" AS ENUM('none', 'queued', 'processing', 'done', 'no_text', 'failed');--> statement-breakpoint
CREATE TYPE "public"."material_status" AS ENUM('uploading', 'ready');--> statement-breakpoint
CREATE TABLE "material_blocks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"material_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"lesson_id" uuid,
	"page" integer NOT NULL,
	"seq" smallint NOT NULL,
	"ref" text NOT NULL,
	"text" text NOT NULL,
	"x" real NOT NULL,
	"y" real NOT NULL,
	"w" real NOT NULL,
	"h" real NOT NULL,
	"nx" real NOT NULL,
	"ny" real NOT NULL,
	"nw" real NOT NULL,
	"nh" real NOT NULL
);
--> statement-breakpoint
CREATE TABLE "material_pages" (
	"material_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"width" real NOT NULL,
	"height" real NOT NULL,
	"thumbnail_key" text
);
--> statement-breakpoint
CREATE TABLE "material_searches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"query" text NOT NULL,
	"searched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "material_words" (
	"course_id" uuid NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "material_words_course_id_word_pk" PRIMARY KEY("course_id","word")
);
--> statement-breakpoint
CREATE TABLE "materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"lesson_id" uuid,
	"uploaded_by_id" uuid,
	"title" text NOT NULL,
	"key" text,
	"filename" text DEFAULT '' NOT NULL,
	"content_type" text DEFAULT 'application/octet-stream' NOT NULL,
	"size" bigint DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"status" "material_status" DEFAULT 'uploading' NOT NULL,
	"upload_key" text,
	"upload_id" text,
	"upload_filename" text,
	"upload_size" bigint,
	"part_size" integer DEFAULT 0 NOT NULL,
	"extract_status" "material_extract_status" DEFAULT 'none' NOT NULL,
	"extract_error" text,
	"page_count" integer,
	"pages_done" integer DEFAULT 0 NOT NULL,
	"block_count" integer DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"extracted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "material_blocks" ADD CONSTRAINT "material_blocks_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_pages" ADD CONSTRAINT "material_pages_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_searches" ADD CONSTRAINT "material_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_searches" ADD CONSTRAINT "material_searches_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_words" ADD CONSTRAINT "material_words_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "material_blocks_ref_key" ON "material_blocks" USING btree ("material_id","ref");--> statement-breakpoint
CREATE INDEX "material_blocks_course_idx" ON "material_blocks" USING btree ("course_id","lesson_id");--> statement-breakpoint
CREATE UNIQUE INDEX "material_pages_pk" ON "material_pages" USING btree ("material_id","page");--> statement-breakpoint
CREATE UNIQUE INDEX "material_searches_user_query_key" ON "material_searches" USING btree ("user_id","course_id","query");--> statement-breakpoint
CREATE INDEX "material_searches_user_idx" ON "material_searches" USING btree ("user_id","course_id","searched_at");--> statement-breakpoint
CREATE INDEX "materials_course_idx" ON "materials" USING btree ("course_id","lesson_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "materials_key_key" ON "materials" USING btree ("key");