/* The physical floor: PingPong (one byte through a pipe, waited for, drained) with raw epoll and poll syscalls.
 * Usage: floor [iterations] [repeats] [epoll|poll idle]. Prints "syscall idle ns_per_op" lines, each the median of the
 * repeats: for 0, 1,000 and 8,000 idle fds on both syscalls, or for the one syscall and idle count given. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int make_idle(int count, int *fds) {
    for (int i = 0; i < count; i++) {
        int p[2];
        if (pipe(p) != 0) return -1;
        fds[2 * i] = p[0];
        fds[2 * i + 1] = p[1];
    }
    return 0;
}

static double run_epoll(int idle, int iterations) {
    int p[2], *fds = malloc(sizeof(int) * 2 * (idle + 1));
    if (pipe(p) != 0 || make_idle(idle, fds) != 0) { perror("pipe"); exit(1); }
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = p[0] }, out[64];
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    for (int i = 0; i < idle; i++) { ev.data.fd = fds[2 * i]; epoll_ctl(ep, EPOLL_CTL_ADD, fds[2 * i], &ev); }
    char c = 1;
    double start = 0;
    for (int i = -iterations / 10; i < iterations; i++) {
        if (i == 0) start = now_ns();
        if (write(p[1], &c, 1) != 1 || epoll_wait(ep, out, 64, 1000) != 1 || read(p[0], &c, 1) != 1) { perror("io"); exit(1); }
    }
    double per_op = (now_ns() - start) / iterations;
    close(ep); close(p[0]); close(p[1]);
    for (int i = 0; i < 2 * idle; i++) close(fds[i]);
    free(fds);
    return per_op;
}

static double run_poll(int idle, int iterations) {
    int p[2], *fds = malloc(sizeof(int) * 2 * (idle + 1));
    if (pipe(p) != 0 || make_idle(idle, fds) != 0) { perror("pipe"); exit(1); }
    struct pollfd *set = calloc(idle + 1, sizeof *set);
    set[0].fd = p[0]; set[0].events = POLLIN;
    for (int i = 0; i < idle; i++) { set[i + 1].fd = fds[2 * i]; set[i + 1].events = POLLIN; }
    char c = 1;
    double start = 0;
    for (int i = -iterations / 10; i < iterations; i++) {
        if (i == 0) start = now_ns();
        if (write(p[1], &c, 1) != 1 || poll(set, idle + 1, 1000) != 1 || read(p[0], &c, 1) != 1) { perror("io"); exit(1); }
    }
    double per_op = (now_ns() - start) / iterations;
    close(p[0]); close(p[1]);
    for (int i = 0; i < 2 * idle; i++) close(fds[i]);
    free(fds); free(set);
    return per_op;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}
/* The median as the Java side computes it (JmhJson.median): the mean of the middle two for an even count. */
static double median(double *values, int count) {
    qsort(values, count, sizeof(double), by_value);
    return count % 2 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
}
static int usage(void) {
    fprintf(stderr, "usage: floor [iterations>=10] [repeats 1..99] [epoll|poll idle-fds>=0]\n");
    return 2;
}

/* One syscall and idle count, run by BenchMain between the JMH forks of a target's sides. */
static int run_one(const char *syscall, const char *idle_arg, int iterations, int repeats) {
    char *end;
    long idle = strtol(idle_arg, &end, 10);
    int is_epoll = strcmp(syscall, "epoll") == 0;
    if (*idle_arg == '\0' || *end != '\0' || idle < 0 || idle > 100000 || (!is_epoll && strcmp(syscall, "poll") != 0)) {
        return usage();
    }
    double runs[99];
    for (int r = 0; r < repeats; r++) runs[r] = is_epoll ? run_epoll((int) idle, iterations) : run_poll((int) idle, iterations);
    printf("%s %ld %.0f\n", syscall, idle, median(runs, repeats));
    return 0;
}

/* A single run of half a second swings by 10 % on a busy machine; the floor is the denominator of a target, so each
 * figure is the median of `repeats` runs, taking turns across the parameters as the JMH forks do. */
int main(int argc, char **argv) {
    int iterations = argc > 1 ? atoi(argv[1]) : 200000;
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    if (iterations < 10 || repeats < 1 || repeats > 99 || (argc != 5 && argc > 3)) return usage();
    if (argc == 5) return run_one(argv[3], argv[4], iterations, repeats);
    int idles[] = {0, 1000, 8000};
    double epoll[3][99], poll[3][99];
    for (int r = 0; r < repeats; r++) {
        for (int i = 0; i < 3; i++) epoll[i][r] = run_epoll(idles[i], iterations);
        for (int i = 0; i < 3; i++) poll[i][r] = run_poll(idles[i], idles[i] >= 8000 ? iterations / 20 : iterations / 4);
    }
    for (int i = 0; i < 3; i++) printf("epoll %d %.0f\n", idles[i], median(epoll[i], repeats));
    for (int i = 0; i < 3; i++) printf("poll %d %.0f\n", idles[i], median(poll[i], repeats));
    return 0;
}
