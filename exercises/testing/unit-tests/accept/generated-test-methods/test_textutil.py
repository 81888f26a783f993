"""Tests for textutil.slugify (alternative: test methods generated from a
table with setattr, so each example is its own named test, plus a few
hand-written tests for the error cases)."""
import unittest

from textutil import slugify

# name -> (args, expected slug)
EXAMPLES = {
    "basic_title": (("Hello, World!",), "hello-world"),
    "accents_removed": (("  Café Crème  ",), "cafe-creme"),
    "accent_kept_as_letter": (("é",), "e"),
    "umlaut_inside_word": (("Müller",), "muller"),
    "sharp_s_dropped": (("Fußball",), "fuball"),
    "uppercase_lowered": (("ABC",), "abc"),
    "mixed_case": (("PyThOn",), "python"),
    "digits_kept": (("Top 10 tips",), "top-10-tips"),
    "only_digits": (("404",), "404"),
    "digits_between_letters": (("a1b2",), "a1b2"),
    "run_of_spaces_collapsed": (("a    b",), "a-b"),
    "run_of_symbols_collapsed": (("a!?@#b",), "a-b"),
    "existing_hyphens_collapsed": (("a---b",), "a-b"),
    "leading_separator_removed": (("!!a",), "a"),
    "trailing_separator_removed": (("a!!",), "a"),
    "leading_hyphen_removed": (("-a",), "a"),
    "trailing_hyphen_removed": (("a-",), "a"),
    "empty_text": (("",), ""),
    "only_symbols": (("!!!",), ""),
    "only_non_ascii": (("ßß",), ""),
    "cut_at_max_length": (("Top 10 tips", 6), "top-10"),
    "cut_before_separator": (("ab cd", 3), "ab"),
    "cut_exactly_at_word_end": (("abc def", 3), "abc"),
    "cut_two_after_separator": (("ab cd", 4), "ab-c"),
    "max_length_one": (("hello", 1), "h"),
    "no_cut_when_equal": (("abcde", 5), "abcde"),
    "no_cut_when_shorter": (("abc", 10), "abc"),
    "default_max_length_50": (("a" * 80,), "a" * 50),
    "default_cut_strips_hyphen": (("a" * 49 + " b",), "a" * 49),
}


class SlugifyExamples(unittest.TestCase):
    pass


def _make_test(args, expected):
    def test(self):
        self.assertEqual(slugify(*args), expected)
    return test


for _name, (_args, _expected) in EXAMPLES.items():
    setattr(SlugifyExamples, "test_" + _name, _make_test(_args, _expected))


class SlugifyErrors(unittest.TestCase):
    def test_zero_max_length(self):
        self.assertRaises(ValueError, slugify, "x", 0)

    def test_negative_max_length(self):
        self.assertRaises(ValueError, slugify, "x", -3)

    def test_zero_max_length_even_for_empty_text(self):
        self.assertRaises(ValueError, slugify, "", 0)


if __name__ == "__main__":
    unittest.main()
