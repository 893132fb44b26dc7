#!/bin/sh
# assess.sh - "make bench" section measuring the assessment (issue 11):
# random answering of every knowledge check (goal: under 5 % per check), a
# trainee who follows the lessons, pitfall players and copiers of another
# variant's answer in the exams.  BENCH_ASSESS_ATTEMPTS, BENCH_ASSESS_SEEDS
# change the sizes.
: "${BENCH_DIR:?}"
"$BENCH_DIR/bench_assess" . "${BENCH_ASSESS_ATTEMPTS:-100000}" "${BENCH_ASSESS_SEEDS:-4}"
