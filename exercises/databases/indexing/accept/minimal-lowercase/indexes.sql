-- one index per hot query, nothing more (lower-case SQL, minimal columns)
create index events_by_user_and_time on events (user_id, created_at);      -- q1
create unique index users_by_email_ci on users (lower(email));             -- q2
create index events_by_kind_and_time on events (kind, created_at);         -- q3
create index users_by_signup on users (created_at);                        -- q4
