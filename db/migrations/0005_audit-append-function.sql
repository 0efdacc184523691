-- SPEC §5: one audit entry in one round trip. The advisory lock serialises writers; the last
-- hash is read after the lock is held (each statement of a plpgsql function takes a fresh
-- snapshot), so every entry links to the one committed before it. The caller passes the
-- canonical body; the hash is sha256(prev_hash || body), exactly what verification recomputes.
CREATE OR REPLACE FUNCTION append_audit(
  p_at timestamptz, p_user_id text, p_role text, p_department_code text, p_action text, p_target text,
  p_result text, p_detail jsonb, p_body text
) RETURNS void AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'));
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_log (at, user_id, role, department_code, action, target, result, detail, prev_hash, hash)
  VALUES (p_at, p_user_id, p_role, p_department_code, p_action, p_target, p_result, p_detail, prev,
          encode(sha256(convert_to(prev || p_body, 'UTF8')), 'hex'));
END;
$$ LANGUAGE plpgsql;
