-- TODO: this ranks across all categories at once, and counts every order.
SELECT p.category, p.name AS product, SUM(oi.quantity) AS units, 1 AS rank
FROM products AS p
JOIN order_items AS oi ON oi.product_id = p.id
GROUP BY p.id
ORDER BY units DESC
LIMIT 2;
