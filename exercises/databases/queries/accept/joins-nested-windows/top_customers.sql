SELECT name, email, total_cents
FROM (
    SELECT c.name,
           c.email,
           SUM(oi.quantity * oi.unit_price_cents) AS total_cents,
           ROW_NUMBER() OVER (ORDER BY SUM(oi.quantity * oi.unit_price_cents) DESC, c.name) AS position
    FROM customers c
    INNER JOIN orders o       ON o.customer_id = c.id AND o.status IN ('paid', 'shipped')
    INNER JOIN order_items oi ON oi.order_id = o.id
    GROUP BY c.id, c.name, c.email
)
WHERE position <= 3
ORDER BY position;
