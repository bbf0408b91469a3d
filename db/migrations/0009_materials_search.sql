-- Course materials search (hand-written; drizzle cannot express these). Carry this file over as is
-- when migrations are renumbered.
-- Trigram matching for typos (trusted extension since PostgreSQL 13: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- English and Russian stems of each block. The russian configuration stems Latin words with the
-- english stemmer too; both are kept so either language's stop words and stems match.
ALTER TABLE "material_blocks" ADD COLUMN "search_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "text") || to_tsvector('russian'::regconfig, "text")) STORED;--> statement-breakpoint
CREATE INDEX "material_blocks_search_idx" ON "material_blocks" USING gin ("search_tsv");--> statement-breakpoint
-- Misspelt query words are corrected against a course's dictionary of words (small), not the blocks.
CREATE INDEX "material_words_trgm_idx" ON "material_words" USING gin ("word" gin_trgm_ops);
