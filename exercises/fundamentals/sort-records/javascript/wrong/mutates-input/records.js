'use strict';
// Wrong: sorts the caller's array in place and returns it.
const missing = (v) => v === undefined || v === null;
function sortRecords(records, keys) {
	const spec = keys.map((k) => (k.startsWith('-') ? [k.slice(1), -1] : [k, 1]));
	return records.sort((a, b) => {
		for (const [f, s] of spec) {
			if (missing(a[f]) || missing(b[f])) { const c = missing(a[f]) - missing(b[f]); if (c) return c; continue; }
			if (a[f] !== b[f]) return a[f] < b[f] ? -s : s;
		}
		return 0;
	});
}
module.exports = { sortRecords };
