'use strict';
// Decorate each record with its input position, sort with a comparator that
// ends on the position (stable by construction, whatever the engine), undecorate.
exports.sortRecords = function sortRecords(records, keys) {
	const parsed = [];
	for (const key of keys) {
		const desc = key[0] === '-';
		parsed.push({ field: desc ? key.substring(1) : key, dir: desc ? -1 : 1 });
	}
	const decorated = records.map((rec, pos) => ({ rec, pos }));
	decorated.sort((p, q) => {
		for (const { field, dir } of parsed) {
			const u = p.rec[field], v = q.rec[field];
			const uNone = u == null, vNone = v == null;
			if (uNone && vNone) continue;
			if (uNone) return 1;
			if (vNone) return -1;
			if (u < v) return -dir;
			if (v < u) return dir;
		}
		return p.pos - q.pos;
	});
	return decorated.map((d) => d.rec);
};
