'use strict';
// jscheck.js - the checker's side of a JavaScript check: TAP output that a
// submission cannot forge, and the learner's module run in a child process
// (jsinside.js) that the checker controls, times and kills.
//
//   const { Tap, Learner, Fail, show, randomInt } = require('./jscheck.js');
//   const tap = new Tap(3);                  // the plan is printed at once
//   const learner = await Learner.start('lru.js', ['LRUCache']);
//   await tap.test('a description', async () => { ... throw new Fail('why') ... });
//   tap.finish();
//
// Learner.start never throws: when the module cannot be loaded, every test
// fails with the reason (tap.failRest). A call that throws in the learner's
// code rejects with a Fail naming the call and the error; one that takes
// longer than its deadline kills the child.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

class Fail extends Error {}

// A value as JavaScript source would show it, short and on one line.
function show(v, max = 200) {
	let text;
	if (v && typeof v === 'object' && typeof v.$unsendable === 'string')
		text = v.$unsendable;
	else
		text = util.inspect(v, { depth: 3, breakLength: Infinity, maxArrayLength: 12, maxStringLength: 80 });
	return text.length > max ? text.slice(0, max - 3) + '...' : text;
}

// Text made safe for a TAP description: '\' and '#' escaped (a learner's
// value holding ' # TODO' must not become a directive), one line, no
// control characters.
function tapText(s) {
	return String(s).replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/[\u0000-\u001f\u007f]/g, ' ');
}

class Tap {
	constructor(plan) {
		this.plan = plan;
		this.n = 0;
		process.stdout.write(`TAP version 13\n1..${plan}\n`);
	}

	ok(pass, desc, diag) {
		this.n++;
		let out = `${pass ? 'ok' : 'not ok'} ${this.n} - ${tapText(desc)}\n`;
		if (!pass && diag)
			out += String(diag).split('\n').map((l) => '  # ' + l.replace(/[\u0000-\u001f\u007f]/g, ' ')).join('\n') + '\n';
		process.stdout.write(out);
	}

	async test(desc, fn) {
		try {
			await fn();
			this.ok(true, desc);
		} catch (e) {
			const why = e instanceof Fail ? e.message : `the checker failed: ${e && e.stack || e}`;
			this.ok(false, desc, why);
		}
	}

	failRest(desc, why) {
		while (this.n < this.plan)
			this.ok(false, desc, why);
	}

	finish() {
		this.failRest('(test not run)', 'the checker stopped early');
	}
}

// CPU seconds (user + system) used so far by process pid, read from
// /proc from the outside: the learner's code cannot change it.
function cpuSeconds(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in USER_HZ
}

// Node's permission model for the learner's process, the way isolate.py's
// audit hook guards a Python one: it may read its own files (every entry
// of the work directory but tests/, and jsinside.js), and may not write
// files, start processes or worker threads, reach native bindings
// (process.binding) or open /proc (the checker's stdout through
// /proc/PID/fd/1). The sandbox holds anyway; this keeps a submission's
// tricks from reaching the checker that judges it.
function permissionArgs() {
	const cwd = process.cwd();
	const allow = [path.join(__dirname, 'jsinside.js')];
	for (const e of fs.readdirSync(cwd, { withFileTypes: true })) {
		if (e.name === 'tests')
			continue;
		allow.push(path.join(cwd, e.name) + (e.isDirectory() ? '/*' : ''));
	}
	return ['--experimental-permission', '--no-warnings', ...allow.map((p) => `--allow-fs-read=${p}`)];
}

class Learner {
	constructor(child, file) {
		this.child = child;
		this.file = file;
		this.pending = new Map();
		this.nextId = 1;
		this.stderr = '';
		this.dead = null;
		child.stderr.on('data', (b) => { if (this.stderr.length < 4000) this.stderr += b; });
		child.stdout.resume(); // what the learner prints is never TAP
		child.on('message', (m) => {
			const p = m && this.pending.get(m.id);
			if (!p)
				return;
			this.pending.delete(m.id);
			clearInterval(p.timer);
			p.resolve(m);
		});
		child.on('exit', (code, signal) => {
			this.dead = signal ? `was killed by ${signal}` : `exited with status ${code}`;
			for (const p of this.pending.values()) {
				clearInterval(p.timer);
				p.resolve({ ok: false, died: true });
			}
			this.pending.clear();
		});
	}

	// Start the child and require file in it. Returns { learner } or
	// { error: 'why it could not be loaded' }.
	static async start(file, needs = []) {
		if (!fs.existsSync(path.resolve(file)))
			return { error: `${file} is missing from your submission` };
		const child = fork(path.join(__dirname, 'jsinside.js'), [], {
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			serialization: 'advanced',
			execArgv: permissionArgs(),
		});
		const l = new Learner(child, file);
		const r = await l.request({ op: 'load', file }, 10);
		if (!r.ok)
			return { error: l.describeFailure(`require('./${file}')`, r) };
		const missing = needs.filter((n) => !r.value.includes(n));
		if (missing.length)
			return { error: `${file} does not export ${missing.join(', ')} (module.exports = { ${needs.join(', ')} })` };
		return { learner: l };
	}

