'use strict';
// Checks for lru.js. Usage: node tests/check_lru.js basics|eviction|performance|random
const { Learner, Fail, show, rng, run } = require('./jscheck.js');

const BUDGET = 2.0; // CPU seconds for the learner's 300,000 operations

// The reference the learner's answers are judged against.
class Model {
	constructor(capacity) { this.capacity = capacity; this.m = new Map(); }
	get(k, d) {
		if (!this.m.has(k)) return d;
		const v = this.m.get(k); this.m.delete(k); this.m.set(k, v); return v;
	}
	put(k, v) {
		this.m.delete(k); this.m.set(k, v);
		if (this.m.size > this.capacity) this.m.delete(this.m.keys().next().value);
	}
	has(k) { return this.m.has(k); }
	get size() { return this.m.size; }
	keys() { return [...this.m.keys()]; }
}

function same(a, b) {
	if (Array.isArray(a) && Array.isArray(b))
		return a.length === b.length && a.every((x, i) => Object.is(x, b[i]) || (x === 0 && b[i] === 0));
	return Object.is(a, b) || (a === 0 && b === 0);
}

// An operation as JavaScript, for the log a failure shows.
function js(op) {
	const [name, ...args] = op;
	return name === 'size' ? 'cache.size' : `cache.${name}(${args.map((a) => show(a)).join(', ')})`;
}

// Run ops on a new cache in the learner's process and on the model; fail
// at the first difference, showing the operations that led to it.
async function script(learner, capacity, ops) {
	const h = await learner.construct('LRUCache', [capacity], `new LRUCache(${capacity})`);
	const { results, failed } = await learner.batch(h, ops, `new LRUCache(${capacity})`);
	const model = new Model(capacity);
	const log = [`const cache = new LRUCache(${capacity});`];
	for (let i = 0; i < ops.length; i++) {
		const [name, ...args] = ops[i];
		const want = name === 'size' ? model.size : model[name](...args);
		log.push(js(ops[i]));
		const steps = log.slice(-12).join('\n');
		if (failed && failed[0] === i)
			throw new Fail(`after\n${steps}\nthe last call threw ${failed[1]}: ${failed[2]}`);
		const got = results[i];
		if (!same(got, want)) {
			const what = name === 'keys' ? ' (least recently used first)' : '';
			throw new Fail(`after\n${steps}\nthe last call returned ${show(got)}; expected ${show(want)}${what}`);
		}
	}
}

const SUITES = {
	basics: [
		['put then get', [3, [['put', 'a', 1], ['put', 'b', 2], ['get', 'a'], ['get', 'b'], ['size']]]],
		['a missing key gives undefined or the default', [3, [['put', 'a', 1], ['get', 'zzz'], ['get', 'zzz', -1], ['keys'], ['size']]]],
		['put on an existing key replaces its value', [3, [['put', 'a', 1], ['put', 'a', 10], ['get', 'a'], ['size'], ['keys']]]],
		['put returns undefined', [2, [['put', 'a', 1], ['put', 'a', 2], ['put', 'b', 3]]]],
		['undefined and null are values: the key is present', [3, [['put', 'u', undefined], ['put', 'n', null], ['has', 'u'], ['get', 'u', 'dflt'], ['get', 'n', 'dflt'], ['keys'], ['size']]]],
		['keys are compared like a Map: 1 and "1" differ, NaN is a key', [4, [['put', 1, 'num'], ['put', '1', 'str'], ['put', NaN, 'nan'], ['get', 1], ['get', '1'], ['get', NaN], ['size']]]],
	],
	eviction: [
		['the least recently put entry goes first', [2, [['put', 'a', 1], ['put', 'b', 2], ['put', 'c', 3], ['has', 'a'], ['keys']]]],
		['get makes an entry the most recent', [2, [['put', 'a', 1], ['put', 'b', 2], ['get', 'a'], ['put', 'c', 3], ['keys'], ['get', 'b']]]],
		['put on an existing key makes it the most recent', [2, [['put', 'a', 1], ['put', 'b', 2], ['put', 'a', 9], ['put', 'c', 3], ['keys']]]],
		['has does not count as a use', [2, [['put', 'a', 1], ['put', 'b', 2], ['has', 'a'], ['put', 'c', 3], ['keys']]]],
		['a missing get changes nothing', [2, [['put', 'a', 1], ['put', 'b', 2], ['get', 'x', 0], ['put', 'c', 3], ['keys']]]],
		['a value of undefined is refreshed by get like any other', [2, [['put', 'u', undefined], ['put', 'b', 2], ['get', 'u'], ['put', 'c', 3], ['keys']]]],
		['capacity 1 keeps only the last key', [1, [['put', 'a', 1], ['put', 'b', 2], ['keys'], ['get', 'a'], ['size']]]],
	],
};

