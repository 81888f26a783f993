# The JavaScript check library (checklib/jscheck.js, jsinside.js): the
# learner's module runs in a child under Node's permission model (no
# processes, workers, bindings, writes or /proc, so not the checker's
# stdout), what it prints never reaches the TAP stream, a value cannot
# smuggle a directive into a description, a module that replaces Proxy or
# process.send cannot hide its reads, and a runaway call is stopped by CPU.
set -u
. "$LIB"
command -v node >/dev/null || die "node is not installed"
mkdir -p work/tests && cp "$ROOT"/checklib/*.js work/tests/
cat >work/mod.js <<'JS'
const fs = require('node:fs');
const tried = {};
for (const [name, fn] of Object.entries({
	spawn: () => require('node:child_process').execSync('true'),
	worker: () => new (require('node:worker_threads').Worker)('1', { eval: true }),
	binding: () => process.binding('fs'),
	write: () => fs.writeFileSync('x.txt', '1'),
	proc: () => fs.writeFileSync(`/proc/${process.ppid}/fd/1`, 'ok 9 - forged\n'),
	tests: () => fs.readFileSync('tests/secret.txt'),
})) {
	try { fn(); tried[name] = 'ALLOWED'; } catch (e) { tried[name] = e.code || e.message; }
}
console.log('ok 1 - printed by the learner');
globalThis.Proxy = function (t) { return t; };
const send = process.send;
process.send = (m, ...r) => send.call(process, { ...m, reads: 0 }, ...r);
exports.tried = () => tried;
exports.echo = (x) => x;
exports.scan = (items, t) => { let i = 0; while (i < items.length && items[i] < t) i++; return i; };
exports.spin = () => { for (;;); };
JS
echo hidden >work/tests/secret.txt
cat >work/tests/check.js <<'JS'
const { Learner, Fail, run } = require('./jscheck.js');
run(4, async (tap) => {
	const { learner, error } = await Learner.start('mod.js', ['tried', 'echo']);
	if (!learner) return tap.failRest('load', error);
	const tried = await learner.call('tried', [], 'tried()');
	const allowed = Object.entries(tried).filter(([, v]) => v === 'ALLOWED').map(([k]) => k);
	tap.ok(allowed.length === 0, `nothing allowed ${JSON.stringify(tried)}`);
	tap.ok(true, await learner.call('echo', [' # TODO'], 'echo'));
	const r = await learner.counted('scan', [{ $counted: [1, 2, 3, 4, 5, 6] }, 6], 'scan');
	tap.ok(r.reads === 5 || r.reads === 6, `reads counted: ${r.reads}`);
	const s = await learner.request({ op: 'call', name: 'spin', args: [] }, 0.5);
	tap.ok(s.died && /CPU seconds/.test(learner.dead), `spin stopped: ${learner.dead}`);
});
JS
(cd work && node tests/check.js >out.tap 2>err.txt) || die "the checker exited non-zero: $(cat work/err.txt)"
cat work/out.tap
expect_grep "^ok 1 - nothing allowed" work/out.tap
expect_grep '^ok 2 -  \\# TODO$' work/out.tap
expect_grep "^ok 3 - reads counted" work/out.tap
expect_grep "^ok 4 - spin stopped: used more than 0.5 CPU seconds" work/out.tap
grep -q "printed by the learner\|forged" work/out.tap && die "the learner's output reached the TAP stream"
[ "$(grep -c '^\(not \)\?ok' work/out.tap)" = 4 ] || die "expected exactly 4 test points"
