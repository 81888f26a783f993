'use strict';
// Wrong: binary search for the start, then walks over the duplicates one
// by one: O(k) for k equal items.
function firstTrue(lo, hi, pred) {
	while (lo < hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (pred(mid)) hi = mid; else lo = mid + 1;
	}
	return lo;
}
const lowerBound = (items, t) => firstTrue(0, items.length, (i) => items[i] >= t);
const upperBound = (items, t) => firstTrue(0, items.length, (i) => items[i] > t);
function findRange(items, t) {
	const start = lowerBound(items, t);
	let stop = start;
	while (stop < items.length && items[stop] === t) stop++;
	return [start, stop];
}
module.exports = { lowerBound, upperBound, findRange, firstTrue };
