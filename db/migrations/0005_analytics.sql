CREATE TABLE "analytics_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_daily" (
	"course_id" uuid NOT NULL,
	"day" date NOT NULL,
	"enrollments" integer NOT NULL,
	"active_students" integer NOT NULL,
	"lesson_completions" integer NOT NULL,
	"course_completions" integer NOT NULL,
	"quiz_attempts" integer NOT NULL,
	"quiz_passed" integer NOT NULL,
	"homework_submitted" integer NOT NULL,
	"homework_accepted" integer NOT NULL,
	"review_seconds_sum" double precision NOT NULL,
	"review_count" integer NOT NULL,
	"watch_seconds" double precision NOT NULL,
	CONSTRAINT "course_daily_course_id_day_pk" PRIMARY KEY("course_id","day")
);
--> statement-breakpoint
CREATE TABLE "platform_daily" (
	"day" date PRIMARY KEY NOT NULL,
	"active_students" integer NOT NULL,
	"new_users" integer NOT NULL,
	"enrollments" integer NOT NULL,
	"lesson_completions" integer NOT NULL,
	"course_completions" integer NOT NULL,
	"watch_seconds" double precision NOT NULL,
	"uploads" integer NOT NULL,
	"uploaded_bytes" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_daily" (
	"video_id" uuid NOT NULL,
	"day" date NOT NULL,
	"course_id" uuid NOT NULL,
	"lesson_id" uuid,
	"duration_seconds" integer NOT NULL,
	"view_starts" integer NOT NULL,
	"views" integer NOT NULL,
	"qualified_views" integer NOT NULL,
	"unique_viewers" integer NOT NULL,
	"watch_seconds" double precision NOT NULL,
	"unique_watch_seconds" double precision NOT NULL,
	"watched_share_sum" double precision NOT NULL,
	"completed_views" integer NOT NULL,
	"reached_end_views" integer NOT NULL,
	"failed_views" integer NOT NULL,
	"exits_before_start" integer NOT NULL,
	"stall_ms" double precision NOT NULL,
	"played_ms" double precision NOT NULL,
	"views_cum" integer NOT NULL,
	"coverage_cum" "bytea" NOT NULL,
	"plays_cum" "bytea" NOT NULL,
	"skips_cum" "bytea" NOT NULL,
	"exits_cum" "bytea" NOT NULL,
	"folded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_daily_video_id_day_pk" PRIMARY KEY("video_id","day")
);
--> statement-breakpoint
ALTER TABLE "video_views" ADD COLUMN "skips" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "video_views" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "video_views" ADD COLUMN "folded_revision" integer;--> statement-breakpoint
ALTER TABLE "video_views" ADD COLUMN "unique_seconds" real;--> statement-breakpoint
ALTER TABLE "course_daily" ADD CONSTRAINT "course_daily_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_daily" ADD CONSTRAINT "video_daily_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_daily" ADD CONSTRAINT "video_daily_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_daily" ADD CONSTRAINT "video_daily_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_daily_day_idx" ON "course_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "video_daily_course_day_idx" ON "video_daily" USING btree ("course_id","day");--> statement-breakpoint
CREATE INDEX "video_daily_day_idx" ON "video_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "video_views_unfolded_idx" ON "video_views" USING btree ("video_id","started_at") WHERE "video_views"."closed_at" is not null and "video_views"."folded_revision" is distinct from "video_views"."revision";