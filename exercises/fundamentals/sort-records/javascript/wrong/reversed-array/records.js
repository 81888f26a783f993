'use strict';
// Wrong: a descending key is an ascending sort reversed afterwards, which
// reverses the ties too (and puts missing values first).
const missing = (v) => v === undefined || v === null;
function sortRecords(records, keys) {
	let out = [...records];
	for (const k of [...keys].reverse()) {
		const f = k.replace(/^-/, '');
		out.sort((a, b) => {
			if (missing(a[f]) || missing(b[f])) return missing(a[f]) - missing(b[f]);
			return a[f] < b[f] ? -1 : a[f] > b[f] ? 1 : 0;
		});
		if (k.startsWith('-')) out = out.reverse();
	}
	return out;
}
module.exports = { sortRecords };
