'use strict';
// Checks for graph.js. Usage: node tests/check_graph.js paths|edges|distances|performance|random
const { Learner, Fail, show, rng, run } = require('./jscheck.js');

const BUDGET = 1.0; // CPU seconds per large graph

function bfs(graph, start) {
	const dist = new Map([[start, 0]]);
	const queue = [start];
	for (let h = 0; h < queue.length; h++)
		for (const n of graph.get(queue[h]) ?? [])
			if (!dist.has(n)) { dist.set(n, dist.get(queue[h]) + 1); queue.push(n); }
	return dist;
}

function graphText(g) {
	return g.size > 8 ? `<a graph of ${g.size} nodes>` : show(g, 300);
}

// The learner's path judged by its properties: any shortest path is right.
async function expectPath(learner, g, start, goal, label = graphText(g), seconds) {
	const call = `shortestPath(${label}, ${show(start)}, ${show(goal)})`;
	const got = await learner.call('shortestPath', [g, start, goal], call, seconds);
	const d = bfs(g, start).get(goal);
	if (d === undefined) {
		if (got !== null) throw new Fail(`${call} returned ${show(got)}; expected null (${show(goal)} cannot be reached)`);
		return;
	}
	if (!Array.isArray(got)) throw new Fail(`${call} returned ${show(got)}; expected an array of ${d + 1} nodes`);
	if (!Object.is(got[0], start) || !Object.is(got[got.length - 1], goal))
		throw new Fail(`${call} returned ${show(got)}: a path must begin with ${show(start)} and end with ${show(goal)}`);
	for (let i = 0; i + 1 < got.length; i++)
		if (!(g.get(got[i]) ?? []).some((n) => Object.is(n, got[i + 1])))
			throw new Fail(`${call} returned ${show(got)}: there is no edge ${show(got[i])} -> ${show(got[i + 1])}`);
	if (got.length !== d + 1)
		throw new Fail(`${call} returned a path of ${got.length - 1} edges; the shortest has ${d}`);
}

async function expectDistances(learner, g, start, label = graphText(g), seconds) {
	const call = `distances(${label}, ${show(start)})`;
	const got = await learner.call('distances', [g, start], call, seconds);
	if (!(got instanceof Map)) throw new Fail(`${call} returned ${show(got)}; expected a Map`);
	const want = bfs(g, start);
	for (const [k, v] of want)
		if (got.get(k) !== v) throw new Fail(`${call}: ${show(k)} maps to ${show(got.get(k))}; expected ${v}`);
	for (const k of got.keys())
		if (!want.has(k)) throw new Fail(`${call}: ${show(k)} is not reachable, so it must be absent`);
}

const G = new Map([['a', ['b', 'c']], ['b', ['d']], ['c', ['d', 'e']], ['d', ['f']], ['e', ['f']]]);

// A stack (depth-first) reaches goal through c and d before it looks at b.
const DETOUR = new Map([['a', ['b', 'c']], ['c', ['d']], ['d', ['goal']], ['b', ['goal']]]);

const MODES = {
	paths: [
		['the example: a to f', (l) => expectPath(l, G, 'a', 'f')],
		['edges are one-way: f to a is null', (l) => expectPath(l, G, 'f', 'a')],
		['start equals goal', (l) => expectPath(l, G, 'a', 'a')],
		['a longer detour is not taken', (l) => expectPath(l, new Map([[1, [2, 5]], [2, [3]], [3, [4]], [4, [6]], [5, [6]]]), 1, 6)],
		['the first neighbour explored last still gives the shortest path', (l) => expectPath(l, DETOUR, 'a', 'goal')],
	],
	edges: [
		['cycles and self-loops', (l) => expectPath(l, new Map([['x', ['x', 'y']], ['y', ['x', 'z']], ['z', ['z', 'x']]]), 'x', 'z')],
		['a start that is not a key of the graph', (l) => expectPath(l, G, 'nowhere', 'a')],
		['a goal that appears only as a neighbour', (l) => expectPath(l, new Map([['a', ['leaf']]]), 'a', 'leaf')],
		['1 and "1" are different nodes', (l) => expectPath(l, new Map([[1, ['1']], ['1', [2]], [2, []]]), 1, 2)],
		['an empty graph', (l) => expectPath(l, new Map(), 'a', 'b')],
	],
	distances: [
		['the example from c', (l) => expectDistances(l, G, 'c')],
		['from a, with a cycle', (l) => expectDistances(l, new Map([['a', ['b']], ['b', ['c', 'a']], ['c', ['a', 'd']]]), 'a')],
		['a start with no edges', (l) => expectDistances(l, G, 'f')],
		['a node reached late by a long branch keeps its short distance', (l) => expectDistances(l, DETOUR, 'a')],
	],
};

async function performance(tap, learner) {
	const n = 100000;
	const chain = new Map(Array.from({ length: n }, (_, i) => [i, [i + 1]]));
	const hub = new Map([['hub', Array.from({ length: 200000 }, (_, i) => `n${i}`)], ['n199999', ['end']]]);
	for (const [what, run] of [
		[`shortestPath along a chain of ${n} nodes`, () => expectPath(learner, chain, 0, n, `<a chain of ${n} nodes>`, 3 * BUDGET)],
		[`distances along a chain of ${n} nodes`, () => expectDistances(learner, chain, 0, `<a chain of ${n} nodes>`, 3 * BUDGET)],
		['shortestPath through a node with 200,000 neighbours', () => expectPath(learner, hub, 'hub', 'end', '<a hub with 200,000 neighbours>', 3 * BUDGET)],
	]) {
		await tap.test(`${what} within ${BUDGET} CPU second`, async () => {
			const before = learner.cpu();
			await run();
			const cpu = learner.cpu() - before;
			if (cpu > BUDGET) throw new Fail(`took ${cpu.toFixed(2)} CPU seconds; BFS needs a few hundredths`);
		});
	}
}

async function random(tap, learner, r) {
	for (let t = 0; t < 5; t++) {
		const size = r.int(1, 25), g = new Map();
		const node = (i) => (i % 3 === 0 ? String(i) : i);
		for (let i = 0; i < size; i++)
			if (r() < 0.9) g.set(node(i), Array.from({ length: r.int(0, 3) }, () => node(r.int(0, size))));
		const s = node(r.int(0, size - 1)), goal = node(r.int(0, size));
		await tap.test(`random graph ${t + 1} (${size} nodes)`, async () => {
			await expectPath(learner, g, s, goal);
			await expectDistances(learner, g, s);
		});
	}
}

const mode = process.argv[2];
const plans = { paths: 5, edges: 5, distances: 4, performance: 3, random: 5 };
if (!(mode in plans)) {
	console.error('usage: check_graph.js paths|edges|distances|performance|random');
	process.exit(2);
}
run(plans[mode], async (tap) => {
	const { learner, error } = await Learner.start('graph.js', ['shortestPath', 'distances']);
	if (!learner)
		return tap.failRest('graph.js could not be loaded', error);
	for (const [desc, fn] of MODES[mode] || [])
		await tap.test(desc, () => fn(learner));
	if (mode === 'performance')
		await performance(tap, learner);
	if (mode === 'random')
		await random(tap, learner, rng());
	learner.stop();
});
