# Control characters on the grader's terminal (issue 10, class 6). Text
# roadmap-run did not write itself reaches stdout and stderr in many
# places: a submission's directory name in grade's progress lines, the
# names in warnings printed before any check runs, answers.json keys, a
# pack path, a check's output in the summary, hint and quiz text from a
# pack. In every one, C0 controls and DEL, the C1 controls encoded in UTF-8
# (U+0080..U+009F: CSI, OSC, NEL), the bidi controls (U+202A..U+202E,
# U+2066..U+2069) and bytes that are not UTF-8 must arrive escaped: the
# output is valid UTF-8 holding none of them (tab and newline aside).
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

# ESC CSI, BEL, CR, C1 CSI, C1 OSC, NEL, RLO, PDF, LRI, PDI, invalid UTF-8
# (a stray continuation byte, an overlong '/', 0xff)
HOSTILE=$(printf 'X\033[31mR\007\rC\302\233OSC\302\235NEL\302\205RLO\342\200\256PDF\342\200\254LRI\342\201\246PDI\342\201\251BAD\200\300\257\377END')
# The same in JSON (invalid UTF-8 cannot be written in JSON's \u escapes;
# the pack gets it raw below).
JSON_HOSTILE='X\u001b[31mR\u0007\rC\u009bOSC\u009dNEL\u0085RLO\u202ePDF\u202cLRI\u2066PDI\u2069END'

# clean FILE WHAT: FILE is valid UTF-8 without terminal controls. pty
# transcripts (ALLOW_CR=1) hold the line discipline's CR before each LF.
clean() {
	ALLOW_CR=${ALLOW_CR:-0} /usr/bin/python3 - "$1" "$2" <<'EOF' || flunk "$2: raw terminal controls reached the terminal"
import os, sys
data = open(sys.argv[1], "rb").read()
if os.environ.get("ALLOW_EDITOR") == "1":
    # the quiz's line editor redraws its own line: "\r", the prompt, the
    # (escaped) line, erase to the end, cursor back. Only those, exactly.
    import re
    data = data.replace(b"\r\r\n", b"\n")  # Enter: the editor's "\r\n", ONLCR's "\r"
    data = re.sub(rb"\r(?=> )", b"", data)
    data = re.sub(rb"\x1b\[K(\x1b\[[0-9]+D)?", b"", data)
if os.environ["ALLOW_CR"] == "1":
    data = data.replace(b"\r\n", b"\n")
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("%s: not UTF-8 at byte %d: %r" % (sys.argv[2], e.start, data[max(0, e.start - 20):e.start + 10]), file=sys.stderr)
    sys.exit(1)
for i, ch in enumerate(text):
    c = ord(ch)
    if (c < 0x20 and ch not in "\t\n") or c == 0x7f or 0x80 <= c <= 0x9f \
            or 0x202a <= c <= 0x202e or 0x2066 <= c <= 0x2069:
        print("%s: U+%04X at %d: %r" % (sys.argv[2], c, i, text[max(0, i - 20):i + 10]), file=sys.stderr)
        sys.exit(1)
EOF
}
# shown FILE WHAT: the escaped form reached FILE (so the probe printed it)
shown() { grep -F 'X\x1b[31mR' "$1" >/dev/null || { cat "$1" >&2; flunk "$2: the hostile text was not shown at all, so the probe proves nothing"; }; }

new_pack
printf '%s\n' "$HOSTILE" >sub/a/evil.txt
add_check evil '["sh", "-c", "cat evil.txt; exit 1"]'
run_pack
/usr/bin/python3 - "$JSON_HOSTILE" <<'EOF'
import json, sys
p = json.load(open("fx/pack.json"))
h = json.loads('"' + sys.argv[1] + '"')
p["exercises"][0]["title"] = "Attack " + h
p["exercises"][0]["hints"] = ["hint " + h]
p["quiz"] = [{"id": "q1", "type": "single", "prompt": "Prompt " + h, "choices": ["one " + h, "two"],
              "answer": 1, "explanation": "Because " + h}]
json.dump(p, open("fx/pack.json", "w"))
EOF

# --- the check's output in the summary, the exercise title in the footer -------
"$RR" fx sub >run.out 2>run.err
clean run.out "summary"; shown run.out "summary"
clean run.err "summary (stderr)"

# --- a submission and a name in a warning printed before any check runs -------
mkdir -p "sub$HOSTILE"
ln -s /etc "sub$HOSTILE/a"
printf '{"format": 1, "answers": {"q%s": 1}}\n' "$HOSTILE" >"sub$HOSTILE/answers.json"
"$RR" fx "sub$HOSTILE" >warn.out 2>warn.err
clean warn.out "warnings (stdout)"
clean warn.err "warnings"; shown warn.err "warnings"

# --- grade: submission names in progress lines (stderr is not a terminal) ------
rm -rf subs grades && mkdir -p "subs/s$HOSTILE/a" subs/plain/a
cp sub/a/evil.txt "subs/s$HOSTILE/a/"
ln -s /etc "subs/l$HOSTILE"
"$RR" grade fx --submissions-dir subs --out grades -j 2 >grade.out 2>grade.err
clean grade.out "grade summary"
clean grade.err "grade progress"; shown grade.err "grade progress"

# --- a pack path, the hint, list -------------------------------------------------
"$RR" "fx$HOSTILE" sub >path.out 2>path.err
clean path.err "pack path"; shown path.err "pack path"
"$RR" init fx ws >/dev/null 2>&1
"$RR" hint fx a --workspace ws >hint.out 2>hint.err
clean hint.out "hint"; shown hint.out "hint"
"$RR" list fx >list.out 2>list.err
clean list.out "list"; shown list.out "list"

# --- quiz text on a terminal -----------------------------------------------------
ROADMAP_RUN_HOME=$PWD/home /usr/bin/python3 "$ROOT/tests/helpers/pty-drive.py" --timeout 20 \
	--log quiz.log 'expect:> ' 'line:1' 'expect:Because' -- "$RR" quiz fx >/dev/null 2>&1
ALLOW_CR=1 ALLOW_EDITOR=1 clean quiz.log "quiz"; shown quiz.log "quiz"

exit 0
