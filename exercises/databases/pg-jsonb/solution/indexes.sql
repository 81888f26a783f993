CREATE INDEX products_doc_gin ON products USING gin (doc);
