CREATE INDEX ON products USING gin (doc jsonb_ops);
