-- TODO: this looks right, but try it on the sample data.
SELECT email
FROM customers
WHERE id NOT IN (SELECT customer_id FROM orders)
ORDER BY email;
