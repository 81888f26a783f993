-- containment for tags and attributes, key existence for the rest: two GIN indexes
CREATE INDEX products_doc_path_ops ON products USING gin (doc jsonb_path_ops);
CREATE INDEX products_doc_ops ON products USING gin (doc);
