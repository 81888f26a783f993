'use strict';
// Checks for search.js. Usage: node tests/check_search.js basics|edges|logarithmic|performance|random
const { Learner, Fail, show, rng, run } = require('./jscheck.js');

const NAMES = ['lowerBound', 'upperBound', 'findRange', 'firstTrue'];
const BUDGET = 1.0; // CPU seconds for 30,000 searches in a million items

// The definitions, by scanning: what every answer is judged against.
function lower(items, t) { let i = 0; while (i < items.length && items[i] < t) i++; return i; }
function upper(items, t) { let i = 0; while (i < items.length && items[i] <= t) i++; return i; }
const want = {
	lowerBound: lower,
	upperBound: upper,
	findRange: (items, t) => [lower(items, t), upper(items, t)],
};

function same(a, b) {
	return Array.isArray(b) ? Array.isArray(a) && a.length === 2 && a[0] === b[0] && a[1] === b[1] : a === b;
}

// name(items, target) in the learner's process, compared with the definition.
async function expect(learner, name, items, target) {
	const label = `${name}(${show(items, 60)}, ${show(target)})`;
	const got = await learner.call(name, [items, target], label);
	const w = want[name](items, target);
	if (!same(got, w))
		throw new Fail(`${label} returned ${show(got)}; expected ${show(w)}`);
}

async function expectFirstTrue(learner, lo, hi, t, maxCalls) {
	const label = `firstTrue(${lo}, ${hi}, (x) => x >= ${t})`;
	const r = await learner.counted('firstTrue', [lo, hi, { $atLeast: t, lo, hi }], label);
	const w = Math.min(Math.max(t, lo), hi);
	if (r.value !== w)
		throw new Fail(`${label} returned ${show(r.value)}; expected ${w}`);
	if (r.outside)
		throw new Fail(`${label} called pred ${r.outside} time(s) outside [${lo}, ${hi})`);
	if (maxCalls !== undefined && r.calls > maxCalls)
		throw new Fail(`${label} called pred ${r.calls} times; O(log n) allows at most ${maxCalls}`);
}

const ITEMS = [1, 3, 3, 3, 7, 9];

async function basics(tap, learner) {
	await tap.test('lowerBound and upperBound on the example', async () => {
		await expect(learner, 'lowerBound', ITEMS, 3);
		await expect(learner, 'upperBound', ITEMS, 3);
		await expect(learner, 'lowerBound', ITEMS, 10);
	});
	await tap.test('findRange of a present and an absent target', async () => {
		await expect(learner, 'findRange', ITEMS, 3);
		await expect(learner, 'findRange', ITEMS, 4);
	});
	await tap.test('firstTrue on the examples', async () => {
		const sq = await learner.call('firstTrue', [0, 100, { $atLeast: 8, lo: 0, hi: 100 }], 'firstTrue(0, 100, (x) => x * x >= 50)');
		if (sq !== 8) throw new Fail(`firstTrue(0, 100, (x) => x * x >= 50) returned ${show(sq)}; expected 8`);
		await expectFirstTrue(learner, 0, 100, 100);
		await expectFirstTrue(learner, 5, 5, 0);
	});
}

async function edges(tap, learner) {
	await tap.test('empty arrays', async () => {
		for (const name of ['lowerBound', 'upperBound', 'findRange']) await expect(learner, name, [], 5);
	});
	await tap.test('a single item: below, equal, above', async () => {
		for (const name of ['lowerBound', 'upperBound', 'findRange'])
			for (const t of [4, 5, 6]) await expect(learner, name, [5], t);
	});
	await tap.test('targets below the first and above the last item', async () => {
		for (const name of ['lowerBound', 'upperBound', 'findRange'])
			for (const t of [-100, 100]) await expect(learner, name, [2, 4, 4, 8], t);
	});
	await tap.test('all items equal', async () => {
		const items = Array(9).fill(7);
		for (const name of ['lowerBound', 'upperBound', 'findRange'])
			for (const t of [6, 7, 8]) await expect(learner, name, items, t);
	});
	await tap.test('strings compare by code unit', async () => {
		const items = ['Apple', 'apple', 'apple', 'banana', 'cherry'];
		for (const name of ['lowerBound', 'upperBound', 'findRange'])
			for (const t of ['apple', 'b', 'Zebra', 'd']) await expect(learner, name, items, t);
	});
	await tap.test('firstTrue on empty and one-element ranges, and negative bounds', async () => {
		await expectFirstTrue(learner, 3, 3, 0);
		await expectFirstTrue(learner, 3, 4, 3);
		await expectFirstTrue(learner, 3, 4, 4);
		await expectFirstTrue(learner, -50, -10, -20);
	});
}

