/* SPDX-License-Identifier: ISC */
/*
 * runner.h - the interactive question loop shared by `practice` and `take`: shows each
 * question, reads answers and :commands, grades, gives feedback when the mode allows it, and
 * persists after every answer through a callback.
 */
#ifndef PROCTOR_CLI_RUNNER_H
#define PROCTOR_CLI_RUNNER_H

#include <stdint.h>
#include <time.h>

#include "proctor/grade.h"
#include "proctor/session.h"
#include "render.h"

enum run_outcome {
    RUN_DONE,        /* every question visited (practice) or the work submitted (review):
                        on reaching the end, the review screen and "Hand in?" (unless
                        no_confirm), or :submit */
    RUN_QUIT,        /* :quit, Ctrl-D, or Ctrl-C confirmed on a terminal */
    RUN_INTERRUPTED, /* SIGINT off a terminal */
    RUN_TERMINATED,  /* SIGTERM or SIGHUP */
    RUN_TIMEUP,      /* the deadline passed */
    RUN_IOERROR      /* persist() failed: nothing more is asked */
};

struct runner {
    struct proctor_session *s;
    struct style st;
    int feedback; /* after each answer: right or wrong, the answer and the explanation */
    int passages; /* :passage, and the passage in feedback (practice only) */
    int review;   /* assignment mode: :goto N, :review, and a review screen before submitting;
                     an answer moves on to the next unanswered question */
    int no_confirm;  /* review: hand in on reaching the end without asking (take --yes) */
    time_t deadline; /* 0 = none; the time left is shown and the run ends at it */
    /* called after every answer and move; nonzero stops the run with RUN_IOERROR */
    int (*persist)(struct runner *R);
    /* when set, called after an answer to question i is recorded (earning earned), before
     * persist() and the feedback: study records the review, and may append the question to
     * the session to bring it back; nonzero stops the run with RUN_IOERROR */
    int (*answered)(struct runner *R, size_t i, int64_t earned);
    const char *note;  /* a line answered() leaves to be shown after the feedback */
    struct proctor_grade_note graded; /* how the last answer recorded was read (a typo, ...) */
    int64_t shown_ms;  /* when the current question was shown (monotonic milliseconds) */
    void *ctx;
    char *draft; /* an essay not handed in (too short), offered again by :edit; runner_run
                    frees it */
};

enum run_outcome runner_run(struct runner *R);

/* Milliseconds on the monotonic clock (for R->shown_ms). */
int64_t runner_clock_ms(void);

/* The end-of-practice report: score, a bar per document, and what to review. */
void runner_summary(const struct runner *R);

#endif
