'use strict';
// Wrong: right order, but an O(n^2) insertion sort.
const missing = (v) => v === undefined || v === null;
function sortRecords(records, keys) {
	const spec = keys.map((k) => (k.startsWith('-') ? [k.slice(1), -1] : [k, 1]));
	const cmp = (a, b) => {
		for (const [f, s] of spec) {
			if (missing(a[f]) || missing(b[f])) { const c = missing(a[f]) - missing(b[f]); if (c) return c; continue; }
			if (a[f] !== b[f]) return a[f] < b[f] ? -s : s;
		}
		return 0;
	};
	const out = [];
	for (const r of records) {
		let i = out.length;
		while (i > 0 && cmp(out[i - 1], r) > 0) i--;
		out.splice(i, 0, r);
	}
	return out;
}
module.exports = { sortRecords };
