'use strict';
// Wrong: right answers by scanning from the left: O(n) reads.
function firstTrue(lo, hi, pred) {
	for (let x = lo; x < hi; x++) if (pred(x)) return x;
	return hi;
}
const lowerBound = (items, t) => { const i = items.findIndex((x) => x >= t); return i < 0 ? items.length : i; };
const upperBound = (items, t) => { const i = items.findIndex((x) => x > t); return i < 0 ? items.length : i; };
const findRange = (items, t) => [lowerBound(items, t), upperBound(items, t)];
module.exports = { lowerBound, upperBound, findRange, firstTrue };
