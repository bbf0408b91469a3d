-- Audit entries are append-only: UPDATE and DELETE on audit_events are refused for every role the
-- app connects with. The one exception is the foreign key's own ON DELETE SET NULL when an actor's
-- account is deleted (it runs inside the referential-integrity trigger, hence depth > 1), which
-- nulls actor_id and changes nothing else. TRUNCATE (used only by `db:restore --force`) is not
-- a row change and stays an operator's tool.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
     AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
