/* SPDX-License-Identifier: ISC */
/* cmd-show-result.c - proctor show-result (inspect): a result file's payload, readably. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "commands.h"
#include "proctor/fileio.h"
#include "proctor/result.h"
#include "proctor/sign.h"
#include "untrusted.h"

static const char *
response_of(const struct proctor_result *res, const char *qid)
{
    for (size_t i = 0; i < res->nresponses; i++)
        if (strcmp(res->responses[i].qid, qid) == 0)
            return res->responses[i].json;
    return NULL;
}

static void
show(const char *path, const struct proctor_envelope *env, const struct proctor_result *res)
{
    char hex[65], nonce[2 * PROCTOR_NONCE_BYTES + 1], score[96];

    sodium_bin2hex(hex, sizeof hex, res->digest, 32);
    sodium_bin2hex(nonce, sizeof nonce, res->nonce, sizeof res->nonce);
    cli_format_score(res->earned, res->max, score, sizeof score);
    printf("result:    %s\n", untrusted_str(path));
    printf("signature: by key %s, not checked here (run 'proctor verify')\n", env->keyid);
    printf("student:   %s (key %s)\n", untrusted_str(res->student), res->keyid);
    if (res->assignment_id)
        printf("taken:     assignment %s (sha256 %s)\n", untrusted_str(res->assignment_id), hex);
    else
        printf("taken:     practice on a question bank (sha256 %s)\n", hex);
    printf("attempt:   %lld\n", (long long)res->attempt);
    printf("started:   %s\n", untrusted_str(res->started));
    printf("finished:  %s\n", untrusted_str(res->finished));
    printf("program:   %s\n", untrusted_str(res->program));
    printf("nonce:     %s\n", nonce);
    printf("score:     %s, as claimed\n", score);
    printf("responses: %zu of %zu question%s\n", res->nresponses, res->nquestions,
           res->nquestions == 1 ? "" : "s");
    for (size_t i = 0; i < res->nquestions; i++) {
        const char *r = response_of(res, res->questions[i]);
        printf("  %-28s %s\n", untrusted_str(res->questions[i]),
               r ? untrusted_str(r) : "(no response)");
    }
}

enum { O_PAYLOAD = 1 };

static const struct cli_option options[] = {
    {"payload", O_PAYLOAD, NULL, 0, "print the signed payload, the exact JSON bytes, as it is",
     "proctor show-result --payload week3.json", CLI_V_NONE, NULL},
    {0}};

const struct command command_show_result = {
    "show-result", cmd_show_result, "show what a result file says (without verifying it)",
    "proctor show-result [--payload] FILE",
    "Shows a result's student, assignment, times, claimed score and every answer as it was "
    "typed. Nothing is verified: use 'proctor verify' to check the signature and the score.",
    options, CLI_V_FILE, NULL, 0};

int
cmd_show_result(int argc, char **argv)
{
    const char *cmd = argv[0];
    int raw = 0, c, rc = EXIT_OK;
    char *buf = NULL;
    size_t len = 0;
    struct proctor_error err;
    struct proctor_envelope env;
    struct proctor_result res;
    struct cli_args a;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case O_PAYLOAD: raw = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(cmd, optind == argc ? "missing result file"
                                                   : "give one result file");
    proctor_error_clear(&err);
    if (raw) {
        /* any signed file's payload, as it was signed */
        if (proctor_file_read(argv[optind], PROCTOR_RESULT_MAX_BYTES, &buf, &len, &err) < 0)
            return cli_report(&err);
        rc = proctor_dsse_parse(buf, len, argv[optind], &env, &err);
        free(buf);
        if (rc < 0)
            return cli_report(&err);
        fwrite(env.payload, 1, env.payload_len, stdout);
        proctor_envelope_release(&env);
        return EXIT_OK;
    }
    if (proctor_result_load(argv[optind], &env, &res, &err) < 0)
        return cli_report(&err);
    show(argv[optind], &env, &res);
    proctor_result_release(&res);
    proctor_envelope_release(&env);
    return rc;
}
