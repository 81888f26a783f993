'use strict';
// One comparator that tries each key in turn; Array.prototype.sort is
// stable, so records equal on every key keep their input order.

const missing = (v) => v === undefined || v === null;

function compareKey(a, b, field, sign) {
	const x = a[field], y = b[field];
	if (missing(x) || missing(y))
		return missing(x) - missing(y); // missing last, whatever the direction
	return x < y ? -sign : x > y ? sign : 0;
}

function sortRecords(records, keys) {
	const spec = keys.map((k) => (k.startsWith('-') ? [k.slice(1), -1] : [k, 1]));
	return [...records].sort((a, b) => {
		for (const [field, sign] of spec) {
			const c = compareKey(a, b, field, sign);
			if (c !== 0)
				return c;
		}
		return 0;
	});
}

module.exports = { sortRecords };
