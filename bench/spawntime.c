/* SPDX-License-Identifier: ISC */
/*
 * spawntime.c - runs a command RUNS times and reports its wall time and peak memory, for
 * bench/run.sh (hyperfine does the startup figure when it is installed; this does the rest).
 *
 * usage: spawntime [-n RUNS] [-w WARMUP] [-i INPUT] [-o OUTPUT] [-r PATH]... -- CMD [ARG...]
 *                  [--- BASE [ARG...]]
 *
 * Each run gets INPUT (default /dev/null) on standard input and OUTPUT (default /dev/null) on
 * standard output; standard error is kept. Each -r PATH is removed before every run of CMD,
 * outside the timing (a fresh database each time). Time is measured from just before
 * posix_spawn to the return of wait4, on the monotonic clock. Prints one line:
 *   runs N median_ms M p90_ms P min_ms L max_ms H cpu_median_ms C maxrss_kb K
 * where p90 is the nearest-rank 90th percentile, cpu_median_ms the median user + system CPU
 * time (less sensitive than wall time to other load on the machine), and maxrss_kb the
 * largest peak resident set of any run (both from wait4's rusage).
 *
 * With "--- BASE ...", BASE (standard input /dev/null) runs right after each run of CMD,
 * warm-up runs too, and the line goes on with
 *   base_median_ms B own_median_ms D own_cpu_median_ms E
 * where own is the median over the runs of CMD's time less the BASE run next to it: with
 * BASE the same program doing nearly nothing (proctor --version), what CMD costs beyond
 * starting the program (exec, dynamic linking, exit), measured in one interleaved series so
 * that a change of load touches both alike.
 * Exits 1 when a run fails (nonzero status or a signal), 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void
usage(void)
{
    fprintf(stderr, "usage: spawntime [-n RUNS] [-w WARMUP] [-i INPUT] [-o OUTPUT] [-r PATH]... "
                    "-- CMD [ARG...] [--- BASE [ARG...]]\n");
    exit(2);
}

static const char *removed[16];
static int nremoved;

static void
remove_paths(void)
{
    for (int k = 0; k < nremoved; k++)
        if (unlink(removed[k]) < 0 && errno != ENOENT) {
            fprintf(stderr, "spawntime: cannot remove '%s': %s\n", removed[k], strerror(errno));
            exit(1);
        }
}

static double
median(double *v, long n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Runs cmd once; returns its wall time in ms (its CPU time in *cpu), or -1 when it failed. */
static double
run_once(char **cmd, const char *input, const char *output, long *maxrss, double *cpu)
{
    posix_spawn_file_actions_t fa;
    struct rusage ru;
    pid_t pid;
    int st, rc;
    double t0, t1;

    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, input, O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    t0 = now_ms();
    rc = posix_spawnp(&pid, cmd[0], &fa, NULL, cmd, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "spawntime: cannot run '%s': %s\n", cmd[0], strerror(rc));
        return -1;
    }
    while (wait4(pid, &st, 0, &ru) < 0)
        if (errno != EINTR) {
            perror("spawntime: wait4");
            return -1;
        }
    t1 = now_ms();
    if (ru.ru_maxrss > *maxrss)
        *maxrss = ru.ru_maxrss;
    *cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "spawntime: '%s' failed (%s %d)\n", cmd[0],
                WIFEXITED(st) ? "exit status" : "signal",
                WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
        return -1;
    }
    return t1 - t0;
}

int
main(int argc, char **argv)
{
    const char *input = "/dev/null", *output = "/dev/null";
    long runs = 10, warmup = 0, maxrss = 0, ignored = 0, base_rss = 0;
    double *t, *cpu, *bt = NULL, *own = NULL, *own_cpu = NULL, ignored_cpu, bcpu;
    char **base = NULL;
    int opt;

    while ((opt = getopt(argc, argv, "+n:w:i:o:r:")) != -1) {
        switch (opt) {
        case 'n': runs = strtol(optarg, NULL, 10); break;
        case 'w': warmup = strtol(optarg, NULL, 10); break;
        case 'i': input = optarg; break;
        case 'o': output = optarg; break;
        case 'r':
            if (nremoved == (int)(sizeof removed / sizeof *removed))
                usage();
            removed[nremoved++] = optarg;
            break;
        default: usage();
        }
    }
    /* getopt consumes a "--" that directly follows the options */
    if (runs < 1 || runs > 1000000 || warmup < 0 || optind >= argc ||
        strcmp(argv[optind - 1], "--") != 0)
        usage();
    argv += optind;
    for (int k = 0; argv[k]; k++)
        if (strcmp(argv[k], "---") == 0) {
            argv[k] = NULL;
            base = argv + k + 1;
            if (!base[0])
                usage();
            break;
        }
    t = calloc((size_t)runs, sizeof *t);
    cpu = calloc((size_t)runs, sizeof *cpu);
    if (base) {
        bt = calloc((size_t)runs, sizeof *bt);
        own = calloc((size_t)runs, sizeof *own);
        own_cpu = calloc((size_t)runs, sizeof *own_cpu);
    }
    if (!t || !cpu || (base && (!bt || !own || !own_cpu))) {
        perror("spawntime");
        return 1;
    }
    for (long i = 0; i < warmup; i++) {
        remove_paths();
        if (run_once(argv, input, output, &ignored, &ignored_cpu) < 0 ||
            (base && run_once(base, "/dev/null", output, &ignored, &ignored_cpu) < 0))
            return 1;
    }
    for (long i = 0; i < runs; i++) {
        remove_paths();
        if ((t[i] = run_once(argv, input, output, &maxrss, &cpu[i])) < 0)
            return 1;
        if (base) {
            if ((bt[i] = run_once(base, "/dev/null", output, &base_rss, &bcpu)) < 0)
                return 1;
            own[i] = t[i] - bt[i];
            own_cpu[i] = cpu[i] - bcpu;
        }
    }
    printf("runs %ld median_ms %.3f ", runs, median(t, runs)); /* median() sorts t */
    printf("p90_ms %.3f min_ms %.3f max_ms %.3f cpu_median_ms %.3f maxrss_kb %ld",
           t[(9 * runs + 9) / 10 - 1], t[0], t[runs - 1], median(cpu, runs), maxrss);
    if (base)
        printf(" base_median_ms %.3f own_median_ms %.3f own_cpu_median_ms %.3f",
               median(bt, runs), median(own, runs), median(own_cpu, runs));
    printf("\n");
    free(t);
    free(cpu);
    free(bt);
    free(own);
    free(own_cpu);
    return 0;
}
