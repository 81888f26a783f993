'use strict';
// Recursive: each call halves the closed range [a, b] of candidate answers.
function search(a, b, isRight) {
	if (a >= b) return a;
	const m = a + Math.floor((b - a) / 2);
	return isRight(m) ? search(a, m, isRight) : search(m + 1, b, isRight);
}

exports.firstTrue = (lo, hi, pred) => search(lo, hi, (m) => Boolean(pred(m)));
exports.lowerBound = (arr, x) => search(0, arr.length, (m) => !(arr[m] < x));
exports.upperBound = (arr, x) => search(0, arr.length, (m) => arr[m] > x);
exports.findRange = function (arr, x) {
	const from = exports.lowerBound(arr, x);
	const to = search(from, arr.length, (m) => arr[m] > x);
	return [from, to];
};
