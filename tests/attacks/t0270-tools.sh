# The policy still lets real tools work (issue 3): python3 with sqlite3 and
# threads, node, sh, git, sqlite3 and gcc each run a small job in a check.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
cat >sub/a/job.py <<'PY'
import json, sqlite3, subprocess, threading, tempfile, os, hashlib, multiprocessing
db = sqlite3.connect(":memory:")
db.execute("create table t (x)"); db.executemany("insert into t values (?)", [(i,) for i in range(10)])
assert db.execute("select sum(x) from t").fetchone()[0] == 45
t = threading.Thread(target=lambda: None); t.start(); t.join()
with multiprocessing.Pool(2) as p:
    assert p.map(abs, [-1, -2]) == [1, 2]
assert subprocess.run(["sh", "-c", "echo sub"], capture_output=True).stdout == b"sub\n"
with tempfile.NamedTemporaryFile() as f:
    f.write(b"x")
hashlib.scrypt(b"pw", salt=b"salt", n=16, r=8, p=1)
print(json.dumps({"python": "ok"}))
PY
cat >sub/a/hello.c <<'C'
#include <stdio.h>
#include <pthread.h>
static void *run(void *a) { return a; }
int main(void) { pthread_t t; pthread_create(&t, NULL, run, NULL); pthread_join(t, NULL); puts("gcc ok"); return 0; }
C
add_check python3 '["python3", "job.py"]' '"timeout": 5'
add_check sh '["sh", "-c", "for i in 1 2 3; do echo $i; done | sort -r | head -1 | grep -q 3 && echo sh ok"]'
add_check git '["sh", "-c", "git init -q r && cd r && echo x >f && git add f && git -c user.name=a -c user.email=a@b commit -qm m && git log --oneline | wc -l && echo git ok"]' '"timeout": 5'
add_check sqlite3 '["sh", "-c", "printf \"create table t(x); insert into t values (42); select x from t;\" | sqlite3 :memory:"]'
add_check gcc '["sh", "-c", "gcc -O1 -pthread -o hello hello.c && ./hello"]' '"timeout": 10, "memory_mb": 512'
if command -v node >/dev/null; then
	add_check node '["node", "-e", "const fs = require(\"fs\"); fs.writeFileSync(\"n.txt\", \"x\"); setTimeout(() => console.log(\"node ok\", fs.readFileSync(\"n.txt\", \"utf8\")), 10)"]' '"timeout": 5, "memory_mb": 1024'
fi
run_pack

expect_check python3 pass
expect_output python3 '"python": "ok"'
expect_check sh pass
expect_output sh "sh ok"
expect_check git pass
expect_output git "git ok"
expect_check sqlite3 pass
expect_output sqlite3 "^42"
expect_check gcc pass
expect_output gcc "gcc ok"
if command -v node >/dev/null; then
	expect_check node pass
	expect_output node "node ok x"
fi
for id in python3 sh git sqlite3 gcc node; do
	d=$(field $id denial 2>/dev/null)
	[ -z "$d" ] || [ "$d" = None ] || [ "$d" = null ] || echo "note: $id had a refused call: $d" >&2
done
exit 0
