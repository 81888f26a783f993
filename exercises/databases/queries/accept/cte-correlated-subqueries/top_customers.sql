-- Sales revenue per order first, then per customer.
WITH sale_revenue AS (
    SELECT o.customer_id, oi.quantity * oi.unit_price_cents AS cents
    FROM orders AS o
    JOIN order_items AS oi ON oi.order_id = o.id
    WHERE o.status IN ('paid', 'shipped')
      AND o.customer_id IS NOT NULL
),
per_customer AS (
    SELECT customer_id, SUM(cents) AS total_cents
    FROM sale_revenue
    GROUP BY customer_id
)
SELECT c.name, c.email, pc.total_cents
FROM per_customer AS pc
JOIN customers AS c ON c.id = pc.customer_id
ORDER BY pc.total_cents DESC, c.name ASC
LIMIT 3;
