CREATE TYPE "public"."lesson_progress_status" AS ENUM('in_progress', 'completed');--> statement-breakpoint
CREATE TABLE "lesson_progress" (
	"user_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"status" "lesson_progress_status" DEFAULT 'in_progress' NOT NULL,
	"intervals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"covered_seconds" real DEFAULT 0 NOT NULL,
	"coverage" real DEFAULT 0 NOT NULL,
	"watch_seconds" real DEFAULT 0 NOT NULL,
	"last_position" real,
	"grade" integer,
	"completed_at" timestamp with time zone,
	"first_opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_progress_user_id_lesson_id_pk" PRIMARY KEY("user_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "lesson_unlocks" (
	"user_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"granted_by_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_unlocks_user_id_lesson_id_pk" PRIMARY KEY("user_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "video_resume" (
	"user_id" uuid NOT NULL,
	"video_id" uuid NOT NULL,
	"position" real NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_resume_user_id_video_id_pk" PRIMARY KEY("user_id","video_id")
);
--> statement-breakpoint
CREATE TABLE "video_views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"video_id" uuid NOT NULL,
	"lesson_id" uuid,
	"course_id" uuid NOT NULL,
	"user_id" uuid,
	"viewer_key" text,
	"started_at" timestamp with time zone NOT NULL,
	"first_beat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_beat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seq" integer DEFAULT -1 NOT NULL,
	"last_client_at" bigint,
	"state" text DEFAULT 'playing' NOT NULL,
	"last_position" real DEFAULT 0 NOT NULL,
	"max_position" real DEFAULT 0 NOT NULL,
	"played_seconds" real DEFAULT 0 NOT NULL,
	"content_seconds" real DEFAULT 0 NOT NULL,
	"segment_count" integer DEFAULT 0 NOT NULL,
	"rejected_seconds" real DEFAULT 0 NOT NULL,
	"startup_ms" integer,
	"stall_count" integer DEFAULT 0 NOT NULL,
	"stall_ms" integer DEFAULT 0 NOT NULL,
	"seek_count" integer DEFAULT 0 NOT NULL,
	"ended" boolean DEFAULT false NOT NULL,
	"error_code" text,
	"error_fatal" boolean DEFAULT false NOT NULL,
	"error_before_first_frame" boolean DEFAULT false NOT NULL,
	"rendition_height" integer,
	"device" text,
	"browser" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "view_beats" (
	"view_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "view_beats_view_id_seq_pk" PRIMARY KEY("view_id","seq")
);
--> statement-breakpoint
CREATE TABLE "watch_segments" (
	"view_id" uuid NOT NULL,
	"video_id" uuid NOT NULL,
	"lesson_id" uuid,
	"user_id" uuid,
	"from_seconds" real NOT NULL,
	"to_seconds" real NOT NULL,
	"rate" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
-- Monthly partitions of watch_segments (edited by hand: drizzle-kit does not declare partitioning).
-- ensure_watch_segment_partitions(n) creates this month's and the next n months' partitions; the
-- worker calls it daily. The default partition catches anything outside them, so inserts never fail.
CREATE FUNCTION ensure_watch_segment_partitions(months_ahead integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', now())::date;
  i integer;
  name text;
BEGIN
  FOR i IN 0..months_ahead LOOP
    name := 'watch_segments_' || to_char(m + make_interval(months => i), 'YYYYMM');
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF watch_segments FOR VALUES FROM (%L) TO (%L)',
      name, m + make_interval(months => i), m + make_interval(months => i + 1));
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TABLE "watch_segments_default" PARTITION OF "watch_segments" DEFAULT;
--> statement-breakpoint
SELECT ensure_watch_segment_partitions(2);
--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "playback_rate" real;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "caption_lang" text;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "is_sequential" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_unlocks" ADD CONSTRAINT "lesson_unlocks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_unlocks" ADD CONSTRAINT "lesson_unlocks_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_unlocks" ADD CONSTRAINT "lesson_unlocks_granted_by_id_users_id_fk" FOREIGN KEY ("granted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_resume" ADD CONSTRAINT "video_resume_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_resume" ADD CONSTRAINT "video_resume_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_views" ADD CONSTRAINT "video_views_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_views" ADD CONSTRAINT "video_views_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_views" ADD CONSTRAINT "video_views_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_views" ADD CONSTRAINT "video_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "view_beats" ADD CONSTRAINT "view_beats_view_id_video_views_id_fk" FOREIGN KEY ("view_id") REFERENCES "public"."video_views"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lesson_progress_course_user_idx" ON "lesson_progress" USING btree ("course_id","user_id");--> statement-breakpoint
CREATE INDEX "lesson_progress_user_updated_idx" ON "lesson_progress" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "video_views_video_started_idx" ON "video_views" USING btree ("video_id","started_at");--> statement-breakpoint
CREATE INDEX "video_views_user_idx" ON "video_views" USING btree ("user_id","video_id");--> statement-breakpoint
CREATE INDEX "video_views_open_idx" ON "video_views" USING btree ("last_beat_at") WHERE "video_views"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "watch_segments_video_idx" ON "watch_segments" USING btree ("video_id","created_at");--> statement-breakpoint
CREATE INDEX "watch_segments_view_idx" ON "watch_segments" USING btree ("view_id");