async function capacityErrors(tap, learner) {
	await tap.test('a capacity that is not an integer >= 1 throws RangeError', async () => {
		for (const bad of [0, -1, 2.5, '3', NaN]) {
			const r = await learner.request({ op: 'new', name: 'LRUCache', args: [bad] });
			if (r.ok)
				throw new Fail(`new LRUCache(${show(bad)}) did not throw; expected a RangeError`);
			if (r.died)
				throw new Fail(learner.describeFailure(`new LRUCache(${show(bad)})`, r));
			if (r.error.name !== 'RangeError')
				throw new Fail(`new LRUCache(${show(bad)}) threw ${r.error.name}; expected a RangeError`);
		}
	});
}

async function performance(tap, learner, r) {
	await tap.test(`300,000 operations on a 100,000-entry cache within ${BUDGET} CPU seconds`, async () => {
		const capacity = 100000, ops = [];
		for (let i = 0; i < capacity; i++) ops.push(['put', i, i]);
		for (let i = 0; i < 200000; i++) {
			const k = r.int(0, 150000);
			ops.push(r() < 0.5 ? ['put', k, i] : ['get', k]);
		}
		const h = await learner.construct('LRUCache', [capacity], `new LRUCache(${capacity})`);
		// Stopped at 3x the budget: an O(n) cache would run for minutes.
		const { results, failed, cpu } = await learner.batch(h, ops, `300,000 operations (budget ${BUDGET} CPU s)`, 3 * BUDGET);
		if (failed)
			throw new Fail(`${js(ops[failed[0]])} threw ${failed[1]}: ${failed[2]}`);
		if (cpu > BUDGET)
			throw new Fail(`took ${cpu.toFixed(2)} CPU seconds; the budget is ${BUDGET}: some step in get or put is O(n)`);
		const model = new Model(capacity);
		for (let i = 0; i < ops.length; i++) {
			const [name, ...args] = ops[i];
			const want = model[name](...args);
			if (!same(results[i], want))
				throw new Fail(`operation ${i + 1}, ${js(ops[i])}, returned ${show(results[i])}; expected ${show(want)}`);
		}
	});
}

async function random(tap, learner, r) {
	for (let t = 0; t < 5; t++) {
		const capacity = r.int(1, 8), ops = [];
		const keys = [...Array(capacity * 2 + 2).keys()].map((i) => (r() < 0.3 ? String(i) : i));
		for (let i = 0; i < 300; i++) {
			const k = r.pick(keys), x = r();
			if (x < 0.4) ops.push(['put', k, r() < 0.1 ? undefined : r.int(0, 999)]);
			else if (x < 0.7) ops.push(['get', k]);
			else if (x < 0.8) ops.push(['get', k, 'missing']);
			else if (x < 0.9) ops.push(['has', k]);
			else ops.push(r() < 0.5 ? ['size'] : ['keys']);
		}
		await tap.test(`random sequence ${t + 1} (capacity ${capacity})`, () => script(learner, capacity, ops));
	}
}

const mode = process.argv[2];
const plans = { basics: SUITES.basics.length + 1, eviction: SUITES.eviction.length, performance: 1, random: 5 };
if (!(mode in plans)) {
	console.error('usage: check_lru.js basics|eviction|performance|random');
	process.exit(2);
}
run(plans[mode], async (tap) => {
	const { learner, error } = await Learner.start('lru.js', ['LRUCache']);
	if (!learner)
		return tap.failRest('lru.js could not be loaded', error);
	const r = rng();
	if (SUITES[mode])
		for (const [desc, [capacity, ops]] of SUITES[mode])
			await tap.test(desc, () => script(learner, capacity, ops));
	if (mode === 'basics')
		await capacityErrors(tap, learner);
	if (mode === 'performance')
		await performance(tap, learner, r);
	if (mode === 'random')
		await random(tap, learner, r);
	learner.stop();
});
