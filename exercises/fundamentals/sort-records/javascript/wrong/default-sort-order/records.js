'use strict';
// Wrong: compares every value as a string (what sort() does without a
// comparator), so 10 sorts before 9.
const missing = (v) => v === undefined || v === null;
function sortRecords(records, keys) {
	const spec = keys.map((k) => (k.startsWith('-') ? [k.slice(1), -1] : [k, 1]));
	return [...records].sort((a, b) => {
		for (const [f, s] of spec) {
			if (missing(a[f]) || missing(b[f])) { const c = missing(a[f]) - missing(b[f]); if (c) return c; continue; }
			const x = String(a[f]), y = String(b[f]);
			if (x !== y) return x < y ? -s : s;
		}
		return 0;
	});
}
module.exports = { sortRecords };
