-- Classic (non-STRICT) tables: column types enforced with CHECK (typeof(...)),
-- case-insensitive e-mail uniqueness with a UNIQUE index on lower(email),
-- column-level foreign keys.

create table customers (
    id          integer primary key,
    email       text    not null,
    name        text    not null,
    created_at  text    not null default current_timestamp
);
create unique index customers_email_ci on customers (lower(email));

create table products (
    id          integer primary key,
    sku         text    not null unique,
    name        text    not null,
    price_cents integer not null check (typeof(price_cents) = 'integer' and price_cents >= 0)
);

create table orders (
    id          integer primary key,
    customer_id integer not null
                references customers (id) on update restrict on delete restrict
                check (typeof(customer_id) = 'integer'),
    status      text    not null default 'pending'
                check (status in ('pending', 'paid', 'shipped', 'cancelled')),
    created_at  text    not null default current_timestamp
);

create table order_items (
    order_id         integer not null
                     references orders (id) on delete cascade
                     check (typeof(order_id) = 'integer'),
    product_id       integer not null
                     references products (id) on update restrict on delete restrict
                     check (typeof(product_id) = 'integer'),
    quantity         integer not null check (typeof(quantity) = 'integer' and quantity > 0),
    unit_price_cents integer not null check (typeof(unit_price_cents) = 'integer' and unit_price_cents >= 0),
    primary key (order_id, product_id)
) without rowid;
