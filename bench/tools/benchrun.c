/* benchrun.c: runs a command N times and reports its wall time, CPU time and peak RSS (from
 * wait4's rusage, so only the child is measured) as one JSON object on stdout.
 *   benchrun [-n RUNS] [-o STDOUT_FILE] [-e STDERR_FILE] [-t TIMEOUT_SEC] -- CMD [ARGS...]
 * The child's stdout goes to STDOUT_FILE (default /dev/null; rewritten each run), its stderr to
 * STDERR_FILE (default: inherited). A run past the timeout is killed and counted as failed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct run {
    double wall, user, sys;
    long maxrss_kb;
    int status, signal, timed_out;
};

static void on_alarm(int sig) { (void)sig; }

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int run_once(char **argv, const char *out, const char *err, unsigned timeout, struct run *r) {
    memset(r, 0, sizeof *r);
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0) _exit(126);
        close(fd);
        if (err) {
            fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0 || dup2(fd, 2) < 0) _exit(126);
            close(fd);
        }
        execvp(argv[0], argv);
        fprintf(stderr, "benchrun: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (timeout) alarm(timeout);
    int st = 0;
    struct rusage ru;
    for (;;) {
        pid_t w = wait4(pid, &st, 0, &ru);
        if (w == pid) break;
        if (w < 0 && errno == EINTR) {
            kill(pid, SIGKILL);
            r->timed_out = 1;
            continue;
        }
        return -1;
    }
    alarm(0);
    r->wall = now() - t0;
    r->user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
    r->sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    r->maxrss_kb = ru.ru_maxrss;
    if (WIFEXITED(st)) r->status = WEXITSTATUS(st);
    else if (WIFSIGNALED(st)) r->signal = WTERMSIG(st), r->status = 128 + r->signal;
    return 0;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static int cmp_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int runs = 1;
    unsigned timeout = 0;
    const char *out = NULL, *err = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (i + 1 >= argc) break;
        if (!strcmp(argv[i], "-n")) runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-o")) out = argv[++i];
        else if (!strcmp(argv[i], "-e")) err = argv[++i];
        else if (!strcmp(argv[i], "-t")) timeout = (unsigned)atoi(argv[++i]);
        else break;
    }
    if (i >= argc || runs < 1) {
        fprintf(stderr, "usage: benchrun [-n RUNS] [-o OUT] [-e ERR] [-t TIMEOUT_SEC] -- CMD [ARGS...]\n");
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: the alarm interrupts wait4 */
    sigaction(SIGALRM, &sa, NULL);

    double *wall = calloc((size_t)runs, sizeof *wall), *user = calloc((size_t)runs, sizeof *user);
    long *rss = calloc((size_t)runs, sizeof *rss);
    if (!wall || !user || !rss) return 2;
    struct run r = {0};
    int failures = 0, timeouts = 0, last_status = 0;
    for (int k = 0; k < runs; k++) {
        if (run_once(argv + i, out, err, timeout, &r) != 0) {
            fprintf(stderr, "benchrun: fork/wait failed: %s\n", strerror(errno));
            return 2;
        }
        wall[k] = r.wall, user[k] = r.user + r.sys, rss[k] = r.maxrss_kb;
        if (r.status != 0 || r.timed_out) failures++, last_status = r.status;
        timeouts += r.timed_out;
    }
    if (runs == 1) {
        printf("{\"wall\":%.6f,\"user\":%.6f,\"sys\":%.6f,\"maxrss_kb\":%ld,\"status\":%d,\"signal\":%d,\"timeout\":%s}\n",
               r.wall, r.user, r.sys, r.maxrss_kb, r.status, r.signal, r.timed_out ? "true" : "false");
        return 0;
    }
    double mean = 0;
    for (int k = 0; k < runs; k++) mean += wall[k];
    mean /= runs;
    qsort(wall, (size_t)runs, sizeof *wall, cmp_double);
    qsort(user, (size_t)runs, sizeof *user, cmp_double);
    qsort(rss, (size_t)runs, sizeof *rss, cmp_long);
    printf("{\"runs\":%d,\"wall_min\":%.6f,\"wall_median\":%.6f,\"wall_mean\":%.6f,\"cpu_median\":%.6f,"
           "\"maxrss_kb_median\":%ld,\"maxrss_kb_max\":%ld,\"failures\":%d,\"timeouts\":%d,\"last_status\":%d}\n",
           runs, wall[0], wall[runs / 2], mean, user[runs / 2], rss[runs / 2], rss[runs - 1], failures, timeouts,
           last_status);
    return 0;
}
