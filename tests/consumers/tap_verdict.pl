#!/usr/bin/perl
# tap_verdict.pl [--as-is] FILE... - judge each TAP file with Perl's
# TAP::Parser (what prove uses) and print "FILE<TAB>pass|fail<TAB>RAN<TAB>
# FAILED<TAB>first parse error". "pass" is TAP::Parser's !has_problems for a
# stream whose producer exited 0: no failed test, no parse error.
#
# TAP::Parser 3.44 knows no "TAP version 14" and makes it a parse error.
# TAP 14 is written to be read by TAP 13 harnesses, so unless --as-is is
# given, that line is read as "TAP version 13": the corpus then compares
# how the two readers judge the stream itself (docs/pack-format.md,
# difference "version-14").
use strict;
use warnings;
use TAP::Parser;

my $as_is = @ARGV && $ARGV[0] eq '--as-is' ? shift @ARGV : 0;
for my $file (@ARGV) {
	open my $fh, '<:raw', $file or die "tap_verdict.pl: $file: $!\n";
	my $text = do { local $/; <$fh> };
	close $fh;
	$text =~ s/\ATAP version 14(\r?\n)/TAP version 13$1/ unless $as_is;
	my $parser = TAP::Parser->new({ tap => $text });
	1 while $parser->next;
	my @errors = $parser->parse_errors;
	my $error = @errors ? $errors[0] : '';
	$error =~ s/[\t\n]/ /g;
	printf "%s\t%s\t%d\t%d\t%s\n", $file, $parser->has_problems ? 'fail' : 'pass',
	    $parser->tests_run, scalar($parser->failed), $error;
}
