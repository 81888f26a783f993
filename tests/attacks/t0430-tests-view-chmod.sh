# The shared tests view (issue 10, class 8): one check chmods tests/ and
# what is in it (Landlock does not mediate chmod); the next checks of the
# same submission must still read their tests. Matters where the view is
# shared through a symlink and owned by the check's uid: the fallback
# without namespaces, run as a user.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
echo "expected" >fx/a/tests/data.txt
add_check chmod '["sh", "-c", "chmod 000 tests/data.txt; chmod 000 tests/ tests; chmod 000 tests/.; true"]'
add_check read1 '["sh", "-c", "cat tests/data.txt"]'
add_check read2 '["sh", "-c", "cat tests/data.txt"]'
run_pack
expect_check chmod pass
expect_check read1 pass
expect_output read1 "^expected"
expect_check read2 pass
exit 0