async function logarithmic(tap, learner, r) {
	const n = 1000000;
	const items = [];
	for (let i = 0, v = 0; i < n; i++) { items.push(v); if (r() < 0.5) v++; }
	const limit = 2 * Math.ceil(Math.log2(n + 1)) + 4;
	await tap.test(`each call reads at most ${limit} of a million items`, async () => {
		const ref = await learner.store(items, 'the items');
		for (const name of ['lowerBound', 'upperBound', 'findRange']) {
			for (const t of [items[r.int(0, n - 1)], -1, items[n - 1] + 1]) {
				const label = `${name}(<a million items>, ${t})`;
				const res = await learner.counted(name, [{ $counted: { $ref: ref } }, t], label);
				const w = want[name](items, t);
				if (!same(res.value, w)) throw new Fail(`${label} returned ${show(res.value)}; expected ${show(w)}`);
				const max = name === 'findRange' ? 2 * limit : limit;
				if (res.reads > max) throw new Fail(`${label} read ${res.reads} items; O(log n) allows at most ${max}`);
			}
		}
	});
	await tap.test('findRange over a run of 500,000 equal items stays logarithmic', async () => {
		const run = Array(500000).fill(5).concat(Array(10).fill(9));
		const res = await learner.counted('findRange', [{ $counted: run }, 5], 'findRange(<500,000 fives, then nines>, 5)');
		if (!same(res.value, [0, 500000])) throw new Fail(`findRange(<500,000 fives, then nines>, 5) returned ${show(res.value)}; expected [ 0, 500000 ]`);
		if (res.reads > 2 * limit) throw new Fail(`findRange read ${res.reads} items; walking over the duplicates is O(n)`);
	});
	await tap.test('firstTrue over 10**15 integers calls pred about 50 times, never outside [lo, hi)', async () => {
		const hi = 10 ** 15, t = r.int(0, 2 ** 30) * 931323;
		await expectFirstTrue(learner, 0, hi, t, 60);
		await expectFirstTrue(learner, 0, hi, hi, 60);
	});
}

async function performance(tap, learner, r) {
	await tap.test(`30,000 searches in a million items within ${BUDGET} CPU second`, async () => {
		const items = [];
		for (let i = 0, v = 0; i < 1000000; i++) { items.push(v); v += r.int(0, 2); }
		const targets = Array.from({ length: 30000 }, () => r.int(-5, items[items.length - 1] + 5));
		const { results, failed, cpu } = await learner.map('lowerBound', items, targets, '30,000 calls of lowerBound', 3 * BUDGET + 5);
		if (failed) throw new Fail(`lowerBound(<a million items>, ${targets[failed[0]]}) threw ${failed[1]}: ${failed[2]}`);
		if (cpu > BUDGET) throw new Fail(`took ${cpu.toFixed(2)} CPU seconds; the budget is ${BUDGET}`);
		// Spot checks by binary search on the checker's side (a scan would be too slow here).
		for (let k = 0; k < targets.length; k += 97) {
			const t = targets[k];
			let lo = 0, hi = items.length;
			while (lo < hi) { const m = Math.floor((lo + hi) / 2); if (items[m] >= t) hi = m; else lo = m + 1; }
			if (results[k] !== lo) throw new Fail(`lowerBound(<a million items>, ${t}) returned ${show(results[k])}; expected ${lo}`);
		}
	});
}

async function random(tap, learner, r) {
	for (let k = 0; k < 4; k++) {
		await tap.test(`random arrays ${k + 1}`, async () => {
			for (let j = 0; j < 15; j++) {
				const n = r.int(0, 40), items = [];
				for (let i = 0, v = r.int(-20, 20); i < n; i++) { items.push(v); v += r.int(0, 3); }
				const t = r.int(-25, 150);
				for (const name of ['lowerBound', 'upperBound', 'findRange']) await expect(learner, name, items, t);
			}
			const lo = r.int(-1000, 1000), hi = lo + r.int(0, 5000);
			await expectFirstTrue(learner, lo, hi, r.int(lo - 10, hi + 10), 2 * Math.ceil(Math.log2(hi - lo + 1)) + 4);
		});
	}
}

const MODES = { basics: [3, basics], edges: [6, edges], logarithmic: [3, logarithmic], performance: [1, performance], random: [4, random] };
const mode = MODES[process.argv[2]];
if (!mode) {
	console.error('usage: check_search.js basics|edges|logarithmic|performance|random');
	process.exit(2);
}
run(mode[0], async (tap) => {
	const { learner, error } = await Learner.start('search.js', NAMES);
	if (!learner)
		return tap.failRest('search.js could not be loaded', error);
	await mode[1](tap, learner, rng());
	learner.stop();
});
