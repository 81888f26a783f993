-- an index per question asked today: every other key is a Seq Scan
CREATE INDEX products_color ON products ((doc->>'color'));
CREATE INDEX products_tags_gin ON products USING gin ((doc->'tags'));
