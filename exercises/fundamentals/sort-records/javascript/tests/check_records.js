'use strict';
// Checks for records.js. Usage: node tests/check_records.js single|multi|missing|performance|random
const { Learner, Fail, show, rng, run } = require('./jscheck.js');

const BUDGET = 2.0; // CPU seconds for 100,000 records on three keys
const missing = (v) => v === undefined || v === null;

// The reference: a decorated, explicitly stable sort.
function reference(records, keys) {
	const spec = keys.map((k) => (k.startsWith('-') ? [k.slice(1), -1] : [k, 1]));
	return records.map((r, i) => [r, i]).sort(([a, i], [b, j]) => {
		for (const [f, s] of spec) {
			const x = a[f], y = b[f];
			if (missing(x) || missing(y)) {
				if (missing(x) !== missing(y)) return missing(x) ? 1 : -1;
				continue;
			}
			if (x < y) return -s;
			if (x > y) return s;
		}
		return i - j;
	}).map(([r]) => r);
}

// Every record carries its input position "n" (never a key), so the
// order of ties is visible in what comes back.
const at = (records) => records.map((r, n) => ({ ...r, n }));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b) && a.length === b.length &&
	a.every((r, i) => Object.keys(r).length === Object.keys(b[i]).length && Object.keys(r).every((k) => Object.is(r[k], b[i][k])));
const names = (rs) => rs.map((r) => (r && typeof r === 'object' && 'n' in r ? r.n : show(r, 40))).join(', ');

async function expect(learner, records, keys, what) {
	const label = `sortRecords(<${what}>, ${show(keys)})`;
	const input = at(records);
	const { result, args } = await learner.echo('sortRecords', [input, keys], label);
	if (!same(args[0], input))
		throw new Fail(`${label} modified its input: return a new array and leave records and their objects as they were`);
	if (!Array.isArray(result))
		throw new Fail(`${label} returned ${show(result)}; expected an array`);
	const want = reference(input, keys);
	if (!same(result, want)) {
		const small = input.length <= 8 ? `\nrecords: ${show(input, 400)}` : '';
		throw new Fail(`${label} gave the records in the order n = ${names(result).slice(0, 200)}\nexpected n = ${names(want).slice(0, 200)}${small}`);
	}
}

const PEOPLE = [
	{ name: 'Dana', dept: 'ops', salary: 70 }, { name: 'Ann', dept: 'eng', salary: 90 },
	{ name: 'Cruz', dept: 'eng', salary: null }, { name: 'Bo', dept: 'eng', salary: 120 },
	{ name: 'Eli', dept: 'ops' }, { name: 'Abe', dept: 'eng', salary: 90 },
];

const MODES = {
	single: [
		['ascending by a string key', (l) => expect(l, PEOPLE.filter((p) => p.salary), ['name'], 'people')],
		['numbers compare as numbers: 9 before 10 before 100', (l) => expect(l, [{ v: 10 }, { v: 9 }, { v: 100 }, { v: -1 }, { v: 2.5 }], ['v'], '5 numbers')],
		['descending keeps ties in input order', (l) => expect(l, PEOPLE, ['-dept'], 'people')],
		['ascending keeps ties in input order, input left alone', (l) => expect(l, PEOPLE, ['dept'], 'people')],
	],
	multi: [
		['the example: dept, -salary, name', (l) => expect(l, PEOPLE, ['dept', '-salary', 'name'], 'people')],
		['three keys, mixed directions, many ties', (l) => expect(l, Array.from({ length: 30 }, (_, i) => ({ a: i % 3, b: `s${i % 4}`, c: i % 5 })), ['-a', 'b', '-c'], '30 records')],
		['strings compare by code unit, not by locale', (l) => expect(l, ['b', 'B', 'a', 'é', 'Z', 'aa'].map((s) => ({ s })), ['s'], '6 strings')],
	],
	missing: [
		['missing, undefined and null sort last ascending', (l) => expect(l, [{ v: 3 }, {}, { v: null }, { v: 1 }, { v: undefined }, { v: 2 }], ['v'], '6 records')],
		['and last descending, in input order', (l) => expect(l, [{ v: 3 }, {}, { v: null }, { v: 1 }, { v: undefined }, { v: 2 }], ['-v'], '6 records')],
		['a missing first key falls through to the next key', (l) => expect(l, [{ a: null, b: 2 }, { b: 1 }, { a: 1, b: 3 }, { a: undefined, b: 0 }], ['a', '-b'], '4 records')],
	],
};

async function performance(tap, learner, r) {
	await tap.test(`100,000 records on three keys within ${BUDGET} CPU seconds`, async () => {
		const records = Array.from({ length: 100000 }, (_, n) => ({ d: `d${r.int(0, 30)}`, s: r() < 0.05 ? null : r.int(0, 5000), x: r.int(0, 100000), n }));
		const keys = ['d', '-s', 'x'];
		const before = learner.cpu();
		const { result } = await learner.echo('sortRecords', [records, keys], 'sortRecords(<100,000 records>, ...)', 3 * BUDGET);
		const cpu = learner.cpu() - before;
		if (cpu > BUDGET)
			throw new Fail(`took ${cpu.toFixed(2)} CPU seconds; the budget is ${BUDGET}: an O(n log n) sort needs a fraction of it`);
		const want = reference(records, keys);
		if (!Array.isArray(result) || result.length !== want.length || result.some((x, i) => !x || x.n !== want[i].n))
			throw new Fail('sortRecords(<100,000 records>, ["d", "-s", "x"]) returned the records in the wrong order');
	});
}

async function random(tap, learner, r) {
	for (let t = 0; t < 5; t++) {
		const n = r.int(0, 40), fields = ['a', 'b', 'c'];
		const strings = r() < 0.5;
		const records = Array.from({ length: n }, () => {
			const rec = {};
			for (const f of fields) {
				const x = r();
				if (x < 0.1) continue;
				rec[f] = x < 0.15 ? null : x < 0.2 ? undefined : strings && f !== 'c' ? r.pick(['x', 'y', 'X', 'yy', '10', '9']) : r.int(-3, 12);
			}
			return rec;
		});
		const keys = fields.slice(0, r.int(1, 3)).map((f) => (r() < 0.5 ? '-' + f : f));
		await tap.test(`random records ${t + 1}`, () => expect(learner, records, keys, `${n} random records`));
	}
}

const mode = process.argv[2];
const plans = { single: 4, multi: 3, missing: 3, performance: 1, random: 5 };
if (!(mode in plans)) {
	console.error('usage: check_records.js single|multi|missing|performance|random');
	process.exit(2);
}
run(plans[mode], async (tap) => {
	const { learner, error } = await Learner.start('records.js', ['sortRecords']);
	if (!learner)
		return tap.failRest('records.js could not be loaded', error);
	for (const [desc, fn] of MODES[mode] || [])
		await tap.test(desc, () => fn(learner));
	if (mode === 'performance')
		await performance(tap, learner, rng());
	if (mode === 'random')
		await random(tap, learner, rng());
	learner.stop();
});
