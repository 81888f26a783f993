'use strict';
// One stable pass per key, from the last key to the first, each a
// hand-written merge sort (O(n log n), stable), missing values last.
function mergeSort(arr, before) {
	if (arr.length < 2) return arr;
	const mid = arr.length >> 1;
	const left = mergeSort(arr.slice(0, mid), before), right = mergeSort(arr.slice(mid), before);
	const out = new Array(arr.length);
	let i = 0, j = 0, k = 0;
	while (i < left.length && j < right.length)
		out[k++] = before(right[j], left[i]) ? right[j++] : left[i++];
	while (i < left.length) out[k++] = left[i++];
	while (j < right.length) out[k++] = right[j++];
	return out;
}

function sortRecords(records, keys) {
	let out = records.slice();
	for (let n = keys.length - 1; n >= 0; n--) {
		const desc = keys[n].startsWith('-');
		const field = desc ? keys[n].slice(1) : keys[n];
		// strictly before: ties never move
		out = mergeSort(out, (a, b) => {
			const x = a[field], y = b[field];
			if (y === undefined || y === null) return !(x === undefined || x === null);
			if (x === undefined || x === null) return false;
			return desc ? x > y : x < y;
		});
	}
	return out;
}

module.exports = { sortRecords };
