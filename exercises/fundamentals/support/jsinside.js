'use strict';
// jsinside.js - the child process that holds the learner's JavaScript
// module, started by jscheck.js (the checker) with an IPC channel.
//
// The checker never loads the learner's code itself: a submission that
// patches globals, prints TAP, exits or loops forever does so here, in a
// process whose stdout the checker never reads as TAP and which it can
// kill. Messages are structured clones ("advanced" serialization), so
// undefined, Map, Set and NaN cross the channel as they are.
//
// Requests: { id, op, ... }; replies: { id, ok: true, value } or
// { id, ok: false, error: { name, message } }.
//   load   { file }                  require the learner's file (from cwd)
//   new    { name, args }            new exports[name](...args): a handle
//   call   { name, args }            exports[name](...args)
//   echo   { name, args }            { result, args }: the call's result and its
//                                    arguments after it (did it modify them?)
//   method { handle, name, args }    objects[handle][name](...args)
//   get    { handle, name }          objects[handle][name] (a getter)
//   store  { value }                 keep value here: a handle for { $ref } (a
//                                    million items cross the channel once)
//   batch  { handle, ops }           [name, ...args] per op on one object;
//                                    { results } or { results, failed: [i, name, message] }
//   map    { name, shared, xs }      exports[name](shared, x) for each x, the
//                                    same reply as batch (30,000 searches in one message)
// Arguments may be "counted" wrappers the checker asks for:
//   { $counted: [values] }  a read-only array that counts index reads
//   { $atLeast: t, lo, hi } the predicate i => i >= t, counting its calls,
//                           and those outside [lo, hi)
// and the reply then carries { reads, calls, outside }.
const path = require('node:path');

// Taken before the learner's module loads: a module that replaces the
// global Proxy or Reflect must not make its reads uncounted.
const ProxyCtor = Proxy;
const reflectGet = Reflect.get;
const testIndex = RegExp.prototype.test.bind(/^(0|[1-9][0-9]*)$/);
const send = process.send.bind(process);

let mod = null;
const objects = [];
let reads = 0;
let calls = 0;
let outside = 0;

function unwrap(arg) {
	if (arg && typeof arg === 'object' && !Array.isArray(arg) && !(arg instanceof Map)) {
		if (arg.$counted) {
			const values = Array.isArray(arg.$counted) ? arg.$counted : objects[arg.$counted.$ref];
			return new ProxyCtor(values, {
				get(target, prop, receiver) {
					if (typeof prop === 'string' && testIndex(prop))
						reads++;
					return reflectGet(target, prop, receiver);
				},
				set() { return false; },
				deleteProperty() { return false; },
			});
		}
		if (typeof arg.$atLeast === 'number') {
			const { $atLeast: t, lo, hi } = arg;
			return (i) => {
				calls++;
				if (!(i >= lo && i < hi))
					outside++;
				return i >= t;
			};
		}
	}
	return arg;
}

function errorOf(e) {
	if (e instanceof Error)
		return { name: e.constructor && e.constructor.name || 'Error', message: String(e.message).slice(0, 300) };
	return { name: typeof e, message: String(e).slice(0, 300) };
}

// Values sent back must survive structured cloning: a function or a
// class instance becomes a description the checker can print.
function cloneable(v, depth = 0) {
	if (typeof v === 'function')
		return { $unsendable: 'a function' };
	if (typeof v === 'symbol')
		return { $unsendable: 'a symbol' };
	if (v && typeof v === 'object' && depth < 3 && !Array.isArray(v) && !(v instanceof Map) &&
	    !(v instanceof Set) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null)
		return { $unsendable: `an instance of ${v.constructor && v.constructor.name || 'a class'}` };
	return v;
}

function handle(req) {
	reads = 0;
	calls = 0;
	outside = 0;
	switch (req.op) {
	case 'load':
		mod = require(path.resolve(process.cwd(), req.file));
		return Object.keys(mod || {});
	case 'new': {
		const C = mod[req.name];
		objects.push(new C(...req.args.map(unwrap)));
		return objects.length - 1;
	}
	case 'call':
		return mod[req.name](...req.args.map(unwrap));
	case 'echo': {
		const args = req.args.map(unwrap);
		const result = mod[req.name](...args);
		return { result: cloneable(result), args };
	}
	case 'method':
		return objects[req.handle][req.name](...req.args.map(unwrap));
	case 'get':
		return objects[req.handle][req.name];
	case 'store':
		objects.push(req.value);
		return objects.length - 1;
	case 'batch': {
		const obj = objects[req.handle];
		const results = [];
		for (let i = 0; i < req.ops.length; i++) {
			const [name, ...args] = req.ops[i];
			try {
				results.push(name === 'size' ? obj.size : obj[name](...args));
			} catch (e) {
				const err = errorOf(e);
				return { results, failed: [i, err.name, err.message] };
			}
		}
		return { results };
	}
	case 'map': {
		const f = mod[req.name];
		const shared = unwrap(req.shared);
		const results = [];
		for (let i = 0; i < req.xs.length; i++) {
			try {
				results.push(f(shared, req.xs[i]));
			} catch (e) {
				const err = errorOf(e);
				return { results, failed: [i, err.name, err.message] };
			}
		}
		return { results };
	}
	default:
		throw new Error(`unknown request ${req.op}`);
	}
}

process.on('message', (req) => {
	let reply;
	try {
		const value = handle(req);
		reply = { id: req.id, ok: true, value: cloneable(value), reads, calls, outside };
	} catch (e) {
		reply = { id: req.id, ok: false, error: errorOf(e), reads, calls, outside };
	}
	try {
		send(reply);
	} catch (e) {
		send({ id: req.id, ok: false, error: { name: 'DataCloneError', message: 'the value returned cannot be sent back: ' + e.message } });
	}
});
process.on('disconnect', () => process.exit(0));
