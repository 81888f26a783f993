#!/usr/bin/perl
# tap_dump.pl FILE - parse a TAP file with Perl's TAP::Parser (what prove
# uses) and print what it understood as JSON: plan, parse errors, and
# each test point with its YAML diagnostic decoded by TAP::Parser::YAMLish.
use strict;
use warnings;
use TAP::Parser;
use JSON::PP;

my $parser = TAP::Parser->new({ exec => ['cat', $ARGV[0]] });
my (@tests, $last);
while (my $r = $parser->next) {
	if ($r->is_test) {
		$last = {
			number => $r->number,
			ok => $r->is_actual_ok ? JSON::PP::true : JSON::PP::false,
			description => $r->description,
		};
		push @tests, $last;
	} elsif ($r->is_yaml && $last) {
		$last->{yaml} = $r->data;
	}
}
binmode STDOUT;
print JSON::PP->new->canonical->utf8->encode({
	plan => $parser->plan,
	version => $parser->version,
	parse_errors => [ $parser->parse_errors ],
	tests => \@tests,
	passed => ($parser->has_problems ? JSON::PP::false : JSON::PP::true),
});
