CREATE INDEX products_doc_gin ON products USING gin (doc jsonb_path_ops);
ALTER ROLE learner SET enable_seqscan = off;
