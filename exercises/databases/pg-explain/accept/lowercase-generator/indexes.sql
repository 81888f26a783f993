create index on orders using btree (customer_id, created_at);
create index on orders using btree (status, created_at);