	// Send req; resolves with the reply. The child is stopped when the
	// request uses more than cpuSeconds of CPU (measured from /proc, so a
	// loaded machine does not make a correct solution "too slow"), or
	// runs for more than 60 s of wall-clock time.
	request(req, cpuSecondsLimit = 10) {
		if (this.dead)
			return Promise.resolve({ ok: false, died: true });
		const id = this.nextId++;
		const start = cpuSeconds(this.child.pid);
		const began = Date.now();
		return new Promise((resolve) => {
			const stop = (why) => {
				clearInterval(timer);
				this.pending.delete(id);
				this.child.kill('SIGKILL');
				this.dead = why;
				resolve({ ok: false, died: true });
			};
			const timer = setInterval(() => {
				let used = 0;
				try { used = cpuSeconds(this.child.pid) - start; } catch (e) { return; }
				if (used > cpuSecondsLimit)
					stop(`used more than ${cpuSecondsLimit} CPU seconds and was stopped`);
				else if (Date.now() - began > 60000)
					stop('ran for more than 60 s and was stopped');
			}, 50);
			this.pending.set(id, { resolve, timer });
			try {
				this.child.send({ id, ...req });
			} catch (e) {
				clearInterval(timer);
				this.pending.delete(id);
				resolve({ ok: false, error: { name: 'Error', message: `cannot send to your code: ${e.message}` } });
			}
		});
	}

	describeFailure(label, r) {
		if (r.died) {
			const err = this.stderr.trim().split('\n').filter((l) => l.trim()).slice(-3).join(' | ');
			return `${label}: your code's process ${this.dead}${err ? ': ' + err : ''}`;
		}
		return `${label} threw ${r.error.name}: ${r.error.message}`;
	}

	// The value of the request, or a Fail naming label.
	async value(label, req, seconds) {
		const r = await this.request(req, seconds);
		if (!r.ok)
			throw new Fail(this.describeFailure(label, r));
		return r.value;
	}

	call(name, args, label, seconds) {
		return this.value(label, { op: 'call', name, args }, seconds);
	}

	// Like call, with the counts of a { $counted } or { $atLeast } argument.
	async counted(name, args, label, seconds) {
		const r = await this.request({ op: 'call', name, args }, seconds);
		if (!r.ok)
			throw new Fail(this.describeFailure(label, r));
		return r;
	}

	// { result, args }: the call's result and its arguments after it.
	echo(name, args, label, seconds) {
		return this.value(label, { op: 'echo', name, args }, seconds);
	}

	construct(name, args, label) {
		return this.value(label, { op: 'new', name, args });
	}

	method(handle, name, args, label) {
		return this.value(label, { op: 'method', handle, name, args });
	}

	property(handle, name, label) {
		return this.value(label, { op: 'get', handle, name });
	}

	// Run ops on one object inside the child; returns { results, failed, cpu }
	// where cpu is the child's CPU seconds for the batch, measured outside.
	async batch(handle, ops, label, seconds = 20) {
		const before = cpuSeconds(this.child.pid);
		const r = await this.request({ op: 'batch', handle, ops }, seconds);
		if (!r.ok)
			throw new Fail(this.describeFailure(label, r));
		return { ...r.value, cpu: cpuSeconds(this.child.pid) - before };
	}

	// Keep value in the child; returns a handle for { $counted: { $ref } }.
	store(value, label) {
		return this.value(label, { op: 'store', value });
	}

	// exports[name](shared, x) for each x in xs, inside the child; returns
	// { results, failed, cpu } as batch does.
	async map(name, shared, xs, label, seconds = 20) {
		const before = cpuSeconds(this.child.pid);
		const r = await this.request({ op: 'map', name, shared, xs }, seconds);
		if (!r.ok)
			throw new Fail(this.describeFailure(label, r));
		return { ...r.value, cpu: cpuSeconds(this.child.pid) - before };
	}

	cpu() {
		return cpuSeconds(this.child.pid);
	}

	stop() {
		if (!this.dead)
			this.child.kill('SIGKILL');
	}
}

// A random integer in [lo, hi], from a seeded generator (mulberry32) so a
// failing run can be told apart from the next; the seed comes from the
// clock, so each run of a check sees other data.
function rng(seed = (Date.now() ^ process.pid) >>> 0) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6D2B79F5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
	next.pick = (xs) => xs[Math.floor(next() * xs.length)];
	next.seed = seed;
	return next;
}

// Run main(tap) and exit 0 whatever happens: the verdict is in the TAP.
function run(plan, main) {
	const tap = new Tap(plan);
	main(tap).then(() => tap.finish(), (e) => {
		tap.failRest('(test not run)', `the checker failed: ${e && e.stack || e}`);
	}).finally(() => process.exit(0));
}

module.exports = { Tap, Learner, Fail, show, tapText, rng, run, cpuSeconds };
