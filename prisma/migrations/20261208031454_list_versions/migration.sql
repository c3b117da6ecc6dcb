-- CreateTable
CREATE TABLE "list_versions" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "list_versions_pkey" PRIMARY KEY ("name")
);

-- The version of a cached list (TG_ARGV[0]) goes up by one at the commit of
-- every transaction that changed its tables: a page read under version v is
-- still exact while the version reads v (server/src/http/list-cache.ts).
-- The triggers are deferred to the commit, so the version row is locked only
-- for the commit itself (never held while the transaction locks other rows:
-- no deadlock with other writers), and once per transaction, however many
-- rows it wrote (a transaction-local setting remembers it).
CREATE FUNCTION "tournee_bump_list_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag TEXT := 'tournee.list_bumped_' || TG_ARGV[0];
BEGIN
  IF coalesce(current_setting(flag, true), '') <> 'on' THEN
    UPDATE "list_versions" SET "version" = "version" + 1 WHERE "name" = TG_ARGV[0];
    PERFORM set_config(flag, 'on', true);
  END IF;
  RETURN NULL;
END $$;

INSERT INTO "list_versions" ("name") VALUES ('interventions');

CREATE CONSTRAINT TRIGGER "interventions_list_version" AFTER INSERT OR UPDATE OR DELETE ON "interventions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tournee_bump_list_version"('interventions');
CREATE CONSTRAINT TRIGGER "intervention_skills_list_version" AFTER INSERT OR UPDATE OR DELETE ON "intervention_skills"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tournee_bump_list_version"('interventions');
-- TRUNCATE fires no row trigger (and cannot be deferred): bump at once.
CREATE TRIGGER "interventions_list_version_truncate" AFTER TRUNCATE ON "interventions"
  FOR EACH STATEMENT EXECUTE FUNCTION "tournee_bump_list_version"('interventions');
CREATE TRIGGER "intervention_skills_list_version_truncate" AFTER TRUNCATE ON "intervention_skills"
  FOR EACH STATEMENT EXECUTE FUNCTION "tournee_bump_list_version"('interventions');
