-- Version 0 is the empty registry; the head row is the single point writers lock to commit.
INSERT INTO "registry_head" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
