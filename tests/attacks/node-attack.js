'use strict';
// node-attack.js MODE ARGS... - the attack families of tests/attacks in
// JavaScript, run by t0490-node.sh as checks. Each probe prints "BLOCKED
// <what>: <error code>" when the sandbox refused it and "ESCAPED <what>"
// when it got through; the script asserts on those lines and on the
// effects outside the check.
const fs = require('node:fs');
const net = require('node:net');
const dgram = require('node:dgram');
const cp = require('node:child_process');

const [mode, ...args] = process.argv.slice(2);
const say = (ok, what, e) => console.log(ok ? `ESCAPED ${what}` : `BLOCKED ${what}: ${e && (e.code || e.message)}`);

function tryIt(what, fn) {
	try {
		fn();
		say(true, what);
	} catch (e) {
		say(false, what, e);
	}
}

async function main() {
	switch (mode) {
	case 'tcp': { // connect to the host's listener
		await new Promise((resolve) => {
			const s = net.connect({ host: '127.0.0.1', port: Number(args[0]) }, () => {
				s.end('ESCAPED-NODE');
				say(true, 'tcp');
				resolve();
			});
			s.on('error', (e) => { say(false, 'tcp', e); resolve(); });
		});
		break;
	}
	case 'udp': {
		await new Promise((resolve) => {
			try {
				const s = dgram.createSocket('udp4');
				s.on('error', (e) => { say(false, 'udp', e); resolve(); });
				s.send('ESCAPED-NODE', Number(args[0]), '127.0.0.1', (e) => { say(!e, 'udp', e); s.close(); resolve(); });
			} catch (e) {
				say(false, 'udp', e);
				resolve();
			}
		});
		break;
	}
	case 'binding-tcp': { // the raw binding under net: the same socket() call
		tryIt('process.binding tcp_wrap', () => {
			const { TCP, constants } = process.binding('tcp_wrap');
			const t = new TCP(constants.SOCKET);
			const err = t.bind('127.0.0.1', 0);
			if (err) throw Object.assign(new Error(`bind returned ${err}`), { code: `uv ${err}` });
		});
		break;
	}
	case 'write': // fs writes outside the work directory
		for (const f of args)
			tryIt(`write ${f}`, () => fs.writeFileSync(f, 'ESCAPED-NODE\n'));
		break;
	case 'binding-write': // process.binding('fs') with no JavaScript checks in the way
		for (const f of args)
			tryIt(`binding write ${f}`, () => {
				const b = process.binding('fs');
				const fd = b.open(f, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o644);
				if (typeof fd !== 'number' || fd < 0) throw new Error(`open returned ${fd}`);
				b.writeString(fd, 'ESCAPED-NODE\n', null, 'utf8');
			});
		break;
	case 'spawn-sync': { // process.binding('spawn_sync'): exec without child_process
		tryIt('spawn_sync writes /etc', () => {
			const r = process.binding('spawn_sync').spawn({
				file: '/bin/sh', args: ['sh', '-c', `echo OUT >/etc/escape-${args[0]}`],
				envPairs: [], stdio: [{ type: 'ignore' }, { type: 'ignore' }, { type: 'ignore' }],
			});
			if (r.status !== 0) throw new Error(`sh exited ${r.status}`);
		});
		break;
	}
	case 'children': { // detached children that try to outlive the check
		for (let i = 0; i < 4; i++) {
			const c = cp.spawn('sleep', ['300', args[0]], { detached: true, stdio: 'ignore' });
			c.unref();
		}
		const c = cp.spawn('sh', ['-c', `exec -a "${args[0]}" sleep 300`], { detached: true, stdio: 'ignore' });
		c.unref();
		tryIt('child writes /etc', () => cp.execSync(`echo OUT >/etc/escape-${args[0]}`, { stdio: 'ignore' }));
		console.log('children started');
		break;
	}
	case 'fork-bomb': { // node processes forking node processes
		let n = 0, failed = null;
		for (let i = 0; i < 500; i++) {
			try {
				cp.fork('-e', [], { execArgv: ['-e', 'setInterval(() => {}, 1000)'], stdio: 'ignore', detached: true }).on('error', (e) => { failed = failed || e; });
				n++;
			} catch (e) {
				failed = e;
				break;
			}
		}
		console.log(`forked ${n}${failed ? ', then ' + failed.code : ''}`);
		setTimeout(() => {}, 60000);
		break;
	}
	case 'workers': { // a worker-thread bomb: every worker starts 4 more and allocates
		const { Worker, isMainThread } = require('node:worker_threads');
		let started = 0;
		for (let i = 0; i < (isMainThread ? 50 : 4); i++) {
			try {
				new Worker(__filename, { argv: ['workers'] }).on('error', () => {});
				started++;
			} catch (e) {
				console.log(`worker ${i}: ${e.code || e.message}`);
				break;
			}
		}
		const hog = [];
		setInterval(() => hog.push(Buffer.alloc(1 << 20, 1)), 10);
		if (isMainThread)
			console.log(`started ${started} workers`);
		break;
	}
	case 'tap-then-crash': // a complete passing stream, then death
		process.stdout.write('TAP version 13\n1..1\nok 1 - fine\n');
		process.kill(process.pid, 'SIGKILL');
		break;
	case 'tap-then-exit-1':
		process.stdout.write('TAP version 13\n1..1\nok 1 - fine\n');
		process.exit(1);
		break;
	case 'tap-then-hang':
		process.stdout.write('TAP version 13\n1..1\nok 1 - fine\n');
		for (;;);
	case 'tap-via-proc': // a second writer on the check's stdout, through /proc
		process.stdout.write('TAP version 13\n1..2\n');
		tryIt('write /proc/self/fd/1', () => fs.writeFileSync('/proc/self/fd/1', 'ok 1 - forged\nok 2 - forged\n'));
		process.stdout.write('not ok 1 - the real verdict\nnot ok 2 - the real verdict\n');
		break;
	case 'tap-todo': // a failing point disguised by a directive in a description
		process.stdout.write('TAP version 13\n1..1\nnot ok 1 - got \\# TODO not really\n');
		break;
	case 'controls': // terminal controls in the output and the TAP description
		process.stdout.write('TAP version 13\n1..1\nnot ok 1 - \x1b]0;pwned\x07\x1b[2J\x1b[31mred\n');
		break;
	case 'secrets': // the runner's environment and the host's files
		console.log(`env ${process.env.RR_ATTACK_SECRET || 'none'}`);
		tryIt('read /etc/shadow', () => fs.readFileSync('/etc/shadow'));
		tryIt('read /root', () => fs.readdirSync('/root'));
		break;
	default:
		console.error(`unknown mode ${mode}`);
		process.exit(2);
	}
}

main();
