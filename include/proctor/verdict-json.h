/* SPDX-License-Identifier: ISC */
/*
 * verdict-json.h - a verdict on one result file as JSON, so that checking files (the map:
 * `proctor verify --json`, on any number of machines) and the checks across files with the
 * gradebook (the reduce: `proctor gradebook`) can run apart and still give what one verify
 * gives.
 *
 * Rule: proctor_verdict_json and proctor_verdict_line_json return malloc'd text (free); proctor_verdict_parse fills a
 * caller-owned verdict (release its items with proctor_verdict_release) and hands back the
 * file name and binding as malloc'd strings the caller frees; out->file points at *file.
 */
#ifndef PROCTOR_VERDICT_JSON_H
#define PROCTOR_VERDICT_JSON_H

#include <stddef.h>

#include "proctor/error.h"
#include "proctor/verify.h"

/*
 * What the file was checked against, for the record: "assignment ID SHA256" (the
 * assignment's id and the SHA-256 of its payload), "bank SHA256" (practice results only) or
 * "" (neither given). Writes at most size bytes (PROCTOR_AGAINST_MAX is enough).
 */
#define PROCTOR_AGAINST_MAX (PROCTOR_ID_MAX + 80)
void proctor_verdict_against(const unsigned char *assignment_digest, const char *assignment_id,
                             const unsigned char *bank_digest, char *out, size_t size);

/*
 * The verdict v as it comes out of proctor_verify_buffer, before any check across files, as
 * one compact JSON object (no newline): every member of struct proctor_verdict but file
 * (which is the line's "file"), and "against". NULL on out of memory.
 */
char *proctor_verdict_json(const struct proctor_verdict *v, const char *against);

/*
 * One line of `proctor verify --json` for the file named file, after the checks across files
 * (v settled), as one compact JSON object (no newline): file, status, reason, student, name,
 * kind, finished; for a valid assignment result its assignment, started, points (with essay
 * marks), percent, attempt, essay points, unmarked, late, overtime, warnings and, when v has
 * items, "questions" (each with id, earned, answered, marked for an essay, the options
 * picked: their ids from a's answer key bank key, "true"/"false"); for another valid result
 * earned, max, percent, attempt, warnings; the attempt of an invalid one that has it;
 * "duplicate" and "claimed" when they apply; then check (proctor_verdict_json's text, when
 * not NULL) as "check". Strings as they are (the caller escapes what a terminal must not
 * see). NULL on out of memory.
 */
struct proctor_assignment;
struct proctor_bank;
char *proctor_verdict_line_json(const char *file, const struct proctor_verdict *v,
                                const char *check, const struct proctor_assignment *a,
                                const struct proctor_bank *key);

/*
 * Reads one line of `proctor verify --json` (text, len bytes; path and line name it in
 * errors): strict JSON (json-strict's profile) holding a string "file" and a "check" object
 * written by proctor_verdict_json, every member present with its type and range, nothing
 * unknown in it; other members of the line are verify's presentation and are not read. Fills
 * *out as proctor_verify_buffer filled it. PROCTOR_EINVAL with path:line and the member
 * ("check.nonce: want 32 lowercase hex digits"), PROCTOR_ENOMEM.
 */
int proctor_verdict_parse(const char *text, size_t len, const char *path, long line,
                          struct proctor_verdict *out, char **file, char **against,
                          struct proctor_error *err);

#endif
